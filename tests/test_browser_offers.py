"""The job-offer checklist in the browser: offers, printing, the quick check, states.

The fixture project is built once per session and served on 127.0.0.1; each test
gets a fresh browser context. See conftest.py for the shared fixtures.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from playbook_builder.checklists.scoring import (
    read_answers_file,
)

from .conftest import CHROMIUM
from .helpers import (
    BROWSER_MARKS,
    IN_CI,
    OFFER,
    WIDEST,
    answer,
    checked,
    definition_for,
    figures_shown,
    fill_numbers,
    pdf_pages,
    restore,
    show_all,
    states_loaded,
    stored,
    three_offers,
)

pytestmark = BROWSER_MARKS

if CHROMIUM.exists() or IN_CI:
    from playwright.sync_api import Browser, Locator, Page, Route


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
        # A light page has no "no-js" class; the search, which needs script, hides anyway.
        assert page.evaluate("document.documentElement.className") == ""
        assert not page.locator('label.md-header__button[for="__search"]').is_visible()
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
    assert "Restored 3 answers from “answers.json”. The file holds 3 offers." in restore(page, data)
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
    # The headline and, behind it, the rest: read as one line, as the build writes it.
    fact = floors.locator("li", has_text="Minimum wage:")
    wage = " ".join(t.strip() for t in fact.locator("summary, p").all_text_contents())
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


def _pay_item_in_colorado(page: Page, base: str, day: dt.datetime) -> Locator:
    """The offer checklist on ``day`` with Colorado chosen: the pay item's state box."""
    page.clock.set_fixed_time(day)
    page.goto(base + OFFER)
    states_loaded(page, ".pb-state-choice")
    page.get_by_label("Your state").select_option("CO")
    figures_shown(page)
    page.locator("#pb-item-pay-written summary").click()
    return page.locator("#pb-item-pay-written .pb-state-floor")


def test_offer_pay_is_compared_with_the_local_floor(page: Page, base: str) -> None:
    floor = _pay_item_in_colorado(page, base, dt.datetime(2026, 3, 1, 12))
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


def test_a_local_rate_nobody_could_read_is_not_a_floor(browser: Browser, base: str) -> None:
    """Denver's file as a script would meet it with a rate marked unchecked: the page
    says the rate may have changed, gives the rate before, and compares the offer only to
    say it was lower even before the change; it never shows a floor it does not know."""
    # The guide's offline worker would fetch the file itself, out of the route's reach.
    context = browser.new_context(service_workers="block")
    try:
        _unchecked_local_rate(context.new_page(), base)
    finally:
        context.close()


def _unchecked_local_rate(page: Page, base: str) -> None:

    def with_unchecked(route: Route) -> None:
        data = json.loads(route.fetch().text())
        denver = data["jurisdictions"]["CO"]["localities"][0]
        values = denver["facts"]["minimum_wage"]["values"]
        values.append(
            {
                **values[-1],
                "from": "2026-07-01",
                "rate": None,
                "unchecked": True,
                "summary": "Denver sets a new rate each July 1.",
            }
        )
        route.fulfill(json=data)

    page.route("**/data/states/co.json", with_unchecked)
    floor = _pay_item_in_colorado(page, base, dt.datetime(2026, 12, 6, 12))
    page.get_by_label("Your city or area").select_option("co-denver")
    text = floor.inner_text()
    assert (
        "Denver (city): The rate may have changed on July 1, 2026; we could not check it yet. "
        "Before then it was $19.29 an hour. Denver sets a new rate each July 1."
    ) in text
    assert "In Denver, the minimum wage may have changed on July 1, 2026" in text
    assert "The lowest legal pay where you work" not in text
    page.locator(".pb-offer-numbers > summary").click()
    page.locator("[data-pb-detail=pay_amount]").fill("16")
    page.locator("[data-pb-detail=pay_period]").select_option("hour")
    assert "less than the minimum wage here even before July 1, 2026" in floor.inner_text()
    page.locator("[data-pb-detail=pay_amount]").fill("25")
    assert (
        "This offer pays $25.00 an hour. Ask the labor office whether that meets today's "
        "minimum wage there." in floor.inner_text()
    )
