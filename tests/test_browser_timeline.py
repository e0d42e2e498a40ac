"""Real Chromium at tablet sizes: the demo patient's timeline (chart, table, move control,
calendar download) renders; screenshots for review."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import TABLET_SIZES, screenshot
from tests.test_browser_assessment import nav_to

pytestmark = pytest.mark.browser


def load_demo(page: Page) -> None:
    """In portrait the sidebar starts collapsed off-screen: open it first."""
    button = page.get_by_role("button", name="Load demo patient")
    button.wait_for(state="attached", timeout=20_000)
    expand = page.get_by_test_id("stExpandSidebarButton")
    if expand.is_visible():
        expand.click()
    button.click()
    expect(page.get_by_text("Ayşe Yılmaz").first).to_be_visible(timeout=10_000)
    close = page.get_by_test_id("stSidebarCollapseButton")
    if page.viewport_size["width"] < 1000 and close.is_visible():
        close.click()


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_timeline_of_the_demo_patient_in_chromium(page: Page, app_server: str, size):
    width, height = TABLET_SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(app_server)
    expect(page.get_by_role("heading", name="Assessment", level=1)).to_be_visible(timeout=30_000)
    load_demo(page)
    nav_to(page, "Timeline")
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=20_000)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    expect(page.get_by_role("button", name="Move visit")).to_be_visible()
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
