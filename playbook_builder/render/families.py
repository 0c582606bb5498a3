"""One builder per page family: each takes the edition's view and adds its pages.

A new kind of page is one more function here and one more entry in ``FAMILIES``; the
entry point (``edition.render_edition``) is a loop over them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playbook_builder.checklists.benchmarks import benchmark_json
from playbook_builder.checklists.scoring import checklist_definition, text_parts
from playbook_builder.content.benchmarks import Benchmark
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
from playbook_builder.content.place import Jurisdiction
from playbook_builder.editions import Edition
from playbook_builder.render.benchmarks import figure_sentence, group_rows
from playbook_builder.render.pages import Linker, page_path
from playbook_builder.render.places import state_box, state_links, state_pages, state_view
from playbook_builder.render.translate import script_strings_json
from playbook_builder.render.view import EditionView


def home_page(view: EditionView) -> None:
    shown = view.shown
    view.add(
        "index.md",
        "home.md.j2",
        view.edition.title,
        None,
        other_editions=_other_editions(view.edition),
        clusters=shown.of(Cluster),
        checklists=shown.of(Checklist),
        pages=shown.of(Page),
        practices=shown.of(Practice),
        cases=shown.of(CaseStudy),
        metrics=shown.of(Metric),
        frameworks=shown.of(Framework),
    )


def cluster_pages(view: EditionView) -> None:
    shown = view.shown
    practices, cases, metrics = shown.of(Practice), shown.of(CaseStudy), shown.of(Metric)
    frameworks = {f.id: f for f in shown.of(Framework)}
    for cluster in shown.of(Cluster):
        view.add(
            page_path(cluster),
            "cluster.md.j2",
            cluster.title,
            shown.files[cluster.id],
            item=cluster,
            audience=view.edition.audiences[0],
            practices=[p for p in practices if cluster.id in p.clusters],
            cases=[c for c in cases if cluster.id in c.clusters],
            metrics=[m for m in metrics if m.cluster == cluster.id],
            frameworks=frameworks,
        )


def practice_pages(view: EditionView) -> None:
    shown = view.shown
    cases_citing: dict[str, list[CaseStudy]] = {}
    for case in shown.of(CaseStudy):
        for pid in case.practices:
            cases_citing.setdefault(pid, []).append(case)
    for practice in shown.of(Practice):
        # Case studies that cite the practice and that it does not list itself.
        cited_by = [
            c for c in cases_citing.get(practice.id, []) if c.id not in practice.case_studies
        ]
        view.add(
            page_path(practice),
            "practice.md.j2",
            practice.title,
            shown.files[practice.id],
            item=practice,
            clusters=view.clusters_by_id,
            cited_by=cited_by,
            memo=(practice, *cited_by),
        )


def case_study_pages(view: EditionView) -> None:
    for case in view.shown.of(CaseStudy):
        view.add(
            page_path(case),
            "case_study.md.j2",
            case.title,
            view.shown.files[case.id],
            memo=(case,),
            item=case,
            clusters=view.clusters_by_id,
        )


def checklist_pages(view: EditionView) -> None:
    shown, edition = view.shown, view.edition
    places = state_view(shown.of(Jurisdiction), edition)
    for checklist in shown.of(Checklist):
        path = page_path(checklist)
        linker = Linker(shown, path, edition.directory_urls)
        definition = checklist_definition(checklist, shown, edition, linker=linker)
        view.add(
            path,
            "checklist.md.j2",
            checklist.title,
            shown.files[checklist.id],
            item=checklist,
            clusters=view.clusters_by_id,
            definition=definition,
            form=view.env.get_template("checklist_form.html.j2").render(
                item=checklist,
                definition=definition,
                edition=edition,
                parts=lambda text, linker=linker: text_parts(text, linker),
                figure_sentence=figure_sentence,
                strings=script_strings_json(view.translator),
                states=state_links(places, path, edition.directory_urls),
                **places,
            ),
        )


def metric_pages(view: EditionView) -> None:
    benchmarks = view.shown.of(Benchmark)
    for metric in view.shown.of(Metric):
        related = [benchmark_json(b) for b in benchmarks if metric.id in b.metrics]
        view.add(
            page_path(metric),
            "metric.md.j2",
            metric.title,
            view.shown.files[metric.id],
            memo=(metric, *(b for b in benchmarks if metric.id in b.metrics)),
            item=metric,
            benchmarks=related,
            figure_sentence=figure_sentence,
            clusters=view.clusters_by_id,
            wioa_indicators=WIOA_INDICATORS,
            wioa_source=WIOA_INDICATORS_SOURCE,
        )


def guide_pages(view: EditionView) -> None:
    shown, edition = view.shown, view.edition
    places = state_view(shown.of(Jurisdiction), edition)
    for page in shown.of(Page):
        path = page_path(page)
        box = state_box(places, view.offer_checklist, edition, path) if page.state_chooser else None
        if box and not box["pinned"]:
            # The chooser's words in the page's language, as a checklist page carries them.
            box["strings"] = script_strings_json(view.translator)
        view.add(
            path,
            "page.md.j2",
            page.title,
            shown.files[page.id],
            # The state box depends on more than the page: no reuse from the last render.
            memo=None if box else (page,),
            item=page,
            state_box=box,
        )


# The indexes of the kinds that have no navigation entry per item: (kind, path, template,
# title, the name the template knows the items by).
INDEXES: tuple[tuple[type[ContentItem], str, str, str, str], ...] = (
    (Practice, "practices/index.md", "practices_index.md.j2", "Practices", "practices"),
    (CaseStudy, "case-studies/index.md", "case_studies_index.md.j2", "Case studies", "cases"),
    (Metric, "metrics/index.md", "metrics.md.j2", "Metrics catalogue", "metrics"),
    (Framework, "frameworks/index.md", "crosswalk.md.j2", "Framework crosswalk", "frameworks"),
    (Benchmark, "benchmarks/index.md", "benchmarks.md.j2", "Benchmarks", "benchmarks"),
)


def index_pages(view: EditionView) -> None:
    clusters = view.shown.of(Cluster)
    for kind, path, template, title, name in INDEXES:
        if items := view.shown.of(kind):
            context: dict[str, Any] = {name: items, "clusters": clusters}
            if kind is Metric:
                context["wioa_indicators"] = WIOA_INDICATORS
            if kind is Benchmark:
                context.update(_benchmark_context(view, items))
            view.add(path, template, title, None, **context)


def _benchmark_context(view: EditionView, items: list[Any]) -> dict[str, Any]:
    """The benchmarks as the page script sees them, and the questions each is shown beside
    (in the checklists this edition shows)."""
    question = {e.id: e.question for c in view.shown.of(Checklist) for e in c.all_items()}
    return {
        "benchmarks": [benchmark_json(b) for b in items],
        "questions": {
            b.id: [question[i] for i in b.checklist_items if i in question] for b in items
        },
        "tables": {b.id: b.table for b in items},
        "figure_sentence": figure_sentence,
        "group_rows": group_rows,
    }


def _other_editions(edition: Edition) -> list[Edition]:
    """The project's other editions, for the home page's "Other guides" (each edition
    is built into a folder named after its id, beside the others)."""
    from playbook_builder.editions import discover_editions

    root = edition.config_file.parent
    if not root.is_dir():
        return []
    return [e for e in discover_editions(root) if e.id != edition.id]


# In the order the pages were always built (the order of a page's memo entries and of
# the pages in the rendered edition).
FAMILIES: tuple[Callable[[EditionView], None], ...] = (
    home_page,
    cluster_pages,
    practice_pages,
    case_study_pages,
    checklist_pages,
    metric_pages,
    guide_pages,
    index_pages,
    state_pages,
)
