"""Real MkDocs builds of the fixture project: editions, isolation, export, atomicity."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.cli import main
from playbook_builder.engine.adapter import build_config
from playbook_builder.engine.export import export_edition
from playbook_builder.project import open_project
from playbook_builder.render.page_chrome import use_light_script
from playbook_builder.render.sanitise import sanitise_html

from .conftest import MINI, edition_ids
from .helpers import AGENCY_CANARY, DRAFT_CANARY, files_containing


@pytest.fixture
def built(mini: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["build", "--root", str(mini)]) == 0
    capsys.readouterr()
    return mini / "site"


def test_build_makes_landing_page_and_every_edition(built: Path) -> None:
    landing = (built / "index.html").read_text()
    for edition in edition_ids(MINI):
        assert (built / edition / "index.html").is_file()
        assert (built / edition / "search/search_index.json").is_file()
        assert f'href="{edition}/"' in landing
    assert not (built / "jobseekers/practices").exists()


def test_content_reaches_only_its_audience(built: Path) -> None:
    # The agency-only case study appears in the agency edition, page and search index...
    assert "case-studies/county-board/index.html" in files_containing(
        built / "agencies", AGENCY_CANARY
    )
    assert "search/search_index.json" in files_containing(built / "agencies", AGENCY_CANARY)
    assert "county-board" in (built / "agencies/sitemap.xml").read_text()
    # ...and nowhere in the others: pages, search index, sitemap, navigation.
    for edition in ("employers", "jobseekers"):
        assert files_containing(built / edition, AGENCY_CANARY) == []
        assert files_containing(built / edition, "county-board") == []
    # The draft is in no edition at all.
    assert files_containing(built, DRAFT_CANARY) == []


def test_open_data_holds_only_the_editions_items(built: Path) -> None:
    # The agency-only case study is in the agency edition's data, as JSON and CSV...
    assert files_containing(built / "agencies/data", AGENCY_CANARY) == [
        "case-studies.csv",
        "case-studies.json",
    ]
    # ...and in no other edition's data, not even as an id in a list or a link.
    for edition in ("employers", "jobseekers"):
        data = built / edition / "data"
        assert (data / "datapackage.json").is_file()
        assert files_containing(data, AGENCY_CANARY) == []
        assert files_containing(data, "county-board") == []
    assert files_containing(built / "employers/data", "union-membership-rate") == []
    for edition in edition_ids(MINI):
        assert files_containing(built / edition / "data", "draft-practice") == []
        assert files_containing(built / edition / "data", DRAFT_CANARY) == []


def test_old_metric_links_land_on_the_metric(built: Path) -> None:
    index = (built / "agencies/metrics/index.html").read_text()
    row = re.search(r'<tr id="union-membership-rate">(.*?)</tr>', index, re.S)
    assert row and 'href="union-membership-rate/"' in row.group(1)
    page = (built / "agencies/metrics/union-membership-rate/index.html").read_text()
    assert "<dt>Numerator</dt>" in page and "<dt>Data sources</dt>" in page
    assert '<a href="../data/metrics.csv">CSV</a>' in index


def test_parallel_build_gives_the_same_site(
    mini: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parallel = mini / "parallel"
    assert main(["build", "--root", str(mini), "--jobs", "2", "--site-dir", str(parallel)]) == 0
    capsys.readouterr()
    sequential = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html"))
    assert (
        sorted(p.relative_to(parallel).as_posix() for p in parallel.rglob("*.html")) == sequential
    )
    for rel in sequential:
        assert _article(parallel / rel) == _article(built / rel), rel


def test_failed_parallel_build_keeps_previous_site(
    mini: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (built / "agencies/index.html").read_bytes()
    # Valid content, but a MkDocs-level failure in one edition: a strict build with a
    # broken Markdown anchor link in a page.
    page = mini / "content/pages/rights.md"
    page.write_text(page.read_text() + "\nSee [the missing part](#no-such-anchor).\n")
    code = main(["build", "--root", str(mini), "--jobs", "2", "--strict"])
    _, err = capsys.readouterr()
    assert code == 1 and "previous site is unchanged" in err
    assert (built / "agencies/index.html").read_bytes() == before
    assert [p.name for p in mini.iterdir() if p.name.startswith(".site")] == []


def test_drafts_flag_shows_drafts_marked(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = mini / "preview"
    assert main(["build", "--root", str(mini), "--drafts", "--site-dir", str(site)]) == 0
    capsys.readouterr()
    page = (site / "employers/practices/draft-practice/index.html").read_text()
    assert DRAFT_CANARY in page and "This page is a draft" in page
    assert "draft-practice" in (site / "employers/data/practices.csv").read_text()
    # Still only for its audiences: the draft is marked for all three, the agency case is not.
    assert files_containing(site / "jobseekers", AGENCY_CANARY) == []


def test_fourth_edition_is_configuration_only(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mini / "mkdocs.partners.yml").write_text(
        "INHERIT: mkdocs.yml\nsite_name: Playbook for Partners\nsite_dir: site/partners\nsite_url: https://example.org/playbook/partners/\n"
        "plugins:\n  playbook:\n    edition: partners\n    audiences: [partners, agencies]\n"
        "    description: For partner organisations.\n"
    )
    metric = mini / "content/metrics/union-membership-rate.yml"
    metric.write_text(metric.read_text().replace("audiences: [agencies]", "audiences: [partners]"))
    assert main(["build", "--root", str(mini), "--strict"]) == 0
    capsys.readouterr()
    site = mini / "site"
    assert "Playbook for Partners" in (site / "index.html").read_text()
    assert (site / "partners/case-studies/county-board/index.html").is_file()
    assert "Union membership rate" in (site / "partners/metrics/index.html").read_text()
    assert not (site / "agencies/metrics").exists()


def test_export_builds_with_stock_mkdocs_to_the_same_pages(mini: Path, tmp_path: Path) -> None:
    project = open_project(mini)
    for edition in project.editions:
        plugin_site = tmp_path / "plugin" / edition.id
        build_config(edition.config_file, plugin_site, strict=True)
        out = tmp_path / "export" / edition.id
        config = export_edition(project, edition, out)
        assert (
            "playbook"
            not in re.findall(r"^\s*(\w+):", config.read_text().split("plugins:")[1], re.M)[:1]
        )
        # Stock mkdocs, in a clean process, with no plugin of ours.
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
            check=True,
            cwd=out,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        export_site = out / "site"
        plugin_pages = sorted(
            p.relative_to(plugin_site).as_posix() for p in plugin_site.rglob("*.html")
        )
        export_pages = sorted(
            p.relative_to(export_site).as_posix() for p in export_site.rglob("*.html")
        )
        assert plugin_pages == export_pages
        for rel in plugin_pages:
            # The plugin runs every page through the allow-list sanitiser (a stock build
            # does not); on valid content that removes nothing and only re-serialises.
            exported = sanitise_html(_inner(_article(export_site / rel)))
            assert exported.removed == [], rel
            assert _inner(_article(plugin_site / rel)) == exported.html, rel
            # The same script files, the checklist loader as an ES module, none inline;
            # a light edition's pages have light.js where a stock build has the theme's
            # script (the pass that swaps it runs after any engine: outside.py).
            exported_scripts = _scripts(export_site / rel)
            if edition.light:
                exported_scripts = [
                    use_light_script(tag + "</script>")[:-9] for tag in exported_scripts
                ]
            assert _scripts(plugin_site / rel) == exported_scripts, rel
        assert '<script src="assets/playbook/checklist-loader.js" type="module">' in (
            _scripts(export_site / "index.html")
        )
        ours = sorted(
            p.relative_to(plugin_site).as_posix()
            for p in (plugin_site / "assets/playbook").rglob("*")
            if p.is_file()
        )
        assert "assets/playbook/checklist.bundle.js" in ours
        for rel in ours:
            assert (plugin_site / rel).read_bytes() == (export_site / rel).read_bytes(), rel

        # The open data travels with the export, byte for byte.
        def data_files(site: Path) -> list[str]:
            folder = site / "data"
            return sorted(
                p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
            )

        plugin_data = data_files(plugin_site)
        assert "datapackage.json" in plugin_data
        assert data_files(export_site) == plugin_data
        for name in plugin_data:
            assert (export_site / "data" / name).read_bytes() == (
                plugin_site / "data" / name
            ).read_bytes()


def _inner(article: str) -> str:
    return re.sub(r"^<article[^>]*>|</article>$", "", article)


def _scripts(path: Path) -> list[str]:
    """The page's script tags with a src (inline scripts are the theme's own)."""
    return re.findall(r"<script\b[^>]*\bsrc=[^>]*>", path.read_text())


def _article(path: Path) -> str:
    match = re.search(r"<article.*?</article>", path.read_text(), re.S)
    return match.group(0) if match else ""


def test_mkdocs_cli_builds_an_edition_natively(mini: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.jobseekers.yml"],
        cwd=mini,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert (mini / "site/jobseekers/checklists/offer-check/index.html").is_file()


_EXTERNAL_LOAD = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)[^>]+src=["'](?:https?:)?//"""
    r"""|<link(?![^>]*rel=["']canonical)[^>]+href=["'](?:https?:)?//|@import\s+url\(["']?(?:https?:)?//|url\(["']?(?:https?:)?//"""
)


def test_output_makes_no_third_party_requests(built: Path) -> None:
    offenders = []
    for path in built.rglob("*"):
        if path.suffix in (".html", ".css", ".js") and _EXTERNAL_LOAD.search(
            path.read_text(errors="ignore")
        ):
            offenders.append(path.relative_to(built).as_posix())
    assert offenders == []
    assert files_containing(built, "fonts.googleapis") == []


def test_overlay_items_reach_only_their_edition(built: Path) -> None:
    # The Colorado overlay replaces the rights page and adds a page, in its own edition...
    replaced = files_containing(built, "COLORADOCANARY-5d1c")
    added = files_containing(built, "COLORADONEWCANARY-8e2a")
    assert "jobseekers-co/guides/rights/index.html" in replaced
    assert "jobseekers-co/search/search_index.json" in replaced
    assert "jobseekers-co/guides/colorado-help/index.html" in added
    # ...and nowhere else: not in the base jobseekers edition, not in any other edition.
    assert all(hit.startswith("jobseekers-co/") for hit in replaced + added)
    assert (
        "Know your rights in Colorado"
        not in (built / "jobseekers/guides/rights/index.html").read_text()
    )
    assert (built / "jobseekers/data/jurisdictions.json").is_file()
    assert not (built / "employers/data/jurisdictions.json").exists()


@pytest.mark.browser
def test_exported_checklist_works_and_skips_to_the_checklist(
    mini: Path, tmp_path: Path, browser: Any
) -> None:
    """A plain build of an export (no plugin of ours) loads the one-file checklist script,
    and "Skip to content" on a checklist page goes to the checklist."""
    from .conftest import serve_folder

    project = open_project(mini)
    edition = project.edition("jobseekers")
    config = export_edition(project, edition, tmp_path / "export")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
        check=True,
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    served = serve_folder(config.parent / "site")
    base = next(served)
    try:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "checklists/offer-check/")
        page.wait_for_selector(".pb-progress")
        assert page.get_attribute("a.md-skip", "href") == "#pb-checklist"
        page.close()
        assert errors == []
    finally:
        served.close()
