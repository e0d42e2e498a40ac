"""Memory: AppTest sessions with the demo patient, one after another in one process; the growth
of resident memory per session (goal: none after the first few, i.e. nothing a session leaves
behind accumulates: no patient data kept in module-level state or shared caches).

Each session: a new AppTest, the demo patient, a run, then the Areas and Timeline pages (the
chart pages). Resident memory is the current RSS from /proc/self/statm (not the peak), read
after gc.collect(); growth is the least-squares slope over a window of sessions (the allocator
hands back and takes again a few hundred KiB now and then: a slope is steadier than two noisy
end points).

How it is measured, and why:

- Each app runs in a fresh child process (``python -m bench.memory ours|reference N``), so the
  benches that ran before (page reruns, PDFs) do not change what it finds. The two children run
  side by side: RSS is per process, and a busy core only slows them.
- A trivial one-checkbox app runs the same number of sessions as a reference: what Streamlit
  and AppTest cost with no page of ours in them.
- All AppTests in a process share one component registry, as sessions of the served app share
  their Runtime's. Streamlit's Runtime scans the installed packages for components once per
  process (``discover_and_register_components``); AppTest scans them again for every new
  AppTest, parsing each installed distribution's metadata four times (about 0.3 s, most of a
  trivial session). That per-AppTest scan alone grew both apps' RSS for a long while (150-200
  sessions measured): ours ~90 KiB/session for about 40 sessions, the one-checkbox app
  30-50 KiB/session in 1.5 MiB steps for 80-100, so the slope over sessions 6-50 read 21-80
  KiB/session from run to run. With one registry, the one-checkbox app is flat from the first
  session (0.0-0.1 KiB/session) and ours settles within about 1 MiB of its first session
  (180 -> 182 MiB over 200 sessions); tracemalloc over sessions 20-60 finds 0.6 KiB/session of
  Python objects kept, besides a one-off resize of plotly's property-path cache.
- Two windows: sessions 6-50, the 50 sessions after the first few that issue #10 asks about,
  and sessions 51-100, the steady state. The goal applies to both rows of ours; the trivial
  app's rows are the floor. Five runs on a busy 2-core machine: ours -9.5 to 9.1 KiB/session
  (6-50) and 2.3 to 8.6 (51-100), under 40 s wall for both children.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SESSIONS = 100
WINDOWS = {
    "sessions 6-50 (issue #10)": (6, 50),
    "sessions 51-100 (steady state)": (51, 100),
}
_NAME = 55  # width of the name column of the printed lines
GOAL_KIB = 50  # per session after the warm-up: noise of the allocator, not a leak
_PAGE = os.sysconf("SC_PAGE_SIZE")
ROOT = Path(__file__).resolve().parent.parent
TRIVIAL_APP = 'import streamlit as st\nst.checkbox("ready")\n'


def resident_kib() -> float:
    """Current resident set size of this process (Linux /proc)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * _PAGE / 1024


def _session() -> None:
    """One session of our app with the demo patient, through the chart pages."""
    from bench.served import APP, new_apptest
    from mesocore.demo import demo_consultation
    from ui.steps import STEPS

    at = new_apptest(APP.read_text(encoding="utf-8"))
    at.session_state["consultation"] = demo_consultation()
    at.run()
    for step in STEPS:
        if step.id in ("areas", "timeline"):
            at.switch_page(str(step.path)).run()
    assert not at.exception, at.exception


def _reference_session() -> None:
    """One session of a one-checkbox app: Streamlit's and AppTest's own cost."""
    from bench.served import new_apptest

    new_apptest(TRIVIAL_APP).run()


APPS = {"ours": _session, "reference": _reference_session}


def measure(app: str, sessions: int = SESSIONS) -> list[float]:
    """Resident KiB before the first session and after each one, in this process."""
    from bench.served import components, share_component_registry

    session = APPS[app]
    share_component_registry()
    components()  # the one scan, before the first measurement
    gc.collect()
    sizes = [resident_kib()]
    for _ in range(sessions):
        session()
        gc.collect()
        sizes.append(resident_kib())
    return sizes


def _measure_in_child(app: str, sessions: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "bench.memory", app, str(sessions)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def _slope(sizes: list[float], first: int, last: int) -> float:
    window = range(first, last + 1)
    return statistics.linear_regression(window, [sizes[i] for i in window]).slope


def _lines(label: str, sizes: list[float], goal: bool) -> list[str]:
    mib = " / ".join(f"{sizes[i] / 1024:.1f}" for i in (1, 5, 50, SESSIONS))
    lines = [f"{f'memory, {label}: resident after session 1/5/50/100':{_NAME}} {mib} MiB"]
    for name, (first, last) in WINDOWS.items():
        growth = _slope(sizes, first, last)
        if goal:
            verdict = f"(goal <= {GOAL_KIB}) {'ok' if growth <= GOAL_KIB else 'MISSED'}"
        else:
            verdict = "reference"
        lines.append(
            f"{f'memory, {label}: {name}':{_NAME}} {growth:6.1f} KiB/session growth {verdict}"
        )
    return lines


def report() -> list[str]:
    start = time.perf_counter()
    children = {app: _measure_in_child(app, SESSIONS) for app in APPS}
    sizes = {}
    for app, child in children.items():
        out, _ = child.communicate()
        if child.returncode:
            raise RuntimeError(f"memory bench child '{app}' failed ({child.returncode})")
        sizes[app] = json.loads(out.splitlines()[-1])
    seconds = time.perf_counter() - start
    return [
        *_lines("ours", sizes["ours"], goal=True),
        *_lines("trivial app", sizes["reference"], goal=False),
        f"{'memory: both, in fresh processes side by side':{_NAME}} {seconds:6.1f} s wall",
    ]


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], int(sys.argv[2]))))
