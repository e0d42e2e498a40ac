"""The calendar export parses back with icalendar, has one event per visit with reminders, and
carries no patient name, diagnosis or medical history; the plan/ics commands of the CLI."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from mesocore.cli import main
from mesocore.planning import plan_course
from mesocore.render.ics import NoPlanError, ics_filename, plan_to_ics
from tests.factories import consultation

ISTANBUL = ZoneInfo("Europe/Istanbul")


def patient(**history):
    base = consultation(**history)
    return base.model_copy(
        update={
            "id": "c-42",
            "start_date": dt.date(2026, 11, 30),
            "goals": "Look fresh for my sister's wedding",
            "notes": "Bruises easily; takes ginkgo",
        }
    )


def events(data: bytes):
    return Calendar.from_ical(data).walk("VEVENT")


def test_one_event_per_visit_with_the_plans_dates_and_times():
    subject = patient()
    plan = plan_course(subject)
    found = events(plan_to_ics(subject))
    assert len(found) == len(plan.visits) == 7
    for event, visit in zip(found, plan.visits, strict=True):
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        assert start == dt.datetime.combine(visit.date, dt.time(10), tzinfo=ISTANBUL)
        assert end - start == dt.timedelta(minutes=visit.cream_minutes + visit.session_minutes)
    assert str(found[1]["SUMMARY"]) == "Mesotherapy session 2 — MesoConsult Aesthetic Clinic"
    assert str(found[5]["SUMMARY"]).startswith("Mesotherapy booster 1")


def test_every_event_has_two_reminders_a_location_and_practical_text():
    for event in events(plan_to_ics(patient())):
        alarms = event.walk("VALARM")
        triggers = sorted(a.decoded("TRIGGER") for a in alarms)
        assert triggers == [dt.timedelta(days=-1), dt.timedelta(hours=-2)]
        assert all(str(a["ACTION"]) == "DISPLAY" and str(a["DESCRIPTION"]) for a in alarms)
        assert str(event["LOCATION"]) == "Example Street 1, Istanbul"
        text = str(event["DESCRIPTION"])
        assert "30 minutes" in text  # the anaesthetic cream time
        assert "make-up" in text and "aspirin" in text


def test_uids_are_stable_unique_and_free_of_patient_data():
    subject = patient()
    first = [str(e["UID"]) for e in events(plan_to_ics(subject))]
    again = [str(e["UID"]) for e in events(plan_to_ics(subject))]
    assert first == again
    assert len(set(first)) == len(first)
    assert all(subject.calendar_id in uid for uid in first)
    other = patient()
    assert other.calendar_id != subject.calendar_id  # a random id per consultation


@pytest.mark.parametrize(
    "history", [{}, {"diabetes_other": True, "blood_thinners": True, "autoimmune_disease": True}]
)
def test_the_calendar_has_no_name_diagnosis_or_medical_history(history):
    subject = patient(**history)
    text = plan_to_ics(subject).decode("utf-8")
    unfolded = text.replace("\r\n ", "")
    for private in (
        "Ayşe",
        "Yılmaz",
        "1988",
        "wedding",
        "Bruises",
        "ginkgo",
        "wrinkle",
        "Dullness",
        "diabet",
        "autoimmune",
        "Eligible",
        "caution",
        "screening",
    ):
        assert private.lower() not in unfolded.lower(), private


def test_the_download_name_has_no_patient_data():
    assert ics_filename(patient()) == "plan-c-42.ics"
    assert ics_filename(patient().model_copy(update={"id": None})) == "plan-consultation.ics"


def test_a_moved_visit_is_exported_on_its_new_date():
    subject = patient().model_copy(update={"visit_dates": {"session-2": dt.date(2026, 12, 11)}})
    starts = [e.decoded("DTSTART").date() for e in events(plan_to_ics(subject))]
    assert starts[1] == dt.date(2026, 12, 11)
    assert starts[2] == dt.date(2026, 12, 25)


def test_no_calendar_without_a_plan():
    with pytest.raises(NoPlanError, match="not eligible"):
        plan_to_ics(patient(pregnant=True))


# --- CLI ------------------------------------------------------------------------------------


def write(tmp_path, subject):
    path = tmp_path / "c.json"
    path.write_text(subject.model_dump_json(), encoding="utf-8")
    return path


def test_plan_json_prints_the_design_shape(tmp_path, capsys):
    assert main(["plan", str(write(tmp_path, patient())), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [v["kind"] for v in data["visits"]] == ["session"] * 5 + ["booster"] * 2
    assert data["visits"][0] | {} == data["visits"][0]
    assert data["visits"][0]["date"] == "2026-11-30"
    assert data["visits"][0]["areas"] == ["face", "neck"]
    assert data["visits"][0]["cocktails"] == ["mesolift"]
    assert data["blocked_reason"] is None


def test_plan_text_lists_the_visits(tmp_path, capsys):
    assert main(["plan", str(write(tmp_path, patient()))]) == 0
    out = capsys.readouterr().out
    assert "30 November 2026 10:00  Session 1" in out
    assert "Booster 2" in out


def test_plan_of_a_patient_who_cannot_be_treated_says_why(tmp_path, capsys):
    assert main(["plan", str(write(tmp_path, patient(pregnant=True))), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["visits"] == [] and "not eligible" in data["blocked_reason"]


def test_ics_command_writes_a_calendar(tmp_path):
    out = tmp_path / "plan.ics"
    assert main(["ics", str(write(tmp_path, patient())), "-o", str(out)]) == 0
    assert len(events(out.read_bytes())) == 7


def test_ics_command_without_a_plan_is_one_line_and_exit_2(tmp_path, capsys):
    out = tmp_path / "plan.ics"
    assert main(["ics", str(write(tmp_path, patient(pregnant=True))), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "not eligible" in err
    assert not out.exists()


def test_plan_of_a_bad_file_is_one_line_and_exit_2(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text('{"visit_dates": {"session-x": "2026-12-01"}}', encoding="utf-8")
    assert main(["plan", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "visit_dates" in err
