"""Golden Markdown for every template in every edition of the fixture project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from playbook_builder.project import open_project
from playbook_builder.render import render_edition

from .conftest import GOLDEN, MINI

EDITIONS = ("employers", "jobseekers", "agencies", "jobseekers-co")


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_golden_markdown(edition_id: str, golden: Callable[[str, str], None]) -> None:
    project = open_project(MINI)
    rendered = render_edition(project.content, project.edition(edition_id))
    listing = "".join(
        f"{path}\t{page.title}\t{page.source}\n" for path, page in sorted(rendered.pages.items())
    )
    golden(f"markdown/{edition_id}/_pages.tsv", listing)
    for path, page in rendered.pages.items():
        golden(f"markdown/{edition_id}/{path}", page.markdown)
    on_disk = {
        p.relative_to(GOLDEN / "markdown" / edition_id).as_posix()
        for p in (GOLDEN / "markdown" / edition_id).rglob("*")
        if p.is_file() and p.name != "_pages.tsv"
    }
    assert on_disk == set(rendered.pages)


def test_every_template_is_exercised() -> None:
    templates = {
        p.name for p in (Path(__file__).parents[1] / "playbook_builder/templates").glob("*.j2")
    }
    used = set()
    for edition_id in EDITIONS:
        pages = (GOLDEN / "markdown" / edition_id / "_pages.tsv").read_text().splitlines()
        used.update(line.split("\t")[0].split("/")[0] for line in pages)
    assert {
        "index.md",
        "clusters",
        "practices",
        "case-studies",
        "checklists",
        "metrics",
        "frameworks",
        "guides",
    } <= used
    assert "checklist_form.html.j2" in templates


def test_links_to_items_outside_the_edition_become_text() -> None:
    project = open_project(MINI)
    jobseekers = render_edition(project.content, project.edition("jobseekers"))
    page = jobseekers.pages["guides/rights.md"].markdown
    assert "Read about the county board and\n[pay](../clusters/pay-equity.md)." in page
    assert "county-board" not in "".join(p.markdown for p in jobseekers.pages.values())


def test_drafts_are_marked_and_only_shown_on_request() -> None:
    project = open_project(MINI)
    employers = project.edition("employers")
    assert "practices/draft-practice.md" not in render_edition(project.content, employers).pages
    with_drafts = render_edition(project.content, employers, drafts=True)
    page = with_drafts.pages["practices/draft-practice.md"].markdown
    assert '!!! warning "Draft"' in page


def test_content_text_is_never_run_as_a_template(mini: Path) -> None:
    rights = mini / "content/pages/rights.md"
    rights.write_text(rights.read_text() + "\nUse {{ edition.id }} and {% raw %} as typed.\n")
    project = open_project(mini)
    page = render_edition(project.content, project.edition("jobseekers")).pages["guides/rights.md"]
    assert "Use {{ edition.id }} and {% raw %} as typed." in page.markdown
