"""The consultation in ``st.session_state``: one model, widgets bound to it.

Streamlit drops the state of widgets that are not drawn on the current page, so clinical data is
never kept in widget keys alone. A bound widget is initialised from the model whenever its key is
missing and writes back through an ``on_change`` callback that validates the whole consultation;
an invalid value is refused with a message naming the field, and the model keeps the last valid
one (what the doctor typed stays visible in the widget to correct).

Every accepted change is autosaved (``ui.autosave``); a new session whose URL names a saved
consultation resumes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import streamlit as st
from pydantic import ValidationError

from mesocore import paths
from mesocore.changes import Changed
from mesocore.models import Consultation, describe_error
from mesocore.screening import ScreeningResult, screen
from ui import autosave, memo

KEY = "consultation"
VERDICT = "verdict"
ERRORS = "field_errors"
APPLIED = "applied_widget_values"
_WIDGET_KEY = re.compile(r"^w\d*:")

Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


@contextmanager
def _one_change_at_a_time() -> Iterator[None]:
    """Serialise changes within a session: Streamlit may start the callback of a newer tap on
    a new thread while an older callback is still saving (measured in Chromium), and two
    read-modify-writes of the model must not interleave."""
    with autosave.holder().lock:
        yield


def get() -> Consultation:
    """The open consultation of this browser session: the one the URL names after a reload,
    else a new, empty one."""
    if KEY not in st.session_state:
        autosave.holder()  # its lock exists before any callback can run
        st.session_state[KEY] = autosave.resume() or Consultation()
    return st.session_state[KEY]


def locale() -> str:
    return get().locale


def verdict() -> ScreeningResult:
    """The screening verdict of the open consultation (mesocore.screening), computed once per
    version of it: the frame's badge and the page of this run read the same object, so no
    two parts of a screen can disagree about the patient.

    Kept beside the consultation object it was computed for (compared by identity: every
    accepted change replaces the object, see `_changed`), and for the day it holds for."""
    consultation = get()
    today = date.today()
    cached = st.session_state.get(VERDICT)
    if cached is not None and cached[0] is consultation and cached[1] == today:
        return cached[2]
    result = screen(consultation)
    st.session_state[VERDICT] = (consultation, today, result)
    return result


def _changed(consultation: Consultation) -> None:
    """Every accepted change passes here: the single place to persist (autosave).

    The change is marked for saving; the database write happens at the start of the run that
    follows (``flush``), outside the callback, so callbacks stay as quick as without a store
    (measured: a save inside callbacks let Streamlit's fast reruns lose quick consent ticks).
    Ordered so that an interruption (see ui.autosave) leaves nothing half done.
    """
    saving = autosave.holder()
    if consultation == st.session_state.get(KEY) and autosave.is_saved(saving):
        return  # e.g. an interrupted callback applied again: nothing new to save
    consultation = autosave.with_id(consultation)
    st.session_state[KEY] = consultation
    saving.dirty = True


def flush() -> None:
    """Save the open consultation if it changed: called at the start of every run (sidebar)."""
    saving = autosave.holder()
    if saving.dirty:
        with _one_change_at_a_time():
            autosave.flush(get(), saving)


def widget_key(name: str) -> str:
    """The key of the widget that shows `name` (e.g. ``patient.name``) of the open consultation.

    Every opened consultation gets new widget keys (``w:name``, then ``w1:name``, ``w2:name``…).
    Until the browser has drawn the new consultation, it still holds the old one's widget
    values and sends them back with the next tap; under the same keys they would be taken for
    the doctor's edits and overwrite what was just opened (a tap right after "Load demo patient"
    emptied the demo's name, concerns and goals). Values under an old generation's keys belong
    to no widget of this run and are ignored.
    """
    generation = autosave.holder().generation
    return f"w{generation or ''}:{name}"


def _current(key: str) -> bool:
    return key.startswith(widget_key(""))


def is_current(key: str) -> bool:
    """Whether the widget under `key` belongs to the consultation open now (see
    `widget_key`): a value the browser sends for an older one's widget must change nothing."""
    return _current(key)


def one_change_at_a_time():
    """Hold this session's change lock (re-entrant) around a read-modify-write of several
    steps, e.g. applying a batch of map taps."""
    return _one_change_at_a_time()


def for_open_consultation(key: str, callback: Callable[..., None]) -> Callable[..., None]:
    """`callback` for the widget under `key`, run only while `key` belongs to the consultation
    open now: a stale value the browser sends for an older consultation's widget (see
    `widget_key`) must not change this one."""

    def guarded(*args: Any, **kwargs: Any) -> None:
        if _current(key):
            callback(*args, **kwargs)

    return guarded


def replace(
    consultation: Consultation, *, version: int | None = None, saved_at: datetime | None = None
) -> None:
    """Open another consultation: every bound widget re-initialises from it.

    `version` is its stored version when it comes from the store (it is not saved again);
    without one it is a new record (New consultation, demo patient, an import, a copy).

    Streamlit may stop a callback at any session-state access when a newer tap is waiting
    (``SafeSessionState`` checks for it before each read and write), never between two plain
    statements. So the switch is one session-state write followed only by changes to objects
    already in hand: the consultation, its widget keys' generation and its link to the store
    change together or not at all. Stopped before, the tap is as if never made; stopped
    after, only tidying is left undone. (Stopped half-way, the old consultation once stayed
    open with the new one's store version: its next save was taken for a conflict.)
    """
    with _one_change_at_a_time():
        saving = autosave.holder()
        errors = st.session_state.setdefault(ERRORS, {})
        applied = st.session_state.setdefault(APPLIED, {})
        if version is None:
            consultation = autosave.with_id(consultation)
        st.session_state[KEY] = consultation  # the switch
        saving.generation += 1
        autosave.opened(version, saved_at, saving)
        saving.dirty = version is None  # a new record is saved by the next run
        errors.clear()
        applied.clear()
        # Tidying: the old keys belong to no widget now (see `widget_key`).
        memo.forget()
        for key in [k for k in st.session_state if _WIDGET_KEY.match(str(k))]:
            if not _current(key):
                st.session_state.pop(key, None)


def tap(action: Callable[..., None], *args: Any) -> dict[str, Any]:
    """`on_click` and `args` for a button whose tap must not be lost: its callback only queues
    `action(*args)` on this session's holder, touching no session state, and the action is done
    at the start of the next run (`run_taps`, called first by app.py), in the order tapped.

    Why: Streamlit stops a running callback at its first st.session_state access when another
    tap has arrived meanwhile. A value widget's change is still in its widget state and is
    applied later (`bind`, `synced`); a button's tap has no value to recover, so it was lost
    (a "Load demo patient" followed at once by a step tap: the demo never loaded). An action
    stopped half-way stays queued and is done again by the next run: actions are all or nothing
    (``replace``) or harmless to repeat, and never call st.rerun or st.switch_page.
    """
    return {"on_click": _queue_tap, "args": (autosave.holder(), action, args)}


def _queue_tap(saving: autosave.Saving, action: Callable[..., None], args: tuple[Any, ...]) -> None:
    saving.taps.append((action, args))  # plain Python: nothing can stop it half-way


def run_taps() -> None:
    """Do the button taps queued since the last run (see `tap`), oldest first."""
    saving = autosave.holder()
    while saving.taps:
        action, args = saving.taps[0]
        try:
            action(*args)
        except Exception:
            saving.taps.pop(0)  # a failing action is reported once, not tried on every run
            raise
        saving.taps.pop(0)


def save_again() -> None:
    """Retry a save that failed (the database was unavailable)."""
    autosave.holder().dirty = True
    flush()


def read(consultation: Consultation, path: str) -> Any:
    """The value at `path`: ``patient.name``, ``treatments[area=face].numbing`` (see
    mesocore.paths)."""
    return paths.get(consultation, path)


def update(path: str, value: Any) -> str | None:
    """Set `path` to `value`; returns the error message, or None."""
    change(path, lambda consultation: paths.put(consultation, path, value))
    return error(path)


def change(field: str, edit: Callable[[Consultation], Consultation | Changed]) -> Changed | None:
    """Apply a domain change (a function from the open consultation to a new, validated one,
    e.g. ``mesocore.changes.with_areas``): the whole consultation is validated, an accepted
    change is saved, a refused one keeps the model as it was and its message is under `field`
    (see `error`). Returns what the change did, or None when it was refused."""
    with _one_change_at_a_time():
        errors = st.session_state.setdefault(ERRORS, {})
        try:
            result = edit(get())
        except ValidationError as exc:
            errors[field] = describe_error(exc, locale())
            return None
        changed = result if isinstance(result, Changed) else Changed(result)
        errors.pop(field, None)
        _changed(changed.consultation)
        return changed


def error(path: str) -> str | None:
    return st.session_state.get(ERRORS, {}).get(path)


def _set_field(path: str, key: str, to_model: Convert) -> None:
    update(path, to_model(st.session_state[key]))


def bind(
    path: str, *, to_widget: Convert = _same, to_model: Convert = _same, key: str | None = None
) -> dict[str, Any]:
    """Keyword arguments for a widget bound to the model field at `path`.

    `key` (default: the prefix + `path`) must differ when two pages bind the same field: a
    widget's id includes its page, so a key shared across pages keeps the other page's widget
    state, and the new page's widget would start empty instead of from the model.

    A widget value that differs from the last one applied is a change whose callback was
    interrupted (a newer tap arrived while it ran, see ui.autosave): it is applied here, so a
    quick doctor never loses an entry.
    """
    key = key or widget_key(path)
    if key not in st.session_state:
        st.session_state[key] = to_widget(read(get(), path))
        st.session_state.setdefault(APPLIED, {})[key] = st.session_state[key]
    return {"key": key, **own_callback(key, _set_field, path, key, to_model)}


def own_callback(key: str, callback: Callable[..., None], *args: Any) -> dict[str, Any]:
    """`on_change` and `args` for a widget under `key` whose `callback(*args)` writes the model
    and that shows its own value (`bind` uses it for one field; the consent ticks write an item
    of a list), safely:

    - a value of an older consultation's widget changes nothing (see `for_open_consultation`);
    - a change whose callback was cut short (a newer tap arrived while it ran: the widget shows
      the change, the model does not have it) is applied while drawing the widget, so a change
      that reached the server is never lost (seen with quick consent ticks on a busy machine).
    """
    _recover(key, callback, *args)
    return {"on_change": _run_own, "args": (key, callback, *args)}


def synced(key: str, value: Any, callback: Callable[..., None], *args: Any) -> dict[str, Any]:
    """`key`, `on_change` and `args` for a widget that shows `value`, read from the model, and
    writes a tap through `callback(*args)` (areas, cocktails, the patient's choice, the course):

    - the widget shows the model (see `show`), so a change the callback refused goes back;
    - a value of an older consultation's widget changes nothing (see `for_open_consultation`);
    - a change whose callback was cut short is applied, not shown back to the old value: the
      doctor saw it taken. `value` was read before it, so the page is drawn again (a rerun).
    """
    if _recover(key, callback, *args):
        st.rerun()
    show(key, value)
    st.session_state.setdefault(APPLIED, {})[key] = value
    return {"key": key, "on_change": _run_own, "args": (key, callback, *args)}


def _recover(key: str, callback: Callable[..., None], *args: Any) -> bool:
    """Apply the widget's value if its callback was cut short; True when it did.

    A value differs from the last one applied only when the server has it but its callback did
    not finish. A callback that fails is not tried again on every run: its value counts as
    applied, and the error shows once.
    """
    applied = st.session_state.setdefault(APPLIED, {})
    if key not in st.session_state or not _current(key):
        return False
    if key not in applied:
        applied[key] = st.session_state[key]
        return False
    if st.session_state[key] == applied[key]:
        return False
    try:
        _run_own(key, callback, *args)
    except Exception:
        applied[key] = st.session_state.get(key)
        raise
    flush()  # in the script body, not a callback: save it now
    return True


def _run_own(key: str, callback: Callable[..., None], *args: Any) -> None:
    if not _current(key):
        return
    with _one_change_at_a_time():
        callback(*args)
        applied = st.session_state.setdefault(APPLIED, {})
        if key in st.session_state:  # a callback may drop its widget's value to redraw it
            applied[key] = st.session_state[key]
        else:
            applied.pop(key, None)


def reset_widget(path: str) -> None:
    """Forget a widget's value so it re-initialises from the model on the next run."""
    st.session_state.pop(widget_key(path), None)
    st.session_state.get(APPLIED, {}).pop(widget_key(path), None)


def show(key: str, value: Any) -> None:
    """Make a widget show `value` (the model's) before it is drawn, touching its state only
    when it differs: setting a widget's state, even to the same value, overrides in the
    browser a tap made while this run was still going, and that tap would be lost."""
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value
