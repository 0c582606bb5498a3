"""Render an edition's content into Markdown pages with Jinja2.

One environment, ``StrictUndefined``, templates shipped as package data. Content text is
passed to templates as data and never compiled as a template. Links between items go
through :class:`Linker`, which drops a link (keeping its text) when the target is not in
the edition, so a jobseeker page never links to an agency-only page.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import os
import re
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from playbook_builder import __version__
from playbook_builder.checklists.scoring import checklist_definition, text_parts
from playbook_builder.content.collation import sort_key
from playbook_builder.content.collection import Content
from playbook_builder.content.models import (
    WIOA_INDICATORS,
    WIOA_INDICATORS_SOURCE,
    CaseStudy,
    Checklist,
    Cluster,
    ContentItem,
    Framework,
    Metric,
    Page,
    Practice,
)
from playbook_builder.content.place import FEDERAL, Fact, Jurisdiction
from playbook_builder.content.references import REF_LINK
from playbook_builder.editions import Edition
from playbook_builder.render.opendata import data_files
from playbook_builder.render.tables import stack_tables
from playbook_builder.render.translate import (
    Translator,
    as_english,
    date_in,
    decorate_page,
    finish,
    long_date,
    note_link_language,
    script_strings_json,
    strip_marks,
    translated_content,
    translator_for,
    use_translator,
)
from playbook_builder.render.translate import ui as _
from playbook_builder.render.urls import built_href_to, built_url, relative
from playbook_builder.select import select_for_edition

# The checklist script: ES modules in assets/checklist/, joined at build time into one
# classic script (checklists/jsbundle.py) that the loader adds only to pages with a
# checklist form or a "Your state" box. One file is one request: a phone on a slow
# network waits for one round trip, not one per level of imports.
CHECKLIST_BUNDLE = "assets/playbook/checklist.bundle.js"
ASSETS = (
    "assets/playbook/playbook.css",
    "assets/playbook/checklist-loader.js",
    "assets/playbook/filter.js",
    "assets/playbook/site.js",
)
CSS_ASSETS = ("assets/playbook/playbook.css",)
# Scripts every page names, as MkDocs' extra_javascript entries (path, and type for
# an ES module). Files only: no inline script, so a strict Content-Security-Policy holds.
JS_ASSETS: tuple[dict[str, str], ...] = (
    {"path": "assets/playbook/checklist-loader.js", "type": "module"},
    {"path": "assets/playbook/filter.js"},
    {"path": "assets/playbook/site.js"},
)


def asset_source(asset: str) -> str:
    """Where an entry of ASSETS is, relative to the package's ``assets`` folder."""
    return asset.removeprefix("assets/playbook/")


@dataclass(frozen=True)
class RenderedPage:
    path: str
    title: str
    markdown: str
    source: str | None  # the content file it came from, relative to the project root
    # The content's own date (for the sitemap): the item's `updated`, else the newest
    # `accessed` of its sources, else the newest date among the edition's items. Never
    # the build date, so two builds of one commit are identical.
    updated: dt.date | None = None


@dataclass
class RenderedEdition:
    edition: Edition
    pages: dict[str, RenderedPage] = field(default_factory=dict)
    nav: list[dict[str, Any]] = field(default_factory=list)
    # Files that are not pages (open data), keyed by path relative to the docs folder.
    files: dict[str, bytes] = field(default_factory=dict)
    # A translation's strings shown in English for want of a translation (translate.Miss).
    untranslated: list[Any] = field(default_factory=list)
    # Words the theme and the Markdown extensions write in English whatever the
    # language, in a translated edition: the 404 page's heading (HTML) and the title of
    # a heading's permanent link (plain text, for an attribute).
    not_found: str | None = None
    permalink_title: str | None = None


def page_path(item: ContentItem) -> str:
    """Where an item's page sits in an edition (Markdown path)."""
    if isinstance(item, Cluster):
        return f"clusters/{item.id}.md"
    if isinstance(item, Practice):
        return f"practices/{item.id}.md"
    if isinstance(item, CaseStudy):
        return f"case-studies/{item.id}.md"
    if isinstance(item, Checklist):
        return f"checklists/{item.id}.md"
    if isinstance(item, Metric):
        return f"metrics/{item.id}.md"
    if isinstance(item, Framework):
        return f"frameworks/index.md#{item.id}"
    if isinstance(item, Page):
        return f"guides/{item.id}.md"
    if isinstance(item, Jurisdiction):
        return f"{STATE_FOLDER}/{item.id}.md"
    raise TypeError(item)


STATE_FOLDER = "state-by-state"
STATE_PAGE = f"{STATE_FOLDER}/index.md"


class Linker:
    """Relative Markdown links from one page to items shown in the same edition."""

    def __init__(self, shown: Content, current_path: str, directory_urls: bool = True) -> None:
        self.shown = shown
        self.current = current_path
        self.directory_urls = directory_urls

    def href(self, target_path: str) -> str:
        path, _, anchor = target_path.partition("#")
        return relative(path, self.current) + (f"#{anchor}" if anchor else "")

    def url_for(self, item_id: str) -> str | None:
        item = self.shown.get(item_id)
        return self.href(page_path(item)) if item is not None else None

    def html_link(self, item_id: str, text: str | None = None) -> Markup:
        """An HTML link for raw-HTML blocks (large index tables, where Markdown tables are
        slow to convert), or the escaped text when the item is not in this edition."""
        item = self.shown.get(item_id)
        label = escape(text or (item.title if item else ""))
        if item is None:
            return label
        href = built_href_to(page_path(item), self.current, self.directory_urls)
        return Markup(f'<a href="{escape(href)}">{label}</a>')

    def link(self, item_id: str, text: str | None = None) -> str:
        """A Markdown link, or the plain title when the item is not in this edition."""
        item = self.shown.get(item_id)
        if item is None:
            return escape_md(text) if text else ""
        return f"[{escape_md(text or item.title)}]({self.href(page_path(item))})"

    def resolve_refs(self, text: str) -> str:
        """Turn ``[text](ref:id)`` into a link, or into plain text outside this edition."""
        if "](ref:" not in text:
            return text

        def replace(match: re.Match[str]) -> str:
            label = match.group(1)
            item = self.shown.get(match.group(2))
            if item is None:
                return label
            target = self.href(page_path(item))
            if match.group(3) and "#" not in target:
                target += match.group(3)
            return f"[{label}]({target})"

        return _REF_WITH_LABEL.sub(replace, text)


_REF_WITH_LABEL = re.compile(r"\[([^\]\n]+)\]" + REF_LINK.pattern[2:])
from playbook_builder.render.mdtext import escape_md  # noqa: E402


def _indent(text: str, width: int) -> str:
    pad = " " * width
    return "\n".join((pad + line) if line.strip() else "" for line in text.splitlines()).lstrip()


def _number(value: object) -> str:
    """12.0 -> '12', 0.25 -> '0.25', text unchanged, None -> ''."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    return _one_line(str(value))


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs (each edition builds in its own process);
    a cache folder that cannot be written just means compiling again."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache(name: str = "templates") -> jinja2.FileSystemBytecodeCache | None:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "playbook_builder" / f"{name}-{__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        bytecode_cache=_bytecode_cache(),
        loader=jinja2.PackageLoader("playbook_builder", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["indent_md"] = _indent
    env.filters["one_line"] = _one_line
    env.filters["num"] = _number
    env.filters["md_escape"] = escape_md
    env.filters["en"] = as_english
    env.filters["long_date"] = long_date
    env.globals["_"] = _
    env.filters["tojson_attr"] = lambda v: Markup(
        json.dumps(v, ensure_ascii=False).replace("<", "\\u003c")
    )
    return env


_PAGE_MEMO: dict[tuple[object, ...], tuple[int, tuple[object, ...], RenderedPage]] = {}


def _same(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def render_edition(content: Content, edition: Edition, *, drafts: bool = False) -> RenderedEdition:
    """Every page of one edition as Markdown, and its navigation."""
    from playbook_builder.overlays import with_overlay

    shown = select_for_edition(with_overlay(content, edition), edition, drafts=drafts)
    out = RenderedEdition(edition=edition)
    out.files = data_files(shown, edition, page_path)
    # A translation shows the same items (ids, scores) with their text from locale/.
    translator = translator_for(edition)
    use_translator(translator)
    if translator is not None:
        shown = translated_content(shown, edition, translator)
    env = environment()
    edition_date = max(
        (d for d in map(_content_date, shown.items.values()) if d is not None), default=None
    )

    # What an item page can show of other items: their ids, kinds and titles (links).
    # (and, in a translation, which items' strings are all reviewed: the notice)
    fingerprint = hash(
        (
            tuple(
                (i.id, i.KIND, i.title, getattr(i, "short_title", ""), i.status)
                for i in shown.items.values()
            ),
            tuple(sorted(translator.item_reviewed.items())) if translator else (),
        )
    )

    def add(
        path: str,
        template: str,
        title: str,
        source: str | None,
        memo: tuple[object, ...] | None = None,
        **context: Any,
    ) -> None:
        # An item page whose item (a frozen, cached object) and the titles it links to
        # are unchanged is taken from the last render: a preview rebuild renders only
        # what an edit touched.
        memo_key = (edition, drafts, path)
        if memo is not None:
            hit = _PAGE_MEMO.get(memo_key)
            if hit is not None and hit[0] == fingerprint and _same(hit[1], memo):
                out.pages[path] = hit[2]
                return
        linker = Linker(shown, path, edition.directory_urls)
        if translator is not None:
            translator.begin()
        text = env.get_template(template).render(
            edition=edition,
            shown=shown,
            link=linker.link,
            html_link=linker.html_link,
            url_for=linker.url_for,
            refs=linker.resolve_refs,
            data_url=lambda name: (
                relative(f"data/{name}", path) if f"data/{name}" in out.files else None
            ),
            title=title,
            **context,
        )
        # Every field can hold a `ref:` link, including one-line fields placed in tables:
        # resolve whatever the template left, so no page ever carries `ref:` or the id of
        # an item this edition does not show.
        # Tables become cards on a phone (see tables.py).
        text = stack_tables(_tidy(linker.resolve_refs(text)))
        reviewed = True
        if translator is not None:
            text = note_link_language(text, translator.language)
            reviewed = translator.end() and _items_reviewed(translator, context.get("item"))
        text = decorate_page(text, edition, path, reviewed=reviewed)
        if edition.offline:
            # Shown by the page script when the page comes from the copy saved on the
            # device (no network): the text, with the day filled in there.
            saved = _("You are offline. This page is a copy saved on this device on %(date)s.")
            text = _after_heading(
                text,
                f'<p class="pb-offline" data-pb-offline="{html.escape(strip_marks(saved))}" '
                'role="status" hidden></p>',
            )
        title = strip_marks(title)
        if source and edition.edit_url and edition.edit_links:
            edit = _("Edit this page")
            text += f"\n[{edit}]({edition.edit_url}{source}){{ .pb-edit }}\n"
        # Last: what is still marked as English (the interface's own strings included)
        # becomes <span lang="en">.
        text = finish(text)
        item = context.get("item")
        updated = _content_date(item) if isinstance(item, ContentItem) else None
        out.pages[path] = RenderedPage(path, title, text, source, updated or edition_date)
        if memo is not None:
            _PAGE_MEMO[memo_key] = (fingerprint, memo, out.pages[path])

    clusters = shown.of(Cluster)
    practices = shown.of(Practice)
    cases = shown.of(CaseStudy)
    checklists = shown.of(Checklist)
    metrics = shown.of(Metric)
    frameworks = shown.of(Framework)
    pages = shown.of(Page)
    audience = edition.audiences[0]

    add(
        "index.md",
        "home.md.j2",
        edition.title,
        None,
        other_editions=_other_editions(edition),
        clusters=clusters,
        checklists=checklists,
        pages=pages,
        practices=practices,
        cases=cases,
        metrics=metrics,
        frameworks=frameworks,
    )
    for cluster in clusters:
        add(
            page_path(cluster),
            "cluster.md.j2",
            cluster.title,
            shown.files[cluster.id],
            item=cluster,
            audience=audience,
            practices=[p for p in practices if cluster.id in p.clusters],
            cases=[c for c in cases if cluster.id in c.clusters],
            metrics=[m for m in metrics if m.cluster == cluster.id],
            frameworks={f.id: f for f in frameworks},
        )
    clusters_by_id = {c.id: c for c in clusters}
    cases_citing: dict[str, list[CaseStudy]] = {}
    for case in cases:
        for pid in case.practices:
            cases_citing.setdefault(pid, []).append(case)
    for practice in practices:
        add(
            page_path(practice),
            "practice.md.j2",
            practice.title,
            shown.files[practice.id],
            item=practice,
            clusters=clusters_by_id,
            cited_by=(
                cited_by := [
                    c
                    for c in cases_citing.get(practice.id, [])
                    if c.id not in practice.case_studies
                ]
            ),
            memo=(practice, *cited_by),
        )
    for case in cases:
        add(
            page_path(case),
            "case_study.md.j2",
            case.title,
            shown.files[case.id],
            memo=(case,),
            item=case,
            clusters=clusters_by_id,
        )
    state_view = _state_view(shown.of(Jurisdiction), edition)
    for checklist in checklists:
        checklist_linker = Linker(shown, page_path(checklist), edition.directory_urls)
        definition = checklist_definition(checklist, shown, edition, linker=checklist_linker)
        add(
            page_path(checklist),
            "checklist.md.j2",
            checklist.title,
            shown.files[checklist.id],
            item=checklist,
            clusters=clusters_by_id,
            definition=definition,
            form=env.get_template("checklist_form.html.j2").render(
                item=checklist,
                definition=definition,
                edition=edition,
                parts=lambda text, linker=checklist_linker: text_parts(text, linker),
                strings=script_strings_json(translator),
                states=_state_links(state_view, page_path(checklist), edition.directory_urls),
                **state_view,
            ),
        )
    for metric in metrics:
        add(
            page_path(metric),
            "metric.md.j2",
            metric.title,
            shown.files[metric.id],
            memo=(metric,),
            item=metric,
            clusters=clusters_by_id,
            wioa_indicators=WIOA_INDICATORS,
            wioa_source=WIOA_INDICATORS_SOURCE,
        )
    offer = next((c for c in checklists if c.kind == "offer-evaluation"), None)
    for page in pages:
        box = (
            _state_box(state_view, offer, edition, page_path(page)) if page.state_chooser else None
        )
        if box and not box["pinned"]:
            # The chooser's words in the page's language, as a checklist page carries them.
            box["strings"] = script_strings_json(translator)
        add(
            page_path(page),
            "page.md.j2",
            page.title,
            shown.files[page.id],
            # The state box depends on more than the page: no reuse from the last render.
            memo=None if box else (page,),
            item=page,
            state_box=box,
        )
    if practices:
        add(
            "practices/index.md",
            "practices_index.md.j2",
            "Practices",
            None,
            practices=practices,
            clusters=clusters,
        )
    if cases:
        add(
            "case-studies/index.md",
            "case_studies_index.md.j2",
            "Case studies",
            None,
            cases=cases,
            clusters=clusters,
        )
    if metrics:
        add(
            "metrics/index.md",
            "metrics.md.j2",
            "Metrics catalogue",
            None,
            metrics=metrics,
            clusters=clusters,
            wioa_indicators=WIOA_INDICATORS,
        )
    if frameworks:
        add(
            "frameworks/index.md",
            "crosswalk.md.j2",
            "Framework crosswalk",
            None,
            frameworks=frameworks,
            clusters=clusters,
        )
    jurisdictions = shown.of(Jurisdiction)
    if jurisdictions:
        _add_jurisdictions(out, add, shown, edition)
    out.nav = _navigation(out, clusters, checklists, pages)
    if translator is not None:
        out.not_found = finish(str(escape(_("Page not found"))))
        out.permalink_title = strip_marks(_("Permanent link"))
        out.untranslated = list(translator.misses.values())
    use_translator(None)
    return out


def _other_editions(edition: Edition) -> list[Edition]:
    """The project's other editions, for the home page's "Other guides" (each edition
    is built into a folder named after its id, beside the others)."""
    from playbook_builder.editions import discover_editions

    root = edition.config_file.parent
    if not root.is_dir():
        return []
    return [e for e in discover_editions(root) if e.id != edition.id]


def _content_date(item: ContentItem) -> dt.date | None:
    if item.updated is not None:
        return item.updated
    return max((s.accessed for s in item.sources), default=None)


def _add_jurisdictions(out: RenderedEdition, add: Any, shown: Content, edition: Edition) -> None:
    """The "State by state" chooser and one page per state (or, in an edition pinned to
    one state, that state's page alone), and the facts as data for scripts."""
    from playbook_builder.content import jurisdictions as jur
    from playbook_builder.content.place import Locality
    from playbook_builder.render import floors

    day = jur.build_date()
    federal, states = jur.ordered(shown.of(Jurisdiction), edition.language)
    localities = shown.of(Locality)
    pinned = next((j for j in states if j.code == edition.jurisdiction), None)
    if pinned is not None:
        states = [pinned]
    fed = floors.Federal.of(federal)
    date_text = _date_text(edition.language)
    shown_states = [*([federal] if federal and pinned is None else []), *states]
    # A pinned edition's index is its state's page; the state's and the federal pages are
    # there too, at the paths other pages link to.
    targets = [(j, page_path(j)) for j in shown_states]
    if pinned is not None:
        targets = [(pinned, STATE_PAGE), (pinned, page_path(pinned))]
        if federal is not None:
            targets.append((federal, page_path(federal)))
    for j, path in targets:
        title = _("Your legal floors in %(state)s", state=pinned.title) if pinned else j.title
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
            (x for x in localities if x.state == j.code),
            key=lambda x: (x.kind != "region", sort_key(x.title, edition.language)),
        )
        offices = [o.source for o in (j.labor_office, fed.office) if o and o.source]
        add(
            path,
            "state.md.j2",
            title,
            shown.files[j.id],
            memo=None,
            j=j,
            pinned=pinned,
            built=day,
            date_text=date_text,
            data_href=relative(
                jur.DATA_PATH,
                built_url(path, edition.directory_urls) + ("_" if edition.directory_urls else ""),
            ),
            lines=[
                floors.fact_line(name, fact, fed, day, date_text)
                for name, fact in j.facts()
                # Unknown facts are named once, in one sentence below the list.
                if isinstance(fact, Fact) and fact.status == "known"
            ],
            localities=[floors.locality_line(x, fed, day, date_text) for x in places],
            sources=[
                floors.source_entry(source, date_text)
                for source in floors.shown_sources(
                    j, places, day, [*offices, *(p.source for p in [*inherited, *j.protections])]
                )
            ],
            help=help_lines,
            protections=protections,
            unknown=floors.unknown_names(j),
        )
    if pinned is None:
        add(
            STATE_PAGE,
            "state_index.md.j2",
            _("State by state"),
            None,
            states=states,
            federal=federal,
        )
    # Data, not a page: a translation's marks for English text do not belong in it.
    data = strip_marks(jur.jurisdiction_json(shown_states, localities, day, edition.language))
    out.files[jur.DATA_PATH] = data.encode("utf-8")
    if not edition.directory_urls:
        out.files[jur.SCRIPT_PATH] = jur.jurisdiction_script(data).encode("utf-8")


def _after_heading(markdown: str, block: str) -> str:
    """``block`` after the page's first heading (and what decorate_page put there)."""
    head = re.search(r"^# .*$", markdown, re.M)
    if head is None:
        return block + "\n\n" + markdown
    return markdown[: head.end()] + "\n\n" + block + "\n" + markdown[head.end() :]


def _items_reviewed(translator: Translator, item: object) -> bool:
    """An item page needs its item's strings reviewed; any other page (a home page, an
    index) shows strings of many items, so it needs them all."""
    if isinstance(item, ContentItem):
        return translator.item_reviewed.get(item.id, False)
    return all(translator.item_reviewed.values())


def _date_text(language: str) -> Any:
    return partial(date_in, language)


def _state_view(items: list[Jurisdiction], edition: Edition) -> dict[str, Any]:
    """What a checklist form needs to show state floors: the pinned state's facts (an
    edition named for one state), or nothing here and a chooser fed by the data file."""
    from playbook_builder.content import jurisdictions as jur
    from playbook_builder.render import floors

    federal, states = jur.ordered(items, edition.language)
    pinned = next((j for j in states if j.code == edition.jurisdiction), None)
    fed = floors.Federal.of(federal)
    day = jur.build_date()
    date_text = _date_text(edition.language)

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


def _state_box(
    view: dict[str, Any], offer: Checklist | None, edition: Edition, current: str
) -> dict[str, Any] | None:
    """What a page with ``state_chooser`` shows: the pinned state's name and page, or the
    chooser's data (the data file, and the offer checklist whose answers keep the choice)."""
    links = _state_links(view, current, edition.directory_urls)
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


def _state_links(
    view: dict[str, Any], current: str, directory_urls: bool = True
) -> dict[str, str] | None:
    """The data file and state page, relative to a checklist page (None without states)."""
    from playbook_builder.content import jurisdictions as jur

    if not view["has_states"]:
        return None
    directory_urls = view.get("directory_urls", True)
    here = built_url(current, directory_urls) + ("_" if directory_urls else "")
    return {
        "data": relative(jur.DATA_PATH, here),
        "page": built_href_to(STATE_PAGE, current, directory_urls),
        # A state's own page, with {code} for its code in lower case.
        "pattern": built_href_to(f"{STATE_FOLDER}/zz.md", current, directory_urls).replace(
            "zz", "{code}"
        ),
    }


def _tidy(text: str) -> str:
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def _nav_title(title: str) -> str:
    """The theme writes navigation titles into the page unescaped: escape them here."""
    return html.escape(strip_marks(title), quote=False)


def _navigation(
    out: RenderedEdition, clusters: list[Cluster], checklists: list[Checklist], pages: list[Page]
) -> list[dict[str, Any]]:
    nav: list[dict[str, Any]] = [{_nav_title(_("Home")): "index.md"}]
    sections: dict[str, list[Page]] = {}
    for page in pages:
        sections.setdefault(page.section, []).append(page)
    leading = [s for s in sections if min(p.order for p in sections[s]) < 50]
    trailing = [s for s in sections if s not in leading]

    def section_nav(name: str) -> dict[str, Any]:
        return {_nav_title(name): [{_nav_title(p.title): page_path(p)} for p in sections[name]]}

    nav.extend(section_nav(s) for s in leading)
    if checklists:
        nav.append(
            {_nav_title(_("Checklists")): [{_nav_title(c.title): page_path(c)} for c in checklists]}
        )
    if clusters:
        nav.append(
            {
                _nav_title(_("The seven clusters")): [
                    {_nav_title(c.title): page_path(c)} for c in clusters
                ]
            }
        )
    if STATE_PAGE in out.pages:
        nav.append({_nav_title(out.pages[STATE_PAGE].title): STATE_PAGE})
    for path, label in (
        ("practices/index.md", "Practices"),
        ("case-studies/index.md", "Case studies"),
        ("metrics/index.md", "Metrics"),
        ("frameworks/index.md", "Frameworks"),
    ):
        if path in out.pages:
            nav.append({label: path})
    nav.extend(section_nav(s) for s in trailing)
    return nav
