"""Real Chromium: a reload (a new Streamlit session) gets the open consultation back, two
patients in two browsers at once never see each other's data, and the URL only ever holds the
opaque id. The app server saves into the test session's temporary database (conftest.py)."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import TABLET_SIZES, nav_to, open_app, screenshot

pytestmark = pytest.mark.browser
LONG = 30_000


def consultation_id(page: Page) -> str:
    [value] = parse_qs(urlparse(page.url).query)["c"]
    return value


def assert_url_holds_no_patient_data(page: Page, *texts: str) -> None:
    url = unquote(page.url).casefold()
    for text in texts:
        for word in text.casefold().split():
            assert word not in url, page.url


def fill_name(page: Page, name: str) -> None:
    field = page.get_by_role("textbox", name="Full name")
    field.fill(name)
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]c="), timeout=LONG)  # saved: the id is in the URL


def fill_text(page: Page, label: str, text: str) -> None:
    field = page.get_by_role("textbox", name=label)
    field.fill(text)
    field.press("Tab")


def fill_birth_date(page: Page, day: str, month: str, year: str) -> None:
    page.get_by_role("spinbutton", name="day, Date of birth").fill(day)
    page.get_by_role("spinbutton", name="month, Date of birth").fill(month)
    page.get_by_role("spinbutton", name="year, Date of birth").fill(year)
    page.get_by_role("spinbutton", name="year, Date of birth").press("Tab")
    page.keyboard.press("Escape")  # close the calendar: the date is sent when it closes


def choose_concern(page: Page, concern: str, description_start: str) -> None:
    """Tap a concern and wait for its description: the change has reached the server."""
    page.get_by_role("button", name=concern).tap()
    expect(page.get_by_text(description_start, exact=False).first).to_be_visible(timeout=LONG)


def test_a_reload_brings_back_everything_entered(page: Page, app_server: str):
    open_app(page, app_server, "landscape")
    fill_name(page, "Çağla Öztürk")
    fill_birth_date(page, "03", "09", "1979")
    expect(page.get_by_text("Age: ")).to_be_visible(timeout=LONG)
    page.get_by_role("radio", name="Female").tap()
    expect(page.get_by_role("radio", name="Female")).to_be_checked(timeout=LONG)
    fill_text(page, "Goals", "Hydrated skin before the summer")
    fill_text(page, "Notes", "Bruises easily")
    choose_concern(page, "Sagging", "lost firmness and elasticity")
    expect(page.get_by_text(re.compile(r"Saved \d\d:\d\d:\d\d"))).to_be_visible(timeout=LONG)
    saved_id = consultation_id(page)

    nav_to(page, "Screening")  # the id stays in the URL across page switches…
    expect(page).to_have_url(re.compile(rf"/screening\?c={re.escape(saved_id)}$"), timeout=LONG)
    assert_url_holds_no_patient_data(page, "Çağla Öztürk", "Cagla Ozturk")

    page.reload()  # …so a reload on any step resumes the consultation
    expect(page.get_by_role("heading", name="Screening", level=1)).to_be_visible(timeout=LONG)
    expect(page.get_by_text("Çağla Öztürk").first).to_be_visible(timeout=LONG)
    nav_to(page, "Assessment")
    expect(page.get_by_role("textbox", name="Full name")).to_have_value("Çağla Öztürk")
    expect(page.get_by_role("textbox", name="Goals")).to_have_value(
        "Hydrated skin before the summer"
    )
    expect(page.get_by_role("textbox", name="Notes")).to_have_value("Bruises easily")
    expect(page.get_by_role("spinbutton", name="year, Date of birth")).to_have_text("1979")
    expect(page.get_by_role("radio", name="Female")).to_be_checked()
    expect(page.get_by_role("button", name="Sagging")).to_have_attribute("aria-pressed", "true")
    assert consultation_id(page) == saved_id
    screenshot(page, "resume-after-reload-landscape")


def test_two_patients_in_two_browsers_never_see_each_other(browser: Browser, app_server: str):
    patients = {"first": "Ayşe Yılmaz", "second": "İsmail Işık"}
    goals = {"first": "Glow for the wedding", "second": "Thicker hair on the crown"}
    contexts = {who: browser.new_context(has_touch=True) for who in patients}
    pages = {who: context.new_page() for who, context in contexts.items()}
    try:
        for page in pages.values():
            open_app(page, app_server, "portrait")
        for who, page in pages.items():  # interleaved: both sessions are live at once
            fill_name(page, patients[who])
        for who, page in pages.items():
            fill_text(page, "Goals", goals[who])
        choose_concern(pages["first"], "Dullness", "lacks radiance")
        choose_concern(pages["second"], "Hair loss", "Thinning hair")
        assert consultation_id(pages["first"]) != consultation_id(pages["second"])

        for who, page in pages.items():
            page.reload()
            expect(page.get_by_role("textbox", name="Full name")).to_have_value(
                patients[who], timeout=LONG
            )
            expect(page.get_by_role("textbox", name="Goals")).to_have_value(goals[who])
        expect(pages["first"].get_by_role("button", name="Dullness")).to_have_attribute(
            "aria-pressed", "true"
        )
        expect(pages["second"].get_by_role("button", name="Hair loss")).to_have_attribute(
            "aria-pressed", "true"
        )
        for who, page in pages.items():
            other = "second" if who == "first" else "first"
            nav_to(page, "Screening")
            for step in ("Screening", "Assessment"):
                if step == "Assessment":
                    nav_to(page, "Assessment")
                html = page.content()
                assert patients[other] not in html and goals[other] not in html
            assert_url_holds_no_patient_data(page, patients[who], patients[other])
        screenshot(pages["second"], "two-patients-second-portrait")
    finally:
        for context in contexts.values():
            context.close()


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_consultations_page_lists_exports_and_refuses_a_bad_file(
    page: Page, app_server: str, size: str
):
    open_app(page, app_server, size)
    fill_name(page, f"Export Check {size}")
    saved_id = consultation_id(page)
    nav_to(page, "Consultations")
    expect(page).to_have_url(re.compile(rf"\?c={re.escape(saved_id)}$"), timeout=LONG)

    page.get_by_role("textbox", name="Search by name").fill(f"export check {size}")
    page.get_by_role("textbox", name="Search by name").press("Enter")
    expect(page.get_by_role("button", name="Open", exact=True)).to_have_count(1, timeout=LONG)
    expect(page.get_by_text("open now")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export as JSON").tap()
    download = download_info.value
    assert download.suggested_filename == f"consultation-{saved_id}.json"
    exported = json.loads(download.path().read_text(encoding="utf-8"))
    assert exported["patient"]["name"] == f"Export Check {size}"
    assert exported["id"] == saved_id

    page.locator('input[type="file"]').set_input_files(
        files=[
            {
                "name": "bad.json",
                "mimeType": "application/json",
                "buffer": json.dumps({"history": {"pregnant": "perhaps"}}).encode(),
            }
        ]
    )
    expect(page.get_by_text("was not imported")).to_be_visible(timeout=LONG)
    expect(page.get_by_text("history.pregnant")).to_be_visible()

    page.get_by_role("button", name="Delete", exact=True).tap()
    expect(page.get_by_text("cannot be restored")).to_be_visible(timeout=LONG)
    screenshot(page, f"consultations-{size}")
    page.get_by_role("button", name="Cancel").tap()
    expect(page.get_by_text("cannot be restored")).to_have_count(0, timeout=LONG)
