"""The markup behind phone layouts and keyboard use, without a browser: Markdown tables
labelled for cards, the skip link on checklist pages, and per-edition options."""

from __future__ import annotations

from pathlib import Path

from playbook_builder.engine.adapter import build_config
from playbook_builder.project import open_project
from playbook_builder.render.edition import render_edition
from playbook_builder.render.page_chrome import finish_page, skip_to_checklist, use_light_script
from playbook_builder.render.sanitise import sanitise_html
from playbook_builder.render.tables import stack_tables

from .conftest import MINI

MARKDOWN_TABLE = """Before.

| Problem | Who can *help* & how |
|:---|---|
| Low pay | The [Wage and Hour Division](https://www.dol.gov/) |
| A danger at `work | code` | OSHA \\| its state plans |
| Short row |

```text
| not | a table |
|---|---|
```

After.
"""


def _html(markdown_text: str) -> str:
    import markdown

    return markdown.markdown(markdown_text, extensions=["md_in_html", "tables", "fenced_code"])


def test_markdown_tables_become_labelled_html_tables() -> None:
    out = stack_tables(MARKDOWN_TABLE)
    assert out.count('<table class="pb-cards pb-stack" markdown="1">') == 1
    # A fenced block is left as it is.
    assert "```text\n| not | a table |\n|---|---|\n```" in out
    page = _html(out)
    assert '<td data-label="Problem">Low pay</td>' in page
    # The label is the heading's text, without its Markdown, escaped for an attribute;
    # the cell keeps its Markdown (a link, a code span holding a pipe, an escaped pipe).
    assert (
        '<td data-label="Who can help &amp; how">The <a href="https://www.dol.gov/">'
        "Wage and Hour Division</a></td>"
    ) in page
    assert '<td data-label="Problem">A danger at <code>work | code</code></td>' in page
    assert '<td data-label="Who can help &amp; how">OSHA | its state plans</td>' in page
    # A short row is padded, as the tables extension does.
    assert (
        '<td data-label="Problem">Short row</td>\n<td data-label="Who can help &amp; how"></td>'
        in page
    )
    assert '<th scope="col">Who can <em>help</em> &amp; how</th>' in page
    # What it writes passes the sanitiser untouched.
    cleaned = sanitise_html(page)
    assert cleaned.removed == [] and 'data-label="Problem"' in cleaned.html


def test_text_that_is_not_a_table_is_left_alone() -> None:
    for text in (
        "No tables.",
        "A | pipe in a sentence.",
        "A paragraph line\n| a | b |\n|---|---|\n| 1 | 2 |",  # no blank line before
    ):
        assert stack_tables(text) == text


def test_the_skip_link_lands_on_the_checklist_only_on_checklist_pages() -> None:
    theme = '<a href="#employer-check" class="md-skip">\n  Skip to content\n</a>'
    checklist_page = theme + '<form class="pb-checklist" id="pb-checklist">'
    assert '<a href="#pb-checklist" class="md-skip">\n  Skip to content' in skip_to_checklist(
        checklist_page
    )
    assert skip_to_checklist(theme + "<p>A page.</p>") == theme + "<p>A page.</p>"


def test_crosswalk_is_a_labelled_focusable_region() -> None:
    project = open_project(MINI)
    pages = render_edition(
        project.content_for(project.edition("agencies")), project.edition("agencies")
    ).pages
    crosswalk = pages["frameworks/index.md"].markdown
    assert (
        '<div class="pb-table-scroll" role="region" tabindex="0" aria-label="Crosswalk table'
        in (crosswalk)
    )
    assert '<p class="pb-scroll-hint">Scroll sideways to see more.</p>' in crosswalk
    assert '<th scope="row"><a href=' in crosswalk
    # Sanitised as it would be in a build: nothing the region needs is removed.
    html = sanitise_html(crosswalk)
    assert 'role="region"' in html.html and 'tabindex="0"' in html.html


def test_edit_links_are_an_edition_option(mini: Path) -> None:
    config = mini / "mkdocs.jobseekers.yml"
    text = config.read_text(encoding="utf-8")
    assert "edit_links" not in text
    project = open_project(mini)
    before = render_edition(
        project.content_for(project.edition("jobseekers")), project.edition("jobseekers")
    ).pages
    assert any("[Edit this page]" in p.markdown for p in before.values())
    config.write_text(
        text.replace(
            "    audiences: [jobseekers]\n", "    audiences: [jobseekers]\n    edit_links: false\n"
        ),
        encoding="utf-8",
    )
    project = open_project(mini)
    after = render_edition(
        project.content_for(project.edition("jobseekers")), project.edition("jobseekers")
    ).pages
    assert not any("[Edit this page]" in p.markdown for p in after.values())
    # The option is one MkDocs accepts (a strict build fails on an unknown option).
    build_config(config, mini / "site-check", strict=True)
    assert (mini / "site-check" / "index.html").is_file()


def test_each_home_page_points_to_the_other_guides() -> None:
    project = open_project(MINI)
    home = render_edition(
        project.content_for(project.edition("employers")), project.edition("employers")
    ).pages["index.md"]
    assert "## Other guides" in home.markdown
    assert "[see all the guides](../)" in home.markdown
    for other in ("jobseekers", "agencies", "jobseekers-co"):
        assert f"](../{other}/){{ hreflang=" in home.markdown
    assert "](../employers/)" not in home.markdown


def test_the_search_dialog_is_named_in_the_page_language(bundled_site: Path) -> None:
    for edition, name in (("jobseekers", "Search"), ("jobseekers-es", "Búsqueda")):
        html = (bundled_site / edition / "index.html").read_text("utf-8")
        assert f'role="dialog" aria-label="{name}"' in html, edition
        not_found = (bundled_site / edition / "404.html").read_text("utf-8")
        assert 'role="dialog" aria-label=' in not_found, edition


def test_state_sources_stay_out_of_the_search_index(bundled_site: Path) -> None:
    """A state's facts are searchable; its list of sources (most of a state page's text)
    is not, which keeps the index every page fetches about a fifth smaller."""
    import json

    index = json.loads((bundled_site / "jobseekers/search/search_index.json").read_text("utf-8"))
    state = " ".join(
        d["text"] for d in index["docs"] if d["location"].startswith("state-by-state/co/")
    )
    assert "Minimum wage" in state and "303-318-8441" in state  # facts and the office line
    assert "Sources (" not in state and "Read December" not in state
    page = (bundled_site / "jobseekers/state-by-state/co/index.html").read_text("utf-8")
    assert "Read December" in page  # still on the page itself


def test_a_light_page_swaps_the_theme_script_for_light_js() -> None:
    tag = '<script src="{}assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    for prefix in ("", "./", "../../", "/playbook/jobseekers/"):
        page = (
            f'<html lang="es" class="no-js"><body>x {tag.format(prefix)}'
            f'<script src="{prefix}assets/playbook/site.js">'
        )
        light = use_light_script(page)
        assert f'<script src="{prefix}assets/playbook/light.js"></script>' in light
        assert "bundle." not in light and light.count("<script") == 2
        assert light.startswith('<html lang="es"><body>')  # no root class to take away
        assert finish_page(page) == page  # not light: the theme's script and class stay
    plain = '<html class="no-js"><body>no theme script</body>'
    assert use_light_script(plain) == plain
