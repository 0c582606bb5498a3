"""``playbook i18n``: the translation workflow's commands (see i18n.py)."""

from __future__ import annotations

from pathlib import Path

import click

from playbook_builder.content.problems import ContentError, format_report
from playbook_builder.project import Project, find_root, open_project


def _project(root: Path | None) -> Project:
    try:
        return open_project(find_root(root or Path.cwd()), readability=False)
    except ContentError as exc:
        click.echo(format_report(exc.problems), err=True, nl=False)
        raise SystemExit(1) from None


_root = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Project folder (the one holding mkdocs.yml). Default: found from the current folder.",
)


@click.group()
def i18n() -> None:
    """Translations: gettext catalogues in locale/ (Poedit, Weblate and Crowdin read them)."""


@i18n.command()
@_root
def extract(root: Path | None) -> None:
    """Write the English of every translated edition to locale/<domain>.pot."""
    from playbook_builder.authoring.i18n import write_templates

    project = _project(root)
    for path in write_templates(project):
        click.echo(f"Wrote {path.relative_to(project.root)}")


@i18n.command()
@_root
@click.argument("language")
def update(root: Path | None, language: str) -> None:
    """Merge the templates into locale/LANGUAGE/LC_MESSAGES/*.po: changed English becomes
    fuzzy, new English untranslated, removed English obsolete."""
    from playbook_builder.authoring.i18n import update as run_update

    project = _project(root)
    try:
        results = run_update(project, language)
    except FileNotFoundError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from None
    for domain, c in results.items():
        click.echo(
            f"{language}/{domain}.po: {c.kept} kept, {c.fuzzy} fuzzy, {c.new} new, "
            f"{c.obsolete} made obsolete"
        )


@i18n.command()
@_root
def status(root: Path | None) -> None:
    """Translated, fuzzy and untranslated strings per language and file."""
    from playbook_builder.authoring.i18n import reading_ease, translated_texts
    from playbook_builder.authoring.i18n import status as file_status

    base = find_root(root or Path.cwd())
    rows = file_status(base)
    if not rows:
        click.echo(
            "No translations yet: run `playbook i18n extract`, then `playbook i18n update LANG`."
        )
        return
    click.echo(
        f"{'file':40} {'translated':>10} {'fuzzy':>6} {'untranslated':>12} {'obsolete':>8}  reviewed"
    )
    for r in rows:
        click.echo(
            f"{r.path:40} {r.translated:>10} {r.fuzzy:>6} {r.untranslated:>12} {r.obsolete:>8}  "
            f"{'yes' if r.reviewed else 'no'}"
        )
    for language in sorted({r.language for r in rows}):
        for domain, entries in translated_texts(base, language).items():
            if domain == "script" or not entries:
                continue
            score = reading_ease([e.msgstr for e in entries], language)
            click.echo(f"{language}/{domain}.po reading ease (Fernández Huerta): {score:.1f}")
