"""Other site engines: `playbook build --engine properdocs` gives the same pages with every
safeguard, and a build that cannot run says why in one line and leaves the site alone."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.cli import main
from playbook_builder.engine import engines

from .conftest import REPO, require_engine, serve_folder

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def main_text(page: Path) -> str:
    """The article's words, as a reader gets them (tags and spacing aside)."""
    found = ARTICLE.search(page.read_text("utf-8"))
    text = re.sub(r"<[^>]+>", " ", found.group(1)) if found else ""
    return " ".join(unescape(text).split())


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_engine("properdocs")
    site = tmp_path_factory.mktemp("properdocs") / "site"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "playbook_builder", "build", "--root", str(REPO)),
            *("--site-dir", str(site), "--engine", "properdocs"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return site


def test_properdocs_builds_every_edition_with_the_same_text_and_safeguards(
    properdocs_site: Path, bundled_site: Path
) -> None:
    ours = sorted(p.relative_to(bundled_site) for p in bundled_site.rglob("*.html"))
    theirs = sorted(p.relative_to(properdocs_site) for p in properdocs_site.rglob("*.html"))
    assert ours == theirs and len(ours) > 200
    different = [p for p in ours if main_text(bundled_site / p) != main_text(properdocs_site / p)]
    # Every page's main text is the same (the floor is 95%).
    assert different == [], different[:5]
    for path in theirs:
        html = (properdocs_site / path).read_text("utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html, path
        if path.name == "index.html" and path.parent.name not in {"", "."}:
            assert "ProperDocs" in html, path  # the generator tag: built by ProperDocs
    for edition in ("employers", "jobseekers", "agencies", "jobseekers-es", "jobseekers-co"):
        assert (properdocs_site / edition / "data/datapackage.json").is_file(), edition
        assert (properdocs_site / edition / "assets/playbook/checklist.bundle.js").is_file()
    # The offline worker and the manifest of the jobseekers' editions come along too.
    assert (properdocs_site / "jobseekers/sw.js").is_file()


@pytest.fixture
def context(phone_context: Any) -> Any:
    return phone_context


def test_checklists_work_on_the_properdocs_site(properdocs_site: Path, page: Any) -> None:
    from playbook_builder.checklists.scoring import score

    for base in serve_folder(properdocs_site):
        page.goto(base + "employers/checklists/employer-self-assessment/")
        page.check('input[name="leave-paid-sick"][value="mostly"]')
        definition = page.evaluate("() => window.playbookChecklist.definition()")
        expected = score(definition, {"leave-paid-sick": "mostly"})["overall"]
        page.wait_for_function(
            "() => document.querySelector('.pb-overall-score').textContent.includes('out of 100')"
        )
        assert f"{expected:g} out of 100" in page.inner_text(".pb-overall-score")
        page.goto(base + "jobseekers/checklists/offer-evaluation/")
        page.locator('.pb-item input[type="radio"]:visible').first.check()
        page.wait_for_function(
            "() => document.querySelector('.pb-progress-text').textContent.includes('1 of')"
        )


def test_unknown_engine_is_a_usage_error(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--root", str(mini), "--engine", "hugo"]) == 2
    assert "'hugo' is not one of 'mkdocs', 'properdocs', 'zensical'" in capsys.readouterr().err
    assert not (mini / "site").exists()


@pytest.mark.parametrize(
    ("found", "says"),
    [
        (None, "properdocs is not installed; install it with pip install 'properdocs>=1.6.7,<1.7'"),
        (
            "2.0.1",
            "properdocs 2.0.1 is installed, but this project is tested with properdocs>=1.6.7,<1.7",
        ),
    ],
    ids=["missing", "untested-version"],
)
def test_an_engine_that_cannot_build_leaves_the_site_alone(
    mini: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    found: str | None,
    says: str,
) -> None:
    assert main(["build", "--root", str(mini), "--edition", "jobseekers"]) == 0
    site = mini / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    capsys.readouterr()

    def version(name: str) -> str:
        if found is None:
            raise engines.PackageNotFoundError(name)
        return found

    monkeypatch.setattr(engines, "version", version)
    assert main(["build", "--root", str(mini), "--engine", "properdocs"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err, err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


# MkDocs run as an outside command on the exported Markdown, with no plugin of ours: it
# stands in for any engine without plugins (Zensical), whose output gets the same pass.
PLAIN_MKDOCS = (sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", "{config}")


@pytest.fixture(scope="module")
def outside_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from playbook_builder.engine.outside import build_exported
    from playbook_builder.project import open_project

    project = open_project(REPO)
    site = tmp_path_factory.mktemp("outside")
    for edition_id in ("employers", "jobseekers"):
        removed = build_exported(
            project, project.edition(edition_id), site / edition_id, PLAIN_MKDOCS
        )
        assert removed == []  # validated content needs no sanitising
    return site


def test_a_build_without_our_plugin_gets_every_safeguard_from_the_pass(
    outside_site: Path, bundled_site: Path
) -> None:
    for edition in ("employers", "jobseekers"):
        ours = sorted(p.relative_to(bundled_site) for p in (bundled_site / edition).rglob("*.html"))
        theirs = sorted(
            p.relative_to(outside_site) for p in (outside_site / edition).rglob("*.html")
        )
        assert ours == theirs
        different = [p for p in ours if main_text(bundled_site / p) != main_text(outside_site / p)]
        assert different == [], different[:5]
        for path in theirs:
            html = (outside_site / path).read_text("utf-8")
            assert 'http-equiv="Content-Security-Policy"' in html, path
            assert "ProperDocs" not in html and 'name="generator" content="mkdocs-1.' in html
            # The jobseekers' guide is light whatever the engine: the pass swaps the script.
            light = 'assets/playbook/light.js"></script>' in html
            assert light == (edition == "jobseekers") and light != ("javascripts/bundle." in html)
        assert (outside_site / edition / "data/datapackage.json").is_file()
        assert (outside_site / edition / "assets/playbook/checklist.bundle.js").is_file()
    assert (outside_site / "jobseekers/sw.js").is_file()
    assert (outside_site / "jobseekers/manifest.webmanifest").is_file()


def test_checklists_work_on_a_site_built_without_our_plugin(outside_site: Path, page: Any) -> None:
    for base in serve_folder(outside_site):
        page.goto(base + "jobseekers/checklists/offer-evaluation/")
        page.locator('.pb-item input[type="radio"]:visible').first.check()
        page.wait_for_function(
            "() => document.querySelector('.pb-progress-text').textContent.includes('1 of')"
        )


@pytest.mark.usefixtures("without_validation")
def test_the_pass_makes_hostile_content_inert(mini: Path, tmp_path: Path) -> None:
    """Hostile text that slipped past validation: the engine converts it as it likes, and
    the pass removes what may not be there, or refuses the page."""
    from playbook_builder.engine.outside import OutsideBuildFailed, build_exported
    from playbook_builder.project import open_project

    hostile = (
        "<img src=x onerror=alert(1)> [click](javascript:alert(1)) "
        "<iframe src='https://attacker.example/'></iframe> <script>alert(1)</script>"
    )
    page = mini / "content/pages/hostile-page.md"
    page.write_text(
        "---\ntitle: Hostile\naudiences: [employers]\nstatus: published\n---\n" + hostile + "\n",
        encoding="utf-8",
    )
    project = open_project(mini)
    edition = project.edition("employers")
    site = tmp_path / "site"
    removed = build_exported(project, edition, site, PLAIN_MKDOCS)
    assert any(line.startswith("guides/hostile-page/index.html:") for line in removed)
    html = (site / "guides/hostile-page/index.html").read_text("utf-8")
    for bad in ("onerror", "javascript:", "attacker.example", "alert(1)</script>"):
        assert bad not in html, bad
    assert 'http-equiv="Content-Security-Policy"' in html
    with pytest.raises(OutsideBuildFailed, match="needed the sanitiser"):
        build_exported(project, edition, tmp_path / "strict", PLAIN_MKDOCS, strict=True)
