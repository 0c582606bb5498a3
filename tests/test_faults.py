"""Builds that are killed or interrupted: the site is always a complete build, worker
processes end with the build, and leftovers are cleaned by the next build."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from playbook_builder.engine.site import clean_leftovers

SEED = int(os.environ.get("PLAYBOOK_FAULT_SEED", "20261201"))


def _start(root: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "playbook_builder", "build", "--root", str(root), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The parent pid is the 2nd field after the command in parentheses.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_a_build_killed_at_random_points_always_leaves_a_complete_site(mini: Path) -> None:
    start = time.monotonic()
    assert _start(mini, "--jobs", "2").wait(timeout=300) == 0
    full_time = time.monotonic() - start
    reference = _files(mini / "site")
    assert "employers/index.html" in reference

    rng = random.Random(SEED)
    workers_seen = 0
    for attempt in range(6):
        process = _start(mini, "--jobs", "2")
        deadline = time.monotonic() + rng.uniform(0.2, full_time * 1.1)
        children: set[int] = set()
        while time.monotonic() < deadline and process.poll() is None:
            children |= _children(process.pid)
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        workers_seen += len(children)
        # The workers end with the build (within a second or two, not minutes).
        give_up = time.monotonic() + 10
        while any(_alive(c) for c in children) and time.monotonic() < give_up:
            time.sleep(0.1)
        assert not any(_alive(c) for c in children), f"seed {SEED}, attempt {attempt}"
        site = _files(mini / "site")
        assert site == reference, f"seed {SEED}, attempt {attempt}: site is not a complete build"

    assert workers_seen > 0, "no build ran long enough to start its workers"
    assert _start(mini).wait(timeout=300) == 0
    assert [p for p in mini.iterdir() if p.name.startswith(".site-")] == []
    assert _files(mini / "site") == reference


def test_sigterm_removes_staging_and_keeps_the_old_site(mini: Path) -> None:
    assert _start(mini).wait(timeout=300) == 0
    reference = _files(mini / "site")
    process = _start(mini, "--jobs", "2")
    # Wait until the build has made its staging folder, then ask it to stop.
    give_up = time.monotonic() + 60
    while not list(mini.glob(".site-building-*")) and time.monotonic() < give_up:
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 130
    assert list(mini.glob(".site-building-*")) == []
    assert _files(mini / "site") == reference


def test_next_build_cleans_leftovers_of_dead_builds_only(mini: Path) -> None:
    site = mini / "site"
    site.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = mini / f".site-building-{dead.pid}-abcd"
    (stale / "employers").mkdir(parents=True)
    (stale / "employers" / "big.bin").write_bytes(b"x" * 1024)
    running = mini / f".site-building-{os.getpid()}-efgh"
    running.mkdir()
    removed = clean_leftovers(site)
    assert stale in removed and not stale.exists()
    assert running.exists()


def test_an_interrupted_fallback_swap_is_undone(mini: Path) -> None:
    # The fallback swap (where no atomic exchange exists) renames the old site aside
    # first; a fault right then leaves only `.site-old`, which the next build restores.
    old = mini / ".site-old"
    (old / "employers").mkdir(parents=True)
    (old / "index.html").write_text("old site", encoding="utf-8")
    clean_leftovers(mini / "site")
    assert (mini / "site" / "index.html").read_text(encoding="utf-8") == "old site"
    assert not old.exists()
