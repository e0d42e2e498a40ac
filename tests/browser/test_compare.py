"""Real Chromium at tablet sizes: the Compare page for the demo patient, and a tap records the
patient's choice."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import TABLET_SIZES, load_demo, nav_to, open_app, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_compare_page_records_the_choice_in_chromium(page: Page, app_server: str, size):
    open_app(page, app_server, size)
    load_demo(page)
    nav_to(page, "Compare")
    expect(page.get_by_text("Recommended: Classic mesotherapy")).to_be_visible(timeout=20_000)
    expect(page.locator(".js-plotly-plot")).to_be_visible(timeout=20_000)

    page.locator(".js-plotly-plot").evaluate("chart => chart.scrollIntoView()")
    screenshot(page, f"compare-{size}-chart")

    page.get_by_role("radio", name="Needle-free mesotherapy").tap()
    expect(
        page.get_by_text("Recorded: the patient chooses Needle-free mesotherapy.")
    ).to_be_visible(timeout=10_000)
    expect(page.get_by_text("Recorded choice: Needle-free mesotherapy")).to_be_visible()
    screenshot(page, f"compare-{size}-choice")
    full_length(page, f"compare-{size}-full")


def full_length(page: Page, name: str) -> None:
    """Streamlit scrolls inside its own container, so a full-page shot shows only the viewport:
    grow the viewport to the content for one review shot, then restore it."""
    size = page.viewport_size
    height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(height, 5000)})
    screenshot(page, name)
    page.set_viewport_size(size)
