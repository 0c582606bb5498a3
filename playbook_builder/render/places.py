"""The pages and data of places: a page per state (or the pinned state's page), the
state chooser, the facts as data for the checklist script, and what a checklist form or
a guide with a state chooser needs to show a reader's legal floors."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from playbook_builder.content import jurisdictions as jur
from playbook_builder.content.collation import sort_key
from playbook_builder.content.models import Checklist
from playbook_builder.content.place import FEDERAL, Fact, Jurisdiction, Locality
from playbook_builder.editions import Edition
from playbook_builder.render import floors
from playbook_builder.render.pages import STATE_FOLDER, STATE_PAGE, page_path
from playbook_builder.render.translate import date_in, strip_marks
from playbook_builder.render.translate import ui as _
from playbook_builder.render.urls import built_href_to, built_url, relative
from playbook_builder.render.view import EditionView


@dataclass(frozen=True)
class _StateContext:
    """What every state page of an edition shares."""

    pinned: Jurisdiction | None
    federal: Jurisdiction | None
    fed: floors.Federal
    localities: list[Locality]
    day: dt.date
    date_text: Any


def state_pages(view: EditionView) -> None:
    """The "State by state" chooser and one page per state (or, in an edition pinned to
    one state, that state's page alone), and the facts as data for scripts."""
    shown, edition = view.shown, view.edition
    if not shown.of(Jurisdiction):
        return
    federal, states = jur.ordered(shown.of(Jurisdiction), edition.language)
    pinned = next((j for j in states if j.code == edition.jurisdiction), None)
    if pinned is not None:
        states = [pinned]
    ctx = _StateContext(
        pinned=pinned,
        federal=federal,
        fed=floors.Federal.of(federal),
        localities=shown.of(Locality),
        day=jur.build_date(),
        date_text=date_text_of(edition.language),
    )
    shown_states = [*([federal] if federal and pinned is None else []), *states]
    # A pinned edition's index is its state's page; the state's and the federal pages are
    # there too, at the paths other pages link to.
    targets = [(j, page_path(j)) for j in shown_states]
    if pinned is not None:
        targets = [(pinned, STATE_PAGE), (pinned, page_path(pinned))]
        if federal is not None:
            targets.append((federal, page_path(federal)))
    for j, path in targets:
        _state_page(view, j, path, ctx)
    if pinned is None:
        view.add(
            STATE_PAGE,
            "state_index.md.j2",
            _("State by state"),
            None,
            states=states,
            federal=federal,
        )
    _state_data(view, shown_states, ctx)


def _state_page(view: EditionView, j: Jurisdiction, path: str, ctx: _StateContext) -> None:
    edition, federal, fed, day = view.edition, ctx.federal, ctx.fed, ctx.day
    title = _("Your legal floors in %(state)s", state=ctx.pinned.title) if ctx.pinned else j.title
    help_lines = []
    if j.code != FEDERAL:
        help_lines.append(floors.office_line(j.labor_office, _("State labor department")))
    if federal is not None:
        help_lines.append(
            floors.office_line(federal.labor_office, _("Federal Wage and Hour Division"))
        )
    inherited = federal.protections if federal is not None and j is not federal else []
    protections = [floors.protection_line(p) for p in [*inherited, *j.protections]]
    places = sorted(
        (x for x in ctx.localities if x.state == j.code),
        key=lambda x: (x.kind != "region", sort_key(x.title, edition.language)),
    )
    offices = [o.source for o in (j.labor_office, fed.office) if o and o.source]
    view.add(
        path,
        "state.md.j2",
        title,
        view.shown.files[j.id],
        memo=None,
        j=j,
        pinned=ctx.pinned,
        built=day,
        date_text=ctx.date_text,
        data_href=relative(
            jur.state_data_path(j.code),
            built_url(path, edition.directory_urls) + ("_" if edition.directory_urls else ""),
        ),
        lines=[
            floors.fact_block(name, fact, fed, day, ctx.date_text)
            for name, fact in j.facts()
            # Unknown facts are named once, in one sentence below the list.
            if isinstance(fact, Fact) and fact.status == "known"
        ],
        localities=[floors.locality_line(x, fed, day, ctx.date_text) for x in places],
        sources=[
            floors.source_entry(source, ctx.date_text)
            for source in floors.shown_sources(
                j, places, day, [*offices, *(p.source for p in [*inherited, *j.protections])]
            )
        ],
        help=help_lines,
        protections=protections,
        unknown=floors.unknown_names(j),
    )


def _state_data(view: EditionView, shown_states: list[Jurisdiction], ctx: _StateContext) -> None:
    """Data, not a page: a translation's marks for English text do not belong in it. The
    whole file for scripts and open data; the pages load the list and one state's file."""
    edition = view.edition
    full = json.loads(
        strip_marks(jur.jurisdiction_json(shown_states, ctx.localities, ctx.day, edition.language))
    )
    files = {jur.DATA_PATH: jur.jurisdiction_json_text(full), **jur.page_data(full)}
    for path, data in files.items():
        view.out.files[path] = data.encode("utf-8")
        if not edition.directory_urls:
            script = jur.data_script_path(path)
            view.out.files[script] = jur.jurisdiction_script(data).encode("utf-8")


def date_text_of(language: str) -> Any:
    return partial(date_in, language)


def state_view(items: list[Jurisdiction], edition: Edition) -> dict[str, Any]:
    """What a checklist form needs to show state floors: the pinned state's facts (an
    edition named for one state), or nothing here and a chooser fed by the data file."""
    federal, states = jur.ordered(items, edition.language)
    pinned = next((j for j in states if j.code == edition.jurisdiction), None)
    fed = floors.Federal.of(federal)
    day = jur.build_date()
    date_text = date_text_of(edition.language)

    def floor_html(name: str) -> Markup:
        fact = getattr(pinned, name)
        return Markup(floors.to_html(floors.fact_parts(name, fact, fed, day, date_text)))

    def office_html() -> Markup:
        assert pinned is not None
        label = _("State labor department")
        return Markup(floors.to_html(floors.office_parts(pinned.labor_office, label)))

    return {
        "pinned": pinned,
        "federal": federal,
        "has_states": bool(states),
        "directory_urls": edition.directory_urls,
        "floor_html": floor_html,
        "office_html": office_html,
    }


def state_box(
    view: dict[str, Any], offer: Checklist | None, edition: Edition, current: str
) -> dict[str, Any] | None:
    """What a page with ``state_chooser`` shows: the pinned state's name and page, or the
    chooser's data (the data file, and the offer checklist whose answers keep the choice)."""
    links = state_links(view, current, edition.directory_urls)
    if links is None:
        return None
    if view["pinned"] is not None:
        return {"pinned": view["pinned"].title, "page": links["page"]}
    if offer is None:
        return None
    return {
        "pinned": None,
        "page": links["page"],
        "data": links["data"],
        "pattern": links["pattern"],
        "edition": edition.id,
        "checklist": offer.id,
        "version": offer.version,
    }


def state_links(
    view: dict[str, Any], current: str, directory_urls: bool = True
) -> dict[str, str] | None:
    """The data file and state page, relative to a checklist page (None without states)."""
    if not view["has_states"]:
        return None
    directory_urls = view.get("directory_urls", True)
    here = built_url(current, directory_urls) + ("_" if directory_urls else "")
    return {
        "data": relative(jur.INDEX_PATH, here),
        "page": built_href_to(STATE_PAGE, current, directory_urls),
        # A state's own page, with {code} for its code in lower case.
        "pattern": built_href_to(f"{STATE_FOLDER}/zz.md", current, directory_urls).replace(
            "zz", "{code}"
        ),
    }
