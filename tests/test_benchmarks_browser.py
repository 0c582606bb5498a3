"""Benchmarks and progress on the employer self-assessment page, in Chromium."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.checklists.benchmarks import benchmark_findings
from playbook_builder.checklists.progress import progress

PATH = "employers/checklists/employer-self-assessment/"


@pytest.fixture
def context(phone_context: Any) -> Any:
    return phone_context


def test_size_and_industry_change_the_figures_and_are_kept(page: Any, bundled_base: str) -> None:
    page.goto(bundled_base + PATH)
    page.check('input[name="leave-paid-sick"][value="not-yet"]')
    page.check('input[name="benefits-health-offered"][value="fully"]')
    summary = page.locator(".pb-peers-summary")
    offer = page.locator('.pb-peers-row:has-text("Health insurance (workplaces)")')
    assert "51.1% of private workplaces offer health insurance." in offer.inner_text()
    page.fill(".pb-peers-workers", "8")
    page.select_option(".pb-peers-industry", "retail")
    page.wait_for_function(
        "() => document.querySelector('#pb-peers').textContent.includes('fewer than 10 employees')"
    )
    text = offer.inner_text()
    assert "22.3% of private workplaces at firms with fewer than 10 employees" in text
    assert "57.6% of private workplaces in retail trade" in text
    assert offer.get_attribute("data-pb-status") == "ahead"
    sick = page.locator('.pb-peers-row:has-text("Paid sick leave")')
    assert sick.get_attribute("data-pb-status") == "behind"
    assert "falls below" in summary.inner_text()
    # The page says what Python says for the same answers and choice.
    definition = page.evaluate("() => window.playbookChecklist.definition()")
    answers = {"leave-paid-sick": "not-yet", "benefits-health-offered": "fully"}
    expected = benchmark_findings(definition, answers, 8, "retail")
    shown = page.eval_on_selector_all(
        ".pb-peers-row", "rows => rows.map(r => r.getAttribute('data-pb-status'))"
    )
    assert shown == [row["status"] for s in expected for row in s["rows"]]
    # Kept with the answers: a reload shows the same choice, and a saved file carries it.
    page.reload()
    page.wait_for_function("() => document.querySelector('.pb-peers-workers').value === '8'")
    assert page.input_value(".pb-peers-industry") == "retail"
    with page.expect_download() as download:
        page.get_by_role("button", name="Save to file").click()
    saved = json.loads(Path(download.value.path()).read_text("utf-8"))
    assert saved["peers"] == {"workers": 8, "industry": "retail"}


def test_an_earlier_assessment_shows_the_change_and_the_plan_marks_it(
    page: Any, bundled_base: str, tmp_path: Path
) -> None:
    page.goto(bundled_base + PATH)
    definition = page.evaluate("() => window.playbookChecklist.definition()")
    earlier = {"leave-paid-sick": "not-yet", "leave-paid-family": "started"}
    file = tmp_path / "earlier.json"
    file.write_text(
        json.dumps(
            {
                "format": 2,
                "checklist": definition["checklist"],
                "version": definition["version"],
                "answers": earlier,
                "saved": "2026-03-01T09:30:00.000Z",
            }
        )
    )
    page.check('input[name="leave-paid-sick"][value="fully"]')
    page.check('input[name="leave-paid-family"][value="started"]')
    page.set_input_files(".pb-earlier-file", str(file))
    page.wait_for_function(
        "() => document.querySelector('#pb-earlier .pb-message').textContent.includes('2026-03-01')"
    )
    now = {"leave-paid-sick": "fully", "leave-paid-family": "started"}
    expected = progress(definition, earlier, now)
    row = page.locator('.pb-earlier-table tbody tr:has-text("scheduling")')
    leave = next(s for s in expected["sections"] if s["key"] == "scheduling-and-leave")
    assert row.locator("td").all_inner_texts() == ["13.3", "73.3", "+60"]
    assert leave["change"] == 60.0
    assert "1 answer improved since 2026-03-01" in page.inner_text("#pb-earlier")
    mark = page.locator(".pb-plan-since").first
    assert mark.inner_text() == "Up 60 points since 2026-03-01 (from 13.3)."
    # A file from another checklist is refused, in words.
    other = tmp_path / "other.json"
    other.write_text(
        json.dumps({"format": 2, "checklist": "worker-pulse", "version": 1, "answers": {}})
    )
    page.set_input_files(".pb-earlier-file", str(other))
    page.wait_for_function(
        "() => document.querySelector('#pb-earlier .pb-message').textContent.includes('could not be used')"
    )
    page.get_by_role("button", name="Remove the earlier file").click()
    assert page.locator(".pb-plan-since").count() == 0
