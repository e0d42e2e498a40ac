"""Saved consultations: a SQLAlchemy store, so that nothing entered is lost when a session ends.

A tablet sleeps, a browser reloads, Wi-Fi drops: Streamlit then starts a new session and its
state is gone. Every accepted change is saved here and any consultation can be resumed by its
opaque id. The embedded default is a SQLite file in ``data/`` (WAL mode, busy timeout); a clinic
group shares one PostgreSQL database (``mesocore.database``: the URL, the pool, the timeouts).
Opening a store upgrades an older database's schema (``mesocore.schema``, Alembic).

Each row carries a version: a save names the version it started from, and a stale one raises
``ConflictError`` instead of silently overwriting what another tab saved. The happy path of an
autosave is one ``UPDATE … WHERE id = ? AND version = ?``.

Nothing here keeps consultations in memory: a ``Store`` holds an engine (connections), never
patient data, so it may be shared across sessions. ``import mesocore`` does not import this
module, so the CLI stays fast.
"""

from __future__ import annotations

import json
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from pydantic import ValidationError
from sqlalchemy import (
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from mesocore.database import (
    DATA_DIR,
    DEFAULT_URL,
    SETTINGS_ENV,
    URL_ENV,
    DatabaseFileGoneError,
    Settings,
    StoreError,
    configured_settings,
    configured_url,
    ensure_file_in_place,
    make_engine,
    mark_created,
)
from mesocore.models import Consultation, describe_error
from mesocore.schema import SchemaError, SchemaTooNewError, consultations, upgrade

__all__ = [
    "DATA_DIR",
    "DEFAULT_URL",
    "SETTINGS_ENV",
    "URL_ENV",
    "BadFileError",
    "ConflictError",
    "DatabaseFileGoneError",
    "NotFoundError",
    "Record",
    "Saved",
    "SchemaError",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "Summary",
    "configured_url",
    "file_name",
    "new_id",
    "parse_file",
    "search_key",
    "to_file",
]

MAX_FILE_BYTES = 1_000_000

# Built once: an autosave only binds new values. Building the statement per save (``update()``,
# ``.where()``, ``.values()``) cost more than SQLite's own work for the UPDATE (issue #10).
# The SET clause is the parameters that name a column; ``expected_version`` binds the WHERE.
_INSERT = insert(consultations)
_UPDATE = (
    update(consultations)
    .where(consultations.c.id == bindparam("consultation_id"))
    .where(consultations.c.version == bindparam("expected_version"))
)
_VERSION = select(consultations.c.version).where(consultations.c.id == bindparam("consultation_id"))


class ConflictError(StoreError):
    """Another tab or device saved this consultation since we loaded it (or deleted it)."""

    def __init__(self, consultation_id: str, current_version: int | None):
        self.consultation_id = consultation_id
        self.current_version = current_version
        state = "deleted" if current_version is None else f"now at version {current_version}"
        super().__init__(f"consultation {consultation_id} was changed elsewhere ({state})")


class NotFoundError(StoreError, KeyError):
    """No consultation with this id (never saved, or deleted for good)."""


class BadFileError(StoreError):
    """An imported consultation file that cannot be used; the message names the field."""


@dataclass(frozen=True)
class Saved:
    id: str
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class Record:
    consultation: Consultation
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class Summary:
    """One line of the consultations list: enough to choose, without loading the whole file."""

    id: str
    patient_name: str
    consultation_date: date
    status: str
    version: int
    created_at: datetime
    updated_at: datetime


def new_id() -> str:
    """An opaque, unguessable id (safe in a URL: it says nothing about the patient)."""
    return secrets.token_urlsafe(16)


def search_key(text: str) -> str:
    """Case- and accent-folded text, Turkish-aware: "İSMAİL IŞIK" and "ismail isik" match.

    Python lowercases "I" to "i" and "İ" to "i̇"; decomposing, dropping the marks and mapping
    the dotless "ı" to "i" makes every Turkish i the same letter for searching.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("ı", "i").casefold().strip()


def _aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _columns(consultation: Consultation) -> dict:
    from mesocore.screening import screen

    return {
        "data": consultation.model_dump_json(),
        "patient_name": consultation.patient.name,
        "name_key": search_key(consultation.patient.name),
        "consultation_date": consultation.consultation_date,
        "status": screen(consultation).status,
    }


class Store:
    """Consultations in a database. Thread-safe: every call takes its own connection."""

    def __init__(self, url: str | None = None, settings: Settings | None = None):
        """Open the database, upgrading its schema if it is older than this code (an empty
        one gets the whole schema). SchemaTooNewError: the database is newer than this code."""
        settings = settings or configured_settings()
        self.url = url or settings.url
        self.engine = make_engine(self.url, settings)
        self.schema_upgraded = upgrade(self.engine)
        mark_created(self.engine)

    def save(self, consultation: Consultation, expected_version: int | None = None) -> Saved:
        """Save; returns the new version. ``expected_version`` is the version this copy was
        loaded as (None for a consultation never saved). A stale one raises ConflictError.

        A consultation without an id gets a new one. Returns the id and the new version.
        """
        now = datetime.now(UTC)
        consultation_id = consultation.id or new_id()
        if consultation.id is None:
            consultation = consultation.model_copy(update={"id": consultation_id})
        values = _columns(consultation) | {"updated_at": now}
        with self.engine.begin() as connection:
            if expected_version is None:
                try:
                    connection.execute(
                        _INSERT, {"id": consultation_id, "version": 1, "created_at": now, **values}
                    )
                except IntegrityError:
                    raise ConflictError(consultation_id, self._version(consultation_id)) from None
                ensure_file_in_place(self.engine, connection)
                return Saved(consultation_id, 1, now)
            result = connection.execute(
                _UPDATE,
                {
                    "consultation_id": consultation_id,
                    "expected_version": expected_version,
                    "version": expected_version + 1,
                    **values,
                },
            )
            if result.rowcount != 1:
                current = connection.execute(
                    _VERSION, {"consultation_id": consultation_id}
                ).scalar_one_or_none()
                raise ConflictError(consultation_id, current)
            ensure_file_in_place(self.engine, connection)
        return Saved(consultation_id, expected_version + 1, now)

    def _version(self, consultation_id: str) -> int | None:
        with self.engine.connect() as connection:
            return connection.execute(
                _VERSION, {"consultation_id": consultation_id}
            ).scalar_one_or_none()

    def load(self, consultation_id: str) -> Record:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(
                    consultations.c.data, consultations.c.version, consultations.c.updated_at
                ).where(consultations.c.id == consultation_id)
            ).one_or_none()
        if row is None:
            raise NotFoundError(consultation_id)
        consultation = Consultation.model_validate_json(row.data)
        return Record(consultation, row.version, _aware(row.updated_at))

    def search(
        self,
        text: str = "",
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        statuses: Sequence[str] = (),
        limit: int = 100,
    ) -> tuple[list[Summary], int]:
        """Newest first: (up to `limit` matches, how many match in all)."""
        query = select(
            consultations.c.id,
            consultations.c.patient_name,
            consultations.c.consultation_date,
            consultations.c.status,
            consultations.c.version,
            consultations.c.created_at,
            consultations.c.updated_at,
        )
        conditions: list[ColumnElement[bool]] = []
        key = search_key(text)
        if key:
            pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            conditions.append(consultations.c.name_key.like(pattern, escape="\\"))
        if date_from:
            conditions.append(consultations.c.consultation_date >= date_from)
        if date_to:
            conditions.append(consultations.c.consultation_date <= date_to)
        if statuses:
            conditions.append(consultations.c.status.in_(list(statuses)))
        query = query.where(*conditions)
        count = select(func.count()).select_from(consultations).where(*conditions)
        with self.engine.connect() as connection:
            total = connection.execute(count).scalar_one()
            rows = connection.execute(
                query.order_by(consultations.c.updated_at.desc(), consultations.c.id).limit(limit)
            ).all()
        summaries = [
            Summary(
                id=row.id,
                patient_name=row.patient_name,
                consultation_date=row.consultation_date,
                status=row.status,
                version=row.version,
                created_at=_aware(row.created_at),
                updated_at=_aware(row.updated_at),
            )
            for row in rows
        ]
        return summaries, total

    def duplicate(self, consultation_id: str) -> Saved:
        """A copy under a new id (e.g. a follow-up visit that starts from the last one)."""
        record = self.load(consultation_id)
        return self.save(record.consultation.model_copy(update={"id": None}))

    def delete(self, consultation_id: str) -> bool:
        """Remove for good (the row, not a flag); False if there was nothing to delete."""
        with self.engine.begin() as connection:
            result = connection.execute(
                delete(consultations).where(consultations.c.id == consultation_id)
            )
            ensure_file_in_place(self.engine, connection)
        return result.rowcount == 1

    def journal_mode(self) -> str:
        from sqlalchemy import text

        with self.engine.connect() as connection:
            return str(connection.execute(text("PRAGMA journal_mode")).scalar_one())


def parse_file(content: bytes, locale: str = "en") -> Consultation:
    """A consultation file for import, validated; BadFileError names what is wrong, in `locale`
    (a field's own complaint is pydantic's English unless content/i18n has it, see
    `describe_error`; the field's name is always there).

    The id inside the file is dropped: an import always becomes a new record, so it can never
    overwrite a consultation already saved here.
    """
    from mesocore.i18n import t

    if len(content) > MAX_FILE_BYTES:
        raise BadFileError(t("store.file_too_large", locale, kb=MAX_FILE_BYTES // 1000))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadFileError(t("store.file_not_utf8", locale)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadFileError(
            t("store.file_not_json", locale, line=exc.lineno, column=exc.colno, detail=exc.msg)
        ) from None
    if not isinstance(data, dict):
        raise BadFileError(t("store.file_not_object", locale))
    data.pop("id", None)
    try:
        return Consultation.model_validate(data)
    except ValidationError as exc:
        detail = describe_error(exc, locale)
        raise BadFileError(t("store.file_bad_value", locale, detail=detail)) from None


def to_file(consultation: Consultation) -> bytes:
    """The consultation file (DESIGN.md's contract), pretty-printed UTF-8 JSON."""
    return consultation.model_dump_json(indent=2).encode("utf-8")


def file_name(consultation: Consultation) -> str:
    """``consultation-<id>.json``: the opaque id, never the patient's name."""
    return f"consultation-{consultation.id or 'new'}.json"
