"""Every kind of bad input gives one exact report: file:line:column: key: message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from playbook_builder.cli import main

GOOD_PRACTICE = (
    Path(__file__).parent / "fixtures/mini/content/practices/regular-pay-review.yml"
).read_text()

GOOD_METRIC = (
    Path(__file__).parent / "fixtures/mini/content/metrics/union-membership-rate.yml"
).read_text()

# The fields of a benchmark before its references and figures (the cases add those).
BENCHMARK_HEAD = (
    "id: bad-benchmark\n"
    "title: Paid sick leave\n"
    "audiences: [employers]\n"
    "status: published\n"
    "measure: access\n"
    "benefit: paid sick leave\n"
    "population: private industry workers\n"
    "period: March 2025\n"
)

JOBSEEKERS_EDITION = (Path(__file__).parent / "fixtures/mini/mkdocs.jobseekers.yml").read_text()

CASES: dict[str, dict[str, str]] = {
    "value-starts-with-link": {
        "content/practices/regular-pay-review.yml": GOOD_PRACTICE.replace(
            "steps:\n", "steps:\n  - [Read the guide](https://www.dol.gov/) before you start.\n", 1
        )
    },
    "value-starts-with-ampersand": {
        "content/practices/regular-pay-review.yml": GOOD_PRACTICE.replace(
            "effort: medium", "effort: medium\ncost_note: &more than you think"
        )
    },
    "edition-plugins-as-list": {
        "mkdocs.jobseekers.yml": JOBSEEKERS_EDITION.replace(
            "plugins:\n  playbook:\n", "plugins:\n  - search\n  - playbook:\n"
        ).replace("\n    ", "\n      ")
    },
    "edition-unknown-plugin-option": {
        "mkdocs.jobseekers.yml": JOBSEEKERS_EDITION.replace(
            "reading_grade: 8", "reading_grad: 8"
        ).replace("order: 2", "order: 2\n    theme_colour: red")
    },
    "benchmark-problems": {
        "content/benchmarks/bad-benchmark.yml": BENCHMARK_HEAD
        + (
            "checklist_items: [voice-channel]\n"
            "values:\n"
            "  - {group: all, value: 59}\n"
            "  - {group: size-1-90, value: 12}\n"
            "  - {group: size-500-plus, value: 140}\n"
        )
    },
    "benchmark-references": {
        "content/benchmarks/bad-benchmark.yml": BENCHMARK_HEAD
        + (
            "checklist_items: [voice-chanel]\n"
            "metrics: [union-membership]\n"
            "values:\n"
            "  - {group: size-1-99, value: 59}\n"
            "  - {group: size-1-99, value: 60}\n"
        )
    },
    "yaml-syntax": {"case_studies/bad.yml": "id: bad\ntitle: [unclosed\nstatus: draft\n"},
    "wrong-indentation": {
        "content/practices/regular-pay-review.yml": GOOD_PRACTICE.replace(
            "effort: medium", "  effort: medium"
        )
    },
    "duplicate-key": {"case_studies/bad.yml": "id: bad\ntitle: One\ntitle: Two\n"},
    "tab-indentation": {"case_studies/bad.yml": "id: bad\nresults:\n\t- description: x\n"},
    "empty-file": {"case_studies/bad.yml": "# nothing here yet\n"},
    "not-a-mapping": {"case_studies/bad.yml": "- id: bad\n- title: list\n"},
    "missing-required": {
        "content/practices/regular-pay-review.yml": GOOD_PRACTICE.replace("effort: medium\n", "")
    },
    "wrong-type": {
        "content/practices/regular-pay-review.yml": GOOD_PRACTICE.replace(
            "first_step: true", "first_step: sometimes"
        ).replace("steps:\n", "steps: 3\nold_steps:\n")
    },
    "unknown-key": {
        "content/practices/regular-pay-review.yml": GOOD_PRACTICE.replace("summary:", "sumary:")
    },
    "enum-value": {
        "content/practices/regular-pay-review.yml": GOOD_PRACTICE.replace(
            "audiences: [employers, agencies]", "audiences: [employer, agencies]"
        ).replace("effort: medium", "effort: hgh")
    },
    "id-not-file-name": {
        "content/practices/regular-pay-review.yml": GOOD_PRACTICE.replace(
            "id: regular-pay-review", "id: yearly-pay-review"
        )
    },
    "duplicate-id": {
        "content/practices/zz/regular-pay-review.yml": GOOD_PRACTICE,
    },
    "missing-reference": {
        "content/practices/regular-pay-review.yml": GOOD_PRACTICE.replace(
            "clusters: [pay-equity, worker-voice]", "clusters: [pay-equty, worker-voice]"
        ).replace(
            "case_studies: [acme-clinic, county-board]",
            "case_studies: [acme-clinic, union-membership-rate]",
        )
    },
    "metric-fields": {
        "content/metrics/union-membership-rate.yml": GOOD_METRIC.replace(
            "denominator: All wage and salary workers\n", ""
        ).replace("wioa_indicator: employment-rate-q2", "wioa_indicator: employment-q2")
    },
    "metric-rate-half": {
        "content/metrics/union-membership-rate.yml": GOOD_METRIC.replace(
            "denominator: All wage and salary workers\n", ""
        )
    },
    "invalid-date": {
        "case_studies/county-board.yml": (
            Path(__file__).parent / "fixtures/mini/case_studies/county-board.yml"
        )
        .read_text()
        .replace("accessed: 2026-11-25", "accessed: 2026-13-45")
    },
    "invalid-url": {
        "case_studies/county-board.yml": (
            Path(__file__).parent / "fixtures/mini/case_studies/county-board.yml"
        )
        .read_text()
        .replace("url: https://example.org/board", "url: example dot org")
    },
    "case-study-without-sources": {
        "case_studies/acme-clinic.yml": (
            Path(__file__).parent / "fixtures/mini/case_studies/acme-clinic.yml"
        )
        .read_text()
        .replace("illustrative: true\n", "")
    },
    "raw-html": {
        "content/pages/rights.md": (Path(__file__).parent / "fixtures/mini/content/pages/rights.md")
        .read_text()
        .replace("title: Know your rights", "title: Know <script>alert(1)</script>")
    },
    "many-files-at-once": {
        "case_studies/bad.yml": "id: bad\ntitle: [unclosed\n",
        "content/metrics/union-membership-rate.yml": "id: union-membership-rate\n",
        "content/practices/regular-pay-review.yml": GOOD_PRACTICE.replace("summary:", "sumary:"),
        "content/pages/rights.md": "No front matter here.\n",
    },
}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", sorted(CASES))
def test_validation_report(
    case: str, mini: Path, capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None]
) -> None:
    for rel, text in CASES[case].items():
        path = mini / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    code, out, err = run(["validate", "--root", str(mini)], capsys)
    assert code == 1
    assert out == ""
    golden(f"errors/{case}.txt", err)


def test_valid_fixture_passes(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["validate", "--root", str(mini)], capsys)
    assert (code, err) == (0, "")
    assert out == "16 items valid across 4 editions.\n"


def test_broken_file_fails_build_and_keeps_previous_site(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = mini / "site"
    assert run(["build", "--root", str(mini), "--edition", "jobseekers"], capsys)[0] == 0
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert Path("jobseekers/index.html") in before
    (mini / "case_studies/acme-clinic.yml").write_text("id: acme-clinic\ntitle: [oops\n")
    code, _out, err = run(["build", "--root", str(mini)], capsys)
    assert code == 1
    assert err.startswith("case_studies/acme-clinic.yml:3:1: YAML syntax error")
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in mini.iterdir() if p.name.startswith(".site")] == []


def test_problems_as_github_annotations_and_json(
    mini: Path, capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None]
) -> None:
    for rel, text in CASES["many-files-at-once"].items():
        (mini / rel).write_text(text, encoding="utf-8")
    code, out, err = run(["validate", "--root", str(mini), "--format", "github"], capsys)
    assert (code, err) == (1, "")
    assert all(line.startswith("::error file=") for line in out.splitlines())
    golden("errors/many-files-at-once.github.txt", out)
    code, out, err = run(["check", "--root", str(mini), "--format", "json"], capsys)
    assert (code, err) == (1, "")
    document = json.loads(out)
    assert document["errors"] == len([p for p in document["problems"] if p["severity"] == "error"])
    assert {p["file"] for p in document["problems"]} >= {"case_studies/bad.yml"}
