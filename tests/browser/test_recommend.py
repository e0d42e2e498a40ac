"""Real Chromium at tablet sizes: for the demo patient the Areas step stars face areas only, and
the Cocktails and Compare steps name the same best choice (review screenshots of all three)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import TABLET_SIZES, load_demo, nav_to, open_app, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_areas_cocktails_and_compare_agree_in_chromium(page: Page, app_server: str, size):
    open_app(page, app_server, size)
    load_demo(page)
    # The demo's concerns are on screen (a step tapped at once is safe too: see
    # test_browser_quick_taps.py).
    expect(page.get_by_role("button", name="Fine wrinkles")).to_have_attribute(
        "aria-pressed", "true"
    )

    nav_to(page, "Areas")
    expect(page.get_by_role("button", name=re.compile(r"^Décolleté ★$"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"^Feet$"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"^Hands$"))).to_be_visible()
    screenshot(page, f"recommend-{size}-areas")

    nav_to(page, "Cocktails")
    face = page.get_by_role("radiogroup", name="Cocktail for Face", exact=True)
    expect(face.get_by_text("best match").first).to_be_visible()
    expect(face.get_by_role("radio").first).to_have_accessible_name(
        re.compile(r"^Mesolift \(facial mesotherapy\)")
    )
    screenshot(page, f"recommend-{size}-cocktails")

    nav_to(page, "Compare")
    expect(page.get_by_text("Recommended: Classic mesotherapy")).to_be_visible()
    expect(page.get_by_text("same ranking as the Cocktails step").first).to_be_visible()
    page.get_by_text(re.compile(r"^Recommended: ")).evaluate("node => node.scrollIntoView()")
    screenshot(page, f"recommend-{size}-compare")
