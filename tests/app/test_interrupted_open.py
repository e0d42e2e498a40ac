"""Opening another consultation is all or nothing, wherever Streamlit stops it.

Streamlit may stop a callback at any session-state access when a newer tap is waiting
(``SafeSessionState`` checks before every read, write, delete and ``in``). ``ui.state.replace``
makes the switch one write followed by plain statements, so a stopped "New consultation" leaves
either the old consultation with its own link to the store, or the new one with its own: never
the old one with the new one's store version (its next save was then taken for a conflict).
Each case stops the tap's callback at its k-th access, for every k the callback makes.
"""

from __future__ import annotations

from streamlit.runtime.scriptrunner_utils.exceptions import StopException
from streamlit.runtime.state.safe_session_state import SafeSessionState

from tests.conftest import ROOT, open_page, widget_key
from ui import autosave, frame

ACCESSES = ("__getitem__", "__setitem__", "__delitem__", "__contains__")


class Stopper:
    """Counts the session-state accesses made inside one callback; raises StopException, as
    Streamlit's yield check does, at access number `at` (0: never)."""

    def __init__(self, monkeypatch, at: int) -> None:
        self.at, self.count, self.inside, self.stopped = at, 0, False, False
        for name in ACCESSES:
            original = getattr(SafeSessionState, name)
            monkeypatch.setattr(SafeSessionState, name, self._checked(original))

    def _checked(self, original):
        def access(state, *args):
            if self.inside:
                self.count += 1
                if self.count == self.at:
                    self.stopped = True
                    raise StopException()
            return original(state, *args)

        return access

    def around(self, callback):
        def stoppable(*args, **kwargs):
            self.inside = True
            try:
                callback(*args, **kwargs)
            finally:
                self.inside = False

        return stoppable


def _saved_demo():
    """The demo patient, loaded from the menu and saved (a stored record with a version)."""
    at = open_page(ROOT / "pages" / "assessment.py")
    next(b for b in at.button if b.label == "Load demo patient").click().run()
    at.run()
    saving = at.session_state[autosave.HOLDER]
    assert saving.status is not None and saving.status.kind == "saved"
    return at


def _tap_new(monkeypatch, at, stop_at: int) -> Stopper:
    stopper = Stopper(monkeypatch, stop_at)
    monkeypatch.setattr(frame, "_new", stopper.around(frame._new))
    at.run()  # the menu is drawn with the stoppable callback
    next(b for b in at.button if b.label == "New consultation").click().run()
    stopper.inside = False
    return stopper


def _accesses_of_new(monkeypatch) -> int:
    with monkeypatch.context() as patch:
        return _tap_new(patch, _saved_demo(), stop_at=0).count


def test_a_stopped_new_consultation_leaves_one_whole_consultation_open(monkeypatch):
    accesses = _accesses_of_new(monkeypatch)
    assert accesses >= 3, accesses  # else there is nothing to stop
    for stop_at in range(1, accesses + 1):
        with monkeypatch.context() as patch:
            _check_stopped_new(patch, stop_at)


def _check_stopped_new(monkeypatch, stop_at: int) -> None:
    at = _saved_demo()
    demo = at.session_state["consultation"]
    version = at.session_state[autosave.HOLDER].version
    stopper = _tap_new(monkeypatch, at, stop_at)
    assert stopper.stopped, stop_at
    at.run()  # the newer tap that stopped it

    now = at.session_state["consultation"]
    saving = at.session_state[autosave.HOLDER]
    if now.id == demo.id:  # stopped before the switch: as if never tapped
        assert now == demo, stop_at
        assert saving.version == version, stop_at
    else:  # after it: the new consultation, not stored yet
        assert now.patient.name == "", stop_at
        assert saving.version is None, stop_at
    at.text_area(key=widget_key(at, "goals")).input("Smoother forehead").run()
    at.run()
    assert not saving.conflict, stop_at
    assert saving.status is not None and saving.status.kind == "saved", stop_at
    stored = autosave.store().load(demo.id).consultation
    assert stored.patient.name == demo.patient.name, stop_at  # the demo's record is the demo's
