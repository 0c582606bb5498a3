"""Pydantic validation errors as messages staff can act on, with a position.

``'hgh' is not allowed (did you mean 'high'?); expected one of: low, medium, high`` rather
than pydantic's own wording, and the key path and position of the value, or of the key for
an unknown key.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from playbook_builder.content.problems import Problem
from playbook_builder.content.yaml_source import ParsedYaml, format_key_path

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


def problems_from_validation(
    model: type[BaseModel], parsed: ParsedYaml, exc: ValidationError
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    errors = exc.errors()
    # A misspelt key is one mistake, not two: when an unknown key's suggestion is a
    # missing required field beside it, report only the unknown key.
    misspelt = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc, _ = _clean_loc(parsed.data, error["loc"])
            known = _fields_at(model, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
            if close:
                misspelt.add(format_key_path([*loc[:-1], close[0]]))
    for error in errors:
        loc, is_key = _clean_loc(parsed.data, error["loc"])
        if error["type"] == "missing" and format_key_path(loc) in misspelt:
            continue
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
        hint = did_you_mean(name, known)
        return f"unknown key '{name}'{hint}; allowed keys: {', '.join(known)}"
    if etype == "literal_error":
        expected = [str(v) for v in typing.get_args(_annotation_at(model, loc) or str)]
        if not expected:
            expected = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        return f"{_describe(value)} is not allowed{did_you_mean(str(value), expected)}; expected one of: {', '.join(expected)}"
    if etype == "value_error" and str(error.get("ctx", {}).get("error", "")).startswith(
        "audience_unknown:"
    ):
        _, bad, allowed = str(error["ctx"]["error"]).split(":", 2)
        options = allowed.split(",")
        return f"'{bad}' is not an audience{did_you_mean(bad, options)}; expected one of: {', '.join(options)}"
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


def did_you_mean(word: str, options: list[str]) -> str:
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
