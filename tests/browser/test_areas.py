"""Real Chromium at tablet sizes, touch only (no mouse, no hover): every zone of the area map
toggles with one tap, exactly that zone, and the list under the map follows; a screen reader's
view names every zone, in English and in Turkish; a cocktail is assigned on the next step.
Screenshots of the map (few and many areas, both languages, female and male outlines) land in
test-artifacts/screenshots/ for review."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mesocore.bodymap import zone_label
from mesocore.catalog import get_catalog
from tests.conftest import (
    TABLET_SIZES,
    area_pill,
    load_demo,
    map_zone,
    nav_to,
    open_app,
    screenshot,
    tap_zone,
)

pytestmark = pytest.mark.browser

CATALOG = get_catalog()
ZONES = list(CATALOG.bodymap.zones)

PRESSED_JS = """
() => {
  const root = document.querySelector('[data-testid=stBidiComponentIsolated]').shadowRoot;
  const found = {};
  for (const zone of root.querySelectorAll('.zone')) {
    found[zone.dataset.zone] = zone.getAttribute('aria-pressed') === 'true';
  }
  return found;
}
"""


def pressed(page: Page) -> dict[str, bool]:
    return page.evaluate(PRESSED_JS)


def list_name(zone_states: dict[str, bool], area: str) -> str | None:
    """What the list under the map calls the area now ("Arms (left only)"), None if unchosen."""
    name = CATALOG.areas[area].name("en")
    if not CATALOG.areas[area].sided:
        return name if zone_states[area] else None
    sides = [side for side in ("left", "right") if zone_states[f"{area}:{side}"]]
    if not sides:
        return None
    return name if len(sides) == 2 else f"{name} ({sides[0]} only)"


def check_list_follows(page: Page, states: dict[str, bool], area: str) -> None:
    name = list_name(states, area)
    pill = area_pill(page, name or CATALOG.areas[area].name("en"))
    expect(pill).to_have_attribute("aria-pressed", "true" if name else "false")


def show_map(page: Page) -> None:
    page.get_by_test_id("stBidiComponentIsolated").scroll_into_view_if_needed()


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_every_zone_toggles_with_one_touch_tap_and_the_list_follows(
    page: Page, app_server: str, size
):
    open_app(page, app_server, size)
    nav_to(page, "Areas")
    expect(map_zone(page, "face")).to_have_attribute("aria-pressed", "false")
    for on in (True, False):
        for zone in ZONES:
            before = pressed(page)
            assert before[zone] is not on
            tap_zone(page, zone)  # one tap, applied once by the server
            after = pressed(page)
            changed = {z for z in ZONES if before[z] != after[z]}
            assert changed == {zone}, (zone, changed)
            check_list_follows(page, after, CATALOG.bodymap.zones[zone].area)
        if on:
            show_map(page)
            screenshot(page, f"areas-map-{size}-all")
    assert not any(pressed(page).values())


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_the_list_chooses_whole_areas_and_the_map_follows(page: Page, app_server: str, size):
    open_app(page, app_server, size)
    nav_to(page, "Areas")
    tap_zone(page, "arms:left")
    expect(area_pill(page, "Arms (left only)")).to_have_attribute("aria-pressed", "true")
    area_pill(page, "Arms (left only)").tap()  # the list takes the whole area away
    expect(map_zone(page, "arms:left")).to_have_attribute("aria-pressed", "false")
    area_pill(page, "Legs").tap()  # and adds a whole one: both sides
    expect(map_zone(page, "legs:left")).to_have_attribute("aria-pressed", "true")
    expect(map_zone(page, "legs:right")).to_have_attribute("aria-pressed", "true")
    expect(map_zone(page, "feet:left")).to_have_attribute("aria-pressed", "false")


def test_a_screen_reader_hears_every_zone_by_name_in_english_and_in_turkish(
    page: Page, app_server: str
):
    open_app(page, app_server, "portrait")
    load_demo(page)
    nav_to(page, "Areas")
    component = page.get_by_test_id("stBidiComponentIsolated")
    expect(component.get_by_role("button", name="Face", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    for locale in ("en", "tr"):
        if locale == "tr":
            page.get_by_role("radio", name="Türkçe").tap()
            expect(page.get_by_role("heading", name="Bölgeler", level=1)).to_be_visible()
        tree = component.aria_snapshot()
        for zone in ZONES:
            label = zone_label(zone, locale)
            assert f'button "{label}"' in tree, (locale, zone, tree)
            expect(component.get_by_role("button", name=label, exact=True)).to_have_count(1)
        for view in CATALOG.bodymap.views.values():
            assert view.name(locale) in tree
    # The demo patient is a woman with face and neck chosen, the face areas suggested.
    show_map(page)
    screenshot(page, "areas-map-portrait-demo-tr")


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_map_taps_reach_the_cocktails_step(page: Page, app_server: str, size):
    open_app(page, app_server, size)
    page.get_by_role("radio", name="Male", exact=True).tap()
    page.get_by_role("button", name="Hair loss").tap()
    page.get_by_role("button", name="Cellulite").tap()
    expect(page.get_by_text("Thinning hair or hair loss", exact=False)).to_be_visible()
    nav_to(page, "Areas")
    expect(map_zone(page, "scalp")).to_have_class("zone suggested")
    for zone in ("scalp", "buttocks:left", "back_of_thighs:right"):
        tap_zone(page, zone)
    show_map(page)
    screenshot(page, f"areas-map-{size}-male")

    nav_to(page, "Cocktails")
    expect(page.get_by_role("heading", name="Scalp")).to_be_visible()
    scalp = page.get_by_role("radiogroup", name="Cocktail for Scalp")
    scalp.get_by_text("Hair mesotherapy").tap()
    expect(scalp.get_by_role("radio", name="Hair mesotherapy")).to_be_checked()
    nav_to(page, "Areas")
    expect(map_zone(page, "scalp")).to_have_attribute("aria-pressed", "true")
    expect(map_zone(page, "buttocks:left")).to_have_attribute("aria-pressed", "true")
    expect(map_zone(page, "buttocks:right")).to_have_attribute("aria-pressed", "false")
