"""Schema migrations (mesocore/schema.py, Alembic): a new database gets the whole schema, a
database of release 0.1.0 (made before migrations, with real rows written by that release's
code) is upgraded and reads back every consultation unchanged, a database newer than the code
is refused in one line, and the migrations agree with the tables the code declares. Each on
SQLite and on a real PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from mesocore import schema
from mesocore.models import Consultation
from mesocore.store import SchemaTooNewError, Store

RELEASE_0_1_0 = Path(__file__).resolve().parent.parent / "data" / "release-0.1.0"
WRITTEN = json.loads((RELEASE_0_1_0 / "consultations.json").read_text(encoding="utf-8"))


def revision(url: str) -> tuple[str, ...]:
    engine = create_engine(url)
    with engine.connect() as connection:
        found = schema.current(connection)
    engine.dispose()
    return found


def release_0_1_0_database(kind: str, tmp_path: Path, request) -> str:
    """A database exactly as release 0.1.0 left it (tests/data/release-0.1.0/make.py)."""
    if kind == "sqlite":
        path = tmp_path / "old.db"
        source = sqlite3.connect(RELEASE_0_1_0 / "consultations.sqlite")
        target = sqlite3.connect(path)
        source.backup(target)
        source.close(), target.close()
        return f"sqlite:///{path}"
    postgres = request.getfixturevalue("postgres")
    url = request.getfixturevalue("pg_url")
    database = url.rsplit("/", 1)[1]
    psql = [str(postgres.bin / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1"]
    subprocess.run(
        [*psql, "-h", "127.0.0.1", "-p", str(postgres.port), "-U", "postgres", "-d", database],
        input=(RELEASE_0_1_0 / "consultations.pg.sql").read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=True,
    )
    return url


def test_a_new_database_gets_the_whole_schema_at_the_newest_revision(db_url):
    store = Store(db_url)
    assert revision(db_url) == (schema.head(),)
    assert store.schema_upgraded == ((), schema.head())
    assert inspect(store.engine).has_table("consultations")
    store.engine.dispose()


def test_the_migrations_build_exactly_the_tables_the_code_declares(db_url):
    """A migration forgotten (a column declared in mesocore/schema.py but never migrated), or
    one that differs from the declaration, shows here as a difference."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = Store(db_url)
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, schema.metadata)
    store.engine.dispose()
    assert differences == []


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_release_0_1_0_database_is_upgraded_and_reads_back_every_consultation(
    kind, tmp_path, request
):
    url = release_0_1_0_database(kind, tmp_path, request)
    assert revision(url) == ()  # made before migrations
    store = Store(url)
    assert revision(url) == (schema.head(),)
    assert store.schema_upgraded[0] == ()
    summaries, total = store.search(limit=100)
    assert total == len(WRITTEN)
    assert {item.id for item in summaries} == {item["id"] for item in WRITTEN}
    for item in WRITTEN:
        record = store.load(item["id"])
        assert record.version == item["version"]
        assert record.consultation == Consultation.model_validate(item["file"])
        now = json.loads(record.consultation.model_dump_json())  # later fields may be added
        assert {field: now[field] for field in item["file"]} == item["file"]
    # and it goes on working: the next save of an upgraded record is its next version
    first = WRITTEN[2]
    record = store.load(first["id"])
    saved = store.save(record.consultation.model_copy(update={"notes": "after"}), record.version)
    assert saved.version == first["version"] + 1
    store.engine.dispose()


def test_opening_an_up_to_date_database_again_changes_nothing(db_url):
    Store(db_url).engine.dispose()
    again = Store(db_url)
    assert again.schema_upgraded == ((schema.head(),), schema.head())
    again.engine.dispose()


def _stamp_future(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00d9999'"))
    engine.dispose()


def test_a_database_newer_than_the_code_is_refused_in_one_line_and_left_alone(db_url):
    store = Store(db_url)
    saved = store.save(Consultation())
    store.engine.dispose()
    _stamp_future(db_url)
    with pytest.raises(SchemaTooNewError) as refused:
        Store(db_url)
    message = str(refused.value)
    assert "\n" not in message
    assert "f00d9999" in message and "newer than this version of MesoConsult" in message
    assert revision(db_url) == ("f00d9999",)
    engine = create_engine(db_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM consultations")).scalar() == 1
    engine.dispose()
    assert saved.version == 1


def test_two_servers_starting_at_once_on_one_postgresql_both_open_it(pg_url):
    results: list[object] = []

    def start() -> None:
        try:
            store = Store(pg_url)
            results.append(store.schema_upgraded[1])
            store.engine.dispose()
        except Exception as exc:  # reported below
            results.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [schema.head()] * 4
    assert revision(pg_url) == (schema.head(),)


def test_the_migrations_are_one_line_of_numbered_revisions_each_with_a_downgrade():
    """Two engineers adding a migration on the same parent give two heads: renumber one.
    Ids are numbered (alembic revision --rev-id 0002 …) so their order reads at a glance."""
    script = schema._script()
    revisions = list(script.walk_revisions())
    assert script.get_heads() == [schema.head()]
    numbers = sorted(int(r.revision) for r in revisions)
    assert numbers == list(range(1, len(revisions) + 1))
    for migration in revisions:
        assert migration.module.downgrade.__code__.co_code != (lambda: None).__code__.co_code
        assert migration.doc, f"migration {migration.revision} says what it does"


# The command line and the app upgrade on start, and refuse a newer database in one line.


def _cli(*args: str, url: str) -> subprocess.CompletedProcess:
    import os
    import sys

    return subprocess.run(
        [sys.executable, "-m", "mesocore", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "MESOCONSULT_DB_URL": url},
        cwd=Path(__file__).resolve().parent.parent.parent,
    )


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_cli_upgrades_a_release_0_1_0_database_and_says_from_what_to_what(
    kind, tmp_path, request
):
    url = release_0_1_0_database(kind, tmp_path, request)
    status = _cli("db", "status", url=url)
    assert status.returncode == 0 and "revision none (to be upgraded to" in status.stdout
    upgraded = _cli("db", "upgrade", url=url)
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"upgraded from revision none to {schema.head()}" in upgraded.stdout
    again = _cli("db", "upgrade", url=url)
    assert f"revision {schema.head()}, up to date" in again.stdout


def test_the_cli_refuses_a_newer_database_in_one_line_and_never_shows_the_password(pg_url):
    Store(pg_url).engine.dispose()
    _stamp_future(pg_url)
    with_password = pg_url.replace("postgres@", "postgres:s3cret@")
    refused = _cli("db", "upgrade", url=with_password)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "newer than this version of MesoConsult" in refused.stderr
    assert "s3cret" not in refused.stderr and "***" in refused.stderr


def test_the_app_on_a_newer_database_says_so_in_one_line_and_keeps_what_is_typed(
    tmp_path, monkeypatch
):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    url = f"sqlite:///{tmp_path / 'newer.db'}"
    Store(url).engine.dispose()
    _stamp_future(url)
    monkeypatch.setenv("MESOCONSULT_DB_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "upgraded by a newer MesoConsult" in error and "\n" not in error
    at.text_input(key="w:patient.name").input("Ali Can").run()
    assert at.session_state["consultation"].patient.name == "Ali Can"
    assert any("Not saved" in w.value for w in at.warning)
    assert not any(c.value.startswith(":green[Saved") for c in at.caption)
