"""Real Chromium at tablet sizes: the demo patient's timeline (chart, table, move control,
calendar download) renders; screenshots for review."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from mesocore.catalog import get_catalog
from mesocore.opening import Opening
from tests.conftest import TABLET_SIZES, load_demo, nav_to, open_app, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_timeline_of_the_demo_patient_in_chromium(page: Page, app_server: str, size):
    open_app(page, app_server, size)
    load_demo(page)
    nav_to(page, "Timeline")
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=20_000)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    expect(page.get_by_role("spinbutton", name="day, New date")).to_be_visible()
    expect(page.get_by_role("button", name="Download calendar (.ics)")).to_be_visible()
    page.wait_for_timeout(500)  # let plotly finish its layout before the screenshots
    # Streamlit scrolls inside its main container, so a full-page shot shows one screen:
    # take one per part of the page.
    for part, target in (
        ("chart", page.locator(".js-plotly-plot").first),
        ("table", page.get_by_test_id("stDataFrame").first),
        ("aftercare", page.get_by_role("button", name="Download calendar (.ics)")),
    ):
        target.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        screenshot(page, f"timeline-{size}-{part}")


def _target_in_view(current: dt.date) -> dt.date:
    """A day near `current` that its calendar shows once (7th-24th of the month), the clinic
    open, not before it by more than two days."""
    opening = Opening.of(get_catalog().clinic)
    for delta in (-2, -1, 1, 2, 3, 4, 5, 6):
        day = current + dt.timedelta(days=delta)
        if day.month == current.month and 7 <= day.day <= 24 and opening.is_open(day):
            return day
    raise AssertionError(f"no day to move to near {current}")


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_one_tap_on_the_new_date_moves_a_visit_and_no_toolbar_covers_the_table(
    page: Page, app_server: str, size
):
    open_app(page, app_server, size)
    load_demo(page)
    nav_to(page, "Timeline")
    table = page.get_by_test_id("stDataFrame").first
    row = table.locator("table tbody tr").nth(1)
    expect(row).to_contain_text("Session 2")
    shown = re.search(r"\d\d\.\d\d\.\d{4}", row.inner_text()).group(0)
    current = dt.datetime.strptime(shown, "%d.%m.%Y").date()
    page.get_by_role("combobox", name="Visit").tap()
    page.get_by_role("option", name=re.compile(r"^Session 2 · ")).tap()
    field = page.get_by_role("spinbutton", name="day, New date")
    # The control shows session 2 once the page has answered the choice.
    expect(field).to_have_attribute("aria-valuenow", str(current.day))
    expect(page.get_by_role("spinbutton", name="month, New date")).to_have_attribute(
        "aria-valuenow", str(current.month)
    )
    target = _target_in_view(current)
    box = page.get_by_test_id("stDateInput").filter(has=field)
    box.get_by_test_id("stDateInputCalendarButton").tap()
    page.get_by_role("gridcell").filter(has_text=re.compile(rf"^{target.day}$")).first.tap()
    # That tap is the whole move: no button to confirm it.
    expect(page.get_by_text(re.compile(r"^Session 2 moved to "))).to_be_visible()
    expect(table.locator("table tbody tr").nth(1)).to_contain_text(target.strftime("%d.%m.%Y"))

    # A tap on the table shows no floating toolbar over its cells (it did on touch).
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] - 30, box["y"] + 50)
    page.wait_for_timeout(300)
    toolbars = page.get_by_test_id("stElementToolbar")
    for index in range(toolbars.count()):
        assert not toolbars.nth(index).is_visible()
    screenshot(page, f"timeline-{size}-moved")
