"""Scores, the plan, keeping and restoring answers, in the browser.

The fixture project is built once per session and served on 127.0.0.1; each test
gets a fresh browser context. See conftest.py for the shared fixtures.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.checklists.scoring import (
    AnswersFileError,
    read_answers_file,
    score,
)

from .conftest import CHROMIUM, REPO
from .helpers import (
    BROWSER_MARKS,
    CASES,
    CASES_DIR,
    EMPLOYER,
    HOSTILE_NAME,
    IN_CI,
    OFFER,
    answer,
    case_bytes,
    checked,
    definition_for,
    fmt,
    random_answers,
    restore,
    stored,
)

pytestmark = BROWSER_MARKS

if CHROMIUM.exists() or IN_CI:
    from playwright.sync_api import BrowserContext, Page


def test_answering_shows_progress_scores_and_method(page: Page, base: str) -> None:
    page.goto(base + EMPLOYER)
    assert page.inner_text(".pb-progress-text") == "0 of 4 answered."
    answers = {"voice-channel": "partly", "voice-followup": "not-sure", "pay-ranges": "fully"}
    answer(page, answers)
    expected = score(definition_for("employers", "employer-check"), answers)
    assert page.inner_text(".pb-progress-text") == (
        f"3 of 4 answered. Overall score {expected['overall']:g} out of 100."
    )
    live = page.locator(".pb-progress-live")
    assert live.get_attribute("role") == "status"
    assert live.get_attribute("aria-live") == "polite"
    assert f"Overall score: {expected['overall']:g} out of 100" in page.inner_text(".pb-overall")
    values = page.locator(".pb-chart-value").all_inner_texts()
    assert values == [
        fmt(expected["sections"]["worker-voice"]),
        fmt(expected["sections"]["pay-equity"]),
    ]
    # The method, in numbers: the weighted points behind each score.
    rows = page.locator(".pb-method tbody tr").all_inner_texts()
    assert rows[0].split("\t") == ["Worker voice and representation", "2 of 2", "1", "2 of 4", "50"]
    assert page.locator(".pb-chart figcaption").inner_text() == "Score by section, from 0 to 100"
    assert page.locator(".pb-chart-bar").first.get_attribute("aria-hidden") == "true"


def test_browser_scores_equal_python_scores_on_generated_answers(page: Page, base: str) -> None:
    page.goto(base + EMPLOYER)
    definition = definition_for("employers", "employer-check")
    # The page scores from the same data Python builds from the YAML.
    assert page.evaluate("() => window.playbookChecklist.definition()") == definition
    rng = random.Random(20261125)
    sets = [random_answers(rng, definition) for _ in range(300)]
    browser_scores = page.evaluate("sets => sets.map(a => window.playbookChecklist.score(a))", sets)
    assert browser_scores == [score(definition, answers) for answers in sets]
    # And the page's own display agrees for one set answered by clicking.
    clicked = {k: v for k, v in sets[7].items() if v != "bogus"}
    answer(page, clicked)
    expected = score(definition, clicked)
    assert page.locator(".pb-chart-value").all_inner_texts() == [
        fmt(expected["sections"][key]) for key in ("worker-voice", "pay-equity")
    ]


def test_browser_scores_equal_python_on_a_big_checklist_with_awkward_numbers(
    page: Page, base: str
) -> None:
    """Twenty sections of ten items, fractional weights and points: exact equality."""
    rng = random.Random(7)
    scale = [
        {"value": f"v{i}", "label": f"V{i}", "points": p, "concern": False}
        for i, p in enumerate([0, 0.5, 1.25, 2, 3.3])
    ] + [{"value": "not-sure", "label": "Not sure", "points": None, "concern": False}]
    definition = {
        "format": 1,
        "checklist": "big",
        "version": 1,
        "kind": "self-assessment",
        "max_points": 3.3,
        "scale": scale,
        "sections": [
            {
                "key": f"s{s}",
                "items": [
                    {"id": f"s{s}-i{i}", "weight": rng.choice([0.1, 0.3, 0.7, 1, 1.5, 2.5, 7, 10])}
                    for i in range(10)
                ],
            }
            for s in range(20)
        ],
    }
    sets = [random_answers(rng, definition) for _ in range(300)]
    sets.append({item["id"]: "v4" for s in definition["sections"] for item in s["items"]})
    page.goto(base + EMPLOYER)
    browser_scores = page.evaluate(
        "([d, sets]) => sets.map(a => window.playbookChecklist.score(a, d))", [definition, sets]
    )
    assert browser_scores == [score(definition, answers) for answers in sets]
    assert browser_scores[-1]["overall"] == 100


def test_action_plan_links_the_weakest_clusters_to_practices(page: Page, base: str) -> None:
    page.goto(base + EMPLOYER)
    answer(page, {"voice-channel": "fully", "voice-followup": "partly", "pay-ranges": "not-yet"})
    steps = page.locator(".pb-plan-step")
    assert steps.count() == 2
    assert steps.nth(0).locator(".pb-plan-title").inner_text() == "Pay equity — 0 out of 100"
    assert "Pay ranges are written down and shared. (Not yet)" in steps.nth(0).inner_text()
    assert steps.nth(1).locator(".pb-plan-title").inner_text().startswith("Worker voice")
    link = steps.nth(0).locator("a")
    assert link.inner_text() == "Review pay every year"
    assert link.get_attribute("href") == "../../practices/regular-pay-review/"
    link.click()  # Material's instant navigation
    page.wait_for_url("**/practices/regular-pay-review/")
    assert page.inner_text("h1").startswith("Review pay every year")


def test_small_employer_first_steps_come_first(page: Page, base: str) -> None:
    """A second practice, not a first step, is listed before the fixture's first step."""
    other = {
        "id": "joint-committee",
        "title": "Set up a joint committee",
        "url": "../clusters/pay-equity.md",
        "href": "../../clusters/pay-equity/",
        "first_step": False,
        "small": False,
        "effort": "high",
    }

    def add_practice(route: Any) -> None:
        html = route.fetch().text()
        holder = re.search(r'(<template class="pb-definition"[^>]*>)(.*?)(</template>)', html, re.S)
        assert holder is not None
        definition = json.loads(holder.group(2))
        definition["sections"][1]["items"][0]["practices"].insert(0, other)
        html = html.replace(holder.group(2), json.dumps(definition).replace("<", "\\u003c"))
        route.fulfill(body=html, content_type="text/html")

    page.route("**/checklists/employer-check/", add_practice)
    page.goto(base + EMPLOYER)
    answer(page, {"pay-ranges": "not-yet"})
    titles = page.locator(".pb-plan-practices li")
    assert titles.all_inner_texts() == [
        "Set up a joint committee (high effort)",
        "Review pay every year (good first step for a small employer; medium effort)",
    ]
    small = page.get_by_label(
        "A small employer (fewer than 50 workers): show good first steps first"
    )
    small.check()
    assert titles.all_inner_texts()[0].startswith("Review pay every year")
    assert "first steps for small employers are now listed first" in page.inner_text(".pb-message")
    assert json.loads(next(iter(stored(page, "sessionStorage").values())))["small_employer"] is True
    page.reload()
    assert small.is_checked()
    assert titles.all_inner_texts()[0].startswith("Review pay every year")


def test_answers_stay_in_the_tab_unless_remembered(
    context: BrowserContext, page: Page, base: str
) -> None:
    key = "playbook:employers:employer-check:v2"
    page.goto(base + EMPLOYER)
    assert stored(page, "sessionStorage") == {} and stored(page, "localStorage") == {}
    answer(page, {"voice-channel": "partly"})
    assert json.loads(stored(page, "sessionStorage")[key])["answers"] == {"voice-channel": "partly"}
    assert stored(page, "localStorage") == {}
    page.reload()
    assert checked(page) == {"voice-channel": "partly"}
    # A new tab starts empty: sessionStorage belongs to one tab.
    other = context.new_page()
    other.goto(base + EMPLOYER)
    assert checked(other) == {}
    other.close()
    # Opting in moves the answers to localStorage; the choice is namespaced too.
    page.get_by_label("Remember my answers on this device").check()
    assert set(stored(page, "localStorage")) == {key, "playbook:employers:employer-check:remember"}
    assert stored(page, "sessionStorage") == {}
    assert "remembered on this device" in page.inner_text(".pb-message")
    other = context.new_page()
    other.goto(base + EMPLOYER)
    assert checked(other) == {"voice-channel": "partly"}
    assert other.get_by_label("Remember my answers on this device").is_checked()
    other.close()
    # The same checklist in another edition is kept apart.
    page.goto(base + "agencies/checklists/employer-check/")
    assert checked(page) == {}
    page.goto(base + EMPLOYER)
    page.get_by_label("Remember my answers on this device").uncheck()
    assert stored(page, "localStorage") == {}
    assert list(stored(page, "sessionStorage")) == [key]


def test_clear_my_answers_asks_then_removes_everything(page: Page, base: str) -> None:
    page.goto(base + EMPLOYER)
    answer(page, {"voice-channel": "partly", "pay-ranges": "fully"})
    page.get_by_label("Remember my answers on this device").check()
    page.get_by_role("button", name="Clear my answers").click()
    page.get_by_role("button", name="Cancel").click()
    assert checked(page) == {"voice-channel": "partly", "pay-ranges": "fully"}
    page.get_by_role("button", name="Clear my answers").click()
    page.get_by_role("button", name="Yes, clear them").click()
    assert checked(page) == {}
    assert stored(page, "sessionStorage") == {} and stored(page, "localStorage") == {}
    assert not page.get_by_label("Remember my answers on this device").is_checked()
    assert (
        page.inner_text(".pb-message")
        == "Your answers were cleared from this page and this device."
    )
    assert page.inner_text(".pb-overall-score") == "Overall score: not yet scored"


@pytest.mark.parametrize("version", [1, 2])
def test_the_real_self_assessment_keeps_answers_from_each_older_version(
    page: Page, bundled_base: str, version: int
) -> None:
    """Stored answers and saved files from versions 1 and 2 of the bundled checklist."""
    history = Path(__file__).parent / "answers_cases/history"
    old = json.loads((history / f"employer-self-assessment-v{version}.json").read_text("utf-8"))
    page.goto(bundled_base + "employers/checklists/employer-self-assessment/")
    page.wait_for_function("() => window.playbookChecklist !== undefined")
    current = page.evaluate("() => window.playbookChecklist.definition().version")
    assert current == 3
    # The page's reader keeps every answer of an older file.
    read = page.evaluate("text => window.playbookChecklist.read(text)", json.dumps(old))
    assert read["ok"] and (read["ignoredItems"], read["ignoredValues"]) == (0, 0)
    assert read["sets"][0]["answers"] == old["answers"]
    # Answers kept in the browser under the older version's key move to the current one.
    old_key = f"playbook:employers:employer-self-assessment:v{version}"
    page.evaluate(
        "([key, doc]) => sessionStorage.setItem(key, JSON.stringify(doc))", [old_key, old]
    )
    page.reload()
    page.wait_for_function("() => window.playbookChecklist !== undefined")
    assert checked(page) == old["answers"]
    assert "conditions-harassment-acted-on" not in checked(page)
    notice = page.inner_text(".pb-message")
    assert f"changed since you last used it (version {version} to 3)" in notice
    assert f"{len(old['answers'])} answers were kept" in notice and "dropped" not in notice
    assert list(stored(page, "sessionStorage")) == [
        "playbook:employers:employer-self-assessment:v3"
    ]


def test_answers_from_an_older_version_are_migrated_with_a_notice(page: Page, base: str) -> None:
    page.goto(base + EMPLOYER)
    old = {
        "format": 1,
        "checklist": "employer-check",
        "version": 1,
        "answers": {"voice-channel": "fully", "retired-question": "partly", "pay-ranges": "bogus"},
    }
    page.evaluate(
        "doc => sessionStorage.setItem('playbook:employers:employer-check:v1', JSON.stringify(doc))",
        old,
    )
    page.reload()
    assert checked(page) == {"voice-channel": "fully"}
    notice = page.inner_text(".pb-message")
    assert "changed since you last used it (version 1 to 2)" in notice
    assert "1 answer was kept" in notice and "retired-question" in notice
    assert list(stored(page, "sessionStorage")) == ["playbook:employers:employer-check:v2"]
    # A record that cannot be read is dropped, with a notice.
    page.evaluate(
        "() => { sessionStorage.clear(); sessionStorage.setItem('playbook:employers:employer-check:v1', '{\"answers\": [1]}') }"
    )
    page.reload()
    assert checked(page) == {}
    assert "could not be used, so they were removed" in page.inner_text(".pb-message")
    assert stored(page, "sessionStorage") == {}


def test_save_then_restore_round_trip(page: Page, base: str) -> None:
    page.goto(base + EMPLOYER)
    answers = {"voice-channel": "partly", "voice-followup": "not-sure", "pay-audit": "fully"}
    answer(page, answers)
    with page.expect_download() as download:
        page.get_by_role("button", name="Save to file").click()
    assert re.fullmatch(
        r"employer-check-answers-\d{4}-\d\d-\d\d\.json", download.value.suggested_filename
    )
    data = Path(download.value.path()).read_bytes()
    document = json.loads(data)
    assert document["format"] == 2 and document["checklist"] == "employer-check"
    assert document["version"] == 2 and document["edition"] == "employers"
    assert document["answers"] == answers
    # Python reads the same file and gets the scores the page saved.
    definition = definition_for("employers", "employer-check")
    saved = read_answers_file(data, definition)
    assert saved.answer_sets == [(None, answers)]
    expected = score(definition, answers)
    assert document["scores"] == {"overall": expected["overall"], "sections": expected["sections"]}

    page.get_by_role("button", name="Clear my answers").click()
    page.get_by_role("button", name="Yes, clear them").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Restore from file").click()
    chooser.value.set_files(download.value.path())
    page.wait_for_function(
        "() => document.querySelector('.pb-message').textContent.startsWith('Restored')"
    )
    assert checked(page) == answers
    assert page.inner_text(".pb-message").startswith("Restored 3 answers from")
    assert json.loads(next(iter(stored(page, "sessionStorage").values())))["answers"] == answers


def test_download_csv_has_one_row_per_item(page: Page, base: str) -> None:
    page.goto(base + EMPLOYER)
    answer(page, {"voice-channel": "partly", "pay-ranges": "not-sure"})
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines() == [
        '"Section","Item id","Question","Answer","Points","Weight"',
        '"Worker voice and representation","voice-channel","Workers have a safe way to raise concerns.","Partly","1","2"',
        '"Worker voice and representation","voice-followup","You tell workers what happened to their ideas.","","","1"',
        '"Pay equity","pay-ranges","Pay ranges are written down and shared.","Not sure","","1"',
        '"Pay equity","pay-audit","You check pay for gaps between groups doing similar work.","","","0.7"',
    ]


REJECTED = {
    "not json": ("<script>window.__pwned=1</script>", "not a file of saved answers"),
    "wrong shape": (
        json.dumps({"format": 1, "checklist": "offer-check", "version": 1, "offers": {"a": 1}}),
        "not in the expected shape",
    ),
    "answers not object": (
        json.dumps(
            {"format": 1, "checklist": "offer-check", "version": 1, "offers": [{"answers": "no"}]}
        ),
        "not in the expected shape",
    ),
    "other checklist": (
        json.dumps(
            {"format": 1, "checklist": "<b>employer-check</b>", "version": 1, "answers": {}}
        ),
        "holds answers for a different checklist (“<b>employer-check</b>”)",
    ),
    "newer version": (
        json.dumps({"format": 1, "checklist": "offer-check", "version": 9, "offers": []}),
        "comes from a newer version of this checklist",
    ),
    "other format": (
        json.dumps({"format": 3, "checklist": "offer-check", "version": 1}),
        "in a format this page cannot read",
    ),
    "too many offers": (
        json.dumps(
            {
                "format": 1,
                "checklist": "offer-check",
                "version": 1,
                "offers": [{"name": str(i), "answers": {}} for i in range(4)],
            }
        ),
        "you can compare up to 3",
    ),
    "huge": (
        json.dumps(
            {
                "format": 1,
                "checklist": "offer-check",
                "version": 1,
                "offers": [],
                "pad": "x" * 300_000,
            }
        ),
        "too big",
    ),
}


def test_hostile_restore_files_are_inert_or_rejected(page: Page, base: str) -> None:
    page.goto(base + OFFER)
    answer(page, {"pay-written": "yes"})
    hostile = {
        "format": 1,
        "checklist": "offer-check",
        "version": 1,
        "offers": [
            {
                "name": HOSTILE_NAME,
                "answers": {
                    "pay-written": "no",
                    "voice-speak-up": "<script>window.__pwned=1</script>",
                    "<img src=x onerror=window.__pwned=1>": "yes",
                    "__proto__": "yes",
                },
            },
            {"name": "<script>window.__pwned=1</script>", "answers": {"pay-written": "not-sure"}},
        ],
    }
    message = restore(page, json.dumps(hostile), name="<b onmouseover=alert(1)>x</b>.json")
    assert message == (
        "Restored 2 answers from “<b onmouseover=alert(1)>x</b>.json”. The file holds 2 offers."
        " 2 answers were left out because this checklist has no such question."
        " 1 answer was left out because the answer is not one of the choices."
    )
    # The names are shown as the text they are, and nothing ran.
    assert page.locator(".pb-offer-label").all_inner_texts() == [
        HOSTILE_NAME,
        "<script>window.__pwned=1</script>",
    ]
    assert HOSTILE_NAME in page.inner_text(".pb-compare-wrap")
    page.locator(".pb-offer-label").first.hover()
    assert page.evaluate("() => window.__pwned") is None
    assert (
        page.locator(
            ".pb-controls img, .pb-results img, .pb-controls b, .pb-results script"
        ).count()
        == 0
    )

    for case, (content, expected) in REJECTED.items():
        before = checked(page)
        message = restore(page, content, name=f"{case}.json")
        assert page.locator(".pb-error").get_attribute("role") == "alert"
        assert expected in message, (case, message)
        assert message.endswith("Nothing was changed."), case
        assert checked(page) == before, case
        # Python's reader gives the same verdict.
        with pytest.raises(AnswersFileError):
            read_answers_file(content, definition_for("jobseekers", "offer-check"))
    assert page.evaluate("() => window.__pwned") is None


def test_page_and_python_readers_agree(page: Page, base: str) -> None:
    page.goto(base + EMPLOYER)
    definition = definition_for("employers", "employer-check")
    documents = [
        {
            "answers": {
                "voice-channel": "fully",
                "x": "fully",
                "pay-ranges": "no",
                "pay-audit": None,
            }
        },
        {"version": 1, "answers": {"voice-followup": "not-sure"}},
        {"version": 2.5, "answers": {}},
        {"version": True, "answers": {}},
        {"answers": []},
        {"answers": {"__proto__": "fully", "constructor": "fully"}},
    ]
    for change in documents:
        text = json.dumps({"format": 1, "checklist": "employer-check", "version": 2, **change})
        verdict = page.evaluate("t => window.playbookChecklist.read(t)", text)
        try:
            saved = read_answers_file(text, definition)
        except AnswersFileError:
            assert verdict["ok"] is False, change
            continue
        assert verdict["ok"] is True, change
        assert [s["answers"] for s in verdict["sets"]] == [a for _, a in saved.answer_sets]
        assert verdict["ignoredItems"] == saved.ignored_items
        assert verdict["ignoredValues"] == saved.ignored_values


def test_shared_answers_cases_in_the_browser(page: Page, base: str) -> None:
    """tests/answers_cases/ through the reader module the page's script is made from, in
    Chromium. The site ships the modules joined into one file, so the test serves the
    module files themselves beside the page."""

    modules = REPO / "playbook_builder/assets/checklist"
    page.route(
        "**/assets/playbook/checklist/*.js",
        lambda route: route.fulfill(
            path=str(modules / route.request.url.rsplit("/", 1)[1]),
            content_type="text/javascript",
        ),
    )
    page.goto(base + EMPLOYER)
    definitions = json.loads((CASES_DIR / "definitions.json").read_text("utf-8"))
    cases = [[case["checklist"], list(case_bytes(case))] for case in CASES]
    verdicts = page.evaluate(
        """async ([defs, cases]) => {
            const m = await import(new URL('../../assets/playbook/checklist/answers.js', location.href));
            return cases.map(([id, bytes]) => {
                try {
                    const r = m.readBytes(Uint8Array.from(bytes), defs[id], m.itemIdsOf(defs[id]));
                    return {accept: true, answers: r.sets.map(s => s.answers),
                            ignored_items: r.ignoredItems, ignored_values: r.ignoredValues};
                } catch (error) {
                    return {accept: false, reason: error.reason || String(error)};
                }
            });
        }""",
        [definitions, cases],
    )
    for case, verdict in zip(CASES, verdicts, strict=True):
        expect = case["expect"]
        if not expect["accept"]:
            assert verdict == {"accept": False, "reason": expect["reason"]}, case["name"]
            continue
        assert verdict == {
            "accept": True,
            "answers": expect["answers"],
            "ignored_items": expect["ignored_items"],
            "ignored_values": expect["ignored_values"],
        }, case["name"]


def test_crafted_and_foreign_files_always_end_in_a_message(page: Page, base: str) -> None:
    page.goto(base + EMPLOYER)
    answer(page, {"voice-channel": "partly"})
    crafted = {
        "format": {"toString": None, "valueOf": None},
        "checklist": "employer-check",
        "version": 2,
        "answers": {},
    }
    message = restore(page, json.dumps(crafted), name="crafted.json")
    assert message == (
        "Could not restore from “crafted.json”. This file is in a format this page cannot"
        " read (format “{…}”). Nothing was changed."
    )
    for content, expected in [
        (
            json.dumps({**crafted, "format": 1, "checklist": {"toString": None}}),
            "holds answers for a different checklist (“{…}”)",
        ),
        ("[" * 100_000, "nested more than 32 levels deep"),
        (
            json.dumps({**crafted, "format": 1}).encode("utf-16"),
            "This file is not UTF-8 text",
        ),
    ]:
        message = restore(page, content, name="x.json")
        assert expected in message and message.endswith("Nothing was changed."), message
    assert checked(page) == {"voice-channel": "partly"}
    # UTF-8 with a byte-order mark and a version written 2.0 are read.
    text = (
        '{"format":1,"checklist":"employer-check","version":2.0,"answers":{"pay-ranges":"fully"}}'
    )
    message = restore(page, b"\xef\xbb\xbf" + text.encode(), name="bom.json")
    assert message.startswith("Restored 1 answer from “bom.json”."), message
    assert checked(page) == {"pay-ranges": "fully"}
