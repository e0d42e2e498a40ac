"""Shared fixtures: paths, small factories, and a real app server for browser tests."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TABLET_SIZES = {"landscape": (1024, 768), "portrait": (768, 1024)}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str, Path]:
    """Start `streamlit run app.py` on a free loopback port; returns process, URL, log path."""
    port = _free_port()
    log = ROOT / "test-artifacts" / f"server-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    handle = log.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        stdout=handle,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.read() == b"ok":
                    return process, url, log
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the app did not start; see {log}")


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    process, url, _log = start_app()
    yield url
    process.terminate()
    process.wait(timeout=10)


# --- databases: SQLite and a real PostgreSQL ---------------------------------------------


@pytest.fixture(scope="session")
def postgres():
    """The session's throw-away PostgreSQL cluster (tests/postgres.py): started once (about
    3 s), on 127.0.0.1 only, removed when the session ends. A test may stop or restart it
    (`postgres.restart()`); `pg_url` starts it again for the next test."""
    from tests.postgres import Cluster

    cluster = Cluster().init()
    cluster.start()
    yield cluster
    cluster.remove()


@pytest.fixture
def pg_url(postgres) -> str:
    """A new, empty PostgreSQL database for this test, as a SQLAlchemy URL."""
    if not postgres.running:
        postgres.start()
    return postgres.create_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """The test runs twice: on a new SQLite file and on a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Every browser test is a tablet: a touch screen, driven with taps (`tap()`,
    `touchscreen.tap()`), never the mouse, which hovers first and hid the plotly map's defect."""
    return {**browser_context_args, "has_touch": True}


def screenshot(page, name: str) -> Path:
    """Save a screenshot for review (test-artifacts/screenshots/)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# Streamlit answers in well under a second, but a loaded 2-core CI machine can be slower:
# generous waits keep the browser tests about behaviour, not speed (speed is `make bench`).
expect.set_options(timeout=20_000)


@pytest.fixture(autouse=True)
def _patient_page_timeouts(request):
    if "page" in request.fixturenames:
        page = request.getfixturevalue("page")
        if hasattr(page, "set_default_timeout"):  # test_pages.py parametrizes a `page` path
            page.set_default_timeout(30_000)


# --- driving the app in Chromium: shared by every browser test ---------------------------

STEP_BAR = re.compile(r"^(Consultation steps|Konsültasyon adımları)$")
MENU = re.compile(r"^(Menu|Menü)$")


def open_app(page, url: str, size: str) -> None:
    """A tablet of `size` (see TABLET_SIZES) opens the app and waits for its first step."""
    width, height = TABLET_SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    expect(page.get_by_role("heading", name="Assessment", level=1)).to_be_visible(timeout=30_000)


def nav_to(page, title: str) -> None:
    """Tap a step in the step bar (the saved consultations: in the menu) and wait for it."""
    if title in ("Consultations", "Konsültasyonlar"):
        menu_action(page, title)
    else:
        page.get_by_role("radiogroup", name=STEP_BAR).get_by_role(
            "radio", name=title, exact=True
        ).tap()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def menu_action(page, label: str) -> None:
    """Open the top bar's menu, tap one of its buttons and wait until the menu has closed: a tap
    while it is still open only closes it (a step tapped then is not taken, as on any popover)."""
    page.get_by_role("button", name=MENU).tap()
    item = page.get_by_role("button", name=label, exact=True)
    item.tap()
    expect(item).to_be_hidden()


def load_demo(page, label: str = "Load demo patient") -> None:
    menu_action(page, label)
    expect(page.get_by_text("Ayşe Yılmaz").first).to_be_visible()


def pytest_configure(config) -> None:
    """Every test (and every app server they start) saves into a throw-away database, never
    into the repository's data/ folder, and caches the catalog beside it. Tests that need their
    own point MESOCONSULT_DB_URL elsewhere."""

    folder = Path(tempfile.mkdtemp(prefix="mesoconsult-tests-"))
    config.stash[_TEST_DB_DIR] = folder
    os.environ["MESOCONSULT_DB_URL"] = f"sqlite:///{folder / 'tests.db'}"
    # The catalog cache (mesocore.catalog_cache) of the run, and of the apps and commands it
    # starts, goes to the same throw-away folder, never to the user's ~/.cache.
    os.environ.setdefault("MESOCONSULT_CACHE_DIR", str(folder / "catalog-cache"))
    from bench.served import share_component_registry

    share_component_registry()


def pytest_unconfigure(config) -> None:
    import shutil

    folder = config.stash.get(_TEST_DB_DIR, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


_TEST_DB_DIR = pytest.StashKey[Path]()


# --- the content catalog under test: a private copy to break ------------------------------


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of content/ that a test may break."""
    import shutil

    from mesocore.catalog import CONTENT_DIR

    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


def assert_bad_content_fails(content: Path, file: str, old: str, new: str, words) -> None:
    """Replace `old` by `new` in one content file: loading must fail naming every word."""
    from mesocore.catalog import CatalogError, load_catalog

    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(content)
    for word in words:
        assert word in str(caught.value)


# --- AppTest: a page opened the way a doctor reaches it ------------------------------------


def open_page(page: Path | str, consultation=None):
    """A new session with `consultation` (if given), run through app.py, then on `page`."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    if consultation is not None:
        at.session_state["consultation"] = consultation
    at.run()
    at.switch_page(str(page)).run()
    assert not at.exception, at.exception
    return at


def widget_key(at, name: str) -> str:
    """The key of the widget showing `name` of the consultation open in AppTest session `at`
    (each opened consultation gets new widget keys, see ui.state.widget_key)."""
    from ui.autosave import HOLDER

    try:
        generation = at.session_state[HOLDER].generation  # AppTest's state has no .get()
    except KeyError:
        generation = 0
    return f"w{generation or ''}:{name}"


# --- the area map (ui/bodymap.py): zones are tapped where their mark is drawn ---------------

AREA_LIST = re.compile(r"^(Treatment areas|Uygulama bölgeleri)$")

MARK_AT_JS = """
(zone) => {
  const el = zone;
  const mark = el.querySelector('.mark');
  const m = el.ownerSVGElement.getScreenCTM();
  const t = mark.transform.baseVal[0].matrix;
  return [m.a * t.e + m.c * t.f + m.e, m.b * t.e + m.d * t.f + m.f];
}
"""


def map_zone(page, zone_id: str):
    """The map's element for a zone (``face``, ``arms:left``): a role=button with aria-pressed."""
    return page.get_by_test_id("stBidiComponentIsolated").locator(f'[data-zone="{zone_id}"]')


def map_applied(page) -> int:
    """How many map taps the server has applied (the map shows it once a run is drawn)."""
    value = page.get_by_test_id("stBidiComponentIsolated").locator(".bodymap")
    return int(value.get_attribute("data-applied") or 0)


def tap_zone(page, zone_id: str) -> None:
    """A finger taps the zone where its mark is drawn (on the body part), with the touch screen,
    then waits until the server has applied the tap (the map says how many it has taken)."""
    zone = map_zone(page, zone_id)
    zone.scroll_into_view_if_needed()
    before = map_applied(page)
    x, y = zone.evaluate(MARK_AT_JS)
    page.touchscreen.tap(x, y)
    expect(page.get_by_test_id("stBidiComponentIsolated").locator(".bodymap")).to_have_attribute(
        "data-applied", str(before + 1)
    )


def area_pill(page, name: str):
    """The list under the map: the area's button (its name, ★ when suggested)."""
    return page.get_by_role("toolbar", name=AREA_LIST).get_by_role(
        "button", name=re.compile(rf"^{re.escape(name)}( ★)?$")
    )


# --- where a test lives says what it needs ------------------------------------------------

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
_BROWSER_FIXTURES = {"browser", "context", "app_server"}


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser carries the `browser` marker (so `-m "not browser"`
    leaves out every test that starts Chromium), and a test elsewhere that asks for a browser
    is refused: it belongs in tests/browser (one once hid in tests/test_look.py unmarked)."""
    for item in items:
        in_browser_dir = BROWSER_DIR in Path(str(item.fspath)).resolve().parents
        if in_browser_dir:
            item.add_marker(pytest.mark.browser)
        elif _BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            raise pytest.UsageError(
                f"{item.nodeid} drives Chromium: move it to tests/browser/ (see tests/conftest.py)"
            )
