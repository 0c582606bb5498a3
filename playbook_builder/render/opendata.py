"""An edition's content as open data: JSON, CSV and a Frictionless Data Package.

The files are written from the items the edition shows (the output of
``select_for_edition``), so the isolation rules that govern pages govern the data too:
an id that points at an item outside the edition is left out, and ``[text](ref:id)``
links become their text. Output is deterministic (sorted rows, no timestamps), so the
files change only when the content does.

No MkDocs here: the renderer returns these files with the pages, and the plugin and the
export both carry them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from playbook_builder.content.benchmarks import GROUPS, Benchmark
from playbook_builder.content.collection import Content
from playbook_builder.content.models import (
    WIOA_INDICATORS,
    CaseStudy,
    Checklist,
    Cluster,
    ContentItem,
    Framework,
    Metric,
    Practice,
    Source,
)
from playbook_builder.content.references import REF_LINK
from playbook_builder.editions import Edition
from playbook_builder.render.benchmarks import group_phrase
from playbook_builder.render.urls import built_url

DATA_DIR = "data"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
# Text lists (steps, data sources) join with a line break in CSV, which spreadsheets show
# inside one cell; lists of ids and keywords join with "; ".
TEXT_JOIN = "\n"
ID_JOIN = "; "

_REF_WITH_LABEL = re.compile(r"\[([^\]\n]+)\]" + REF_LINK.pattern[2:])

PagePath = Callable[[ContentItem], str]


@dataclass(frozen=True)
class Column:
    """One field of a table: its Table Schema type in JSON, and how CSV flattens it."""

    name: str
    type: str  # Table Schema type of the JSON value: string, integer, number, boolean, date, array, any
    description: str
    join: str | None = None  # for arrays: the separator in CSV
    json_only: bool = False  # nested values that CSV carries in a table of their own
    enum: tuple[str, ...] = ()

    def schema(self, for_csv: bool) -> dict[str, Any]:
        field: dict[str, Any] = {"name": self.name, "type": self.type}
        description = self.description
        if for_csv and self.type == "array":
            field["type"] = "string"
            separator = "a line break" if self.join == TEXT_JOIN else f'"{self.join}"'
            description += f" Several values are separated by {separator}."
        field["description"] = description
        if self.enum:
            field["constraints"] = {"enum": list(self.enum)}
        return field


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]

    def __post_init__(self) -> None:
        # Any text field may hold a `ref:` link: every one is made plain, here, once.
        for row in self.rows:
            for key, value in row.items():
                row[key] = _plain(value)


def _plain(value: Any) -> Any:
    """``value`` with ``[label](ref:id)`` links in its text reduced to their label, in
    lists and mappings too: an id is not an address outside the site, and the target
    may not be in this edition."""
    if isinstance(value, str):
        return _REF_WITH_LABEL.sub(lambda m: m.group(1), value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _sources(sources: Iterable[Source]) -> list[dict[str, str]]:
    return [
        {
            "title": s.title,
            "publisher": s.publisher,
            "url": str(s.url),
            "accessed": s.accessed.isoformat(),
        }
        for s in sources
    ]


class _BuiltPaths:
    """Where an item's page is, as the edition builds it (with or without directory
    URLs)."""

    def __init__(self, page_path: PagePath, directory_urls: bool) -> None:
        self.page_path = page_path
        self.directory_urls = directory_urls

    def __call__(self, item: ContentItem) -> str:
        return self.page_path(item)


def _page(item: ContentItem, page_path: PagePath) -> str:
    path, _, anchor = page_path(item).partition("#")
    directory_urls = getattr(page_path, "directory_urls", True)
    return built_url(path, directory_urls) + (f"#{anchor}" if anchor else "")


ID = Column("id", "string", "Stable id of the item; it does not change when the title does.")
TITLE = Column("title", "string", "Title as shown on the site.")
STATUS = Column(
    "status",
    "string",
    "published; draft appears only in preview builds made with drafts.",
    enum=("draft", "published"),
)
PAGE = Column("page", "string", "Address of the item's page, relative to the edition's home.")
UPDATED = Column("updated", "date", "When the content was last reviewed, if recorded.")
SOURCES = Column(
    "sources",
    "array",
    "Sources for the facts stated. JSON: objects with title, publisher, url and accessed "
    "(YYYY-MM-DD). CSV: one line each, as title. publisher. url (accessed date).",
    join=TEXT_JOIN,
)


def _common(item: ContentItem, page_path: PagePath) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "status": item.status,
        "page": _page(item, page_path),
        "updated": item.updated.isoformat() if item.updated else None,
        "sources": _sources(item.sources),
    }


def _metrics(shown: Content, page_path: PagePath) -> Table:
    columns = (
        ID,
        TITLE,
        STATUS,
        Column("cluster", "string", "Id of the cluster it measures (see the clusters table)."),
        Column("definition", "string", "Exactly what is counted (Markdown)."),
        Column("unit", "string", "Unit of the figure."),
        Column("numerator", "string", "For a rate or share: what is counted on top."),
        Column("denominator", "string", "For a rate or share: what it is divided by."),
        Column(
            "reported_by",
            "array",
            "Who supplies the figure: employer, worker (survey) or administrative (records).",
            join=ID_JOIN,
        ),
        Column("data_sources", "array", "Where the data can come from.", join=TEXT_JOIN),
        Column("frequency", "string", "How often to collect it."),
        Column("limitations", "string", "What it misses or how it can mislead (Markdown)."),
        Column(
            "wioa_indicator",
            "string",
            "The WIOA primary indicator of performance (20 CFR 677.155(a)(1)) the metric is, "
            "or is reported beside; empty when none relates.",
            enum=tuple(WIOA_INDICATORS),
        ),
        Column("wioa_indicator_name", "string", "The name of that indicator."),
        Column("wioa", "string", "How it relates to the WIOA indicators (Markdown)."),
        PAGE,
        UPDATED,
        SOURCES,
    )
    rows = []
    for m in sorted(shown.of(Metric), key=lambda m: m.id):
        rows.append(
            {
                **_common(m, page_path),
                "cluster": m.cluster,
                "definition": m.definition,
                "unit": m.unit,
                "numerator": m.numerator,
                "denominator": m.denominator,
                "reported_by": list(m.reported_by),
                "data_sources": list(m.data_sources),
                "frequency": m.frequency,
                "limitations": m.limitations,
                "wioa_indicator": m.wioa_indicator,
                "wioa_indicator_name": WIOA_INDICATORS.get(m.wioa_indicator or ""),
                "wioa": m.wioa,
            }
        )
    return Table(
        "metrics",
        "Metrics",
        "Measures of job quality: what is counted, who reports it and where the data comes from.",
        columns,
        rows,
    )


def _benchmarks(shown: Content, page_path: PagePath) -> Table:
    """One row per benchmark and group: the tidy shape for a spreadsheet or a chart."""
    columns = (
        ID,
        TITLE,
        STATUS,
        Column(
            "measure",
            "string",
            "access: the share who have (or offer) the benefit; average-share: an average "
            "percentage, such as the share of a premium paid.",
            enum=("access", "average-share"),
        ),
        Column(
            "counts",
            "string",
            "For access: whether the share is of workers or of employers (workplaces).",
            enum=("workers", "employers"),
        ),
        Column("benefit", "string", "The benefit the figure is about."),
        Column("population", "string", "Whose figures they are."),
        Column("period", "string", "The reference period the source gives."),
        Column(
            "group",
            "string",
            "Which workers or workplaces: all, a size group (size-*: NCS workplaces; firm-*: "
            "MEPS-IC firms) or an industry group (industry-*: NCS; meps-*: MEPS-IC).",
            enum=GROUPS,
        ),
        Column("group_name", "string", "The group in words."),
        Column("value", "number", "The percentage, as the source prints it."),
        Column(
            "checklist_items",
            "array",
            "Ids of the checklist items the figure is shown beside.",
            join=ID_JOIN,
        ),
        Column("metrics", "array", "Ids of the metrics it gives context to.", join=ID_JOIN),
        Column("table", "string", "Where in the source the figures are."),
        PAGE,
        UPDATED,
        SOURCES,
    )
    rows = []
    for b in sorted(shown.of(Benchmark), key=lambda b: b.id):
        for entry in b.values:
            rows.append(
                {
                    **_common(b, page_path),
                    "measure": b.measure,
                    "counts": b.counts if b.measure == "access" else None,
                    "benefit": b.benefit,
                    "population": b.population,
                    "period": b.period,
                    "group": entry.group,
                    "group_name": group_phrase(entry.group) or "all",
                    "value": entry.value,
                    "checklist_items": list(b.checklist_items),
                    "metrics": _shown_ids(shown, b.metrics),
                    "table": b.table,
                }
            )
    return Table(
        "benchmarks",
        "Benchmarks",
        "How common each benefit is, from official surveys (BLS NCS, AHRQ MEPS-IC): one row "
        "per figure and group of workers or workplaces.",
        columns,
        rows,
    )


def _practices(shown: Content, page_path: PagePath) -> Table:
    columns = (
        ID,
        TITLE,
        STATUS,
        Column("clusters", "array", "Ids of the clusters it improves.", join=ID_JOIN),
        Column("summary", "string", "What the practice is (Markdown)."),
        Column("steps", "array", "How to do it, step by step (Markdown).", join=TEXT_JOIN),
        Column("effort", "string", "Work it takes.", enum=("low", "medium", "high")),
        Column("cost", "string", "Money it takes.", enum=("none", "low", "medium", "high")),
        Column("cost_note", "string", "What the cost depends on."),
        Column(
            "employer_size",
            "array",
            "Employer sizes it suits: small (<50), medium (50-499), large.",
            join=ID_JOIN,
        ),
        Column("first_step", "boolean", "true if it is a good first step for a small employer."),
        Column("evidence", "string", "What the evidence says (Markdown)."),
        Column("metrics", "array", "Ids of metrics that track it.", join=ID_JOIN),
        Column("case_studies", "array", "Ids of related case studies.", join=ID_JOIN),
        PAGE,
        UPDATED,
        SOURCES,
    )
    rows = []
    for p in sorted(shown.of(Practice), key=lambda p: p.id):
        rows.append(
            {
                **_common(p, page_path),
                "clusters": _shown_ids(shown, p.clusters),
                "summary": p.summary,
                "steps": list(p.steps),
                "effort": p.effort,
                "cost": p.cost,
                "cost_note": p.cost_note,
                "employer_size": list(p.employer_size),
                "first_step": p.first_step,
                "evidence": p.evidence,
                "metrics": _shown_ids(shown, p.metrics),
                "case_studies": _shown_ids(shown, p.case_studies),
            }
        )
    return Table(
        "practices",
        "Practices",
        "Things an employer or agency can do to improve job quality.",
        columns,
        rows,
    )


RESULT_COLUMNS = (
    Column("case_study", "string", "Id of the case study."),
    Column("number", "integer", "Position of the result in the case study (1 = first)."),
    Column("description", "string", "What changed."),
    Column("metric", "string", "Id of the metric it relates to, if any."),
    Column("before", "any", "Value before (a number, or text where no number applies)."),
    Column("after", "any", "Value after (a number, or text where no number applies)."),
    Column("unit", "string", "Unit of before and after."),
    Column("source", "string", "Address of the source that supports it."),
)


def _results(shown: Content, case: CaseStudy) -> list[dict[str, Any]]:
    rows = []
    for number, r in enumerate(case.results, start=1):
        source = case.sources[r.source - 1] if r.source and r.source <= len(case.sources) else None
        rows.append(
            {
                "case_study": case.id,
                "number": number,
                "description": r.description,
                "metric": r.metric if r.metric and r.metric in shown.items else None,
                "before": r.before,
                "after": r.after,
                "unit": r.unit,
                "source": str(source.url) if source else None,
            }
        )
    return rows


def _case_studies(shown: Content, page_path: PagePath) -> tuple[Table, Table]:
    columns = (
        ID,
        TITLE,
        STATUS,
        Column("organization", "string", "The organisation or jurisdiction."),
        Column("sector", "string", "Industry or sector."),
        Column(
            "size",
            "string",
            "small (<50 staff), medium (50-499), large (500+), or jurisdiction.",
            enum=("small", "medium", "large", "jurisdiction"),
        ),
        Column("region", "string", "Place."),
        Column("clusters", "array", "Ids of the clusters it concerns.", join=ID_JOIN),
        Column("summary", "string", "The story in two sentences (Markdown)."),
        Column("challenge", "string", "The problem they faced (Markdown)."),
        Column("actions", "array", "What they did (Markdown).", join=TEXT_JOIN),
        Column("practices", "array", "Ids of related practices.", join=ID_JOIN),
        Column(
            "illustrative",
            "boolean",
            "true for a composite example that is not one real organisation.",
        ),
        Column(
            "results",
            "array",
            "What happened: objects with the fields of the case-study-results table.",
            json_only=True,
        ),
        PAGE,
        UPDATED,
        SOURCES,
    )
    rows, results = [], []
    for c in sorted(shown.of(CaseStudy), key=lambda c: c.id):
        case_results = _results(shown, c)
        results.extend(case_results)
        rows.append(
            {
                **_common(c, page_path),
                "organization": c.organization,
                "sector": c.sector,
                "size": c.size,
                "region": c.region,
                "clusters": _shown_ids(shown, c.clusters),
                "summary": c.summary,
                "challenge": c.challenge,
                "actions": list(c.actions),
                "practices": _shown_ids(shown, c.practices),
                "illustrative": c.illustrative,
                "results": [
                    {k: v for k, v in r.items() if k != "case_study"} for r in case_results
                ],
            }
        )
    return (
        Table(
            "case-studies",
            "Case studies",
            "What employers and jurisdictions did, and what happened.",
            columns,
            rows,
        ),
        Table(
            "case-study-results",
            "Case study results",
            "The results of the case studies, one row per result.",
            RESULT_COLUMNS,
            results,
        ),
    )


def _checklists(shown: Content, page_path: PagePath) -> Table:
    columns = (
        Column("checklist", "string", "Id of the checklist."),
        Column("checklist_title", "string", "Title of the checklist."),
        Column(
            "kind",
            "string",
            "What sort of checklist it is.",
            enum=("self-assessment", "worker-pulse", "offer-evaluation", "readiness"),
        ),
        Column("version", "integer", "Version of the checklist; saved answers name it."),
        STATUS,
        Column("section", "integer", "Position of the section in the checklist (1 = first)."),
        Column("section_cluster", "string", "Id of the cluster the section scores, if any."),
        Column("section_title", "string", "Heading of the section."),
        Column("item", "string", "Stable id of the question; paired checklists share them."),
        Column("question", "string", "The question (Markdown)."),
        Column("help", "string", "A hint shown under the question (Markdown)."),
        Column("ask", "string", "What to ask the employer (job-offer checklist)."),
        Column("verify", "string", "How to check the answer (job-offer checklist)."),
        Column("red_flag", "string", "What should worry you (job-offer checklist)."),
        Column("legal_floor", "string", "What federal law guarantees, where it sets a floor."),
        Column("weight", "number", "Weight of the question in its section's score."),
        Column(
            "scale",
            "array",
            "The answer choices with their points, as value = points (not scored when "
            "empty); a section's score is the weighted points earned over the most it "
            "could earn.",
            join=ID_JOIN,
        ),
        Column("practices", "array", "Ids of practices that help.", join=ID_JOIN),
        PAGE,
    )
    rows = []
    for c in sorted(shown.of(Checklist), key=lambda c: c.id):
        scale = [
            f"{o.value} = {_number(o.points) if o.points is not None else 'not scored'}"
            for o in c.scale
        ]
        for number, section in enumerate(c.sections, start=1):
            cluster = shown.get(section.cluster) if section.cluster else None
            heading = section.title or (cluster.title if cluster else None)
            for item in section.items:
                rows.append(
                    {
                        "checklist": c.id,
                        "checklist_title": c.title,
                        "kind": c.kind,
                        "version": c.version,
                        "status": c.status,
                        "section": number,
                        "section_cluster": section.cluster if cluster else None,
                        "section_title": heading,
                        "item": item.id,
                        "question": item.question,
                        "help": item.help,
                        "ask": item.ask,
                        "verify": item.verify,
                        "red_flag": item.red_flag,
                        "legal_floor": item.legal_floor,
                        "weight": item.weight,
                        "scale": scale,
                        "practices": _shown_ids(shown, item.practices),
                        "page": _page(c, page_path),
                    }
                )
    return Table(
        "checklists",
        "Checklist questions",
        "The questions of each checklist with their weights, one row per question.",
        columns,
        rows,
    )


def _clusters(shown: Content, edition: Edition, page_path: PagePath) -> Table:
    columns = (
        ID,
        TITLE,
        STATUS,
        Column("number", "integer", "Position in the U.S. Department of Labor's list (1-7)."),
        Column("short_title", "string", "A two- or three-word name."),
        Column("summary", "string", "What the cluster means, worded for this edition's readers."),
        Column("why_it_matters", "string", "Why it matters, with the evidence (Markdown)."),
        PAGE,
        UPDATED,
        SOURCES,
    )
    rows = []
    for c in sorted(shown.of(Cluster), key=lambda c: (c.number, c.id)):
        summary = next((c.summary[a] for a in edition.audiences if a in c.summary), None)
        rows.append(
            {
                **_common(c, page_path),
                "number": c.number,
                "short_title": c.short_title,
                "summary": summary,
                "why_it_matters": c.why_it_matters,
            }
        )
    return Table(
        "clusters",
        "Job-quality clusters",
        "The seven clusters of job quality of the U.S. Department of Labor's Employment and "
        "Training Administration, the spine of the playbook.",
        columns,
        rows,
    )


def _crosswalk(shown: Content) -> Table:
    columns = (
        Column("cluster", "string", "Id of the cluster."),
        Column("cluster_title", "string", "Title of the cluster."),
        Column("framework", "string", "Id of the other framework."),
        Column("framework_title", "string", "Title of the other framework."),
        Column("framework_publisher", "string", "Who publishes the framework."),
        Column("element", "string", "Name of the framework's element that covers the cluster."),
    )
    rows = []
    for c in sorted(shown.of(Cluster), key=lambda c: (c.number, c.id)):
        for framework_id in sorted(c.crosswalk):
            framework = shown.get(framework_id)
            if not isinstance(framework, Framework):
                continue
            for name in c.crosswalk[framework_id]:
                rows.append(
                    {
                        "cluster": c.id,
                        "cluster_title": c.title,
                        "framework": framework.id,
                        "framework_title": framework.title,
                        "framework_publisher": framework.publisher,
                        "element": name,
                    }
                )
    return Table(
        "crosswalk",
        "Framework crosswalk",
        "How the elements of other job-quality frameworks map onto the seven clusters, one "
        "row per cluster and element.",
        columns,
        rows,
    )


def _shown_ids(shown: Content, ids: Iterable[str]) -> list[str]:
    return [i for i in ids if i in shown.items]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _csv_cell(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.name == "sources":
        return TEXT_JOIN.join(
            f"{s['title']}. {s['publisher']}. {s['url']} (accessed {s['accessed']})" for s in value
        )
    if isinstance(value, list):
        return (column.join or ID_JOIN).join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number(value)
    return str(value)


def _csv(table: Table) -> bytes:
    columns = [c for c in table.columns if not c.json_only]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in table.rows:
        writer.writerow([_csv_cell(c, row[c.name]) for c in columns])
    # The byte-order mark lets spreadsheet programs recognise UTF-8 when a file is opened
    # by double-clicking it.
    return buffer.getvalue().encode("utf-8-sig")


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_records(records: list[dict[str, Any]]) -> bytes:
    """A JSON array with one record a line: as easy to read in a diff as indented JSON,
    and written by the json module's C encoder (indenting makes it use the slow one)."""
    if not records:
        return b"[]\n"
    lines = ",\n  ".join(json.dumps(r, ensure_ascii=False) for r in records)
    return f"[\n  {lines}\n]\n".encode()


def _resources(table: Table) -> list[dict[str, Any]]:
    csv_fields = [c.schema(for_csv=True) for c in table.columns if not c.json_only]
    json_fields = [c.schema(for_csv=False) for c in table.columns]
    return [
        {
            "profile": "tabular-data-resource",
            "name": f"{table.name}-csv",
            "title": f"{table.title} (CSV)",
            "description": table.description,
            "path": f"{table.name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": csv_fields},
        },
        {
            "profile": "tabular-data-resource",
            "name": f"{table.name}-json",
            "title": f"{table.title} (JSON)",
            "description": table.description,
            "path": f"{table.name}.json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "schema": {"fields": json_fields},
        },
    ]


def edition_tables(shown: Content, edition: Edition, page_path: PagePath) -> list[Table]:
    """The tables an edition publishes, leaving out those it has no rows for."""
    cases, results = _case_studies(shown, page_path)
    tables = [
        _metrics(shown, page_path),
        _practices(shown, page_path),
        cases,
        results,
        _checklists(shown, page_path),
        _clusters(shown, edition, page_path),
        _crosswalk(shown),
        _benchmarks(shown, page_path),
    ]
    return [t for t in tables if t.rows]


def data_files(shown: Content, edition: Edition, page_path: PagePath) -> dict[str, bytes]:
    """``data/<table>.csv|json`` and ``data/datapackage.json`` for the items ``shown``
    (already selected for ``edition``), keyed by path relative to the edition's docs."""
    tables = edition_tables(shown, edition, _BuiltPaths(page_path, edition.directory_urls))
    if not tables:
        return {}
    files: dict[str, bytes] = {}
    resources: list[dict[str, Any]] = []
    for table in tables:
        files[f"{DATA_DIR}/{table.name}.csv"] = _csv(table)
        files[f"{DATA_DIR}/{table.name}.json"] = _json_records(
            [{c.name: row[c.name] for c in table.columns} for row in table.rows]
        )
        resources.extend(_resources(table))
    cited: dict[str, str] = {}
    for item in shown.items.values():
        for source in item.sources:
            cited.setdefault(str(source.url), f"{source.title} ({source.publisher})")
    package = {
        "profile": "tabular-data-package",
        "name": f"job-quality-playbook-{edition.id}",
        "title": edition.title,
        "description": (
            f"{edition.description} The items of this edition as data: each table as CSV "
            "and as JSON. Text fields are Markdown."
        ).strip(),
        "licenses": [LICENSE],
        "sources": [{"title": cited[url], "path": url} for url in sorted(cited)],
        "resources": resources,
    }
    files[f"{DATA_DIR}/datapackage.json"] = _json(package)
    return files
