"""Button taps are never lost (ui.state.tap): the callback only queues the action on the
session's holder, touching no session state, so Streamlit cannot stop it when the next tap
arrives at once; the action is done at the start of the next run, and one stopped half-way is
done again by the run after."""

from __future__ import annotations

from tests.app.test_interrupted_open import Stopper
from tests.conftest import ROOT, open_page
from ui import frame, state

ASSESSMENT = ROOT / "pages" / "assessment.py"


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_a_button_callback_makes_no_session_state_access(monkeypatch):
    stopper = Stopper(monkeypatch, at=0)
    monkeypatch.setattr(state, "_queue_tap", stopper.around(state._queue_tap))
    at = open_page(ASSESSMENT)
    at.run()  # the menu is drawn with the counted callback
    _button(at, "Load demo patient").click().run()
    assert stopper.count == 0  # nothing Streamlit could stop it at
    assert at.session_state["consultation"].patient.name == "Ayşe Yılmaz"


def test_a_tap_whose_action_is_stopped_is_done_by_the_next_run(monkeypatch):
    stopper = Stopper(monkeypatch, at=1)
    monkeypatch.setattr(frame, "_load_demo", stopper.around(frame._load_demo))
    at = open_page(ASSESSMENT)
    at.run()
    _button(at, "Load demo patient").click().run()
    assert stopper.stopped  # stopped at its first session-state access, as by a newer tap
    stopper.inside = False
    assert at.session_state["consultation"].patient.name == ""
    at.run()  # the newer tap's run
    assert at.session_state["consultation"].patient.name == "Ayşe Yılmaz"


def _buttons_with_a_callback(source: str) -> list[int]:
    """Lines of `*.button(..., on_click=<a function>)` calls: such a callback can be stopped
    at its first session-state access and its tap lost. ("ignore" and "rerun" are no callback.)"""
    import ast

    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if not node.func.attr.endswith("button") or node.func.attr == "download_button":
            continue
        for keyword in node.keywords:
            if keyword.arg == "on_click" and not isinstance(keyword.value, ast.Constant):
                lines.append(node.lineno)
    return lines


def test_every_button_of_the_app_queues_its_tap():
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
    found = {
        str(path.relative_to(ROOT)): lines
        for path in files
        if (lines := _buttons_with_a_callback(path.read_text(encoding="utf-8")))
    }
    assert not found, f"use **state.tap(action, *args) for these buttons: {found}"


def test_the_button_scan_finds_a_direct_callback():
    assert _buttons_with_a_callback("st.button('x', on_click=go)") == [1]
    assert _buttons_with_a_callback("left.button('x', **state.tap(go))") == []
    assert _buttons_with_a_callback("st.download_button('x', on_click='ignore')") == []
