"""The consultation in ``st.session_state``: one model, widgets bound to it.

Streamlit drops the state of widgets that are not drawn on the current page, so clinical data is
never kept in widget keys alone. A bound widget is initialised from the model whenever its key is
missing and writes back through an ``on_change`` callback that validates the whole consultation;
an invalid value is refused with a message naming the field, and the model keeps the last valid
one (what the doctor typed stays visible in the widget to correct).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import ValidationError

from mesocore.models import Consultation, describe_error

KEY = "consultation"
ERRORS = "field_errors"
WIDGET_PREFIX = "w:"

Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def get() -> Consultation:
    """The open consultation of this browser session (a new, empty one at first)."""
    if KEY not in st.session_state:
        st.session_state[KEY] = Consultation()
    return st.session_state[KEY]


def locale() -> str:
    return get().locale


def _changed(consultation: Consultation) -> None:
    """Every accepted change passes here: the single place to persist (autosave)."""
    st.session_state[KEY] = consultation


def replace(consultation: Consultation) -> None:
    """Open another consultation: every bound widget re-initialises from it."""
    for key in [k for k in st.session_state if str(k).startswith(WIDGET_PREFIX)]:
        del st.session_state[key]
    st.session_state[ERRORS] = {}
    _changed(consultation)


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
        errors[path] = describe_error(exc, locale())
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
