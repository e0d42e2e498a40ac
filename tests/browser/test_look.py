"""What the review of every screen at both tablet sizes found and fixed, checked where it shows:
the eligible banner reads as two sentences (AppTest), and in real Chromium on a portrait tablet
every small control has a fingertip-sized target and a toast never swallows a tap."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mesocore.catalog import get_catalog
from tests.conftest import STEP_BAR, load_demo, nav_to, open_app

FINGERTIP = 44  # px
RULES = get_catalog().rules


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None, locator
    return found


def hit(page: Page, x: float, y: float) -> str:
    """What a tap at (x, y) reaches: the test id or aria-label of the element or an ancestor."""
    return page.evaluate(
        """([x, y]) => {
          for (let e = document.elementFromPoint(x, y); e; e = e.parentElement) {
            const name = e.getAttribute('data-testid') || e.getAttribute('aria-label');
            if (name) return name;
          }
          return '';
        }""",
        [x, y],
    )


@pytest.mark.browser
def test_small_controls_have_fingertip_targets_and_a_toast_lets_taps_through(
    page: Page, app_server: str
):
    open_app(page, app_server, "portrait")
    load_demo(page)
    # The toast says the demo is loaded; a tap on its middle reaches what lies under it.
    toast = page.get_by_test_id("stToast")
    expect(toast).to_be_visible()
    middle = box(toast)
    assert hit(page, middle["x"] + middle["width"] / 2, middle["y"] + 10) not in (
        "stToast",
        "stToastContainer",
    )

    # A help icon answers a tap next to it, the field under its label still gets its own taps.
    help_icon = page.get_by_role("button", name="Help for Full name")
    icon = box(help_icon)
    assert hit(page, icon["x"] - 8, icon["y"] + icon["height"] / 2) == "Help for Full name"
    field = box(page.get_by_role("textbox", name="Full name"))
    assert hit(page, icon["x"] + icon["width"] / 2, field["y"] + 2) != "Help for Full name"
    # The calendar icon of a date field too.
    calendar = page.get_by_test_id("stDateInputCalendarButton").first
    icon = box(calendar)
    assert hit(page, icon["x"] - 6, icon["y"] - 8) == "stDateInputCalendarButton"
    # Heading anchors (hover-only links) are gone.
    expect(page.get_by_role("link", name="Link to heading")).to_have_count(0)

    nav_to(page, "Summary")
    statements = page.get_by_test_id("stCheckbox").locator("label")
    expect(statements.first).to_be_visible()
    heights = [box(statements.nth(i))["height"] for i in range(statements.count())]
    assert heights and min(heights) >= FINGERTIP, heights

    nav_to(page, "Timeline")
    steppers = page.locator('[data-testid^="stNumberInputStep"]')
    expect(steppers.first).to_be_visible()
    widths = [box(steppers.nth(i))["width"] for i in range(steppers.count())]
    assert widths and min(widths) >= FINGERTIP, widths


def test_the_step_bar_stays_one_row_on_the_consultations_page(page: Page, app_server: str):
    """Consultations is not a step: in the bar it wrapped to a row of its own in portrait."""
    open_app(page, app_server, "portrait")
    nav_to(page, "Consultations")
    steps = page.get_by_role("radiogroup", name=STEP_BAR).get_by_role("radio")
    expect(steps).to_have_count(7)
    tops = {round(box(steps.nth(i))["y"]) for i in range(7)}
    assert len(tops) == 1, tops
    expect(
        page.get_by_role("radiogroup", name=STEP_BAR).locator("[aria-checked=true]")
    ).to_have_count(0)
    nav_to(page, "Areas")  # a tap on a step still opens it
