"""Build every edition and the landing page, atomically.

Everything is built into a temporary folder beside the target; only when every edition
built does it replace the previous site, so a failed build leaves that site untouched.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from playbook_builder import mkdocs_adapter
from playbook_builder.editions import Edition
from playbook_builder.project import Project
from playbook_builder.render import environment

SITE_TITLE = "Job Quality Playbook"
SITE_TAGLINE = (
    "Practical guides to better jobs, built on the U.S. Department of Labor's seven "
    "clusters of job quality: one for employers, one for people choosing a job, one for "
    "workforce agencies and boards."
)


def render_landing(editions: Sequence[Edition]) -> str:
    return (
        environment()
        .get_template("landing.html.j2")
        .render(title=SITE_TITLE, tagline=SITE_TAGLINE, editions=editions)
    )


def build_site(
    project: Project,
    site_dir: Path,
    *,
    editions: Sequence[Edition] | None = None,
    strict: bool = False,
    drafts: bool = False,
    jobs: int | None = None,
) -> list[Path]:
    """Build the chosen editions (all by default) into ``site_dir``; return their folders.

    With every edition chosen, the whole site is replaced. With some, only their folders
    (and the landing page) are replaced; the others stay as they were.
    """
    chosen = list(editions or project.editions)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        _build_editions(
            chosen,
            staging,
            strict=strict,
            drafts=drafts,
            jobs=jobs,
            item_count=len(project.content.items),
        )
        (staging / "index.html").write_text(render_landing(project.editions), encoding="utf-8")
        _swap_into_place(
            staging,
            site_dir,
            whole=len(chosen) == len(project.editions),
            parts=[e.id for e in chosen],
        )
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return [site_dir / e.id for e in chosen]


PARALLEL_FROM_ITEMS = 400


def _build_editions(
    chosen: list[Edition],
    staging: Path,
    *,
    strict: bool,
    drafts: bool,
    jobs: int | None,
    item_count: int,
) -> None:
    """Each edition is an independent MkDocs build, so they run in parallel processes
    (one per core by default); the first failure is raised once all have stopped."""
    if jobs is None:
        # A new process costs about a second of imports: worth it only for big sites.
        jobs = (os.cpu_count() or 1) if item_count >= PARALLEL_FROM_ITEMS else 1
    workers = min(len(chosen), jobs)
    if workers <= 1:
        for edition in chosen:
            mkdocs_adapter.build_config(
                edition.config_file, staging / edition.id, strict=strict, drafts=drafts
            )
        return
    # spawn, not fork: forking a process that runs threads (a test server, say) is unsafe.
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=spawn) as pool:
        futures = [
            pool.submit(
                mkdocs_adapter.build_config,
                edition.config_file,
                staging / edition.id,
                strict=strict,
                drafts=drafts,
            )
            for edition in chosen
        ]
        errors = [f.exception() for f in futures]
    for error in errors:
        if error is not None:
            raise error


def _swap_into_place(staging: Path, site_dir: Path, *, whole: bool, parts: list[str]) -> None:
    if whole or not site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)
        return
    for name in [*parts, "index.html"]:
        target = site_dir / name
        old = site_dir / f".{name}-old"
        if target.exists():
            target.rename(old)
        (staging / name).rename(target)
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        elif old.exists():
            old.unlink()
