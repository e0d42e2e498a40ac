"""Each page's rerun with the demo patient against a trivial one-widget page (goal: at most
1.5x), both in-process in Streamlit's AppTest.

A rerun is what a tap costs: ``at.run()`` after the page has been drawn once, so imports,
the catalog load and the first autosave are outside the measurement. The app runs as served
(see bench/served.py: without Streamlit's legacy ``pages/`` mode, which AppTest re-enables
before every run and which doubles each rerun).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from bench import Case
from bench.served import ROOT, new_apptest, served_app

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


# The frame every page draws first, with nothing of a page under it: app.py itself (the page
# registration, the top bar with name, patient, saved state, language and menu, the step bar,
# the title, the autosave) with the page's own run left out.
_PAGE_RUN = "    guarded(page.run)\n"


def _frame_source() -> str:
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    assert _PAGE_RUN in source, "app.py no longer runs its page as bench/pages.py expects"
    return source.replace(_PAGE_RUN, "")


@cache
def _frame():
    from mesocore.demo import demo_consultation

    at = new_apptest(_frame_source(), TIMEOUT)
    at.session_state["consultation"] = demo_consultation()
    at.run()
    assert not at.exception, at.exception
    return at


def _rerun_of(path: str) -> Callable[[], object]:
    return lambda: _page(path).run()


def _cases() -> list[Case]:
    from ui.steps import CONSULTATIONS, STEPS

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
            _rerun_of(str(step.path)),
            goal=1.5,
            repeat=6,
        )
        for step in (*STEPS, CONSULTATIONS)
    ]


CASES = _cases()
