"""The jobseekers' guide on a phone with little data: readable offline after one visit,
installable, and not stuck on an old build.

Real builds of the fixture project, served over HTTP, in Debian's Chromium."""

from __future__ import annotations

import json
import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.cli import main
from playbook_builder.render.offline import icon_png, precache_list

from .conftest import serve_folder

CHECKLIST = "jobseekers/checklists/offer-check/"


@pytest.fixture
def built(mini: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["build", "--root", str(mini)]) == 0
    capsys.readouterr()
    return mini / "site"


@pytest.fixture
def served(built: Path) -> Iterator[str]:
    yield from serve_folder(built)


def _version(site: Path) -> str:
    found = re.search(r'const VERSION = "([0-9a-f]+)"', (site / "jobseekers/sw.js").read_text())
    assert found
    return found.group(1)


def test_the_worker_saves_what_a_jobseeker_needs(built: Path) -> None:
    site = built / "jobseekers"
    urls = precache_list(site)
    assert urls[0] == "./"
    for needed in ("checklists/offer-check/", "state-by-state/"):
        assert needed in urls
    assert "state-by-state/tx/" not in urls  # saved when read or chosen
    assert "data/states/index.json" in urls  # the list of states; a state's file when picked
    assert "data/jurisdictions.json" not in urls
    assert any(u.startswith("assets/stylesheets/") for u in urls)
    assert "assets/playbook/checklist.js" in urls or any("checklist" in u for u in urls)
    for url in urls:
        target = site / (url + "index.html" if url.endswith("/") else url)
        assert target.is_file(), url
    # Only the guide that asks for it works offline; the employers' guide does not.
    assert not (built / "employers/sw.js").exists()
    assert 'rel="manifest"' not in (built / "employers/index.html").read_text()
    page = (site / "state-by-state/tx/index.html").read_text()
    assert '<link rel="manifest" href="../../manifest.webmanifest">' in page


def test_manifest_and_icons(built: Path) -> None:
    site = built / "jobseekers"
    manifest = json.loads((site / "manifest.webmanifest").read_text())
    assert manifest["name"] == "Is This a Good Job?"
    assert manifest["short_name"] == "Good Job?"
    assert manifest["start_url"] == "checklists/offer-check/"
    assert manifest["display"] == "standalone" and manifest["lang"] == "en"
    for icon in manifest["icons"]:
        data = (site / icon["src"]).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", data[16:24])
        assert f"{width}x{height}" == icon["sizes"]
    # The icon is a real image: the theme's indigo with a white check mark.
    raw = zlib.decompress(icon_png(48)[41:-16])
    assert b"\xff\xff\xff" in raw and b"\x3f\x51\xb5" in raw


def test_a_new_build_has_a_new_version_and_a_build_from_disk_has_no_worker(
    mini: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _version(built)
    assert main(["build", "--root", str(mini)]) == 0
    assert _version(built) == first  # the same content, the same version
    page = mini / "content/jurisdictions/tx.yml"
    page.write_text(page.read_text().replace("Texas", "Texas (changed)", 1))
    assert main(["build", "--root", str(mini)]) == 0
    assert _version(built) != first
    assert main(["build", "--root", str(mini), "--offline", "--site-dir", str(mini / "disk")]) == 0
    capsys.readouterr()
    assert not (mini / "disk/jobseekers/sw.js").exists()
    assert 'rel="manifest"' not in (mini / "disk/jobseekers/index.html").read_text()


def _controlled(page: Any, url: str) -> None:
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def test_offline_after_one_visit_installable_and_renewed(
    browser: Any, served: str, built: Path, mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _controlled(page, served + CHECKLIST)
    # Picking a state saves that state's page for later.
    page.locator("#pb-checklist select").first.select_option("TX")
    tx_page = served + "jobseekers/state-by-state/tx/"
    page.wait_for_function("(url) => caches.match(url).then(r => !!r)", arg=tx_page)
    tx_data = served + "jobseekers/data/states/tx.json"
    page.wait_for_function("(url) => caches.match(url).then(r => !!r)", arg=tx_data)
    assert not page.evaluate(
        "(url) => caches.match(url).then(r => !!r)", served + "jobseekers/state-by-state/co/"
    )

    # Chromium's own installability check: nothing missing (a test browser profile is
    # always "incognito", which only a real profile is not).
    cdp = context.new_cdp_session(page)
    problems = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [p["errorId"] for p in problems if p["errorId"] != "in-incognito"] == []

    # No network: the checklist opens from the saved copy, says so with the day it was
    # saved, and still works (answers never leave the device anyway).
    context.set_offline(True)
    page.reload()
    note = page.locator("[data-pb-offline]")
    note.wait_for(state="visible")
    assert re.search(
        r"copy saved on this device on [A-Z][a-z]+ \d{1,2}, 20\d\d\.", note.inner_text()
    )
    first = page.locator("#pb-checklist input[type=radio]:visible").first
    first.check()
    assert first.is_checked()
    assert "1 of" in page.locator(".pb-progress, .pb-sticky, body").first.inner_text()
    # The reader's state page, never opened, was saved when they picked the state.
    page.goto(tx_page)
    assert "Texas" in page.locator("h1").inner_text()

    # Back online, a new build: one reload shows it, and the old copy is gone.
    context.set_offline(False)
    old = page.evaluate("caches.keys()")
    tx = mini / "content/jurisdictions/tx.yml"
    tx.write_text(tx.read_text().replace('title: "Texas"', 'title: "Texas (new build)"', 1))
    assert main(["build", "--root", str(mini)]) == 0
    capsys.readouterr()
    page.reload()
    assert "Texas (new build)" in page.locator("h1").inner_text()
    page.wait_for_function(
        "(old) => caches.keys().then(k => k.length === 1 && k[0] !== old[0])", arg=old
    )
    assert errors == []
    context.close()
