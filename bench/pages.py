"""Each page's rerun with the demo patient against a trivial one-widget page (goal: at most
1.5x), both in-process in Streamlit's AppTest.

A rerun is what a tap costs: ``at.run()`` after the page has been drawn once, so imports,
the catalog load and the first autosave are outside the measurement. The app runs as served
(see bench/served.py: without Streamlit's legacy ``pages/`` mode, which AppTest re-enables
before every run and which doubles each rerun).
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from bench import Case
from bench.served import served_app

_TRIVIAL = Path(tempfile.gettempdir()) / "mesoconsult-bench-trivial.py"
TIMEOUT = 60


@cache
def _page(path: str):
    """The app on one page with the demo patient, drawn once (kept for the whole bench run)."""
    from mesocore.demo import demo_consultation

    at = served_app(TIMEOUT)
    at.session_state["consultation"] = demo_consultation()
    at.run()
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


@cache
def _trivial():
    from streamlit.testing.v1 import AppTest

    _TRIVIAL.write_text('import streamlit as st\n\nst.checkbox("ready")\n', encoding="utf-8")
    return AppTest.from_file(str(_TRIVIAL), default_timeout=TIMEOUT).run()


def _cases() -> list[Case]:
    from ui.layout import CONSULTATIONS, STEPS

    return [
        Case(
            f"rerun {step.id} (demo patient, AppTest)",
            "rerun one-checkbox page",
            lambda: _trivial().run(),
            lambda path=str(step.path): _page(path).run(),
            goal=1.5,
            repeat=6,
        )
        for step in (*STEPS, CONSULTATIONS)
    ]


CASES = _cases()
