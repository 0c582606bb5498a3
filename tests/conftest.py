"""Shared fixtures. Golden files: run `UPDATE_GOLDEN=1 pytest` to rewrite them, then
review the diff with git before committing."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
MINI = TESTS / "fixtures" / "mini"
GOLDEN = TESTS / "golden"


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


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Debian Chromium for the whole session, shared by every browser test."""
    if not CHROMIUM.exists() and os.environ.get("CI") != "true":
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

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
        yield launched
        launched.close()
