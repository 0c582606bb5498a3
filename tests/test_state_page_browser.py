"""The State by state page on a phone: Playwright driving Debian's chromium at 360 px."""

from __future__ import annotations

import pytest

from .test_browser import CHROMIUM, IN_CI, base, browser, site  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not IN_CI,
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]

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
def test_state_page_fits_a_phone(browser, base: str, edition: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(f"{base}{edition}/state-by-state/")
        page.wait_for_selector("h2#co")
        result = page.evaluate(WIDEST)
        assert result["width"] == 360
        assert result["scroll"] <= 360, result
        assert result["wide"] == [], result["wide"]
        # The index links jump to each state's block.
        if edition == "jobseekers":
            link = page.locator("article p a[href$='#co']")
            assert link.count() == 1
            link.evaluate("a => a.click()")
            assert page.evaluate("location.hash") == "#co"
        assert page.locator("h2#co + ul li").count() == 8
    finally:
        context.close()
