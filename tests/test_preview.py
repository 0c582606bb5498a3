"""Live preview: a real `playbook serve` on a loopback port, edited while it runs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode())
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(check: Callable[[], bool], timeout: float = 30.0) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if check():
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the preview")


@pytest.fixture
def server(mini: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "playbook_builder",
            "serve",
            "--root",
            str(mini),
            "--edition",
            "jobseekers",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    base = f"http://127.0.0.1:{port}/playbook/jobseekers/"
    try:
        wait_for(lambda: "Know your rights" in fetch(base + "guides/rights/"), timeout=60)
        yield proc, base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def test_preview_follows_edits_survives_errors_and_recovers(
    server: tuple[subprocess.Popen[str], str], mini: Path, tmp_path: Path
) -> None:
    proc, base = server
    page = mini / "content/pages/rights.md"
    original = page.read_text()

    page.write_text(
        original.replace("You have rights at work.", "You have rights at work. PREVIEW-ONE")
    )
    wait_for(lambda: "PREVIEW-ONE" in fetch(base + "guides/rights/"))

    # A broken file: the server stays up and shows where the problem is.
    page.write_text(original.replace("title: Know your rights", "title: [Know your rights"))
    wait_for(lambda: "content/pages/rights.md:3:10: YAML syntax error" in fetch(base))
    assert proc.poll() is None

    # The next good save recovers.
    page.write_text(original.replace("You have rights at work.", "PREVIEW-TWO"))
    wait_for(lambda: "PREVIEW-TWO" in fetch(base + "guides/rights/"))

    # Edits to the shared base config are watched too (MkDocs itself watches only the
    # edition file it was given).
    base_config = mini / "mkdocs.yml"
    base_config.write_text(
        base_config.read_text().replace("Content licensed CC BY 4.0.", "PREVIEW-THREE")
    )
    wait_for(lambda: "PREVIEW-THREE" in fetch(base))
    assert proc.poll() is None
    # Quiet: MkDocs' warning about dirty builds is not repeated on every rebuild, while
    # real problems are still shown.
    log = (tmp_path / "serve.log").read_text()
    assert "'dirty' build" not in log
    assert "content has errors" in log
