"""Benchmarks: ratios against a baseline measured in the same run, never absolute timings.

Each module in this package defines ``CASES``: a list of ``Case`` objects. ``python -m bench``
(``make bench``) runs them all and prints one table of ratios with the goals.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    baseline_name: str
    baseline: Callable[[], object]
    subject: Callable[[], object]
    goal: float
    """The highest acceptable ratio subject / baseline."""
    repeat: int = 7


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` runs, after one warm-up run."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(case: Case) -> tuple[float, float, float]:
    """(baseline s, subject s, ratio), measured interleaved so both see the same machine."""
    base, subject = [], []
    for _ in range(3):
        base.append(median_seconds(case.baseline, max(1, case.repeat // 3)))
        subject.append(median_seconds(case.subject, max(1, case.repeat // 3)))
    b, s = statistics.median(base), statistics.median(subject)
    return b, s, s / b
