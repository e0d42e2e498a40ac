"""ui.state.synced: a tap whose callback was cut short is applied, never shown back.

Streamlit may cut a callback short when the next tap arrives: a write to session state is one
of the points where its script runner takes a pending rerun request and stops the callback
(seen with quick ticks on a loaded machine). The server then has the widget's new value and the
consultation does not. The widgets that show the model (areas, cocktails, the patient's choice,
the start date, the course, the allergy question) used to draw the model's old value again: the
doctor saw the tap undone. Each case taps a widget, stops its callback at the moment it writes
the consultation, as Streamlit does, and checks that the next run records the tap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from mesocore.demo import demo_consultation
from mesocore.models import CUSTOM, Consultation, Treatment
from tests.conftest import ROOT, open_page, widget_key

PAGES = ROOT / "pages"
DEMO = demo_consultation()


def _custom_face() -> Consultation:
    mix = Treatment(area="face", cocktail=CUSTOM, ingredients=["hyaluronic_acid"])
    return DEMO.model_copy(update={"treatments": [mix, *DEMO.treatments[1:]]})


def _treatment(consultation: Consultation, area: str) -> Treatment:
    return next(tr for tr in consultation.treatments if tr.area == area)


def cut_short_once(monkeypatch, tap: Callable[[Consultation], bool]) -> list[str]:
    """The first write of a consultation for which `tap` holds (the tap's own write, not that
    of another widget's callback in the same run) is stopped as Streamlit stops a callback."""
    from streamlit.runtime.scriptrunner_utils.exceptions import StopException

    from ui import state

    stopped: list[str] = []
    write = state._changed

    def interrupted(consultation: Consultation) -> None:
        if not stopped and tap(consultation):
            stopped.append("stopped")
            raise StopException()
        write(consultation)

    monkeypatch.setattr(state, "_changed", interrupted)
    return stopped


@dataclass(frozen=True)
class CutShort:
    page: str
    element: str
    """AppTest's accessor for the widget: pills, radio, button_group, date_input…"""
    widget: str
    tapped: Any
    recorded: Callable[[Consultation], Any]
    start: Consultation = field(default_factory=demo_consultation)


CASES = {
    "an area picked in the list": CutShort(
        "areas", "pills", "areas", ["face", "neck", "decollete"], lambda c: c.areas
    ),
    "a cocktail assigned to an area": CutShort(
        "cocktails",
        "radio",
        "treatment.face",
        "brightening",
        lambda c: _treatment(c, "face").cocktail,
    ),
    "an ingredient added to a custom mix": CutShort(
        "cocktails",
        "pills",
        "mix.face",
        ["hyaluronic_acid", "vitamins_ace"],
        lambda c: _treatment(c, "face").ingredients,
        start=_custom_face(),
    ),
    "the patient's choice": CutShort(
        "compare", "button_group", "treatment_choice", "mesotherapy", lambda c: c.treatment_choice
    ),
    "a later start date": CutShort(
        "timeline",
        "date_input",
        "start_date",
        DEMO.start_date + dt.timedelta(days=7),
        lambda c: c.start_date,
    ),
    "fewer sessions": CutShort(
        "timeline",
        "button_group",
        "course.face.sessions",
        4,
        lambda c: _treatment(c, "face").sessions,
    ),
    "a longer interval": CutShort(
        "timeline",
        "number_input",
        "course.face.interval_days",
        10,
        lambda c: _treatment(c, "face").interval_days,
    ),
    "an allergy answer taken back to unknown": CutShort(
        "screening",
        "button_group",
        "screening.allergy_any",
        "unknown",
        lambda c: c.history.allergies is None,
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_tap_whose_callback_was_cut_short_is_applied_not_shown_back(case: CutShort, monkeypatch):
    at = open_page(PAGES / f"{case.page}.py", case.start)
    key = widget_key(at, case.widget)
    before = case.recorded(at.session_state["consultation"])
    expected = True if isinstance(before, bool) else case.tapped
    assert before != expected, "the case must change something"

    stopped = cut_short_once(monkeypatch, lambda c: case.recorded(c) == expected)
    getattr(at, case.element)(key=key).set_value(case.tapped).run()
    assert stopped, "the tap's callback was not stopped"
    assert case.recorded(at.session_state["consultation"]) == before

    at.run()  # the next run, e.g. the next tap

    assert not at.exception, at.exception
    assert case.recorded(at.session_state["consultation"]) == expected
    assert at.session_state[key] == case.tapped  # still shown as tapped


def test_a_refused_tap_still_goes_back_to_what_the_consultation_has():
    """The other half of `synced`: a tap whose callback ran and refused it is shown back."""
    at = open_page(PAGES / "timeline.py", DEMO)
    key = widget_key(at, "start_date")
    at.date_input(key=key).set_value(dt.date.today() - dt.timedelta(days=3)).run()
    assert at.session_state["consultation"].start_date == DEMO.start_date
    assert at.date_input(key=key).value == DEMO.start_date


def test_a_cut_short_tap_reaches_the_saved_consultation(monkeypatch):
    from ui import autosave

    at = open_page(PAGES / "areas.py", DEMO)
    cut_short_once(monkeypatch, lambda c: c.areas == ["face"])
    at.pills(key=widget_key(at, "areas")).set_value(["face"]).run()
    at.run()
    saved = autosave.store().load(at.session_state["consultation"].id)
    assert saved.consultation.areas == ["face"]
