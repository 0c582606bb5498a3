"""The legal floors in words, for the state pages and the pinned edition's checklist.

Each fact becomes one Markdown line for a given day: the value in force that day with the
date it took effect ("since ..."), the next change already set in law ("rises to ... on
..."), its note and its source. The browser says the same things from the data file with
the reader's own date (``assets/checklist/floors.js``): keep the two in step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from playbook_builder.content.jurisdictions import federal_rate_on
from playbook_builder.content.models import Source
from playbook_builder.content.place import (
    FEDERAL,
    Dated,
    Fact,
    Jurisdiction,
    LaborOffice,
    LawValue,
    Locality,
    MinimumWage,
    Protection,
    SchedulingValue,
    TippedValue,
    WageValue,
    phone_digits,
)
from playbook_builder.render.mdtext import escape_md
from playbook_builder.render.translate import as_english
from playbook_builder.render.translate import ui as _

DateText = Callable[[dt.date], str]
FEDERAL_TIPPED = 2.13


@dataclass(frozen=True)
class Part:
    """A piece of a line: text, a link (``href``), bold, or a name kept in English."""

    text: str
    href: str | None = None
    strong: bool = False
    en: bool = False


Line = list[Part]


def with_links(sentence: str, **links: Part) -> Line:
    """A translated sentence with ``%(name)s`` slots filled by link parts, so the
    translation can put the link where its grammar wants it."""
    parts: Line = []
    rest = sentence
    while rest:
        hits = [(rest.find(f"%({k})s"), k) for k in links if f"%({k})s" in rest]
        if not hits:
            parts.append(Part(rest))
            break
        at, key = min(hits)
        if at:
            parts.append(Part(rest[:at]))
        parts.append(links[key])
        rest = rest[at + len(f"%({key})s") :]
    return parts


def to_markdown(line: Line) -> str:
    out = []
    for part in line:
        text = escape_md(part.text)
        if part.en:
            text = as_english(text)
        if part.href:
            text = f"[{text}]({url(part.href)})"
        if part.strong:
            text = f"**{text}**"
        out.append(text)
    return "".join(out)


def to_html(line: Line) -> str:
    from markupsafe import escape

    out = []
    for part in line:
        text = str(escape(part.text))
        if part.en:
            text = as_english(text)
        if part.href:
            text = f'<a href="{escape(part.href)}">{text}</a>'
        if part.strong:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def money(value: float) -> str:
    return f"${value:,.2f}"


def url(address: object) -> str:
    return str(address).replace("(", "%28").replace(")", "%29")


def labels() -> dict[str, str]:
    return {
        "labor_office": _("State labor department"),
        "minimum_wage": _("Minimum wage"),
        "tipped_wage": _("Tipped workers' cash wage"),
        "daily_overtime": _("Overtime for long days"),
        "paid_sick_leave": _("Paid sick leave"),
        "paid_family_leave": _("Paid family and medical leave"),
        "pay_transparency": _("Pay range in job posts"),
        "osha_plan": _("State safety (OSHA) plan for private employers"),
        "scheduling": _("Predictable scheduling"),
    }


@dataclass(frozen=True)
class Federal:
    """The federal floors a state's lines refer to (the rate a state without one uses)."""

    minimum: MinimumWage | None
    office: LaborOffice | None

    @classmethod
    def of(cls, federal: Jurisdiction | None) -> Federal:
        if federal is None:
            return cls(None, None)
        return cls(federal.minimum_wage, federal.labor_office)

    def rate_on(self, day: dt.date) -> float:
        return federal_rate_on(self.minimum, day)


def source_parts(source: Source, *, short: bool = False) -> Line:
    """A value's source: "(source: publisher)", or, ``short``, "(source)" (a state's page
    lists its sources in full at its end)."""
    named = _("source: %(publisher)s", publisher=source.publisher)
    if short:
        return [Part(" ("), Part(_("source"), str(source.url)), Part(")")]
    return [
        Part(" ("),
        Part(named, str(source.url)),
        Part(")"),
    ]


def _since(value: Dated, date_text: DateText) -> str:
    return _("Since %(date)s.", date=date_text(value.from_)) if value.from_ is not None else ""


def _wage_text(value: WageValue, federal: Federal, day: dt.date) -> str:
    floor = federal.rate_on(day)
    if value.federal_applies or value.rate is None:
        return _(
            "No state minimum wage: the federal %(money)s an hour applies.", money=money(floor)
        )
    if value.rate < floor:
        return _(
            "The federal %(money)s an hour applies to most jobs (state law sets %(state)s).",
            money=money(floor),
            state=money(value.rate),
        )
    return _("%(money)s an hour.", money=money(value.rate))


def _tipped_text(value: TippedValue) -> str:
    if value.full_minimum:
        return _("The full minimum wage before tips.")
    if value.federal_applies or value.cash_wage is None:
        return _(
            "No state rule: at least the federal %(money)s an hour before tips, and tips "
            "must bring you up to the minimum wage.",
            money=money(FEDERAL_TIPPED),
        )
    return _(
        "At least %(money)s an hour before tips, and tips must bring you up to the minimum wage.",
        money=money(value.cash_wage),
    )


def _law_text(value: LawValue) -> str:
    if isinstance(value, SchedulingValue):
        if value.scope == "statewide":
            return _("Yes, a state law.")
        if value.scope == "cities":
            return _("In %(places)s.", places=", ".join(value.cities))
        return _("No law.")
    return _("Yes.") if value.exists else _("No.")


def value_text(value: Dated, federal: Federal, day: dt.date) -> str:
    if isinstance(value, WageValue):
        return _wage_text(value, federal, day)
    if isinstance(value, TippedValue):
        return _tipped_text(value)
    if isinstance(value, LawValue):
        return _law_text(value)
    raise TypeError(value)


def _next_text(now: Dated | None, nxt: Dated, date_text: DateText) -> str:
    when = date_text(nxt.from_) if nxt.from_ else ""
    if isinstance(nxt, WageValue) and nxt.rate is not None:
        if isinstance(now, WageValue) and now.rate is not None and nxt.rate > now.rate:
            return _("Rises to %(money)s on %(date)s.", money=money(nxt.rate), date=when)
        return _("Changes to %(money)s on %(date)s.", money=money(nxt.rate), date=when)
    if isinstance(nxt, TippedValue) and nxt.cash_wage is not None:
        return _("Changes to %(money)s on %(date)s.", money=money(nxt.cash_wage), date=when)
    if isinstance(nxt, LawValue) and isinstance(now, LawValue) and nxt.exists != now.exists:
        if nxt.exists:
            return _("Starts on %(date)s.", date=when)
        return _("Ends on %(date)s.", date=when)
    if isinstance(nxt, LawValue) and now is None and nxt.exists:
        return _("Starts on %(date)s.", date=when)
    return _("Changes on %(date)s.", date=when)


def rate_before(fact: Fact, value: Dated) -> float | None:
    """The last known rate before ``value`` took effect (for a rate nobody could read)."""
    before = None
    for entry in fact.entries():
        if entry is value:
            break
        if isinstance(entry, WageValue) and entry.rate is not None:
            before = entry.rate
    return before


def _unchecked_text(fact: Fact, value: WageValue, date_text: DateText) -> str:
    when = date_text(value.from_)
    before = rate_before(fact, value)
    if before is None:
        return _("The rate may have changed on %(date)s; we could not check it yet.", date=when)
    return _(
        "The rate may have changed on %(date)s; we could not check it yet. Before then it was "
        "%(money)s an hour.",
        date=when,
        money=money(before),
    )


def _value_sentences(
    fact: Fact, federal: Federal, day: dt.date, date_text: DateText
) -> tuple[list[str], Dated | None]:
    now = fact.in_force(day)
    nxt = fact.next_change(day)
    texts: list[str] = []
    if isinstance(now, WageValue) and now.unchecked:
        texts += [_unchecked_text(fact, now, date_text), now.summary or "", now.note or ""]
    elif now is not None:
        texts += [value_text(now, federal, day), _since(now, date_text)]
        texts += [now.summary or "", now.note or ""]
    elif nxt is not None and isinstance(nxt, LawValue):
        texts.append(_("No."))
    if isinstance(fact, MinimumWage) and fact.local_rates:
        texts.append(fact.local_rates)
    if nxt is not None:
        texts.append(_next_text(now, nxt, date_text))
        if now is None and nxt.summary:
            texts.append(nxt.summary)
    return [t for t in texts if t], now or nxt


def _fact_texts(
    name: str, fact: Fact, federal: Federal, day: dt.date, date_text: DateText
) -> tuple[Line, list[str], Dated | None]:
    """A fact's label (and the space after it), its sentences on ``day`` (none when nobody
    could check it) and the value whose source is shown."""
    label: Line = [Part(labels()[name] + ":", strong=True), Part(" ")]
    if fact.status != "known":
        return label, [], None
    texts, shown = _value_sentences(fact, federal, day, date_text)
    return label, texts, shown


def fact_parts(
    name: str,
    fact: Fact,
    federal: Federal,
    day: dt.date,
    date_text: DateText,
    *,
    short: bool = False,
) -> Line:
    """One fact's line on ``day``: label, value, since, summary, note, next change, source."""
    label, texts, shown = _fact_texts(name, fact, federal, day, date_text)
    if not texts:
        return [*label, Part(_("Not checked yet."))]
    line = [*label, Part(" ".join(texts))]
    if shown is not None:
        line += source_parts(shown.source, short=short)
    return line


def fact_pieces(
    name: str, fact: Fact, federal: Federal, day: dt.date, date_text: DateText
) -> tuple[Line, Line]:
    """A fact as a state's page shows it: the headline (label and value: "Paid sick leave:
    Yes.") and the rest (dates, who is covered, the next change, the short source link)."""
    label, texts, shown = _fact_texts(name, fact, federal, day, date_text)
    if not texts:
        return [*label, Part(_("Not checked yet."))], []
    rest: Line = [Part(" ".join(texts[1:]))] if texts[1:] else []
    if shown is not None:
        rest += source_parts(shown.source, short=True)
    return [*label, Part(texts[0])], rest


def fact_block(name: str, fact: Fact, federal: Federal, day: dt.date, date_text: DateText) -> str:
    """A fact on a state's page as HTML: its headline as the summary of a disclosure that
    holds the rest, so a phone shows every fact's value in a few lines (the browser's
    floors-page.js builds the same from the data file; print opens them all)."""
    head, rest = fact_pieces(name, fact, federal, day, date_text)
    return (
        f'<details class="pb-fact"><summary>{to_html(head)}</summary>'
        f"<p>{to_html(rest).strip()}</p></details>"
    )


def office_parts(office: LaborOffice, label: str) -> Line:
    line: Line = [Part(label + ":", strong=True), Part(" ")]
    if office.status != "known" or office.name is None or office.url is None:
        return [*line, Part(_("Not checked yet."))]
    # In a translation the name comes translated, or marked as English when it is not.
    line.append(Part(office.name, str(office.url)))
    if office.phone:
        call = Part(office.phone, "tel:" + phone_digits(office.phone))
        sentence = (
            _(", call %(phone)s (help in Spanish).") if office.spanish else _(", call %(phone)s.")
        )
        line += with_links(sentence, phone=call)
    else:
        line.append(Part("."))
    if office.summary:
        line.append(Part(" " + office.summary))
    return line


def office_line(office: LaborOffice, label: str) -> str:
    return to_markdown(office_parts(office, label))


def protection_line(protection: Protection) -> str:
    return to_markdown([Part(protection.summary), *source_parts(protection.source, short=True)])


def unknown_names(item: Jurisdiction) -> list[str]:
    """The facts of a place nobody could check, for the one sentence that says so."""
    return [_lower_first(labels()[name]) for name, fact in item.facts() if fact.status != "known"]


def _lower_first(label: str) -> str:
    """A label inside a sentence: "Paid sick leave" -> "paid sick leave", with names and
    initials left as they are ("OSHA")."""
    return label[:1].lower() + label[1:]


def locality_parts(item: Locality, federal: Federal, day: dt.date, date_text: DateText) -> Line:
    kind = {
        "city": _("city"),
        "county": _("county"),
        "region": _("area set by state law"),
    }[item.kind]
    line: Line = [Part(item.title, strong=True), Part(f" ({kind}): ")]
    texts, shown = _value_sentences(item.minimum_wage, federal, day, date_text)
    if item.summary:
        texts.append(item.summary)
    tip = item.tipped_wage.in_force(day) if item.tipped_wage is not None else None
    if isinstance(tip, TippedValue):
        texts.append(labels()["tipped_wage"] + ": " + _tipped_text(tip))
    line.append(Part(" ".join(texts) if texts else _("Not checked yet.")))
    if shown is not None:
        line += source_parts(shown.source, short=True)
    if item.labor_office is not None and item.labor_office.status == "known":
        line += [Part(" "), *office_parts(item.labor_office, _("Local office"))]
    return line


def locality_line(item: Locality, federal: Federal, day: dt.date, date_text: DateText) -> str:
    return to_markdown(locality_parts(item, federal, day, date_text))


def is_federal(item: Jurisdiction) -> bool:
    return item.code == FEDERAL


def shown_sources(
    item: Jurisdiction, localities: list[Locality], day: dt.date, extra: list[Source]
) -> list[Source]:
    """Every source a state's page cites, in the order first cited, each once."""
    found: dict[str, Source] = {}
    facts: list[Fact] = [f for _name, f in item.facts() if isinstance(f, Fact)]
    facts += [x.minimum_wage for x in localities]
    for fact in facts:
        if fact.status != "known":
            continue
        shown = fact.in_force(day) or fact.next_change(day)
        if shown is not None:
            found.setdefault(str(shown.source.url), shown.source)
    for source in extra:
        found.setdefault(str(source.url), source)
    return list(found.values())


def source_entry(source: Source, date_text: DateText) -> str:
    """One source in a page's list: publisher, title (the link), its own date, the day
    it was read, and how it was read where that is not the official page."""
    parts = [
        Part(source.publisher + ": ", en=True),
        Part(source.title, str(source.url), en=True),
        Part("."),
    ]
    if source.published is not None:
        parts.append(Part(" " + _("Published %(date)s.", date=date_text(source.published))))
    parts.append(Part(" " + _("Read %(date)s.", date=date_text(source.accessed))))
    if source.note:
        parts.append(Part(" "))
        parts.append(Part(source.note, en=True))
    return to_markdown(parts)
