"""The ``playbook`` command. Each command delegates to a library function; user errors
print a message and exit 1, never a traceback."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from playbook_builder.content.problems import (
    FORMATS,
    ContentError,
    Problem,
    format_github,
    format_json,
    format_report,
    has_errors,
)
from playbook_builder.engine.engines import DEFAULT as DEFAULT_ENGINE
from playbook_builder.engine.engines import ENGINES

# Each command imports what it uses when it runs: `playbook validate` never loads MkDocs,
# Material or the sanitiser, and `playbook --help` not even the content models.
if TYPE_CHECKING:
    from playbook_builder.project import Project


def _root_option(f: click.decorators.FC) -> click.decorators.FC:
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Project folder (the one holding mkdocs.yml). Default: found from the current folder.",
    )(f)


def _log_to_terminal(level: int) -> None:
    """Show MkDocs' own messages (build times, warnings) the way its CLI does."""
    import logging

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def _report(problems: list[Problem], fmt: str = "text") -> None:
    """Problems as text on stderr; as GitHub annotations or JSON on stdout."""
    if fmt == "github":
        click.echo(format_github(problems), nl=False)
    elif fmt == "json":
        click.echo(format_json(problems), nl=False)
    elif problems:
        click.echo(format_report(problems), err=True, nl=False)


def _format_option(f: Any) -> Any:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="text",
        show_default=True,
        help="text (file:line:column: key: message on stderr), github (workflow commands "
        "that annotate a pull request, on stdout) or json (one document on stdout).",
    )(f)


def _load(root: Path | None, *, readability: bool = True, fmt: str = "text") -> Project:
    from playbook_builder.authoring.readability import reading_grade_problems
    from playbook_builder.project import find_root, open_project

    checks = (reading_grade_problems,) if readability else ()
    try:
        return open_project(find_root(root or Path.cwd()), checks=checks)
    except ContentError as exc:
        _report(exc.problems, fmt)
        raise SystemExit(1) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="playbook_builder")
def cli() -> None:
    """Build the Job Quality Playbook: YAML content in, one website per audience out."""


@cli.command()
@_root_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@_format_option
def validate(root: Path | None, strict: bool, fmt: str) -> None:
    """Check every content file and report every problem; writes nothing.

    Each problem reads file:line:column: key: message. Exit code 1 on errors.
    """
    project = _load(root, fmt=fmt)
    _report(project.problems, fmt)
    if strict and project.problems:
        raise SystemExit(1)
    if fmt == "text":
        n = len(project.content.items)
        click.echo(f"{n} items valid across {len(project.editions)} editions.")


_BUILD_OPTIONS = [
    click.option(
        "--edition",
        "-e",
        "edition_ids",
        multiple=True,
        help="Build only this edition (repeatable). Default: all.",
    ),
    click.option("--strict", is_flag=True, help="Fail on warnings from content or MkDocs."),
    click.option("--drafts", is_flag=True, help="Include draft items, marked as drafts."),
    click.option(
        "--site-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Output folder. Default: site/ in the project folder.",
    ),
    click.option(
        "--offline",
        is_flag=True,
        help="Links end in index.html, so the site can be read straight from disk"
        " (MkDocs' use_directory_urls off).",
    ),
    click.option(
        "--engine",
        type=click.Choice(list(ENGINES)),
        default=DEFAULT_ENGINE,
        show_default=True,
        help="The site engine: mkdocs, properdocs (a drop-in fork of MkDocs 1.x) or zensical"
        " (builds the exported Markdown; the safeguards run over its output).",
    ),
    click.option(
        "--any-engine-version",
        is_flag=True,
        help="Build with an engine version outside the tested range (for trying a new release).",
    ),
    click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        help="Editions built at once, in separate processes. Default: one per core for"
        " projects of 400 items or more, otherwise one at a time.",
    ),
]


def _build_options(f: Any) -> Any:
    for option in reversed(_BUILD_OPTIONS):
        f = option(f)
    return f


@cli.command()
@_root_option
@_build_options
def build(
    root: Path | None,
    edition_ids: Sequence[str],
    strict: bool,
    drafts: bool,
    site_dir: Path | None,
    offline: bool,
    jobs: int | None,
    engine: str,
    any_engine_version: bool,
) -> None:
    """Build the editions and the landing page into site/.

    The build goes to a temporary folder and replaces the old site only when it succeeds.
    """
    _activate_engine(engine, any_version=any_engine_version)
    from playbook_builder.engine.adapter import BuildFailed
    from playbook_builder.engine.site import build_site

    project = _load(root, readability=strict)
    if project.problems:
        click.echo(format_report(project.problems), err=True, nl=False)
        if strict:
            raise SystemExit(1)
    editions = _pick_editions(project, edition_ids)
    target = site_dir or project.root / "site"
    try:
        built = build_site(
            project,
            target,
            editions=editions,
            strict=strict,
            drafts=drafts,
            jobs=jobs,
            directory_urls=not offline,
            engine=engine,
        )
    except BuildFailed as exc:
        click.echo(f"Build failed; the previous site is unchanged. {exc}", err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        click.echo("Build stopped; the previous site is unchanged.", err=True)
        raise SystemExit(130) from None
    for folder in built:
        click.echo(f"Built {folder}")
    click.echo(f"Open {target / 'index.html'}")


def _activate_engine(name: str, *, any_version: bool = False) -> None:
    """Load the chosen engine before anything imports one; one line and exit 2 if it
    cannot build here (nothing is written)."""
    from playbook_builder.engine.engines import EngineUnavailable, activate

    try:
        activate(name, any_version=any_version)
    except EngineUnavailable as exc:
        click.echo(f"Cannot build with {name}: {exc}", err=True)
        raise SystemExit(2) from None


def _pick_editions(project: Project, edition_ids: Sequence[str]) -> list:  # type: ignore[type-arg]
    try:
        return [project.edition(e) for e in edition_ids] or list(project.editions)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="--edition") from None


@cli.command()
@_root_option
@click.option("--edition", "-e", "edition_id", required=True, help="Edition to preview.")
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
@click.option("--drafts", is_flag=True, help="Include draft items.")
@click.option(
    "--engine",
    type=click.Choice(list(ENGINES)),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="The engine whose server previews the edition: mkdocs or properdocs.",
)
def serve(root: Path | None, edition_id: str, port: int, drafts: bool, engine: str) -> None:
    """Live preview of one edition; rebuilds when content, templates or config change."""
    import logging

    if not ENGINES[engine].plugins:
        click.echo(
            f"Cannot preview with {engine}: it runs no plugins, so the preview would lack the"
            " safeguards. Preview with mkdocs or properdocs; build with --engine zensical.",
            err=True,
        )
        raise SystemExit(2)
    _activate_engine(engine)
    from playbook_builder.engine.adapter import StartupProblems, serve_config
    from playbook_builder.project import find_root, project_editions

    _log_to_terminal(logging.INFO)
    try:
        editions = project_editions(find_root(root or Path.cwd()))
    except ContentError as exc:
        click.echo(format_report(exc.problems), err=True, nl=False)
        raise SystemExit(1) from None
    chosen = [e for e in editions if e.id == edition_id]
    if not chosen:
        known = ", ".join(e.id for e in editions)
        raise click.BadParameter(
            f"no edition '{edition_id}'; the editions are: {known}", param_hint="--edition"
        )
    # The content is loaded and checked once, by the plugin as the first build starts
    # (errors stop the preview with the report validate gives); only the served
    # edition's overlay is checked and only that edition is rendered.
    try:
        serve_config(chosen[0].config_file, port=port, drafts=drafts, check_first=True)
    except StartupProblems as exc:
        click.echo(format_report(exc.problems), err=True, nl=False)
        raise SystemExit(1) from None


@cli.command()
@_root_option
@click.option("--edition", "-e", "edition_id", required=True, help="Edition to export.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write docs/ and mkdocs.yml into.",
)
@click.option("--drafts", is_flag=True, help="Include draft items.")
def export(root: Path | None, edition_id: str, out: Path, drafts: bool) -> None:
    """Write an edition as plain Markdown plus a mkdocs.yml that needs no playbook plugin."""
    from playbook_builder.engine.export import export_edition

    project = _load(root)
    (edition,) = _pick_editions(project, [edition_id])
    config = export_edition(project, edition, out, drafts=drafts)
    click.echo(f"Exported {edition.id} to {out}; build it with: mkdocs build -f {config}")


@cli.command()
@_root_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option(
    "--max-age",
    "max_age",
    type=int,
    default=None,
    help="Warn when an 'updated' or 'accessed' date is older than this many days "
    "(default 730), and when a legal fact's sources were last read longer ago "
    "(default 365).",
)
@_format_option
def check(root: Path | None, strict: bool, max_age: int | None, fmt: str) -> None:
    """Everything validate does, plus editorial checks: unshown items, stale dates,
    legal facts due for review, malformed links, images without alt text, repeated
    titles, reading grade. With --strict every warning fails the check except facts due
    for review (see `playbook facts due`)."""
    from playbook_builder.authoring.check import editorial_problems

    project = _load(root, fmt=fmt)
    problems = project.problems + editorial_problems(
        project,
        max_age_days=730 if max_age is None else max_age,
        fact_age_days=max_age,
    )
    _report(problems, fmt)
    if strict and any(p.strict for p in problems):
        raise SystemExit(1)
    if fmt == "text":
        click.echo(f"Checked {len(project.content.items)} items.")


@cli.group()
def facts() -> None:
    """Legal facts of states and localities: what is due for review."""


@facts.command()
@_root_option
@click.option(
    "--within",
    "within",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Also list facts that fall due within this many days.",
)
@click.option(
    "--max-age",
    "max_age",
    type=click.IntRange(min=1),
    default=365,
    show_default=True,
    help="A fact whose sources were last read longer ago than this is due.",
)
@click.option("--today", "today", type=click.DateTime(["%Y-%m-%d"]), default=None, hidden=True)
def due(root: Path | None, within: int, max_age: int, today: dt.datetime | None) -> None:
    """List the facts to re-check, each with the official page to read (exit 0)."""
    from playbook_builder.content.jurisdictions import due_facts

    project = _load(root, readability=False)
    day = today.date() if today else dt.date.today()
    found = due_facts(project.content, day, max_age_days=max_age, within_days=within)
    for item in found:
        click.echo(f"{item.file}:{item.line}:{item.column}: {item.place}: {item.reason}")
        click.echo(f"    read: {item.read}")
    span = f" within {within} days" if within else ""
    click.echo(f"{len(found)} fact(s) due{span} (as of {day.isoformat()}).")


@cli.command()
@_root_option
@click.argument(
    "kind",
    type=click.Choice(
        sorted(
            [
                "benchmark",
                "cluster",
                "framework",
                "practice",
                "case-study",
                "checklist",
                "metric",
                "page",
                "jurisdiction",
                "locality",
            ]
        )
    ),
)
@click.argument("item_id", metavar="ID")
def new(root: Path | None, kind: str, item_id: str) -> None:
    """Write a commented starter file for a new KIND with id ID (status draft)."""
    import re as _re

    from playbook_builder.authoring.files import KIND_BY_SLUG, new_item_path, starter_text
    from playbook_builder.content.models import SLUG_PATTERN, Checklist, Cluster

    project = _load(root)
    if not _re.match(SLUG_PATTERN, item_id):
        raise click.BadParameter(
            "use lower-case letters, digits and single hyphens, e.g. acme-bakery", param_hint="ID"
        )
    if item_id in project.content.items:
        raise click.BadParameter(
            f"'{item_id}' is already used by {project.content.files[item_id]}", param_hint="ID"
        )
    model = KIND_BY_SLUG[kind]
    if kind == "jurisdiction":
        from playbook_builder.content.place import JURISDICTION_NAMES

        if item_id.upper() not in JURISDICTION_NAMES:
            raise click.BadParameter(
                "use the state's postal code in lower case, e.g. co (or dc, or us)",
                param_hint="ID",
            )
    path = new_item_path(project.root, model, item_id)
    if path.exists():
        raise click.BadParameter(
            f"{path.relative_to(project.root)} already exists", param_hint="ID"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        starter_text(
            project.root,
            model,
            item_id,
            project.content.of(Cluster),
            project.content.audiences,
            checklist_items=[i.id for c in project.content.of(Checklist) for i in c.all_items()],
        ),
        encoding="utf-8",
    )
    click.echo(f"Wrote {path.relative_to(project.root)}. Fill it in, then run: playbook check")


@cli.command()
@_root_option
@click.option(
    "--check", "check_only", is_flag=True, help="Only check that the committed schemas are current."
)
def schema(root: Path | None, check_only: bool) -> None:
    """Write the JSON Schema of every kind to schemas/ (for editor autocompletion)."""
    from playbook_builder.authoring.files import schema_texts, write_schemas

    project = _load(root)
    if check_only:
        stale = [
            rel
            for rel, text in schema_texts(project.content.audiences).items()
            if not (project.root / rel).is_file()
            or (project.root / rel).read_text(encoding="utf-8") != text
        ]
        for rel in stale:
            click.echo(f"out of date: {rel}", err=True)
        if stale:
            raise SystemExit(1)
        return
    for path in write_schemas(project.root, project.content.audiences):
        click.echo(f"Wrote {path.relative_to(project.root)}")


@cli.command()
@_root_option
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Change nothing; exit 1 and list files that would change.",
)
def fmt(root: Path | None, check_only: bool) -> None:
    """Normalise the layout of content YAML, keeping comments and key order."""
    from playbook_builder.authoring.files import format_tree
    from playbook_builder.project import find_root

    base = find_root(root or Path.cwd())
    changed, problems = format_tree(base, write=not check_only)
    if problems:
        click.echo(format_report(problems), err=True, nl=False)
    for path in changed:
        verb = "would reformat" if check_only else "reformatted"
        click.echo(f"{verb} {path.relative_to(base)}")
    if problems or (check_only and changed):
        raise SystemExit(1)


@cli.command()
@_root_option
@click.option(
    "--checklist",
    "pulse_id",
    default="worker-pulse",
    show_default=True,
    help="The worker checklist the files were saved from.",
)
@click.option(
    "--employer",
    "employer_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The employer's saved self-assessment, to compare against.",
)
@click.option(
    "--min-responses",
    default=5,
    show_default=True,
    type=click.IntRange(min=1),
    help="Hide a section's average when fewer files scored it (protects anonymity).",
)
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV instead of a table.")
# Not checked here: a file that cannot be read is listed with its reason, and the rest
# are still combined.
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def aggregate(
    root: Path | None,
    pulse_id: str,
    employer_file: Path | None,
    min_responses: int,
    as_csv: bool,
    files: tuple[Path, ...],
) -> None:
    """Combine worker-pulse answer FILES into section averages, optionally next to the
    employer's own self-assessment. Nothing leaves this computer."""
    from playbook_builder.checklists.aggregate import (
        CollectError,
        collect_pulse,
        format_csv,
        format_text,
    )

    project = _load(root, readability=False)
    try:
        collected = collect_pulse(
            project, pulse_id, list(files), employer_file=employer_file, min_responses=min_responses
        )
    except CollectError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from None
    click.echo(format_csv(collected) if as_csv else format_text(collected), nl=False)


from playbook_builder.authoring.i18n_cli import i18n  # noqa: E402

cli.add_command(i18n)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (for tests and ``python -m``)."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="playbook",
            standalone_mode=False,
        )
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code  # 2 for a usage error (an unknown option or value), else 1
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


__all__ = ["cli", "has_errors", "main"]

if __name__ == "__main__":
    sys.exit(main())
