"""Reading saved-answers files, with the rules the page applies on "Restore from file".

The format and the rules are documented in ``ANSWERS_FORMAT.md``; the page's reader is
``assets/checklist/answers.js``. Both are run against the same cases in
``tests/answers_cases/``, so they accept and refuse the same files for the same reason
(:attr:`AnswersFileError.reason` here, ``ReadError.reason`` there).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn

# Version of the saved-answers file format (and of the embedded definition). Format 1
# files (no offer details, no state) are still read: they are format 2 files without them.
FORMAT_VERSION = 2
READABLE_FORMATS = (1, 2)
# Limits the page and read_answers_file both enforce; embedded in the definition.
MAX_FILE_BYTES = 256 * 1024
MAX_OFFERS = 3
MAX_NAME_LENGTH = 60
# A saved file is four levels deep (file, offers, offer, answers); anything far deeper
# is not a saved file, and refusing it before parsing keeps parsers out of deep recursion.
MAX_DEPTH = 32
OFFER_KIND = "offer-evaluation"
# An offer's details (format 2): the numbers people weigh, each optional. Numbers must be
# finite and between 0 and the limit; anything else is left out and counted.
DETAIL_LIMITS: dict[str, float] = {
    "pay_amount": 10_000_000,
    "hours_expected": 168,
    "hours_guaranteed": 168,
    "commute_minutes": 1440,
    "commute_cost_week": 100_000,
    "health_cost": 100_000,
}
# Pay periods, and pay periods of a year for the health-cover cost.
PAY_PERIODS = ("hour", "week", "month", "year")
HEALTH_PERIODS: dict[str, int] = {"week": 52, "two-weeks": 26, "half-month": 24, "month": 12}
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_STATE = re.compile(r"[A-Z]{2}")
_LOCALITY = re.compile(r"[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*")

_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16 (and UTF-32 little-endian) byte-order marks


class AnswersFileError(ValueError):
    """A saved-answers file the page would refuse; the message says why.

    ``reason`` is a short key shared with the page's reader (see ANSWERS_FORMAT.md).
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class SavedAnswers:
    """What a saved-answers file holds, after the page's restore rules."""

    # One answer set, or one per offer: (offer name or None, {item id: value}).
    answer_sets: list[tuple[str | None, dict[str, str]]]
    version: int  # the checklist version the file was saved from
    ignored_items: int  # answers to item ids the checklist does not have
    ignored_values: int  # answers whose value is not on the checklist's scale
    small_employer: bool
    # Offer checklists: each offer's details (pay, hours, commute...), in offer order.
    details: list[dict[str, Any]] = field(default_factory=list)
    state: str | None = None  # the reader's state (a postal code), offer checklists only
    locality: str | None = None  # their city or area in that state (a locality id)
    ignored_details: int = 0  # details (or a state) left out as not valid
    # Self-assessment: the employer's size (people working for them) and industry choice,
    # for the benchmarks; None when not given or not valid for the checklist.
    workers: int | None = None
    industry: str | None = None
    saved: str | None = None  # the day the file was saved (YYYY-MM-DD), when it says


def content_key(data: bytes) -> str:
    """SHA-256 of a file's bytes: two files with the same key are the same file."""
    return hashlib.sha256(data).hexdigest()


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` outside JSON strings (the page counts alike)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _refuse(reason: str, message: str) -> NoReturn:
    raise AnswersFileError(reason, message)


def _no_constants(name: str) -> NoReturn:
    # Python's json reads NaN and Infinity; JSON (and the page) does not.
    raise ValueError(f"{name} is not JSON")


def _whole_number(text: str) -> int | float:
    # Beyond a double's range the page sees Infinity; so does this reader.
    return int(text) if len(text) <= 300 else float(text)


def decode_document(data: bytes | str) -> Any:
    """Bytes to a JSON value, or :class:`AnswersFileError`: size, encoding, depth, syntax."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if len(raw) > MAX_FILE_BYTES:
        _refuse("too-big", f"the file is larger than {MAX_FILE_BYTES // 1024} KB")
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    elif raw.startswith(_OTHER_BOMS):
        _refuse("encoding", "the file is not UTF-8 text (it looks like UTF-16)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        _refuse("encoding", "the file is not UTF-8 text")
    if "\x00" in text:
        _refuse("encoding", "the file is not UTF-8 text (it has NUL bytes, as UTF-16 does)")
    if nesting_depth(text) > MAX_DEPTH:
        _refuse("nesting", f"the file is nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(text, parse_constant=_no_constants, parse_int=_whole_number)
    except (ValueError, RecursionError):
        _refuse("not-json", "the file is not a saved-answers file (not JSON)")


def _version(document: Mapping[str, Any], current: int) -> int:
    version = document.get("version")
    # A whole number, written 2 or 2.0 alike: the page cannot tell them apart.
    whole = isinstance(version, int) or (isinstance(version, float) and version.is_integer())
    if isinstance(version, bool) or not isinstance(version, int | float) or not whole:
        _refuse("version", "the file does not say which version of the checklist it is")
    if version < 1:
        _refuse("version", "the file does not say which version of the checklist it is")
    if version > current:
        _refuse("newer", "the file comes from a newer version of this checklist")
    return int(version)


def read_answers_file(data: bytes | str, definition: Mapping[str, Any]) -> SavedAnswers:
    """Read a saved-answers file for ``definition``'s checklist, as "Restore" does.

    Raises :class:`AnswersFileError` for a file the page would refuse: too big, not
    UTF-8, nested too deep, not JSON, another format or checklist, a newer version, or
    the wrong shape.
    """
    document = decode_document(data)
    if not isinstance(document, dict) or "format" not in document:
        _refuse("not-answers", "the file is not a saved-answers file")
    if document["format"] not in READABLE_FORMATS or isinstance(document["format"], bool):
        _refuse("format", "the file is in a format this checklist does not read")
    if document.get("checklist") != definition["checklist"]:
        _refuse("checklist", "the file holds answers for a different checklist")
    version = _version(document, definition["version"])
    items = {item["id"] for section in definition["sections"] for item in section["items"]}
    values = {o["value"] for o in definition["scale"]}
    counts = {"items": 0, "values": 0, "details": 0}

    def clean(answers: object) -> dict[str, str]:
        if not isinstance(answers, dict):
            _refuse("answers-shape", "the file's answers are not in the expected shape")
        kept = {}
        for key, value in answers.items():
            if key not in items:
                counts["items"] += 1
            elif not isinstance(value, str) or value not in values:
                counts["values"] += 1
            else:
                kept[key] = value
        return kept

    sets: list[tuple[str | None, dict[str, str]]] = []
    details: list[dict[str, Any]] = []
    state: str | None = None
    locality: str | None = None
    if definition["kind"] == OFFER_KIND:
        offers = document.get("offers")
        if not isinstance(offers, list) or not offers:
            _refuse("offers-shape", "the file's offers are not in the expected shape")
        if len(offers) > MAX_OFFERS:
            _refuse("too-many-offers", f"the file has more than {MAX_OFFERS} offers")
        for number, offer in enumerate(offers, start=1):
            if not isinstance(offer, dict):
                _refuse("offers-shape", "the file's offers are not in the expected shape")
            sets.append((_offer_name(offer.get("name"), number), clean(offer.get("answers"))))
            details.append(_details(offer.get("details"), counts))
        state = _state(document.get("state"), counts)
        locality = _locality(document.get("locality"), counts) if state else None
    else:
        sets.append((None, clean(document.get("answers"))))
    workers, industry = (
        _peers(document.get("peers"), definition, counts)
        if definition["kind"] == "self-assessment"
        else (None, None)
    )
    return SavedAnswers(
        answer_sets=sets,
        version=version,
        ignored_items=counts["items"],
        ignored_values=counts["values"],
        small_employer=document.get("small_employer") is True,
        details=details,
        state=state,
        locality=locality,
        ignored_details=counts["details"],
        workers=workers,
        industry=industry,
        saved=_saved(document.get("saved")),
    )


def _peers(
    raw: object, definition: Mapping[str, Any], counts: dict[str, int]
) -> tuple[int | None, str | None]:
    """The employer's size and industry, each kept when valid for the checklist."""
    data = definition.get("benchmarks")
    if raw is None or not data:
        return None, None
    if not isinstance(raw, dict):
        counts["details"] += 1
        return None, None
    workers = raw.get("workers")
    if (
        isinstance(workers, bool)
        or not isinstance(workers, int | float)
        or not (float(workers).is_integer() and 1 <= workers <= data["max_workers"])
    ):
        if workers is not None:
            counts["details"] += 1
        workers = None
    industry = raw.get("industry")
    if not isinstance(industry, str) or industry not in {c["key"] for c in data["industries"]}:
        if industry is not None:
            counts["details"] += 1
        industry = None
    return (int(workers) if workers is not None else None), industry


def _saved(raw: object) -> str | None:
    """The day of an ISO 8601 timestamp ("2026-11-25T14:03:11.512Z" -> "2026-11-25")."""
    if not isinstance(raw, str):
        return None
    day = raw[:10]
    if len(raw) > 10 and raw[10] != "T":
        return None
    return day if _date(day) else None


def _number(value: object, limit: float) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and 0 <= value <= limit


def _date(value: object) -> bool:
    match = _DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None or not 1900 <= int(match.group(1)) <= 2100:
        return False
    try:
        dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return False
    return True


def _details(raw: object, counts: dict[str, int]) -> dict[str, Any]:
    """An offer's details, keeping the valid ones (``null`` means not given)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        counts["details"] += 1
        return {}
    kept: dict[str, Any] = {}
    for key, value in raw.items():
        if value is None:
            continue
        if key in DETAIL_LIMITS:
            ok = _number(value, DETAIL_LIMITS[key])
        elif key == "pay_period":
            ok = isinstance(value, str) and value in PAY_PERIODS
        elif key == "health_period":
            ok = isinstance(value, str) and value in HEALTH_PERIODS
        elif key == "start_date":
            ok = _date(value)
        else:
            ok = False
        if ok:
            kept[key] = value
        else:
            counts["details"] += 1
    return kept


def _locality(raw: object, counts: dict[str, int]) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, str) and len(raw) <= 80 and _LOCALITY.fullmatch(raw):
        return raw
    counts["details"] += 1
    return None


def _state(raw: object, counts: dict[str, int]) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, str) and _STATE.fullmatch(raw):
        return raw
    counts["details"] += 1
    return None


def _offer_name(name: object, number: int) -> str:
    text = " ".join(name.split())[:MAX_NAME_LENGTH] if isinstance(name, str) else ""
    return text or f"Offer {number}"
