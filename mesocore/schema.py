"""The database schema: its tables, and Alembic migrations that move a database to them.

Every table is declared here (``metadata``), and every change to a table is a migration in
``mesocore/migrations/versions/`` (the first one, ``0001``, is the schema of release 0.1.0).
``upgrade(engine)`` runs when a ``Store`` opens a database, in the app and the CLI alike:

- an empty database gets the whole schema;
- a database of release 0.1.0 (made before migrations, by ``create_all``) is recognised by
  its ``consultations`` table without an ``alembic_version``: it is stamped as ``0001`` and
  moved on from there;
- an older revision is upgraded to the newest one this code knows (``head``);
- a revision this code does not know (the database was upgraded by a newer release) is
  refused with ``SchemaTooNewError``, a one-line message: running old code on a newer schema
  could drop what the newer release writes.

Two app servers starting at once on one PostgreSQL database take turns (an advisory lock held
for the upgrade's transaction, in which PostgreSQL runs DDL); the second finds the work done.

To add a table or a column: see "Adding a migration" in the README.
"""

from __future__ import annotations

import functools
from pathlib import Path

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    text,
)

from mesocore.models import NAME_MAX

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"
"""The revision whose schema release 0.1.0 created without Alembic."""
UPGRADE_LOCK = 0x6D65736F  # "meso": the advisory lock two servers take turns on


class SchemaError(Exception):
    """The database's schema cannot be used by this code; the message is one line."""


class SchemaTooNewError(SchemaError):
    """The database was upgraded by a newer release than this one."""

    def __init__(self, found: tuple[str, ...], head: str):
        self.found, self.head = found, head
        super().__init__(
            f"the database schema is at revision {', '.join(found)}, newer than this version of "
            f"MesoConsult knows (up to {head}): run the newer release, or upgrade this one"
        )


metadata = MetaData()
consultations = Table(
    "consultations",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("data", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, index=True),
    # Searchable copies of fields inside `data`, rewritten by every save.
    Column("patient_name", String(NAME_MAX), nullable=False),
    Column("name_key", String(NAME_MAX * 2), nullable=False, index=True),
    Column("consultation_date", Date, nullable=False, index=True),
    Column("status", String(32), nullable=False),
)


def _config(connection: Connection | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@functools.cache
def _script():
    """The migration scripts (read once per process: they are code, not data)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head() -> str:
    """The newest revision this code knows."""
    heads = _script().get_heads()
    if len(heads) != 1:  # two migrations on one parent: tests/unit/test_schema.py names them
        raise SchemaError(f"the migrations have {len(heads)} heads: {', '.join(heads)}")
    return heads[0]


def current(connection: Connection) -> tuple[str, ...]:
    """The revisions the database is at (empty: no Alembic version table)."""
    from alembic.runtime.migration import MigrationContext

    return tuple(MigrationContext.configure(connection).get_current_heads())


def _known(revision: str) -> bool:
    from alembic.util import CommandError

    try:
        return _script().get_revision(revision) is not None
    except CommandError:
        return False


def upgrade(engine: Engine) -> tuple[tuple[str, ...], str]:
    """Bring the database to ``head()``; returns (revisions before, revision after).

    Raises SchemaTooNewError (and changes nothing) when the database is at a revision this
    code does not know.
    """
    target = head()
    with engine.connect() as connection:  # the usual case, every start: nothing to do
        before = current(connection)
        if before == (target,):
            return before, target
    try:
        return _upgrade(engine, target)
    except SchemaTooNewError:
        raise
    except Exception:
        # Another process (a second server on one SQLite file) may have upgraded meanwhile.
        with engine.connect() as connection:
            if current(connection) == (target,):
                return (), target
        raise


def _upgrade(engine: Engine, target: str) -> tuple[tuple[str, ...], str]:
    from alembic import command

    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})
        before = current(connection)
        unknown = tuple(revision for revision in before if not _known(revision))
        if unknown:
            raise SchemaTooNewError(unknown, target)
        config = _config(connection)
        if not before and inspect(connection).has_table(consultations.name):
            command.stamp(config, BASELINE)  # release 0.1.0: made before migrations
        command.upgrade(config, "head")
        return before, target


def check(engine: Engine) -> None:
    """Raise SchemaTooNewError if the database is newer than this code (without upgrading)."""
    with engine.connect() as connection:
        found = current(connection)
    unknown = tuple(revision for revision in found if not _known(revision))
    if unknown:
        raise SchemaTooNewError(unknown, head())
