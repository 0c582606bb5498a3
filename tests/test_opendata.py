"""Open data per edition: every package validates with frictionless, holds exactly the
items the edition shows, and reads back with Python's csv module."""

from __future__ import annotations

import csv
import io
import json
import typing
from pathlib import Path

import frictionless
import pytest

from playbook_builder.content.benchmarks import Benchmark
from playbook_builder.content.models import (
    WIOA_INDICATORS,
    CaseStudy,
    Checklist,
    Cluster,
    Metric,
    Practice,
    WioaIndicator,
)
from playbook_builder.project import open_project
from playbook_builder.render.edition import render_edition
from playbook_builder.select import select_for_edition

from .conftest import MINI, REPO

PROJECTS = {"mini": MINI, "bundled": REPO}
EDITIONS = ("employers", "jobseekers", "agencies")


def write_package(files: dict[str, bytes], folder: Path) -> Path:
    for path, data in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder / "data" / "datapackage.json"


def expected_rows(project_root: Path, edition_id: str, drafts: bool) -> dict[str, set[str]]:
    """Ids of what the edition shows, per table, worked out from the content directly."""
    project = open_project(project_root)
    shown = select_for_edition(project.content, project.edition(edition_id), drafts=drafts)
    rows = {
        "metrics": {m.id for m in shown.of(Metric)},
        "practices": {p.id for p in shown.of(Practice)},
        "case-studies": {c.id for c in shown.of(CaseStudy)},
        "case-study-results": {
            f"{c.id}/{n}" for c in shown.of(CaseStudy) for n in range(1, len(c.results) + 1)
        },
        "checklists": {f"{c.id}/{i.id}" for c in shown.of(Checklist) for i in c.all_items()},
        "clusters": {c.id for c in shown.of(Cluster)},
        "benchmarks": {f"{b.id}/{v.group}" for b in shown.of(Benchmark) for v in b.values},
    }
    return {name: ids for name, ids in rows.items() if ids}


def row_key(table: str, row: dict[str, typing.Any]) -> str:
    if table == "case-study-results":
        return f"{row['case_study']}/{row['number']}"
    if table == "checklists":
        return f"{row['checklist']}/{row['item']}"
    if table == "benchmarks":
        return f"{row['id']}/{row['group']}"
    return str(row["id"])


@pytest.mark.parametrize("drafts", [False, True], ids=["published", "drafts"])
@pytest.mark.parametrize("edition_id", EDITIONS)
@pytest.mark.parametrize("project_name", PROJECTS)
def test_package_validates_and_holds_what_the_edition_shows(
    project_name: str, edition_id: str, drafts: bool, tmp_path: Path
) -> None:
    root = PROJECTS[project_name]
    project = open_project(root)
    rendered = render_edition(
        project.content_for(project.edition(edition_id)), project.edition(edition_id), drafts=drafts
    )
    package_path = write_package(rendered.files, tmp_path)

    report = frictionless.validate(str(package_path))
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])

    package = json.loads(package_path.read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    resources = {r["name"]: r for r in package["resources"]}
    task_rows = {task.name: task.stats["rows"] for task in report.tasks}
    expected = expected_rows(root, edition_id, drafts)
    tables = {name.removesuffix("-csv") for name in resources if name.endswith("-csv")}
    assert expected.keys() <= tables

    for table in sorted(tables):
        for fmt in ("csv", "json"):
            resource = resources[f"{table}-{fmt}"]
            assert resource["path"] == f"{table}.{fmt}"
            for field in resource["schema"]["fields"]:
                assert field["type"] and field["description"], (table, field["name"])

        # CSV: Python's csv module reads it back, header = schema, one row per item.
        raw = (package_path.parent / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
        with io.StringIO(raw.decode("utf-8-sig"), newline="") as handle:
            reader = csv.DictReader(handle)
            csv_rows = list(reader)
            header = reader.fieldnames
        assert header == [f["name"] for f in resources[f"{table}-csv"]["schema"]["fields"]]
        json_rows = json.loads((package_path.parent / f"{table}.json").read_text("utf-8"))
        assert task_rows[f"{table}-csv"] == len(csv_rows) == len(json_rows)

        if table in expected:
            keys = [row_key(table, row) for row in csv_rows]
            assert len(keys) == len(set(keys)), f"{table}: a row twice"
            assert set(keys) == expected[table], table
            assert [row_key(table, row) for row in json_rows] == keys
        if "status" in header:
            statuses = {row["status"] for row in csv_rows}
            assert statuses <= ({"published", "draft"} if drafts else {"published"})


def test_drafts_are_data_only_in_draft_builds() -> None:
    project = open_project(MINI)
    employers = project.edition("employers")
    published = render_edition(project.content_for(employers), employers).files
    assert all(b"draft-practice" not in data for data in published.values())
    with_drafts = render_edition(project.content_for(employers), employers, drafts=True).files
    rows = json.loads(with_drafts["data/practices.json"])
    assert {r["id"]: r["status"] for r in rows}["draft-practice"] == "draft"


def test_links_and_ids_outside_the_edition_are_left_out() -> None:
    project = open_project(MINI)
    files = render_edition(
        project.content_for(project.edition("employers")), project.edition("employers")
    ).files
    practice = json.loads(files["data/practices.json"])[0]
    # regular-pay-review names an agency-only case study (in a ref link and in
    # case_studies) and an agency-only metric.
    assert practice["id"] == "regular-pay-review"
    assert (
        practice["evidence"] == "Open pay ranges help workers judge fairness. See the county story."
    )
    assert practice["case_studies"] == ["acme-clinic"]
    assert practice["metrics"] == []
    agencies = render_edition(
        project.content_for(project.edition("agencies")), project.edition("agencies")
    ).files
    practice = json.loads(agencies["data/practices.json"])[0]
    assert practice["case_studies"] == ["acme-clinic", "county-board"]
    assert practice["metrics"] == ["union-membership-rate"]
    assert practice["page"] == "practices/regular-pay-review/"


def test_case_study_results_are_nested_in_json_and_a_table_in_csv() -> None:
    project = open_project(MINI)
    files = render_edition(
        project.content_for(project.edition("agencies")), project.edition("agencies")
    ).files
    case = next(c for c in json.loads(files["data/case-studies.json"]) if c["id"] == "county-board")
    assert case["results"] == [
        {
            "number": 1,
            "description": "The board met regularly.",
            "metric": "union-membership-rate",
            "before": 0.0,
            "after": 12.0,
            "unit": "meetings",
            "source": "https://example.org/board",
        }
    ]
    rows = list(
        csv.DictReader(io.StringIO(files["data/case-study-results.csv"].decode("utf-8-sig")))
    )
    county = [r for r in rows if r["case_study"] == "county-board"]
    assert [(r["before"], r["after"], r["unit"]) for r in county] == [("0", "12", "meetings")]
    assert "results" not in files["data/case-studies.csv"].decode("utf-8-sig").splitlines()[0]


def test_output_is_deterministic() -> None:
    project = open_project(REPO)
    agencies = project.edition("agencies")
    first = render_edition(project.content_for(agencies), agencies).files
    again = render_edition(open_project(REPO).content, agencies).files
    assert first == again
    ids = [m["id"] for m in json.loads(first["data/metrics.json"])]
    assert ids == sorted(ids)


def test_wioa_indicator_names_cover_the_enum() -> None:
    assert set(typing.get_args(WioaIndicator)) == set(WIOA_INDICATORS)
    assert len(WIOA_INDICATORS) == 6
