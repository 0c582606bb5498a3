"""Edition overlays: a folder of items that belong to one edition only.

An edition may name an ``overlay`` folder (relative to the project root) laid out like
the project itself (``content/pages/``, ``case_studies/``, ...). Its items are added to
that edition's content, and an item whose id equals a base item's id replaces the base
item, in that edition only. The overlay is resolved here, when the edition's content is
assembled and before ``select`` applies the audience rules, which stay in select.py.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from playbook_builder.content.collection import Content
from playbook_builder.content.load import load_content
from playbook_builder.content.problems import Problem
from playbook_builder.content.references import check_references
from playbook_builder.editions import Edition


def overlay_root(content: Content, edition: Edition) -> Path | None:
    return (content.root / edition.overlay).resolve() if edition.overlay else None


def load_overlay(content: Content, edition: Edition) -> tuple[Content, list[Problem]]:
    """The edition's content (base items plus overlay items) and the overlay's problems,
    with file names relative to the project root."""
    folder = overlay_root(content, edition)
    if folder is None:
        return content, []
    prefix = Path(str(edition.overlay)).as_posix().strip("/") + "/"
    if not folder.is_dir():
        return content, [
            Problem(
                edition.config_name,
                1,
                1,
                "plugins.playbook.overlay",
                f"the overlay folder '{edition.overlay}' does not exist",
            )
        ]
    overlay, found = load_content(folder, content.audiences, check_refs=False)
    problems = [replace(p, file=prefix + p.file) for p in found]
    merged = Content(root=content.root, audiences=content.audiences)
    merged.items = dict(content.items)
    merged.files = dict(content.files)
    merged.parsed = dict(content.parsed)
    merged.broken = set(content.broken) | overlay.broken
    for item_id, item in overlay.items.items():
        base = content.items.get(item_id)
        if base is not None and base.KIND != item.KIND:
            parsed = overlay.parsed[item_id]
            line, column = parsed.position(["id"])
            problems.append(
                Problem(
                    prefix + parsed.rel_path,
                    line,
                    column,
                    "id",
                    f"'{item_id}' replaces a {base.KIND} with a {item.KIND}; "
                    "an overlay item must be of the same kind as the item it replaces",
                )
            )
            continue
        merged.items[item_id] = item
        merged.files[item_id] = prefix + overlay.files[item_id]
        merged.parsed[item_id] = replace(
            overlay.parsed[item_id], rel_path=prefix + overlay.parsed[item_id].rel_path
        )
    overlay_files = {
        merged.files[i] for i in overlay.items if merged.items.get(i) is overlay.items[i]
    }
    problems.extend(p for p in check_references(merged) if p.file in overlay_files)
    return merged, problems


def with_overlay(content: Content, edition: Edition) -> Content:
    """The content an edition is assembled from (unchanged when it has no overlay)."""
    return load_overlay(content, edition)[0]
