"""Helpers the test modules share (no test imports another test module).

Browser helpers drive the checklist pages; the others build definitions and read files.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from playbook_builder.checklists.scoring import checklist_definition
from playbook_builder.project import open_project
from playbook_builder.render.pages import Linker, page_path
from playbook_builder.select import select_for_edition

from .conftest import CHROMIUM, MINI

if TYPE_CHECKING:  # the browser's types, for annotations only
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Page

IN_CI = os.environ.get("CI") == "true"

# The marks of a module of browser tests: skipped on a workstation without Debian's
# chromium, a failure in CI (CI=true).
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not IN_CI,
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

EMPLOYER = "employers/checklists/employer-check/"

OFFER = "jobseekers/checklists/offer-check/"


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


HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">'

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


def definition_for(edition_id: str, checklist_id: str, root: Path = MINI) -> dict[str, Any]:
    project = open_project(root)
    edition = project.edition(edition_id)
    shown = select_for_edition(project.content, edition)
    checklist = shown.get(checklist_id)
    linker = Linker(shown, page_path(checklist))  # type: ignore[arg-type]
    return checklist_definition(checklist, shown, edition, linker=linker)  # type: ignore[arg-type]


CASES_DIR = Path(__file__).parent / "answers_cases"

CASES: list[dict[str, Any]] = json.loads((CASES_DIR / "cases.json").read_text("utf-8"))["cases"]


def case_bytes(case: dict[str, Any]) -> bytes:
    """A case's bytes, built as tests/js/cases.mjs builds them."""
    if "json" in case:
        text = json.dumps(case["json"], separators=(",", ":"), ensure_ascii=False)
        return text.encode("utf-8", "surrogatepass")
    if "text" in case:
        return str(case["text"]).encode("utf-8", "surrogatepass")
    if "file" in case:
        return (CASES_DIR / "files" / case["file"]).read_bytes()
    make = case["make"]
    text = (
        make["prefix"]
        + make["repeat"] * make["times"]
        + make["middle"]
        + make["close"] * make["times"]
        + make["suffix"]
    )
    return text.encode("utf-8")


ES_EDITION = """\
INHERIT: mkdocs.yml
site_name: Es un buen trabajo
site_dir: site/jobseekers-es
theme:
  language: es
plugins:
  search:
    lang: es
  playbook:
    edition: jobseekers-es
    audiences: [jobseekers]
    language: es
    translation_of: jobseekers
"""

AGENCY_CANARY = "AGENCYCANARY-7f3e"

DRAFT_CANARY = "DRAFTCANARY-91b2"


def files_containing(folder: Path, needle: str) -> list[str]:
    hits = []
    for path in folder.rglob("*"):
        if path.is_file() and needle.encode() in path.read_bytes():
            hits.append(path.relative_to(folder).as_posix())
    return sorted(hits)
