"""Benchmarks: ratios against a baseline measured in the same run, never absolute timings.

Each module in this package defines ``CASES``: a list of ``Case`` objects. ``python -m bench``
(``make bench``) runs them all and prints one table of ratios with the goals.

In-process cases are timed in wall time. Cases that start a Python process are timed in the
child's CPU time (user + system, from ``getrusage(RUSAGE_CHILDREN)``): on a busy 2-core machine
the wall time of a short process mostly measures how long it waited for a core, while its CPU
time measures the work it did.
"""

from __future__ import annotations

import atexit
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Every bench that runs the app autosaves into a throw-away database, never into ./data;
# the folder goes when the bench ends.
if "MESOCONSULT_DB_URL" not in os.environ:
    _DB_DIR = tempfile.mkdtemp(prefix="mesoconsult-bench-")
    atexit.register(shutil.rmtree, _DB_DIR, ignore_errors=True)
    os.environ["MESOCONSULT_DB_URL"] = f"sqlite:///{Path(_DB_DIR) / 'bench.db'}"

WALL = "wall"
CHILD_CPU = "child cpu"


@dataclass(frozen=True)
class Case:
    name: str
    baseline_name: str
    baseline: Callable[[], object]
    subject: Callable[[], object]
    goal: float | None
    """The highest acceptable ratio subject / baseline; None for a reference row that only
    shows a floor (e.g. what any pydantic program costs), never counted as missed."""
    repeat: int = 7
    clock: str = WALL
    """WALL for in-process work, CHILD_CPU for work done in child processes."""


_CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_python(*args: str) -> None:
    """A child Python with default bytecode caching, as a deployed install runs: with
    ``PYTHONDONTWRITEBYTECODE`` set (as on some CI machines), our modules would be compiled from
    source on every run while the libraries' come precompiled from their wheels. A case's
    warm-up run writes the ``__pycache__`` files."""
    subprocess.run([sys.executable, *args], check=True, capture_output=True, env=_CHILD_ENV)


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CLOCKS: dict[str, Callable[[], float]] = {WALL: time.perf_counter, CHILD_CPU: _child_cpu}


def median_seconds(action: Callable[[], object], repeat: int, clock: str = WALL) -> float:
    """Median time of `repeat` runs on the given clock, after one warm-up run."""
    now = CLOCKS[clock]
    action()
    times = []
    for _ in range(repeat):
        start = now()
        action()
        times.append(now() - start)
    return statistics.median(times)


def run(case: Case) -> tuple[float, float, float]:
    """(baseline s, subject s, ratio), measured interleaved so both see the same machine."""
    base, subject = [], []
    for _ in range(3):
        base.append(median_seconds(case.baseline, max(1, case.repeat // 3), case.clock))
        subject.append(median_seconds(case.subject, max(1, case.repeat // 3), case.clock))
    b, s = statistics.median(base), statistics.median(subject)
    return b, s, s / b
