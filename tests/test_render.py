"""Golden Markdown for every template in every edition of the fixture project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from playbook_builder.content.problems import ContentError
from playbook_builder.project import open_project
from playbook_builder.render.edition import render_edition

from .conftest import GOLDEN, MINI

EDITIONS = ("employers", "jobseekers", "agencies", "jobseekers-co")


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_golden_markdown(
    edition_id: str, golden: Callable[[str, str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The legal facts show the values in force on the build day: fix the day.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796515200")  # 2026-12-06
    project = open_project(MINI)
    rendered = render_edition(
        project.content_for(project.edition(edition_id)), project.edition(edition_id)
    )
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
    # Open data: JSON as written; CSV with its byte-order mark and CRLF line ends
    # normalised (test_opendata checks those bytes).
    for path, data in rendered.files.items():
        golden(f"data/{edition_id}/{path}", data.decode("utf-8-sig").replace("\r\n", "\n"))
    data_dir = GOLDEN / "data" / edition_id
    assert {p.relative_to(data_dir).as_posix() for p in data_dir.rglob("*.*")} == set(
        rendered.files
    )


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
    jobseekers = render_edition(
        project.content_for(project.edition("jobseekers")), project.edition("jobseekers")
    )
    page = jobseekers.pages["guides/rights.md"].markdown
    assert "Read about the county board and\n[pay](../clusters/pay-equity.md)." in page
    assert "county-board" not in "".join(p.markdown for p in jobseekers.pages.values())


def test_drafts_are_marked_and_only_shown_on_request() -> None:
    project = open_project(MINI)
    employers = project.edition("employers")
    assert (
        "practices/draft-practice.md"
        not in render_edition(project.content_for(employers), employers).pages
    )
    with_drafts = render_edition(project.content_for(employers), employers, drafts=True)
    page = with_drafts.pages["practices/draft-practice.md"].markdown
    assert '!!! warning "Draft"' in page


def test_content_text_is_never_run_as_a_template(mini: Path) -> None:
    rights = mini / "content/pages/rights.md"
    rights.write_text(rights.read_text() + "\nUse {{ edition.id }} and {% raw %} as typed.\n")
    project = open_project(mini)
    page = render_edition(
        project.content_for(project.edition("jobseekers")), project.edition("jobseekers")
    ).pages["guides/rights.md"]
    assert "Use {{ edition.id }} and {% raw %} as typed." in page.markdown


def _add_cost_range(mini: Path, source: int) -> None:
    practice = mini / "content/practices/regular-pay-review.yml"
    practice.write_text(
        practice.read_text()
        + "cost_range:\n"
        + "  small: 4 to 8 staff hours a year\n"
        + "  large: 20 to 40 staff hours a year\n"
        + f"  source: {source}\n"
        + "sources:\n"
        + "  - title: A costing study\n"
        + "    publisher: A publisher\n"
        + "    url: https://costs.test/study\n"
        + "    accessed: 2026-12-01\n"
    )


def test_practice_shows_a_sourced_cost_range(mini: Path) -> None:
    _add_cost_range(mini, source=1)
    project = open_project(mini)
    pages = render_edition(
        project.content_for(project.edition("employers")), project.edition("employers")
    ).pages
    page = pages["practices/regular-pay-review.md"].markdown
    assert "## What it costs\n\nStaff time; public wage data is free." in page
    assert "- **Small employer:** 4 to 8 staff hours a year" in page
    assert "- **Larger employer:** 20 to 40 staff hours a year" in page
    assert "Figures from [source 1](#sources)." in page
    assert "so no figure is shown" not in page


def test_a_cost_range_must_point_at_a_listed_source(mini: Path) -> None:
    _add_cost_range(mini, source=2)
    with pytest.raises(ContentError) as raised:
        open_project(mini)
    assert (
        "content/practices/regular-pay-review.yml:24:11: cost_range.source: "
        "source 2 does not exist; the practice lists 1"
    ) in str(raised.value)


def test_case_study_without_results_says_none_were_published(mini: Path) -> None:
    case = mini / "case_studies/county-board.yml"
    text = case.read_text()
    start, end = text.index("results:"), text.index("sources:")
    case.write_text(text[:start] + "results: []\n" + text[end:])
    project = open_project(mini)
    pages = render_edition(
        project.content_for(project.edition("agencies")), project.edition("agencies")
    ).pages
    page = pages["case-studies/county-board.md"].markdown
    assert "## Results\n\nNo results have been published for this example." in page
    illustrative = pages["case-studies/acme-clinic.md"].markdown
    assert "## Results" in illustrative


def test_golden_markdown_of_a_translation(
    mini: Path, golden: Callable[[str, str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Spanish edition of the fixture project, from the catalogues kept beside it
    (tests/fixtures/mini-es): translated text, English fallbacks marked, dates and
    alphabetical order in Spanish, the notice, links that say their language."""
    import shutil

    from .helpers import ES_EDITION

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796515200")  # 2026-12-06
    (mini / "mkdocs.jobseekers-es.yml").write_text(ES_EDITION, encoding="utf-8")
    shutil.copytree(MINI.parent / "mini-es", mini / "locale")
    project = open_project(mini)
    rendered = render_edition(
        project.content_for(project.edition("jobseekers-es")), project.edition("jobseekers-es")
    )
    listing = "".join(
        f"{path}\t{page.title}\t{page.source}\n" for path, page in sorted(rendered.pages.items())
    )
    golden("markdown/jobseekers-es/_pages.tsv", listing)
    for path, page in rendered.pages.items():
        golden(f"markdown/jobseekers-es/{path}", page.markdown)
        # The private marks for untranslated text never reach a page.
        assert "\ue000" not in page.markdown and "\ue001" not in page.markdown, path
    on_disk = {
        p.relative_to(GOLDEN / "markdown" / "jobseekers-es").as_posix()
        for p in (GOLDEN / "markdown" / "jobseekers-es").rglob("*")
        if p.is_file() and p.name != "_pages.tsv"
    }
    assert on_disk == set(rendered.pages)
