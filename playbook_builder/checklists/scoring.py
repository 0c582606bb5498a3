"""Checklist scoring and saved answers, defined once.

:func:`checklist_definition` is the data both sides work from: the page embeds it as
JSON for the browser (``assets/checklist/``), and :func:`score` computes the same
figures in Python. The method:

* each answer carries points from the checklist's scale; "not sure" carries none and is
  left out, as is an unanswered item;
* a section's score is 100 × Σ(weight × points) / Σ(weight × highest points) over its
  answered, scored items, rounded to one decimal;
* the overall score applies the same formula to every answered, scored item.

:func:`read_answers_file` (from :mod:`playbook_builder.checklists.answers_file`, re-exported here)
reads a file saved from a checklist page (the format is documented in
``ANSWERS_FORMAT.md``) with the same rules the page applies on "Restore from file", so
saved worker-pulse files can be collected and scored in Python.
:func:`compare_with_companion` sets an employer's answers next to worker-pulse files,
over the items both checklists ask, as the employer page's "Compare with your workers"
section does.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from playbook_builder.checklists.answers_file import (
    DETAIL_LIMITS,
    FORMAT_VERSION,
    HEALTH_PERIODS,
    MAX_FILE_BYTES,
    MAX_NAME_LENGTH,
    MAX_OFFERS,
    AnswersFileError,
    SavedAnswers,
    read_answers_file,
)
from playbook_builder.checklists.benchmarks import benchmark_data
from playbook_builder.content.collection import Content
from playbook_builder.content.models import Checklist, Cluster, Practice
from playbook_builder.editions import Edition


class Linker(Protocol):
    """What checklist data needs from the page renderer's linker (render.pages.Linker):
    links to items by id, and the address the built page uses for a Markdown link (the
    checklist form is HTML, where Markdown links are not converted)."""

    def resolve_refs(self, text: str) -> str: ...

    def url_for(self, item_id: str) -> str | None: ...

    def built_href(self, md_url: str) -> str: ...


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
    not; hrefs are the built ones (``Linker.built_href``), since Markdown does not run
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
            parts.append((label, linker.built_href(url)))
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
        "href": linker.built_href(url) if linker and url else None,
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
    if checklist.kind == "self-assessment" and (benchmarks := benchmark_data(checklist, shown)):
        definition["benchmarks"] = benchmarks
    return definition


def _page_href(checklist: Checklist, linker: Linker | None) -> str | None:
    url = linker.url_for(checklist.id) if linker else None
    return linker.built_href(url) if linker and url else None


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
                    "core": entry.core,
                    "legal_floor": entry.legal_floor is not None,
                    "state_facts": list(entry.state_facts),
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
            "details": dict(DETAIL_LIMITS),
            "health_periods": dict(HEALTH_PERIODS),
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
        average = one_decimal(total / len(scored))
    gap = None
    if average is not None and employer is not None:
        gap = one_decimal(average - employer)
    return {
        "employer": employer,
        "workers": average,
        "responses": len(scored),
        "suppressed": average is None,
        "gap": gap,
    }


def one_decimal(value: float) -> float:
    """Round half away from zero at one decimal; gaps can be negative. Same in JavaScript."""
    rounded = math.floor(abs(value) * 10.0 + 0.5) / 10.0
    return -rounded if value < 0 and rounded else rounded


__all__ = [
    "FORMAT_VERSION",
    "MAX_FILE_BYTES",
    "MAX_NAME_LENGTH",
    "MAX_OFFERS",
    "MIN_RESPONSES",
    "PLAN_SIZE",
    "AnswersFileError",
    "SavedAnswers",
    "checklist_definition",
    "compare_with_companion",
    "one_decimal",
    "plain_text",
    "read_answers_file",
    "score",
    "text_parts",
]
