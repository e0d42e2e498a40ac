"""Autosave and resume: the Streamlit side of ``mesocore.store``.

``ui.state`` passes every accepted change here. A save is one UPDATE naming the version this
session loaded, so two tabs on one consultation get a conflict instead of a silent overwrite.
The consultation's opaque id sits in the URL (``?c=…``, nothing else about the patient), so a
reload or a new session after a dropped connection opens it again.

Session-state keys (per browser session, never shared): the stored version, the save status and
an unresolved conflict. The store is a cached resource: it holds an engine, never patient data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import streamlit as st
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from mesocore.models import Consultation
from mesocore.store import ConflictError, NotFoundError, Store, configured_url, new_id

VERSION = "store:version"
STATUS = "store:status"
CONFLICT = "store:conflict"
URL_PARAM = "c"
FLASH = "flash"

# What can go wrong talking to the database, short of a bug: reported, never a traceback.
STORE_FAILURES = (SQLAlchemyError, OSError)


@dataclass(frozen=True)
class Status:
    """The last save of this session: ``saved`` (with its time), ``conflict`` or ``failed``."""

    kind: str
    at: datetime | None = None
    reason: str = ""


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    """The store for the configured URL (one engine per process and URL)."""
    return _store(configured_url())


def is_blank(consultation: Consultation) -> bool:
    """Nothing entered yet: a new consultation is saved only once something is."""
    ignore = {"id", "locale", "consultation_date"}
    return consultation.model_dump(exclude=ignore) == Consultation().model_dump(exclude=ignore)


def save(consultation: Consultation) -> Consultation:
    """Save the changed consultation; returns it with its id (assigned on the first save).

    Never raises for a database problem or a conflict: the consultation stays in the session
    (nothing entered is lost) and the status says why it is not saved.
    """
    if consultation.id is None:
        if is_blank(consultation):
            return consultation
        consultation = consultation.model_copy(update={"id": new_id()})
        st.session_state[VERSION] = None
    if CONFLICT in st.session_state:
        return consultation  # unresolved: never overwrite what the other tab saved
    try:
        saved = store().save(consultation, st.session_state.get(VERSION))
    except ConflictError as exc:
        st.session_state[CONFLICT] = exc.current_version
        st.session_state[STATUS] = Status("conflict")
        return consultation
    except STORE_FAILURES as exc:
        # The exception's text may quote SQL with patient data: only its kind is kept.
        st.session_state[STATUS] = Status("failed", reason=type(exc).__name__)
        return consultation
    st.session_state[VERSION] = saved.version
    st.session_state[STATUS] = Status("saved", saved.updated_at)
    return consultation


def opened(version: int | None, saved_at: datetime | None = None) -> None:
    """Another consultation is now open: forget this session's version, status and conflict."""
    st.session_state[VERSION] = version
    st.session_state.pop(CONFLICT, None)
    if version is None:
        st.session_state.pop(STATUS, None)
    else:
        st.session_state[STATUS] = Status("saved", saved_at)


def status() -> Status | None:
    return st.session_state.get(STATUS)


def conflict() -> tuple[bool, int | None]:
    """(is there an unresolved conflict, the stored version: None if deleted elsewhere)."""
    return CONFLICT in st.session_state, st.session_state.get(CONFLICT)


def resume() -> Consultation | None:
    """A new session whose URL names a saved consultation: load it (after a reload, a dropped
    connection or a tablet waking up). None if the URL names none, or it cannot be loaded."""
    consultation_id = st.query_params.get(URL_PARAM)
    if not consultation_id:
        return None
    try:
        record = store().load(consultation_id)
    except NotFoundError:
        st.session_state[FLASH] = "store.not_found"
        return None
    except ValidationError:
        st.session_state[FLASH] = "store.unreadable"
        return None
    except STORE_FAILURES:
        st.session_state[FLASH] = "store.unavailable"
        return None
    opened(record.version, record.updated_at)
    return record.consultation


def sync_url(consultation: Consultation) -> None:
    """Keep ``?c=<id>`` naming the open consultation once it is saved (and only then).

    Called on every run: a page switch in st.navigation may drop the query string.
    """
    wanted = consultation.id if st.session_state.get(VERSION) is not None else None
    if st.query_params.get(URL_PARAM) == wanted:
        return
    if wanted:
        st.query_params[URL_PARAM] = wanted
    else:
        st.query_params.pop(URL_PARAM, None)
