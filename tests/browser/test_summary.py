"""Real Chromium at tablet sizes: the demo patient's consent on the Summary page, then the final
PDF downloaded through the deferred download button (which AppTest cannot exercise)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mesocore.catalog import get_catalog
from tests.conftest import TABLET_SIZES, load_demo, nav_to, open_app, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", TABLET_SIZES, ids=list(TABLET_SIZES))
def test_consent_then_final_pdf_download_in_chromium(page: Page, app_server: str, size, tmp_path):
    open_app(page, app_server, size)
    load_demo(page)
    nav_to(page, "Summary")
    final = page.get_by_role("button", name="Final summary (PDF)")
    expect(final).to_be_disabled()
    screenshot(page, f"summary-before-consent-{size}")

    for statement in get_catalog().consent.values():
        page.get_by_text(statement.text("en"), exact=True).tap()
        expect(page.get_by_role("checkbox", name=statement.text("en"))).to_be_checked()
    # The ticks have reached the consultation (the export says only the name is missing) before
    # the name is typed: text typed while a rerun is drawn can be lost in the browser.
    expect(page.get_by_text("The patient has not typed their name yet.").first).to_be_visible()
    typed = page.get_by_role("textbox", name="Patient types their full name")
    typed.fill("AYŞE YILMAZ")
    typed.press("Enter")
    expect(page.get_by_text("The patient has not typed their name yet.")).to_have_count(0)
    page.get_by_role("button", name="Confirm consent").tap()
    expect(page.get_by_text("Consent confirmed by AYŞE YILMAZ")).to_be_visible(timeout=10_000)
    expect(final).to_be_enabled()
    screenshot(page, f"summary-consented-{size}")

    with page.expect_download(timeout=30_000) as download_info:
        final.tap()
    download = download_info.value
    assert re.fullmatch(
        r"summary-[A-Za-z0-9_-]{16,}\.pdf", download.suggested_filename
    )  # autosaved: its id
    path = tmp_path / "summary.pdf"
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
