"""Memory: 50 AppTest sessions with the demo patient, one after another in one process; the
growth of resident memory per session (goal: none after the first few, i.e. nothing a session
leaves behind accumulates: no patient data kept in module-level state or shared caches).

Each session: a new AppTest, the demo patient, a run, then the Areas and Timeline pages (the
chart pages). Resident memory is the current RSS from /proc/self/statm (not the peak), read
after gc.collect(); the growth after the warm-up is the least-squares slope.
"""

from __future__ import annotations

import gc
import os
import statistics
from pathlib import Path

SESSIONS = 50
WARM_UP = 5
GOAL_KIB = 50  # per session after the warm-up: noise of the allocator, not a leak
_PAGE = os.sysconf("SC_PAGE_SIZE")
ROOT = Path(__file__).resolve().parent.parent


def resident_kib() -> float:
    """Current resident set size of this process (Linux /proc)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * _PAGE / 1024


def _session() -> None:
    from bench.served import served_app
    from mesocore.demo import demo_consultation
    from ui.layout import STEPS

    at = served_app()
    at.session_state["consultation"] = demo_consultation()
    at.run()
    for step in STEPS:
        if step.id in ("areas", "timeline"):
            at.switch_page(str(step.path)).run()
    assert not at.exception, at.exception


def measure(sessions: int = SESSIONS) -> list[float]:
    """Resident KiB before the first session and after each one."""
    gc.collect()
    sizes = [resident_kib()]
    for _ in range(sessions):
        _session()
        gc.collect()
        sizes.append(resident_kib())
    return sizes


def report() -> list[str]:
    sizes = measure()
    first = (sizes[WARM_UP] - sizes[0]) / WARM_UP
    # The allocator returns and takes back a few MiB now and then: the slope of a least-squares
    # line through sessions 6-50 is steadier than the difference of two noisy end points.
    after = list(range(WARM_UP, len(sizes)))
    later = statistics.linear_regression(after, [sizes[i] for i in after]).slope
    verdict = "ok" if later <= GOAL_KIB else "MISSED"
    return [
        f"{'memory: sessions 1-5 (AppTest, demo)':44} {first:8.0f} KiB/session (warm-up)",
        f"{'memory: sessions 6-50 (AppTest, demo)':44} {later:8.0f} KiB/session "
        f"(goal <= {GOAL_KIB}) {verdict}",
    ]
