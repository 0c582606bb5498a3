"""Render an edition: its content selected, translated where it is a translation, and
turned into Markdown pages and data files, one page family at a time."""

from __future__ import annotations

from markupsafe import escape

from playbook_builder.content.collection import Content
from playbook_builder.content.models import Checklist, Cluster, Page
from playbook_builder.editions import Edition
from playbook_builder.render.environment import environment
from playbook_builder.render.families import FAMILIES
from playbook_builder.render.navigation import navigation
from playbook_builder.render.opendata import data_files
from playbook_builder.render.pages import RenderedEdition, page_path
from playbook_builder.render.translate import (
    finish,
    strip_marks,
    translated_content,
    translator_for,
    use_translator,
)
from playbook_builder.render.translate import ui as _
from playbook_builder.render.view import EditionView
from playbook_builder.select import select_for_edition


def render_edition(content: Content, edition: Edition, *, drafts: bool = False) -> RenderedEdition:
    """Every page of one edition as Markdown, and its navigation.

    ``content`` is the edition's content, loaded before rendering: the project's, with the
    edition's overlay merged in when it has one (``Project.content_for``)."""
    shown = select_for_edition(content, edition, drafts=drafts)
    out = RenderedEdition(edition=edition)
    out.files = data_files(shown, edition, page_path)
    # A translation shows the same items (ids, scores) with their text from locale/.
    translator = translator_for(edition)
    use_translator(translator)
    try:
        if translator is not None:
            shown = translated_content(shown, edition, translator)
        view = EditionView(edition, shown, translator, environment(), out, drafts)
        for build in FAMILIES:
            build(view)
        out.nav = navigation(out, shown.of(Cluster), shown.of(Checklist), shown.of(Page))
        if translator is not None:
            out.not_found = finish(str(escape(_("Page not found"))))
            out.permalink_title = strip_marks(_("Permanent link"))
            out.untranslated = list(translator.misses.values())
    finally:
        use_translator(None)
    return out
