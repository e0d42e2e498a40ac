"""Real Chromium at tablet sizes, touch: moving through the consultation without scrolling
back. Two step taps 150 ms apart end on the second step; the step bar stays at the top while a
long step is scrolled; every step ends with "Continue to <next step>"; the title is smaller on a
tablet."""

from __future__ import annotations

from itertools import pairwise

import pytest
from playwright.sync_api import Page, expect

from mesocore.i18n import t
from tests.conftest import STEP_BAR, TABLET_SIZES, nav_to, open_app, screenshot
from ui.steps import STEPS

PAIRS = [("Screening", "Areas"), ("Cocktails", "Timeline"), ("Compare", "Summary")]


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_two_step_taps_150_ms_apart_end_on_the_second_step(page: Page, app_server: str, size):
    open_app(page, app_server, size)
    steps = page.get_by_role("radiogroup", name=STEP_BAR)
    for first, second in [*PAIRS, ("Areas", "Assessment")]:
        steps.get_by_role("radio", name=first, exact=True).tap()
        page.wait_for_timeout(150)
        steps.get_by_role("radio", name=second, exact=True).tap()
        expect(page.get_by_role("heading", name=second, level=1)).to_be_visible()
        expect(steps.get_by_role("radio", name=second, exact=True)).to_be_checked()
        page.wait_for_timeout(1500)  # nothing switches back afterwards
        expect(page.get_by_role("heading", name=second, level=1)).to_be_visible()


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_the_step_bar_stays_on_screen_and_every_step_continues_to_the_next(
    page: Page, app_server: str, size
):
    open_app(page, app_server, size)
    steps = page.get_by_role("radiogroup", name=STEP_BAR)
    for step, following in pairwise(STEPS):
        title = t(f"nav.{step.id}", "en")
        if page.get_by_role("heading", name=title, level=1).count() == 0:
            nav_to(page, title)
        heading = page.get_by_role("heading", name=title, level=1)
        expect(heading).to_be_visible()
        # A tablet's title takes less room than Streamlit's (2.75rem, 44 px).
        heading.element_handle().wait_for_element_state("stable")
        page.wait_for_function(
            "h => parseFloat(getComputedStyle(h).fontSize) <= 30", arg=heading.element_handle()
        )
        next_title = t(f"nav.{following.id}", "en")
        button = page.get_by_role("button", name=f"Continue to {next_title}")
        button.scroll_into_view_if_needed()  # the end of the step
        box = steps.bounding_box()
        # On screen at the end of the step: at the very top once a long step has scrolled.
        assert box is not None and 0 <= box["y"] <= 100, (step.id, box)
        scrolled = page.get_by_test_id("stMain").evaluate("main => main.scrollTop")
        if scrolled > 100:
            assert box["y"] < 20, (step.id, box)
        if step.id == "screening":
            screenshot(page, f"moving-{size}-screening-end")
        button.tap()
        expect(page.get_by_role("heading", name=next_title, level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Continue to", exact=False)).to_have_count(0)
