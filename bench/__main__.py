"""Run every benchmark module's CASES and print a table of ratios against their goals."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable

import bench


def main() -> int:
    cases: list[bench.Case] = []
    reports: list[Callable[[], list[str]]] = []
    for module in sorted(m.name for m in pkgutil.iter_modules(bench.__path__)):
        loaded = importlib.import_module(f"bench.{module}")
        cases += getattr(loaded, "CASES", [])
        reports += [loaded.report] if hasattr(loaded, "report") else []
    if not cases:
        print("no benchmarks defined")
        return 0
    print(
        f"{'benchmark':44} {'baseline':28} {'clock':9} {'base ms':>8} {'ms':>8} "
        f"{'ratio':>6} {'goal':>5}"
    )
    missed = 0
    for case in cases:
        base, subject, ratio = bench.run(case)
        if case.goal is None:
            goal, verdict = f"{'-':>5}", "reference"
        else:
            ok = ratio <= case.goal
            missed += not ok
            goal, verdict = f"{case.goal:5.1f}", "ok" if ok else "MISSED"
        print(
            f"{case.name:44} {case.baseline_name:28} {case.clock:9} "
            f"{base * 1e3:8.1f} {subject * 1e3:8.1f} {ratio:6.2f} {goal} {verdict}"
        )
    for report in reports:  # extra measurements a module prints itself (e.g. sizes)
        for line in report():
            print(line)
            missed += line.endswith("MISSED")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
