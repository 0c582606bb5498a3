"""Load every content file, validate it, and check the references between items.

Nothing is written here. Problems from every file are collected into one list; checks
that depend on an item (its references) run only for items that parsed.
"""

from __future__ import annotations

import difflib
import os
import pickle
import re
import tempfile
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from playbook_builder import models
from playbook_builder.models import (
    CaseStudy,
    Checklist,
    Cluster,
    ContentItem,
    Framework,
    Metric,
    Page,
    Practice,
)
from playbook_builder.problems import Problem
from playbook_builder.yaml_source import (
    Loc,
    ParsedYaml,
    load_yaml_file,
    parse_yaml_text,
    split_front_matter,
    to_plain,
)

T = TypeVar("T", bound=ContentItem)

REF_LINK = re.compile(r"\]\(ref:([a-z0-9-]+)(#[A-Za-z0-9_-]+)?\)")
YAML_SUFFIXES = (".yml", ".yaml")


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


def content_files(root: Path) -> Iterator[tuple[type[ContentItem], Path]]:
    for model in models.KINDS:
        folder = root / model.FOLDER
        if not folder.is_dir():
            continue
        suffixes = (".md",) if model is Page else YAML_SUFFIXES
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in suffixes and not path.name.startswith("."):
                yield model, path


def load_content(root: Path, audiences: tuple[str, ...]) -> tuple[Content, list[Problem]]:
    """Load and validate everything under ``root``; returns what parsed and every problem."""
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
    problems.extend(check_references(content))
    if _CACHE_STATS["misses"] != misses_before:
        _save_disk_cache(root)
    return content, problems


# Parsed files by path, kept while their size and modification time stay the same, so a
# preview rebuild parses only what was edited.
_PARSE_CACHE: dict[Path, tuple[tuple[int, int], tuple[ParsedYaml | None, list[Problem]]]] = {}
_CACHE_STATS = {"misses": 0}
# The same cache on disk, so the next build (or each edition's process) starts warm.
DISK_CACHE = ".playbook-cache/parsed-v1.pickle"
_DISK_LOADED: set[Path] = set()


def _load_disk_cache(root: Path) -> None:
    if root in _DISK_LOADED:
        return
    _DISK_LOADED.add(root)
    try:
        with (root / DISK_CACHE).open("rb") as handle:
            stored = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return
    if isinstance(stored, dict):
        for path, entry in stored.items():
            _PARSE_CACHE.setdefault(path, entry)


def _save_disk_cache(root: Path) -> None:
    entries = {
        path: (key, (parsed if parsed is None else replace(parsed, located=None), problems))
        for path, (key, (parsed, problems)) in _PARSE_CACHE.items()
        if path.is_relative_to(root) and (parsed is None or parsed.located is None)
    }
    target = root / DISK_CACHE
    try:
        target.parent.mkdir(exist_ok=True)
        (target.parent / ".gitignore").write_text("*\n", encoding="utf-8")
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".parsed-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:
        pass  # a read-only checkout builds fine without the cache


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
    return parsed, problems


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
        problems.extend(_problems_from_validation(model, parsed, exc))
        return None, problems
    return (None if problems else item), problems


_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "date_type": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if value is None:
        return "nothing"
    return repr(str(value))


def _problems_from_validation(
    model: type[BaseModel], parsed: ParsedYaml, exc: ValidationError
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for error in exc.errors():
        loc, is_key = _clean_loc(parsed.data, error["loc"])
        key_path = format_key_path(loc)
        if key_path in seen:
            continue  # a union type reports once per member; the first says enough
        seen.add(key_path)
        etype = error["type"]
        message = _message(model, loc, error)
        at_key = is_key or etype == "extra_forbidden"
        line, col = parsed.position(loc, key=at_key)
        problems.append(Problem(parsed.rel_path, line, col, key_path, message))
    return problems


def _message(model: type[BaseModel], loc: list[str | int], error: Any) -> str:
    etype = error["type"]
    value = error.get("input")
    name = str(loc[-1]) if loc else ""
    if etype == "missing":
        return f"required field '{name}' is missing"
    if etype == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        hint = _did_you_mean(name, known)
        return f"unknown key '{name}'{hint}; allowed keys: {', '.join(known)}"
    if etype == "literal_error":
        expected = [str(v) for v in typing.get_args(_annotation_at(model, loc) or str)]
        if not expected:
            expected = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        return f"{_describe(value)} is not allowed{_did_you_mean(str(value), expected)}; expected one of: {', '.join(expected)}"
    if etype == "value_error" and str(error.get("ctx", {}).get("error", "")).startswith(
        "audience_unknown:"
    ):
        _, bad, allowed = str(error["ctx"]["error"]).split(":", 2)
        options = allowed.split(",")
        return f"'{bad}' is not an audience{_did_you_mean(bad, options)}; expected one of: {', '.join(options)}"
    if etype == "value_error":
        return str(error["ctx"]["error"])
    if etype == "string_pattern_mismatch":
        return f"{_describe(value)} is not a valid id; use lower-case letters, digits and single hyphens"
    if etype in ("url_parsing", "url_scheme", "url_type", "url_syntax_violation"):
        return f"{_describe(value)} is not a valid web address; write it in full, starting with https://"
    if etype.startswith("date") or etype == "date_type":
        return f"expected a date written YYYY-MM-DD, got {_describe(value)}"
    if etype in _TYPE_WORDS:
        return f"expected {_TYPE_WORDS[etype]}, got {_describe(value)}"
    if etype in ("too_short", "string_too_short"):
        return "must not be empty" if not value else str(error["msg"]).lower()
    if etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{_describe(value)} is out of range: {str(error['msg']).lower()}"
    return str(error["msg"])


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _clean_loc(data: Any, raw: tuple[int | str, ...]) -> tuple[list[str | int], bool]:
    """Keep the parts of a pydantic location that index into the document.

    Union members and validator tags ('float', 'function-after[...]') are dropped; a
    '[key]' tag marks an error in a mapping key rather than its value.
    """
    loc: list[str | int] = []
    node = data
    is_key = False
    for part in raw:
        if part == "[key]":
            is_key = True
            continue
        if isinstance(node, dict) and part in node:
            loc.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int):
            loc.append(part)
            node = node[part] if 0 <= part < len(node) else None
        elif isinstance(node, dict) and isinstance(part, str) and not _is_tag(part):
            loc.append(part)  # a missing field
            node = None
    return loc, is_key


def _is_tag(part: str) -> bool:
    return bool(
        re.match(r"^(function-|constrained-|float|int|str|bool|date|url|literal|json-or)", part)
    )


def format_key_path(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _unwrap(annotation: Any) -> Any:
    """Strip Optional and Annotated to reach the model or container type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models_ = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models_[0] if models_ else args[0]
        else:
            return annotation


def _annotation_at(model: type[BaseModel], loc: list[str | int]) -> Any:
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            info = current.model_fields.get(part)
            if info is None:
                return None
            current = info.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return None
    return _unwrap(current)


def _fields_at(model: type[BaseModel], loc: list[str | int]) -> list[str]:
    target = _annotation_at(model, loc) if loc else model
    if isinstance(target, type) and issubclass(target, BaseModel):
        return [name for name in target.model_fields if name != "body"]
    return []


# --- references between items -------------------------------------------------------


def check_references(content: Content) -> list[Problem]:
    problems: list[Problem] = []

    def report(
        item: ContentItem, loc: Loc, message: str, at: tuple[int, int] | None = None
    ) -> None:
        parsed = content.parsed[item.id]
        line, column = at or parsed.position(loc)
        problems.append(Problem(parsed.rel_path, line, column, format_key_path(loc), message))

    def expect(item: ContentItem, loc: Loc, ref: str, kind: type[ContentItem]) -> None:
        target = content.get(ref)
        if isinstance(target, kind) or (target is None and ref in content.broken):
            return
        if target is None:
            known = [i.id for i in content.of(kind)]
            report(item, loc, f"no {kind.KIND} has the id '{ref}'{_did_you_mean(ref, known)}")
        else:
            report(item, loc, f"'{ref}' is a {target.KIND}, not a {kind.KIND}")

    for item in list(content.items.values()):
        if isinstance(item, Practice):
            for i, ref in enumerate(item.clusters):
                expect(item, ["clusters", i], ref, Cluster)
            for i, ref in enumerate(item.metrics):
                expect(item, ["metrics", i], ref, Metric)
            for i, ref in enumerate(item.case_studies):
                expect(item, ["case_studies", i], ref, CaseStudy)
        elif isinstance(item, CaseStudy):
            for i, ref in enumerate(item.clusters):
                expect(item, ["clusters", i], ref, Cluster)
            for i, ref in enumerate(item.practices):
                expect(item, ["practices", i], ref, Practice)
            if not item.sources and not item.illustrative:
                report(
                    item,
                    ["sources"] if "sources" in content.parsed[item.id].data else [],
                    "a case study needs sources, or `illustrative: true` if it is a composite",
                )
            for i, result in enumerate(item.results):
                if result.metric:
                    expect(item, ["results", i, "metric"], result.metric, Metric)
                if result.source and result.source > len(item.sources):
                    report(
                        item,
                        ["results", i, "source"],
                        f"source {result.source} does not exist; the case study lists {len(item.sources)}",
                    )
        elif isinstance(item, Metric):
            expect(item, ["cluster"], item.cluster, Cluster)
        elif isinstance(item, Cluster):
            _check_cluster(content, item, report)
        elif isinstance(item, Checklist):
            _check_checklist(content, item, report, expect)
        _check_ref_links(content, item, report)
    return problems


def _check_cluster(content: Content, item: Cluster, report: Any) -> None:
    for audience in item.audiences:
        if audience not in item.summary:
            report(
                item,
                ["summary"],
                f"a summary for '{audience}' is needed: the cluster is shown to them",
            )
    for framework_id, names in item.crosswalk.items():
        framework = content.get(framework_id)
        if framework is None and framework_id in content.broken:
            continue
        if not isinstance(framework, Framework):
            known = [f.id for f in content.of(Framework)]
            report(
                item,
                ["crosswalk", framework_id],
                f"no framework has the id '{framework_id}'{_did_you_mean(framework_id, known)}",
            )
            continue
        elements = [e.name for e in framework.elements]
        for i, name in enumerate(names):
            if name not in elements:
                report(
                    item,
                    ["crosswalk", framework_id, i],
                    f"'{name}' is not an element of {framework_id}{_did_you_mean(name, elements)}",
                )


def _check_checklist(content: Content, item: Checklist, report: Any, expect: Any) -> None:
    values = [o.value for o in item.scale]
    for i, value in enumerate(values):
        if values.index(value) != i:
            report(item, ["scale", i, "value"], f"answer value '{value}' is used twice")
    if not any(o.points is not None for o in item.scale):
        report(item, ["scale"], "at least one answer must carry points")
    seen: set[str] = set()
    for s, section in enumerate(item.sections):
        if section.cluster:
            expect(item, ["sections", s, "cluster"], section.cluster, Cluster)
        elif not section.title:
            report(item, ["sections", s], "a section needs a cluster or a title")
        for n, entry in enumerate(section.items):
            if entry.id in seen:
                report(
                    item, ["sections", s, "items", n, "id"], f"item id '{entry.id}' is used twice"
                )
            seen.add(entry.id)
            for p, ref in enumerate(entry.practices):
                expect(item, ["sections", s, "items", n, "practices", p], ref, Practice)
    if item.pairs_with and item.pairs_with not in content.broken:
        other = content.get(item.pairs_with)
        if not isinstance(other, Checklist):
            expect(item, ["pairs_with"], item.pairs_with, Checklist)
            return
        theirs = {i.id for i in other.all_items()}
        for s, section in enumerate(item.sections):
            for n, entry in enumerate(section.items):
                if entry.id not in theirs:
                    report(
                        item,
                        ["sections", s, "items", n, "id"],
                        f"item '{entry.id}' is not in {other.id}; paired checklists share item ids"
                        f"{_did_you_mean(entry.id, sorted(theirs))}",
                    )


def _check_ref_links(content: Content, item: ContentItem, report: Any) -> None:
    parsed = content.parsed[item.id]
    for loc, text in iter_text_fields(parsed.data):
        for match in REF_LINK.finditer(text):
            target = match.group(1)
            if target in content.items or target in content.broken:
                continue
            message = (
                f"link to 'ref:{target}' points at no item"
                f"{_did_you_mean(target, sorted(content.items))}"
            )
            if loc == ("body",) and parsed.body_line:
                # A page body is Markdown, not YAML: count lines to the link itself.
                before = text[: match.start()]
                line = parsed.body_line + before.count("\n")
                column = match.start() - (before.rfind("\n") + 1) + 1
                report(item, loc, message, at=(line, column))
            else:
                report(item, loc, message)


def iter_text_fields(node: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[Loc, str]]:
    """Every string value in a document, with its location."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from iter_text_fields(value, (*loc, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from iter_text_fields(value, (*loc, i))
    elif isinstance(node, str):
        yield loc, node
