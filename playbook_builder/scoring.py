"""Checklist scoring, defined once.

:func:`checklist_definition` is the data both sides score from: the page embeds it as
JSON for the browser, and :func:`score` computes the same figures in Python. The method:

* each answer carries points from the checklist's scale; "not sure" carries none and is
  left out, as is an unanswered item;
* a section's score is 100 × Σ(weight × points) / Σ(weight × highest points) over its
  answered, scored items, rounded to one decimal;
* the overall score applies the same formula to every answered, scored item.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from playbook_builder.content import Content
from playbook_builder.editions import Edition
from playbook_builder.models import Checklist, Cluster, Practice

if TYPE_CHECKING:
    from playbook_builder.render import Linker

FORMAT_VERSION = 1


def _section_key(cluster: str | None, title: str | None, index: int) -> str:
    if cluster:
        return cluster
    slug = re.sub(r"[^a-z0-9]+", "-", (title or "").lower()).strip("-")
    return slug or f"section-{index + 1}"


def checklist_definition(
    checklist: Checklist, shown: Content, edition: Edition, *, linker: Linker | None = None
) -> dict[str, Any]:
    """The checklist as plain data, with only the practices this edition shows."""
    points = [o.points for o in checklist.scale if o.points is not None]
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
                    practices.append(
                        {
                            "id": practice.id,
                            "title": practice.title,
                            "url": linker.url_for(practice.id) if linker else None,
                            "first_step": practice.first_step,
                        }
                    )
            items.append(
                {
                    "id": entry.id,
                    "question": entry.question,
                    "weight": entry.weight,
                    "practices": practices,
                }
            )
        sections.append(
            {
                "key": _section_key(section.cluster, section.title, index),
                "cluster": section.cluster,
                "title": title,
                "items": items,
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
    }


def score(definition: Mapping[str, Any], answers: Mapping[str, str]) -> dict[str, Any]:
    """Scores per section and overall (0-100, or None when nothing scored was answered)."""
    points_of = {o["value"]: o["points"] for o in definition["scale"]}
    top = float(definition["max_points"])
    total_got = total_max = 0.0
    by_section: dict[str, float | None] = {}
    answered = 0
    for section in definition["sections"]:
        got = most = 0.0
        for item in section["items"]:
            value = answers.get(item["id"])
            if value is None or value not in points_of:
                continue
            answered += 1
            pts = points_of[value]
            if pts is None:
                continue
            got += item["weight"] * pts
            most += item["weight"] * top
        by_section[section["key"]] = _percent(got, most)
        total_got += got
        total_max += most
    return {"sections": by_section, "overall": _percent(total_got, total_max), "answered": answered}


def _percent(got: float, most: float) -> float | None:
    if most <= 0:
        return None
    # Round half away from zero at one decimal, the same in JavaScript.
    return float(int(1000.0 * got / most + 0.5)) / 10.0
