"""Checklist scoring and saved answers, defined once.

:func:`checklist_definition` is the data both sides work from: the page embeds it as
JSON for the browser (``assets/checklist.js``), and :func:`score` computes the same
figures in Python. The method:

* each answer carries points from the checklist's scale; "not sure" carries none and is
  left out, as is an unanswered item;
* a section's score is 100 × Σ(weight × points) / Σ(weight × highest points) over its
  answered, scored items, rounded to one decimal;
* the overall score applies the same formula to every answered, scored item.

:func:`read_answers_file` reads a file saved from a checklist page (the format is
documented in ``ANSWERS_FORMAT.md``) with the same rules the page applies on "Restore
from file", so saved worker-pulse files can be collected and scored in Python.
:func:`compare_with_companion` sets an employer's answers next to worker-pulse files,
over the items both checklists ask, as the employer page's "Compare with your workers"
section does.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from playbook_builder.content import Content
from playbook_builder.editions import Edition
from playbook_builder.models import Checklist, Cluster, Practice
from playbook_builder.urls import built_href

if TYPE_CHECKING:
    from playbook_builder.render import Linker

# Version of the saved-answers file format (and of the embedded definition).
FORMAT_VERSION = 1
# Limits the page and read_answers_file both enforce; embedded in the definition.
MAX_FILE_BYTES = 256 * 1024
MAX_OFFERS = 3
MAX_NAME_LENGTH = 60
# The action plan covers this many of the lowest-scoring sections (those below 100).
PLAN_SIZE = 3
# "Compare with your workers" shows the workers' average for a section only when at
# least this many worker files scored it, so no one worker's answers can be read off.
MIN_RESPONSES = 5


def _section_key(cluster: str | None, title: str | None, index: int) -> str:
    if cluster:
        return cluster
    slug = re.sub(r"[^a-z0-9]+", "-", (title or "").lower()).strip("-")
    return slug or f"section-{index + 1}"


_MD_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")


def text_parts(text: str, linker: Linker) -> list[tuple[str, str | None]]:
    """Checklist text split into (text, href or None) for the page's own HTML form.

    ``[label](ref:id)`` becomes a link when the edition shows the item, plain text when
    not; hrefs are the built ones (see :func:`built_href`), since Markdown does not run
    inside the form.
    """
    parts: list[tuple[str, str | None]] = []
    resolved = linker.resolve_refs(text)
    position = 0
    for match in _MD_LINK.finditer(resolved):
        if match.start() > position:
            parts.append((resolved[position : match.start()], None))
        label, url = match.group(1), match.group(2)
        if re.match(r"https?://", url):
            parts.append((label, url))
        elif url.split("#")[0].endswith(".md"):
            parts.append((label, built_href(linker.current, url)))
        else:
            parts.append((label, None))
        position = match.end()
    if position < len(resolved):
        parts.append((resolved[position:], None))
    return parts


def plain_text(text: str | None) -> str | None:
    """Text with Markdown links reduced to their labels (for the script's summaries)."""
    return _MD_LINK.sub(r"\1", text) if text is not None else None


def _practice(practice: Practice, linker: Linker | None) -> dict[str, Any]:
    url = linker.url_for(practice.id) if linker else None
    return {
        "id": practice.id,
        "title": practice.title,
        "url": url,
        "href": built_href(linker.current, url) if linker and url else None,
        "first_step": practice.first_step,
        "small": "small" in practice.employer_size,
        "effort": practice.effort,
    }


def checklist_definition(
    checklist: Checklist, shown: Content, edition: Edition, *, linker: Linker | None = None
) -> dict[str, Any]:
    """The checklist as plain data, with only the practices this edition shows.

    When other checklists in the edition pair with this one (a worker pulse's
    ``pairs_with``), their definitions come along as ``companions``, each with the
    ``href`` of its page, so the page can compare its answers with theirs
    (:func:`compare_with_companion`).
    """
    definition = _definition(checklist, shown, edition, linker)
    companions = [
        other
        for other in shown.of(Checklist)
        if other.pairs_with == checklist.id and other.id != checklist.id
    ]
    if companions:
        definition["companions"] = [
            {**_definition(other, shown, edition, linker), "href": _page_href(other, linker)}
            for other in companions
        ]
        definition["limits"]["min_responses"] = MIN_RESPONSES
    return definition


def _page_href(checklist: Checklist, linker: Linker | None) -> str | None:
    url = linker.url_for(checklist.id) if linker else None
    return built_href(linker.current, url) if linker and url else None


def _definition(
    checklist: Checklist, shown: Content, edition: Edition, linker: Linker | None
) -> dict[str, Any]:
    points = [o.points for o in checklist.scale if o.points is not None]
    shown_practices = shown.of(Practice)
    sections = []
    for index, section in enumerate(checklist.sections):
        cluster = shown.get(section.cluster) if section.cluster else None
        title = section.title or (cluster.title if isinstance(cluster, Cluster) else "")
        items = []
        for entry in section.items:
            practices = []
            for ref in entry.practices:
                practice = shown.get(ref)
                if isinstance(practice, Practice):
                    practices.append(_practice(practice, linker))
            items.append(
                {
                    "id": entry.id,
                    "question": plain_text(entry.question),
                    "weight": entry.weight,
                    "practices": practices,
                    "ask": plain_text(entry.ask),
                    "red_flag": plain_text(entry.red_flag),
                }
            )
        sections.append(
            {
                "key": _section_key(section.cluster, section.title, index),
                "cluster": section.cluster,
                "title": title,
                "items": items,
                # Every practice in this edition for the section's cluster.
                "practices": [
                    _practice(p, linker)
                    for p in shown_practices
                    if section.cluster and section.cluster in p.clusters
                ],
            }
        )
    return {
        "format": FORMAT_VERSION,
        "checklist": checklist.id,
        "version": checklist.version,
        "kind": checklist.kind,
        "edition": edition.id,
        "title": checklist.title,
        "pairs_with": checklist.pairs_with,
        "max_points": max(points) if points else 0,
        "scale": [
            {"value": o.value, "label": o.label, "points": o.points, "concern": o.concern}
            for o in checklist.scale
        ],
        "sections": sections,
        "limits": {
            "file_bytes": MAX_FILE_BYTES,
            "offers": MAX_OFFERS,
            "name_length": MAX_NAME_LENGTH,
            "plan": PLAN_SIZE,
        },
    }


def score(definition: Mapping[str, Any], answers: Mapping[str, str]) -> dict[str, Any]:
    """Scores per section and overall (0-100, or None when nothing scored was answered).

    ``details`` gives, per section, the weighted points earned and possible and the
    counts behind them, so the method can be shown next to the score.
    """
    points_of = {o["value"]: o["points"] for o in definition["scale"]}
    top = float(definition["max_points"])
    total_got = total_max = 0.0
    by_section: dict[str, float | None] = {}
    details: dict[str, dict[str, Any]] = {}
    answered = unscored = 0
    for section in definition["sections"]:
        got = most = 0.0
        section_answered = section_unscored = 0
        for item in section["items"]:
            value = answers.get(item["id"])
            if not isinstance(value, str) or value not in points_of:
                continue
            section_answered += 1
            pts = points_of[value]
            if pts is None:
                section_unscored += 1
                continue
            got += item["weight"] * pts
            most += item["weight"] * top
        by_section[section["key"]] = _percent(got, most)
        details[section["key"]] = {
            "earned": got,
            "possible": most,
            "answered": section_answered,
            "unscored": section_unscored,
            "items": len(section["items"]),
        }
        answered += section_answered
        unscored += section_unscored
        total_got += got
        total_max += most
    return {
        "sections": by_section,
        "overall": _percent(total_got, total_max),
        "answered": answered,
        "unscored": unscored,
        "details": details,
    }


def _percent(got: float, most: float) -> float | None:
    if most <= 0:
        return None
    # Round half away from zero at one decimal, the same in JavaScript.
    return float(int(1000.0 * got / most + 0.5)) / 10.0


def compare_with_companion(
    definition: Mapping[str, Any],
    employer_answers: Mapping[str, str],
    worker_answer_sets: Sequence[Mapping[str, str]],
    *,
    companion: str | None = None,
    min_responses: int = MIN_RESPONSES,
) -> dict[str, Any]:
    """The employer's scores next to the workers' average, on the items both ask.

    ``definition`` is the employer checklist's, with ``companions``; ``companion``
    picks one by id (default: the first). Rows follow the employer's sections and keep
    only the items the companion also asks; a section with none is left out. Each side
    is scored with :func:`score`, using its own scale and weights:

    * ``employer``: the employer's score over the shared items;
    * ``workers``: the mean of the worker answer sets' scores for the row, over the
      ``responses`` sets that scored it, rounded to one decimal; ``None``, and
      ``suppressed``, when fewer than ``min_responses`` did;
    * ``gap``: ``workers`` minus ``employer`` as shown (so each row adds up), or
      ``None`` when either is missing.

    ``overall`` does the same over every shared item. The page shows exactly these.
    """
    chosen = [
        c
        for c in definition.get("companions") or []
        if companion is None or c["checklist"] == companion
    ]
    if not chosen:
        raise KeyError(f"{definition['checklist']} has no companion checklist {companion or ''}")
    theirs = chosen[0]
    their_items = {i["id"]: i for s in theirs["sections"] for i in s["items"]}
    our_items = {i["id"]: i for s in definition["sections"] for i in s["items"]}

    def shared_only(source: Mapping[str, Any], items: Mapping[str, Any]) -> dict[str, Any]:
        # The employer's sections and the shared items; the source's scale and weights.
        sections = []
        for section in definition["sections"]:
            kept = [
                {"id": i["id"], "weight": items[i["id"]]["weight"]}
                for i in section["items"]
                if i["id"] in their_items
            ]
            if kept:
                sections.append({"key": section["key"], "title": section["title"], "items": kept})
        return {"scale": source["scale"], "max_points": source["max_points"], "sections": sections}

    ours_shared = shared_only(definition, our_items)
    theirs_shared = shared_only(theirs, their_items)
    employer = score(ours_shared, employer_answers)
    workers = [score(theirs_shared, answers) for answers in worker_answer_sets]
    rows = [
        {
            "key": section["key"],
            "title": section["title"],
            "items": len(section["items"]),
            **_compare_row(
                employer["sections"][section["key"]],
                [w["sections"][section["key"]] for w in workers],
                min_responses,
            ),
        }
        for section in ours_shared["sections"]
    ]
    return {
        "companion": theirs["checklist"],
        "min_responses": min_responses,
        "files": len(worker_answer_sets),
        "sections": rows,
        "overall": {
            "items": sum(row["items"] for row in rows),
            **_compare_row(employer["overall"], [w["overall"] for w in workers], min_responses),
        },
    }


def _compare_row(
    employer: float | None, worker_scores: list[float | None], min_responses: int
) -> dict[str, Any]:
    scored = [value for value in worker_scores if value is not None]
    average = None
    if scored and len(scored) >= min_responses:
        total = 0.0
        for value in scored:  # in file order, as the page adds them
            total += value
        average = _one_decimal(total / len(scored))
    gap = None
    if average is not None and employer is not None:
        gap = _one_decimal(average - employer)
    return {
        "employer": employer,
        "workers": average,
        "responses": len(scored),
        "suppressed": average is None,
        "gap": gap,
    }


def _one_decimal(value: float) -> float:
    """Round half away from zero at one decimal; gaps can be negative. Same in JavaScript."""
    rounded = math.floor(abs(value) * 10.0 + 0.5) / 10.0
    return -rounded if value < 0 and rounded else rounded


class AnswersFileError(ValueError):
    """A saved-answers file the page would refuse; the message says why."""


@dataclass(frozen=True)
class SavedAnswers:
    """What a saved-answers file holds, after the page's restore rules."""

    # One answer set, or one per offer: (offer name or None, {item id: value}).
    answer_sets: list[tuple[str | None, dict[str, str]]]
    version: int  # the checklist version the file was saved from
    ignored_items: int  # answers to item ids the checklist does not have
    ignored_values: int  # answers whose value is not on the checklist's scale
    small_employer: bool


def read_answers_file(data: bytes | str, definition: Mapping[str, Any]) -> SavedAnswers:
    """Read a saved-answers file for ``definition``'s checklist, as "Restore" does.

    Raises :class:`AnswersFileError` for a file the page would reject: too big, not
    JSON, another format or checklist, a newer version, or the wrong shape.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_FILE_BYTES:
        raise AnswersFileError(f"the file is larger than {MAX_FILE_BYTES // 1024} KB")
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise AnswersFileError("the file is not a saved-answers file (not JSON)") from exc
    if not isinstance(document, dict) or "format" not in document:
        raise AnswersFileError("the file is not a saved-answers file")
    if document["format"] != FORMAT_VERSION or isinstance(document["format"], bool):
        raise AnswersFileError("the file is in a format this checklist does not read")
    if document.get("checklist") != definition["checklist"]:
        raise AnswersFileError("the file holds answers for a different checklist")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise AnswersFileError("the file does not say which version of the checklist it is")
    if version > definition["version"]:
        raise AnswersFileError("the file comes from a newer version of this checklist")
    items = {item["id"] for section in definition["sections"] for item in section["items"]}
    values = {o["value"] for o in definition["scale"]}
    counts = {"items": 0, "values": 0}

    def clean(answers: object) -> dict[str, str]:
        if not isinstance(answers, dict):
            raise AnswersFileError("the file's answers are not in the expected shape")
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
    if definition["kind"] == "offer-evaluation":
        offers = document.get("offers")
        if not isinstance(offers, list) or not offers:
            raise AnswersFileError("the file's offers are not in the expected shape")
        if len(offers) > MAX_OFFERS:
            raise AnswersFileError(f"the file has more than {MAX_OFFERS} offers")
        for number, offer in enumerate(offers, start=1):
            if not isinstance(offer, dict):
                raise AnswersFileError("the file's offers are not in the expected shape")
            sets.append((_offer_name(offer.get("name"), number), clean(offer.get("answers"))))
    else:
        sets.append((None, clean(document.get("answers"))))
    small = document.get("small_employer")
    return SavedAnswers(
        answer_sets=sets,
        version=version,
        ignored_items=counts["items"],
        ignored_values=counts["values"],
        small_employer=small is True,
    )


def _offer_name(name: object, number: int) -> str:
    text = " ".join(name.split())[:MAX_NAME_LENGTH] if isinstance(name, str) else ""
    return text or f"Offer {number}"
