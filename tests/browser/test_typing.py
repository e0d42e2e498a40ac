"""Real Chromium, touch: text typed into a field the doctor has not left yet is saved as it is
typed, so a reload (or a tablet that sleeps and drops the page) brings it back. Streamlit
itself sends a text field's value only when the field is left or on Enter."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from mesocore.store import Store, configured_url
from tests.conftest import load_demo, nav_to, open_app

pytestmark = pytest.mark.browser


def stored(page: Page):
    """The consultation as the server saved it (the URL names it), or None."""
    ids = parse_qs(urlparse(page.url).query).get("c")
    if not ids:
        return None
    try:
        return Store(configured_url()).load(ids[0]).consultation
    except Exception:  # not saved yet
        return None


def wait_until_stored(page: Page, check, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = stored(page)
        if found is not None and check(found):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"not saved within {timeout} s: {stored(page)}")


def type_without_leaving(page: Page, label: str, text: str) -> None:
    field = page.get_by_role("textbox", name=label)
    field.tap()
    page.keyboard.type(text, delay=20)
    expect(field).to_be_focused()  # still in the field: Streamlit has not been sent it


def test_name_goals_and_notes_typed_but_not_left_survive_a_reload(page: Page, app_server: str):
    open_app(page, app_server, "portrait")
    type_without_leaving(page, "Full name", "Zeynep Kaya")
    expect(page).to_have_url(re.compile(r"[?&]c="))  # saved while typing: the id is in the URL
    wait_until_stored(page, lambda c: c.patient.name == "Zeynep Kaya")
    type_without_leaving(page, "Goals", "Smoother forehead before June")
    wait_until_stored(page, lambda c: c.goals == "Smoother forehead before June")
    type_without_leaving(page, "Notes", "Prefers mornings")
    wait_until_stored(page, lambda c: c.notes == "Prefers mornings")
    expect(page.get_by_role("textbox", name="Notes")).to_be_focused()

    page.reload()
    expect(page.get_by_role("heading", name="Assessment", level=1)).to_be_visible()
    expect(page.get_by_role("textbox", name="Full name")).to_have_value("Zeynep Kaya")
    expect(page.get_by_role("textbox", name="Goals")).to_have_value("Smoother forehead before June")
    expect(page.get_by_role("textbox", name="Notes")).to_have_value("Prefers mornings")


def test_typing_on_continues_undisturbed_while_the_server_saves(page: Page, app_server: str):
    open_app(page, app_server, "landscape")
    field = page.get_by_role("textbox", name="Goals")
    field.tap()
    for word in ("Brighter ", "skin ", "for ", "the ", "summer"):
        page.keyboard.type(word, delay=30)
        page.wait_for_timeout(450)  # past the pause that sends it: a rerun while typing
    expect(field).to_have_value("Brighter skin for the summer")
    expect(field).to_be_focused()
    wait_until_stored(page, lambda c: c.goals == "Brighter skin for the summer")


def test_the_consent_name_typed_but_not_left_survives_a_reload(page: Page, app_server: str):
    open_app(page, app_server, "landscape")
    load_demo(page)
    nav_to(page, "Summary")
    type_without_leaving(page, "Patient types their full name", "AYŞE YIL")
    wait_until_stored(
        page, lambda c: c.consent is not None and c.consent.patient_name == "AYŞE YIL"
    )
    page.reload()
    expect(page.get_by_role("textbox", name="Patient types their full name")).to_have_value(
        "AYŞE YIL"
    )
