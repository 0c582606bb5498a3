"""Place as content: the checks that need a whole file or the whole project, the value in
force on a day, the review list, and the data file for scripts.

The models (``place.py``) check one value at a time. Here: the file name matches the code,
values are listed oldest first with no two on one date, a rate below the federal floor says
why, a locality's state exists. Each problem names the file, line, column and key.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from playbook_builder.content.collation import sort_key
from playbook_builder.content.place import (
    FEDERAL,
    Dated,
    Fact,
    Jurisdiction,
    LaborOffice,
    Locality,
    MinimumWage,
    WageValue,
)
from playbook_builder.content.problems import Problem, Severity
from playbook_builder.content.yaml_source import format_key_path

if TYPE_CHECKING:
    from playbook_builder.content.collection import Content
    from playbook_builder.content.models import Source
    from playbook_builder.content.yaml_source import ParsedYaml

DATA_PATH = "data/jurisdictions.json"
# The same data as a classic script, in a site built to be read from disk: browsers
# refuse to fetch files on file:// pages but run scripts (assets/checklist/dom.js).
SCRIPT_PATH = "data/jurisdictions.js"
# Format 2: each fact carries its dated values; the fields of format 1 (the value in force
# on the build date) are still there, so a reader of format 1 keeps working.
DATA_FORMAT = 2
# Where DOL has no record of an older federal rate: the rate since 2009-07-24.
FEDERAL_RATE = 7.25
REVIEW_DAYS = 365

FACT_LABELS: dict[str, str] = {
    "labor_office": "State labor department",
    "minimum_wage": "Minimum wage",
    "tipped_wage": "Tipped workers' cash wage",
    "daily_overtime": "Overtime for long days",
    "paid_sick_leave": "Paid sick leave",
    "paid_family_leave": "Paid family and medical leave",
    "pay_transparency": "Pay range in job posts",
    "osha_plan": "State safety (OSHA) plan for private employers",
    "scheduling": "Predictable scheduling",
}


def build_date() -> dt.date:
    """The day a build selects values for: SOURCE_DATE_EPOCH when set (reproducible
    builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


# --- checks -----------------------------------------------------------------------------


def _problem(parsed: ParsedYaml, loc: list[str | int], message: str) -> Problem:
    line, column = parsed.position(loc)
    return Problem(parsed.rel_path, line, column, format_key_path(loc), message)


def _timeline_problems(parsed: ParsedYaml, name: str, fact: Fact) -> Iterator[Problem]:
    """Values oldest first, no two on one date, an undated value only first."""
    previous: dt.date | None = None
    for i, value in enumerate(fact.entries()):
        loc: list[str | int] = [name, "values", i, "from"]
        if value.from_ is None:
            if i > 0:
                yield _problem(
                    parsed,
                    [name, "values", i],
                    "only the first value may leave out `from`; give the date this value "
                    "takes effect",
                )
            continue
        if previous is not None and value.from_ == previous:
            yield _problem(
                parsed,
                loc,
                f"two values take effect on {value.from_.isoformat()}; keep one value a date",
            )
        elif previous is not None and value.from_ < previous:
            yield _problem(
                parsed,
                loc,
                f"{value.from_.isoformat()} comes before the value above it "
                f"({previous.isoformat()}); list values oldest first",
            )
        previous = value.from_ if previous is None else max(previous, value.from_)


def federal_minimum(content: Content) -> MinimumWage | None:
    federal = next((j for j in content.of(Jurisdiction) if j.code == FEDERAL), None)
    return federal.minimum_wage if federal is not None else None


def federal_rate_on(federal: MinimumWage | None, day: dt.date) -> float:
    """The federal minimum wage in force on ``day`` (the rate since 2009 without data)."""
    value = federal.in_force(day) if federal is not None else None
    if isinstance(value, WageValue) and value.rate is not None:
        return value.rate
    return FEDERAL_RATE


def _below_federal(
    parsed: ParsedYaml, wage: MinimumWage, federal: MinimumWage | None
) -> Iterator[Problem]:
    for i, value in enumerate(wage.values):
        floor = federal_rate_on(federal, value.from_)
        if value.rate is not None and value.rate < floor and value.note is None:
            yield _problem(
                parsed,
                ["minimum_wage", "values", i, "rate"],
                f"${value.rate:.2f} is below the federal ${floor:.2f} in force on "
                f"{value.from_.isoformat()}; add a `note` saying who it covers (the federal "
                "rate applies to most jobs)",
            )


def _fact_problems(
    content: Content, item: Jurisdiction | Locality, parsed: ParsedYaml
) -> Iterator[Problem]:
    for name, fact in item.facts():
        if isinstance(fact, Fact):
            yield from _timeline_problems(parsed, name, fact)
    if not (isinstance(item, Jurisdiction) and item.code == FEDERAL):
        yield from _below_federal(parsed, item.minimum_wage, federal_minimum(content))


def check_jurisdiction(content: Content, item: Jurisdiction) -> list[Problem]:
    """The file name is the code in lower case (``co.yml`` holds ``code: CO``), and the
    whole-file checks of its facts."""
    parsed = content.parsed[item.id]
    problems = list(_fact_problems(content, item, parsed))
    if item.id != item.code.lower():
        problems.insert(
            0,
            _problem(
                parsed,
                ["code"],
                f"code '{item.code}' does not match the file name '{item.id}'; "
                f"a jurisdiction file is named after its code in lower case "
                f"({item.code.lower()}.yml)",
            ),
        )
    return problems


def check_locality(content: Content, item: Locality) -> list[Problem]:
    """The state exists; the file name starts with it; the whole-file checks."""
    parsed = content.parsed[item.id]
    problems: list[Problem] = []
    prefix = item.state.lower() + "-"
    if not item.id.startswith(prefix):
        problems.append(
            _problem(
                parsed,
                ["state"],
                f"a locality in {item.state} is named '{prefix}<place>.yml'; "
                f"rename '{item.id}.yml' (e.g. {prefix}{item.id.split('-', 1)[-1]}.yml)",
            )
        )
    state_file = item.state.lower()
    if not isinstance(content.get(state_file), Jurisdiction) and state_file not in content.broken:
        problems.append(
            _problem(
                parsed,
                ["state"],
                f"no jurisdiction file for {item.state}: add content/jurisdictions/"
                f"{state_file}.yml, or correct the state code",
            )
        )
    problems.extend(_fact_problems(content, item, parsed))
    return problems


# --- review -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """A fact to re-read on its official page, and why."""

    file: str
    line: int
    column: int
    key: str
    place: str
    reason: str
    read: str  # the official page to read

    def as_problem(self) -> Problem:
        return Problem(
            self.file,
            self.line,
            self.column,
            self.key,
            f"{self.reason}; re-read {self.read}",
            Severity.WARNING,
            strict=False,
        )


def _places(content: Content) -> list[Jurisdiction | Locality]:
    return [*content.of(Jurisdiction), *content.of(Locality)]


def _last_checked(fact: Fact | LaborOffice) -> dt.date | None:
    sources: list[Source] = [v.source for v in fact.entries()]
    if isinstance(fact, LaborOffice) and fact.source is not None:
        sources.append(fact.source)
    return max((s.accessed for s in sources), default=None)


def _read_page(fact: Fact | LaborOffice) -> str:
    if isinstance(fact, LaborOffice):
        return str(fact.source.url if fact.source else fact.url)
    if fact.link is not None:
        return str(fact.link)
    newest = fact.entries()[-1]
    return str(newest.source.url)


def due_facts(
    content: Content,
    today: dt.date,
    *,
    max_age_days: int = REVIEW_DAYS,
    within_days: int = 0,
) -> list[Due]:
    """Facts to re-check by ``today + within_days``: an expected change date has passed
    with no value from it, or nobody has read the sources for ``max_age_days``."""
    horizon = today + dt.timedelta(days=within_days)
    found: list[Due] = []
    for item in _places(content):
        parsed = content.parsed[item.id]
        for name, fact in item.facts():
            if fact.status != "known":
                continue
            reasons: list[tuple[list[str | int], str]] = []
            expected = fact.expect_change if isinstance(fact, Fact) else None
            if expected is not None and expected <= horizon:
                has_new = any(v.from_ is not None and v.from_ >= expected for v in fact.entries())
                if not has_new:
                    when = "was" if expected <= today else "is"
                    reasons.append(
                        (
                            [name, "expect_change"],
                            f"a new value {when} expected on {expected.isoformat()} and none "
                            "is recorded from that date",
                        )
                    )
            for i, value in enumerate(fact.entries()):
                if isinstance(value, WageValue) and value.unchecked and value.from_ <= horizon:
                    reasons.append(
                        (
                            [name, "values", i, "unchecked"],
                            f"the rate from {value.from_.isoformat()} could not be read; "
                            "record it when it can",
                        )
                    )
            checked = _last_checked(fact)
            if checked is not None and checked + dt.timedelta(days=max_age_days) <= horizon:
                reasons.append(
                    (
                        [name],
                        f"sources last read {checked.isoformat()}, more than {max_age_days} "
                        "days before " + ("today" if within_days == 0 else horizon.isoformat()),
                    )
                )
            for loc, reason in reasons:
                line, column = parsed.position(loc)
                found.append(
                    Due(
                        parsed.rel_path,
                        line,
                        column,
                        format_key_path(loc),
                        item.title
                        if isinstance(item, Jurisdiction)
                        else f"{item.title} ({item.state})",
                        f"{FACT_LABELS.get(name, name).lower()}: {reason}",
                        _read_page(fact),
                    )
                )
    return found


# --- data for scripts -------------------------------------------------------------------


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


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)


def value_data(value: Dated) -> dict[str, Any]:
    """One dated value: ``from``, its own fields, and its source."""
    data: dict[str, Any] = {"from": _plain(value.from_)}
    for name in type(value).model_fields:
        if name in ("from_", "source"):
            continue
        data[name] = _plain(getattr(value, name))
    data["source"] = _source_data(value.source)
    return data


def _format1_fields(value: Dated | None) -> dict[str, Any]:
    """The value in force on the build date in format 1's flat fields."""
    if value is None:
        return {}
    data = value_data(value)
    data["as_of"] = data.pop("from")
    if "federal_applies" in data and "rate" in data:
        data["no_state_rate"] = data["federal_applies"]
    return data


def fact_data(fact: Fact | LaborOffice, on: dt.date) -> dict[str, Any]:
    """One fact as plain JSON-ready data: every value, and (for format 1 readers) the
    fields of the value in force on ``on``."""
    if isinstance(fact, LaborOffice):
        return {
            "status": fact.status,
            "name": fact.name,
            "url": _plain(fact.url),
            "phone": fact.phone,
            "spanish": fact.spanish,
            "summary": fact.summary,
            "source": _source_data(fact.source),
        }
    data: dict[str, Any] = {"status": fact.status, "link": _plain(fact.link)}
    if fact.status != "known":
        return data
    data.update(_format1_fields(fact.in_force(on)))
    if isinstance(fact, MinimumWage):
        data["local_rates"] = fact.local_rates
    data["values"] = [value_data(v) for v in fact.entries()]
    return data


def locality_data(item: Locality, on: dt.date) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.title,
        "kind": item.kind,
        "summary": item.summary,
        "facts": {name: fact_data(fact, on) for name, fact in item.facts()},
    }


def jurisdiction_data(
    items: Sequence[Jurisdiction],
    localities: Sequence[Locality],
    on: dt.date,
    language: str = "en",
) -> dict[str, Any]:
    """Every jurisdiction's facts and localities, keyed by code (see docs/DATA.md), in
    the alphabetical order of ``language``."""
    by_state: dict[str, list[Locality]] = {}
    for locality in sorted(
        localities, key=lambda x: (x.kind != "region", sort_key(x.title, language))
    ):
        by_state.setdefault(locality.state, []).append(locality)
    return {
        "format": DATA_FORMAT,
        "built": on.isoformat(),
        "rule": "The highest of the federal, state and local minimum wage applies.",
        "jurisdictions": {
            item.code: {
                "name": item.title,
                "facts": {name: fact_data(fact, on) for name, fact in item.facts()},
                "localities": [locality_data(x, on) for x in by_state.get(item.code, [])],
            }
            for item in sorted(
                items, key=lambda j: (j.code != FEDERAL, sort_key(j.title, language))
            )
        },
    }


def jurisdiction_json(
    items: Sequence[Jurisdiction],
    localities: Sequence[Locality],
    on: dt.date,
    language: str = "en",
) -> str:
    return jurisdiction_json_text(jurisdiction_data(items, localities, on, language))


def jurisdiction_json_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# What the pages load: the list of states first (names only), then one state's file
# (that state and the federal baseline, in the same shape as DATA_PATH) when a reader
# picks it, so a first visit does not carry every state's facts.
STATES_DIR = "data/states"
INDEX_PATH = f"{STATES_DIR}/index.json"


def state_data_path(code: str) -> str:
    return f"{STATES_DIR}/{code.lower()}.json"


def page_data(full: dict[str, Any]) -> dict[str, str]:
    """The pages' data files (path -> JSON text) from ``jurisdiction_data``'s result."""
    head = {key: full[key] for key in ("format", "built", "rule")}
    places = full["jurisdictions"]

    def dumps(data: dict[str, Any]) -> str:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

    index = {code: {"name": place["name"]} for code, place in places.items()}
    out = {INDEX_PATH: dumps({**head, "jurisdictions": index})}
    federal = {FEDERAL: places[FEDERAL]} if FEDERAL in places else {}
    for code, place in places.items():
        out[state_data_path(code)] = dumps({**head, "jurisdictions": {**federal, code: place}})
    return out


def data_script_path(path: str) -> str:
    """Where a data file's classic-script copy goes, for pages read from disk."""
    return path.removesuffix(".json") + ".js"


def jurisdiction_script(data: str) -> str:
    """DATA_PATH's text as a classic script that leaves the data under its own address."""
    return (
        "/* data/jurisdictions.json for pages read from disk (see assets/checklist/dom.js). */\n"
        "(window.playbookData = window.playbookData || {})[document.currentScript.src] =\n"
        + data.rstrip("\n")
        + ";\n"
    )


def money(value: float | None) -> str:
    return "" if value is None else f"${value:,.2f}"


def ordered(
    items: list[Jurisdiction], language: str = "en"
) -> tuple[Jurisdiction | None, list[Jurisdiction]]:
    """The federal baseline, and the states and DC in the alphabetical order of
    ``language``."""
    federal = next((j for j in items if j.code == FEDERAL), None)
    states = sorted(
        (j for j in items if j.code != FEDERAL), key=lambda j: sort_key(j.title, language)
    )
    return federal, states
