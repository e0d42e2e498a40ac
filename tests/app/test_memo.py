"""ui.memo: a drawing is built again only when its inputs change, and never outlives the
consultation it was drawn for."""

from __future__ import annotations

from mesocore.demo import demo_consultation
from tests.conftest import ROOT, open_page


def _memo_script(body: str) -> str:
    return (
        "import streamlit as st\n"
        "from ui.memo import session_memo\n"
        "st.session_state.setdefault('builds', 0)\n"
        "def build():\n"
        "    st.session_state['builds'] += 1\n"
        "    return object()\n" + body
    )


def test_same_inputs_reuse_the_drawing_and_new_inputs_build_again():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(
        _memo_script(
            "value = st.session_state.get('value', 1)\n"
            "st.session_state['drawn'] = session_memo('chart', (value, 'en'), build)\n"
        )
    ).run()
    first = at.session_state["drawn"]
    at.run()
    assert at.session_state["builds"] == 1
    assert at.session_state["drawn"] is first
    at.session_state["value"] = 2
    at.run()
    assert at.session_state["builds"] == 2
    assert at.session_state["drawn"] is not first


def test_each_name_keeps_one_slot_so_memory_does_not_grow():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(
        _memo_script(
            "n = st.session_state.get('n', 0)\n"
            "session_memo('chart', n, build)\n"
            "st.session_state['n'] = n + 1\n"
        )
    )
    for _ in range(5):
        at.run()
    assert at.session_state["builds"] == 5
    assert len(at.session_state["memo:slots"]) == 1


def test_opening_another_consultation_forgets_the_previous_patients_drawings():
    at = open_page(ROOT / "pages" / "timeline.py", demo_consultation())
    assert "timeline" in at.session_state["memo:slots"]
    at.switch_page(str(ROOT / "pages" / "assessment.py")).run()  # a page without charts
    next(b for b in at.button if b.label == "New consultation").click().run()
    assert "memo:slots" not in at.session_state
