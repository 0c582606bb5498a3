"""The playbook that ships: counts, coverage, sourcing and plain language."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from playbook_builder.authoring.readability import grade, plain_text, reading_grade_problems
from playbook_builder.content.models import (
    CaseStudy,
    Checklist,
    Cluster,
    Framework,
    Metric,
    Page,
    Practice,
)
from playbook_builder.project import Project, open_project

from .conftest import REPO, edition_ids

CLUSTERS = {
    "worker-voice",
    "job-security",
    "pay-equity",
    "scheduling-and-leave",
    "benefits",
    "working-conditions",
    "advancement",
}


@pytest.fixture(scope="module")
def project() -> Project:
    return open_project(REPO, checks=(reading_grade_problems,))


def test_no_problems_at_all(project: Project) -> None:
    assert [p.format() for p in project.problems] == []


def test_seven_clusters_worded_for_each_audience(project: Project) -> None:
    clusters = project.content.of(Cluster)
    assert {c.id for c in clusters} == CLUSTERS
    assert [c.number for c in clusters] == list(range(1, 8))
    for cluster in clusters:
        assert set(cluster.summary) == {"employers", "jobseekers", "agencies"}
        assert cluster.sources, cluster.id


def test_crosswalk_frameworks(project: Project) -> None:
    frameworks = {f.id for f in project.content.of(Framework)}
    assert {
        "good-jobs-principles",
        "rfa-principles",
        "colorado-framework",
        "san-diego-framework",
        "national-fund-job-design",
        "good-jobs-institute",
        "cipd-good-work",
        "scotland-fair-work",
        "american-job-quality-study",
    } <= frameworks
    gaps = " ".join((f.gaps or "") for f in project.content.of(Framework)).lower()
    assert "recruitment" in gaps and "culture" in gaps


def test_practices_per_cluster_and_first_steps(project: Project) -> None:
    practices = project.content.of(Practice)
    assert len(practices) >= 24
    per_cluster = Counter(c for p in practices for c in p.clusters)
    assert all(per_cluster[c] >= 3 for c in CLUSTERS), per_cluster
    assert sum(p.first_step and "small" in p.employer_size for p in practices) >= 6


def test_case_studies(project: Project) -> None:
    cases = project.content.of(CaseStudy)
    assert len(cases) >= 12
    real = [c for c in cases if not c.illustrative]
    assert len(real) >= 8
    assert all(c.sources for c in real)
    assert all("illustrative" in c.organization.lower() for c in cases if c.illustrative)


def test_checklists(project: Project) -> None:
    by_kind = {c.kind: c for c in project.content.of(Checklist)}
    employer, pulse = by_kind["self-assessment"], by_kind["worker-pulse"]
    offer, readiness = by_kind["offer-evaluation"], by_kind["readiness"]
    assert len(employer.all_items()) >= 35
    assert {s.cluster for s in employer.sections} == CLUSTERS
    assert all(i.practices for i in employer.all_items())
    assert any(o.points for o in employer.scale)
    assert pulse.pairs_with == employer.id and len(pulse.all_items()) >= 20
    assert {i.id for i in pulse.all_items()} <= {i.id for i in employer.all_items()}
    assert {s.cluster for s in pulse.sections} == CLUSTERS
    assert len(offer.all_items()) >= 25
    assert offer.audiences == ["jobseekers"]
    assert all(i.ask and i.verify and i.red_flag for i in offer.all_items())
    assert sum(bool(i.legal_floor) for i in offer.all_items()) >= 5
    assert len(readiness.all_items()) >= 20


def test_metrics(project: Project) -> None:
    metrics = project.content.of(Metric)
    assert len(metrics) >= 28
    per_cluster = Counter(m.cluster for m in metrics)
    assert all(per_cluster[c] >= 4 for c in CLUSTERS), per_cluster
    assert {r for m in metrics for r in m.reported_by} == {"employer", "worker", "administrative"}


def test_pages_for_each_audience(project: Project) -> None:
    pages = {p.id: p for p in project.content.of(Page)}
    for page_id, audience in [
        ("business-case", "employers"),
        ("getting-started", "employers"),
        ("small-employers", "employers"),
        ("how-to-use-the-checklist", "jobseekers"),
        ("know-your-rights", "jobseekers"),
        ("interview-questions", "jobseekers"),
        ("defining-job-quality", "agencies"),
        ("measuring-job-quality", "agencies"),
        ("wioa-and-job-quality", "agencies"),
        ("procurement-and-grants", "agencies"),
        ("roles-of-government", "agencies"),
        ("convening-questions", "agencies"),
    ]:
        assert audience in pages[page_id].audiences, page_id


def test_jobseeker_text_reads_at_grade_eight(project: Project) -> None:
    assert reading_grade_problems(project.content, project.editions) == []
    offer = next(c for c in project.content.of(Checklist) if c.kind == "offer-evaluation")
    text = " ".join(i.question + " " + (i.help or "") for i in offer.all_items())
    assert grade(plain_text(text)) <= 8.0


def test_bundled_site_builds_strictly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from playbook_builder.cli import main

    assert (
        main(["build", "--root", str(REPO), "--strict", "--site-dir", str(tmp_path / "site")]) == 0
    )
    capsys.readouterr()
    site = tmp_path / "site"
    assert (site / "index.html").is_file()
    for edition in edition_ids(REPO):
        assert (site / edition / "index.html").is_file()
    assert (site / "jobseekers/checklists/offer-evaluation/index.html").is_file()
    assert not (site / "jobseekers/practices").exists()
    assert (
        not (site / "employers/metrics").exists()
        or (site / "employers/metrics/index.html").is_file()
    )
