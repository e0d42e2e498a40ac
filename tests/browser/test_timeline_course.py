"""Real Chromium at both tablet sizes: the course controls change the plan with a tap, and the
visits table fits the width (no sideways scrolling: every column is inside the frame)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import TABLET_SIZES, load_demo, nav_to, open_app, screenshot

pytestmark = pytest.mark.browser


def table_fits(page: Page) -> dict:
    """The data grid's scrollable width against its visible width."""
    return page.get_by_test_id("stDataFrame").first.evaluate(
        """frame => {
            const scroller = frame.querySelector('.dvn-scroller') || frame;
            return {scroll: scroller.scrollWidth, client: scroller.clientWidth,
                    frame: frame.getBoundingClientRect().width};
        }"""
    )


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_course_controls_and_a_table_that_fits_in_chromium(page: Page, app_server: str, size):
    open_app(page, app_server, size)
    load_demo(page)
    nav_to(page, "Timeline")
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible(timeout=20_000)
    fits = table_fits(page)
    assert fits["scroll"] <= fits["client"] + 1, fits
    sessions = page.get_by_role("radiogroup", name="Sessions").first  # the face's
    sessions.scroll_into_view_if_needed()
    screenshot(page, f"timeline-course-{size}-controls")
    sessions.get_by_role("radio", name="4", exact=True).tap()
    # the plan follows at once: the neck alone comes to session 5
    expect(sessions.get_by_role("radio", name="4", exact=True)).to_be_checked()
    expect(table.locator("td").filter(has_text=re.compile(r"^Neck$"))).to_have_count(1)
    page.wait_for_timeout(800)
    table.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    screenshot(page, f"timeline-course-{size}-table")
    fits = table_fits(page)
    assert fits["scroll"] <= fits["client"] + 1, fits
    # Turkish texts are longer: the table still fits
    page.get_by_role("radio", name="Türkçe").tap()
    expect(page.get_by_role("heading", name="Seans planı", level=1)).to_be_visible()
    expect(table).to_contain_text("Boyun")
    page.wait_for_timeout(500)
    fits = table_fits(page)
    assert fits["scroll"] <= fits["client"] + 1, fits
    table.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    screenshot(page, f"timeline-course-{size}-table-tr")
    page.get_by_role("radiogroup", name="Seans sayısı").first.scroll_into_view_if_needed()
    screenshot(page, f"timeline-course-{size}-controls-tr")
