"""Where the consultations are kept and how we talk to it: the configured database, its engine
(pool, timeouts), the SQLite file guard, and what a failure means in words.

The embedded default is a SQLite file in ``data/``. A clinic group points every app server at
one PostgreSQL database through ``MESOCONSULT_DB_URL`` or ``[database]`` in the settings file
(``MESOCONSULT_SETTINGS``, default ``data/settings.toml``, kept out of git: a URL may hold a
password), where the pool and the timeouts can be tuned too (see ``Settings``).
"""

from __future__ import annotations

import errno
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_URL = f"sqlite:///{DATA_DIR / 'mesoconsult.db'}"
URL_ENV = "MESOCONSULT_DB_URL"
SETTINGS_ENV = "MESOCONSULT_SETTINGS"
BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """A problem the user must be told about in one line."""


class DatabaseFileGoneError(StoreError):
    """The SQLite file was deleted or replaced under the running server: a write would go to
    a file that no longer exists on disk (an open SQLite connection keeps writing to it)."""

    def __init__(self, path: Path):
        super().__init__(f"the database file {path} is missing or was replaced")


@dataclass(frozen=True)
class Settings:
    """``[database]`` in the settings file. Sized for one clinic's tablets per app server:
    each tablet's tap is one short transaction on its own connection, so a pool of 10 (and 10
    more at a peak) serves 20 tablets; a tap that cannot get a connection within
    ``pool_timeout_s`` is reported "not saved" and retried, never left waiting. With several app
    servers on one PostgreSQL, keep servers x (pool_size + max_overflow) under the server's
    ``max_connections`` (100 by default)."""

    url: str = DEFAULT_URL
    pool_size: int = 10
    max_overflow: int = 10
    pool_timeout_s: float = 10.0
    statement_timeout_ms: int = 5_000
    """PostgreSQL: the longest one statement (or a wait for a row lock) may take."""
    connect_timeout_s: int = 5
    """PostgreSQL: the longest a new connection may take (an unreachable server)."""


def _settings_file() -> Path:
    return Path(os.environ.get(SETTINGS_ENV) or DATA_DIR / "settings.toml")


def configured_settings() -> Settings:
    """The settings file's ``[database]`` table, with ``MESOCONSULT_DB_URL`` overriding the URL."""
    table: dict = {}
    path = _settings_file()
    if path.is_file():
        with path.open("rb") as handle:
            table = dict(tomllib.load(handle).get("database", {}))
    known = {f.name: f.type for f in fields(Settings)}
    values = {k: v for k, v in table.items() if k in known}
    values["url"] = str(values.get("url", "")).strip() or DEFAULT_URL
    url = os.environ.get(URL_ENV, "").strip()
    if url:
        values["url"] = url
    return Settings(**values)


def configured_url() -> str:
    """The database URL: MESOCONSULT_DB_URL, else the settings file, else the SQLite default."""
    return configured_settings().url


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None: not SQLite, or in memory)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).resolve()


def make_engine(url: str, settings: Settings | None = None) -> Engine:
    settings = settings or Settings(url=url)
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(
        url,
        pool_pre_ping=True,  # a connection cut by a database restart is replaced, not used
        pool_size=settings.pool_size,
        max_overflow=settings.max_overflow,
        pool_timeout=settings.pool_timeout_s,
        pool_recycle=1800,
        connect_args=_postgres_options(settings) if url.startswith("postgresql") else {},
    )


def _postgres_options(settings: Settings) -> dict:
    timeout = settings.statement_timeout_ms
    return {
        "connect_timeout": settings.connect_timeout_s,
        "application_name": "mesoconsult",
        "options": " ".join(
            [
                f"-c statement_timeout={timeout}",
                f"-c lock_timeout={timeout}",
                f"-c idle_in_transaction_session_timeout={timeout * 12}",
            ]
        ),
    }


_CREATED = "_mesoconsult_schema_created"


def _sqlite_engine(url: str) -> Engine:
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    created = engine.__dict__.setdefault(_CREATED, {"created": False})

    @event.listens_for(engine, "do_connect")
    def _no_new_file(_dialect, _record, _cargs, _cparams):
        # SQLite creates a missing file on connect: once the schema exists, a missing file
        # means it was deleted, and a new empty one would hide that.
        if path is not None and created["created"] and not path.exists():
            raise DatabaseFileGoneError(path)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, record):
        """WAL lets readers work while one writer commits; the busy timeout queues writers."""
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()
        if path is not None:
            record.info["file"] = _identity(path)

    return engine


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def ensure_file_in_place(engine: Engine, connection: Connection) -> None:
    """Before a write is committed: the SQLite file this connection writes to is still the one
    on disk. Deleted (or replaced by another file) under the server, the connection would go
    on writing to the old, unlinked file and every change would read "Saved"."""
    path = sqlite_file(str(engine.url))
    if path is None:
        return
    opened = connection.connection.info.get("file")
    if opened is None or _identity(path) != opened:
        connection.invalidate()  # never reuse a connection to a file that is gone
        raise DatabaseFileGoneError(path)


def mark_created(engine: Engine) -> None:
    """The schema exists: from now on a missing SQLite file is an error, not a first start."""
    engine.__dict__.setdefault(_CREATED, {})["created"] = True


# Why a save failed, in words the doctor's language has (store.why.<kind> in content/i18n).
FAILURE_KINDS = (
    "file_gone",
    "read_only",
    "disk_full",
    "timeout",
    "unreachable",
    "busy",
    "schema_too_new",
    "other",
)

_SQLSTATE_KINDS = {
    "57014": "timeout",  # query_canceled: statement_timeout
    "55P03": "timeout",  # lock_not_available: lock_timeout
    "25006": "read_only",  # read_only_sql_transaction (a standby, or a read-only database)
    "53100": "disk_full",
    "53300": "busy",  # too_many_connections
    "57P01": "unreachable",  # admin_shutdown
    "57P02": "unreachable",
    "57P03": "unreachable",  # cannot_connect_now (starting up)
}
_ERRNO_KINDS = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EROFS: "read_only",
    errno.EACCES: "read_only",
    errno.EPERM: "read_only",
}
_SQLITE_WORDS = (
    ("readonly", "read_only"),
    ("read-only", "read_only"),
    ("disk is full", "disk_full"),
    ("database is locked", "busy"),
    ("unable to open database file", "file_gone"),
    ("disk i/o error", "file_gone"),
    ("no such table", "file_gone"),
)


def failure_kind(exc: BaseException) -> str:
    """One of FAILURE_KINDS for a database failure (never its text: it may quote patient data)."""
    from sqlalchemy import exc as sa_exc

    from mesocore.schema import SchemaTooNewError

    if isinstance(exc, DatabaseFileGoneError):
        return "file_gone"
    if isinstance(exc, SchemaTooNewError):
        return "schema_too_new"
    if isinstance(exc, sa_exc.TimeoutError):  # no free connection in the pool in time
        return "busy"
    if isinstance(exc, OSError):
        return _ERRNO_KINDS.get(exc.errno or 0, "other")
    original = getattr(exc, "orig", None)
    if isinstance(original, DatabaseFileGoneError):
        return "file_gone"
    sqlstate = getattr(original, "sqlstate", None)
    if sqlstate in _SQLSTATE_KINDS:
        return _SQLSTATE_KINDS[sqlstate]
    if type(original).__module__ == "sqlite3":
        words = str(original).casefold()
        for word, kind in _SQLITE_WORDS:
            if word in words:
                return kind
        return "other"
    if isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError):
        return "unreachable"  # PostgreSQL: connection refused, cut, or timed out
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return "unreachable"
    return "other"
