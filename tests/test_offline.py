"""Reading the site from disk: links honour use_directory_urls both ways, and the
checklists work from file:// pages through a classic-script bundle of the modules."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from playbook_builder.checklists.jsbundle import BundleError, bundle_sources, checklist_bundle
from playbook_builder.cli import main

from .conftest import REPO, edition_ids

NODE = shutil.which("node")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links.extend(v for k, v in attrs if k in {"href", "src"} and v)


def _broken_links(site: Path, *, folders_ok: bool = False) -> dict[str, list[str]]:
    broken: dict[str, list[str]] = {}
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # served for any missing address, so it links from the site root
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("#") or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if folders_ok and target.is_dir():
                target = target / "index.html"
            elif parts.path.endswith("/"):
                target = target / "not a file"
            if not target.is_file():
                broken.setdefault(link, []).append(page.relative_to(site).as_posix())
    return broken


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("offline") / "site"
    assert main(["build", "--root", str(REPO), "--offline", "--site-dir", str(site)]) == 0
    return site


def test_every_internal_link_resolves_without_directory_urls(offline_site: Path) -> None:
    assert _broken_links(offline_site) == {}
    landing = (offline_site / "index.html").read_text(encoding="utf-8")
    for edition in edition_ids(REPO):
        assert f'href="{edition}/index.html"' in landing
    assert (offline_site / "employers/practices/index.html").is_file()
    assert not (offline_site / "employers/practices/pay-ranges-in-postings").exists()


def test_every_internal_link_resolves_with_directory_urls(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["build", "--root", str(REPO), "--site-dir", str(site)]) == 0
    # With directory URLs a link to a folder is right (a server serves its index.html).
    assert _broken_links(site, folders_ok=True) == {}


@pytest.mark.browser
def test_checklist_works_from_disk(offline_site: Path, browser: Any) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "console",
        lambda m: errors.append(m.text) if m.type == "error" else None,
    )
    page.goto((offline_site / "jobseekers/checklists/offer-evaluation.html").as_uri())
    page.wait_for_function("() => window.playbookChecklist !== undefined")
    page.locator(".pb-item:visible .pb-option").first.click()
    page.wait_for_function("() => document.querySelectorAll('.pb-item input:checked').length === 1")
    # "Your state" on the rights page: the bundle runs it too, and the states' figures
    # come from the data file's script twin (a page on disk cannot fetch files).
    page.goto((offline_site / "jobseekers/guides/know-your-rights.html").as_uri())
    chooser = page.locator(".pb-state-page").get_by_label("Your state")
    page.wait_for_function(
        "() => { const s = document.querySelector('.pb-state-page select'); return s && !s.disabled; }"
    )
    assert chooser.locator("option").count() == 52  # "Choose a state", 50 states and DC
    chooser.select_option("CO")
    # The state's own file (its script twin here) comes when the state is chosen.
    page.wait_for_function("() => !document.querySelector('.pb-loading')")
    figures = page.locator(".pb-state-page .pb-state-floor")
    assert "In Colorado" in figures.inner_text()
    assert figures.locator("li").count() >= 5
    # The choice is kept with the offer checklist's answers, so that page shows it too.
    page.goto((offline_site / "jobseekers/checklists/offer-evaluation.html").as_uri())
    page.wait_for_function("() => window.playbookChecklist !== undefined")
    page.wait_for_function(
        "() => { const s = document.querySelector('.pb-state-choice select'); return s && !s.disabled; }"
    )
    assert page.locator(".pb-state-choice select").input_value() == "CO"
    assert page.locator(".pb-item input:checked").count() == 1
    page.wait_for_function("() => !document.querySelector('.pb-loading')")
    assert "In Colorado" in page.locator(".pb-state-floor").first.inner_text()
    # Links between pages work from disk too.
    page.goto((offline_site / "employers/index.html").as_uri())
    link = page.locator("article a[href$='.html']").first
    target = link.get_attribute("href")
    assert target is not None and not target.endswith("/")
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(target.removeprefix("./").split("/")[-1])
    page.close()
    assert errors == [], errors


def _run_bundle(sources: dict[str, str], tail: str) -> str:
    script = bundle_sources(sources).replace("})();\n", tail + "\n})();\n")
    assert NODE is not None
    result = subprocess.run(
        [NODE, "-e", script], capture_output=True, text=True, check=False, timeout=30
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.skipif(NODE is None and not os.environ.get("CI"), reason="needs node")
def test_bundle_keeps_module_meaning() -> None:
    sources = {
        "main.js": (
            'import { double, TEN as ten } from "./math.js";\n'
            'import words from "./words.js";\n'
            'import { LIST, two } from "./words.js";\n'
            "export function run() { return double(ten) + LIST.length + two + words.greeting; }\n"
        ),
        "math.js": (
            "const hidden = 2;\n"
            "export const TEN = 10;\n"
            "export function double(x) { return x * hidden; }\n"
        ),
        "words.js": (
            'const hidden = "not the other one";\nconst LIST = [1];\nconst TWO = 2;\n'
            'export default { greeting: "!" };\nexport { LIST, TWO as two };\n'
        ),
    }
    out = _run_bundle(sources, 'console.log(__modules["main.js"].run());')
    assert out.strip() == "23!"


@pytest.mark.skipif(NODE is None and not os.environ.get("CI"), reason="needs node")
def test_bundle_runs_a_module_shared_by_two_entries_once() -> None:
    sources = {
        "main.js": 'import { count } from "./shared.js";\nconsole.log("main " + count());\n',
        "state-page.js": 'import { count } from "./shared.js";\nconsole.log("state " + count());\n',
        "shared.js": 'let runs = 0;\nconsole.log("shared");\nexport function count() { runs += 1; return runs; }\n',
    }
    script = bundle_sources(sources, ("main.js", "state-page.js"))
    assert NODE is not None
    result = subprocess.run(
        [NODE, "-e", script], capture_output=True, text=True, check=False, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n") == ["shared", "main 1", "state 2", ""]


@pytest.mark.parametrize(
    "source",
    [
        'export * from "./x.js";\n',
        'import * as x from "./x.js";\n',
        "const x = import.meta.url;\n",
    ],
)
def test_bundle_refuses_what_it_cannot_join(source: str) -> None:
    with pytest.raises(BundleError):
        bundle_sources({"main.js": source})


@pytest.mark.skipif(NODE is None and not os.environ.get("CI"), reason="needs node")
def test_the_real_bundle_is_valid_javascript(tmp_path: Path) -> None:
    path = tmp_path / "bundle.js"
    path.write_text(checklist_bundle(), encoding="utf-8")
    assert NODE is not None
    result = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
