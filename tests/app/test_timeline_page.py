"""The Timeline page in AppTest: the plan as chart and table, moving a visit through the page's
controls (kept in the model, refused or flagged with the reason), start date, no-plan cases."""

from __future__ import annotations

import datetime as dt
import json

from streamlit.testing.v1 import AppTest

from mesocore.catalog import get_catalog
from mesocore.demo import demo_consultation
from mesocore.opening import Opening
from mesocore.planning import plan_course
from tests.conftest import ROOT, open_page
from ui.steps import STEPS

APP = str(ROOT / "app.py")
PAGE = str(ROOT / "pages" / "timeline.py")
ASSESSMENT = str(STEPS[0].path)


def open_timeline(subject=None) -> AppTest:
    return open_page(PAGE, subject)


def model(at: AppTest):
    return at.session_state["consultation"]


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def move_with_control(at: AppTest, key: str, day: dt.date) -> AppTest:
    picker = next(s for s in at.selectbox if s.key.startswith("timeline:move_visit"))
    picker.set_value(key).run()
    date_input = next(d for d in at.date_input if "timeline:move_date" in d.key)
    date_input.set_value(day).run()  # choosing the date is the tap that moves it (issue #18)
    return at


def shown_date(cell: object) -> dt.date:
    """A date cell of the visits table: DD.MM.YYYY, as the table shows it and its editor too."""
    return dt.datetime.strptime(str(cell), "%d.%m.%Y").date()


def demo():
    return demo_consultation()


def next_weekday(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def test_without_treatments_the_page_says_what_is_missing():
    at = open_timeline()
    assert not at.exception
    assert any("choose the areas and cocktails first" in text for text in texts(at.info))
    assert not at.get("plotly_chart")


def test_a_patient_who_is_not_eligible_gets_no_plan():
    subject = demo()
    subject = subject.model_copy(
        update={"history": subject.history.model_copy(update={"pregnant": True})}
    )
    at = open_timeline(subject)
    assert not at.exception
    assert any("not eligible" in text for text in texts(at.info))
    assert not at.data_editor


def test_an_incomplete_screening_plans_but_warns():
    subject = demo()
    subject = subject.model_copy(
        update={"history": subject.history.model_copy(update={"cancer": None})}
    )
    at = open_timeline(subject)
    assert any("provisional" in text for text in texts(at.warning))
    assert at.data_editor


def test_the_demo_plan_shows_as_chart_and_table():
    subject = demo()
    plan = plan_course(subject)
    at = open_timeline(subject)
    assert not at.exception
    table = at.data_editor[0].value
    assert list(table["visit"]) == [f"Session {n}" for n in range(1, 6)] + [
        "Booster 1",
        "Booster 2",
    ]
    assert [shown_date(d) for d in table["date"]] == [v.date for v in plan.visits]
    assert set(table["areas"]) == {"Face, Neck"}
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = {trace.get("name") for trace in figure["data"]}
    assert {"Session", "Booster", "Result expected", "Aftercare window"} <= names
    sessions = next(trace for trace in figure["data"] if trace.get("name") == "Session")
    assert sessions["text"] == ["1", "2", "3", "4", "5"]
    assert any(b.label == "Download calendar (.ics)" for b in at.get("download_button"))


def test_moving_a_visit_through_the_control_replans_and_survives_a_page_switch():
    subject = demo()
    plan = plan_course(subject)
    # 10-12 days after session 2, on a day the clinic is open and open again 14 days later (the
    # demo starts from today: a fixed offset fell on a Sunday on some days of the year).
    opening = Opening.of(get_catalog().clinic)
    new_day = next(
        day
        for day in (plan.visit("session-3").date - dt.timedelta(days=n) for n in (3, 2, 4))
        if opening.is_open(day) and opening.is_open(day + dt.timedelta(days=14))
    )
    at = move_with_control(open_timeline(subject), "session-3", new_day)
    assert not at.exception
    assert model(at).visit_dates == {"session-3": new_day}
    assert any("Session 3 moved" in text for text in texts(at.success))
    table = at.data_editor[0].value
    assert shown_date(table["date"][3]) == new_day + dt.timedelta(days=14)
    at.switch_page(ASSESSMENT).run()
    at.switch_page(PAGE).run()
    assert model(at).visit_dates == {"session-3": new_day}
    assert shown_date(at.data_editor[0].value["date"][2]) == new_day


def test_a_date_on_a_closed_day_is_refused_with_the_reason_and_nothing_changes():
    subject = demo()
    plan = plan_course(subject)
    sunday = next_weekday(plan.visit("session-2").date, 6)
    at = move_with_control(open_timeline(subject), "session-2", sunday)
    assert any("closed on Sundays" in text for text in texts(at.error))
    assert model(at).visit_dates == {}


def test_a_too_short_interval_is_kept_but_flagged_with_the_reason():
    subject = demo()
    plan = plan_course(subject)
    soon = plan.visit("session-1").date + dt.timedelta(days=2)
    if soon.weekday() == 6:
        soon += dt.timedelta(days=1)
    at = move_with_control(open_timeline(subject), "session-2", soon)
    assert any("the protocol asks for at least 7 days" in text for text in texts(at.warning))
    assert model(at).visit_dates == {"session-2": soon}
    assert "⚠" in at.data_editor[0].value["check"][1]
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    sessions = next(trace for trace in figure["data"] if trace.get("name") == "Session")
    assert sessions["marker"]["color"][1] != sessions["marker"]["color"][0]  # shown as flagged


def test_a_date_typed_into_the_table_moves_that_visit():
    subject = demo()
    plan = plan_course(subject)
    opening = Opening.of(get_catalog().clinic)  # not a fixed offset: the demo starts today
    new_day = next(
        day
        for day in (plan.visit("session-2").date - dt.timedelta(days=n) for n in (3, 2, 4))
        if opening.is_open(day)
    )
    at = open_timeline(subject)
    key = at.data_editor[0].key
    at.session_state[key] = {
        "edited_rows": {1: {"date": new_day.isoformat()}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert model(at).visit_dates == {"session-2": new_day}
    assert any("Session 2 moved" in text for text in texts(at.success))


def test_replanning_from_the_start_date_undoes_the_moves():
    subject = demo().model_copy(
        update={"visit_dates": {"session-2": demo().start_date + dt.timedelta(days=10)}}
    )
    at = open_timeline(subject)
    next(b for b in at.button if b.label == "Re-plan all from the start date").click().run()
    assert model(at).visit_dates == {}


def test_changing_the_start_date_replans_every_visit():
    subject = demo().model_copy(
        update={"visit_dates": {"session-2": demo().start_date + dt.timedelta(days=10)}}
    )
    at = open_timeline(subject)
    later = subject.start_date + dt.timedelta(days=7)
    at.date_input(key="w:start_date").set_value(later).run()
    assert model(at).start_date == later
    assert model(at).visit_dates == {}
    assert any("re-planned" in text for text in texts(at.info))


def test_a_start_date_in_the_past_is_refused_with_the_reason():
    old = dt.date.today() - dt.timedelta(days=30)  # a consultation reopened later
    at = open_timeline(demo().model_copy(update={"start_date": old}))
    at.date_input(key="w:start_date").set_value(old + dt.timedelta(days=7)).run()
    assert model(at).start_date == old
    assert any("in the past" in text for text in texts(at.error))
    assert at.date_input(key="w:start_date").value == old


def test_the_appointment_time_is_kept_in_the_model():
    at = open_timeline(demo())
    at.time_input(key="w:visit_time").set_value(dt.time(16, 30)).run()
    assert model(at).visit_time == dt.time(16, 30)
    assert all(day.endswith(" 16:30") for day in at.data_editor[0].value["weekday"])


def edit_table_date(at: AppTest, row: int, text: str) -> AppTest:
    at.session_state[at.data_editor[0].key] = {
        "edited_rows": {row: {"date": text}},
        "added_rows": [],
        "deleted_rows": [],
    }
    return at.run()


def test_the_table_shows_and_takes_dates_as_dd_mm_yyyy():
    subject = demo()
    plan = plan_course(subject)
    at = open_timeline(subject)
    assert at.data_editor[0].value["date"][0] == plan.visits[0].date.strftime("%d.%m.%Y")
    new_day = plan.visit("session-2").date - dt.timedelta(days=2)
    if new_day.weekday() == 6:
        new_day -= dt.timedelta(days=1)
    edit_table_date(at, 1, new_day.strftime("%d.%m.%Y"))
    assert not at.exception
    assert model(at).visit_dates == {"session-2": new_day}


def test_a_table_date_not_written_dd_mm_yyyy_is_refused_saying_how():
    at = edit_table_date(open_timeline(demo()), 1, "12/14/2026")
    assert any("DD.MM.YYYY" in text for text in texts(at.error))
    assert model(at).visit_dates == {}


def test_moving_a_visit_onto_a_public_holiday_is_refused_naming_it():
    today = dt.date.today()
    subject = demo().model_copy(update={"start_date": today})
    new_year = dt.date(today.year + 1, 1, 1)
    at = move_with_control(open_timeline(subject), "session-3", new_year)
    assert any("New Year's Day" in text for text in texts(at.error))
    assert model(at).visit_dates == {}


def test_choosing_the_new_date_is_the_one_tap_that_moves_a_visit():
    at = open_timeline(demo())
    assert not [b for b in at.button if b.label == "Move visit"]  # no confirming button
    picker = next(s for s in at.selectbox if s.key.startswith("timeline:move_visit"))
    assert picker.value == plan_course(demo()).visits[0].key
