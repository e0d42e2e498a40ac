"""Privacy and safety in real Chromium: no outside hosts, no error details on the page, no
patient data in URLs or the server log."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import nav_to, start_app

pytestmark = pytest.mark.browser

PATIENT = "Zeynep Öztürk-Işıklar"


def fill_name(page: Page, name: str) -> None:
    box = page.get_by_role("textbox", name="Full name")
    box.fill(name)
    box.press("Enter")
    expect(page.get_by_text(name, exact=True).first).to_be_visible(timeout=10_000)


def test_the_browser_talks_only_to_the_app_and_no_patient_data_reaches_urls_or_the_log(
    browser: Browser,
):
    process, url, log = start_app()
    try:
        context = browser.new_context(viewport={"width": 1024, "height": 768}, has_touch=True)
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.on("websocket", lambda socket: requested.append(socket.url))
        page.goto(url)
        expect(page.get_by_role("heading", name="Assessment", level=1)).to_be_visible(
            timeout=30_000
        )
        fill_name(page, PATIENT)
        for title in ("Screening", "Areas", "Assessment"):
            nav_to(page, title)
        page.wait_for_timeout(500)
        context.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    app_host = urlparse(url).netloc
    assert requested
    # Components v2 loads a component's JS from a blob: URL the page makes of the JS it was sent
    # (blob:http://127.0.0.1:port/...): in-page, the app's own origin, not a request out.
    outside = [
        u
        for u in requested
        if urlparse(u.removeprefix("blob:")).netloc != app_host and not u.startswith("data:")
    ]
    assert not outside
    for name_part in [*PATIENT.split("-"), PATIENT]:
        assert all(name_part not in u for u in requested)
    server_log = log.read_text(encoding="utf-8")
    assert PATIENT not in server_log and "Öztürk" not in server_log


def test_an_error_in_the_app_never_shows_its_details_on_the_page(browser: Browser, tmp_path):
    """A broken clinic settings file makes the app fail: the doctor sees a generic message,
    never the exception text or a traceback."""
    bad = tmp_path / "clinic.toml"
    bad.write_text('name = "SECRET-DETAIL-1234"\nmin_age = "eighteen"\n', encoding="utf-8")
    process, url, log = start_app(env={"MESOCONSULT_CLINIC": str(bad)})
    try:
        page = browser.new_page(viewport={"width": 768, "height": 1024}, has_touch=True)
        page.goto(url)
        expect(page.get_by_text("Something went wrong")).to_be_visible(timeout=30_000)
        text = page.locator("body").inner_text()
        links = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    server_log = log.read_text(encoding="utf-8")
    assert "unhandled CatalogError" in server_log
    assert "SECRET-DETAIL-1234" not in text and "SECRET-DETAIL-1234" not in server_log
    assert "Traceback" not in text and "CatalogError" not in text and "clinic.toml" not in text
    app_host = urlparse(url).netloc
    assert all(urlparse(link).netloc == app_host for link in links), links
