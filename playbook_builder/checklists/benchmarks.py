"""Benchmarks beside the self-assessment.

:func:`benchmark_data` is what the page embeds (in the checklist definition): the
benchmarks the edition shows for the checklist's items, the groups they use and the
industries an employer can choose. :func:`benchmark_findings` computes, from a definition
and answers, exactly what the page's ``benchmarks.js`` shows; the cases in
``tests/answers_cases/benchmarks.json`` hold both to the same results.

The rules, in words:

* The employer gives the number of people who work for them and picks an industry.
* For each item with a benchmark, the figures shown are those for all workers, for the
  narrowest size group of the source that holds that number (:func:`size_group`), and for
  the first of the industry's groups the source publishes.
* The reference figure is the size group's when there is one, else the industry's, else
  all workers'.
* An ``access`` benchmark judges the answer: **behind** when the answer is below half the
  scale's top (Not yet, Started) and the reference share is at least half; **ahead** when
  the answer is at least half the top and the share is below half; otherwise **level**.
  "Not sure" and unanswered items are **unanswered**. An ``average-share`` benchmark is
  **context** only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from playbook_builder.content.benchmarks import (
    INDUSTRY_CHOICES,
    INDUSTRY_GROUPS,
    SIZE_GROUPS,
    Benchmark,
)
from playbook_builder.content.collection import Content
from playbook_builder.content.models import Checklist

# A share at or above this many percent is "most".
MOST = 50.0
# The largest number of workers the page accepts.
MAX_WORKERS = 10_000_000


def benchmark_data(checklist: Checklist, shown: Content) -> dict[str, Any] | None:
    """The benchmarks for ``checklist``'s items that the edition shows, or None."""
    entries = checklist.all_items()
    found = [b for b in shown.of(Benchmark) if {e.id for e in entries} & set(b.checklist_items)]
    if not found:
        return None
    used = {v.group for b in found for v in b.values}
    return {
        "benchmarks": {b.id: benchmark_json(b) for b in found},
        "items": {
            entry.id: ids
            for entry in entries
            if (ids := [b.id for b in found if entry.id in b.checklist_items])
        },
        "sizes": {
            key: {"phrase": phrase, "min": low, "max": high}
            for key, (phrase, low, high) in SIZE_GROUPS.items()
            if key in used
        },
        "industry_groups": {key: INDUSTRY_GROUPS[key] for key in INDUSTRY_GROUPS if key in used},
        "industries": [
            {"key": key, "label": label, "groups": [g for g in groups if g in used]}
            for key, (label, groups) in INDUSTRY_CHOICES.items()
        ],
        "max_workers": MAX_WORKERS,
    }


def benchmark_json(b: Benchmark) -> dict[str, Any]:
    source = b.sources[0]
    return {
        "id": b.id,
        "title": b.title,
        "measure": b.measure,
        "counts": b.counts,
        "benefit": b.benefit,
        "population": b.population,
        "period": b.period,
        "values": {v.group: v.value for v in b.values},
        "source": {"title": source.title, "publisher": source.publisher, "url": str(source.url)},
    }


def size_group(
    sizes: Mapping[str, Mapping[str, Any]], values: Mapping[str, float], workers: int | None
) -> str | None:
    """The narrowest size group with a figure that holds ``workers``: a closed range
    before an open one ("500 or more"), the smaller width first, of open ones the higher
    start first; the first in order on ties."""
    if workers is None:
        return None
    best: tuple[int, int, str] | None = None
    for key, group in sizes.items():
        low, high = group["min"], group["max"]
        if key not in values or workers < low or (high is not None and workers > high):
            continue
        rank = (1, -low, key) if high is None else (0, high - low, key)
        if best is None or rank[:2] < best[:2]:
            best = rank
    return best[2] if best else None


def industry_group(
    industries: list[Mapping[str, Any]], values: Mapping[str, float], industry: str | None
) -> str | None:
    for choice in industries:
        if choice["key"] == industry:
            return next((g for g in choice["groups"] if g in values), None)
    return None


def benchmark_findings(
    definition: Mapping[str, Any],
    answers: Mapping[str, str],
    workers: int | None = None,
    industry: str | None = None,
) -> list[dict[str, Any]]:
    """Per section with benchmarked items: each item's figures and what its answer shows."""
    data = definition.get("benchmarks")
    if not data:
        return []
    options = {o["value"]: o for o in definition["scale"]}
    top = float(definition["max_points"])
    sections = []
    for section in definition["sections"]:
        rows = []
        for item in section["items"]:
            for bid in data["items"].get(item["id"], []):
                bench = data["benchmarks"][bid]
                values = bench["values"]
                by_size = size_group(data["sizes"], values, workers)
                by_industry = industry_group(data["industries"], values, industry)
                reference = by_size or by_industry or "all"
                figures = [
                    {"group": group, "value": values[group]}
                    for group in dict.fromkeys((reference, by_size, by_industry, "all"))
                    if group
                ]
                option = options.get(answers.get(item["id"], ""))
                rows.append(
                    {
                        "item": item["id"],
                        "benchmark": bid,
                        "figures": figures,
                        "answer": option["value"] if option else None,
                        "status": _status(bench, option, values[reference], top),
                    }
                )
        if rows:
            sections.append({"key": section["key"], "title": section["title"], "rows": rows})
    return sections


def _status(bench: Mapping[str, Any], option: Any, share: float, top: float) -> str:
    if bench["measure"] != "access":
        return "context"
    if option is None or option["points"] is None:
        return "unanswered"
    has_it = option["points"] * 2 >= top
    if not has_it and share >= MOST:
        return "behind"
    if has_it and share < MOST:
        return "ahead"
    return "level"
