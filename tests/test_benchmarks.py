"""Benchmarks beside the self-assessment, and progress between two assessments: the rules
(Python side; tests/js/benchmarks.test.mjs holds the page to the same results), the saved
file's size, industry and date, and what the built editions show."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.checklists.answers_file import read_answers_file
from playbook_builder.checklists.benchmarks import benchmark_findings, size_group
from playbook_builder.checklists.progress import progress
from playbook_builder.content.benchmarks import INDUSTRY_CHOICES, INDUSTRY_GROUPS, Benchmark
from playbook_builder.content.models import Checklist
from playbook_builder.project import open_project

from .conftest import REPO
from .helpers import definition_for


@pytest.fixture(scope="module")
def assessment() -> dict[str, Any]:
    return definition_for("employers", "employer-self-assessment", REPO)


def rows_by_benchmark(findings: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["benchmark"]: row for section in findings for row in section["rows"]}


def test_bundled_benchmarks_cover_six_items_with_sources_and_periods() -> None:
    project = open_project(REPO)
    benchmarks = project.content.of(Benchmark)
    items = {i for b in benchmarks for i in b.checklist_items}
    assert len(items) >= 6
    self_assessment = project.content.get("employer-self-assessment")
    assert isinstance(self_assessment, Checklist)
    assert items <= {i.id for i in self_assessment.all_items()}
    for b in benchmarks:
        assert b.sources and b.period and b.value_for("all") is not None, b.id
        host = str(b.sources[0].url).split("/")[2]
        assert host in {"www.bls.gov", "meps.ahrq.gov"}, b.id
    # Size and industry change the figures for at least one item.
    assert any(
        any(v.group.startswith(("firm-", "size-")) for v in b.values)
        and any(v.group.startswith(("industry-", "meps-")) for v in b.values)
        for b in benchmarks
    )


def test_every_industry_choice_names_known_groups() -> None:
    for label, groups in INDUSTRY_CHOICES.values():
        assert label and groups and set(groups) <= set(INDUSTRY_GROUPS)


def test_an_answer_below_what_most_offer_falls_behind(assessment: dict[str, Any]) -> None:
    rows = rows_by_benchmark(benchmark_findings(assessment, {"leave-paid-sick": "not-yet"}))
    sick = rows["ncs-paid-sick-leave-access"]
    assert sick["status"] == "behind"  # 79% of workers have it; "Not yet"
    assert sick["figures"] == [{"group": "all", "value": 79}]
    started = benchmark_findings(assessment, {"leave-paid-sick": "started"})
    assert rows_by_benchmark(started)["ncs-paid-sick-leave-access"]["status"] == "behind"
    mostly = benchmark_findings(assessment, {"leave-paid-sick": "mostly"})
    assert rows_by_benchmark(mostly)["ncs-paid-sick-leave-access"]["status"] == "level"
    unsure = benchmark_findings(assessment, {"leave-paid-sick": "not-sure"})
    assert rows_by_benchmark(unsure)["ncs-paid-sick-leave-access"]["status"] == "unanswered"


def test_size_and_industry_pick_the_figures_and_the_reference(assessment: dict[str, Any]) -> None:
    answers = {"benefits-health-offered": "fully", "benefits-retirement-plan": "not-yet"}
    national = rows_by_benchmark(benchmark_findings(assessment, answers))
    small = rows_by_benchmark(benchmark_findings(assessment, answers, 8, "retail"))
    offer = small["meps-workplaces-offering-health"]
    # 22.3% of workplaces at firms under 10 offer it: fewer than half, and this one does.
    assert offer["figures"] == [
        {"group": "firm-1-9", "value": 22.3},
        {"group": "meps-retail", "value": 57.6},
        {"group": "all", "value": 51.1},
    ]
    assert offer["status"] == "ahead"
    assert national["meps-workplaces-offering-health"]["status"] == "level"  # 51.1% offer it
    retirement = small["ncs-retirement-access"]
    assert retirement["figures"][0] == {"group": "size-1-99", "value": 59}
    assert retirement["status"] == "behind"
    # A premium share is context, never a verdict.
    premium = {"benefits-health-affordable": "not-yet"}
    context = rows_by_benchmark(benchmark_findings(assessment, premium, 8))
    assert context["meps-employee-premium-share"]["status"] == "context"


def test_size_group_prefers_the_narrowest_range(assessment: dict[str, Any]) -> None:
    sizes = assessment["benchmarks"]["sizes"]
    values = assessment["benchmarks"]["benchmarks"]["meps-workplaces-offering-health"]["values"]
    assert [size_group(sizes, values, n) for n in (1, 9, 10, 30, 60, 100, 999, 1000)] == [
        "firm-1-9",
        "firm-1-9",
        "firm-10-24",
        "firm-1-49",
        "firm-25-99",
        "firm-100-999",
        "firm-100-999",
        "firm-1000-plus",
    ]


def test_progress_shows_the_change_per_section_and_what_improved(
    assessment: dict[str, Any],
) -> None:
    earlier = {"leave-paid-sick": "not-yet", "leave-paid-family": "started"}
    now = {
        "leave-paid-sick": "fully",
        "leave-paid-family": "started",
        "benefits-explained": "mostly",
    }
    result = progress(assessment, earlier, now)
    leave = next(s for s in result["sections"] if s["key"] == "scheduling-and-leave")
    # sick (weight 3): 0 -> 3 points; family (weight 2): 1 point both times; of 15 at most.
    # Earlier (0 + 2) / 15 = 13.3; now (9 + 2) / 15 = 73.3.
    assert leave["earlier"] == 13.3 and leave["now"] == 73.3 and leave["change"] == 60.0
    assert leave["improved"] == ["leave-paid-sick"] and leave["fell"] == []
    benefits = next(s for s in result["sections"] if s["key"] == "benefits")
    assert benefits["earlier"] is None and benefits["change"] is None
    assert result["overall"]["earlier"] == 13.3
    assert result["overall"]["change"] == round(result["overall"]["now"] - 13.3, 1)


def test_saved_files_keep_size_industry_and_date(assessment: dict[str, Any]) -> None:
    doc = {
        "format": 2,
        "checklist": "employer-self-assessment",
        "version": assessment["version"],
        "answers": {"leave-paid-sick": "fully"},
        "peers": {"workers": 40, "industry": "retail"},
        "saved": "2026-03-01T09:30:00.000Z",
    }
    saved = read_answers_file(json.dumps(doc), assessment)
    assert (saved.workers, saved.industry, saved.saved) == (40, "retail", "2026-03-01")
    doc["peers"] = {"workers": -3, "industry": "mining"}
    doc["saved"] = "2026-02-30T00:00:00Z"
    saved = read_answers_file(json.dumps(doc), assessment)
    assert (saved.workers, saved.industry, saved.saved) == (None, None, None)
    assert saved.ignored_details == 2
    # Older files without them still load (tests/answers_cases/history covers each version).
    del doc["peers"], doc["saved"]
    assert read_answers_file(json.dumps(doc), assessment).answer_sets[0][1] == {
        "leave-paid-sick": "fully"
    }


def test_editions_show_benchmarks_only_where_marked(bundled_site: Path) -> None:
    form = (bundled_site / "employers/checklists/employer-self-assessment/index.html").read_text()
    assert form.count('class="pb-benchmark"') >= 6
    assert "79% of private industry workers have paid sick leave." in form
    assert 'id="pb-peers"' in form and 'id="pb-earlier"' in form
    index = (bundled_site / "employers/benchmarks/index.html").read_text()
    assert "at firms with fewer than 10 employees" in index and "meps.ahrq.gov" in index
    metric = (bundled_site / "agencies/metrics/paid-sick-leave-access/index.html").read_text()
    assert "Benchmarks from public data" in metric and "79%" in metric
    for edition in ("jobseekers", "jobseekers-es", "jobseekers-co"):
        assert not (bundled_site / edition / "benchmarks").exists()
        assert not (bundled_site / edition / "data/benchmarks.csv").exists()
    package = json.loads((bundled_site / "agencies/data/datapackage.json").read_text())
    assert {"benchmarks-csv", "benchmarks-json"} <= {r["name"] for r in package["resources"]}
