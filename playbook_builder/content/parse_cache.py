"""The caches on disk: data only, checked on load, thrown away on any mismatch.

The parse cache keeps each content file's parsed data (or its problems) with the file's
size and modification time, so the next command starts warm. It is JSON, never pickle: a
cache file planted in a checkout can at worst be discarded, never run code. Only what the
fast parser produces is stored (strings, numbers, booleans, null, lists, mappings with
string keys, dates and date-times, tagged); anything else in a file leaves that file out
of the cache.

The grade cache keeps the reading grade of each text scored (by a digest of the text and
the scorer's version), so ``playbook validate`` scores only the text that changed and
loads the pronunciation dictionary only then.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

from playbook_builder.content.problems import Problem, Severity
from playbook_builder.content.yaml_source import ParsedYaml

FORMAT = "playbook-parse-cache"
VERSION = 2
FILE = ".playbook-cache/parsed-v2.json"
GRADES_FORMAT = "playbook-grade-cache"
GRADES_VERSION = 1
GRADES_FILE = ".playbook-cache/grades-v1.json"
# A cache larger than this is not read (a real one is a few MB even at 1,000 items).
MAX_BYTES = 200 * 1024 * 1024

Key = tuple[int, int]
Entry = tuple[Key, tuple[ParsedYaml | None, list[Problem]]]


class _Unstorable(Exception):
    pass


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _Unstorable
        return value
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) and not k.startswith("$") for k in value):
            raise _Unstorable
        return {k: _encode(v) for k, v in value.items()}
    raise _Unstorable


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if len(value) == 1 and "$date" in value:
            return dt.date.fromisoformat(_text(value["$date"]))
        if len(value) == 1 and "$datetime" in value:
            return dt.datetime.fromisoformat(_text(value["$datetime"]))
        if any(k.startswith("$") for k in value):
            raise ValueError("unknown tag")
        return {k: _decode(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise ValueError("unexpected value")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected text")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("expected an integer")
    return value


def _problem_out(p: Problem) -> list[Any]:
    return [p.file, p.line, p.column, p.key_path, p.message, p.severity.value]


def _problem_in(raw: Any) -> Problem:
    if not isinstance(raw, list) or len(raw) != 6:
        raise ValueError("bad problem")
    return Problem(
        _text(raw[0]),
        _int(raw[1]),
        _int(raw[2]),
        _text(raw[3]),
        _text(raw[4]),
        Severity(_text(raw[5])),
    )


def save(root: Path, entries: dict[Path, Entry]) -> None:
    """Write the cache for files under ``root`` (atomically; a read-only checkout just
    goes without)."""
    files: dict[str, Any] = {}
    for path, (key, (parsed, problems)) in entries.items():
        if not path.is_relative_to(root) or (parsed is not None and parsed.located is not None):
            continue
        try:
            record: dict[str, Any] = {
                "key": list(key),
                "problems": [_problem_out(p) for p in problems],
                "parsed": None,
            }
            if parsed is not None:
                record["parsed"] = {
                    "rel_path": parsed.rel_path,
                    "data": _encode(parsed.data),
                    "text": parsed.text,
                    "body_line": parsed.body_line,
                }
        except _Unstorable:
            continue
        files[path.relative_to(root).as_posix()] = record
    _write(root / FILE, {"format": FORMAT, "version": VERSION, "files": files})


def _write(target: Path, stored: dict[str, Any]) -> None:
    """Replace ``target`` atomically; a read-only checkout just goes without."""
    try:
        target.parent.mkdir(exist_ok=True)
        (target.parent / ".gitignore").write_text("*\n", encoding="utf-8")
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".cache-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(stored, handle)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        pass


def _read(target: Path) -> Any:
    if target.stat().st_size > MAX_BYTES:
        raise ValueError("too large")
    return json.loads(target.read_text(encoding="utf-8"))


def load(root: Path) -> dict[Path, Entry]:
    """The cached entries for ``root``; empty when the cache is missing, unreadable, of
    another version or malformed in any way."""
    try:
        return _entries(root, _read(root / FILE))
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return {}


def _entries(root: Path, stored: Any) -> dict[Path, Entry]:
    if not isinstance(stored, dict) or stored.get("format") != FORMAT:
        raise ValueError("not a cache")
    if stored.get("version") != VERSION or not isinstance(stored.get("files"), dict):
        raise ValueError("another version")
    entries: dict[Path, Entry] = {}
    resolved_root = root.resolve()
    for rel, record in stored["files"].items():
        path = root / _text(rel)
        if not path.resolve().is_relative_to(resolved_root):
            raise ValueError("path outside the project")
        if not isinstance(record, dict) or set(record) != {"key", "problems", "parsed"}:
            raise ValueError("bad record")
        key_list = record["key"]
        if not isinstance(key_list, list) or len(key_list) != 2:
            raise ValueError("bad key")
        key = (_int(key_list[0]), _int(key_list[1]))
        if not isinstance(record["problems"], list):
            raise ValueError("bad problems")
        problems = [_problem_in(p) for p in record["problems"]]
        raw = record["parsed"]
        parsed = None
        if raw is not None:
            if not isinstance(raw, dict) or set(raw) != {"rel_path", "data", "text", "body_line"}:
                raise ValueError("bad parsed record")
            data = _decode(raw["data"])
            if not isinstance(data, dict):
                raise ValueError("data must be a mapping")
            parsed = ParsedYaml(
                _text(raw["rel_path"]), data, _text(raw["text"]), _int(raw["body_line"])
            )
        entries[path] = (key, (parsed, problems))
    return entries


def _digest_key(value: Any) -> str:
    if not isinstance(value, str) or len(value) != 32 or value.strip("0123456789abcdef"):
        raise ValueError("bad digest")
    return value


def _grade(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError("bad grade")
    return float(value)


def load_grades(root: Path, scorer: str) -> dict[str, float]:
    """Reading grades by text digest, as scored by ``scorer`` (the scoring library and
    its version); empty when the cache is missing, of another scorer or malformed."""
    try:
        stored = _read(root / GRADES_FILE)
        if not isinstance(stored, dict) or set(stored) != {"format", "version", "scorer", "grades"}:
            raise ValueError("not a grade cache")
        if (stored["format"], stored["version"]) != (GRADES_FORMAT, GRADES_VERSION):
            raise ValueError("another version")
        if stored["scorer"] != scorer or not isinstance(stored["grades"], dict):
            raise ValueError("another scorer")
        return {_digest_key(k): _grade(v) for k, v in stored["grades"].items()}
    except (OSError, ValueError, TypeError, RecursionError):
        return {}


def save_grades(root: Path, scorer: str, grades: dict[str, float]) -> None:
    _write(
        root / GRADES_FILE,
        {"format": GRADES_FORMAT, "version": GRADES_VERSION, "scorer": scorer, "grades": grades},
    )
