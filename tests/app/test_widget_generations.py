"""ui.state.widget_key: each opened consultation gets its own widget keys, so what the browser
still holds for the previous consultation's widgets changes nothing in the new one (the
Chromium race itself: test_browser_quick_taps.py)."""

from __future__ import annotations

from mesocore.demo import demo_consultation
from tests.conftest import ROOT, open_page, widget_key


def test_a_callback_of_the_previous_consultations_widget_changes_nothing():
    """state.for_open_consultation: after another consultation is opened, a callback for a
    widget of the one before (its value sent late by the browser) is not run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(
        "import streamlit as st\n"
        "from mesocore.models import Consultation\n"
        "from ui import state\n"
        "calls = st.session_state.setdefault('calls', [])\n"
        "before = state.for_open_consultation(state.widget_key('goals'), lambda: calls.append(1))\n"
        "state.replace(Consultation())\n"
        "before()\n"
        "after = state.for_open_consultation(state.widget_key('goals'), lambda: calls.append(2))\n"
        "after()\n"
    ).run()
    assert not at.exception, at.exception
    assert at.session_state["calls"] == [2]


def test_opening_another_consultation_gives_its_widgets_new_keys():
    at = open_page(ROOT / "pages" / "assessment.py", demo_consultation())
    assert at.text_input(key="w:patient.name").value == "Ayşe Yılmaz"
    next(b for b in at.button if b.label == "New consultation").click().run()
    assert widget_key(at, "patient.name") == "w1:patient.name"
    assert at.text_input(key="w1:patient.name").value == ""
    assert "w:patient.name" not in at.session_state  # the old key is gone with its value
