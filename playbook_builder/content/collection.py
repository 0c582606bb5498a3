"""The loaded content of a project: every valid item by id, with where it came from.

Its own module so that the checks between items (references, jurisdictions) and the
loader can all use it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from playbook_builder.content.models import Cluster, ContentItem, Page
from playbook_builder.content.yaml_source import ParsedYaml

T = TypeVar("T", bound=ContentItem)


@dataclass
class Content:
    """All valid items of a project, by id, with where each came from."""

    root: Path
    audiences: tuple[str, ...]
    items: dict[str, ContentItem] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    parsed: dict[str, ParsedYaml] = field(default_factory=dict)
    # Ids of files that failed to load: references to them are not reported again.
    broken: set[str] = field(default_factory=set)

    def of(self, kind: type[T]) -> list[T]:
        found = [item for item in self.items.values() if isinstance(item, kind)]
        return sorted(found, key=_sort_key)

    def get(self, item_id: str) -> ContentItem | None:
        return self.items.get(item_id)


def _sort_key(item: ContentItem) -> tuple[Any, ...]:
    if isinstance(item, Cluster):
        return (item.number, item.id)
    if isinstance(item, Page):
        return (item.order, item.title.lower())
    return (item.title.lower(), item.id)
