"""Scoring, the checklist definition and the saved-answers reader, in Python.

The browser side of the same rules is in test_browser.py, which checks that the page
gives exactly these results.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.checklists.scoring import (
    FORMAT_VERSION,
    MAX_FILE_BYTES,
    MIN_RESPONSES,
    AnswersFileError,
    compare_with_companion,
    plain_text,
    read_answers_file,
    score,
    text_parts,
)
from playbook_builder.project import open_project
from playbook_builder.render.pages import Linker
from playbook_builder.render.urls import built_href
from playbook_builder.select import select_for_edition

from .conftest import MINI, REPO
from .helpers import definition_for


@pytest.fixture(scope="module")
def employer_check() -> dict[str, Any]:
    return definition_for("employers", "employer-check")


def test_scores_follow_the_documented_method(employer_check: dict[str, Any]) -> None:
    # voice-channel weight 2 "partly" (1 of 2), voice-followup "not-sure" (not scored),
    # pay-ranges weight 1 "fully" (2 of 2), pay-audit weight 0.7 "not-yet" (0 of 2).
    answers = {
        "voice-channel": "partly",
        "voice-followup": "not-sure",
        "pay-ranges": "fully",
        "pay-audit": "not-yet",
    }
    result = score(employer_check, answers)
    assert result["sections"] == {"worker-voice": 50.0, "pay-equity": round(200 / 3.4, 1)}
    assert result["overall"] == round(100 * 4 / 7.4, 1)
    assert result["answered"] == 4
    assert result["unscored"] == 1
    assert result["details"]["worker-voice"] == {
        "earned": 2.0,
        "possible": 4.0,
        "answered": 2,
        "unscored": 1,
        "items": 2,
    }


def test_unanswered_not_sure_and_unknown_values_are_left_out(
    employer_check: dict[str, Any],
) -> None:
    assert score(employer_check, {})["overall"] is None
    result = score(
        employer_check,
        {"voice-channel": "not-sure", "pay-ranges": "maybe", "no-such-item": "fully"},
    )
    assert result["sections"] == {"worker-voice": None, "pay-equity": None}
    assert result["answered"] == 1
    assert score(employer_check, {"pay-ranges": 2})["answered"] == 0  # type: ignore[dict-item]


def test_scores_round_half_up_at_one_decimal() -> None:
    definition = {
        "max_points": 16,
        "scale": [{"value": "a", "points": 1}, {"value": "b", "points": 16}],
        "sections": [
            {"key": "s", "items": [{"id": "x", "weight": 1}]},
        ],
    }
    # 1 of 16 = 6.25 %, which rounds up to 6.3.
    assert score(definition, {"x": "a"})["overall"] == 6.3


def test_paired_checklists_come_with_the_one_they_pair_with(
    employer_check: dict[str, Any],
) -> None:
    """The pulse pairs with the employer check, so the employer page embeds it."""
    pulse = definition_for("employers", "pulse-check")
    assert pulse["pairs_with"] == "employer-check"
    assert "companions" not in pulse  # nothing pairs with the pulse
    assert employer_check["companions"] == [{**pulse, "href": "../pulse-check/"}]
    assert employer_check["limits"]["min_responses"] == MIN_RESPONSES == 5
    offers = definition_for("jobseekers", "offer-check")
    assert "companions" not in offers and "min_responses" not in offers["limits"]


# Worker-pulse answers (pulse: voice-channel weight 3, voice-followup 1, pay-ranges 1;
# points 0-3) and what each scores over the shared items, worker voice / pay / overall.
WORKERS = [
    {"voice-channel": "strongly", "pay-ranges": "agree"},  # 100, 66.7, 91.7
    {"voice-channel": "disagree", "voice-followup": "somewhat"},  # 8.3, -, 8.3
    {"voice-followup": "not-sure"},  # nothing scored
    {"voice-channel": "agree"},  # 66.7, -, 66.7
    {"voice-followup": "strongly", "pay-ranges": "disagree"},  # 100, 0, 50
    {"voice-channel": "somewhat", "voice-followup": "agree"},  # 41.7, -, 41.7
]


def test_compare_with_companion_follows_the_documented_method(
    employer_check: dict[str, Any],
) -> None:
    # Employer (points 0-2): voice-channel weight 2 "partly", voice-followup "fully" =
    # 4 of 6; pay-ranges "fully" = 2 of 2; pay-audit is not in the pulse, so left out.
    mine = {
        "voice-channel": "partly",
        "voice-followup": "fully",
        "pay-ranges": "fully",
        "pay-audit": "not-yet",
    }
    result = compare_with_companion(employer_check, mine, WORKERS)
    assert result["companion"] == "pulse-check"
    assert (result["files"], result["min_responses"]) == (6, 5)
    voice, pay = result["sections"]
    assert voice == {
        "key": "worker-voice",
        "title": "Worker voice and representation",
        "items": 2,
        "employer": 66.7,
        "workers": 63.3,  # (100 + 8.3 + 66.7 + 100 + 41.7) / 5 = 63.34
        "responses": 5,
        "suppressed": False,
        "gap": -3.4,
    }
    # Two workers scored pay: too few to show.
    assert pay == {
        "key": "pay-equity",
        "title": "Pay equity",
        "items": 1,
        "employer": 100.0,
        "workers": None,
        "responses": 2,
        "suppressed": True,
        "gap": None,
    }
    assert result["overall"] == {
        "items": 3,
        "employer": 75.0,
        "workers": 51.7,  # (91.7 + 8.3 + 66.7 + 50 + 41.7) / 5 = 51.68
        "responses": 5,
        "suppressed": False,
        "gap": -23.3,
    }
    # The minimum is a parameter; with two, pay is shown: (66.7 + 0) / 2 = 33.35.
    pay = compare_with_companion(employer_check, mine, WORKERS, min_responses=2)["sections"][1]
    assert (pay["workers"], pay["responses"], pay["gap"]) == (33.4, 2, -66.6)


def test_compare_with_companion_without_answers_or_files(employer_check: dict[str, Any]) -> None:
    result = compare_with_companion(employer_check, {}, [])
    assert result["files"] == 0
    assert [
        (r["employer"], r["workers"], r["responses"], r["gap"]) for r in result["sections"]
    ] == [
        (None, None, 0, None),
        (None, None, 0, None),
    ]
    # Workers without an employer score: no gap; no companion: an error.
    result = compare_with_companion(employer_check, {}, WORKERS, min_responses=1)
    assert result["overall"]["workers"] is not None and result["overall"]["gap"] is None
    with pytest.raises(KeyError):
        compare_with_companion(employer_check, {}, [], companion="nope")
    with pytest.raises(KeyError):
        compare_with_companion(definition_for("employers", "pulse-check"), {}, [])


@pytest.mark.parametrize(
    ("page", "target", "expected"),
    [
        ("checklists/y.md", "../practices/x.md", "../../practices/x/"),
        ("checklists/y.md", "../practices/index.md", "../../practices/"),
        ("checklists/y.md", "../frameworks/index.md#aj", "../../frameworks/#aj"),
        ("checklists/y.md", "z.md", "../z/"),
        ("index.md", "practices/x.md", "practices/x/"),
    ],
)
def test_built_href_matches_directory_urls(page: str, target: str, expected: str) -> None:
    assert built_href(page, target) == expected


def test_definition_holds_only_this_editions_practices(employer_check: dict[str, Any]) -> None:
    practice = employer_check["sections"][0]["items"][0]["practices"][0]
    assert practice == {
        "id": "regular-pay-review",
        "title": "Review pay every year",
        "url": "../practices/regular-pay-review.md",
        "href": "../../practices/regular-pay-review/",
        "first_step": True,
        "small": True,
        "effort": "medium",
    }
    # The draft practice (worker voice) is in no section.
    section_practices = [p["id"] for s in employer_check["sections"] for p in s["practices"]]
    assert section_practices == ["regular-pay-review", "regular-pay-review"]
    assert employer_check["limits"]["file_bytes"] == MAX_FILE_BYTES
    offers = definition_for("jobseekers", "offer-check")
    assert all(not s["practices"] for s in offers["sections"])
    assert offers["sections"][0]["items"][0]["red_flag"] == "They will not write it down."


def test_text_parts_link_refs_in_the_edition_and_drop_others() -> None:
    project = open_project(MINI)
    employers = select_for_edition(project.content, project.edition("employers"))
    jobseekers = select_for_edition(project.content, project.edition("jobseekers"))
    text = "See [the review](ref:regular-pay-review) and [DOL](https://www.dol.gov/)."
    assert text_parts(text, Linker(employers, "checklists/employer-check.md")) == [
        ("See ", None),
        ("the review", "../../practices/regular-pay-review/"),
        (" and ", None),
        ("DOL", "https://www.dol.gov/"),
        (".", None),
    ]
    assert text_parts(text, Linker(jobseekers, "checklists/offer-check.md"))[:2] == [
        ("See the review and ", None),
        ("DOL", "https://www.dol.gov/"),
    ]
    assert plain_text(text) == "See the review and DOL."


def saved(definition: dict[str, Any], **fields: Any) -> str:
    document = {
        "format": FORMAT_VERSION,
        "checklist": definition["checklist"],
        "version": definition["version"],
        **fields,
    }
    return json.dumps(document)


def test_read_answers_file_keeps_known_answers_and_counts_the_rest(
    employer_check: dict[str, Any],
) -> None:
    text = saved(
        employer_check,
        answers={
            "voice-channel": "fully",
            "pay-ranges": "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>": "fully",
            "__proto__": "fully",
            "pay-audit": 2,
        },
        small_employer=True,
        scores={"overall": 100},
    )
    result = read_answers_file(text, employer_check)
    assert result.answer_sets == [(None, {"voice-channel": "fully"})]
    assert (result.ignored_items, result.ignored_values) == (2, 2)
    assert result.small_employer is True


def test_read_answers_file_migrates_an_older_version(employer_check: dict[str, Any]) -> None:
    assert employer_check["version"] == 2
    text = saved(employer_check, version=1, answers={"voice-channel": "partly", "gone": "fully"})
    result = read_answers_file(text, employer_check)
    assert result.version == 1
    assert result.answer_sets == [(None, {"voice-channel": "partly"})]
    assert result.ignored_items == 1


def test_read_answers_file_reads_named_offers() -> None:
    offers = definition_for("jobseekers", "offer-check")
    text = saved(
        offers,
        offers=[
            {"name": "  Riverside   Cafe ", "answers": {"pay-written": "no"}},
            {"name": "", "answers": {}},
            {"name": "x" * 200, "answers": {"pay-written": "maybe"}},
        ],
    )
    result = read_answers_file(text, offers)
    assert result.answer_sets == [
        ("Riverside Cafe", {"pay-written": "no"}),
        ("Offer 2", {}),
        ("x" * 60, {}),
    ]
    assert result.ignored_values == 1


REFUSED: dict[str, Any] = {
    "not json": "{answers: 1",
    "not an object": "[1, 2]",
    "no format": json.dumps({"checklist": "employer-check", "version": 2, "answers": {}}),
    "format 3": {"format": 3},
    "format true": {"format": True},
    "other checklist": {"checklist": "offer-check"},
    "newer version": {"version": 3},
    "version text": {"version": "2"},
    "version zero": {"version": 0},
    "answers list": {"answers": ["fully"]},
    "answers missing": {"answers": None},
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_read_answers_file_refuses_bad_files(case: str, employer_check: dict[str, Any]) -> None:
    change = REFUSED[case]
    if isinstance(change, str):
        text = change
    else:
        document = json.loads(saved(employer_check, answers={"voice-channel": "fully"}))
        document.update(change)
        text = json.dumps(document)
    with pytest.raises(AnswersFileError):
        read_answers_file(text, employer_check)


def test_read_answers_file_refuses_oversize_and_bad_offers(employer_check: dict[str, Any]) -> None:
    padding = "x" * MAX_FILE_BYTES
    with pytest.raises(AnswersFileError, match="larger than 256 KB"):
        read_answers_file(saved(employer_check, answers={}, note=padding), employer_check)
    offers = definition_for("jobseekers", "offer-check")
    for bad in ([], [{"name": "a", "answers": {}}] * 4, ["offer"], [{"answers": []}], {"a": 1}):
        with pytest.raises(AnswersFileError):
            read_answers_file(saved(offers, offers=bad), offers)


def test_documented_collection_example_runs(tmp_path: Path) -> None:
    """The Python example in ANSWERS_FORMAT.md works, pointed at the fixture project."""
    doc = (REPO / "ANSWERS_FORMAT.md").read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", doc, re.S)[0]
    files = tmp_path / "pulse-files"
    files.mkdir()
    (files / "a.json").write_text(
        json.dumps(
            {
                "format": 1,
                "checklist": "employer-check",
                "version": 2,
                "answers": {"pay-ranges": "fully"},
            }
        )
    )
    (files / "b.json").write_text("not json")
    code = (
        code.replace('Path(".")', repr(MINI).replace("PosixPath", "Path"))
        .replace('"worker-pulse"', '"employer-check"')
        .replace('Path("pulse-files")', f"Path({str(files)!r})")
    )
    namespace: dict[str, Any] = {}
    exec(compile(code, "ANSWERS_FORMAT.md", "exec"), namespace)
    assert namespace["refused"] == 1
    assert [r["sections"]["pay-equity"] for r in namespace["results"]] == [100.0]


def test_documented_comparison_example_runs(tmp_path: Path) -> None:
    """The comparison example in ANSWERS_FORMAT.md, after the collection example."""
    doc = (REPO / "ANSWERS_FORMAT.md").read_text(encoding="utf-8")
    collect, compare = re.findall(r"```python\n(.*?)```", doc, re.S)[:2]
    files = tmp_path / "pulse-files"
    files.mkdir()
    for number, value in enumerate(["agree", "strongly", "somewhat", "agree", "disagree"]):
        document = {"format": 1, "checklist": "pulse-check", "version": 1}
        (files / f"{number}.json").write_text(
            json.dumps({**document, "answers": {"voice-channel": value}})
        )
    (files / "mine.json").write_text(
        json.dumps({"format": 1, "checklist": "employer-check", "version": 2, "answers": {}})
    )
    mine = tmp_path / "my-answers.json"
    mine.write_text(
        json.dumps(
            {
                "format": 1,
                "checklist": "employer-check",
                "version": 2,
                "answers": {"voice-channel": "partly", "pay-ranges": "fully"},
            }
        )
    )
    code = (collect + compare).replace('Path(".")', repr(MINI).replace("PosixPath", "Path"))
    code = (
        code.replace('"worker-pulse"', '"pulse-check"')
        .replace('"employer-self-assessment"', '"employer-check"')
        .replace('Path("pulse-files")', f"Path({str(files)!r})")
        .replace('Path("my-answers.json")', f"Path({str(mine)!r})")
    )
    namespace: dict[str, Any] = {}
    exec(compile(code, "ANSWERS_FORMAT.md", "exec"), namespace)
    assert namespace["refused"] == 1 and len(namespace["workers"]) == 5
    voice, pay = namespace["comparison"]["sections"]
    # Workers: 2, 3, 1, 2, 0 of 3 points -> mean 53.3; employer: 1 of 2 -> 50.
    assert (voice["employer"], voice["workers"], voice["responses"], voice["gap"]) == (
        50.0,
        53.3,
        5,
        3.3,
    )
    assert (pay["employer"], pay["suppressed"], pay["responses"]) == (100.0, True, 0)
