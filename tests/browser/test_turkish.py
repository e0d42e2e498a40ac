"""Real Chromium: the doctor switches to Turkish, loads the demo patient and walks to the
timeline and the summary; the chart's dates are Turkish. Screenshots for review."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mesocore.i18n import messages, t
from tests.conftest import TABLET_SIZES, load_demo, nav_to, open_app, screenshot

pytestmark = pytest.mark.browser

TURKISH_MONTHS = {messages("tr")[f"date.month_short_{m}"] for m in range(1, 13)}
ENGLISH_ONLY_MONTHS = {messages("en")[f"date.month_short_{m}"] for m in range(1, 13)} - (
    TURKISH_MONTHS
)


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_the_doctor_switches_to_turkish_and_the_plan_speaks_turkish(
    page: Page, app_server: str, size
):
    open_app(page, app_server, size)
    page.get_by_role("radio", name="Türkçe").tap()
    expect(page.get_by_role("heading", name=t("nav.assessment", "tr"), level=1)).to_be_visible()
    load_demo(page, t("app.load_demo", "tr"))  # the menu speaks Turkish too
    screenshot(page, f"turkish-{size}-assessment")

    nav_to(page, t("nav.timeline", "tr"))
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible()
    page.wait_for_timeout(500)  # plotly's layout
    ticks = " ".join(chart.locator(".xtick text").all_text_contents())
    words = set(re.findall(r"[^\W\d_]+", ticks))
    assert words & TURKISH_MONTHS, ticks
    assert not words & ENGLISH_ONLY_MONTHS, ticks
    move_date = f"day, {t('timeline.move_date', 'tr')}"
    expect(page.get_by_role("spinbutton", name=move_date)).to_be_visible()
    chart.scroll_into_view_if_needed()
    screenshot(page, f"turkish-{size}-timeline-chart")
    page.get_by_test_id("stDataFrame").first.scroll_into_view_if_needed()
    screenshot(page, f"turkish-{size}-timeline-table")

    nav_to(page, t("nav.summary", "tr"))
    expect(page.get_by_text(t("summary.consent_intro", "tr"))).to_be_visible()
    screenshot(page, f"turkish-{size}-summary")
