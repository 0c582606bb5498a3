"""The site engines a build can use, and switching to one before any engine code loads.

MkDocs is the default. ProperDocs is a drop-in fork of MkDocs 1.x: the same configuration,
plugins and themes, under its own package name. Choosing it installs ProperDocs' own alias
(``properdocs.replacement``), so ``import mkdocs...`` in this project, in Material for
MkDocs and in any plugin loads ProperDocs' modules instead. That has to happen before any
of them is imported, which is why this module imports no engine at all: the command line
calls :func:`activate` first, and each build worker process calls :func:`start_worker`.

Zensical reads ``mkdocs.yml`` but runs no plugins; it builds the exported Markdown
(``engine/zensical.py``), and the safeguards run as a pass over what it writes.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import importlib.util
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version


class EngineUnavailable(Exception):
    """The chosen engine cannot build here; the message says why and what to install."""


@dataclass(frozen=True)
class Engine:
    name: str
    distribution: str  # the package on the index
    module: str
    extra: str | None  # pip install 'playbook-builder[extra]'
    # Versions the tests run against: at least `low`, below `high`.
    low: tuple[int, ...]
    high: tuple[int, ...]
    plugins: bool  # runs this project's MkDocs plugin (the fast path, with every safeguard)

    def tested_range(self) -> str:
        return f">={'.'.join(map(str, self.low))},<{'.'.join(map(str, self.high))}"


ENGINES: dict[str, Engine] = {
    "mkdocs": Engine("mkdocs", "mkdocs", "mkdocs", None, (1, 6), (2,), plugins=True),
    "properdocs": Engine(
        "properdocs", "properdocs", "properdocs", "properdocs", (1, 6, 7), (1, 7), plugins=True
    ),
    "zensical": Engine(
        "zensical", "zensical", "zensical", "zensical", (0, 1), (0, 2), plugins=False
    ),
}
DEFAULT = "mkdocs"


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split("."):
        digits = "".join(c for c in piece if c.isdigit())
        if not digits:
            break
        parts.append(int(digits))
        if len(digits) != len(piece):
            break
    return tuple(parts)


def check(name: str, *, any_version: bool = False) -> Engine:
    """The engine, when it is installed in a tested version (any version with
    ``any_version``); else EngineUnavailable."""
    engine = ENGINES.get(name)
    if engine is None:
        raise EngineUnavailable(f"no engine named '{name}'; choose one of: {', '.join(ENGINES)}")
    hint = (
        f"pip install '{engine.distribution}{engine.tested_range()}' (the project's "
        f"'{engine.extra}' extra)"
        if engine.extra
        else "pip install -e ."
    )
    try:
        found = version(engine.distribution)
    except PackageNotFoundError:
        raise EngineUnavailable(f"{name} is not installed; install it with {hint}") from None
    if importlib.util.find_spec(engine.module) is None:
        raise EngineUnavailable(f"{name} is not importable; reinstall it with {hint}")
    if not any_version and not engine.low <= _version_tuple(found) < engine.high:
        raise EngineUnavailable(
            f"{name} {found} is installed, but this project is tested with {name}"
            f"{engine.tested_range()}; install a tested version with {hint}, or pass "
            "--any-engine-version to try it"
        )
    return engine


def activate(name: str, *, any_version: bool = False) -> Engine:
    """Check ``name`` and make it the engine of this process, before any engine loads."""
    engine = check(name, any_version=any_version)
    if name == "properdocs":
        loaded = sys.modules.get("mkdocs")
        if loaded is not None and loaded.__name__ != "properdocs":
            raise EngineUnavailable(
                "MkDocs is already loaded in this process; run the build as its own command"
            )
        import properdocs.replacement  # noqa: F401  (aliases every mkdocs.* import)
    return engine


def running() -> str:
    """The distribution whose modules ``import mkdocs`` gives in this process."""
    import mkdocs

    return "properdocs" if mkdocs.__name__ == "properdocs" else "mkdocs"


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a worker: end when the build process ends, however it ends (even SIGKILL).

    Linux delivers a signal on the parent's death (prctl PR_SET_PDEATHSIG); elsewhere,
    and as a second guard, a thread notices the parent is gone within a second.
    """
    libc_name = ctypes.util.find_library("c")
    if libc_name:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(libc_name, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def start_worker(parent: int, engine: str) -> None:
    """A build worker's first step: follow the parent's fate, then load its engine (the
    parent has checked it already)."""
    die_with_parent(parent)
    activate(engine, any_version=True)
