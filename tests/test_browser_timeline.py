"""Real Chromium at tablet sizes: the demo patient's timeline (chart, table, move control,
calendar download) renders; screenshots for review."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

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
