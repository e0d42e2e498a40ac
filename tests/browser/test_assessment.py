"""Real Chromium at tablet sizes: fill the assessment, switch page and back, nothing is lost."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import STEP_BAR, TABLET_SIZES, menu_action, nav_to, open_app, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_assessment_survives_switching_pages_in_chromium(page: Page, app_server: str, size):
    open_app(page, app_server, size)

    name = page.get_by_role("textbox", name="Full name")
    name.fill("Ayşe Yılmaz")
    name.press("Enter")
    page.get_by_role("spinbutton", name="day, Date of birth").fill("12")
    page.get_by_role("spinbutton", name="month, Date of birth").fill("04")
    page.get_by_role("spinbutton", name="year, Date of birth").fill("1988")
    page.get_by_role("spinbutton", name="year, Date of birth").press("Tab")
    page.get_by_role("radio", name="Female").tap()
    page.get_by_role("button", name="Fine wrinkles").tap()
    page.get_by_role("button", name="Dullness").tap()
    # A doctor's taps are seconds apart: let this change's rerun finish before typing on.
    expect(page.get_by_text("Tired-looking skin")).to_be_visible()
    goals = page.get_by_role("textbox", name="Goals")
    goals.fill("Fresher skin for a wedding")
    goals.press("Tab")
    expect(page.get_by_text("Age: 38")).to_be_visible(timeout=10_000)
    screenshot(page, f"assessment-{size}")

    nav_to(page, "Screening")
    nav_to(page, "Assessment")

    expect(page.get_by_role("textbox", name="Full name")).to_have_value("Ayşe Yılmaz")
    expect(page.get_by_role("textbox", name="Goals")).to_have_value("Fresher skin for a wedding")
    expect(page.get_by_role("spinbutton", name="year, Date of birth")).to_have_text("1988")
    expect(page.get_by_text("Age: 38")).to_be_visible()
    expect(page.get_by_role("radio", name="Female")).to_be_checked()
    for concern, chosen in (
        ("Fine wrinkles", "true"),
        ("Dullness", "true"),
        ("Acne scars", "false"),
    ):
        expect(page.get_by_role("button", name=concern)).to_have_attribute("aria-pressed", chosen)


def test_menu_closes_after_an_action_and_its_message_leaves_the_steps_free(
    page: Page, app_server: str
):
    width, height = TABLET_SIZES["portrait"]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(app_server)
    menu_action(page, "Load demo patient")
    toast = page.get_by_test_id("stToast")
    expect(toast).to_contain_text("Demo patient loaded")
    expect(page.get_by_role("button", name="New consultation")).to_be_hidden()
    steps = page.get_by_role("radiogroup", name=STEP_BAR).bounding_box()
    box = toast.bounding_box()
    assert box["y"] > steps["y"] + steps["height"], "the message covers the step bar"
