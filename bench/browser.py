"""Timing what a tap costs in real Chromium, against trivial Streamlit apps in the same run.

A reusable harness (issue #18 measures the Areas step with it; issue #22 extends it to every
step and tap):

- `Server`: a ``streamlit run`` of any script on a free loopback port, stopped by its id;
  `trivial_app` writes the baselines: a one-checkbox app and a two-page st.navigation app that
  switches pages through a segmented control, as our step bar does.
- `Tablet`: one Chromium page at a tablet size with a touch screen; every action is a touch tap
  (``page.touchscreen.tap``), never the mouse.
- `Tablet.time_tap(target)`: from the ``pointerdown`` of the tap (a capture listener on the
  document) to the last childList/characterData mutation in ``[data-testid="stMain"]`` or the
  last change of the app's script state (the run's end: a checkbox's rerun changes no element),
  once the page has been quiet for ``QUIET_MS`` and the script state is ``notRunning`` (a run
  can be so short that both script-state changes land in one mutation batch). A mutation inside
  a component's shadow root (the map's own instant feedback) is not counted: the tap ends when
  the page shows what the server made of it.
- `interleaved(cases, rounds)`: each round runs every case once, in turn, so the baseline and
  the subject see the same machine; the medians are compared.

Each app runs in its own page brought to the front before each tap: a page in the background
gets no animation frames, and Streamlit draws on them.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TABLET = {"landscape": (1024, 768), "portrait": (768, 1024)}
QUIET_MS = 400
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
]

# --- trivial apps: the baselines ------------------------------------------------------------------

ONE_CHECKBOX = """
import streamlit as st

st.checkbox("One")
"""

TWO_PAGES = """
import streamlit as st


def first():
    st.title("First")


def second():
    st.title("Second")


pages = {
    "first": st.Page(first, title="First", default=True),
    "second": st.Page(second, title="Second"),
}
current = st.navigation(list(pages.values()), position="hidden")


def tapped():
    st.session_state["goto"] = st.session_state["step"]


target = st.session_state.pop("goto", None)
if target:
    st.switch_page(pages[target])
st.segmented_control(
    "Steps", options=list(pages), key="step", on_change=tapped, label_visibility="collapsed"
)
current.run()
"""

_TRIVIAL_DIR = Path(tempfile.mkdtemp(prefix="mesoconsult-bench-apps-"))


def trivial_app(name: str, source: str) -> Path:
    """Write a trivial app's script (in a throw-away folder) and return its path."""
    path = _TRIVIAL_DIR / name / "app.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    return path


# --- servers --------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """``streamlit run script`` on a free loopback port (no usage statistics, headless)."""

    script: Path
    env: dict[str, str] = field(default_factory=dict)
    url: str = ""
    process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> Server:
        port = _free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(self.script),
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=self.script.parent,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **self.env},
        )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as response:
                    if response.read() == b"ok":
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.script} did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None


# --- a tablet -------------------------------------------------------------------------------------

TIMER_JS = """
() => {
  if (window.__tapTimer) return;
  const timer = { start: null, last: null };
  window.__tapTimer = timer;
  document.addEventListener("pointerdown", () => {
    timer.start = performance.now();
    timer.last = timer.start;
  }, true);
  const watch = () => {
    const main = document.querySelector('[data-testid="stMain"]');
    const app = document.querySelector('.stApp');
    if (!main || !app) return setTimeout(watch, 50);
    const seen = () => { if (timer.start !== null) timer.last = performance.now(); };
    new MutationObserver((records) => {
      if (records.some((r) => r.type === "childList" || r.type === "characterData")) seen();
    }).observe(main, { childList: true, characterData: true, subtree: true });
    // The end of the run the tap caused: its script state going back to notRunning (a run
    // that changes nothing on the page, a checkbox's, still ends there).
    new MutationObserver(seen).observe(app, {
      attributes: true, attributeFilter: ["data-test-script-state"],
    });
  };
  watch();
}
"""

IDLE_JS = """
(quiet) => {
  const timer = window.__tapTimer;
  const app = document.querySelector('.stApp');
  if (!timer || timer.start === null || !app) return null;
  if (app.getAttribute('data-test-script-state') === 'running') return null;
  if (performance.now() - timer.last < quiet) return null;
  return timer.last - timer.start;
}
"""


class Tablet:
    """One Chromium page of a tablet size with a touch screen, on one app."""

    def __init__(self, browser, size: str = "landscape") -> None:
        width, height = TABLET[size]
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, has_touch=True
        )
        self.page = self.context.new_page()

    def open(self, url: str, ready: Callable[[object], None]) -> Tablet:
        """Load the app and wait for `ready(page)` (e.g. a heading is visible), then until idle."""
        self.page.goto(url)
        ready(self.page)
        self.page.evaluate(TIMER_JS)
        self.settle()
        return self

    def settle(self, timeout: float = 30) -> None:
        """Until no run is going and the page has been quiet for QUIET_MS."""
        deadline = time.monotonic() + timeout
        self.page.evaluate(
            "() => { if (window.__tapTimer) window.__tapTimer.last = performance.now(); }"
        )
        while time.monotonic() < deadline:
            state = self.page.evaluate(
                "() => document.querySelector('.stApp')?.getAttribute('data-test-script-state')"
            )
            quiet = self.page.evaluate(
                "(q) => !window.__tapTimer || performance.now() - window.__tapTimer.last >= q",
                QUIET_MS,
            )
            if state != "running" and quiet:
                return
            self.page.wait_for_timeout(50)
        raise TimeoutError("the page did not settle")

    def time_tap(self, target, timeout: float = 30) -> float:
        """Tap the middle of `target` (a locator) with the touch screen; seconds from its
        pointerdown to the last change of the page it caused."""
        target.scroll_into_view_if_needed()

        def middle() -> tuple[float, float]:
            box = target.bounding_box()
            if box is None:
                raise RuntimeError(f"{target} is not on the page")
            return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

        return self.time_tap_at(middle, timeout)

    def time_tap_at(self, point: Callable[[], tuple[float, float]], timeout: float = 30) -> float:
        """Tap where `point()` says (page coordinates, read just before the tap)."""
        self.page.bring_to_front()
        self.settle()
        self.page.evaluate(TIMER_JS)
        self.page.evaluate("() => { window.__tapTimer.start = null; }")
        x, y = point()
        self.page.touchscreen.tap(x, y)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            elapsed = self.page.evaluate(IDLE_JS, QUIET_MS)
            if elapsed is not None:
                return elapsed / 1000
            self.page.wait_for_timeout(50)
        raise TimeoutError("no end to the tap")

    def close(self) -> None:
        self.context.close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)


# --- comparing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    name: str
    baseline_name: str
    base: float
    subject: float
    goal: float | None

    @property
    def ratio(self) -> float:
        return self.subject / self.base

    def line(self) -> str:
        if self.goal is None:
            verdict, goal = "reference", f"{'-':>5}"
        else:
            verdict = "ok" if self.ratio <= self.goal else "MISSED"
            goal = f"{self.goal:5.1f}"
        return (
            f"{self.name:44} {self.baseline_name:28} {'browser':9} {self.base * 1e3:8.1f} "
            f"{self.subject * 1e3:8.1f} {self.ratio:6.2f} {goal} {verdict}"
        )


def interleaved(
    pairs: list[tuple[Callable[[], float], Callable[[], float]]], rounds: int
) -> list[tuple[float, float]]:
    """Run each (baseline, subject) pair once per round, in turn; the medians of each."""
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in pairs]
    for _ in range(rounds):
        for (base, subject), (base_times, subject_times) in zip(pairs, times, strict=True):
            base_times.append(base())
            subject_times.append(subject())
    return [(statistics.median(b), statistics.median(s)) for b, s in times]
