"""Autosave and resume: the Streamlit side of ``mesocore.store``.

``ui.state`` passes every accepted change here. A save is one UPDATE naming the version this
session loaded, so two tabs on one consultation get a conflict instead of a silent overwrite.
The consultation's opaque id sits in the URL (``?c=…``, nothing else about the patient), so a
reload or a new session after a dropped connection opens it again.

Why a mutable ``Saving`` object: in Streamlit every ``st.session_state`` access is a point where
a rerun request that arrived meanwhile (the doctor tapping the next field) interrupts the running
callback, which then never finishes. So ``ui.state`` takes this object first, and after the
database write only its attributes change (plain Python, never interrupted): the stored version
and the session's version cannot drift apart. It lives in session state (per browser session);
the store is a cached resource holding an engine, never patient data.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import streamlit as st
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from mesocore.database import DatabaseFileGoneError, failure_kind
from mesocore.models import Consultation
from mesocore.schema import SchemaError
from mesocore.store import ConflictError, NotFoundError, Store, configured_url, new_id

HOLDER = "store:saving"
URL_PARAM = "c"
FLASH = "flash"

# What can go wrong talking to the database, short of a bug: reported, never a traceback.
STORE_FAILURES = (SQLAlchemyError, OSError, SchemaError, DatabaseFileGoneError)


@dataclass(frozen=True)
class Status:
    """The last save of this session: ``saved`` (with its time), ``conflict`` or ``failed``."""

    kind: str
    at: datetime | None = None
    reason: str = ""
    """Why it failed: one of mesocore.database.FAILURE_KINDS (never the exception's text)."""


@dataclass
class Saving:
    """This session's link to the stored record."""

    version: int | None = None
    """The stored version this session's consultation is based on (None: not stored yet)."""
    status: Status | None = None
    conflict: bool = False
    their_version: int | None = None
    """In a conflict: the version saved elsewhere (None: deleted elsewhere)."""
    dirty: bool = False
    """A change not written to the store yet."""
    generation: int = 0
    """How many times another consultation was opened in this session: it names the widget
    keys of the open one (ui.state.widget_key), and changes with it in one step."""
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    """Held by ui.state around each change of this session's consultation."""
    taps: list[tuple[Callable[..., None], tuple[Any, ...]]] = field(
        default_factory=list, repr=False, compare=False
    )
    """Button taps not done yet (ui.state.tap): queued by a callback that touches no session
    state, done in order at the start of the next run."""


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    """The store for the configured URL (one engine per process and URL)."""
    return _store(configured_url())


def store_problem() -> str | None:
    """Why the configured database cannot be opened (a FAILURE_KINDS id), or None when it can.
    Cheap when it can: the store is a cached resource; when it cannot, it is tried again."""
    try:
        store()
    except STORE_FAILURES as exc:
        return failure_kind(exc)
    return None


def holder() -> Saving:
    if HOLDER not in st.session_state:
        st.session_state[HOLDER] = Saving()
    return st.session_state[HOLDER]


@functools.cache
def _not_entered() -> frozenset[str]:
    """Fields a new consultation fills by itself: the id, the language, the day, and any field
    whose default is generated (e.g. a random calendar id). Field names only, no data."""
    first, second = Consultation().model_dump(), Consultation().model_dump()
    generated = {name for name in first if first[name] != second[name]}
    return frozenset({"id", "locale", "consultation_date", *generated})


def is_blank(consultation: Consultation) -> bool:
    """Nothing entered yet: a new consultation is saved only once something is."""
    ignore = set(_not_entered())
    return consultation.model_dump(exclude=ignore) == Consultation().model_dump(exclude=ignore)


def with_id(consultation: Consultation) -> Consultation:
    """The consultation with its id: a new one gets one as soon as something is entered."""
    if consultation.id is not None or is_blank(consultation):
        return consultation
    return consultation.model_copy(update={"id": new_id()})


def is_saved(saving: Saving) -> bool:
    return not saving.dirty and saving.status is not None and saving.status.kind == "saved"


def flush(consultation: Consultation, saving: Saving) -> None:
    """Write a pending change. A change made meanwhile (another thread) marks it again.
    A failed write is tried again with the next change or "Save now", not on every run (a
    database that is down may take seconds to say so)."""
    saving.dirty = False
    save(consultation, saving)


def save(consultation: Consultation, saving: Saving) -> None:
    """Save the changed consultation (already given its id by `with_id`).

    Never raises for a database problem or a conflict: the consultation stays in the session
    (nothing entered is lost) and the status says why it is not saved. Touches no session
    state, only `saving` (see the module's docstring).
    """
    if consultation.id is None or saving.conflict:
        return  # blank; or unresolved: never overwrite what the other tab saved
    try:
        saved = store().save(consultation, saving.version)
    except ConflictError as exc:
        saving.conflict, saving.their_version = True, exc.current_version
        saving.status = Status("conflict")
        return
    except STORE_FAILURES as exc:
        # The exception's text may quote SQL with patient data: only its kind is kept.
        saving.status = Status("failed", reason=failure_kind(exc))
        return
    saving.version = saved.version
    saving.status = Status("saved", saved.updated_at)


def opened(
    version: int | None, saved_at: datetime | None = None, saving: Saving | None = None
) -> None:
    """Another consultation is now open: this session's version, status and no conflict.
    (`saving`, when the caller holds it, spares a session-state access: see ui.state.replace.)"""
    saving = saving or holder()
    saving.version = version
    saving.status = None if version is None else Status("saved", saved_at)
    saving.conflict, saving.their_version, saving.dirty = False, None, False


def status() -> Status | None:
    return holder().status


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
    """Keep ``?c=<id>`` naming the open consultation once it is stored (and only then).

    Called on every run: a page switch in st.navigation may drop the query string.
    """
    wanted = consultation.id if holder().version is not None else None
    if st.query_params.get(URL_PARAM) == wanted:
        return
    if wanted:
        st.query_params[URL_PARAM] = wanted
    else:
        st.query_params.pop(URL_PARAM, None)
