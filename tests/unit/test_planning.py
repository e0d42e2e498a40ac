"""Session planning follows the catalog's protocols: counts, gaps, boosters, shared visits,
closed days, month/year ends and leap years, aftercare windows, and the doctor's moves."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesocore.catalog import get_catalog
from mesocore.models import Treatment
from mesocore.planning import (
    SESSION_MINUTES_CAP,
    add_months,
    check_start_date,
    move_visit,
    next_session_date,
    plan_course,
)
from tests.factories import TODAY, consultation

CATALOG = get_catalog()
MONDAY = dt.date(2026, 11, 30)  # after TODAY (Sunday 22 Nov 2026)
SUNDAY = 6


def patient(treatments: list[tuple[str, str]], start: dt.date | None = MONDAY, **fields):
    """The demo patient (eligible) with these (area, cocktail) treatments from `start`."""
    base = consultation()
    return base.model_copy(
        update={
            "treatments": [Treatment(area=a, cocktail=c) for a, c in treatments],
            "areas": list(dict.fromkeys(a for a, _ in treatments)),
            "start_date": start,
            **fields,
        }
    )


def catalog_with(**clinic):
    return CATALOG.model_copy(update={"clinic": CATALOG.clinic.model_copy(update=clinic)})


def open_every_day():
    return catalog_with(closed_weekdays=())


def sessions(plan):
    return [v for v in plan.visits if v.kind == "session"]


def boosters(plan):
    return [v for v in plan.visits if v.kind == "booster"]


def gaps(visits):
    return [(b.date - a.date).days for a, b in pairwise(visits)]


# --- counts, gaps and boosters per protocol -----------------------------------------------


@pytest.mark.parametrize(
    ("area", "cocktail", "count", "interval", "booster_months"),
    [
        ("face", "mesolift", 5, 14, 6),
        ("scalp", "hair", 5, 14, 6),
        ("face", "youth_vaccine", 3, 21, 6),
        ("abdomen", "lipolytic", 5, 7, 12),
        ("face", "needle_free", 5, 7, 6),
        ("under_eye", "eye_contour", 5, 14, 6),
    ],
)
def test_a_single_treatment_follows_its_protocol(area, cocktail, count, interval, booster_months):
    plan = plan_course(patient([(area, cocktail)]), open_every_day())
    assert plan.blocked_reason is None
    course = sessions(plan)
    assert [v.number for v in course] == list(range(1, count + 1))
    assert gaps(course) == [interval] * (count - 1)
    assert course[0].date == MONDAY
    assert [b.date for b in boosters(plan)] == [
        add_months(course[-1].date, booster_months),
        add_months(course[-1].date, 2 * booster_months),
    ]
    assert all(v.areas == [area] and v.cocktails == [cocktail] for v in plan.visits)
    assert [v.date for v in plan.visits] == sorted(v.date for v in plan.visits)


def test_the_seed_course_is_four_to_five_sessions_one_to_two_weeks_apart():
    protocol = CATALOG.protocols["standard"]
    assert protocol.sessions == (4, 5)
    assert protocol.interval_days == (7, 14)
    assert protocol.booster_months == (6, 12)
    plan = plan_course(patient([("face", "mesolift")]))
    assert 4 <= len(sessions(plan)) <= 5
    assert all(7 <= gap <= 14 for gap in gaps(sessions(plan)))


def test_the_number_of_boosters_is_a_clinic_setting():
    for count in (0, 1, 3):
        plan = plan_course(patient([("face", "mesolift")]), catalog_with(planned_boosters=count))
        assert len(boosters(plan)) == count


def test_cream_time_and_session_length_come_from_protocol_and_areas():
    plan = plan_course(patient([("face", "mesolift"), ("neck", "mesolift")]))
    visit = plan.visits[0]
    assert visit.cream_minutes == 30  # the upper bound: the area is fully numbed
    assert visit.session_minutes == 40  # face 15–30 and neck 10–20: midpoints 22.5 + 15
    needle_free = plan_course(patient([("face", "needle_free")])).visits[0]
    assert needle_free.cream_minutes == 0


def test_a_visit_with_many_areas_is_capped_at_a_sensible_length():
    many = [(a, "lipolytic") for a in ("double_chin", "abdomen", "hips", "legs", "arms")]
    plan = plan_course(patient([*many, ("face", "mesolift"), ("neck", "mesolift")]))
    assert all(v.session_minutes <= SESSION_MINUTES_CAP for v in plan.visits)
    assert plan.visits[0].session_minutes == SESSION_MINUTES_CAP


# --- shared visits --------------------------------------------------------------------------


def test_treatments_with_the_same_protocol_share_every_visit():
    plan = plan_course(patient([("face", "mesolift"), ("scalp", "hair")]))
    assert len(sessions(plan)) == 5
    assert all(v.areas == ["face", "scalp"] for v in plan.visits)
    assert all(v.cocktails == ["mesolift", "hair"] for v in plan.visits)


def test_face_and_body_protocols_share_visits_at_an_interval_both_allow():
    plan = plan_course(patient([("face", "mesolift"), ("abdomen", "lipolytic")]), open_every_day())
    course = sessions(plan)
    assert len(course) == 5
    assert gaps(course) == [14] * 4  # standard 7–14 (default 14), body 7–14 (default 7)
    assert all(set(v.areas) == {"face", "abdomen"} for v in course)
    assert plan.visits[0].cream_minutes == 30  # the longer cream time of the two
    # boosters at the earliest default booster time (standard 6, body 12 months)
    assert boosters(plan)[0].date == add_months(course[-1].date, 6)


def test_a_shorter_course_takes_part_in_the_first_shared_visits_only():
    plan = plan_course(patient([("face", "youth_vaccine"), ("neck", "mesolift")]), open_every_day())
    course = sessions(plan)
    assert gaps(course) == [14] * 4  # the only interval in both 7–14 and 14–28
    assert [v.cocktails for v in course] == [["youth_vaccine", "mesolift"]] * 3 + [["mesolift"]] * 2
    assert [v.areas for v in course[3:]] == [["neck"], ["neck"]]
    assert all(b.areas == ["face", "neck"] for b in boosters(plan))


def test_protocols_without_a_common_interval_get_separate_visit_series():
    slow = CATALOG.protocols["youth_vaccine"].model_copy(
        update={"interval_days": (21, 28), "default_interval_days": 21}
    )
    catalog = CATALOG.model_copy(
        update={
            "protocols": {**CATALOG.protocols, "youth_vaccine": slow},
            "clinic": CATALOG.clinic.model_copy(update={"closed_weekdays": ()}),
        }
    )
    plan = plan_course(patient([("face", "youth_vaccine"), ("neck", "mesolift")]), catalog)
    first = [v for v in plan.visits if v.series == 1]
    second = [v for v in plan.visits if v.series == 2]
    assert [v.key for v in first if v.kind == "session"] == [f"session-{n}" for n in (1, 2, 3)]
    assert [v.key for v in second][:2] == ["s2-session-1", "s2-session-2"]
    assert gaps([v for v in first if v.kind == "session"]) == [21, 21]
    assert gaps([v for v in second if v.kind == "session"]) == [14] * 4
    assert [v.date for v in plan.visits] == sorted(v.date for v in plan.visits)


# --- closed days ----------------------------------------------------------------------------


def test_a_start_on_a_closed_day_moves_to_the_next_open_day():
    plan = plan_course(patient([("face", "mesolift")], start=dt.date(2026, 12, 6)))  # Sunday
    assert plan.visits[0].date == dt.date(2026, 12, 7)


def test_no_visit_falls_on_a_closed_weekday():
    catalog = catalog_with(closed_weekdays=(5, 6))
    plan = plan_course(patient([("face", "mesolift"), ("abdomen", "lipolytic")]), catalog)
    assert all(v.date.weekday() not in (5, 6) for v in plan.visits)


def test_a_closed_day_moves_back_when_forward_would_exceed_the_maximum_interval():
    closed = (0,)  # Mondays
    previous = dt.date(2026, 11, 30)  # a Monday; +14 is a Monday again
    assert next_session_date(previous, 14, (7, 14), closed) == dt.date(2026, 12, 13)
    # with room left in the range it moves forward
    assert next_session_date(previous, 7, (7, 14), closed) == dt.date(2026, 12, 8)


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(dt.date(2026, 11, 23), dt.date(2032, 12, 31)),
    closed=st.sets(st.integers(0, 6), max_size=5),
    cocktails=st.lists(
        st.sampled_from(
            [
                ("face", "mesolift"),
                ("scalp", "hair"),
                ("neck", "youth_vaccine"),
                ("abdomen", "lipolytic"),
                ("under_eye", "needle_free"),
            ]
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda pair: pair[0],
    ),
)
def test_every_plan_keeps_the_minimum_interval_and_the_clinic_days(start, closed, cocktails):
    plan = plan_course(patient(cocktails, start=start), catalog_with(closed_weekdays=tuple(closed)))
    assert plan.blocked_reason is None
    assert plan.visits[0].date >= start
    assert all(v.date.weekday() not in closed for v in plan.visits)
    assert all(not v.flags for v in plan.visits)
    for series in {v.series for v in plan.visits}:
        course = [v for v in plan.visits if v.series == series and v.kind == "session"]
        protocols = {CATALOG.cocktails[c].protocol for c in course[0].cocktails}
        minimum = max(CATALOG.protocols[p].interval_days[0] for p in protocols)
        assert all(gap >= minimum for gap in gaps(course))
        later = [v for v in plan.visits if v.series == series and v.kind == "booster"]
        assert all(b.date > course[-1].date for b in later)


# --- calendar edges -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 7, 31), 6, dt.date(2027, 1, 31)),
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),  # leap year
        (dt.date(2028, 2, 29), 12, dt.date(2029, 2, 28)),
        (dt.date(2026, 12, 31), 1, dt.date(2027, 1, 31)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 5, 15), 12, dt.date(2027, 5, 15)),
    ],
)
def test_months_are_added_to_the_same_day_or_the_months_last_day(day, months, expected):
    assert add_months(day, months) == expected


def test_a_course_crosses_the_year_end_with_exact_gaps():
    plan = plan_course(patient([("face", "mesolift")], start=dt.date(2026, 12, 21)))
    assert [v.date for v in sessions(plan)] == [
        dt.date(2026, 12, 21),
        dt.date(2027, 1, 4),
        dt.date(2027, 1, 18),
        dt.date(2027, 2, 1),
        dt.date(2027, 2, 15),
    ]


def test_a_session_can_fall_on_29_february():
    plan = plan_course(patient([("abdomen", "lipolytic")], start=dt.date(2028, 2, 15)))
    assert dt.date(2028, 2, 29) in [v.date for v in sessions(plan)]
    assert gaps(sessions(plan)) == [7] * 4


def test_a_booster_after_a_course_ending_on_31_august_lands_on_the_last_day_of_february():
    # Thursday 31 Aug 2028 - 14 * 4 days = the start; booster 6 months later: 28 Feb 2029
    start = dt.date(2028, 8, 31) - dt.timedelta(days=56)
    plan = plan_course(patient([("face", "mesolift")], start=start), open_every_day())
    assert sessions(plan)[-1].date == dt.date(2028, 8, 31)
    assert boosters(plan)[0].date == dt.date(2029, 2, 28)


# --- aftercare and results -----------------------------------------------------------------


def test_each_visit_lists_its_aftercare_windows_from_the_end_of_the_session():
    plan = plan_course(patient([("face", "mesolift")]), catalog_with(appointment_time=dt.time(9)))
    visit = plan.visits[0]
    end = dt.datetime.combine(visit.date, dt.time(9)) + dt.timedelta(minutes=30 + 25)
    windows = {m.rule: m.until for m in visit.aftercare}
    assert windows["AC-NO-WATER"] == end + dt.timedelta(hours=6)
    assert windows["AC-NO-TOUCH"] == end + dt.timedelta(hours=10)
    assert windows["AC-NO-MAKEUP"] == end + dt.timedelta(hours=24)
    assert windows["AC-NO-HEAT"] == end + dt.timedelta(hours=48)
    assert windows["AC-NO-BLOOD-THINNERS"] is None  # before and after each session
    course = {m.rule for m in plan.aftercare}
    assert {"AC-SUNSCREEN", "AC-HYDRATION", "AC-NO-BLOOD-THINNERS"} <= course
    assert all(m.until is None for m in plan.aftercare)


def test_the_doctors_appointment_time_is_used():
    plan = plan_course(patient([("face", "mesolift")], visit_time=dt.time(17, 30)))
    assert plan.visits[0].start == dt.datetime.combine(MONDAY, dt.time(17, 30))


def test_results_are_expected_from_the_first_session_and_after_the_third():
    plan = plan_course(patient([("face", "mesolift")]))
    course = sessions(plan)
    assert [day for day, _ in plan.results] == [course[0].date, course[2].date]
    assert "Radiance" in plan.results[0][1]
    assert "2nd or 3rd" in plan.results[1][1]


def test_plan_json_has_the_design_shape():
    data = plan_course(patient([("face", "mesolift")])).to_json()
    visit = data["visits"][0]
    assert {"date", "kind", "number", "areas", "cocktails"} <= set(visit)
    assert visit == visit | {
        "date": "2026-11-30",
        "kind": "session",
        "number": 1,
        "areas": ["face"],
        "cocktails": ["mesolift"],
    }
    assert [v["date"] for v in data["visits"]] == sorted(v["date"] for v in data["visits"])
    assert {a["rule"] for a in data["aftercare"]} >= {"AC-SUNSCREEN"}


# --- no plan ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "fields", "words"),
    [
        ({"pregnant": True}, {}, "not eligible"),
        ({"active_skin_infection": True}, {}, "temporary"),
        ({}, {"treatments": []}, "choose the areas"),
        ({}, {"start_date": None}, "start date"),
    ],
)
def test_no_plan_and_a_reason_when_the_course_cannot_be_planned(history, fields, words):
    base = consultation(**history)
    plan = plan_course(base.model_copy(update=fields))
    assert plan.visits == []
    assert words in plan.blocked_reason


def test_an_incomplete_screening_still_gets_a_plan():
    plan = plan_course(consultation(pregnant=None))
    assert plan.blocked_reason is None
    assert plan.visits


# --- the doctor moves a visit ---------------------------------------------------------------


def demo():
    return patient([("face", "mesolift"), ("neck", "mesolift")])


def test_moving_a_visit_replans_the_later_visits_from_it():
    result = move_visit(demo(), "session-2", dt.date(2026, 12, 11), today=TODAY)
    assert result.refused is None and result.flags == []
    plan = plan_course(demo().model_copy(update={"visit_dates": result.visit_dates}))
    assert [v.date for v in sessions(plan)] == [
        MONDAY,
        dt.date(2026, 12, 11),
        dt.date(2026, 12, 25),
        dt.date(2027, 1, 8),
        dt.date(2027, 1, 22),
    ]
    assert plan.visit("session-2").moved
    assert boosters(plan)[0].date == dt.date(2027, 7, 22)


def test_visits_replanned_from_a_move_before_the_start_are_flagged_too():
    """Only a file can hold such a move (the Timeline refuses it): every visit that falls
    before the start says so, not just the moved one."""
    early = demo().start_date - dt.timedelta(days=60)
    plan = plan_course(demo().model_copy(update={"visit_dates": {"session-2": early}}))
    before = [v for v in plan.visits if v.date < demo().start_date]
    assert len(before) >= 2
    assert all(any("before the course start date" in f for f in v.flags) for v in before), [
        (v.key, v.flags) for v in before
    ]
    assert not any(v.flags for v in plan.visits if v.date >= demo().start_date and not v.moved)


def test_moving_an_earlier_visit_drops_the_later_moves_of_its_series():
    first = move_visit(demo(), "session-4", dt.date(2027, 1, 12), today=TODAY)
    moved = demo().model_copy(update={"visit_dates": first.visit_dates})
    second = move_visit(moved, "session-2", dt.date(2026, 12, 15), today=TODAY)
    assert second.visit_dates == {"session-2": dt.date(2026, 12, 15)}


@pytest.mark.parametrize(
    ("key", "day", "words"),
    [
        ("session-2", dt.date(2026, 11, 20), "in the past"),
        ("session-1", dt.date(2026, 11, 27), "before the course start date (30 November 2026)"),
        ("session-2", dt.date(2026, 12, 13), "closed on Sundays"),
        ("session-3", dt.date(2026, 12, 14), "not after Session 2 (14 December 2026)"),
        ("booster-1", dt.date(2027, 1, 20), "not after Session 5"),
        ("session-9", dt.date(2026, 12, 16), "no visit"),
    ],
)
def test_a_date_that_cannot_be_an_appointment_is_refused_with_the_reason(key, day, words):
    result = move_visit(demo(), key, day, today=TODAY)
    assert words in result.refused
    assert result.visit_dates == {}


@pytest.mark.parametrize(
    ("key", "day", "words"),
    [
        ("session-2", dt.date(2026, 12, 3), "only 3 days after Session 1"),
        ("session-2", dt.date(2026, 12, 18), "longer than the protocol's 14 days"),
        ("booster-1", dt.date(2027, 3, 1), "less than 6 months after Session 5"),
        ("booster-1", dt.date(2028, 3, 1), "more than 12 months after Session 5"),
    ],
)
def test_an_interval_outside_the_protocol_is_kept_but_flagged_in_words(key, day, words):
    result = move_visit(demo(), key, day, today=TODAY)
    assert result.refused is None
    assert any(words in flag for flag in result.flags), result.flags
    plan = plan_course(demo().model_copy(update={"visit_dates": result.visit_dates}))
    assert plan.visit(key).flags == result.flags


def test_a_stored_move_that_no_longer_fits_is_flagged_not_dropped():
    stale = demo().model_copy(update={"visit_dates": {"session-2": dt.date(2026, 11, 29)}})
    visit = plan_course(stale).visit("session-2")
    assert visit.date == dt.date(2026, 11, 29)
    assert any("before the course start date" in f for f in visit.flags)
    assert any("closed on Sundays" in f for f in visit.flags)
    assert any("not after Session 1" in f for f in visit.flags)


def test_a_start_date_in_the_past_is_refused():
    assert "in the past" in check_start_date(TODAY - dt.timedelta(days=1), TODAY)
    assert check_start_date(TODAY, TODAY) is None
    assert check_start_date(None, TODAY) is None
