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

from collections.abc import Callable
from datetime import datetime
from typing import Any

import streamlit as st
from pydantic import ValidationError

from mesocore.models import Consultation, describe_error
from ui import autosave

KEY = "consultation"
ERRORS = "field_errors"
WIDGET_PREFIX = "w:"

Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def get() -> Consultation:
    """The open consultation of this browser session: the one the URL names after a reload,
    else a new, empty one."""
    if KEY not in st.session_state:
        st.session_state[KEY] = autosave.resume() or Consultation()
    return st.session_state[KEY]


def locale() -> str:
    return get().locale


def _changed(consultation: Consultation) -> None:
    """Every accepted change passes here: the single place to persist (autosave)."""
    st.session_state[KEY] = autosave.save(consultation)


def replace(
    consultation: Consultation, *, version: int | None = None, saved_at: datetime | None = None
) -> None:
    """Open another consultation: every bound widget re-initialises from it.

    `version` is its stored version when it comes from the store (it is not saved again);
    without one it is a new record (New consultation, demo patient, an import, a copy).
    """
    for key in [k for k in st.session_state if str(k).startswith(WIDGET_PREFIX)]:
        del st.session_state[key]
    st.session_state[ERRORS] = {}
    autosave.opened(version, saved_at)
    if version is None:
        _changed(consultation)
    else:
        st.session_state[KEY] = consultation


def save_again() -> None:
    """Retry a save that failed (the database was unavailable)."""
    _changed(get())


def read(consultation: Consultation, path: str) -> Any:
    value: Any = consultation
    for part in path.split("."):
        value = getattr(value, part)
    return value


def update(path: str, value: Any) -> str | None:
    """Set `path` (e.g. ``patient.name``) to `value`; returns the error message, or None."""
    data = get().model_dump()
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        node = node[part]
    node[leaf] = value
    return _accept(data, path)


def update_many(changes: dict[str, Any]) -> str | None:
    """Several fields at once, validated together (e.g. areas and their treatments)."""
    data = get().model_dump()
    for path, value in changes.items():
        *parents, leaf = path.split(".")
        node = data
        for part in parents:
            node = node[part]
        node[leaf] = value
    return _accept(data, ",".join(changes))


def _accept(data: dict, path: str) -> str | None:
    errors = st.session_state.setdefault(ERRORS, {})
    try:
        consultation = Consultation.model_validate(data)
    except ValidationError as exc:
        errors[path] = describe_error(exc)
        return errors[path]
    errors.pop(path, None)
    _changed(consultation)
    return None


def error(path: str) -> str | None:
    return st.session_state.get(ERRORS, {}).get(path)


def _on_change(path: str, key: str, to_model: Convert) -> None:
    update(path, to_model(st.session_state[key]))


def bind(path: str, *, to_widget: Convert = _same, to_model: Convert = _same) -> dict[str, Any]:
    """Keyword arguments for a widget bound to the model field at `path`."""
    key = WIDGET_PREFIX + path
    if key not in st.session_state:
        st.session_state[key] = to_widget(read(get(), path))
    return {"key": key, "on_change": _on_change, "args": (path, key, to_model)}


def reset_widget(path: str) -> None:
    """Forget a widget's value so it re-initialises from the model on the next run."""
    st.session_state.pop(WIDGET_PREFIX + path, None)
