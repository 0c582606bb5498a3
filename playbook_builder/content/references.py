"""Checks between items: every id a file names must exist and be of the right kind.

They run only on items that loaded; a reference to a file that failed to load is not
reported again (the file's own problem says enough).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from playbook_builder.content.benchmarks import Benchmark
from playbook_builder.content.messages import did_you_mean
from playbook_builder.content.models import (
    CaseStudy,
    Checklist,
    Cluster,
    ContentItem,
    Framework,
    Metric,
    Practice,
)
from playbook_builder.content.place import Jurisdiction, Locality
from playbook_builder.content.problems import Problem
from playbook_builder.content.yaml_source import Loc, format_key_path, iter_text_fields

if TYPE_CHECKING:
    from playbook_builder.content.collection import Content

REF_LINK = re.compile(r"\]\(ref:([a-z0-9-]+)(#[A-Za-z0-9_-]+)?\)")


def check_references(content: Content) -> list[Problem]:
    problems: list[Problem] = []

    def report(
        item: ContentItem, loc: Loc, message: str, at: tuple[int, int] | None = None
    ) -> None:
        parsed = content.parsed[item.id]
        line, column = at or parsed.position(loc)
        problems.append(Problem(parsed.rel_path, line, column, format_key_path(loc), message))

    def expect(item: ContentItem, loc: Loc, ref: str, kind: type[ContentItem]) -> None:
        target = content.get(ref)
        if isinstance(target, kind) or (target is None and ref in content.broken):
            return
        if target is None:
            known = [i.id for i in content.of(kind)]
            report(item, loc, f"no {kind.KIND} has the id '{ref}'{did_you_mean(ref, known)}")
        else:
            report(item, loc, f"'{ref}' is a {target.KIND}, not a {kind.KIND}")

    for item in list(content.items.values()):
        if isinstance(item, Practice):
            for i, ref in enumerate(item.clusters):
                expect(item, ["clusters", i], ref, Cluster)
            for i, ref in enumerate(item.metrics):
                expect(item, ["metrics", i], ref, Metric)
            for i, ref in enumerate(item.case_studies):
                expect(item, ["case_studies", i], ref, CaseStudy)
            if item.cost_range and item.cost_range.source > len(item.sources):
                report(
                    item,
                    ["cost_range", "source"],
                    f"source {item.cost_range.source} does not exist; the practice lists {len(item.sources)}",
                )
        elif isinstance(item, CaseStudy):
            for i, ref in enumerate(item.clusters):
                expect(item, ["clusters", i], ref, Cluster)
            for i, ref in enumerate(item.practices):
                expect(item, ["practices", i], ref, Practice)
            if not item.sources and not item.illustrative:
                report(
                    item,
                    ["sources"] if "sources" in content.parsed[item.id].data else [],
                    "a case study needs sources, or `illustrative: true` if it is a composite",
                )
            for i, result in enumerate(item.results):
                if result.metric:
                    expect(item, ["results", i, "metric"], result.metric, Metric)
                if result.source and result.source > len(item.sources):
                    report(
                        item,
                        ["results", i, "source"],
                        f"source {result.source} does not exist; the case study lists {len(item.sources)}",
                    )
        elif isinstance(item, Metric):
            expect(item, ["cluster"], item.cluster, Cluster)
            if (item.numerator is None) != (item.denominator is None):
                present = "numerator" if item.numerator is not None else "denominator"
                missing = "denominator" if present == "numerator" else "numerator"
                report(item, [present], f"a rate needs both: give `{missing}` as well")
        elif isinstance(item, Cluster):
            _check_cluster(content, item, report)
        elif isinstance(item, Benchmark):
            _check_benchmark(content, item, report, expect)
        elif isinstance(item, Checklist):
            _check_checklist(content, item, report, expect)
        elif isinstance(item, Jurisdiction):
            from playbook_builder.content.jurisdictions import check_jurisdiction

            problems.extend(check_jurisdiction(content, item))
        elif isinstance(item, Locality):
            from playbook_builder.content.jurisdictions import check_locality

            problems.extend(check_locality(content, item))
        _check_ref_links(content, item, report)
    return problems


def _check_cluster(content: Content, item: Cluster, report: Any) -> None:
    for audience in item.audiences:
        if audience not in item.summary:
            report(
                item,
                ["summary"],
                f"a summary for '{audience}' is needed: the cluster is shown to them",
            )
    for framework_id, names in item.crosswalk.items():
        framework = content.get(framework_id)
        if framework is None and framework_id in content.broken:
            continue
        if not isinstance(framework, Framework):
            known = [f.id for f in content.of(Framework)]
            report(
                item,
                ["crosswalk", framework_id],
                f"no framework has the id '{framework_id}'{did_you_mean(framework_id, known)}",
            )
            continue
        elements = [e.name for e in framework.elements]
        for i, name in enumerate(names):
            if name not in elements:
                report(
                    item,
                    ["crosswalk", framework_id, i],
                    f"'{name}' is not an element of {framework_id}{did_you_mean(name, elements)}",
                )


def _check_benchmark(content: Content, item: Benchmark, report: Any, expect: Any) -> None:
    if not item.sources:
        loc = ["sources"] if "sources" in content.parsed[item.id].data else []
        report(item, loc, "a benchmark is a statistic: it needs a source")
    groups = [v.group for v in item.values]
    for i, group in enumerate(groups):
        if groups.index(group) != i:
            report(item, ["values", i, "group"], f"group '{group}' is given twice")
    if "all" not in groups:
        report(item, ["values"], "give the figure for all workers (group: all) as well")
    items = {
        entry.id: checklist
        for checklist in content.of(Checklist)
        for entry in checklist.all_items()
    }
    for i, ref in enumerate(item.checklist_items):
        if ref not in items:
            report(
                item,
                ["checklist_items", i],
                f"no checklist has an item with the id '{ref}'{did_you_mean(ref, sorted(items))}",
            )
    for i, ref in enumerate(item.metrics):
        expect(item, ["metrics", i], ref, Metric)


def _check_checklist(content: Content, item: Checklist, report: Any, expect: Any) -> None:
    values = [o.value for o in item.scale]
    for i, value in enumerate(values):
        if values.index(value) != i:
            report(item, ["scale", i, "value"], f"answer value '{value}' is used twice")
    if not any(o.points is not None for o in item.scale):
        report(item, ["scale"], "at least one answer must carry points")
    seen: set[str] = set()
    for s, section in enumerate(item.sections):
        if section.cluster:
            expect(item, ["sections", s, "cluster"], section.cluster, Cluster)
        elif not section.title:
            report(item, ["sections", s], "a section needs a cluster or a title")
        for n, entry in enumerate(section.items):
            if entry.id in seen:
                report(
                    item, ["sections", s, "items", n, "id"], f"item id '{entry.id}' is used twice"
                )
            seen.add(entry.id)
            for p, ref in enumerate(entry.practices):
                expect(item, ["sections", s, "items", n, "practices", p], ref, Practice)
    if item.pairs_with and item.pairs_with not in content.broken:
        other = content.get(item.pairs_with)
        if not isinstance(other, Checklist):
            expect(item, ["pairs_with"], item.pairs_with, Checklist)
            return
        theirs = {i.id for i in other.all_items()}
        for s, section in enumerate(item.sections):
            for n, entry in enumerate(section.items):
                if entry.id not in theirs:
                    report(
                        item,
                        ["sections", s, "items", n, "id"],
                        f"item '{entry.id}' is not in {other.id}; paired checklists share item ids"
                        f"{did_you_mean(entry.id, sorted(theirs))}",
                    )


def _check_ref_links(content: Content, item: ContentItem, report: Any) -> None:
    parsed = content.parsed[item.id]
    for loc, text in iter_text_fields(parsed.data):
        for match in REF_LINK.finditer(text):
            target = match.group(1)
            if target in content.items or target in content.broken:
                continue
            message = (
                f"link to 'ref:{target}' points at no item"
                f"{did_you_mean(target, sorted(content.items))}"
            )
            if loc == ("body",) and parsed.body_line:
                # A page body is Markdown, not YAML: count lines to the link itself.
                before = text[: match.start()]
                line = parsed.body_line + before.count("\n")
                column = match.start() - (before.rfind("\n") + 1) + 1
                report(item, loc, message, at=(line, column))
            else:
                report(item, loc, message)
