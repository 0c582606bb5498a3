"""Whole pages in the browser: navigation, keyboard, accessibility, filters, the policy.

The fixture project is built once per session and served on 127.0.0.1; each test
gets a fresh browser context. See conftest.py for the shared fixtures.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.checklists.scoring import (
    score,
)

from .conftest import CHROMIUM
from .helpers import (
    BROWSER_MARKS,
    EMPLOYER,
    IN_CI,
    OFFER,
    answer,
    axe_violations,
    checked,
    choose_pulse_files,
    pdf_pages,
    pulse_files,
    random_answers,
    restore,
    show_all,
)

pytestmark = BROWSER_MARKS

if CHROMIUM.exists() or IN_CI:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Browser, BrowserContext, Page


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


def test_a_light_edition_fetches_search_only_when_opened(page: Page, base: str) -> None:
    """The jobseekers' pages run light.js, not the theme's bundle: nothing of the search is
    fetched on a visit; opening it fetches the index once and lists pages as links; the
    colour switch is kept from page to page as the theme keeps it."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base + "jobseekers/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if "/assets/javascripts/" in u or "search_index" in u]
    assert page.evaluate("() => typeof window.document$") == "undefined"
    # Published without the theme's "no-js" root class, so the script changes nothing on
    # the root (which would restyle the page); the search button shows with script on.
    assert page.evaluate("() => document.documentElement.className") == ""
    assert page.locator("label.md-header__button[for=__search]").is_visible()
    page.locator("label.md-header__button[for=__search]").click()
    assert page.evaluate("() => document.activeElement.getAttribute('data-md-component')") == (
        "search-query"
    )
    page.keyboard.type("rights")
    first = page.locator(".md-search-result__item a").first
    first.wait_for()
    assert page.locator(".md-search-result__meta").inner_text().endswith("matching documents")
    assert "Know your rights" in page.locator(".md-search-result__list").inner_text()
    # Text from the index is text: a result holds no markup of its own.
    assert page.locator(".md-search-result__list script, .md-search-result__list img").count() == 0
    page.keyboard.type("zzqx")
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent"
        " === 'No matching documents'"
    )
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.getElementById('__search').checked") is False
    assert len([u for u in fetched if "search_index" in u]) == 1
    # By keyboard: Tab into the search opens it, Tab on past it closes it again.
    page.locator("a.md-skip").focus()
    for _ in range(6):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.closest('.md-search') !== null")
        is_open = page.evaluate("() => document.getElementById('__search').checked")
        assert is_open == focused
    assert page.evaluate("() => document.activeElement.closest('.md-search')") is None
    # The colour switch: dark, and still dark on the next page.
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
    page.goto(base + "jobseekers/state-by-state/")
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == "slate"


def test_other_editions_keep_the_theme_script(page: Page, base: str) -> None:
    page.goto(base + "employers/")
    assert page.evaluate("() => typeof window.document$") == "object"
    assert page.locator("script[src$='assets/playbook/light.js']").count() == 0
