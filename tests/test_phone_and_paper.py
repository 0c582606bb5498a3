"""Phones, keyboards and paper, in Chromium: every page of every edition on a 360-px
screen, focus that can be seen, and printed page counts from Chromium's PDF output.

The fixtures (the built sites, the browser) are in conftest.py.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.editions import discover_editions

from .conftest import CHROMIUM, REPO
from .helpers import (
    BROWSER_MARKS,
    EMPLOYER,
    IN_CI,
    choose_pulse_files,
    pdf_pages,
    pulse_files,
)

pytestmark = BROWSER_MARKS

if CHROMIUM.exists() or IN_CI:
    from playwright.sync_api import Browser, Page

OFFER_CHECK = "jobseekers/checklists/offer-evaluation/"
EMPLOYER_CHECK = "employers/checklists/employer-self-assessment/"
AGENCY_CHECK = "agencies/checklists/agency-readiness/"

# Boxes that cut content off sideways. A box that scrolls sideways is allowed only as a
# labelled, focusable region (role=region, tabindex=0) whose first column stays in view,
# with an edge shadow drawn and its "Scroll sideways" hint (if it has one) on show.
# Boxes no one can see are skipped: not rendered, hidden, transparent, or clipped to a
# pixel for screen readers.
SIDEWAYS = """() => {
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const label = el => (el.getAttribute('aria-label') || '').trim() ||
    (el.getAttribute('aria-labelledby') || '').split(/\\s+/).map(id => document.getElementById(id))
      .filter(Boolean).map(n => n.textContent.trim()).join(' ');
  const seen = el => { for (let n = el; n; n = n.parentElement) if (getComputedStyle(n).opacity === '0') return false; return true; };
  const cut = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.clientWidth <= 1 || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || !['hidden', 'auto', 'scroll', 'clip'].includes(style.overflowX)) continue;
    if (el.scrollWidth <= el.clientWidth + 1 || !seen(el)) continue;
    if (el.matches('.pb-table-scroll')) {
      const problems = [];
      if (el.getAttribute('role') !== 'region') problems.push('no role=region');
      if (el.getAttribute('tabindex') !== '0') problems.push('not focusable');
      if (!label(el)) problems.push('no label');
      const first = el.querySelector('tr > :first-child');
      if (!first || getComputedStyle(first).position !== 'sticky') problems.push('first column not sticky');
      if (!/gradient/.test(style.backgroundImage)) problems.push('no edge shadow');
      const hint = el.parentElement.querySelector(':scope > .pb-scroll-hint');
      if (hint && !hint.getClientRects().length) problems.push('its hint is hidden');
      if (problems.length) cut.push(name(el) + ': ' + problems.join(', '));
      continue;
    }
    cut.push(`${name(el)} (${el.scrollWidth} px of content in ${el.clientWidth} px)`);
  }
  return {cut, width: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth};
}"""

ANSWER_ALL = """() => { let i = 0; for (const item of document.querySelectorAll('.pb-item'))
    item.querySelectorAll('input[type=radio]')[i++ % 3].click(); }"""


def sideways_problems(tab: Page, where: str) -> list[str]:
    found = tab.evaluate(SIDEWAYS)
    problems = [f"{where}: {c}" for c in found["cut"]]
    if found["scroll"] > found["width"]:
        problems.append(f"{where}: the page scrolls sideways ({found['scroll']} px)")
    return problems


# ------------------------------------------------------------------ 360 px, every page


def test_every_page_of_every_edition_fits_a_360_px_phone(
    browser: Browser,
    bundled_site: Path,
    bundled_base: str,
) -> None:
    editions = [e.id for e in discover_editions(REPO)]
    assert {"employers", "jobseekers", "jobseekers-co", "agencies"} <= set(editions)
    paths = [""]  # the landing page
    for edition in editions:
        pages = sorted(
            p.parent.relative_to(bundled_site).as_posix() + "/"
            for p in (bundled_site / edition).glob("**/index.html")
        )
        assert len(pages) > 5, edition
        paths.extend(pages)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    # Pages are checked as laid out; the search index each page fetches is not needed.
    tab.route("**/search/search_index.json", lambda route: route.abort())
    problems: list[str] = []
    started = time.monotonic()
    try:
        for path in paths:
            tab.goto(bundled_base + path)
            problems.extend(sideways_problems(tab, path or "landing page"))
            if tab.locator("#pb-checklist .pb-item").count():
                # With every question answered: the results, method, plan and summary.
                tab.wait_for_selector(".pb-progress")
                tab.evaluate(ANSWER_ALL)
                problems.extend(sideways_problems(tab, path + " (answered)"))
    finally:
        context.close()
    elapsed = time.monotonic() - started
    print(f"\n{len(paths)} pages checked at 360 px in {elapsed:.1f} s")
    assert problems == []


def test_wide_tables_are_labelled_scroll_regions_with_a_cue(
    browser: Browser,
    base: str,
    bundled_base: str,
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    try:
        tab.goto(bundled_base + "employers/frameworks/")
        region = tab.get_by_role("region", name="Crosswalk table", exact=False)
        assert region.count() == 1
        assert tab.evaluate(SIDEWAYS)["cut"] == []
        hint = tab.locator(".pb-wide .pb-scroll-hint")
        assert hint.is_visible() and "Scroll sideways" in hint.inner_text()
        # By keyboard: the region takes focus and arrow keys scroll it; the first
        # column (the cluster) stays where it was.
        first = region.locator("tbody th").first
        region.focus()
        left = first.evaluate("th => th.getBoundingClientRect().left")
        for _ in range(8):
            tab.keyboard.press("ArrowRight")
        # Scrolling by key is asynchronous (smooth scrolling): wait for it, do not read.
        tab.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle())
        assert first.evaluate("th => th.getBoundingClientRect().left") == left
        # The comparison with workers' files (employer checklist): a region too.
        tab.goto(base + EMPLOYER)
        tab.check('input[name="voice-channel"][value="fully"]')
        choose_pulse_files(tab, pulse_files(random.Random(5))[:5])
        pair = tab.locator(".pb-pair .pb-table-scroll")
        assert pair.get_attribute("role") == "region"
        assert tab.evaluate(SIDEWAYS)["cut"] == []
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
    # On a wide screen the worker comparison fits, and the hint says nothing.
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(base + EMPLOYER)
        tab.check('input[name="voice-channel"][value="fully"]')
        choose_pulse_files(tab, pulse_files(random.Random(5))[:5])
        assert not tab.locator(".pb-pair .pb-scroll-hint").is_visible()
    finally:
        context.close()


def test_edition_name_wraps_in_the_phone_header(browser: Browser, bundled_base: str) -> None:
    for width in (320, 360):
        context = browser.new_context(viewport={"width": width, "height": 700})
        tab = context.new_page()
        try:
            for edition in ("employers", "jobseekers", "jobseekers-co", "agencies"):
                tab.goto(f"{bundled_base}{edition}/")
                topic = tab.locator(".md-header__topic").first
                box = topic.evaluate(
                    """t => { const s = t.querySelector('.md-ellipsis');
                        return {cut: s.scrollWidth > s.clientWidth + 1, tall: t.scrollHeight > t.parentElement.clientHeight + 1,
                                text: s.textContent.trim()}; }"""
                )
                assert not box["cut"] and not box["tall"], (width, edition, box)
        finally:
            context.close()


# --------------------------------------------------------------------- keyboard, focus

# The focused element as a reader sees it: its box (for the theme's hidden scheme
# radio, the icon drawn for it), whether it is on screen, and the contrast of its focus
# ring against the colour around it (the nearest backgrounds, composited).
FOCUS = """() => {
  const e = document.activeElement;
  const shown = e.matches('.md-option') ? e.nextElementSibling : e;
  const r = shown.getBoundingClientRect();
  let visible = r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight;
  for (let n = shown; n; n = n.parentElement) {
    const s = getComputedStyle(n);
    if (s.visibility !== 'visible' || s.opacity === '0') visible = false;
  }
  const style = getComputedStyle(shown);
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  const inside = parseFloat(style.outlineOffset) < 0;
  const layers = [];
  for (let n = inside ? shown : shown.parentElement; n; n = n.parentElement) {
    const c = parse(getComputedStyle(n).backgroundColor);
    if (c.a > 0) { layers.push(c); if (c.a >= 1) break; }
  }
  let bg = {r: 255, g: 255, b: 255};
  for (const c of layers.reverse()) bg = {r: c.r * c.a + bg.r * (1 - c.a), g: c.g * c.a + bg.g * (1 - c.a), b: c.b * c.a + bg.b * (1 - c.a)};
  const lum = c => { const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const ring = parse(style.outlineColor);
  const [hi, lo] = [lum(ring), lum(bg)].sort((a, b) => b - a);
  return {
    what: e.tagName.toLowerCase() + '.' + (e.className || '') + ' ' + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 30),
    visible, inForm: !!e.closest('#pb-checklist'),
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    contrast: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100,
  };
}"""


def settle(tab: Page) -> None:
    """Let what a focus change starts (the search opening on a phone, a scroll) finish:
    the theme starts its transitions a frame or two after the focus moves."""
    tab.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    tab.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def tab_to_checklist(tab: Page) -> tuple[int, list[dict[str, Any]]]:
    """Tab from the top of the page to the first control of the checklist."""
    stops: list[dict[str, Any]] = []
    for count in range(1, 120):
        tab.keyboard.press("Tab")
        settle(tab)
        stops.append(tab.evaluate(FOCUS))
        if stops[-1]["inForm"]:
            return count, stops
    raise AssertionError(f"the checklist was never reached: {stops[-5:]}")


@pytest.mark.parametrize("width", [390, 1366])
def test_focus_is_always_seen_and_the_checklist_is_near(
    browser: Browser,
    bundled_base: str,
    width: int,
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 500 else 900})
    tab = context.new_page()
    try:
        tab.goto(bundled_base + EMPLOYER_CHECK)
        tab.wait_for_selector(".pb-progress")
        count, stops = tab_to_checklist(tab)
        print(f"\n{width} px: {count} tab stops from the top to the checklist")
        # Every stop is on screen with a ring of 3:1 or more against its surroundings
        # (the closed drawer's links take no focus; the scheme switch shows its ring).
        assert [s for s in stops if not s["visible"]] == []
        assert [s for s in stops if not s["ring"] or s["contrast"] < 3] == []
        # Before this page had a skip link to its checklist and a drawer that took no
        # focus when closed, it took 41 stops at 390 px and 24 at 1366 px.
        assert count <= (10 if width < 500 else 24)
        # The skip link: one stop, Enter, and the next stop is the checklist.
        tab.goto("about:blank")
        tab.goto(bundled_base + EMPLOYER_CHECK)
        tab.wait_for_selector(".pb-progress")
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.href").endswith(
            EMPLOYER_CHECK + "#pb-checklist"
        )
        tab.keyboard.press("Enter")
        # The jump to the checklist (the address's fragment, then a scroll) finishes before
        # the next key, as for a person; under load the fragment can lag the key press.
        tab.wait_for_function("() => location.hash === '#pb-checklist'")
        settle(tab)
        tab.wait_for_function(
            "() => { const f = document.getElementById('pb-checklist');"
            " const r = f && f.getBoundingClientRect(); return r && r.top < innerHeight; }"
        )
        tab.keyboard.press("Tab")
        # Under load the key's focus move can land after the next read: wait for it.
        tab.wait_for_function(
            "() => !!document.activeElement.closest('#pb-checklist')", timeout=10_000
        )
        assert tab.evaluate(FOCUS)["inForm"]
        if width < 500:
            # The drawer, once opened, is there for the keyboard.
            tab.locator("label.md-header__button[for='__drawer']").click()
            drawer_link = tab.locator(".md-sidebar--primary a.md-nav__link").first
            drawer_link.wait_for(state="visible")
            drawer_link.focus()
            settle(tab)
            assert tab.evaluate(FOCUS)["visible"]
    finally:
        context.close()


def test_focus_ring_contrast_in_the_dark_scheme(browser: Browser, bundled_base: str) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(bundled_base + EMPLOYER_CHECK)
        tab.wait_for_selector(".pb-progress")
        assert tab.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
        _, stops = tab_to_checklist(tab)
        assert [s for s in stops if not s["ring"] or s["contrast"] < 3] == []
    finally:
        context.close()


# ------------------------------------------------------------------------------- paper


def test_blank_offer_checklist_prints_on_four_pages_without_script(
    browser: Browser,
    bundled_base: str,
) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(bundled_base + OFFER_CHECK)
        tab.emulate_media(media="print")
        # Every question, every option and every tip is on paper.
        hidden = tab.evaluate(
            """() => Array.from(document.querySelectorAll(
                    '.pb-item legend, .pb-option, .pb-details dt, .pb-details dd, details.pb-tips dd'))
                .filter(e => !e.getClientRects().length || !e.getBoundingClientRect().height)
                .map(e => e.textContent.trim().slice(0, 40))"""
        )
        assert hidden == []
        assert tab.locator(".pb-item").count() > 30
        assert not tab.locator(".md-header").is_visible()
        assert pdf_pages(tab) <= 4
    finally:
        context.close()


def test_closed_tip_disclosures_print_open(browser: Browser, bundled_base: str) -> None:
    """Tips behind a closed <details class="pb-tips"> are on paper: the stylesheet opens
    them for print without the script, and the script opens them before printing."""
    tips = (
        '<details class="pb-tips"><summary>Tips</summary><dl class="pb-details">'
        '<dt>What to ask</dt><dd id="tip">Ask it.</dd></dl></details>'
    )

    def with_tips(route: Any) -> None:
        response = route.fetch()
        body = response.text().replace("</fieldset>", tips + "</fieldset>", 1)
        route.fulfill(response=response, body=body)

    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.route("**/offer-evaluation/", with_tips)
        tab.goto(bundled_base + OFFER_CHECK)
        assert not tab.locator("#tip").is_visible()
        tab.emulate_media(media="print")
        assert tab.locator("#tip").is_visible()
    finally:
        context.close()
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.route("**/offer-evaluation/", with_tips)
        tab.goto(bundled_base + OFFER_CHECK)
        tab.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        assert tab.locator("details.pb-tips").first.evaluate("d => d.open")
        tab.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
        assert not tab.locator("details.pb-tips").first.evaluate("d => d.open")
    finally:
        context.close()


@pytest.mark.parametrize("path", [EMPLOYER_CHECK, AGENCY_CHECK])
def test_results_print_on_three_pages_with_workplace_date_and_addresses(
    browser: Browser,
    bundled_base: str,
    path: str,
) -> None:
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.goto(bundled_base + path)
        tab.wait_for_selector(".pb-progress")
        tab.evaluate(ANSWER_ALL)
        tab.get_by_label("Workplace name (optional)").fill("Riverside Bakery")
        tab.emulate_media(media="print")
        meta = tab.locator(".pb-print-meta")
        assert meta.is_visible()
        today = dt.datetime.now(dt.UTC).date().isoformat()
        text = meta.inner_text()
        assert "Workplace: Riverside Bakery" in text and today in text
        assert bundled_base + path in text
        # Every link in the results carries its full address on paper.
        addresses = tab.eval_on_selector_all(
            ".pb-results a[href]",
            "links => links.map(a => [a.href, getComputedStyle(a, '::after').content])",
        )
        assert addresses
        for href, after in addresses:
            assert after == f'" ({href})"', (href, after)
        # Nothing that only works on a screen.
        shown = tab.evaluate(
            """() => Array.from(document.querySelectorAll(
                    'button, input, select, textarea, nav, header, footer, .md-search, .md-sidebar'))
                .filter(e => e.getClientRects().length && e.getBoundingClientRect().height)
                .map(e => e.tagName + '.' + e.className)"""
        )
        assert shown == []
        assert pdf_pages(tab) <= 3
    finally:
        context.close()


# ------------------------------------------------------------------------------ filters


def test_a_filter_that_matches_nothing_says_so_and_resets(
    browser: Browser,
    bundled_base: str,
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    try:
        tab.goto(bundled_base + "employers/practices/")
        rows = tab.locator(".pb-filterable tbody tr")
        total = rows.count()
        status = tab.locator(".pb-filterable .pb-status")
        reset = tab.get_by_role("button", name="Clear filters")
        assert not reset.is_visible()
        labels = tab.locator(".pb-filter label").evaluate_all(
            "ls => ls.map(l => l.firstChild.textContent)"
        )
        assert labels == ["Clusters", "Effort", "Cost", "For a small employer"]
        # Choices read in sentence case.
        choices = tab.locator(".pb-filter option").all_inner_texts()
        assert choices and all(c[0] == c[0].upper() for c in choices)
        assert "Good first step" in choices and "Suits" in choices
        # A choice in each of two facets that no practice has together.
        selects = tab.locator(".pb-filter select")
        found = tab.evaluate(
            """() => {
                const [a, b] = document.querySelectorAll('.pb-filter select');
                for (const x of Array.from(a.options).slice(1)) for (const y of Array.from(b.options).slice(1)) {
                    a.value = x.value; b.value = y.value; a.dispatchEvent(new Event('change'));
                    if (!Array.from(document.querySelectorAll('.pb-filterable tbody tr')).some(r => !r.hidden))
                        return [x.value, y.value];
                }
                return null;
            }"""
        )
        assert found is not None
        assert [r for r in rows.all() if r.is_visible()] == []
        assert status.inner_text() == (
            f"Nothing matches these filters. Clear the filters to see all {total}."
        )
        assert reset.is_visible()
        reset.click()
        assert status.inner_text() == f"Showing {total} of {total}."
        assert not reset.is_visible()
        assert selects.nth(0).input_value() == "" and selects.nth(1).input_value() == ""
        assert tab.evaluate(
            "document.activeElement === document.querySelector('.pb-filter select')"
        )
    finally:
        context.close()


@pytest.mark.parametrize("edition", ["jobseekers", "jobseekers-co"])
def test_first_question_is_on_the_first_phone_screen(
    browser: Browser, bundled_base: str, edition: str
) -> None:
    """At 390 x 844, before anything is answered: the first question and its answers sit
    above the progress bar that stays at the foot of the screen, and the whole page is
    12 screens or fewer."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(bundled_base + OFFER_CHECK.replace("jobseekers", edition, 1))
    page.wait_for_selector(".pb-progress")
    found = page.evaluate(
        """() => {
            const item = [...document.querySelectorAll('.pb-item')].find((e) => e.offsetParent !== null);
            const bar = document.querySelector('.pb-progress').getBoundingClientRect();
            return {
                question: item.querySelector('legend').getBoundingClientRect().top,
                answers: item.querySelector('.pb-options').getBoundingClientRect().bottom,
                bar: bar.top,
                height: document.documentElement.scrollHeight,
            };
        }"""
    )
    page.close()
    assert 0 < found["question"] < found["answers"] <= found["bar"] <= 844, found
    assert found["height"] / 844 <= 12, found


@pytest.mark.parametrize("edition", ["jobseekers", "jobseekers-es"])
def test_every_state_page_fits_three_phone_screens(
    browser: Browser, bundled_site: Path, bundled_base: str, edition: str
) -> None:
    """Every bundled state's page at 360 x 740, as a reader first sees it (each fact's
    headline, the rest a tap away): no sideways scroll, at most three screens tall."""
    codes = sorted(
        p.name for p in (bundled_site / edition / "state-by-state").iterdir() if p.is_dir()
    )
    assert len(codes) == 52
    page = browser.new_page(viewport={"width": 360, "height": 740})
    too_tall: list[tuple[str, float]] = []
    try:
        for code in codes:
            page.goto(f"{bundled_base}{edition}/state-by-state/{code}/")
            width, height = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            assert width == 360, code
            if height > 3 * 740:
                too_tall.append((code, round(height / 740, 2)))
    finally:
        page.close()
    assert too_tall == []
