"""An edition as the page builders see it, and the one way a page is made.

:class:`EditionView` holds what every page family needs (the items the edition shows,
already selected and, in a translation, translated; the translator; the template
environment) and :meth:`EditionView.add` turns a template and its context into a
finished Markdown page: links resolved, tables made phone-friendly, the language notes,
the notice of an unreviewed translation, the offline note and the edit link added.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import jinja2

from playbook_builder.content.collection import Content
from playbook_builder.content.models import Checklist, Cluster, ContentItem
from playbook_builder.editions import Edition
from playbook_builder.render.pages import Linker, RenderedEdition, RenderedPage
from playbook_builder.render.tables import stack_tables
from playbook_builder.render.translate import (
    Translator,
    after_heading,
    decorate_page,
    finish,
    note_link_language,
    strip_marks,
)
from playbook_builder.render.translate import ui as _
from playbook_builder.render.urls import relative

# Pages kept from the last render, by (edition, drafts, path): a preview rebuild
# renders only what an edit touched.
_PAGE_MEMO: dict[tuple[object, ...], tuple[int, tuple[object, ...], RenderedPage]] = {}


@dataclass
class EditionView:
    edition: Edition
    shown: Content
    translator: Translator | None
    env: jinja2.Environment
    out: RenderedEdition
    drafts: bool = False
    # The newest content date of the edition: a page's date when its item has none.
    edition_date: dt.date | None = field(init=False)
    # What an item page can show of other items (their ids, kinds and titles: links) and,
    # in a translation, which items' strings are all reviewed (the notice).
    fingerprint: int = field(init=False)

    def __post_init__(self) -> None:
        self.edition_date = max(
            (d for d in map(content_date, self.shown.items.values()) if d is not None),
            default=None,
        )
        self.fingerprint = hash(
            (
                tuple(
                    (i.id, i.KIND, i.title, getattr(i, "short_title", ""), i.status)
                    for i in self.shown.items.values()
                ),
                tuple(sorted(self.translator.item_reviewed.items())) if self.translator else (),
            )
        )

    @cached_property
    def clusters_by_id(self) -> dict[str, Cluster]:
        return {c.id: c for c in self.shown.of(Cluster)}

    @cached_property
    def offer_checklist(self) -> Checklist | None:
        return next((c for c in self.shown.of(Checklist) if c.kind == "offer-evaluation"), None)

    def add(
        self,
        path: str,
        template: str,
        title: str,
        source: str | None,
        memo: tuple[object, ...] | None = None,
        **context: Any,
    ) -> None:
        """Render ``template`` into the page at ``path``. ``source`` is the content file
        (for the edit link); ``memo`` the objects the page depends on besides the titles
        of other items, when the page may be reused from the last render."""
        edition, translator, out = self.edition, self.translator, self.out
        memo_key = (edition, self.drafts, path)
        if memo is not None:
            hit = _PAGE_MEMO.get(memo_key)
            if hit is not None and hit[0] == self.fingerprint and _same(hit[1], memo):
                out.pages[path] = hit[2]
                return
        linker = Linker(self.shown, path, edition.directory_urls)
        if translator is not None:
            translator.begin()
        text = self.env.get_template(template).render(
            edition=edition,
            shown=self.shown,
            link=linker.link,
            html_link=linker.html_link,
            url_for=linker.url_for,
            refs=linker.resolve_refs,
            data_url=lambda name: (
                relative(f"data/{name}", path) if f"data/{name}" in out.files else None
            ),
            title=title,
            **context,
        )
        # Every field can hold a `ref:` link, including one-line fields placed in tables:
        # resolve whatever the template left, so no page ever carries `ref:` or the id of
        # an item this edition does not show.
        # Tables become cards on a phone (see tables.py).
        text = stack_tables(_tidy(linker.resolve_refs(text)))
        reviewed = True
        if translator is not None:
            text = note_link_language(text, translator.language)
            reviewed = translator.end() and _items_reviewed(translator, context.get("item"))
        text = decorate_page(text, edition, path, reviewed=reviewed)
        if edition.offline:
            # Shown by the page script when the page comes from the copy saved on the
            # device (no network): the text, with the day filled in there.
            saved = _("You are offline. This page is a copy saved on this device on %(date)s.")
            text = after_heading(
                text,
                f'<p class="pb-offline" data-pb-offline="{html.escape(strip_marks(saved))}" '
                'role="status" hidden></p>',
            )
        title = strip_marks(title)
        if source and edition.edit_url and edition.edit_links:
            edit = _("Edit this page")
            text += f"\n[{edit}]({edition.edit_url}{source}){{ .pb-edit }}\n"
        # Last: what is still marked as English (the interface's own strings included)
        # becomes <span lang="en">.
        text = finish(text)
        item = context.get("item")
        updated = content_date(item) if isinstance(item, ContentItem) else None
        out.pages[path] = RenderedPage(path, title, text, source, updated or self.edition_date)
        if memo is not None:
            _PAGE_MEMO[memo_key] = (self.fingerprint, memo, out.pages[path])


def content_date(item: ContentItem) -> dt.date | None:
    """An item's own date: its ``updated``, else the newest ``accessed`` of its sources."""
    if item.updated is not None:
        return item.updated
    return max((s.accessed for s in item.sources), default=None)


def _same(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def _tidy(text: str) -> str:
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def _items_reviewed(translator: Translator, item: object) -> bool:
    """An item page needs its item's strings reviewed; any other page (a home page, an
    index) shows strings of many items, so it needs them all."""
    if isinstance(item, ContentItem):
        return translator.item_reviewed.get(item.id, False)
    return all(translator.item_reviewed.values())
