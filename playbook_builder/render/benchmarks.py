"""Benchmark figures in words, for the pages built in Python: under a self-assessment
question, on a metric's page and on the benchmarks index. The page script words the
figures for a chosen size and industry the same way (``benchmarks.js``, strings
``bench.*``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from playbook_builder.content.benchmarks import GROUPS, INDUSTRY_GROUPS, SIZE_GROUPS


def group_phrase(group: str) -> str:
    if group in SIZE_GROUPS:
        return SIZE_GROUPS[group][0]
    return INDUSTRY_GROUPS.get(group, "")


def percent(value: float) -> str:
    return f"{value:g}%"


def figure_sentence(bench: Mapping[str, Any], group: str = "all") -> str:
    """One figure as a sentence, e.g. "72% of private industry workers have an employer
    retirement plan they can join." """
    share = percent(bench["values"][group])
    who = bench["population"]
    if group != "all":
        who = f"{who} {group_phrase(group)}"
    if bench["measure"] == "average-share":
        return f"On average, {who} paid {share} of {bench['benefit']}."
    verb = "offer" if bench["counts"] == "employers" else "have"
    return f"{share} of {who} {verb} {bench['benefit']}."


def group_rows(bench: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each figure of a benchmark with its group's name, in the vocabulary's order."""
    rows = []
    for group in GROUPS:
        if group in bench["values"]:
            label = "All" if group == "all" else group_phrase(group)
            rows.append({"group": group, "label": label, "value": percent(bench["values"][group])})
    return rows
