"""The consultation store: what is saved comes back whole, a stale save is refused as a conflict,
search finds Turkish names however they are typed, deletion is for good, and concurrent autosaves
lose nothing: each on a SQLite file and on a real PostgreSQL database."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesocore.models import Consultation, Patient
from mesocore.store import (
    BadFileError,
    ConflictError,
    NotFoundError,
    Store,
    configured_url,
    file_name,
    parse_file,
    search_key,
    to_file,
)
from tests.conftest import ROOT
from tests.factories import TODAY, blank, consultation


@pytest.fixture
def store(db_url) -> Iterator[Store]:
    """Every test of a store runs on SQLite and on PostgreSQL (tests/conftest.py: db_url)."""
    store = Store(db_url)
    yield store
    store.engine.dispose()


def named(name: str, **fields: object) -> Consultation:
    return Consultation(**{"consultation_date": TODAY, "patient": Patient(name=name), **fields})


def test_a_saved_consultation_comes_back_whole(store):
    original = consultation()
    saved = store.save(original)
    record = store.load(saved.id)
    assert saved.version == record.version == 1
    assert record.consultation == original.model_copy(update={"id": saved.id})


def test_the_id_is_opaque_and_says_nothing_about_the_patient(store):
    first, second = store.save(named("Ayşe Yılmaz")), store.save(named("Ayşe Yılmaz"))
    assert first.id != second.id
    assert len(first.id) >= 20 and "yilmaz" not in search_key(first.id)
    assert file_name(store.load(first.id).consultation) == f"consultation-{first.id}.json"


def test_each_save_names_the_version_it_started_from_and_gets_the_next(store):
    first = store.save(named("Ali"))
    record = store.load(first.id)
    second = store.save(record.consultation.model_copy(update={"goals": "Less tired"}), 1)
    assert second.version == 2
    assert store.load(first.id).consultation.goals == "Less tired"


def test_a_stale_save_is_a_conflict_and_does_not_overwrite(store):
    saved = store.save(named("Ali"))
    tab_a = store.load(saved.id).consultation
    tab_b = store.load(saved.id).consultation
    store.save(tab_a.model_copy(update={"goals": "from tab A"}), 1)
    with pytest.raises(ConflictError) as conflict:
        store.save(tab_b.model_copy(update={"goals": "from tab B"}), 1)
    assert conflict.value.current_version == 2
    assert store.load(saved.id).consultation.goals == "from tab A"


def test_saving_a_consultation_deleted_elsewhere_is_a_conflict(store):
    saved = store.save(named("Ali"))
    loaded = store.load(saved.id).consultation
    assert store.delete(saved.id)
    with pytest.raises(ConflictError) as conflict:
        store.save(loaded, 1)
    assert conflict.value.current_version is None
    with pytest.raises(NotFoundError):
        store.load(saved.id)


def test_a_new_record_never_takes_over_an_existing_id(store):
    saved = store.save(named("Ali"))
    intruder = named("Veli").model_copy(update={"id": saved.id})
    with pytest.raises(ConflictError):
        store.save(intruder)
    assert store.load(saved.id).consultation.patient.name == "Ali"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ismail", "İsmail Işık"),
        ("ISIK", "İsmail Işık"),
        ("işık", "İsmail Işık"),
        ("IŞIK", "İsmail Işık"),
        ("ayse yil", "Ayşe Yılmaz"),
        ("çağla", "Çağla Öztürk"),
        ("ozturk", "Çağla Öztürk"),
        ("ğ", "Çağla Öztürk"),
    ],
)
def test_search_by_name_is_case_accent_and_turkish_i_insensitive(store, typed, stored):
    for name in ("İsmail Işık", "Ayşe Yılmaz", "Çağla Öztürk", "John Smith"):
        store.save(named(name))
    found, total = store.search(typed)
    assert [item.patient_name for item in found] == [stored]
    assert total == 1


def test_search_treats_like_wildcards_as_plain_text(store):
    store.save(named("Ali"))
    store.save(named("100% Ali_x"))
    assert [s.patient_name for s in store.search("%")[0]] == ["100% Ali_x"]
    assert [s.patient_name for s in store.search("_")[0]] == ["100% Ali_x"]


def test_search_filters_by_date_and_screening_status(store):
    store.save(named("Early", consultation_date=date(2026, 1, 5)))
    store.save(named("Late", consultation_date=date(2026, 6, 5)))
    screened = consultation()  # the demo patient: eligible, on TODAY
    store.save(screened)
    assert {s.patient_name for s in store.search(date_from=date(2026, 6, 1))[0]} == {
        "Late",
        "Ayşe Yılmaz",
    }
    assert [s.patient_name for s in store.search(date_to=date(2026, 1, 31))[0]] == ["Early"]
    assert [s.patient_name for s in store.search(statuses=["eligible"])[0]] == ["Ayşe Yılmaz"]
    assert {s.status for s in store.search(statuses=["incomplete"])[0]} == {"incomplete"}
    pregnant = consultation(pregnant=True)
    store.save(pregnant)
    found = store.search("ayse", statuses=["not_eligible", "deferred"])[0]
    assert len(found) == 1 and found[0].status != "eligible"


def test_the_searchable_columns_follow_every_save(store):
    saved = store.save(named("Old Name"))
    renamed = store.load(saved.id).consultation
    renamed.patient.name = "New Name"
    store.save(renamed, 1)
    assert store.search("old")[0] == []
    assert [s.patient_name for s in store.search("new")[0]] == ["New Name"]


def test_search_lists_newest_first_and_counts_beyond_the_limit(store):
    for number in range(5):
        store.save(named(f"Patient {number}"))
    found, total = store.search(limit=3)
    assert total == 5
    assert [s.patient_name for s in found] == ["Patient 4", "Patient 3", "Patient 2"]


def test_duplicate_is_a_separate_record_with_the_same_content(store):
    saved = store.save(consultation())
    copy = store.duplicate(saved.id)
    assert copy.id != saved.id and copy.version == 1
    original, duplicate = store.load(saved.id), store.load(copy.id)
    assert duplicate.consultation.model_dump(exclude={"id"}) == original.consultation.model_dump(
        exclude={"id"}
    )
    store.save(duplicate.consultation.model_copy(update={"notes": "follow-up"}), 1)
    assert store.load(saved.id).consultation.notes == consultation().notes


def test_delete_removes_for_good_and_only_that_one(store):
    keep = store.save(named("Keep"))
    gone = store.save(named("Gone"))
    assert store.delete(gone.id)
    assert not store.delete(gone.id)
    with pytest.raises(NotFoundError):
        store.load(gone.id)
    assert [s.id for s in store.search()[0]] == [keep.id]


def test_sqlite_runs_in_wal_mode_and_the_schema_is_created_on_first_start(tmp_path):
    url = f"sqlite:///{tmp_path / 'new' / 'folder' / 'first.db'}"
    store = Store(url)
    assert store.journal_mode() == "wal"
    assert store.search() == ([], 0)
    assert (tmp_path / "new" / "folder" / "first.db").exists()


def test_concurrent_autosaves_from_many_threads_lose_nothing(store):
    """Eight sessions, each autosaving its own consultation 25 times at once."""
    threads, saves = 8, 25
    ids = [store.save(named(f"Patient {n}")).id for n in range(threads)]
    failures: list[BaseException] = []
    start = threading.Barrier(threads)

    def session(consultation_id: str) -> None:
        try:
            current = store.load(consultation_id).consultation
            version = 1
            start.wait()
            for step in range(saves):
                current = current.model_copy(update={"notes": f"{consultation_id} step {step}"})
                version = store.save(current, version).version
        except BaseException as exc:  # reported below, with the thread's failure
            failures.append(exc)

    workers = [threading.Thread(target=session, args=(i,)) for i in ids]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not failures, failures
    for consultation_id in ids:
        record = store.load(consultation_id)
        assert record.version == saves + 1
        assert record.consultation.notes == f"{consultation_id} step {saves - 1}"


def test_concurrent_saves_of_one_consultation_never_overwrite_silently(store):
    """Six tabs race on one consultation: every save either wins a version or is a conflict,
    and what is stored is exactly the last winner's."""
    saved = store.save(named("Shared"))
    wins: dict[int, str] = {}
    lock = threading.Lock()
    start = threading.Barrier(6)

    def tab(number: int) -> None:
        start.wait()
        for step in range(15):
            record = store.load(saved.id)
            note = f"tab {number} step {step}"
            try:
                new = store.save(
                    record.consultation.model_copy(update={"notes": note}), record.version
                )
            except ConflictError:
                continue
            with lock:
                assert new.version not in wins
                wins[new.version] = note

    workers = [threading.Thread(target=tab, args=(n,)) for n in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    final = store.load(saved.id)
    assert sorted(wins) == list(range(2, final.version + 1))
    assert final.consultation.notes == wins[final.version]


TURKISH_AND_LATIN = "abcçdefgğhıijklmnoöprsştuüvwxyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVWXYZ -'"


@settings(max_examples=200, deadline=None)
@given(
    name=st.text(TURKISH_AND_LATIN, max_size=40), start=st.integers(0, 40), size=st.integers(1, 8)
)
def test_a_name_is_found_by_any_part_of_it_in_any_case(name, start, size):
    key = search_key(name)
    part = name[start : start + size]
    for typed in (part, part.upper(), part.lower()):
        assert search_key(typed) in key


# The consultation file: import and export.


def test_an_exported_file_imports_as_a_new_record_with_the_same_content():
    original = consultation().model_copy(update={"id": "abc123"})
    imported = parse_file(to_file(original))
    assert imported.id is None
    assert imported.model_dump(exclude={"id"}) == original.model_dump(exclude={"id"})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not text", "not UTF-8"),
        (b"{ not json", "not a JSON file (line 1"),
        (b"[1, 2]", "expected a JSON object"),
        (json.dumps({"patient": {"name": "A", "birth_date": "3000-01-01"}}).encode(), "birth_date"),
        (json.dumps({"history": {"pregnant": "perhaps"}}).encode(), "history.pregnant"),
        (json.dumps({"areas": ["elbow"]}).encode(), "unknown area 'elbow'"),
        (json.dumps({"schema_version": 9}).encode(), "schema_version"),
        (json.dumps({"surprise": 1}).encode(), "surprise"),
        (b" " * 1_000_001, "larger than"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_naming_the_problem(content, message):
    with pytest.raises(BadFileError) as refused:
        parse_file(content)
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe", "UTF-8 metin değil"),
        (b"{", "JSON dosyası değil (satır 1"),
        (
            json.dumps({"history": {"pregnant": "perhaps"}}).encode(),
            "geçersiz değer: history.pregnant",
        ),
    ],
)
def test_a_bad_file_is_refused_in_the_doctors_language(content, message):
    with pytest.raises(BadFileError) as refused:
        parse_file(content, "tr")
    assert message in str(refused.value)


def test_a_file_with_a_byte_order_mark_imports():
    assert parse_file(b"\xef\xbb\xbf" + to_file(blank())).consultation_date == TODAY


# Configuration.


def test_the_url_comes_from_the_environment_then_the_settings_file(tmp_path, monkeypatch):
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('[database]\nurl = "sqlite:///from-settings.db"\n')
    monkeypatch.setenv("MESOCONSULT_SETTINGS", str(settings_file))
    monkeypatch.setenv("MESOCONSULT_DB_URL", "sqlite:///from-env.db")
    assert configured_url() == "sqlite:///from-env.db"
    monkeypatch.delenv("MESOCONSULT_DB_URL")
    assert configured_url() == "sqlite:///from-settings.db"
    monkeypatch.setenv("MESOCONSULT_SETTINGS", str(tmp_path / "missing.toml"))
    assert configured_url().endswith("/data/mesoconsult.db")


def test_importing_mesocore_does_not_load_the_database_layer():
    check = "import sys, mesocore; print('sqlalchemy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_tests_never_write_into_the_repository_data_folder():
    assert "data/mesoconsult.db" not in configured_url()
