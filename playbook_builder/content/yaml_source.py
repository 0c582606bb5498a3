"""Read YAML with positions, and turn parse failures into :class:`Problem` records.

ruamel's round-trip loader keeps the line and column of every key and value, which is
what lets a model error on ``results[1].after`` point at the exact spot in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from playbook_builder.content.problems import Problem

Loc = Sequence[str | int]


class _LenientTimestampConstructor(RoundTripConstructor):
    """Keeps an impossible date such as 2024-13-45 as text, so the model reports it with
    its position instead of the parser crashing without one."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError):
            return str(node.value)


_LenientTimestampConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _LenientTimestampConstructor.construct_yaml_timestamp
)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _LenientTimestampConstructor
    yaml.allow_duplicate_keys = False
    return yaml


class _FastLoader(pyyaml.CSafeLoader):
    """libyaml's parser with YAML 1.2 core scalars, as ruamel reads them: only
    true/false are booleans (`yes` stays text), no sexagesimal or leading-zero octal
    numbers. Duplicate keys raise, so such a file falls back to the precise path."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen = set()
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, pyyaml.ScalarNode) else id(key_node)
            if key in seen:
                raise pyyaml.constructor.ConstructorError(
                    None, None, "duplicate key", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_FastLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if not tag.endswith((":bool", ":int", ":float"))]
    for first, resolvers in pyyaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (
        "tag:yaml.org,2002:int",
        r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$",
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
):
    _FastLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _fast_load(text: str) -> Any:
    """Parse with libyaml; ``None`` when anything is unusual, so the caller takes the
    slower path that reports positions."""
    try:
        return pyyaml.load(text, Loader=_FastLoader)
    except (pyyaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        return None


# No content file needs more than a handful of levels; a file nested far deeper is a
# mistake or an attack on the parser, and is refused before it is parsed.
MAX_DEPTH = 32


def data_depth(value: Any) -> int:
    """How deeply lists and mappings nest in ``value`` (without recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


_ITEM_DASHES = re.compile(r"(?:^|(?<=[ ]))-(?=[ ])")


def nesting_problem(text: str, rel_path: str, limit: int = MAX_DEPTH) -> Problem | None:
    """Where the YAML text first nests deeper than ``limit`` (block indentation, '- '
    items and flow brackets), found by scanning, not parsing."""
    indents: list[int] = []
    flow = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if flow == 0:
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
        block = len(indents) + len(_ITEM_DASHES.findall(stripped.split(" #")[0].split(":")[0]))
        quote = ""
        for column, char in enumerate(line, start=1):
            if quote:
                if char == quote:
                    quote = ""
                continue
            if char in "\"'" and flow:
                quote = char
            elif char == "#" and (column == 1 or line[column - 2] == " "):
                break
            elif char in "[{":
                flow += 1
            elif char in "]}":
                flow = max(0, flow - 1)
            if block + flow > limit:
                return Problem(
                    rel_path,
                    number,
                    column,
                    "",
                    f"nested more than {limit} levels deep; content files need only a few",
                )
    return None


@dataclass(frozen=True)
class ParsedYaml:
    """A parsed YAML mapping, its text, and where it came from.

    ``data`` comes from the fast parser; line and column numbers come from ruamel's
    round-trip parser, run only when a position is asked for (that is, on a problem).
    """

    rel_path: str
    data: dict[str, Any]
    text: str = ""
    body_line: int = 0  # pages: the file line where the Markdown body starts
    located: Any = field(default=None, compare=False)

    @cached_property
    def _positions(self) -> Any:
        if self.located is not None:
            return self.located
        return _yaml().load(self.text)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``loc``, or of its key when ``key``.

        Walks as far down ``loc`` as the document goes; a missing field is reported at
        the mapping that should have held it.
        """
        return position_in(self._positions, loc, key=key)


def position_in(node: Any, loc: Loc, *, key: bool = False) -> tuple[int, int]:
    line, col = _start(node)
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, CommentedMap) and part in node:
            try:
                line, col = node.lc.key(part) if (last and key) else node.lc.value(part)
            except KeyError:  # a key added after parsing (a page's id, its body)
                break
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.lc.item(part)
            node = node[part]
        else:
            break
    return line + 1, col + 1


def _start(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is not None and lc.line is not None:
        return int(lc.line), int(lc.col)
    return 0, 0


def to_plain(value: Any) -> Any:
    """Plain dicts, lists and scalars, so models never see ruamel's wrapper types."""
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        return str(value)
    return value


def parse_yaml_text(text: str, rel_path: str) -> tuple[ParsedYaml | None, list[Problem]]:
    """Parse one YAML document that must be a mapping."""
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                column = len(line) - len(stripped) + 1
                return None, [
                    Problem(
                        rel_path,
                        number,
                        column,
                        "",
                        "tab character used for indentation; indent with spaces",
                    )
                ]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Problem(rel_path, 1, 1, "", "file is empty; expected a mapping of fields")]
    special = _special_start_problem(text, rel_path, silent_only=True)
    if special is not None:
        return None, [special]
    fast = _fast_load(text)
    if isinstance(fast, dict) and all(isinstance(k, str) for k in fast):
        if data_depth(fast) <= MAX_DEPTH:
            return ParsedYaml(rel_path, fast, text), []
        return None, [
            nesting_problem(text, rel_path)
            or Problem(rel_path, 1, 1, "", f"nested more than {MAX_DEPTH} levels deep")
        ]
    deep = nesting_problem(text, rel_path)
    if deep is not None:
        return None, [deep]
    try:
        data = _yaml().load(text)
    except RecursionError:
        return None, [Problem(rel_path, 1, 1, "", f"nested more than {MAX_DEPTH} levels deep")]
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        key = _duplicate_key_name(exc)
        return None, [
            Problem(
                rel_path,
                mark.line + 1 if mark else 1,
                mark.column + 1 if mark else 1,
                key,
                f"duplicate key {key!r}; each key may appear once in a mapping",
            )
        ]
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        special = _special_start_problem(
            text, rel_path, near_line=(mark.line + 1) if mark else None
        )
        if special is not None:
            return None, [special]
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        problem = _with_hint(problem)
        return None, [
            Problem(
                rel_path,
                mark.line + 1 if mark else 1,
                mark.column + 1 if mark else 1,
                "",
                f"YAML syntax error: {problem}",
            )
        ]
    except YAMLError as exc:
        return None, [Problem(rel_path, 1, 1, "", f"YAML error: {exc}")]
    if data is None:
        return None, [Problem(rel_path, 1, 1, "", "file is empty; expected a mapping of fields")]
    if not isinstance(data, CommentedMap):
        kind = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        return None, [
            Problem(
                rel_path, 1, 1, "", f"expected a mapping of fields at the top level, got {kind}"
            )
        ]
    return ParsedYaml(rel_path, data, text, located=data), []


# What YAML makes of a plain value that starts with one of these characters.
_SPECIAL_STARTS = {
    "[": "the start of a list",
    "{": "the start of a mapping",
    "*": "a reference to an anchor",
    "&": "an anchor name (the word after it is dropped from your text)",
    "!": "a tag (the word after it is dropped from your text)",
    "|": "the start of a block of text",
    ">": "the start of a folded block of text",
    "%": "a reserved character",
    "@": "a reserved character",
    "`": "a reserved character",
}
_VALUE_START = re.compile(r"^(?P<lead>[ ]*(?:- +)*(?:[A-Za-z_][\w-]*: +)?(?:- +)*)(?P<value>\S.*)$")
# Content files never use anchors or tags, so a value starting with & or ! is always a
# value that lost its first word without any error.
_SILENT_START = re.compile(r"^[ ]*(?:- +|[A-Za-z_][\w-]*: +)[&!]", re.M)


def _special_start_problem(
    text: str, rel_path: str, *, near_line: int | None = None, silent_only: bool = False
) -> Problem | None:
    """A plain value that starts with a character YAML reads as syntax: say that the
    value needs quotes, and show how (the parser's own message sends people looking for
    an indentation problem that is not there)."""
    lines = text.splitlines()
    if silent_only:
        if "&" not in text and "!" not in text:
            return None
        found = _SILENT_START.search(text)
        if found is None:
            return None
        candidates = [text.count("\n", 0, found.start()) + 1]
    elif near_line is None:
        return None
    else:
        candidates = [near_line, near_line - 1]
    for number in candidates:
        if not 1 <= number <= len(lines):
            continue
        match = _VALUE_START.match(lines[number - 1])
        if match is None:
            continue
        value = match.group("value")
        first = value[0]
        if first not in _SPECIAL_STARTS or _legitimate_structure(value):
            continue
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return Problem(
            rel_path,
            number,
            len(match.group("lead")) + 1,
            "",
            f"this value starts with '{first}', which YAML reads as "
            f"{_SPECIAL_STARTS[first]}; put the whole value in quotes: "
            f"{match.group('lead').strip()} {quoted}".replace("  ", " ").strip(),
        )
    return None


def _legitimate_structure(value: str) -> bool:
    """Real YAML structure, or a mistake in it: a flow list or mapping (closed or not),
    or a block-scalar indicator on its own. Text such as "[a link](...) and more" or
    "{x} y" is not."""
    if value[0] in "[{":
        closing = "]" if value[0] == "[" else "}"
        if "](" in value:
            return False
        end = value.find(closing)
        return end == -1 or not value[end + 1 :].strip() or value[end + 1 :].lstrip()[0] in ",#"
    if value[0] in "|>":
        return re.fullmatch(r"[|>][+-]?[0-9]?\s*(#.*)?", value) is not None
    return False


_HINTS = {
    "mapping values are not allowed here": (
        "this line is indented differently from the keys around it, or a value contains "
        "': ' and needs quotes"
    ),
    "could not find expected ':'": "a line above lacks ':' after its key, or a quote is not closed",
    "expected <block end>": "this line does not line up with the lines above it",
    "found unexpected end of stream": "a quote or bracket is not closed",
    "found character '\\t'": "indent with spaces, not tabs",
}


def _with_hint(problem: str) -> str:
    """Lead with what to look for; keep the parser's own words after it."""
    for start, hint in _HINTS.items():
        if problem.startswith(start):
            return f"{hint} (parser: {problem})"
    return problem


def _duplicate_key_name(exc: DuplicateKeyError) -> str:
    text = str(exc.problem or "")
    # ruamel words it as: found duplicate key "title" with value ... (original value: ...)
    if '"' in text:
        return text.split('"')[1]
    return ""


def load_yaml_file(path: Path, root: Path) -> tuple[ParsedYaml | None, list[Problem]]:
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(rel, 1, 1, "", f"file is not valid UTF-8 text ({exc.reason})")]
    return parse_yaml_text(text, rel)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split a Markdown file into (front matter YAML, body, line offset of the YAML).

    Returns ``None`` for the YAML when the file has no front matter block.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), 1
    return None, text, 0


def format_key_path(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


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
