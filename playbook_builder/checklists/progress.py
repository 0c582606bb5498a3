"""Progress between an earlier saved assessment and today's answers.

:func:`progress` gives what the page's "Compare with an earlier assessment" shows
(``assets/checklist/progress.js`` computes the same; the cases in
``tests/answers_cases/progress.json`` hold both to the same results): both sets of answers
are scored with today's checklist, so a question added since counts as unanswered in the
earlier set, and a question removed since is not counted on either side.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from playbook_builder.checklists.scoring import one_decimal, score


def progress(
    definition: Mapping[str, Any],
    earlier: Mapping[str, str],
    now: Mapping[str, str],
) -> dict[str, Any]:
    """The change per section and overall between an earlier set of answers and now,
    both scored with today's checklist; per section, the items whose answer rose or fell."""
    before, after = score(definition, earlier), score(definition, now)
    points = {o["value"]: o["points"] for o in definition["scale"]}

    def pts(answers: Mapping[str, str], item_id: str) -> float | None:
        value = answers.get(item_id)
        return points.get(value) if isinstance(value, str) else None

    sections = []
    for section in definition["sections"]:
        key = section["key"]
        improved: list[str] = []
        fell: list[str] = []
        for item in section["items"]:
            a, b = pts(earlier, item["id"]), pts(now, item["id"])
            if a is not None and b is not None and b != a:
                (improved if b > a else fell).append(item["id"])
        sections.append(
            {
                "key": key,
                "title": section["title"],
                **_change(before["sections"][key], after["sections"][key]),
                "improved": improved,
                "fell": fell,
            }
        )
    return {"sections": sections, "overall": _change(before["overall"], after["overall"])}


def _change(earlier: float | None, now: float | None) -> dict[str, Any]:
    change = one_decimal(now - earlier) if earlier is not None and now is not None else None
    return {"earlier": earlier, "now": now, "change": change}
