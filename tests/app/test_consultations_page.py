"""Autosave, resume and the Consultations page in AppTest, each test on its own database:
every change is saved, a new session resumes from ?c=<id>, the list opens, duplicates and
deletes (only after confirmation), and an import never touches what is already saved."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from mesocore.demo import demo_consultation
from mesocore.models import Consultation, Patient
from mesocore.store import Store, to_file
from tests.conftest import ROOT, widget_key
from tests.factories import TODAY
from ui.steps import CONSULTATIONS, STEPS

APP = str(ROOT / "app.py")
ASSESSMENT = str(STEPS[0].path)
PAGE = str(CONSULTATIONS.path)


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    url = f"sqlite:///{tmp_path / 'page.db'}"
    monkeypatch.setenv("MESOCONSULT_DB_URL", url)
    return Store(url)


def session(consultation_id: str | None = None) -> AppTest:
    """A new browser session (as after a reload), optionally with ?c=<id> in its URL."""
    at = AppTest.from_file(APP, default_timeout=30)
    if consultation_id:
        at.query_params["c"] = consultation_id
    return at.run()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def saved_names(store: Store) -> list[str]:
    return sorted(item.patient_name for item in store.search()[0])


def named(name: str) -> Consultation:
    return Consultation(consultation_date=TODAY, patient=Patient(name=name))


def test_an_empty_new_consultation_is_not_saved(store):
    at = session()
    assert not at.exception
    assert store.search() == ([], 0)
    assert "c" not in at.query_params
    assert any("Nothing to save yet" in c.value for c in at.caption)


def test_every_change_is_saved_and_the_url_names_only_the_id(store):
    at = session()
    at.text_input(key="w:patient.name").input("İsmail Işık").run()
    at.text_area(key="w:goals").input("Brighter skin").run()
    [item], _ = store.search()
    assert at.query_params["c"] == item.id
    assert item.version == 2
    assert store.load(item.id).consultation.goals == "Brighter skin"
    assert any("Saved" in c.value for c in at.caption)


def test_a_new_session_with_the_id_in_the_url_resumes_the_consultation(store):
    first = session()
    first.text_input(key="w:patient.name").input("Çağla Öztürk").run()
    first.pills(key="w:concerns").set_value(["dullness"]).run()
    resumed = session(first.query_params["c"])
    assert resumed.text_input(key="w:patient.name").value == "Çağla Öztürk"
    assert resumed.session_state["consultation"].concerns == ["dullness"]
    resumed.text_area(key="w:notes").input("Back after the tablet slept").run()
    assert not resumed.exception
    record = store.load(first.query_params["c"])
    assert (record.version, record.consultation.notes) == (3, "Back after the tablet slept")


def test_an_unknown_id_in_the_url_opens_a_new_consultation_with_a_message(store):
    at = session("no-such-consultation")
    assert not at.exception
    assert at.text_input(key="w:patient.name").value == ""
    assert "c" not in at.query_params
    assert any("not found" in toast.value for toast in at.toast)


def test_new_consultation_and_demo_patient_create_records_and_never_overwrite(store):
    at = session()
    button(at, "Load demo patient").click().run()
    demo_id = at.query_params["c"]
    button(at, "New consultation").click().run()
    assert "c" not in at.query_params
    at.text_input(key=widget_key(at, "patient.name")).input("Veli Kaya").run()
    assert at.query_params["c"] != demo_id
    assert saved_names(store) == ["Ayşe Yılmaz", "Veli Kaya"]
    assert store.load(demo_id).consultation.patient.name == "Ayşe Yılmaz"


def test_a_change_in_another_tab_is_a_conflict_with_clear_choices(store):
    tab_a = session()
    tab_a.text_input(key="w:patient.name").input("Ali Can").run()
    consultation_id = tab_a.query_params["c"]
    tab_b = session(consultation_id)
    tab_a.text_area(key="w:goals").input("from tab A").run()
    tab_b.text_area(key="w:goals").input("from tab B").run()
    assert any("another tab" in w.value for w in tab_b.warning)
    assert store.load(consultation_id).consultation.goals == "from tab A"  # not overwritten
    assert tab_b.session_state["consultation"].goals == "from tab B"  # and not lost

    button(tab_b, "Keep mine as a copy").click().run()
    assert tab_b.query_params["c"] != consultation_id
    assert store.load(tab_b.query_params["c"]).consultation.goals == "from tab B"
    assert store.load(consultation_id).consultation.goals == "from tab A"
    assert not any("another tab" in w.value for w in tab_b.warning)


def test_load_their_version_resolves_a_conflict(store):
    tab_a = session()
    tab_a.text_input(key="w:patient.name").input("Ali Can").run()
    tab_b = session(tab_a.query_params["c"])
    tab_a.text_area(key="w:goals").input("from tab A").run()
    tab_b.text_area(key="w:goals").input("from tab B").run()
    button(tab_b, "Load their version").click().run()
    assert tab_b.text_area(key=widget_key(tab_b, "goals")).value == "from tab A"
    tab_b.text_area(key=widget_key(tab_b, "notes")).input("continued in tab B").run()
    record = store.load(tab_a.query_params["c"])
    assert (record.consultation.goals, record.consultation.notes) == (
        "from tab A",
        "continued in tab B",
    )


def test_a_database_failure_keeps_everything_on_screen_and_says_so(store, monkeypatch):
    at = session()
    at.text_input(key="w:patient.name").input("Ali Can").run()

    def broken(*_args, **_kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(Store, "save", broken)
    at.text_area(key="w:goals").input("not lost").run()
    assert not at.exception
    assert any("database is unavailable" in w.value for w in at.warning)
    assert at.session_state["consultation"].goals == "not lost"
    monkeypatch.undo()
    monkeypatch.setenv("MESOCONSULT_DB_URL", store.url)
    button(at, "Save now").click().run()
    assert store.load(at.query_params["c"]).consultation.goals == "not lost"


# The Consultations page.


def test_the_list_shows_saved_consultations_and_searches_turkish_names(store):
    for name in ("İsmail Işık", "Ayşe Yılmaz", "John Smith"):
        store.save(named(name))
    at = session().switch_page(PAGE).run()
    assert not at.exception
    rows = [m.value for m in at.markdown if m.value.startswith("**")]
    assert len([b for b in at.button if b.label == "Open"]) == 3, rows
    at.text_input(key="consultations:search").input("ISIK").run()
    assert [b.key for b in at.button if b.label == "Open"] == [
        f"consultations:open:{store.search('ismail')[0][0].id}"
    ]
    at.text_input(key="consultations:search").input("nobody").run()
    assert any("No saved consultation matches" in i.value for i in at.info)


def test_a_long_list_shows_a_screenful_and_more_on_request(store):
    for number in range(25):
        store.save(named(f"Patient {number:02d}"))
    at = session().switch_page(PAGE).run()
    assert len([b for b in at.button if b.label == "Open"]) == 20
    assert any("20 most recently saved of 25" in c.value for c in at.caption)
    button(at, "Show 5 more").click().run()
    assert len([b for b in at.button if b.label == "Open"]) == 25
    assert not [b for b in at.button if b.label.startswith("Show")]


def test_open_from_the_list_continues_on_the_assessment(store):
    saved = store.save(demo_consultation())
    at = session().switch_page(PAGE).run()
    at.button(key=f"consultations:open:{saved.id}").click().run()
    assert not at.exception
    assert at.text_input(key=widget_key(at, "patient.name")).value == "Ayşe Yılmaz"
    assert at.query_params["c"] == saved.id
    at.text_area(key=widget_key(at, "notes")).input("Second visit").run()
    assert store.load(saved.id).version == 2


def test_duplicate_adds_a_separate_copy(store):
    saved = store.save(demo_consultation())
    at = session().switch_page(PAGE).run()
    at.button(key=f"consultations:copy:{saved.id}").click().run()
    assert saved_names(store) == ["Ayşe Yılmaz", "Ayşe Yılmaz"]
    assert len([b for b in at.button if b.label == "Open"]) == 2


def test_delete_asks_for_confirmation_then_removes_for_good(store):
    keep, gone = store.save(named("Keep Me")), store.save(named("Delete Me"))
    at = session().switch_page(PAGE).run()
    at.button(key=f"consultations:delete:{gone.id}").click().run()
    assert saved_names(store) == ["Delete Me", "Keep Me"]  # nothing deleted yet
    assert any("for good" in w.value for w in at.warning)
    at.button(key=f"consultations:cancel:{gone.id}").click().run()
    assert saved_names(store) == ["Delete Me", "Keep Me"]
    at.button(key=f"consultations:delete:{gone.id}").click().run()
    at.button(key=f"consultations:confirm:{gone.id}").click().run()
    assert saved_names(store) == ["Keep Me"]
    assert [b.key for b in at.button if b.label == "Open"] == [f"consultations:open:{keep.id}"]


def test_deleting_the_open_consultation_leaves_a_new_empty_one(store):
    at = session()
    at.text_input(key="w:patient.name").input("Ali Can").run()
    consultation_id = at.query_params["c"]
    at.switch_page(PAGE).run()
    at.button(key=f"consultations:delete:{consultation_id}").click().run()
    at.button(key=f"consultations:confirm:{consultation_id}").click().run()
    assert store.search() == ([], 0)
    assert at.session_state["consultation"].patient.name == ""
    assert "c" not in at.query_params


def test_importing_a_good_file_opens_it_as_a_new_record(store):
    existing = store.save(named("Already Here"))
    exported = demo_consultation().model_copy(update={"id": existing.id})  # same id on purpose
    at = session().switch_page(PAGE).run()
    at.file_uploader[0].upload("consultation.json", to_file(exported), "application/json").run()
    assert not at.exception
    assert saved_names(store) == ["Already Here", "Ayşe Yılmaz"]
    assert at.query_params["c"] != existing.id
    assert store.load(existing.id).consultation.patient.name == "Already Here"
    assert at.session_state["consultation"].treatments == exported.treatments


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (json.dumps({"history": {"pregnant": "perhaps"}}).encode(), "history.pregnant"),
        (json.dumps({"areas": ["elbow"]}).encode(), "areas"),
        (b"{ broken", "not a JSON file"),
    ],
)
def test_a_bad_file_is_reported_and_nothing_is_touched(store, content, field):
    existing = store.save(named("Already Here"))
    at = session(existing.id).switch_page(PAGE).run()
    at.file_uploader[0].upload("bad.json", content, "application/json").run()
    assert not at.exception
    [message] = [e.value for e in at.error]
    assert "was not imported" in message and field in message
    assert saved_names(store) == ["Already Here"]
    assert at.session_state["consultation"].patient.name == "Already Here"
    assert store.load(existing.id).version == 1


def test_export_is_offered_once_there_is_something_to_export(store):
    """(AppTest cannot see the download's file name: the browser test checks it.)"""
    at = session().switch_page(PAGE).run()
    assert at.get("download_button")[0].proto.disabled
    saved = store.save(demo_consultation())
    at = session(saved.id).switch_page(PAGE).run()
    [export] = at.get("download_button")
    assert not export.proto.disabled
    assert export.proto.url.endswith(".json") and "Ay" not in export.proto.url


def test_a_change_whose_callback_was_cut_short_is_applied_and_saved_on_the_next_run(store):
    """Streamlit may interrupt a callback at any session-state access when the next tap
    arrives; the widget then holds a value the model never got. The next run applies it."""
    at = session()
    at.text_input(key="w:patient.name").input("Ali Can").run()
    at.session_state["w:goals"] = "typed, callback interrupted"  # the value, no callback
    at.run()
    assert at.session_state["consultation"].goals == "typed, callback interrupted"
    assert store.load(at.query_params["c"]).consultation.goals == "typed, callback interrupted"


def test_a_programmatic_change_is_not_reverted_by_a_stale_widget(store):
    at = session()
    at.text_input(key="w:patient.name").input("Ali Can").run()
    at.text_area(key="w:goals").input("first").run()
    consultation = at.session_state["consultation"]
    at.session_state["consultation"] = consultation.model_copy(update={"notes": "set by code"})
    at.run()
    assert at.session_state["consultation"].goals == "first"
    assert at.session_state["consultation"].notes == "set by code"
