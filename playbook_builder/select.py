"""Which items an edition shows. The only place audience and draft rules live."""

from __future__ import annotations

import logging

from playbook_builder.content.collection import Content
from playbook_builder.content.models import ContentItem
from playbook_builder.editions import Edition

log = logging.getLogger(__name__)


def is_for_edition(item: ContentItem, edition: Edition, *, drafts: bool = False) -> bool:
    """True when the item is marked for one of the edition's audiences and is published
    (or is a draft and drafts were asked for)."""
    if not set(item.audiences) & set(edition.audiences):
        log.debug("%s left out of %s: audiences %s", item.id, edition.id, item.audiences)
        return False
    if item.status != "published" and not drafts:
        log.debug("%s left out of %s: status %s", item.id, edition.id, item.status)
        return False
    return True


def select_for_edition(content: Content, edition: Edition, *, drafts: bool = False) -> Content:
    """A copy of ``content`` holding only what ``edition`` shows."""
    chosen = Content(root=content.root, audiences=content.audiences)
    for item_id, item in content.items.items():
        if is_for_edition(item, edition, drafts=drafts):
            chosen.items[item_id] = item
            chosen.files[item_id] = content.files[item_id]
            chosen.parsed[item_id] = content.parsed[item_id]
    return chosen
