"""Build every edition and the landing page, atomically.

Everything is built into a temporary folder beside the target; only when every edition
built does it replace the previous site, so a failed build leaves that site untouched.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import multiprocessing
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from playbook_builder.content.collection import Content
from playbook_builder.content.problems import Problem
from playbook_builder.editions import Edition
from playbook_builder.engine import adapter as mkdocs_adapter
from playbook_builder.engine.engines import ENGINES, running, start_worker
from playbook_builder.engine.outside import COMMANDS, OutsideBuildFailed, build_exported
from playbook_builder.project import Project
from playbook_builder.render.environment import environment
from playbook_builder.render.sanitise import secure_page

SITE_TITLE = "Job Quality Playbook"
SITE_TAGLINE = (
    "Practical guides to better jobs, built on the U.S. Department of Labor's seven "
    "clusters of job quality: one for employers, one for people choosing a job, one for "
    "workforce agencies and boards."
)


def render_landing(editions: Sequence[Edition], *, directory_urls: bool = True) -> str:
    page = (
        environment()
        .get_template("landing.html.j2")
        .render(
            title=SITE_TITLE,
            tagline=SITE_TAGLINE,
            editions=editions,
            index="" if directory_urls else "index.html",
        )
    )
    return secure_page(page, None, SITE_TITLE)


def build_site(
    project: Project,
    site_dir: Path,
    *,
    editions: Sequence[Edition] | None = None,
    strict: bool = False,
    drafts: bool = False,
    jobs: int | None = None,
    directory_urls: bool = True,
    engine: str = "mkdocs",
) -> list[Path]:
    """Build the chosen editions (all by default) into ``site_dir``; return their folders.

    ``engine`` is one of ``engines.ENGINES``: MkDocs and ProperDocs run this project's
    plugin; an engine without plugins builds the exported Markdown (``outside.py``).

    With every edition chosen, the whole site is replaced. With some, only their folders
    (and the landing page) are replaced; the others stay as they were. A build that is
    interrupted or killed at any point leaves the old site or the new one, never none
    and never a mixture inside one edition.
    """
    chosen = list(editions or project.editions)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(site_dir)
    with _stop_on_terminate():
        staging: Path | None = None
        try:
            staging = Path(
                tempfile.mkdtemp(
                    prefix=f"{_staging_prefix(site_dir)}{os.getpid()}-", dir=site_dir.parent
                )
            )
            if ENGINES[engine].plugins:
                _build_editions(
                    chosen,
                    staging,
                    strict=strict,
                    drafts=drafts,
                    jobs=jobs,
                    item_count=len(project.content.items),
                    directory_urls=directory_urls,
                    weights={e.id: _shown_count(project, e) for e in chosen},
                    preloaded=(project.content, project.base_problems),
                )
            else:
                _build_outside(
                    project, chosen, staging, COMMANDS[engine], strict, drafts, directory_urls
                )
            (staging / "index.html").write_text(
                render_landing(project.editions, directory_urls=directory_urls), encoding="utf-8"
            )
            _swap_into_place(
                staging,
                site_dir,
                whole=len(chosen) == len(project.editions),
                parts=[e.id for e in chosen],
            )
        finally:
            if staging is not None and staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    return [site_dir / e.id for e in chosen]


def _build_outside(
    project: Project,
    chosen: list[Edition],
    staging: Path,
    command: Sequence[str],
    strict: bool,
    drafts: bool,
    directory_urls: bool,
) -> None:
    for edition in chosen:
        try:
            build_exported(
                project,
                edition,
                staging / edition.id,
                command,
                strict=strict,
                drafts=drafts,
                directory_urls=directory_urls,
            )
        except OutsideBuildFailed as exc:
            raise mkdocs_adapter.BuildFailed(f"{edition.id}: {exc}") from exc


def _staging_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-building-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(site_dir: Path) -> list[Path]:
    """Remove staging folders that builds which no longer run left behind (a build that
    was killed cannot clean up after itself), and finish a swap a fault interrupted."""
    removed: list[Path] = []
    pattern = re.compile(re.escape(_staging_prefix(site_dir)) + r"(\d+)-")
    for candidate in site_dir.parent.glob(_staging_prefix(site_dir) + "*"):
        found = pattern.match(candidate.name)
        if found and candidate.is_dir() and not _alive(int(found.group(1))):
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
    old = site_dir.with_name(f".{site_dir.name}-old")
    if old.exists():
        # Only the fallback swap (no atomic exchange) uses this name: put the old site
        # back if the new one never arrived, otherwise it is just garbage.
        if not site_dir.exists():
            old.rename(site_dir)
        else:
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old)
    return removed


@contextlib.contextmanager
def _stop_on_terminate() -> Iterator[None]:
    """SIGTERM (a CI cancel, `kill`) unwinds like Ctrl-C, so the staging folder is
    removed and the worker processes are stopped."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


PARALLEL_FROM_ITEMS = 400


def _shown_count(project: Project, edition: Edition) -> int:
    """About how many pages an edition has: the items marked for its audiences."""
    audiences = set(edition.audiences)
    return sum(1 for item in project.content.items.values() if audiences & set(item.audiences))


def _build_editions(
    chosen: list[Edition],
    staging: Path,
    *,
    strict: bool,
    drafts: bool,
    jobs: int | None,
    item_count: int,
    directory_urls: bool = True,
    weights: dict[str, int] | None = None,
    preloaded: tuple[Content, list[Problem]] | None = None,
) -> None:
    """Each edition is an independent MkDocs build, so they run in parallel processes
    (one per core by default), largest first so the small ones fill in after; the first
    failure (in edition order) is raised once all have stopped."""
    if jobs is None:
        # A new process costs about a second of imports: worth it only for big sites.
        jobs = (os.cpu_count() or 1) if item_count >= PARALLEL_FROM_ITEMS else 1
    workers = min(len(chosen), jobs)
    if workers <= 1:
        for edition in chosen:
            mkdocs_adapter.build_config(
                edition.config_file,
                staging / edition.id,
                strict=strict,
                drafts=drafts,
                directory_urls=directory_urls,
                preloaded=preloaded,
            )
        return
    # spawn, not fork: forking a process that runs threads (a test server, say) is unsafe.
    spawn = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=spawn,
        initializer=start_worker,
        initargs=(os.getpid(), running()),
    )
    try:
        largest_first = sorted(chosen, key=lambda e: -(weights or {}).get(e.id, 0))
        futures = {
            edition.id: pool.submit(
                mkdocs_adapter.build_config,
                edition.config_file,
                staging / edition.id,
                strict=strict,
                drafts=drafts,
                directory_urls=directory_urls,
                preloaded=preloaded,
            )
            for edition in largest_first
        }
        errors = [futures[edition.id].exception() for edition in chosen]
    except BaseException:
        # Interrupted: stop the workers now rather than let them finish their builds.
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.terminate()
        raise
    pool.shutdown()
    for error in errors:
        if error is not None:
            raise error


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        renameat2 = ctypes.CDLL(libc_name, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def _replace(new: Path, target: Path) -> None:
    """Put ``new`` at ``target`` so that ``target`` is never missing: an atomic swap
    where the system has one; otherwise rename the old aside first (a later build puts
    it back if a fault stops this between the two renames)."""
    if new.is_file() or not target.exists():
        os.replace(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old copy
        return
    old = target.with_name(f".{target.name}-old")
    if old.exists():
        shutil.rmtree(old)
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _swap_into_place(staging: Path, site_dir: Path, *, whole: bool, parts: list[str]) -> None:
    if whole or not site_dir.exists():
        _replace(staging, site_dir)
        return
    for name in parts:
        _replace(staging / name, site_dir / name)
    os.replace(staging / "index.html", site_dir / "index.html")
