"""``playbook i18n init LANG``: what a new language needs to start, written once."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from playbook_builder.authoring.glossary import glossary_path
from playbook_builder.authoring.i18n import update, write_templates
from playbook_builder.project import Project, project_editions
from playbook_builder.render.translate import LOCALE_DIR

_EDITION = """\
# The {source} edition in {name}: the same items, with their text from the gettext
# catalogues in locale/{language}/LC_MESSAGES/ (see CONTRIBUTING.md, "Translations").
# Translate site_name and description; until a fluent reviewer has checked a page, it
# says so (see `playbook i18n review-sheet`).
INHERIT: mkdocs.yml
site_name: {title}
site_dir: site/{edition}
theme:
  language: {language}
plugins:
  playbook:
    edition: {edition}
    order: {order}
    audiences: [{audiences}]
    language: {language}
    translation_of: {source}
    description: >-
      {description}
"""


def start_language(project: Project, language: str, source_id: str) -> list[Path]:
    """Catalogues, glossary and edition file for a new language; the files written."""
    from babel import Locale, UnknownLocaleError

    if not re.fullmatch(r"[a-z]{2,3}(?:_[A-Z]{2})?", language):
        raise ValueError(f"'{language}' is not a language code such as es, fr or pt_BR")
    try:
        name = Locale.parse(language).get_display_name("en") or language
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"'{language}' is not a language Babel knows") from None
    source = project.edition(source_id)
    if source.language != "en" or source.translation_of:
        raise ValueError(f"'{source_id}' is a translation; start from an English edition")
    folder = project.root / LOCALE_DIR / language
    if folder.exists():
        raise FileExistsError(f"{folder.relative_to(project.root)} exists already")
    edition_id = f"{source_id}-{language.lower().replace('_', '-')}"
    config = project.root / f"mkdocs.{edition_id}.yml"
    if config.exists():
        raise FileExistsError(f"{config.name} exists already")
    config.write_text(
        _EDITION.format(
            source=source_id,
            name=name,
            language=language,
            title=source.title,
            edition=edition_id,
            order=source.order,
            audiences=", ".join(source.audiences),
            description=" ".join(source.description.split()) or source.title,
        ),
        encoding="utf-8",
    )
    # With the new edition known, the templates hold what it translates.
    project = replace(project, editions=project_editions(project.root))
    written = [config, *write_templates(project)]
    update(project, language)
    written += sorted((folder / "LC_MESSAGES").glob("*.po"))
    glossary = glossary_path(project.root, language)
    glossary.write_text(
        "# One rendering per concept (see locale/es/glossary.yml for the fields).\n"
        f"language: {language}\nterms: []\n",
        encoding="utf-8",
    )
    return [*written, glossary]
