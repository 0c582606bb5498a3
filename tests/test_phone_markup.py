"""The markup behind phone layouts and keyboard use, without a browser: Markdown tables
labelled for cards, the skip link on checklist pages, and per-edition options."""

from __future__ import annotations

from pathlib import Path

from playbook_builder.mkdocs_adapter import build_config
from playbook_builder.page_chrome import skip_to_checklist
from playbook_builder.project import open_project
from playbook_builder.render import render_edition
from playbook_builder.sanitise import sanitise_html
from playbook_builder.tables import stack_tables

from .conftest import MINI

MARKDOWN_TABLE = """<p>Before.</p>
<table>
<thead>
<tr>
<th>Problem</th>
<th style="text-align: left;">Who can <em>help</em> &amp; how</th>
</tr>
</thead>
<tbody>
<tr>
<td>Low pay</td>
<td style="text-align: left;">The <a href="https://www.dol.gov/">Wage and Hour Division</a></td>
</tr>
<tr>
<td>A danger at work</td>
<td>OSHA</td>
</tr>
</tbody>
</table>
<table class="pb-wide-table"><thead><tr><th>Kept</th></tr></thead><tbody><tr><td>as is</td></tr></tbody></table>
"""


def test_markdown_tables_get_a_label_on_every_cell() -> None:
    out = stack_tables(MARKDOWN_TABLE)
    assert out.count('<table class="pb-cards pb-stack">') == 1
    assert '<td data-label="Problem">Low pay</td>' in out
    assert '<td data-label="Problem">A danger at work</td>' in out
    # The label is the heading's text, escaped for an attribute; the cell keeps its own
    # attributes and content.
    assert ('<td data-label="Who can help &amp; how" style="text-align: left;">The <a href=') in out
    assert '<td data-label="Who can help &amp; how">OSHA</td>' in out
    # A table our templates wrote (with a class) is left alone.
    assert '<table class="pb-wide-table"><thead><tr><th>Kept</th>' in out
    assert "<td>as is</td>" in out
    # What it adds passes the sanitiser.
    clean = sanitise_html(out).html
    assert '<table class="pb-cards pb-stack">' in clean and 'data-label="Problem"' in clean


def test_a_table_without_a_head_is_left_alone() -> None:
    bare = "<table>\n<tbody>\n<tr><td>1</td></tr>\n</tbody>\n</table>"
    assert stack_tables(bare) == bare
    assert stack_tables("<p>No tables.</p>") == "<p>No tables.</p>"


def test_the_skip_link_lands_on_the_checklist_only_on_checklist_pages() -> None:
    theme = '<a href="#employer-check" class="md-skip">\n  Skip to content\n</a>'
    checklist_page = theme + '<form class="pb-checklist" id="pb-checklist">'
    assert '<a href="#pb-checklist" class="md-skip">\n  Skip to content' in skip_to_checklist(
        checklist_page
    )
    assert skip_to_checklist(theme + "<p>A page.</p>") == theme + "<p>A page.</p>"


def test_crosswalk_is_a_labelled_focusable_region() -> None:
    project = open_project(MINI)
    pages = render_edition(project.content, project.edition("agencies")).pages
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
    before = render_edition(project.content, project.edition("jobseekers")).pages
    assert any("[Edit this page]" in p.markdown for p in before.values())
    config.write_text(
        text.replace(
            "    audiences: [jobseekers]\n", "    audiences: [jobseekers]\n    edit_links: false\n"
        ),
        encoding="utf-8",
    )
    project = open_project(mini)
    after = render_edition(project.content, project.edition("jobseekers")).pages
    assert not any("[Edit this page]" in p.markdown for p in after.values())
    # The option is one MkDocs accepts (a strict build fails on an unknown option).
    build_config(config, mini / "site-check", strict=True)
    assert (mini / "site-check" / "index.html").is_file()


def test_each_home_page_points_to_the_other_guides() -> None:
    project = open_project(MINI)
    home = render_edition(project.content, project.edition("employers")).pages["index.md"]
    assert "## Other guides" in home.markdown
    assert "[see all the guides](../)" in home.markdown
    for other in ("jobseekers", "agencies", "jobseekers-co"):
        assert f"](../{other}/){{ hreflang=" in home.markdown
    assert "](../employers/)" not in home.markdown
