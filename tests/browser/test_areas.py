"""Real Chromium at tablet sizes: tap areas on the diagram itself, see the list follow, assign a
cocktail on the next step. Screenshots land in test-artifacts/screenshots/ for review."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import TABLET_SIZES, nav_to, open_app, screenshot

pytestmark = pytest.mark.browser

# Where each area's marker is on screen: plotly's own axes turn data into pixels.
SPOTS_JS = """
(gd) => {
  const box = gd.getBoundingClientRect();
  const spots = {};
  gd._fullData.forEach((trace) => {
    const xa = gd._fullLayout['xaxis' + trace.xaxis.slice(1)];
    const ya = gd._fullLayout['yaxis' + trace.yaxis.slice(1)];
    (trace.customdata || []).forEach((area, j) => {
      spots[area] = [box.left + xa._offset + xa.l2p(trace.x[j]),
                     box.top + ya._offset + ya.l2p(trace.y[j])];
    });
  });
  return spots;
}
"""


def area_spots(page: Page) -> dict[str, tuple[float, float]]:
    # While a change redraws, the old drawing and the new one can both be on the page.
    expect(page.locator(".js-plotly-plot")).to_have_count(1, timeout=20_000)
    chart = page.locator(".js-plotly-plot")
    expect(chart).to_be_visible(timeout=20_000)
    chart.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const gd = document.querySelector('.js-plotly-plot');"
        " return gd && gd._fullData && gd._fullData.length > 0; }",
        timeout=20_000,
    )
    return chart.evaluate(SPOTS_JS)


LABEL_SHOWN_JS = """
(label) => Array.from(document.querySelectorAll('.js-plotly-plot g.textpoint text'))
  .some((t) => t.textContent.replace(/\\u00a0/g, ' ') === label)
"""


def wait_for_map_label(page: Page, label: str) -> None:
    """Wait until the diagram writes an area's name as `label` (✓ chosen, ★ suggested)."""
    page.wait_for_function(LABEL_SHOWN_JS, arg=label, timeout=15_000)


def tap_area(page: Page, area: str, label_after: str) -> None:
    """Click the area's marker, then wait until the redrawn diagram shows `label_after`: the
    chart is replaced on every change, and a click during the swap would hit nothing."""
    x, y = area_spots(page)[area]
    page.mouse.click(x, y)
    wait_for_map_label(page, label_after)


def area_button(page: Page, name: str):
    return page.get_by_role("button", name=re.compile(rf"^{re.escape(name)}( ★)?$"))


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_tapping_the_diagram_toggles_areas_and_a_cocktail_is_assigned(
    page: Page, app_server: str, size
):
    open_app(page, app_server, size)
    page.get_by_role("button", name="Fine wrinkles").click()
    page.get_by_role("button", name="Hair loss").click()
    # The caption under the pills comes from the server: the concern is in the model.
    expect(page.get_by_text("Thinning hair or hair loss", exact=False)).to_be_visible()

    nav_to(page, "Areas")
    expect(area_button(page, "Scalp")).to_have_attribute("aria-pressed", "false")

    wait_for_map_label(page, "Scalp ★")
    tap_area(page, "scalp", "✓ Scalp")
    expect(area_button(page, "Scalp")).to_have_attribute("aria-pressed", "true", timeout=10_000)
    tap_area(page, "hands", "✓ Hands")
    expect(area_button(page, "Hands")).to_have_attribute("aria-pressed", "true", timeout=10_000)
    tap_area(page, "face", "✓ Face")
    expect(area_button(page, "Face")).to_have_attribute("aria-pressed", "true", timeout=10_000)
    # A second tap on the same spot removes it again (a tablet has no shift-click).
    tap_area(page, "hands", "Hands")  # not ★: fine wrinkles are not the hands' main indication
    expect(area_button(page, "Hands")).to_have_attribute("aria-pressed", "false", timeout=10_000)
    expect(area_button(page, "Scalp")).to_have_attribute("aria-pressed", "true")
    # The fallback list works the other way round too.
    area_button(page, "Neck").click()
    expect(area_button(page, "Neck")).to_have_attribute("aria-pressed", "true", timeout=10_000)
    wait_for_map_label(page, "✓ Neck")  # the diagram follows the list
    page.locator("[data-testid='stMain']").evaluate("main => main.scrollTo(0, 0)")
    screenshot(page, f"areas-{size}")

    nav_to(page, "Cocktails")
    expect(page.get_by_role("heading", name="Scalp")).to_be_visible(timeout=20_000)
    page.get_by_role("radiogroup", name="Cocktail for Scalp").get_by_text(
        "Hair mesotherapy"
    ).click()
    expect(
        page.get_by_role("radiogroup", name="Cocktail for Scalp").get_by_role(
            "radio", name="Hair mesotherapy"
        )
    ).to_be_checked(timeout=10_000)
    # The server took it: the scalp no longer waits for a cocktail.
    expect(page.get_by_text("Still without a cocktail: Face, Neck", exact=True)).to_be_visible(
        timeout=10_000
    )
    page.locator("[data-testid='stMain']").evaluate("main => main.scrollTo(0, 0)")
    screenshot(page, f"cocktails-{size}")

    nav_to(page, "Areas")
    expect(area_button(page, "Scalp")).to_have_attribute("aria-pressed", "true")
    expect(area_button(page, "Face")).to_have_attribute("aria-pressed", "true")
