"""The place kinds: the legal floors of the federal government, each state and DC
(``jurisdiction``), and of areas, cities and counties inside a state (``locality``).

A legal fact changes on a date, so a fact is a list of values, each with the date it takes
effect (``from``) and its own source, oldest first: the past values (a pay stub from last
year), the one in force, and changes already set in law. The value in force on a day is the
last one whose ``from`` is on or before it. The checks that need the whole file (order of
dates, a rate below the federal floor, a locality's state) are in ``jurisdictions.py``,
where they can name the line and column.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from typing import Annotated, ClassVar, Literal, cast

from pydantic import AfterValidator, ConfigDict, Field, HttpUrl, Strict, model_validator

from playbook_builder.content.models import ContentItem, Date, Source, Strict_, Text

# The 50 states, the District of Columbia and the federal baseline, by postal code.
JURISDICTION_NAMES: dict[str, str] = {
    "US": "United States (federal)",
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip

FEDERAL = "US"

# A US phone number as people write it: 1-800-555-0100, (206) 256-5297, 206.256.5297,
# with an optional extension. Letters (833-LCO-INFO) are not dialable on every phone.
PHONE = re.compile(
    r"^(?:1[-. ])?(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4}(?: (?:ext\.?|x) ?\d{1,6})?$"
)


def _known_code(value: str) -> str:
    if value not in JURISDICTION_NAMES:
        close = difflib.get_close_matches(value.upper(), list(JURISDICTION_NAMES), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ValueError(
            f"'{value}' is not a state code{hint}; use the two-letter postal code in capitals "
            "(a state, DC, or US for the federal baseline)"
        )
    return value


def _phone(value: str) -> str:
    if not PHONE.match(value):
        raise ValueError(
            f"'{value}' is not a phone number; write it as on the official page, "
            "e.g. 800-832-9243, 1-866-487-9243 or (206) 256-5297"
        )
    return value


def phone_digits(phone: str) -> str:
    """The number to dial (for a tel: link): digits only, with the country code."""
    digits = re.sub(r"\D", "", phone.split(" ext")[0].split(" x")[0])
    return "+" + (digits if len(digits) == 11 else "1" + digits)


def _a_state(value: str) -> str:
    if value == FEDERAL:
        raise ValueError("a locality belongs to a state (or DC), not to US")
    return value


JurisdictionCode = Annotated[str, AfterValidator(_known_code)]
StateCode = Annotated[str, AfterValidator(_known_code), AfterValidator(_a_state)]
Money = Annotated[float, Strict(), Field(ge=0, le=1000)]
Phone = Annotated[str, AfterValidator(_phone)]
FactStatus = Literal["known", "unknown"]


# --- values: one state of a fact, from a date ----------------------------------------


class Dated(Strict_):
    """One value of a fact, in force from a date until the next value's date."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, strict=True, populate_by_name=True
    )

    from_: Date | None = Field(
        default=None,
        alias="from",
        description="The day this value takes (or took) effect, as YYYY-MM-DD. Values are "
        "listed oldest first; a value without a date (in force as far back as we know) "
        "can only come first.",
    )
    source: Source = Field(description="Where this value is stated (agency, statute, DOL).")
    summary: Text | None = Field(
        default=None, description="One plain sentence: what the law gives a worker."
    )
    note: Text | None = Field(
        default=None,
        description="One plain sentence a reader needs beside the value (who gets a "
        "lower rate, where it applies).",
    )


class WageValue(Dated):
    """A minimum wage from a date: a rate, or the federal rate where there is no state one."""

    from_: Date = Field(alias="from", description="The day the rate takes effect (YYYY-MM-DD).")
    rate: Money | None = Field(default=None, description="Dollars an hour, e.g. 15.16.")
    federal_applies: bool = Field(
        default=False,
        description="true where the place sets no minimum wage: the federal rate applies.",
    )
    unchecked: bool = Field(
        default=False,
        description="true where an official page says the rate changes on this day (a "
        "yearly adjustment) but the new figure could not be read: the page says so, shows "
        "the rate before, and sends the reader to the office. Never a guessed figure.",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> WageValue:
        if sum([self.rate is not None, self.federal_applies, self.unchecked]) != 1:
            raise ValueError(
                "a minimum wage value needs exactly one of `rate`, `federal_applies: true` "
                "or `unchecked: true`"
            )
        if self.unchecked and self.summary is None:
            raise ValueError(
                "an unchecked rate needs a `summary` that gives the rule of the change "
                '(e.g. "Chicago sets a new rate each July 1.")'
            )
        return self


class TippedValue(Dated):
    """The lowest cash wage before tips, from a date."""

    from_: Date | None = Field(
        default=None,
        alias="from",
        description="The day the wage takes effect (YYYY-MM-DD). Leave it out only on the "
        "first value, when the rule is older than any page that can be read: never write "
        "a stand-in date.",
    )
    cash_wage: Money | None = Field(
        default=None, description="Dollars an hour the employer must pay before tips."
    )
    full_minimum: bool = Field(
        default=False, description="true where tipped workers get the full minimum before tips."
    )
    federal_applies: bool = Field(
        default=False,
        description="true where the state has no rule: the federal cash wage applies.",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> TippedValue:
        given = [self.cash_wage is not None, self.full_minimum, self.federal_applies]
        if sum(given) != 1:
            raise ValueError(
                "a tipped wage value needs exactly one of `cash_wage`, `full_minimum: true` "
                "or `federal_applies: true`"
            )
        return self


class LawValue(Dated):
    """Whether a law gives workers something (paid sick leave, a safety plan...), from a date."""

    exists: bool = Field(description="true if the law exists (is in force from this date).")


class SchedulingValue(LawValue):
    """Predictable scheduling, from a date."""

    scope: Literal["statewide", "cities", "none"] = Field(
        description="statewide, cities (name them in `cities`), or none."
    )
    cities: list[Text] = Field(default_factory=list, description="The cities with a law.")

    @model_validator(mode="after")
    def _scope_fits(self) -> SchedulingValue:
        if (self.scope == "none") == self.exists:
            raise ValueError("`scope: none` goes with `exists: false`, and only with it")
        if (self.scope == "cities") != bool(self.cities):
            raise ValueError("name the cities in `cities` when (and only when) `scope: cities`")
        return self


# --- facts: a list of values ----------------------------------------------------------


class Fact(Strict_):
    """One fact about a place's legal floor: its values over time, or ``status: unknown``
    when no official source could be read (never a guess; the page then sends the reader
    to the labor office)."""

    status: FactStatus = Field(
        default="known",
        description="known (values follow, each sourced) or unknown (no readable official "
        "source was found; leave the other fields out).",
    )
    link: HttpUrl | None = Field(
        default=None, description="The official page a worker should read for this fact."
    )
    expect_change: Date | None = Field(
        default=None,
        description="The day the next value is expected (an indexed rate changes each "
        "January 1): `playbook check` warns once it passes with no value from that day.",
    )

    def entries(self) -> Sequence[Dated]:
        return cast(Sequence[Dated], getattr(self, "values", ()))

    @model_validator(mode="after")
    def _known_or_unknown(self) -> Fact:
        if self.status == "unknown":
            filled = [
                name
                for name in type(self).model_fields
                if name != "status" and getattr(self, name) not in (None, [], (), False)
            ]
            if filled:
                raise ValueError(
                    f"an unknown fact carries no values; remove {', '.join(filled)} "
                    "or set `status: known`"
                )
        elif not self.entries():
            raise ValueError(
                "a known fact needs `values`: at least one, each with its date (`from`) and "
                "`source`; without a source, write `status: unknown`"
            )
        return self

    def in_force(self, on: dt.date) -> Dated | None:
        """The value in force on ``on``: the last one that took effect on or before it."""
        current = None
        for value in self.entries():
            if value.from_ is None or value.from_ <= on:
                current = value
        return current

    def next_change(self, on: dt.date) -> Dated | None:
        """The first value that takes effect after ``on``, if one is set."""
        return next((v for v in self.entries() if v.from_ is not None and v.from_ > on), None)


class MinimumWage(Fact):
    """The general hourly minimum wage."""

    values: list[WageValue] = Field(default_factory=list, description="The rates, oldest first.")
    local_rates: Text | None = Field(
        default=None,
        description="Where cities or counties set higher rates, a sentence naming them.",
    )


class TippedWage(Fact):
    """The lowest cash wage an employer may pay a tipped worker before tips."""

    values: list[TippedValue] = Field(default_factory=list, description="Oldest first.")


class LawFact(Fact):
    """Whether a law exists (daily overtime, paid sick leave, paid family leave, pay ranges
    in job posts, a state safety plan covering private employers)."""

    values: list[LawValue] = Field(default_factory=list, description="Oldest first.")


class Scheduling(Fact):
    """Predictable (fair) scheduling laws."""

    values: list[SchedulingValue] = Field(default_factory=list, description="Oldest first.")


class LaborOffice(Strict_):
    """The office that enforces wage and hour law, and how to reach it."""

    # A translation gives the office's name in its language first, with the English a
    # caller needs to search in brackets: "División de Horas y Salarios (en inglés: Wage
    # and Hour Division)".
    TRANSLATED_NAMES: ClassVar[frozenset[str]] = frozenset({"name"})

    status: FactStatus = Field(default="known", description="known, or unknown (no fields).")
    name: Text | None = Field(default=None, description="The office's name.")
    url: HttpUrl | None = Field(default=None, description="Its page for workers.")
    phone: Phone | None = Field(
        default=None, description="Phone number for workers, only as read on an official page."
    )
    spanish: bool = Field(
        default=False,
        description="true only where an official page says callers are served in Spanish.",
    )
    summary: Text | None = Field(
        default=None,
        description="One plain sentence a caller needs (e.g. no state office takes wage "
        "claims here; the federal office does).",
    )
    source: Source | None = Field(default=None, description="The official page read.")

    @model_validator(mode="after")
    def _complete(self) -> LaborOffice:
        filled = [
            n for n in ("name", "url", "phone", "summary", "source") if getattr(self, n) is not None
        ]
        if self.status == "unknown":
            if filled or self.spanish:
                raise ValueError("an unknown office carries no fields; remove them")
            return self
        missing = [n for n in ("name", "url", "source") if getattr(self, n) is None]
        if missing:
            raise ValueError(
                f"a known office needs {', '.join(missing)}; without them, write `status: unknown`"
            )
        return self

    def entries(self) -> Sequence[Dated]:
        return ()


class Protection(Strict_):
    """A right every worker in the place has, in one plain sentence, with its source."""

    summary: Text = Field(description="One plain sentence: the right.")
    source: Source = Field(description="The official page that states it.")


# --- the kinds ------------------------------------------------------------------------


class Jurisdiction(ContentItem):
    """A state's (or the federal) legal floors for workers, each fact with its sources."""

    KIND = "jurisdiction"
    FOLDER = "content/jurisdictions"

    code: JurisdictionCode = Field(
        description="Two-letter postal code in capitals (CO), DC, or US for federal; "
        "the file name is the code in lower case."
    )
    labor_office: LaborOffice = Field(description="The state labor department.")
    minimum_wage: MinimumWage = Field(description="The general hourly minimum wage.")
    tipped_wage: TippedWage = Field(description="The cash wage for tipped workers.")
    daily_overtime: LawFact = Field(description="Overtime pay for long days.")
    paid_sick_leave: LawFact = Field(description="A paid sick leave law.")
    paid_family_leave: LawFact = Field(description="A paid family and medical leave program.")
    pay_transparency: LawFact = Field(description="A law requiring pay ranges in job posts.")
    osha_plan: LawFact = Field(
        description="A state safety and health plan that covers private employers."
    )
    scheduling: Scheduling = Field(description="Predictable scheduling laws.")
    protections: list[Protection] = Field(
        default_factory=list,
        description="Rights every worker here has, shown with the help lines "
        "(e.g. that wage law protects workers whatever their immigration status).",
    )

    FACTS: ClassVar[tuple[str, ...]] = (
        "labor_office",
        "minimum_wage",
        "tipped_wage",
        "daily_overtime",
        "paid_sick_leave",
        "paid_family_leave",
        "pay_transparency",
        "osha_plan",
        "scheduling",
    )

    def facts(self) -> list[tuple[str, Fact | LaborOffice]]:
        return [(name, getattr(self, name)) for name in self.FACTS]


class Locality(ContentItem):
    """A city, a county, or an area where state law sets its own rate (Oregon's Portland
    metro, New York City): its minimum wage over time, each value sourced."""

    KIND = "locality"
    FOLDER = "content/localities"

    state: StateCode = Field(
        description="The state's two-letter code (WA); its file must exist. The file name "
        "starts with the code in lower case and a hyphen (wa-seattle.yml)."
    )
    kind: Literal["city", "county", "region"] = Field(
        description="city or county (a local ordinance: the highest of federal, state and "
        "local applies), or region (state law sets this area's rate in place of the "
        "state's standard rate; it may be lower)."
    )
    summary: Text | None = Field(
        default=None, description="Where it applies, in one plain sentence."
    )
    labor_office: LaborOffice | None = Field(
        default=None, description="The city's or county's labor standards office, if any."
    )
    minimum_wage: MinimumWage = Field(description="The local minimum wage.")
    tipped_wage: TippedWage | None = Field(
        default=None, description="Only where the locality sets its own tipped cash wage."
    )

    FACTS: ClassVar[tuple[str, ...]] = ("labor_office", "minimum_wage", "tipped_wage")

    def facts(self) -> list[tuple[str, Fact | LaborOffice]]:
        return [(name, value) for name in self.FACTS if (value := getattr(self, name)) is not None]
