"""Answers saved from older versions of the bundled self-assessment and worker pulse.

tests/answers_cases/history/ holds one saved file per past version of each checklist,
with every question of that version answered (the ids as they were published). Read
against the current checklist, every answer must be kept (a split keeps the first part's
id, so no id is ever dropped), and the questions that are new since must be exactly the
ones ANSWERS_FORMAT.md's version history names.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.checklists.answers_file import read_answers_file

from .conftest import REPO
from .helpers import definition_for

HISTORY = Path(__file__).parent / "answers_cases" / "history"
CHECKLISTS = ("employer-self-assessment", "worker-pulse")
FILES = sorted(HISTORY.glob("*.json"))


def _definition(checklist: str) -> dict[str, Any]:
    return definition_for("employers", checklist, root=REPO)


def _ids(definition: dict[str, Any]) -> set[str]:
    return {item["id"] for section in definition["sections"] for item in section["items"]}


def _history_rows() -> dict[tuple[str, int], str]:
    """(checklist, version) -> the "what changed" cell of ANSWERS_FORMAT.md's table."""
    text = (REPO / "ANSWERS_FORMAT.md").read_text("utf-8")
    table = text.split("## Version history", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in table.splitlines():
        match = re.match(r"\| `([a-z0-9-]+)` \| (\d+) \| (.*?) \|", line)
        if match:
            rows[(match.group(1), int(match.group(2)))] = match.group(3)
    return rows


def test_every_past_version_has_a_saved_file() -> None:
    for checklist in CHECKLISTS:
        current = _definition(checklist)["version"]
        saved = {int(p.stem.rsplit("-v", 1)[1]) for p in FILES if p.stem.startswith(checklist)}
        assert saved == set(range(1, current)), checklist


def test_the_version_history_has_a_row_for_every_version_after_the_first() -> None:
    rows = _history_rows()
    for checklist in CHECKLISTS:
        current = _definition(checklist)["version"]
        assert {v for c, v in rows if c == checklist} == set(range(2, current + 1)), checklist


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_an_older_file_keeps_every_answer(path: Path) -> None:
    document = json.loads(path.read_text("utf-8"))
    definition = _definition(document["checklist"])
    assert document["version"] < definition["version"]
    saved = read_answers_file(path.read_bytes(), definition)
    assert saved.version == document["version"]
    assert (saved.ignored_items, saved.ignored_values) == (0, 0)
    [(_name, answers)] = saved.answer_sets
    assert answers == document["answers"]
    # The questions asked for the first time since are the ones the history names as new.
    rows = _history_rows()
    named: set[str] = set()
    for version in range(document["version"] + 1, definition["version"] + 1):
        named |= set(re.findall(r"`([a-z0-9-]+)`", rows[(document["checklist"], version)]))
    new = _ids(definition) - set(document["answers"])
    assert new, "every later version adds questions"
    assert new == (named & _ids(definition)) - set(document["answers"])


def test_split_questions_keep_the_first_part_in_both_checklists() -> None:
    employer, pulse = (_definition(checklist) for checklist in CHECKLISTS)
    split = {
        "conditions-respect-harassment": {
            "conditions-harassment-how-to-report",
            "conditions-harassment-acted-on",
        },
        "conditions-workload-control": {"conditions-say-in-work-pace"},
    }
    for definition in (employer, pulse):
        items = {item["id"]: item for s in definition["sections"] for item in s["items"]}
        for first, others in split.items():
            assert others <= set(items)
            section = {
                s["key"]
                for s in definition["sections"]
                for item in s["items"]
                if item["id"] in others | {first}
            }
            assert len(section) == 1, f"{first}: the parts stay in one section"
            assert all(items[other]["practices"] for other in others)
    # The worker pulse asks each part with the same id, so the two compare item by item.
    assert _ids(pulse) <= _ids(employer)
