"""``playbook i18n``: the translation workflow's commands (see i18n.py)."""

from __future__ import annotations

from pathlib import Path

import click

from playbook_builder.content.problems import ContentError, format_report
from playbook_builder.project import Project, find_root, open_project


def _project(root: Path | None) -> Project:
    try:
        return open_project(find_root(root or Path.cwd()))
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
@click.option("--pages", is_flag=True, help="Also count reviewed entries per page.")
def status(root: Path | None, pages: bool) -> None:
    """Translated, fuzzy, untranslated and reviewed strings per language and file."""
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
        f"{'file':40} {'translated':>10} {'fuzzy':>6} {'untranslated':>12} {'obsolete':>8} "
        f"{'reviewed':>8}"
    )
    for r in rows:
        click.echo(
            f"{r.path:40} {r.translated:>10} {r.fuzzy:>6} {r.untranslated:>12} {r.obsolete:>8} "
            f"{r.reviewed:>8}"
        )
    for language in sorted({r.language for r in rows}):
        for domain, entries in translated_texts(base, language).items():
            if domain == "script" or not entries:
                continue
            score = reading_ease([e.msgstr for e in entries], language)
            click.echo(f"{language}/{domain}.po reading ease (Fernández Huerta): {score:.1f}")
    if pages:
        from playbook_builder.authoring.review import page_status

        project = _project(base)
        for language in sorted({r.language for r in rows}):
            click.echo(f"\n{language}: reviewed entries per page (the notice goes at 100%)")
            for p in page_status(project, language):
                click.echo(f"  {p.where:48} {p.reviewed:>4} of {p.entries:<4}")


@i18n.command("review-sheet")
@_root
@click.option("--lang", "language", required=True, help="The language to review, e.g. es.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the sheet. Default: review/ in the project folder.",
)
def review_sheet(root: Path | None, language: str, out: Path | None) -> None:
    """Write review-LANG.csv and review-LANG.html: every translated entry beside its
    English, legal entries first, with columns for a fluent reviewer's verdict."""
    from playbook_builder.authoring.review import review_rows, write_csv, write_html

    project = _project(root)
    rows = review_rows(project, language)
    if not rows:
        click.echo(f"No translated entries for '{language}' in locale/.", err=True)
        raise SystemExit(1)
    folder = out or project.root / "review"
    write_csv(rows, folder / f"review-{language}.csv")
    write_html(rows, folder / f"review-{language}.html", language)
    legal = sum(r.priority == "legal" for r in rows)
    done = sum(r.reviewed for r in rows)
    click.echo(
        f"Wrote {folder / f'review-{language}.csv'} and .html: {len(rows)} entries "
        f"({legal} legal first), {done} already reviewed."
    )


@i18n.command("mark-reviewed")
@_root
@click.option("--lang", "language", required=True, help="The language reviewed, e.g. es.")
@click.argument("sheet", type=click.Path(dir_okay=False, exists=True, path_type=Path))
def mark_reviewed(root: Path | None, language: str, sheet: Path) -> None:
    """Flag as reviewed, in the PO files, each entry SHEET approves (verdict "ok") whose
    English and translation are still those on the sheet."""
    from playbook_builder.authoring.review import mark_reviewed as run

    base = find_root(root or Path.cwd())
    c = run(base, language, sheet)
    click.echo(
        f"{c.marked} marked reviewed, {c.already} already marked, {c.changed} changed since "
        f"the sheet was made (not marked), {c.not_approved} without an 'ok' verdict."
    )


@i18n.command()
@_root
@click.argument("language")
@click.option(
    "--edition",
    "source_id",
    default="jobseekers",
    show_default=True,
    help="The edition to translate.",
)
def init(root: Path | None, language: str, source_id: str) -> None:
    """Start a new LANGUAGE: its catalogues in locale/LANGUAGE/, an empty glossary and an
    edition file mkdocs.<edition>-LANGUAGE.yml that translates --edition."""
    from playbook_builder.authoring.i18n_init import start_language

    project = _project(root)
    try:
        written = start_language(project, language, source_id)
    except (KeyError, ValueError, FileExistsError) as exc:
        click.echo(str(exc).strip("'\""), err=True)
        raise SystemExit(1) from None
    for path in written:
        click.echo(f"Wrote {path.relative_to(project.root)}")
    click.echo("Next: translate the .po files (Poedit, Weblate), then `playbook build`.")
