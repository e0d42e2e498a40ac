"""`python -m mesocore screen` against `python -c "import pydantic"` (goal: at most 2.5x), and
a reference row: the smallest pydantic program (one model class, one validation) against the
same baseline. That row shows the floor any pydantic program pays: the first model class makes
pydantic import its fields, types and plugin loader (annotated_types, importlib.metadata,
email), which ``import pydantic`` alone does not.

Each child runs with Python's default bytecode caching, as a deployed install does
(``PYTHONDONTWRITEBYTECODE`` is dropped from the child's environment): otherwise mesocore's
modules would be compiled from source on every run while pydantic's come precompiled from its
wheel. The warm-up run writes the ``__pycache__`` files.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench import CHILD_CPU, Case, run_python
from mesocore.demo import demo_consultation

_FILE = Path(tempfile.gettempdir()) / "mesoconsult-bench-demo.json"
ONE_MODEL = """
import os

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as mesocore does

from pydantic import BaseModel

class Answer(BaseModel):
    value: bool | None = None

Answer.model_validate({"value": True})
"""


_written: list[Path] = []


def _screen() -> None:
    if not _written:  # afresh once per run: a file left by an older version may no longer pass
        _FILE.write_text(demo_consultation().model_dump_json(), encoding="utf-8")
        _written.append(_FILE)
    run_python("-m", "mesocore", "screen", str(_FILE), "--json")


def _import_pydantic() -> None:
    run_python("-c", "import pydantic")


CASES = [
    Case(
        "python -m mesocore screen --json",
        "python -c 'import pydantic'",
        _import_pydantic,
        _screen,
        goal=2.5,
        repeat=6,
        clock=CHILD_CPU,
    ),
    Case(
        "reference: one pydantic model, validated",
        "python -c 'import pydantic'",
        _import_pydantic,
        lambda: run_python("-c", ONE_MODEL),
        goal=None,
        repeat=6,
        clock=CHILD_CPU,
    ),
]
