"""The shared saved-answers cases (tests/answers_cases/), read by Python's reader.

tests/js/answers.test.mjs runs the same cases against the page's reader, so the two
accept and refuse the same files for the same reason.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from playbook_builder.checklists.answers_file import MAX_DEPTH, AnswersFileError, read_answers_file

from .conftest import REPO, check_golden
from .helpers import CASES, CASES_DIR, case_bytes, definition_for

DEFINITIONS = {
    "employer-check": ("employers", "employer-check"),
    "pulse-check": ("employers", "pulse-check"),
    "offer-check": ("jobseekers", "offer-check"),
}


def test_stored_definitions_are_the_current_ones() -> None:
    """definitions.json is what the pages embed (UPDATE_GOLDEN=1 rewrites it)."""
    current = {key: definition_for(*where) for key, where in DEFINITIONS.items()}
    name = "../answers_cases/definitions.json"
    check_golden(name, json.dumps(current, indent=1, ensure_ascii=False) + "\n")


def test_the_page_uses_the_same_depth_limit() -> None:
    script = (REPO / "playbook_builder/assets/checklist/answers.js").read_text("utf-8")
    assert f"export const MAX_DEPTH = {MAX_DEPTH};" in script


def test_cases_have_the_sizes_their_names_say() -> None:
    by_name = {case["name"]: len(case_bytes(case)) for case in CASES}
    assert by_name["just under 256 KB"] == 256 * 1024
    assert by_name["just over 256 KB"] == 256 * 1024 + 1


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_python_reader(case: dict[str, Any]) -> None:
    definitions = json.loads((CASES_DIR / "definitions.json").read_text("utf-8"))
    definition = definitions[case["checklist"]]
    expect = case["expect"]
    try:
        saved = read_answers_file(case_bytes(case), definition)
    except AnswersFileError as exc:
        assert not expect["accept"], f"refused ({exc.reason}: {exc})"
        assert exc.reason == expect["reason"], str(exc)
        return
    assert expect["accept"], f"accepted; expected refusal: {expect['reason']}"
    assert [answers for _, answers in saved.answer_sets] == expect["answers"]
    assert saved.ignored_items == expect["ignored_items"]
    assert saved.ignored_values == expect["ignored_values"]
    if "version" in expect:
        assert saved.version == expect["version"]
    if "names" in expect:
        assert [name for name, _ in saved.answer_sets] == expect["names"]
    if "details" in expect:
        assert saved.details == expect["details"]
    if "state" in expect:
        assert saved.state == expect["state"]
    if "ignored_details" in expect:
        assert saved.ignored_details == expect["ignored_details"]
