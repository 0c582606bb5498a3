"""Load every content file, validate it, and check the references between items.

Nothing is written here. Problems from every file are collected into one list; checks
that depend on an item (its references) run only for items that parsed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from playbook_builder.content import parse_cache
from playbook_builder.content.collection import Content
from playbook_builder.content.kinds import KINDS
from playbook_builder.content.messages import problems_from_validation
from playbook_builder.content.models import (
    ContentItem,
    Page,
)
from playbook_builder.content.problems import Problem
from playbook_builder.content.references import check_references
from playbook_builder.content.safe_text import line_and_column, unsafe_spans
from playbook_builder.content.yaml_source import (
    ParsedYaml,
    load_yaml_file,
    parse_yaml_text,
    split_front_matter,
    to_plain,
)

T = TypeVar("T", bound=ContentItem)

YAML_SUFFIXES = (".yml", ".yaml")


def content_files(root: Path) -> Iterator[tuple[type[ContentItem], Path]]:
    for model in KINDS:
        folder = root / model.FOLDER
        if not folder.is_dir():
            continue
        suffixes = (".md",) if model is Page else YAML_SUFFIXES
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in suffixes and not path.name.startswith("."):
                yield model, path


def load_content(
    root: Path, audiences: tuple[str, ...], *, check_refs: bool = True
) -> tuple[Content, list[Problem]]:
    """Load and validate everything under ``root``; returns what parsed and every problem.

    ``check_refs=False`` leaves out the checks between items (an edition's overlay is
    checked together with the base content it adds to)."""
    _load_disk_cache(root)
    misses_before = _CACHE_STATS["misses"]
    content = Content(root=root, audiences=audiences)
    problems: list[Problem] = []
    first_seen: dict[str, ParsedYaml] = {}
    for model, path in content_files(root):
        parsed, found = _parse_file(model, path, root)
        problems.extend(found)
        if found:
            content.broken.add(path.stem)
        if parsed is None:
            continue
        item_id = parsed.data.get("id")
        if isinstance(item_id, str) and item_id in first_seen:
            other = first_seen[item_id]
            line, col = other.position(["id"])
            problems.append(
                Problem(
                    parsed.rel_path,
                    *parsed.position(["id"]),
                    "id",
                    f"id '{item_id}' is already used by {other.rel_path}:{line}:{col}; ids must be unique",
                )
            )
            continue
        if isinstance(item_id, str):
            first_seen[item_id] = parsed
        item, found = _validate_cached(model, parsed, path, audiences)
        problems.extend(found)
        if item is None and isinstance(item_id, str):
            content.broken.add(item_id)
        if item is not None:
            content.items[item.id] = item
            content.files[item.id] = parsed.rel_path
            content.parsed[item.id] = parsed
    if check_refs:
        problems.extend(check_references(content))
    if _CACHE_STATS["misses"] != misses_before:
        _save_disk_cache(root)
    return content, problems


# Parsed files by path, kept while their size and modification time stay the same, so a
# preview rebuild parses only what was edited.
_PARSE_CACHE: dict[Path, tuple[tuple[int, int], tuple[ParsedYaml | None, list[Problem]]]] = {}
_CACHE_STATS = {"misses": 0}
# The same cache on disk (data only, see parse_cache), so the next build (or each
# edition's process) starts warm.
_DISK_LOADED: set[Path] = set()


def _load_disk_cache(root: Path) -> None:
    if root in _DISK_LOADED:
        return
    _DISK_LOADED.add(root)
    for path, entry in parse_cache.load(root).items():
        _PARSE_CACHE.setdefault(path, entry)


def _save_disk_cache(root: Path) -> None:
    parse_cache.save(root, _PARSE_CACHE)


def _parse_file(
    model: type[ContentItem], path: Path, root: Path
) -> tuple[ParsedYaml | None, list[Problem]]:
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _PARSE_CACHE.get(path)
    if cached is not None and cached[0] == key:
        parsed, problems = cached[1]
    else:
        parsed, problems = _parse_uncached(model, path, root)
        _PARSE_CACHE[path] = (key, (parsed, problems))
        _CACHE_STATS["misses"] += 1
    if parsed is not None:
        # Each load gets its own copy: pages add keys, and items must not share state.
        parsed = ParsedYaml(
            parsed.rel_path, dict(parsed.data), parsed.text, parsed.body_line, parsed.located
        )
    return parsed, list(problems)


def _parse_uncached(
    model: type[ContentItem], path: Path, root: Path
) -> tuple[ParsedYaml | None, list[Problem]]:
    if model is not Page:
        return load_yaml_file(path, root)
    rel = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")
    front, body, offset = split_front_matter(text)
    if front is None:
        return None, [
            Problem(
                rel,
                1,
                1,
                "",
                "a page needs front matter between '---' lines (title, audiences, status)",
            )
        ]
    # Pad with the lines before the YAML so reported lines match the Markdown file.
    parsed, problems = parse_yaml_text("\n" * offset + front, rel)
    if parsed is not None:
        parsed.data.setdefault("id", path.stem)
        parsed.data["body"] = body
        body_line = offset + front.count("\n") + 2
        parsed = ParsedYaml(parsed.rel_path, parsed.data, parsed.text, body_line, parsed.located)
        problems = [*problems, *_body_problems(rel, body, body_line)]
    return parsed, problems


def _body_problems(rel: str, body: str, body_line: int) -> list[Problem]:
    """Unsafe Markdown in a page body, each at its own line and column of the file."""
    found = []
    for offset, message in sorted(unsafe_spans(body)):
        line, column = line_and_column(body, offset)
        found.append(Problem(rel, body_line + line - 1, column, "body", message))
    return found


_ITEM_CACHE: dict[Path, tuple[object, tuple[ContentItem | None, list[Problem]]]] = {}


def _validate_cached(
    model: type[ContentItem], parsed: ParsedYaml, path: Path, audiences: tuple[str, ...]
) -> tuple[ContentItem | None, list[Problem]]:
    """Models are frozen and validation depends only on the file and the audiences, so an
    unchanged file keeps its validated item between preview rebuilds."""
    key = (_PARSE_CACHE[path][0], audiences, parsed.rel_path)
    cached = _ITEM_CACHE.get(path)
    if cached is not None and cached[0] == key:
        item, problems = cached[1]
        return item, list(problems)
    result = _validate(model, parsed, path, audiences)
    _ITEM_CACHE[path] = (key, result)
    return result[0], list(result[1])


def _validate(
    model: type[ContentItem], parsed: ParsedYaml, path: Path, audiences: tuple[str, ...]
) -> tuple[ContentItem | None, list[Problem]]:
    problems: list[Problem] = []
    item_id = parsed.data.get("id")
    if isinstance(item_id, str) and item_id != path.stem:
        problems.append(
            Problem(
                parsed.rel_path,
                *parsed.position(["id"]),
                "id",
                f"id '{item_id}' must equal the file name '{path.stem}'",
            )
        )
    try:
        # Fast-parsed data is plain already; ruamel's needs unwrapping.
        data = parsed.data if parsed.located is None else to_plain(parsed.data)
        item = model.model_validate(data, context={"audiences": audiences})
    except ValidationError as exc:
        problems.extend(problems_from_validation(model, parsed, exc))
        return None, problems
    return (None if problems else item), problems
