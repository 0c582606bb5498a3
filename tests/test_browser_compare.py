"""Compare with your workers: worker files read on the device, in the browser.

The fixture project is built once per session and served on 127.0.0.1; each test
gets a fresh browser context. See conftest.py for the shared fixtures.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from playbook_builder.checklists.scoring import (
    AnswersFileError,
    compare_with_companion,
    read_answers_file,
)

from .conftest import CHROMIUM
from .helpers import (
    BROWSER_MARKS,
    EMPLOYER,
    HOSTILE_NAME,
    IN_CI,
    OFFER,
    answer,
    axe_violations,
    choose_pulse_files,
    comparison_rows,
    definition_for,
    pulse_file,
    pulse_files,
    random_answers,
)

pytestmark = BROWSER_MARKS

if CHROMIUM.exists() or IN_CI:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import FileChooser, Page


def test_browser_comparison_equals_python_on_generated_answers(page: Page, base: str) -> None:
    page.goto(base + EMPLOYER)
    definition = definition_for("employers", "employer-check")
    pulse = definition["companions"][0]
    rng = random.Random(20261126)
    cases = [
        [
            random_answers(rng, definition),
            [random_answers(rng, pulse) for _ in range(rng.randrange(0, 13))],
        ]
        for _ in range(300)
    ]
    in_browser = page.evaluate(
        "cases => cases.map(([mine, theirs]) => window.playbookChecklist.compare(mine, theirs))",
        cases,
    )
    expected = [compare_with_companion(definition, mine, theirs) for mine, theirs in cases]
    assert in_browser == expected
    # Shown and suppressed rows, gaps of both signs: the cases cover them all.
    rows = [row for result in expected for row in [*result["sections"], result["overall"]]]
    assert {row["suppressed"] for row in rows} == {True, False}
    assert any(row["gap"] and row["gap"] > 0 for row in rows)
    assert any(row["gap"] and row["gap"] < 0 for row in rows)


def test_compare_with_workers_reads_files_on_the_device(page: Page, base: str, axe: Axe) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.method + " " + request.url))
    page.goto(base + EMPLOYER)
    pair = page.get_by_role("region", name="Compare with your workers")
    assert "at least 5 worker files answered it" in pair.inner_text()
    assert "No worker files chosen yet." in pair.inner_text()
    assert not page.get_by_role("button", name="Download comparison CSV").is_visible()
    mine = {"voice-channel": "partly", "voice-followup": "fully", "pay-ranges": "not-yet"}
    answer(page, mine)
    files = pulse_files(random.Random(5))
    requests.clear()
    message = choose_pulse_files(page, files)
    assert message == (
        "Read 8 files. 7 files are used. 1 file is not used (listed below). 3 answers in the"
        " files were left out because the survey has no such question or the answer is not one"
        " of its choices."
    )

    # Python reads the same files and computes the numbers the page shows.
    definition = definition_for("employers", "employer-check")
    pulse = definition["companions"][0]
    workers = []
    for file in files[:-1]:
        workers.append(read_answers_file(file["buffer"], pulse).answer_sets[0][1])
    with pytest.raises(AnswersFileError, match="different checklist"):
        read_answers_file(files[-1]["buffer"], pulse)
    assert workers[-1] == {}  # the hostile file: nothing usable, and nothing ran
    expected = compare_with_companion(definition, mine, workers)
    table = page.locator(".pb-pair table")
    assert [row.split("\t") for row in table.locator("tbody tr, tfoot tr").all_inner_texts()] == (
        comparison_rows(expected)
    )
    # Pay: only three files answered it, so no average and no gap.
    voice, pay = expected["sections"]
    assert (voice["responses"], voice["suppressed"]) == (6, False)
    assert (pay["responses"], pay["suppressed"]) == (3, True)
    assert table.locator("tbody tr").nth(1).inner_text().split("\t")[3:] == [
        "fewer than 5 responses",
        "3",
        "not shown",
    ]
    assert table.locator("thead th").all_inner_texts() == [
        "Section",
        "Questions compared",
        "Your score",
        "Workers’ average",
        "Worker responses",
        "Gap (workers minus you)",
    ]
    # The employer's answers change: the comparison follows.
    answer(page, {"voice-channel": "fully"})
    mine["voice-channel"] = "fully"
    expected = compare_with_companion(definition, mine, workers)
    assert [row.split("\t") for row in table.locator("tbody tr, tfoot tr").all_inner_texts()] == (
        comparison_rows(expected)
    )
    talk = page.locator(".pb-pair-talk").inner_text()
    assert "Large gaps are where to start a conversation with your staff." in talk
    assert "Worker voice and representation: your workers’ average is" in talk

    # The rejected file is listed with its reason, as text; nothing ran.
    assert page.locator(".pb-pair-rejected li").all_inner_texts() == [
        f"“{HOSTILE_NAME}.json”: This file holds answers for a different checklist"
        " (“employer-check”), not for “Worker pulse”."
    ]
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(".pb-pair img, .pb-pair script, .pb-pair b").count() == 0

    with page.expect_download() as download:
        page.get_by_role("button", name="Download comparison CSV").click()
    assert re.fullmatch(
        r"employer-check-compared-with-pulse-check-\d{4}-\d\d-\d\d\.csv",
        download.value.suggested_filename,
    )
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()

    def cell(value: object) -> str:
        return (
            '""' if value is None else f'"{value:g}"' if isinstance(value, float) else f'"{value}"'
        )

    assert lines == [
        '"Section","Questions compared","Your score","Workers\' average","Worker responses",'
        '"Gap (workers minus you)"',
        *(
            ",".join(
                [
                    f'"{row.get("title", "Overall")}"',
                    cell(row["items"]),
                    cell(row["employer"]),
                    '"fewer than 5 responses"' if row["suppressed"] else cell(row["workers"]),
                    cell(row["responses"]),
                    cell(row["gap"]),
                ]
            )
            for row in [*expected["sections"], expected["overall"]]
        ),
    ]
    # The comparison prints with the results; the file controls do not.
    page.emulate_media(media="print")
    assert page.locator(".pb-pair table").is_visible()
    assert page.locator(".pb-pair-minimum").is_visible()
    assert not page.locator(".pb-pair-controls").is_visible()
    assert not page.locator("#pb-checklist").is_visible()
    page.emulate_media(media="screen")
    # Everything stayed on the device: nothing was sent since the files were chosen.
    assert [r for r in requests if not r.startswith("GET ")] == []

    assert axe_violations(page, axe) == []

    page.get_by_role("button", name="Remove the worker files").click()
    assert "No worker files chosen yet." in pair.inner_text()
    assert page.locator(".pb-pair-rejected li").count() == 0
    assert page.evaluate("() => document.activeElement.type") == "file"


def test_comparison_works_by_keyboard(page: Page, base: str) -> None:
    # Listen before loading: Playwright turns on file-chooser interception
    # asynchronously, and a chooser opened before that is lost.
    choosers: list[FileChooser] = []
    page.on("filechooser", lambda chooser: choosers.append(chooser))
    page.goto(base + EMPLOYER)
    answer(page, {"voice-channel": "partly", "pay-ranges": "fully"})
    files = pulse_files(random.Random(9))[:6]
    page.get_by_label("Worker answer files").focus()
    page.keyboard.press("Space")  # the file input's own keyboard activation
    for _ in range(50):
        if choosers:
            break
        page.wait_for_timeout(100)
    assert len(choosers) == 1 and choosers[0].is_multiple()
    choosers[0].set_files(files)  # type: ignore[arg-type]
    page.wait_for_function(
        "() => document.querySelector('.pb-pair .pb-message').textContent.startsWith('Read 6')"
    )
    page.keyboard.press("Tab")
    focused = "() => document.activeElement.textContent"
    assert page.evaluate(focused) == "Download comparison CSV"
    with page.expect_download():
        page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "Remove the worker files"
    page.keyboard.press("Enter")
    assert (
        page.inner_text(".pb-pair .pb-message") == "The worker files were removed from this page."
    )
    # The table region scrolls by keyboard too, when it is there.
    choose_pulse_files(page, files)
    region = page.locator(".pb-pair .pb-table-scroll")
    assert region.get_attribute("tabindex") == "0"


def test_only_paired_checklists_offer_the_comparison(page: Page, base: str) -> None:
    page.goto(base + "employers/checklists/pulse-check/")
    assert page.locator(".pb-pair").count() == 0
    page.goto(base + OFFER)
    assert page.locator(".pb-pair").count() == 0
    page.goto(base + "agencies/checklists/employer-check/")
    assert page.locator(".pb-pair").is_visible()


def test_worker_files_count_once_and_crafted_ones_are_listed(page: Page, base: str) -> None:
    page.goto(base + EMPLOYER)
    answer(page, {"voice-channel": "partly"})
    files = pulse_files(random.Random(5))[:5]
    # The first file five times over would lift the five-response suppression.
    copies = [{**files[0], "name": f"copy-{n}.json"} for n in range(4)]
    crafted = pulse_file(
        "crafted.json",
        {"format": {"toString": None}, "checklist": "pulse-check", "version": 1, "answers": {}},
    )
    deep = {"name": "deep.json", "mimeType": "application/json", "buffer": b"[" * 100_000}
    message = choose_pulse_files(page, [files[0], *copies, crafted, deep])
    assert (
        message
        == "Read 7 files. 1 file is used. 2 files are not used (listed below). 4 files are the"
        " same as ones already read, so they are ignored."
    )
    assert page.locator(".pb-pair-rejected ul:not(.pb-pair-duplicates) li").all_inner_texts() == [
        "“crafted.json”: This file is in a format this page cannot read (format “{…}”).",
        "“deep.json”: This file is nested more than 32 levels deep, so it is not a file of"
        " saved answers from this guide.",
    ]
    assert page.locator(".pb-pair-duplicates li").all_inner_texts() == [
        f"“copy-{n}.json”: the same file as “pulse-0.json”" for n in range(4)
    ]
    rows = page.locator(".pb-pair table tbody tr, .pb-pair table tfoot tr").all_inner_texts()
    assert all("fewer than 5 responses" in row for row in rows)
    # Five different files: the averages show.
    message = choose_pulse_files(page, files)
    assert message.startswith("Read 5 files. 5 files are used.")
    assert page.locator(".pb-pair-duplicates").count() == 0
    voice = page.locator(".pb-pair table tbody tr").first.inner_text().split("\t")
    assert voice[4] == "5" and voice[3] != "fewer than 5 responses"
