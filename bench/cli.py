"""`python -m mesocore screen` against `python -c "import pydantic"` (goal: at most 2.5x)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from bench import CHILD_CPU, Case
from mesocore.demo import demo_consultation

_FILE = Path(tempfile.gettempdir()) / "mesoconsult-bench-demo.json"


def _python(*args: str) -> None:
    subprocess.run([sys.executable, *args], check=True, capture_output=True)


def _screen() -> None:
    if not _FILE.exists():
        _FILE.write_text(demo_consultation().model_dump_json(), encoding="utf-8")
    _python("-m", "mesocore", "screen", str(_FILE), "--json")


CASES = [
    Case(
        "python -m mesocore screen --json",
        "python -c 'import pydantic'",
        lambda: _python("-c", "import pydantic"),
        _screen,
        goal=2.5,
        repeat=6,
        clock=CHILD_CPU,
    ),
]
