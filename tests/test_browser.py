"""The checklists in a real browser: Playwright driving Debian's chromium.

The fixture project is built once per session and served over HTTP on 127.0.0.1. Each
test gets a fresh browser context (so fresh sessionStorage and localStorage). Outside CI
the tests are skipped when /usr/bin/chromium is missing; in CI (CI=true) they fail.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.checklists.scoring import (
    AnswersFileError,
    compare_with_companion,
    read_answers_file,
    score,
)

from .conftest import CHROMIUM, REPO
from .test_scoring import definition_for

IN_CI = os.environ.get("CI") == "true"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not IN_CI,
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]

if CHROMIUM.exists() or IN_CI:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Browser, BrowserContext, FileChooser, Page

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
EMPLOYER = "employers/checklists/employer-check/"
OFFER = "jobseekers/checklists/offer-check/"


# --------------------------------------------------------------------------- fixtures


# The built sites, their servers and the browser are shared fixtures: see conftest.py.


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    assert errors == [], f"script errors on the page: {errors}"


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


# ---------------------------------------------------------------------------- helpers


def answer(page: Page, answers: dict[str, str]) -> None:
    for item, value in answers.items():
        radio = page.locator(f'input[name="{item}"][value="{value}"]')
        if not radio.is_visible() and page.locator(".pb-view-toggle[aria-pressed=false]").count():
            show_all(page)  # the quick check hides the rest of the offer checklist
        radio.check()


def show_all(page: Page) -> None:
    """The offer checklist's full list (the quick check shows the core items first)."""
    page.locator(".pb-view-toggle").first.click()
    assert page.locator(".pb-view-toggle[aria-pressed=true]").count() == 2


def checked(page: Page) -> dict[str, str]:
    values: dict[str, str] = page.eval_on_selector_all(
        ".pb-item input[type=radio]:checked",
        "inputs => Object.fromEntries(inputs.map(i => [i.name, i.value]))",
    )
    return values


def stored(page: Page, area: str) -> dict[str, str]:
    items: dict[str, str] = page.evaluate(
        f"() => Object.fromEntries(Object.keys({area}).filter(k => k.startsWith('playbook:'))"
        f".map(k => [k, {area}.getItem(k)]))"
    )
    return items


def fmt(value: float | None) -> str:
    return "not scored yet" if value is None else f"{value:g} / 100"


def restore(page: Page, content: str | bytes, name: str = "answers.json") -> str:
    """Restore a file through the hidden file input; return the message shown."""
    page.evaluate(
        "() => { for (const n of document.querySelectorAll('.pb-message, .pb-error')) n.textContent = '' }"
    )
    data = content.encode() if isinstance(content, str) else content
    page.set_input_files(
        "input.pb-file", files=[{"name": name, "mimeType": "application/json", "buffer": data}]
    )
    page.wait_for_function(
        "() => document.querySelector('.pb-message').textContent || document.querySelector('.pb-error').textContent"
    )
    return str(page.inner_text(".pb-message, .pb-error >> visible=true"))


def pdf_pages(page: Page, paper: str = "Letter") -> int:
    return len(re.findall(rb"/Type\s*/Page\b", page.pdf(format=paper)))


def axe_violations(page: Page, axe: Axe) -> list[str]:
    # Let transitions finish first: Material fades its "Back to top" button in after a
    # scroll, and half-faded text is not what readers see.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    result = axe.run(page, options=WCAG_21_AA)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result.response["violations"]
    ]


def random_answers(rng: random.Random, definition: dict[str, Any]) -> dict[str, str]:
    values = [o["value"] for o in definition["scale"]]
    answers = {}
    for section in definition["sections"]:
        for item in section["items"]:
            roll = rng.random()
            if roll < 0.2:
                continue  # unanswered
            answers[item["id"]] = "bogus" if roll < 0.25 else rng.choice(values)
    return answers


# ------------------------------------------------------------------ answering, scores


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


# ----------------------------------------------------------------------- action plan


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


# --------------------------------------------------------------------------- storage


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
    page.wait_for_function("window.playbookChecklist !== undefined")
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
    page.wait_for_function("window.playbookChecklist !== undefined")
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


# ------------------------------------------------------------- files: save, restore, CSV


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


HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">'
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
        "Restored 2 answers for 2 offers from “<b onmouseover=alert(1)>x</b>.json”."
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


# ---------------------------------------------------------- compare with your workers

PULSE_INPUT = "input.pb-pair-files"


def pulse_file(name: str, document: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "mimeType": "application/json", "buffer": json.dumps(document).encode()}


def pulse_files(rng: random.Random) -> list[dict[str, Any]]:
    """Six worker files (only three answer pay), a hostile one, and the wrong checklist."""
    files = []
    for number in range(6):
        answers = {
            "voice-channel": rng.choice(["disagree", "somewhat", "agree", "strongly"]),
            "voice-followup": rng.choice(["somewhat", "agree", "not-sure"]),
        }
        if number < 3:
            answers["pay-ranges"] = rng.choice(["disagree", "somewhat", "strongly"])
        document = {"format": 1, "checklist": "pulse-check", "version": 1, "answers": answers}
        files.append(pulse_file(f"pulse-{number}.json", document))
    hostile = {
        "format": 1,
        "checklist": "pulse-check",
        "version": 1,
        "answers": {
            "voice-channel": "<script>window.__pwned=1</script>",
            "<img src=x onerror=window.__pwned=1>": "agree",
            "__proto__": "agree",
        },
    }
    files.append(pulse_file("<script>window.__pwned=1</script>.json", hostile))
    own = {"format": 1, "checklist": "employer-check", "version": 2, "answers": {}}
    files.append(pulse_file(HOSTILE_NAME + ".json", own))
    return files


def shown(value: float | None) -> str:
    return "not scored yet" if value is None else f"{value:g}"


def gap(row: dict[str, Any]) -> str:
    if row["gap"] is None:
        return "not shown" if row["suppressed"] else "—"
    if row["gap"] == 0:
        return "0 (the same)"
    return f"{row['gap']:+g} " + ("(workers higher)" if row["gap"] > 0 else "(workers lower)")


def comparison_rows(result: dict[str, Any]) -> list[list[str]]:
    """The comparison table as the page should show it, from Python's numbers."""
    return [
        [
            row.get("title", "Overall"),
            str(row["items"]),
            shown(row["employer"]),
            "fewer than 5 responses" if row["suppressed"] else f"{row['workers']:g}",
            str(row["responses"]),
            gap(row),
        ]
        for row in [*result["sections"], result["overall"]]
    ]


def choose_pulse_files(page: Page, files: list[dict[str, Any]]) -> str:
    page.set_input_files(PULSE_INPUT, files=files)
    page.wait_for_function(
        "() => document.querySelector('.pb-pair .pb-message').textContent.startsWith('Read')"
    )
    return str(page.inner_text(".pb-pair .pb-message"))


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
        "Read 8 files: 7 used, 1 not used (listed below). 3 answers in the files were left out"
        " because the survey has no such question or the answer is not one of its choices."
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


# ---------------------------------------------------------------------------- offers


def test_offers_are_named_compared_and_switched(page: Page, base: str) -> None:
    page.goto(base + OFFER)
    answer(page, {"pay-written": "no", "voice-speak-up": "not-sure"})
    assert page.inner_text(".pb-offer-heading") == "Offer: Offer 1"
    flags = page.locator(".pb-flags")
    assert "Red flags (1)" in flags.inner_text()
    assert "They will not write it down." in flags.inner_text()
    assert "Ask: Who do I talk to if I have a problem?" in page.inner_text(".pb-asks")
    assert "Add another offer" in page.inner_text(".pb-compare-wrap")

    page.get_by_role("button", name="Add another offer").click()
    name = page.get_by_label("Name of this offer")
    assert name.evaluate("n => n === document.activeElement")
    name.fill("Riverside Cafe")
    assert checked(page) == {}
    answer(page, {"pay-written": "yes", "voice-speak-up": "yes"})
    page.get_by_role("button", name="Add another offer").click()
    name.fill("Night shift")
    answer(page, {"pay-written": "not-sure"})
    assert page.get_by_role("button", name="Add another offer").is_disabled()
    assert "most offers this page holds (3)" in page.inner_text(".pb-offers")

    page.locator(".pb-every-answer summary").click()
    table = page.locator(".pb-compare-wrap table")
    assert table.locator("thead th").all_inner_texts() == [
        "Question",
        "Offer 1",
        "Riverside Cafe",
        "Night shift (answering now)",
    ]
    assert table.locator("tbody tr").first.inner_text().split("\t") == ["Red flags", "1", "0", "0"]
    row = table.locator("tr", has_text="Is the pay written down?")
    assert row.inner_text().split("\t") == [
        "Is the pay written down?",
        "No red flag",
        "Yes",
        "Not sure",
    ]

    page.get_by_label("Offer 1", exact=True).check()
    assert checked(page) == {"pay-written": "no", "voice-speak-up": "not-sure"}
    assert page.inner_text(".pb-message") == "Now answering for Offer 1."

    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == '"Section","Item id","Question","Offer 1","Riverside Cafe","Night shift"'
    assert lines[1] == '"Pay","pay-written","Is the pay written down?","No","Yes","Not sure"'
    # Then a row for each of an offer's numbers, empty where none were given.
    assert lines[-9] == '"Pay, hours and more","pay_amount","Pay","","",""'
    assert lines[-1] == '"Pay, hours and more","start_date","Start date","","",""'

    page.get_by_label("Night shift").check()
    page.get_by_role("button", name="Remove this offer").click()
    page.get_by_role("button", name="Yes, remove it").click()
    assert page.locator(".pb-offer-label").all_inner_texts() == ["Offer 1", "Riverside Cafe"]
    assert page.get_by_label("Riverside Cafe").is_checked()
    record = json.loads(stored(page, "sessionStorage")["playbook:jobseekers:offer-check:v1"])
    assert [o["name"] for o in record["offers"]] == ["Offer 1", "Riverside Cafe"]
    page.reload()
    assert page.locator(".pb-offer-label").all_inner_texts() == ["Offer 1", "Riverside Cafe"]
    assert checked(page) == {"pay-written": "yes", "voice-speak-up": "yes"}


def test_print_shows_only_the_current_offer_on_one_page(page: Page, base: str) -> None:
    page.goto(base + OFFER)
    answer(page, {"pay-written": "no"})
    page.get_by_role("button", name="Add another offer").click()
    page.get_by_label("Name of this offer").fill("Riverside Cafe")
    answer(page, {"pay-written": "yes", "voice-speak-up": "not-sure"})
    assert not page.locator(".pb-print-answers").is_visible()
    page.emulate_media(media="print")
    for hidden in (
        ".pb-controls",
        "#pb-checklist",
        ".pb-compare-wrap",
        ".md-header",
        ".md-sidebar",
    ):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("h1").is_visible()
    printed = page.inner_text(".pb-results")
    assert "Offer: Riverside Cafe" in printed
    assert "Offer 1" not in printed
    # Every answer, once: here one good sign and one question to ask.
    assert page.locator(".pb-good li").all_inner_texts() == ["Is the pay written down? (Yes)"]
    assert page.locator(".pb-asks li").all_inner_texts() == [
        "Can you raise a problem without fear? Ask: Who do I talk to if I have a problem?"
    ]
    assert pdf_pages(page) == 1


def test_print_without_script_shows_the_whole_checklist(browser: Browser, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base + OFFER)
        assert page.locator(".pb-noscript").is_visible()
        assert not page.locator(".pb-controls").is_visible()
        assert not page.locator("#pb-results").is_visible()
        assert page.get_by_role("group", name="Is the pay written down?").is_visible()
        # Without the script there is no quick check: every question shows.
        assert page.get_by_role("group", name="Can you raise a problem without fear?").is_visible()
        page.get_by_label("Not sure").first.check()  # the form still works as a form
        page.emulate_media(media="print")
        assert page.locator("#pb-checklist").is_visible()
        assert page.locator(".pb-details").first.is_visible()
        assert not page.locator(".pb-noscript").is_visible()
    finally:
        context.close()


def states_loaded(page: Page, box: str) -> None:
    """Wait until the state chooser in ``box`` has its list (fetched after the page) and
    the chosen state's figures, if any (fetched when it is chosen)."""
    page.wait_for_function(
        f"() => {{ const s = document.querySelector('{box} select'); return s && !s.disabled; }}"
    )
    figures_shown(page)


def figures_shown(page: Page) -> None:
    """Wait until no chosen state's figures are still on their way."""
    page.wait_for_function("() => !document.querySelector('.pb-loading')")


def test_quick_check_first_and_the_full_list_keep_every_answer(page: Page, base: str) -> None:
    page.goto(base + OFFER)
    speak_up = page.get_by_role("group", name="Can you raise a problem without fear?")
    assert page.get_by_role("group", name="Is the pay written down?").is_visible()
    assert not speak_up.is_visible()  # not a core item: behind "Show all"
    assert page.inner_text(".pb-view-text") == "Quick check: 1 of 2."
    answer(page, {"pay-written": "yes"})
    show_all(page)
    assert speak_up.is_visible()
    answer(page, {"voice-speak-up": "no"})
    page.locator(".pb-view-toggle").first.click()  # back to the quick check
    assert not speak_up.is_visible()
    assert "Your other answers are kept" in page.inner_text(".pb-message")
    # Hidden items keep their answers: in the summary, the record and after a reload.
    assert "Red flags (1)" in page.inner_text(".pb-flags")
    record = json.loads(stored(page, "sessionStorage")["playbook:jobseekers:offer-check:v1"])
    assert record["offers"][0]["answers"] == {"pay-written": "yes", "voice-speak-up": "no"}
    page.reload()
    assert "2 of 2 answered" in page.inner_text(".pb-progress-text")
    assert checked(page) == {"pay-written": "yes", "voice-speak-up": "no"}


def test_tips_are_a_disclosure_that_opens_for_printing(page: Page, base: str) -> None:
    page.goto(base + OFFER)
    show_all(page)
    tips = page.locator("details.pb-tips")
    assert tips.count() == 2
    assert not page.get_by_text("Can I see the pay in writing?", exact=True).is_visible()
    tips.nth(1).locator("summary").click()  # one opened by the reader stays open after
    assert tips.first.locator("summary").inner_text() == "Tips and the law"
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert tips.evaluate_all("all => all.map(d => d.open)") == [True, True]
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert tips.evaluate_all("all => all.map(d => d.open)") == [False, True]


def test_first_answer_says_once_where_answers_are_kept(page: Page, base: str) -> None:
    page.goto(base + OFFER)
    assert page.locator(".pb-keep-notice").count() == 0
    answer(page, {"pay-written": "yes"})
    notice = page.locator(".pb-keep-notice")
    assert "kept in this tab only" in notice.inner_text()
    # Right after the question just answered.
    assert notice.evaluate("n => n.previousElementSibling.id") == "pb-item-pay-written"
    page.get_by_role("button", name="Keep on this device").click()
    assert "kept on this device until you clear them" in notice.inner_text()
    assert page.get_by_label("Remember my answers on this device").is_checked()
    local = stored(page, "localStorage")
    assert local["playbook:jobseekers:offer-check:remember"] == "1"
    assert "pay-written" in local["playbook:jobseekers:offer-check:v1"]
    assert "playbook:jobseekers:offer-check:v1" not in stored(page, "sessionStorage")
    page.get_by_role("button", name="OK").click()
    assert page.locator(".pb-keep-notice").count() == 0
    # Once per tab: after "Remember" is turned off again, not after a reload either.
    page.get_by_label("Remember my answers on this device").uncheck()
    page.reload()
    answer(page, {"pay-written": "no"})
    assert page.locator(".pb-keep-notice").count() == 0
    assert "playbook-notice:jobseekers:offer-check" in page.evaluate(
        "() => Object.keys(sessionStorage)"
    )


OFFER_NUMBERS = [
    {"Pay": "18.50", "Pay per": "hour", "Hours a week you expect": "32",
     "Hours a week guaranteed": "20", "Commute, minutes one way": "25",
     "Commute cost a week ($)": "30", "Your cost of health cover ($)": "45.50",
     "Health cover cost per": "two weeks"},
    {"Pay": "52,000", "Pay per": "year", "Hours a week you expect": "40",
     "Commute cost a week ($)": "0"},
    {"Pay": "600", "Pay per": "week"},
]  # fmt: skip


def fill_numbers(page: Page, numbers: dict[str, str]) -> None:
    box = page.locator(".pb-offer-numbers")
    if not box.evaluate("d => d.open"):
        box.locator("summary").click()
    for label, value in numbers.items():
        field = page.get_by_label(label, exact=True)
        if field.evaluate("f => f.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)


def three_offers(page: Page) -> None:
    page.goto(base_of(page) + OFFER)
    for index, numbers in enumerate(OFFER_NUMBERS):
        if index:
            page.get_by_role("button", name="Add another offer").click()
        fill_numbers(page, numbers)
        page.get_by_label("Name of this offer").fill(["Cafe", "Depot", "Night shift"][index])
        answer(page, {"pay-written": ["no", "yes", "not-sure"][index]})


def base_of(page: Page) -> str:
    return str(page.evaluate("() => location.origin")) + "/"


def test_offers_compared_on_the_numbers_with_formulas_and_no_verdict(page: Page, base: str) -> None:
    page.goto(base + OFFER)
    three_offers(page)
    cards = page.locator(".pb-weigh-card")
    assert cards.count() == 3
    cafe, depot, night = (cards.nth(i).inner_text() for i in range(3))
    assert "$18.50 an hour" in cafe
    assert "32 expected, 20 guaranteed" in cafe
    assert "25 minutes one way, $30.00 a week" in cafe
    assert "$45.50 per two weeks" in cafe
    assert "$18.50 × 32 hours × 52 weeks = $30,784.00" in cafe
    assert "$18.50 − ($30.00 ÷ 32 hours) = $17.56" in cafe
    assert "$45.50 × 26 = $1,183.00" in cafe
    assert "Is the pay written down?" in cafe  # its red flag, by name
    assert "$52,000.00 (as offered)" in depot
    assert "($1,000.00 a week − $0.00) ÷ 40 hours = $25.00" in depot
    assert "$600.00 × 52 weeks = $31,200.00" in night
    assert "needs pay, expected hours and commute cost" in night
    assert "1 not sure, 1 not answered" in night
    verdicts = ("best", "better", "worse", "recommend", "choose")
    assert not [w for w in verdicts if w in page.inner_text(".pb-weigh-cards").lower()]
    # The numbers go in the file, and Python reads them as the page does.
    with page.expect_download() as download:
        page.get_by_role("button", name="Save to file").click()
    data = Path(download.value.path()).read_bytes()
    saved = json.loads(data)
    assert saved["format"] == 2
    assert saved["offers"][0]["details"] == {
        "pay_amount": 18.5, "pay_period": "hour", "hours_expected": 32,
        "hours_guaranteed": 20, "commute_minutes": 25, "commute_cost_week": 30,
        "health_cost": 45.5, "health_period": "two-weeks",
    }  # fmt: skip
    python = read_answers_file(data, definition_for("jobseekers", "offer-check"))
    assert python.details == [offer["details"] for offer in saved["offers"]]
    # Restored into a fresh page, the cards come back the same.
    page.get_by_role("button", name="Clear my answers").click()
    page.get_by_role("button", name="Yes, clear them").click()
    assert page.locator(".pb-weigh-card").count() == 1
    assert "Restored 3 answers for 3 offers" in restore(page, data)
    assert page.locator(".pb-weigh-card").nth(0).inner_text() == cafe
    # The CSV holds the numbers too: one row each, one column per offer.
    fill_numbers(page, {"Start date": "2027-01-04"})  # the offer answered now: Night shift
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == '"Section","Item id","Question","Cafe","Depot","Night shift"'
    assert lines[-9:] == [
        '"Pay, hours and more","pay_amount","Pay","18.5","52000","600"',
        '"Pay, hours and more","pay_period","Pay per","hour","year","week"',
        '"Pay, hours and more","hours_expected","Hours a week you expect","32","40",""',
        '"Pay, hours and more","hours_guaranteed","Hours a week guaranteed","20","",""',
        '"Pay, hours and more","commute_minutes","Commute, minutes one way","25","",""',
        '"Pay, hours and more","commute_cost_week","Commute cost a week ($)","30","0",""',
        '"Pay, hours and more","health_cost","Your cost of health cover ($)","45.5","",""',
        '"Pay, hours and more","health_period","Health cover cost per","two weeks","",""',
        '"Pay, hours and more","start_date","Start date","","","2027-01-04"',
    ]


def test_offer_comparison_reads_on_a_phone_and_prints_on_one_page(
    browser: Browser, base: str
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(base + OFFER)
        three_offers(page)
        page.locator(".pb-every-answer summary").click()
        result = page.evaluate(WIDEST)
        assert result["scroll"] <= 360, result
        # Only the every-answer table is wider, inside its labelled, focusable scroll region.
        region = page.locator(".pb-every-answer .pb-table-scroll")
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        assert region.evaluate("r => r.getBoundingClientRect().right") <= 360
        inside = region.evaluate_all(
            "all => all.flatMap(r => [r, ...r.querySelectorAll('*')]).length"
        )
        assert len(result["wide"]) <= inside, result["wide"]
        cards_wide = page.locator(".pb-weigh, .pb-weigh *").evaluate_all(
            "all => all.filter(e => e.getBoundingClientRect().right > 360.5).length"
        )
        assert cards_wide == 0
        boxes = page.locator(".pb-weigh-card").evaluate_all(
            "all => all.map(c => c.getBoundingClientRect().left)"
        )
        assert len(set(boxes)) == 1  # stacked, one above the other
        page.evaluate("() => document.documentElement.classList.add('pb-print-compare')")
        page.emulate_media(media="print")
        assert page.locator(".pb-weigh-card").nth(2).is_visible()
        assert not page.locator(".pb-flags").is_visible()
        printed = page.inner_text(".pb-weigh-printed")
        assert re.fullmatch(
            rf"Printed \d{{4}}-\d{{2}}-\d{{2}} from {re.escape(base)}{OFFER}", printed
        ), printed
        assert pdf_pages(page) == 1
    finally:
        context.close()


def test_state_chooser_shows_keeps_restores_and_clears(page: Page, base: str) -> None:
    # The reader's own day picks the figures: the day before the fixture's 2026 rates.
    page.clock.set_fixed_time(dt.datetime(2025, 12, 31, 12))
    page.goto(base + OFFER)
    chooser = page.get_by_label("Your state")
    states_loaded(page, ".pb-state-choice")
    assert chooser.locator("option").all_inner_texts() == ["Choose a state", "Colorado", "Texas"]
    page.locator("#pb-item-pay-written summary").click()
    floor = page.locator("#pb-item-pay-written .pb-state-floor")
    assert "Choose your state" in floor.inner_text()
    chooser.select_option("CO")
    figures_shown(page)
    text = floor.inner_text()
    assert "In Colorado" in text
    assert (
        "Minimum wage: $14.81 an hour. Since January 1, 2025. Denver and Edgewater set higher "
        "rates. Rises to $15.16 on January 1, 2026." in text
    )
    assert (
        "Tipped workers' cash wage: At least $11.79 an hour before tips, and tips must bring "
        "you up to the minimum wage. Since January 1, 2025. Changes to $12.14 on January 1, 2026."
    ) in text
    assert "you get whichever gives you the most" in text
    assert "The lowest legal pay where you work: $14.81 an hour (state law)." in text
    sources = floor.locator("a", has_text="source: Colorado Department of Labor and Employment")
    assert sources.count() == 2
    assert floor.locator("a[href='https://cdle.colorado.gov/dlss']").count() == 1
    assert floor.locator("a[href='tel:+13033188441']").count() == 1
    key = "playbook:jobseekers:offer-check:v1"
    assert json.loads(stored(page, "sessionStorage")[key])["state"] == "CO"
    page.reload()
    states_loaded(page, ".pb-state-choice")
    assert chooser.input_value() == "CO"
    # A state with unknown facts says to check with its labor department.
    page.locator("#pb-item-pay-written summary").click()
    chooser.select_option("TX")
    figures_shown(page)
    assert "Minimum wage: $7.25 an hour. Since July 24, 2009." in floor.inner_text()
    assert "Tipped workers' cash wage: Not checked yet." in floor.inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Save to file").click()
    saved = json.loads(Path(download.value.path()).read_text("utf-8"))
    assert saved["state"] == "TX"
    page.get_by_role("button", name="Clear my answers").click()
    page.get_by_role("button", name="Yes, clear them").click()
    assert chooser.input_value() == ""
    everything = json.dumps([stored(page, "sessionStorage"), stored(page, "localStorage")])
    assert "TX" not in everything and '"state"' not in everything
    saved["state"] = "CO"
    restore(page, json.dumps(saved))
    assert chooser.input_value() == "CO"
    figures_shown(page)
    assert "In Colorado" in floor.inner_text()


@pytest.mark.parametrize(
    ("day", "expected", "not_expected"),
    [
        (
            dt.datetime(2025, 12, 31, 12),
            "Minimum wage: $14.81 an hour. Since January 1, 2025. Denver and Edgewater set "
            "higher rates. Rises to $15.16 on January 1, 2026.",
            "$15.16 an hour. Since",
        ),
        (
            dt.datetime(2026, 1, 1, 0, 5),
            "Minimum wage: $15.16 an hour. Since January 1, 2026.",
            "Rises to",
        ),
    ],
)
def test_state_page_follows_the_readers_date(
    page: Page, base: str, day: dt.datetime, expected: str, not_expected: str
) -> None:
    """On either side of a change the state page shows the value in force on the
    reader's own day, whatever day the site was built."""
    page.clock.set_fixed_time(day)
    page.goto(base + "jobseekers/state-by-state/co/")
    page.wait_for_function("() => document.querySelector('.pb-floors[data-pb-ready]')")
    page.wait_for_load_state("networkidle")
    floors = page.locator(".pb-floors")
    wage = floors.locator("li", has_text="Minimum wage:").inner_text()
    assert expected in wage
    assert not_expected not in wage
    denver = page.locator(".pb-localities li", has_text="Denver").text_content() or ""
    assert ("$18.81" if day.year == 2025 else "$19.29") in denver
    reworded = floors.get_attribute("data-pb-reworded")
    built = floors.get_attribute("data-pb-built") or ""
    # Worded again only when a value took effect between the build day and the reader's.
    assert (reworded is not None) == (
        built < "2026-01-01" <= day.date().isoformat()
        or day.date().isoformat() < "2026-01-01" <= built
    )


def test_offer_pay_is_compared_with_the_local_floor(page: Page, base: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2026, 3, 1, 12))
    page.goto(base + OFFER)
    states_loaded(page, ".pb-state-choice")
    page.get_by_label("Your state").select_option("CO")
    figures_shown(page)
    page.locator("#pb-item-pay-written summary").click()
    floor = page.locator("#pb-item-pay-written .pb-state-floor")
    assert "The lowest legal pay where you work: $15.16 an hour (state law)." in floor.inner_text()
    place = page.get_by_label("Your city or area")
    assert place.locator("option").all_inner_texts() == ["Somewhere else in the state", "Denver"]
    place.select_option("co-denver")
    text = floor.inner_text()
    assert "Denver (city): $19.29 an hour. Since January 1, 2026." in text
    assert "The lowest legal pay where you work: $19.29 an hour (Denver)." in text
    page.locator(".pb-offer-numbers > summary").click()
    page.locator("[data-pb-detail=pay_amount]").fill("16")
    page.locator("[data-pb-detail=pay_period]").select_option("hour")
    assert "This offer pays $16.00 an hour: less than the legal minimum." in floor.inner_text()
    page.locator("[data-pb-detail=pay_amount]").fill("20")
    assert "This offer pays $20.00 an hour: at or above the legal minimum." in floor.inner_text()
    key = "playbook:jobseekers:offer-check:v1"
    record = json.loads(stored(page, "sessionStorage")[key])
    assert (record["state"], record["locality"]) == ("CO", "co-denver")
    page.reload()
    states_loaded(page, ".pb-state-choice")
    assert page.get_by_label("Your city or area").input_value() == "co-denver"


def test_rights_page_state_choice_is_kept_with_the_offer_answers(page: Page, base: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.clock.set_fixed_time(dt.datetime(2025, 12, 31, 12))
    page.goto(base + "jobseekers/guides/rights/")
    chooser = page.get_by_label("Your state")
    states_loaded(page, ".pb-state-page")
    # The state box's script: one file, no module requests.
    assert [url for url in requests if url.endswith("/checklist.bundle.js")]
    assert not [url for url in requests if "/assets/playbook/checklist/" in url]
    chooser.select_option("CO")
    figures_shown(page)
    box = page.locator(".pb-state-page .pb-state-floor")
    text = box.inner_text()
    assert "In Colorado" in text
    assert "Minimum wage: $14.81 an hour. Since January 1, 2025." in text
    assert "Paid sick leave: Yes. Since January 1, 2021." in text
    assert "you get whichever gives you the most" in text
    key = "playbook:jobseekers:offer-check:v1"
    assert json.loads(stored(page, "sessionStorage")[key])["state"] == "CO"
    # The checklist reads the same record: the same state, no answers.
    page.goto(base + OFFER)
    states_loaded(page, ".pb-state-choice")
    assert page.get_by_label("Your state").input_value() == "CO"
    assert "0 of 2 answered" in page.inner_text(".pb-progress-text")
    page.get_by_role("button", name="Clear my answers").click()
    page.get_by_role("button", name="Yes, clear them").click()
    page.goto(base + "jobseekers/guides/rights/")
    states_loaded(page, ".pb-state-page")
    assert chooser.input_value() == ""
    assert stored(page, "sessionStorage") == {} or "CO" not in json.dumps(
        stored(page, "sessionStorage")
    )


def test_pinned_state_edition_shows_its_figures_without_a_chooser(
    browser: Browser, base: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base + "jobseekers-co/checklists/offer-check/")
        floor = page.locator("#pb-item-pay-written .pb-state-floor")
        assert "In Colorado" in floor.text_content()
        # Written at build time for the build day (the fixture's newest value).
        assert "$15.16 an hour. Since January 1, 2026." in floor.text_content()
        assert page.locator("[data-pb-states]").count() == 0
    finally:
        context.close()
    page = browser.new_page()
    try:
        page.goto(base + "jobseekers-co/checklists/offer-check/")
        page.wait_for_selector(".pb-progress")
        assert page.locator(".pb-state-choice").count() == 0
        # The state's own rights page points to its floors, with no chooser either.
        page.goto(base + "jobseekers-co/guides/rights/")
        assert "Your state: Colorado" in page.inner_text("article")
        assert page.locator(".pb-state-page, select").count() == 0
    finally:
        page.close()


# ------------------------------------------------------------- navigation, keyboard


def test_instant_navigation_initialises_each_page_once(page: Page, base: str) -> None:
    page.goto(base + "employers/")
    page.locator("article a", has_text="Employer self-assessment").click()
    page.wait_for_url("**/checklists/employer-check/")
    page.wait_for_selector(".pb-progress")
    answer(page, {"pay-ranges": "fully"})
    assert page.locator(".pb-actions").count() == 1
    assert page.locator(".pb-progress").count() == 1
    assert page.locator(".pb-pair-files").count() == 1
    # Away and back again, without a reload: the answers are still there.
    page.locator("nav a", has_text="Home").first.click()
    page.wait_for_url(base + "employers/")
    page.go_back()
    page.wait_for_selector(".pb-progress")
    assert page.locator(".pb-actions").count() == 1
    assert checked(page) == {"pay-ranges": "fully"}
    assert page.evaluate("() => typeof window.document$") == "object"


def test_works_by_keyboard_alone(page: Page, base: str) -> None:
    page.goto(base + EMPLOYER)
    page.focus('input[name="voice-channel"][value="not-yet"]')
    page.keyboard.press("ArrowRight")
    # The first answer brings the notice of where answers are kept, right after it.
    focused = "() => document.activeElement.textContent"
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "Keep on this device"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # OK: the notice goes, focus goes back to the answer
    assert page.locator(".pb-keep-notice").count() == 0
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert checked(page) == {"voice-channel": "partly", "voice-followup": "not-yet"}
    page.get_by_role("button", name="Clear my answers").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(focused) == "Yes, clear them"
    page.keyboard.press("Escape")
    assert page.evaluate(focused) == "Clear my answers"
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert checked(page) == {}
    # The small-employer box and the offer switcher are ordinary controls.
    page.get_by_label(
        "A small employer (fewer than 50 workers): show good first steps first"
    ).focus()
    page.keyboard.press("Space")
    assert page.locator(".pb-small").is_checked()
    page.goto(base + OFFER)
    page.get_by_role("button", name="Add another offer").focus()
    page.keyboard.press("Enter")
    page.keyboard.type("Cafe")
    page.get_by_label("Offer 1", exact=True).focus()
    assert page.get_by_label("Offer 1", exact=True).is_checked() is False
    page.keyboard.press("Space")
    assert page.inner_text(".pb-message") == "Now answering for Offer 1."


# ----------------------------------------------------------------------- accessibility


@pytest.mark.parametrize(
    "path",
    [
        "employers/",
        "jobseekers/",
        "agencies/",
        EMPLOYER,
        "agencies/checklists/employer-check/",
        OFFER,
    ],
)
def test_axe_finds_no_wcag_21_aa_violations(page: Page, base: str, axe: Axe, path: str) -> None:
    page.goto(base + path)
    assert axe_violations(page, axe) == []
    if "checklists" not in path:
        return
    # Again with everything the script builds on show: results, plan or comparison, notices.
    if path == OFFER:
        show_all(page)
    radios = page.locator(".pb-item")
    for index in range(radios.count()):
        radios.nth(index).locator("input").nth(index % 2).check()
    if path == OFFER:
        page.get_by_role("button", name="Add another offer").click()
        answer(page, {"pay-written": "not-sure"})
    page.get_by_role("button", name="Clear my answers").click()
    restore(page, "{}")
    assert axe_violations(page, axe) == []


@pytest.mark.parametrize("path", [EMPLOYER, OFFER])
def test_axe_finds_no_violations_in_the_dark_scheme(
    browser: Browser, base: str, axe: Axe, path: str
) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(base + path)
        assert page.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
        if path == OFFER:
            show_all(page)
        radios = page.locator(".pb-item")
        for index in range(radios.count()):
            radios.nth(index).locator("input").nth(1).check()
        if path == OFFER:
            page.get_by_role("button", name="Add another offer").click()
        else:
            choose_pulse_files(page, pulse_files(random.Random(5)))
        assert axe_violations(page, axe) == []
    finally:
        context.close()


def test_bundled_checklists_are_accessible_and_score_like_python(
    page: Page, bundled_site: Path, bundled_base: str, axe: Axe
) -> None:
    pages = sorted(
        p.parent.relative_to(bundled_site).as_posix() + "/"
        for p in bundled_site.glob("*/checklists/*/index.html")
    )
    assert pages
    rng = random.Random(11)
    for path in pages:
        page.goto(bundled_base + path)
        definition = page.evaluate("() => window.playbookChecklist.definition()")
        sets = [random_answers(rng, definition) for _ in range(60)]
        in_browser = page.evaluate("sets => sets.map(a => window.playbookChecklist.score(a))", sets)
        assert in_browser == [score(definition, a) for a in sets], path
        # Answer everything (clicks from the page itself, which is quicker for a long
        # checklist), then check the page with all it builds on show (axe takes seconds
        # on a page this size, so once), and every link in it.
        page.evaluate(
            """seed => {
                let x = seed;
                for (const item of document.querySelectorAll('.pb-item')) {
                    const inputs = item.querySelectorAll('input[type=radio]');
                    x = (x * 1103515245 + 12345) % 2147483648;
                    inputs[x % inputs.length].click();
                }
            }""",
            rng.randrange(1 << 30),
        )
        assert page.locator(".pb-item input:checked").count() == page.locator(".pb-item").count()
        assert axe_violations(page, axe) == [], path
        for href in page.eval_on_selector_all(
            ".pb-plan a, .pb-checklist a", "links => links.map(a => a.href)"
        ):
            # The site's own links; a state's sources are official sites, not fetched here.
            if href.startswith(bundled_base):
                assert page.request.get(href.split("#")[0]).ok, (path, href)
        if definition["kind"] == "offer-evaluation":
            # One printed page per offer, for a mix of answers (an offer answered "No"
            # or "Not sure" throughout can take two).
            page.evaluate(
                """() => { let i = 0; for (const item of document.querySelectorAll('.pb-item'))
                    item.querySelectorAll('input[type=radio]')[i++ % 3].click(); }"""
            )
            page.emulate_media(media="print")
            assert [pdf_pages(page, paper) for paper in ("Letter", "A4")] == [1, 1], path
            page.emulate_media(media="screen")


def test_index_filters_narrow_the_table_and_links_resolve(page: Page, base: str, axe: Axe) -> None:
    page.goto(f"{base}employers/practices/")
    status = page.locator(".pb-filterable .pb-status")
    rows = page.locator(".pb-filterable tbody tr")
    total = rows.count()
    assert status.text_content() == f"Showing {total} of {total}."
    page.locator(".pb-filter select").nth(0).select_option("Pay")  # the Clusters column
    visible = [r for r in rows.all() if r.is_visible()]
    assert 0 < len(visible) <= total
    assert all("Pay" in (r.locator("td").nth(1).text_content() or "") for r in visible)
    assert status.text_content() == f"Showing {len(visible)} of {total}."
    assert axe_violations(page, axe) == []
    # Links in the raw-HTML table point at built pages.
    page.locator(".pb-filterable tbody a").first.click()
    page.wait_for_load_state()
    assert (page.locator("h1").first.text_content() or "").startswith("Review pay every year")


def test_metrics_catalogue_filters_and_reads_on_a_phone(
    page: Page, bundled_base: str, axe: Axe
) -> None:
    # An agency analyst on a phone: the metrics workers report for one cluster.
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{bundled_base}agencies/metrics/")
    rows = page.locator(".pb-filterable tbody tr")
    total = rows.count()
    assert total == 42
    page.locator(".pb-filter select").nth(0).select_option("Job security")
    page.locator(".pb-filter select").nth(1).select_option("worker")
    visible = [r for r in rows.all() if r.is_visible()]
    assert visible
    for row in visible:
        cells = [c.text_content() or "" for c in row.locator("td").all()]
        assert cells[1] == "Job security" and "worker" in cells[2]
    status = page.locator(".pb-filterable .pb-status").text_content()
    assert status == f"Showing {len(visible)} of {total}."
    # Each metric is a card: nothing in the content reaches past the screen's edge (the
    # column headings stay for screen readers, clipped to nothing on screen).
    wide = page.evaluate(
        """() => Array.from(document.querySelectorAll('.md-content *'))
            .filter(e => !e.closest('.pb-cards thead, .pb-sr-only'))
            .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => e.tagName + '.' + e.className)"""
    )
    assert wide == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page, axe) == []
    # A link into the old one-page catalogue still lands on the metric, which links on.
    page.goto("about:blank")
    page.goto(f"{bundled_base}agencies/metrics/#job-strain")
    row = page.locator("tr#job-strain")
    assert row.is_visible() and row.bounding_box() is not None
    box = row.bounding_box()
    assert box is not None and 0 <= box["y"] < 800
    row.locator("a").first.click()
    page.wait_for_url("**/agencies/metrics/job-strain/")
    assert page.locator("dt", has_text="Denominator").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page, axe) == []


# ------------------------------------------------- hostile answer files, shared cases


def test_shared_answers_cases_in_the_browser(page: Page, base: str) -> None:
    """tests/answers_cases/ through the reader module the page's script is made from, in
    Chromium. The site ships the modules joined into one file, so the test serves the
    module files themselves beside the page."""
    from .test_answers_cases import CASES, CASES_DIR, case_bytes

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
        "Could not restore from “crafted.json”: this file is in a format this page cannot"
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
            "this file is not UTF-8 text",
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
        == "Read 7 files: 1 used, 2 not used (listed below), 4 duplicates ignored (the same files as ones already read)."
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
    assert message.startswith("Read 5 files: 5 used.")
    assert page.locator(".pb-pair-duplicates").count() == 0
    voice = page.locator(".pb-pair table tbody tr").first.inner_text().split("\t")
    assert voice[4] == "5" and voice[3] != "fewer than 5 responses"


def test_checklist_code_loads_only_where_a_checklist_is(page: Page, base: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base + "employers/")
    assert any(url.endswith("/checklist-loader.js") for url in requests)
    assert not [url for url in requests if "/checklist.bundle.js" in url]
    # Instant navigation to a checklist page: the script comes then, and the form works.
    page.locator("article a", has_text="Employer self-assessment").click()
    page.wait_for_url("**/checklists/employer-check/")
    page.wait_for_selector(".pb-progress")
    # One file for the whole checklist script, fetched once; no module requests.
    assert [url for url in requests if "/checklist.bundle.js" in url] == [
        base + "employers/assets/playbook/checklist.bundle.js"
    ]
    assert not [url for url in requests if "/assets/playbook/checklist/" in url]
    answer(page, {"pay-ranges": "fully"})
    assert "1 of 4 answered" in page.inner_text(".pb-progress-text")


def test_checklist_runs_under_a_strict_content_security_policy(
    context: BrowserContext, base: str
) -> None:
    """script-src 'self' plus hashes of the theme's inline scripts: nothing of ours is inline."""
    import base64
    import hashlib

    def with_policy(route: Any) -> None:
        response = route.fetch()
        html = response.text()
        inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
        hashes = " ".join(
            "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
            for s in inline
        )
        policy = (
            f"default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline';"
            " img-src 'self' data:"
        )
        route.fulfill(
            response=response, headers={**response.headers, "content-security-policy": policy}
        )

    tab = context.new_page()
    violations: list[str] = []
    tab.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else None)
    tab.route("**/*/", with_policy)
    tab.goto(base + EMPLOYER)
    tab.wait_for_selector(".pb-progress")
    answer(tab, {"voice-channel": "fully"})
    assert "Overall score 100 out of 100." in tab.inner_text(".pb-progress-text")
    tab.goto(base + OFFER)
    answer(tab, {"pay-written": "no"})
    assert "1 red flag." in tab.inner_text(".pb-progress-text")
    assert violations == []
    tab.close()


# ------------------------------------------------------------------- state by state page

WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5)) {
      wide.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.left)}-${Math.round(box.right)}`);
    }
  }
  return {width, scroll: document.documentElement.scrollWidth, wide};
}"""


@pytest.mark.parametrize("edition", ["jobseekers", "jobseekers-co"])
def test_state_page_fits_a_phone(browser: Browser, base: str, edition: str) -> None:
    """A state's page: nothing wider than the phone, and at most three screens tall."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(f"{base}{edition}/state-by-state/")
        if edition == "jobseekers":
            # The index is a chooser: a link to each state's page.
            link = page.locator("article .pb-state-list a", has_text="Colorado")
            assert link.count() == 1
            link.click()
            page.wait_for_url("**/state-by-state/co/")
        page.wait_for_selector(".pb-floors li")
        result = page.evaluate(WIDEST)
        assert result["width"] == 360
        assert result["scroll"] <= 360, result
        assert result["wide"] == [], result["wide"]
        # Known facts one to a line; the two the fixture could not check named once.
        assert page.locator(".pb-floors li").count() == 6
        assert page.locator("article p", has_text="We could not check").count() == 1
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= 3 * 740, height
    finally:
        context.close()
