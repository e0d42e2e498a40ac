"""Each page's rerun with the demo patient against a trivial one-widget page (goal: at most
1.5x), both in-process in Streamlit's AppTest.

A rerun is what a tap costs: ``at.run()`` after the page has been drawn once, so imports,
the catalog load and the first autosave are outside the measurement. The app runs as served
(see bench/served.py: without Streamlit's legacy ``pages/`` mode, which AppTest re-enables
before every run and which doubles each rerun).
"""

from __future__ import annotations

from functools import cache

from bench import Case
from bench.served import new_apptest, served_app

TRIVIAL = 'import streamlit as st\n\nst.checkbox("ready")\n'
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
    return new_apptest(TRIVIAL, TIMEOUT).run()


# The frame every page draws first, with nothing of a page under it: the page registration, the
# top bar (name, patient, saved state, language, menu), the step bar, the title, the autosave.
_FRAME = """
import streamlit as st

st.set_page_config(page_title="MesoConsult", layout="wide")
from ui import layout

layout.navigation()
layout.header("assessment")
"""


@cache
def _frame():
    from mesocore.demo import demo_consultation

    at = new_apptest(_FRAME, TIMEOUT)
    at.session_state["consultation"] = demo_consultation()
    at.run()
    assert not at.exception, at.exception
    return at


def _cases() -> list[Case]:
    from ui.layout import CONSULTATIONS, STEPS

    frame = Case(
        "reference: the frame alone (no page content)",
        "rerun one-checkbox page",
        lambda: _trivial().run(),
        lambda: _frame().run(),
        goal=None,
        repeat=6,
    )
    return [frame] + [
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
