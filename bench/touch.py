"""Issue #18 in real Chromium, touch only, side by side with trivial Streamlit apps started in
the same run (bench.browser):

- the first visit to the Areas step in a fresh browser (a new browser context: empty cache, new
  session), tapped on the step bar from the Assessment, against a trivial two-page
  st.navigation app's switch through a segmented control (goal: at most 1.5x);
- a tap on a zone of the area map (the face, chosen and then removed again) against a tap on a
  trivial one-checkbox app's checkbox (goal: at most 1.3x).

Both from the tap's pointerdown to the page's last change (see bench.browser.Tablet.time_tap),
interleaved rounds, medians.
"""

from __future__ import annotations

from playwright.sync_api import expect, sync_playwright

from bench.browser import (
    ONE_CHECKBOX,
    ROOT,
    TWO_PAGES,
    Measured,
    Server,
    Tablet,
    interleaved,
    launch,
    trivial_app,
)

ROUNDS = 7
STEP_BAR = "Consultation steps"
MARK_JS = """
(zone) => {
  const mark = zone.querySelector('.mark');
  const m = zone.ownerSVGElement.getScreenCTM();
  const t = mark.transform.baseVal[0].matrix;
  return [m.a * t.e + m.c * t.f + m.e, m.b * t.e + m.d * t.f + m.f];
}
"""


def _heading(name: str):
    def ready(page) -> None:
        expect(page.get_by_role("heading", name=name, level=1)).to_be_visible(timeout=60_000)

    return ready


def report() -> list[str]:
    servers = {
        "ours": Server(ROOT / "app.py"),
        "checkbox": Server(trivial_app("checkbox", ONE_CHECKBOX)),
        "two_pages": Server(trivial_app("two_pages", TWO_PAGES)),
    }
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for server in servers.values():
                server.start()
            ours, checkbox, two = (servers[k].url for k in ("ours", "checkbox", "two_pages"))

            def first_visit_to_areas() -> float:
                tablet = Tablet(browser).open(ours, _heading("Assessment"))
                steps = tablet.page.get_by_role("radiogroup", name=STEP_BAR)
                seconds = tablet.time_tap(steps.get_by_role("radio", name="Areas", exact=True))
                expect(tablet.page.locator('[data-zone="face"]')).to_be_visible()
                tablet.close()
                return seconds

            def two_page_switch() -> float:
                tablet = Tablet(browser).open(two, _heading("First"))
                seconds = tablet.time_tap(tablet.page.get_by_role("radio", name="second"))
                expect(tablet.page.get_by_role("heading", name="Second")).to_be_visible()
                tablet.close()
                return seconds

            on_areas = Tablet(browser).open(ours, _heading("Assessment"))
            steps = on_areas.page.get_by_role("radiogroup", name=STEP_BAR)
            on_areas.time_tap(steps.get_by_role("radio", name="Areas", exact=True))
            face = on_areas.page.locator('[data-zone="face"]')
            on_one_checkbox = Tablet(browser).open(checkbox, lambda page: None)
            box = on_one_checkbox.page.get_by_text("One")
            expect(box).to_be_visible()

            def zone_tap() -> float:
                return on_areas.time_tap_at(lambda: face.evaluate(MARK_JS))

            def checkbox_tap() -> float:
                return on_one_checkbox.time_tap(box)

            (switch, areas), (rerun, tap) = interleaved(
                [(two_page_switch, first_visit_to_areas), (checkbox_tap, zone_tap)], ROUNDS
            )
        finally:
            browser.close()
            for server in servers.values():
                server.stop()
    return [
        Measured(
            "first visit to Areas (fresh browser, touch)",
            "two-page st.navigation switch",
            switch,
            areas,
            1.5,
        ).line(),
        Measured("tap on a map zone (touch)", "one-checkbox rerun (touch)", rerun, tap, 1.3).line(),
    ]
