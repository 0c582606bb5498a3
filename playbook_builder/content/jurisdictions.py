"""Place as content: checks and data for the ``jurisdiction`` kind.

A jurisdiction file holds one state's (or the federal) legal floors, each fact with its
own source and date. This module checks what the model cannot see alone (the file name
matches the code, figures are not stale) and turns the facts into plain data for the
"State by state" page and for scripts that let a reader choose a state.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from playbook_builder.content.models import Fact, Jurisdiction, Source
from playbook_builder.content.problems import Problem, Severity
from playbook_builder.content.yaml_source import format_key_path

if TYPE_CHECKING:
    from playbook_builder.content.collection import Content

FEDERAL = "US"
DATA_PATH = "data/jurisdictions.json"
# The same data as a classic script, in a site built to be read from disk: browsers
# refuse to fetch files on file:// pages but run scripts (assets/checklist/dom.js).
SCRIPT_PATH = "data/jurisdictions.js"
DATA_FORMAT = 1

FACT_LABELS: dict[str, str] = {
    "labor_office": "State labor department",
    "minimum_wage": "Minimum wage",
    "tipped_wage": "Tipped workers' cash wage",
    "paid_sick_leave": "Paid sick leave",
    "paid_family_leave": "Paid family and medical leave",
    "pay_transparency": "Pay range in job posts",
    "osha_plan": "State safety (OSHA) plan for private employers",
    "scheduling": "Predictable scheduling",
}


def check_jurisdiction(content: Content, item: Jurisdiction) -> list[Problem]:
    """The file name is the code in lower case (``co.yml`` holds ``code: CO``)."""
    if item.id == item.code.lower():
        return []
    parsed = content.parsed[item.id]
    line, column = parsed.position(["code"])
    return [
        Problem(
            parsed.rel_path,
            line,
            column,
            "code",
            f"code '{item.code}' does not match the file name '{item.id}'; "
            f"a jurisdiction file is named after its code in lower case ({item.code.lower()}.yml)",
        )
    ]


def stale_figures(content: Content, oldest: dt.date, max_age_days: int) -> list[Problem]:
    """Warnings for jurisdiction facts whose ``as_of`` date is older than ``oldest``."""
    problems: list[Problem] = []
    for item in content.of(Jurisdiction):
        parsed = content.parsed[item.id]
        for name, fact in item.facts():
            if fact.as_of is not None and fact.as_of < oldest:
                loc = [name, "as_of"]
                line, column = parsed.position(loc)
                problems.append(
                    Problem(
                        parsed.rel_path,
                        line,
                        column,
                        format_key_path(loc),
                        f"{FACT_LABELS[name].lower()} figure is as of {fact.as_of.isoformat()}, "
                        f"more than {max_age_days} days ago; check the source for a newer figure",
                        Severity.WARNING,
                    )
                )
    return problems


def _money(value: float | None) -> str | None:
    return None if value is None else f"${value:,.2f}"


def _source_data(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": str(source.url),
        "accessed": source.accessed.isoformat(),
        "published": source.published.isoformat() if source.published else None,
    }


def fact_data(fact: Fact) -> dict[str, Any]:
    """One fact as plain JSON-ready data (every field, unknown ones as null)."""
    data: dict[str, Any] = {}
    for name in type(fact).model_fields:
        value = getattr(fact, name)
        if name == "source":
            data[name] = _source_data(value)
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        elif value is not None and not isinstance(value, (bool, int, float, str, list)):
            data[name] = str(value)
        else:
            data[name] = value
    return data


def jurisdiction_data(items: list[Jurisdiction]) -> dict[str, Any]:
    """Every jurisdiction's facts, keyed by code; the format is described in the README."""
    return {
        "format": DATA_FORMAT,
        "rule": "The highest of the federal, state and local minimum wage applies.",
        "jurisdictions": {
            item.code: {
                "name": item.title,
                "facts": {name: fact_data(fact) for name, fact in item.facts()},
            }
            for item in sorted(items, key=lambda j: (j.code != FEDERAL, j.title.lower()))
        },
    }


def jurisdiction_json(items: list[Jurisdiction]) -> str:
    return json.dumps(jurisdiction_data(items), ensure_ascii=False, indent=1) + "\n"


def jurisdiction_script(data: str) -> str:
    """DATA_PATH's text as a classic script that leaves the data under its own address."""
    return (
        "/* data/jurisdictions.json for pages read from disk (see assets/checklist/dom.js). */\n"
        "(window.playbookData = window.playbookData || {})[document.currentScript.src] =\n"
        + data.rstrip("\n")
        + ";\n"
    )


def money(value: float | None) -> str:
    return _money(value) or ""


def ordered(items: list[Jurisdiction]) -> tuple[Jurisdiction | None, list[Jurisdiction]]:
    """The federal baseline, and the states and DC in alphabetical order."""
    federal = next((j for j in items if j.code == FEDERAL), None)
    states = sorted((j for j in items if j.code != FEDERAL), key=lambda j: j.title.lower())
    return federal, states
