"""Shared fixtures. Golden files: run `UPDATE_GOLDEN=1 pytest` to rewrite them, then
review the diff with git before committing.

The browser tests share one Chromium for the whole session (Playwright's sync API runs
one instance at a time) and the built sites they serve."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
MINI = TESTS / "fixtures" / "mini"
GOLDEN = TESTS / "golden"
CHROMIUM = Path("/usr/bin/chromium")


def edition_ids(root: Path) -> list[str]:
    """The editions a project declares (its mkdocs.<edition>.yml files), so a new
    edition needs no test change."""
    from playbook_builder.editions import discover_editions

    return [e.id for e in discover_editions(root)]


def audience_names(root: Path) -> list[str]:
    from playbook_builder.editions import all_audiences, discover_editions

    return sorted(all_audiences(discover_editions(root)))


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small fixture project."""
    target = tmp_path / "project"
    shutil.copytree(MINI, target)
    return target


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path}; run UPDATE_GOLDEN=1 pytest"
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    return check_golden


# ------------------------------------------------------------------- browser tests


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 for as long as the generator is open."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, built."""
    from playbook_builder.cli import main

    project = tmp_path_factory.mktemp("browser") / "mini"
    shutil.copytree(MINI, project)
    assert main(["build", "--root", str(project)]) == 0
    return project / "site"


@pytest.fixture(scope="session")
def base(site: Path) -> Iterator[str]:
    yield from serve_folder(site)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own content, built."""
    from playbook_builder.cli import main

    if not list((REPO / "content/checklists").glob("*.yml")):
        pytest.skip("no bundled checklists yet")
    site_dir = tmp_path_factory.mktemp("bundled") / "site"
    assert main(["build", "--root", str(REPO), "--site-dir", str(site_dir)]) == 0
    return site_dir


@pytest.fixture(scope="session")
def bundled_base(bundled_site: Path) -> Iterator[str]:
    yield from serve_folder(bundled_site)


# A checklist page builds its form in slices after the load event (dom.inSlices), and its
# form says aria-busy until the last one. A test acts once it has started, as a reader
# would a moment later; test_browser_start.py covers what happens before that.
STARTED = "() => !document.querySelector('form.pb-checklist[aria-busy]')"
_NAVIGATIONS = ("goto", "reload", "go_back", "go_forward")


def _waits_for_checklists(navigate: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(navigate)
    def navigate_and_wait(page: Any, *args: Any, **kwargs: Any) -> Any:
        response = navigate(page, *args, **kwargs)
        # A test that asks for an earlier moment ("commit", "domcontentloaded") gets it.
        if kwargs.get("wait_until") in (None, "load", "networkidle"):
            page.wait_for_function(STARTED)
        return response

    return navigate_and_wait


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium through Playwright; outside CI, skipped when it is missing.
    Every navigation of a page in the session waits for its checklist to start."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required in CI")
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import Page, sync_playwright

    originals = {name: getattr(Page, name) for name in _NAVIGATIONS}
    for name, navigate in originals.items():
        setattr(Page, name, _waits_for_checklists(navigate))

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            yield launched
        finally:
            launched.close()
            for name, navigate in originals.items():
                setattr(Page, name, navigate)


def require_engine(name: str) -> None:
    """Skip a test of another site engine where its extra is not installed; in CI (CI=true)
    it must be (the README's test command installs it)."""
    from playbook_builder.engine.engines import EngineUnavailable, check

    try:
        check(name)
    except EngineUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required in CI: {exc}")
        pytest.skip(str(exc))


# A fresh browser context and tab per test (fresh sessionStorage and localStorage); a
# script error on the page fails the test. Modules may define their own for other sizes.
@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    assert errors == [], f"script errors on the page: {errors}"


@pytest.fixture(scope="session")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def without_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if hostile text slipped past validation: only the net under it is left."""
    from playbook_builder.content import load as content_module
    from playbook_builder.content import models

    monkeypatch.setattr(models, "first_problem", lambda text: None)
    monkeypatch.setattr(content_module, "unsafe_spans", lambda text: iter(()))
    content_module._PARSE_CACHE.clear()
    content_module._ITEM_CACHE.clear()
    content_module._DISK_LOADED.clear()


@pytest.fixture
def phone_context(browser: Any) -> Iterator[Any]:
    """A context at a phone's width (360 px); use it as ``context`` for the ``page`` fixture."""
    ctx = browser.new_context(viewport={"width": 360, "height": 800}, accept_downloads=True)
    yield ctx
    ctx.close()
