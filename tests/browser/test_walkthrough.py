"""A whole consultation in real Chromium at both tablet sizes, walked as a doctor walks it: new
consultation, assessment, screening, areas tapped on the diagram, cocktails, compare, timeline,
consent and the final PDF. Each step is screenshotted for review
(test-artifacts/screenshots/walkthrough-<size>-<nn>-<step>.png).

The same walk checks privacy and safety: the browser talks to no host but the app, no error
text reaches any page, and the patient's name never appears in a URL or in the server log.
Two sessions at once never seeing each other's patient is
tests/browser/test_resume.py::test_two_patients_in_two_browsers_never_see_each_other.
"""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from mesocore.catalog import get_catalog
from tests.conftest import (
    TABLET_SIZES,
    area_pill,
    map_zone,
    menu_action,
    nav_to,
    screenshot,
    start_app,
    tap_zone,
)

pytestmark = pytest.mark.browser

PATIENT = "İpek Kuşçu Dağlıoğlu"
NAME_PARTS = PATIENT.split()
GOALS = "Fresher face and a firmer neck before spring"
LONG = 30_000
# Python exception names (ValueError, StreamlitAPIException…) and tracebacks; the app's own
# generic error message counts too: on this walk nothing may fail.
ERROR_TEXT = re.compile(
    r"Traceback|\b[A-Z]\w*(Error|Exception)\b|\bError\b|Something went wrong|File \"",
)


class Walk:
    """One browser page walking the consultation, numbering a screenshot per step."""

    def __init__(self, page: Page, size: str) -> None:
        self.page = page
        self.size = size
        self.step = 0
        self.visited: list[str] = []

    def done(self, name: str) -> None:
        """The step is finished: no error on the page, a full-length screenshot for review."""
        page = self.page
        self.step += 1
        text = page.locator("body").inner_text()
        found = ERROR_TEXT.search(text)
        assert found is None, f"step {name}: {found.group(0)!r} on the page"
        assert page.get_by_test_id("stException").count() == 0, name
        self.visited.append(page.url)
        full_length(page, f"walkthrough-{self.size}-{self.step:02d}-{name}")


def full_length(page: Page, name: str) -> None:
    """Streamlit scrolls inside its own container, so a full-page shot shows only the viewport:
    grow the viewport to the content for one shot (same width), then restore it."""
    size = page.viewport_size
    main = page.get_by_test_id("stMain")
    main.evaluate("main => main.scrollTo(0, 0)")
    height = main.evaluate("main => main.scrollHeight")
    page.set_viewport_size(
        {"width": size["width"], "height": max(size["height"], min(height, 6000))}
    )
    screenshot(page, name)
    page.set_viewport_size(size)


def radio_in(page: Page, group: str, choice: str):
    return page.get_by_role("radiogroup", name=group, exact=True).get_by_role(
        "radio", name=choice, exact=True
    )


def fill_date(page: Page, label: str, day: dt.date) -> None:
    page.get_by_role("spinbutton", name=f"day, {label}").fill(f"{day.day:02d}")
    page.get_by_role("spinbutton", name=f"month, {label}").fill(f"{day.month:02d}")
    year = page.get_by_role("spinbutton", name=f"year, {label}")
    year.fill(str(day.year))
    year.press("Tab")
    page.keyboard.press("Escape")  # close the calendar: the date is sent when it closes


def assessment(walk: Walk) -> None:
    page = walk.page
    name = page.get_by_role("textbox", name="Full name")
    name.fill(PATIENT)
    name.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]c="), timeout=LONG)  # saved: the id in the URL
    fill_date(page, "Date of birth", dt.date(1984, 11, 23))
    expect(page.get_by_text("Age: ")).to_be_visible(timeout=LONG)
    page.get_by_role("radio", name="Female").tap()
    expect(page.get_by_role("radio", name="Female")).to_be_checked(timeout=LONG)
    for concern in ("Fine wrinkles", "Sagging and loss of elasticity"):
        page.get_by_role("button", name=concern).tap()
        expect(page.get_by_role("button", name=concern)).to_have_attribute(
            "aria-pressed", "true", timeout=LONG
        )
    expect(page.get_by_text("lost firmness and elasticity", exact=False).first).to_be_visible()
    goals = page.get_by_role("textbox", name="Goals")
    goals.fill(GOALS)
    goals.press("Tab")
    expect(page.get_by_text(re.compile(r"Saved \d\d:\d\d:\d\d"))).to_be_visible(timeout=LONG)
    walk.done("assessment")


def screening(walk: Walk) -> None:
    page = walk.page
    nav_to(page, "Screening")
    banner = page.get_by_test_id("stAlert").first
    expect(banner).to_contain_text("Incomplete")
    catalog = get_catalog()
    questions = [r.label("en") for r in catalog.rules.values() if r.kind == "answer"]
    for answered, question in enumerate(questions, start=1):
        radio_in(page, question, "No").tap()
        # A doctor's taps are seconds apart: the banner has counted this answer before the next.
        expect(banner).to_contain_text(f"{answered} of {len(catalog.rules)} questions answered")
    radio_in(page, catalog_text("screening.allergy_any"), "None known").tap()
    # The outcome is plain "Eligible": every answer recorded, no caution, nothing deferred.
    expect(banner.locator("strong").first).to_have_text("Eligible", timeout=LONG)
    expect(banner).to_contain_text(f"{len(catalog.rules)} of {len(catalog.rules)} questions")
    walk.done("screening")


def catalog_text(key: str) -> str:
    from mesocore.i18n import t

    return t(key, "en")


def areas(walk: Walk) -> None:
    page = walk.page
    nav_to(page, "Areas")
    # The concerns suggest the face and the neck.
    expect(map_zone(page, "face")).to_have_class("zone suggested", timeout=LONG)
    tap_zone(page, "face")
    tap_zone(page, "neck")
    for area in ("Face", "Neck"):
        expect(area_pill(page, area)).to_have_attribute("aria-pressed", "true", timeout=LONG)
    walk.done("areas")


def cocktails(walk: Walk) -> None:
    """Assign each area the cocktail the page ranks first (the one marked best match)."""
    page = walk.page
    nav_to(page, "Cocktails")
    for area in ("Face", "Neck"):
        group = page.get_by_role("radiogroup", name=f"Cocktail for {area}", exact=True)
        expect(group).to_be_visible(timeout=LONG)
        expect(group.get_by_text("Best match").first).to_be_visible()  # ranked: best first
        top = group.get_by_role("radio").first
        group.locator("label").first.tap()
        expect(top).to_be_checked(timeout=LONG)
    expect(page.get_by_text("Still without a cocktail")).to_have_count(0, timeout=LONG)
    walk.done("cocktails")


def compare(walk: Walk) -> str:
    """The patient takes the recommended option (marked ★); returns its name."""
    page = walk.page
    nav_to(page, "Compare")
    recommended = page.get_by_text(re.compile(r"^Recommended: "))
    expect(recommended).to_be_visible(timeout=LONG)
    option = recommended.inner_text().removeprefix("Recommended: ").strip()
    expect(page.locator(".js-plotly-plot")).to_be_visible(timeout=LONG)
    page.get_by_role("radio", name=f"★ {option}", exact=True).tap()
    expect(page.get_by_text(f"Recorded: the patient chooses {option}.")).to_be_visible(timeout=LONG)
    expect(page.get_by_text(f"Recorded choice: {option}")).to_be_visible()
    walk.done("compare")
    return option


def timeline(walk: Walk) -> set[str]:
    """Set a start date if there is none; returns the cocktails the planned visits use."""
    page = walk.page
    nav_to(page, "Timeline")
    start = dt.date.today() + dt.timedelta(days=14)
    no_start = page.get_by_text("No plan yet: choose the course start date.")
    chart = page.locator(".js-plotly-plot").first
    expect(no_start.or_(chart)).to_be_visible(timeout=LONG)
    if no_start.is_visible():  # a new consultation has no start date yet
        fill_date(page, "Course start date", start)
    expect(chart).to_be_visible(timeout=LONG)
    expect(page.get_by_text("No plan yet")).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    # The visits are listed in the table (its accessible copy of the canvas grid): sessions
    # then boosters, for both areas, the first on or within a week after the start date.
    rows = page.get_by_test_id("stDataFrame").first.locator("table tbody tr")
    expect(rows.first).to_contain_text("Session 1", timeout=LONG)
    visits = [
        [cell.strip() for cell in row.locator("td, th").all_inner_texts()] for row in rows.all()
    ]
    assert len(visits) >= 3, visits
    assert all(re.match(r"(Session|Booster) \d", cells[0]) for cells in visits), visits
    assert all("Face, Neck" in cells for cells in visits), visits
    first = dt.datetime.strptime(visits[0][1], "%d.%m.%Y").date()  # as the table shows it
    assert start <= first <= start + dt.timedelta(days=7), visits[0]
    expect(page.get_by_role("combobox", name="Visit")).to_have_value(re.compile(r"^Session 1 · "))
    headers = page.get_by_test_id("stDataFrame").first.locator("table thead th").all_inner_texts()
    cocktails = [h.strip() for h in headers].index("Cocktails")
    walk.done("timeline")
    return {cells[cocktails] for cells in visits}


def summary(walk: Walk, tmp_path) -> bytes:
    page = walk.page
    nav_to(page, "Summary")
    final = page.get_by_role("button", name="Final summary (PDF)")
    expect(final).to_be_disabled()
    for statement in get_catalog().consent.values():
        page.get_by_text(statement.text("en"), exact=True).tap()
        expect(page.get_by_role("checkbox", name=statement.text("en"))).to_be_checked(timeout=LONG)
    typed = page.get_by_role("textbox", name="Patient types their full name")
    typed.fill(PATIENT)
    typed.press("Enter")
    confirm = page.get_by_role("button", name="Confirm consent")
    expect(confirm).to_be_enabled(timeout=LONG)
    confirm.tap()
    expect(page.get_by_text(f"Consent confirmed by {PATIENT}")).to_be_visible(timeout=LONG)
    expect(final).to_be_enabled()
    walk.done("summary")

    with page.expect_download(timeout=LONG) as download_info:
        final.tap()
    download = download_info.value
    assert not any(part.casefold() in download.suggested_filename.casefold() for part in NAME_PARTS)
    path = tmp_path / "summary.pdf"
    download.save_as(path)
    return path.read_bytes()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_a_whole_consultation_walked_in_chromium_stays_private_and_error_free(
    browser: Browser, size: str, tmp_path
):
    process, url, log = start_app()
    requested: list[str] = []
    try:
        width, height = TABLET_SIZES[size]
        context = browser.new_context(
            viewport={"width": width, "height": height}, accept_downloads=True, has_touch=True
        )
        page = context.new_page()
        page.set_default_timeout(LONG)
        page.on("request", lambda request: requested.append(request.url))
        page.on("websocket", lambda socket: requested.append(socket.url))
        page.on("framenavigated", lambda frame: requested.append(frame.url))
        page.goto(url)
        expect(page.get_by_role("heading", name="Assessment", level=1)).to_be_visible(timeout=LONG)
        menu_action(page, "New consultation")
        expect(page.get_by_text("New consultation started.")).to_be_visible(timeout=LONG)
        walk = Walk(page, size)
        assessment(walk)
        screening(walk)
        areas(walk)
        cocktails(walk)
        option = compare(walk)
        planned_cocktails = timeline(walk)
        pdf = summary(walk, tmp_path)
        requested.extend(walk.visited)
        context.close()
    finally:
        process.terminate()
        process.wait(timeout=10)

    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert PATIENT in text, text[:500]
    assert option in text
    # The choice on Compare replaced the cocktails it serves: the PDF has the plan as timed.
    assert all(name in text for name in planned_cocktails), planned_cocktails

    app_host = urlparse(url).netloc
    assert requested
    outside = [
        u
        for u in requested
        if urlparse(u).netloc != app_host and not u.startswith(("data:", "blob:", "about:"))
    ]
    assert not outside, outside
    in_urls = [
        u for u in requested for part in NAME_PARTS if part.casefold() in unquote(u).casefold()
    ]
    assert not in_urls, in_urls

    server_log = log.read_text(encoding="utf-8")
    for part in [PATIENT, *NAME_PARTS, GOALS]:
        assert part not in server_log
    assert "Traceback" not in server_log and "unhandled" not in server_log, server_log[-2000:]
