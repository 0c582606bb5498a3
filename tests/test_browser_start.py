"""How the offer checklist starts, in Chromium: the page holds still when its script
arrives late, and a question answered while the script is still starting keeps its
answer (the script builds the page in short slices, so a slow phone can take a tap
between them).

The fixtures (the built sites, the browser) are in conftest.py.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from .conftest import CHROMIUM
from .helpers import BROWSER_MARKS, IN_CI

pytestmark = BROWSER_MARKS

if CHROMIUM.exists() or IN_CI:
    from playwright.sync_api import Browser, Route

OFFER_CHECK = "checklists/offer-evaluation/"

# Every layout shift the page makes, summed as the browser scores them (CLS).
SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
}).observe({ type: "layout-shift", buffered: true });"""


def late(route: Route) -> None:
    """The checklist script, 0.6 s late: the page is painted without it first."""
    time.sleep(0.6)
    route.continue_()


@pytest.mark.parametrize("edition", ["jobseekers", "jobseekers-es", "jobseekers-co"])
@pytest.mark.parametrize("width", [360, 412, 1366])
def test_the_page_holds_still_when_the_script_arrives(
    browser: Browser, bundled_base: str, edition: str, width: int
) -> None:
    """The stylesheet keeps the room of the controls the script builds above the
    questions, and the script puts them in at once: the page barely moves."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(SHIFTS)
    page = context.new_page()
    page.route("**/checklist.bundle.js", late)
    try:
        page.goto(f"{bundled_base}{edition}/{OFFER_CHECK}")
        painted = page.evaluate(
            "() => performance.getEntriesByName('first-contentful-paint').length"
        )
        page.wait_for_function("() => window.playbookChecklist !== undefined")
        page.wait_for_timeout(200)
        shifts: list[float] = page.evaluate("window.__shifts")
        assert page.locator(".pb-offers").is_visible()
    finally:
        context.close()
    assert painted == 1, "the page should have been painted before the script came"
    # 0.1 is the browser's own line for "good"; the page stays well under it.
    assert sum(shifts) < 0.05, shifts


# A tap while the form starts: as soon as the form changes as named (a microtask after
# the script or slice that changed it, before the next slice runs), click a question.
# "aria-busy" is set before any part is built (the click is an answer the script has not
# heard yet); "pb-js" is the first part built, after which the script hears answers.
EARLY_TAP = """document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("pb-checklist");
  const watch = new MutationObserver(() => {
    if (%(wait)s) return;
    watch.disconnect();
    const radio = form.querySelector('fieldset[data-pb-item="%(item)s"] input[type=radio]');
    window.__tappedWhileBusy = form.hasAttribute("aria-busy");
    radio.click();
  });
  watch.observe(form, { attributes: true });
});"""
WHEN = {
    "before-the-first-part": '!form.hasAttribute("aria-busy")',
    "between-parts": '!form.classList.contains("pb-js")',
}


@pytest.mark.parametrize("when", sorted(WHEN))
def test_an_answer_given_while_the_page_starts_is_kept(
    browser: Browser, bundled_base: str, when: str
) -> None:
    """On a phone slowed 20 times, a question answered while the form still says it is
    busy keeps its answer, beside the one kept from before the reload."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{bundled_base}jobseekers/{OFFER_CHECK}")
        page.wait_for_function("() => window.playbookChecklist !== undefined")
        items = page.locator("fieldset.pb-item:visible")
        items.nth(0).locator("input[type=radio]").nth(0).check()
        total = page.locator("fieldset.pb-item").count()
        first_id = items.nth(0).get_attribute("data-pb-item")
        second_id = items.nth(1).get_attribute("data-pb-item")

        context.add_init_script(EARLY_TAP % {"wait": WHEN[when], "item": second_id})
        cdp: Any = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 20})
        page.reload()
        page.wait_for_function("() => window.playbookChecklist !== undefined", timeout=60_000)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        busy = page.evaluate("window.__tappedWhileBusy")
        checked = page.evaluate(
            """(ids) => ids.map((id) => {
                const on = document.querySelector(`fieldset[data-pb-item="${id}"] input:checked`);
                return on ? on.value : null;
            })""",
            [first_id, second_id],
        )
        progress = page.inner_text(".pb-progress-text")
        stored = page.evaluate("() => Object.values(sessionStorage).join(' ')")
    finally:
        context.close()
    assert busy is True, "the question should have been answered while the page was starting"
    assert checked == ["yes", "yes"], checked
    assert f"2 of {total} answered" in progress, progress
    assert first_id in stored and second_id in stored, "both answers should be kept on the device"
    assert errors == []
