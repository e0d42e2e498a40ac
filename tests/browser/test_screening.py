"""Real Chromium at tablet sizes: tapping answers on the Screening page changes the banner at
once, the answers are big enough to tap, and they survive a trip to another step."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mesocore.catalog import get_catalog
from tests.conftest import TABLET_SIZES, nav_to, open_app, screenshot

pytestmark = pytest.mark.browser

PREGNANT = "Is the patient pregnant, or possibly pregnant?"
STROKE = "Has the patient ever had a stroke?"
SKIN = "Is there an active infection, wound or irritation on the skin of the treatment area?"
ALLERGY = "Any known allergy or sensitivity to a substance used in mesotherapy?"
MIN_TOUCH_PX = 44
QUESTIONS = len(get_catalog().rules)
AT_LEAST_44PX = re.compile(r"^(4[4-9]|[5-9]\d|\d{3,})(\.\d+)?px$")


def tap(page: Page, question: str, choice: str) -> None:
    page.get_by_role("radiogroup", name=question, exact=True).get_by_role(
        "radio", name=choice, exact=True
    ).tap()


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_tapping_answers_updates_the_screening_banner_in_chromium(page: Page, app_server, size):
    open_app(page, app_server, size)
    nav_to(page, "Screening")
    banner = page.get_by_test_id("stAlert").first
    expect(banner).to_contain_text("Incomplete")
    expect(banner).to_contain_text(f"0 of {QUESTIONS} questions answered")

    stroke_no = page.get_by_role("radiogroup", name=STROKE).get_by_role(
        "radio", name="No", exact=True
    )
    expect(stroke_no).to_have_css("min-height", AT_LEAST_44PX)  # the page's touch style applied
    box = stroke_no.bounding_box()
    assert box and box["height"] >= MIN_TOUCH_PX and box["width"] >= MIN_TOUCH_PX

    tap(page, STROKE, "No")
    expect(banner).to_contain_text(f"1 of {QUESTIONS} questions answered")
    tap(page, SKIN, "Yes")
    expect(banner).to_contain_text("Deferred")
    tap(page, PREGNANT, "Yes")
    expect(banner).to_contain_text("Not eligible")
    expect(banner).to_contain_text("CI-PREGNANCY")
    tap(page, ALLERGY, "Yes")
    expect(page.get_by_text("counts as not answered")).to_be_visible()
    page.get_by_role("button", name="Salmon DNA").tap()
    expect(
        page.get_by_text("Excluded: Mesolift (facial mesotherapy) (contains Salmon DNA)")
    ).to_be_visible()
    screenshot(page, f"screening-allergy-{size}")
    banner.scroll_into_view_if_needed()
    screenshot(page, f"screening-banner-{size}")

    nav_to(page, "Areas")
    expect(page.get_by_text("Screening: Not eligible")).to_be_visible()
    nav_to(page, "Screening")
    pregnant_yes = page.get_by_role("radiogroup", name=PREGNANT).get_by_role("radio", name="Yes")
    expect(pregnant_yes).to_have_attribute("aria-checked", "true")
    expect(page.get_by_role("button", name="Salmon DNA")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("stAlert").first).to_contain_text("Not eligible")
