"""The doctor's course per treatment (``Treatment.sessions``, ``Treatment.interval_days``):
validated against the protocol, planned (shared visits, closed days, moves), exported, kept on
the same protocol and dropped on another when a step rewrites the treatments."""

from __future__ import annotations

import datetime as dt
import json
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mesocore.catalog import get_catalog
from mesocore.cli import main
from mesocore.comparison import apply_choice
from mesocore.consent import covers, scope
from mesocore.models import (
    Consent,
    Consultation,
    Treatment,
    consultation_schema,
    describe_error,
)
from mesocore.planning import move_visit, plan_course, treatment_courses
from mesocore.render.ics import plan_to_ics
from mesocore.render.pdf import render_summary
from mesocore.treatments import keep_course_choices
from tests.factories import TODAY, consultation

CATALOG = get_catalog()
MONDAY = dt.date(2026, 11, 30)  # after TODAY (Sunday 22 Nov 2026)


def open_every_day():
    clinic = CATALOG.clinic.model_copy(update={"closed_weekdays": ()})
    return CATALOG.model_copy(update={"clinic": clinic})


def patient(*treatments: Treatment, **fields) -> Consultation:
    """The eligible demo patient with these treatments from Monday 30 November 2026."""
    return consultation().model_copy(
        update={
            "treatments": list(treatments),
            "areas": list(dict.fromkeys(tr.area for tr in treatments)),
            "start_date": MONDAY,
            **fields,
        }
    )


def sessions(plan, area: str | None = None):
    return [v for v in plan.visits if v.kind == "session" and (area is None or area in v.areas)]


def gaps(visits) -> list[int]:
    return [(b.date - a.date).days for a, b in pairwise(visits)]


# --- the model ------------------------------------------------------------------------------


def test_old_consultation_file_without_course_choices_still_loads():
    old = {
        "schema_version": 1,
        "locale": "en",
        "patient": {"name": "Ayşe Yılmaz", "birth_date": "1988-04-12", "sex": "female"},
        "concerns": ["fine_wrinkles", "dullness"],
        "areas": ["face", "neck"],
        "treatments": [{"area": "face", "cocktail": "mesolift"}],
        "start_date": "2026-12-01",
    }
    loaded = Consultation.model_validate_json(json.dumps(old))
    assert loaded.treatments[0].sessions is None
    assert loaded.treatments[0].interval_days is None
    assert len(sessions(plan_course(loaded))) == CATALOG.protocols["standard"].default_sessions


@pytest.mark.parametrize(
    ("treatment", "field", "words"),
    [
        ({"cocktail": "mesolift", "sessions": 6}, "sessions", ["6", "4–5"]),
        ({"cocktail": "mesolift", "sessions": 3}, "sessions", ["3", "4–5"]),
        ({"cocktail": "mesolift", "interval_days": 21}, "interval_days", ["21", "7–14"]),
        ({"cocktail": "youth_vaccine", "interval_days": 7}, "interval_days", ["7", "14–28"]),
        ({"cocktail": "youth_vaccine", "sessions": 5}, "sessions", ["5", "3–4"]),
        (
            {"cocktail": "custom", "ingredients": ["hyaluronic_acid"], "sessions": 2},
            "sessions",
            ["2", "4–5"],
        ),
        ({"cocktail": "mesolift", "sessions": 0}, "sessions", []),
    ],
)
def test_session_count_outside_protocol_range_is_rejected_naming_the_field(treatment, field, words):
    with pytest.raises(ValidationError) as caught:
        Consultation.model_validate({"treatments": [{"area": "face", **treatment}]})
    message = describe_error(caught.value)
    assert message.startswith(f"treatments.0.{field}: ")
    for word in words:
        assert word in message


def test_an_out_of_range_choice_is_said_in_the_doctors_language():
    with pytest.raises(ValidationError) as caught:
        Consultation.model_validate(
            {"treatments": [{"area": "face", "cocktail": "mesolift", "interval_days": 30}]}
        )
    assert describe_error(caught.value, "tr").startswith("Seans aralığı: 30 gün")
    assert describe_error(caught.value, "en").startswith("Days between sessions: 30")


@pytest.mark.parametrize("cocktail", ["mesolift", "youth_vaccine", "lipolytic", "needle_free"])
def test_every_choice_inside_the_protocols_range_is_accepted(cocktail):
    protocol = CATALOG.protocols[CATALOG.cocktails[cocktail].protocol]
    area = CATALOG.cocktails[cocktail].areas[0]
    for count in range(protocol.sessions[0], protocol.sessions[1] + 1):
        for days in range(protocol.interval_days[0], protocol.interval_days[1] + 1):
            treatment = Treatment(area=area, cocktail=cocktail, sessions=count, interval_days=days)
            assert (treatment.sessions, treatment.interval_days) == (count, days)


def test_the_schema_of_the_consultation_file_lists_the_course_choices():
    treatment = consultation_schema()["$defs"]["Treatment"]["properties"]
    assert {"sessions", "interval_days"} <= set(treatment)


# --- planning -------------------------------------------------------------------------------


def test_doctor_chosen_session_count_sets_the_number_of_visits():
    default = plan_course(patient(Treatment(area="face", cocktail="mesolift")))
    chosen = plan_course(patient(Treatment(area="face", cocktail="mesolift", sessions=4)))
    assert len(sessions(default)) == 5
    assert [v.key for v in sessions(chosen)] == [f"session-{n}" for n in (1, 2, 3, 4)]
    assert len([v for v in chosen.visits if v.kind == "booster"]) == 2


def test_doctor_chosen_interval_sets_the_days_between_sessions():
    plan = plan_course(
        patient(Treatment(area="face", cocktail="mesolift", interval_days=10)), open_every_day()
    )
    assert gaps(sessions(plan)) == [10] * 4


def test_a_shorter_chosen_course_takes_part_in_the_first_shared_visits_only():
    plan = plan_course(
        patient(
            Treatment(area="face", cocktail="mesolift", sessions=4),
            Treatment(area="neck", cocktail="mesolift"),
        )
    )
    assert [v.areas for v in sessions(plan)] == [["face", "neck"]] * 4 + [["neck"]]
    assert all(b.areas == ["face", "neck"] for b in plan.visits if b.kind == "booster")


def test_a_chosen_interval_is_shared_by_treatments_that_allow_it():
    subject = patient(
        Treatment(area="face", cocktail="mesolift", interval_days=10),
        Treatment(area="abdomen", cocktail="lipolytic"),
    )
    plan = plan_course(subject, open_every_day())
    assert {v.series for v in plan.visits} == {1}
    assert gaps(sessions(plan)) == [10] * 4
    courses = treatment_courses(subject.treatments, CATALOG)
    assert [(c.interval_days, c.series) for c in courses] == [(10, 1), (10, 1)]


def test_chosen_intervals_that_differ_give_each_treatment_its_own_visits():
    subject = patient(
        Treatment(area="face", cocktail="mesolift", interval_days=7),
        Treatment(area="neck", cocktail="mesolift", interval_days=14),
    )
    plan = plan_course(subject, open_every_day())
    face, neck = sessions(plan, "face"), sessions(plan, "neck")
    assert gaps(face) == [7] * 4 and gaps(neck) == [14] * 4
    assert {v.series for v in face} == {1} and {v.series for v in neck} == {2}
    assert neck[0].key == "s2-session-1"
    assert [v.date for v in plan.visits] == sorted(v.date for v in plan.visits)
    assert [(c.area, c.interval_days, c.series) for c in treatment_courses(subject.treatments)] == [
        ("face", 7, 1),
        ("neck", 14, 2),
    ]
    # each series names its results, as its visits are named
    assert any("(series 2)" in text for _, text in plan.results)


def test_the_youth_vaccine_at_its_own_default_interval_no_longer_shares_with_mesolift():
    shared = patient(
        Treatment(area="face", cocktail="youth_vaccine"),
        Treatment(area="neck", cocktail="mesolift"),
    )
    assert [c.interval_days for c in treatment_courses(shared.treatments)] == [14, 14]
    own = patient(
        Treatment(area="face", cocktail="youth_vaccine", interval_days=21),
        Treatment(area="neck", cocktail="mesolift"),
    )
    plan = plan_course(own, open_every_day())
    assert gaps(sessions(plan, "face")) == [21, 21]
    assert gaps(sessions(plan, "neck")) == [14] * 4


def test_a_chosen_interval_still_avoids_closed_days_within_the_protocol():
    # Sundays closed; Monday + 13 days is a Sunday: forward to Monday keeps 14 <= 14.
    plan = plan_course(patient(Treatment(area="face", cocktail="mesolift", interval_days=13)))
    assert all(v.date.weekday() != 6 for v in plan.visits)
    assert all(7 <= gap <= 14 for gap in gaps(sessions(plan)))


def test_a_move_is_flagged_against_the_protocols_range_not_the_chosen_interval():
    subject = patient(Treatment(area="face", cocktail="mesolift", interval_days=14), visit_dates={})
    plan = plan_course(subject)
    nine_days = plan.visit("session-1").date + dt.timedelta(days=9)  # a Wednesday
    result = move_visit(subject, "session-2", nine_days, today=TODAY)
    assert result.refused is None and result.flags == []  # 9 days: inside 7–14
    five_days = plan.visit("session-1").date + dt.timedelta(days=5)
    result = move_visit(subject, "session-2", five_days, today=TODAY)
    assert any("at least 7 days" in flag for flag in result.flags)


def test_results_follow_the_chosen_session_count():
    plan = plan_course(patient(Treatment(area="face", cocktail="mesolift", sessions=4)))
    repair = next(day for day, text in plan.results if text.startswith("Cellular repair"))
    assert repair == sessions(plan)[2].date


@settings(max_examples=40, deadline=None)
@given(
    choices=st.lists(
        st.tuples(
            st.sampled_from(["mesolift", "youth_vaccine"]),
            st.one_of(st.none(), st.integers(3, 5)),
            st.one_of(st.none(), st.integers(7, 28)),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_every_treatment_gets_exactly_its_session_count(choices):
    areas = ["face", "neck", "decollete"]
    treatments = []
    for area, (cocktail, count, days) in zip(areas, choices, strict=False):
        protocol = CATALOG.protocols[CATALOG.cocktails[cocktail].protocol]
        if count is not None and not protocol.sessions[0] <= count <= protocol.sessions[1]:
            count = None
        if days is not None and not protocol.interval_days[0] <= days <= protocol.interval_days[1]:
            days = None
        treatments.append(
            Treatment(area=area, cocktail=cocktail, sessions=count, interval_days=days)
        )
    plan = plan_course(patient(*treatments))
    for treatment in treatments:
        protocol = CATALOG.protocols[CATALOG.cocktails[treatment.cocktail].protocol]
        expected = treatment.sessions or protocol.default_sessions
        visits = sessions(plan, treatment.area)
        assert [v.number for v in visits] == list(range(1, expected + 1))
        low, high = protocol.interval_days
        assert all(low <= gap <= high for gap in gaps(visits))
        if treatment.interval_days:
            assert all(abs(gap - treatment.interval_days) <= 1 for gap in gaps(visits))
    assert [v.date for v in plan.visits] == sorted(v.date for v in plan.visits)


# --- exports follow the plan ----------------------------------------------------------------


def test_the_cli_plan_json_has_the_chosen_course(tmp_path, capsys):
    subject = patient(Treatment(area="face", cocktail="mesolift", sessions=4, interval_days=7))
    path = tmp_path / "c.json"
    path.write_text(subject.model_dump_json(), encoding="utf-8")
    assert main(["plan", str(path), "--json"]) == 0
    visits = json.loads(capsys.readouterr().out)["visits"]
    course = [v for v in visits if v["kind"] == "session"]
    assert [v["number"] for v in course] == [1, 2, 3, 4]
    days = [dt.date.fromisoformat(v["date"]) for v in course]
    assert all(6 <= (b - a).days <= 8 for a, b in pairwise(days))  # 7, or a closed Sunday


def test_the_cli_names_a_bad_course_choice_in_one_line(tmp_path, capsys):
    path = tmp_path / "bad.json"
    bad = {"treatments": [{"area": "face", "cocktail": "mesolift", "sessions": 9}]}
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert main(["plan", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "treatments.0.sessions" in err and "4–5" in err


def test_the_calendar_has_one_event_per_chosen_visit():
    subject = patient(Treatment(area="face", cocktail="mesolift", sessions=4))
    plan = plan_course(subject)
    events = plan_to_ics(subject, plan, CATALOG).decode("utf-8").count("BEGIN:VEVENT")
    assert events == 4 + 2


def test_the_pdf_lists_the_chosen_visits():
    from tests.unit.test_pdf import text_of

    subject = patient(Treatment(area="face", cocktail="mesolift", sessions=4))
    text = "\n".join(text_of(render_summary(subject, draft=True).data))
    assert "Session 4" in text and "Session 5" not in text


# --- steps that rewrite treatments ------------------------------------------------------------


def test_a_choice_is_kept_on_the_same_protocol_and_dropped_on_another():
    before = [
        Treatment(area="face", cocktail="mesolift", sessions=4, interval_days=10),
        Treatment(area="neck", cocktail="mesolift", sessions=4),
    ]
    after = [
        {"area": "face", "cocktail": "custom", "ingredients": ["hyaluronic_acid"]},
        {"area": "neck", "cocktail": "youth_vaccine"},
        {"area": "decollete", "cocktail": "mesolift"},
    ]
    kept = keep_course_choices(before, after, CATALOG)
    assert [(tr["sessions"], tr["interval_days"]) for tr in kept] == [
        (4, 10),  # custom mix: the standard course, as mesolift
        (None, None),  # the youth vaccine starts from its own defaults
        (None, None),  # a new area has no choice yet
    ]
    Consultation.model_validate({"areas": ["face", "neck", "decollete"], "treatments": kept})


def test_a_choice_written_with_the_treatment_wins_on_the_same_protocol():
    before = [Treatment(area="face", cocktail="mesolift", sessions=4)]
    after = [{"area": "face", "cocktail": "mesolift", "sessions": 5}]
    assert keep_course_choices(before, after, CATALOG)[0]["sessions"] == 5


def test_recording_the_same_compare_choice_keeps_the_course_and_the_moves():
    subject = patient(
        Treatment(area="face", cocktail="mesolift", sessions=4),
        Treatment(area="neck", cocktail="mesolift", interval_days=10),
        visit_dates={"session-2": MONDAY + dt.timedelta(days=9)},
    )
    outcome = apply_choice(subject, "mesotherapy", CATALOG)
    assert outcome.allowed and not outcome.reset_visit_dates
    assert [(tr["sessions"], tr["interval_days"]) for tr in outcome.treatments] == [
        (4, None),
        (None, 10),
    ]


def test_a_compare_choice_of_another_protocol_starts_from_its_defaults():
    subject = patient(
        Treatment(area="face", cocktail="mesolift", sessions=4, interval_days=7),
        Treatment(area="neck", cocktail="mesolift", sessions=4),
    )
    outcome = apply_choice(subject, "youth_vaccine", CATALOG)
    assert outcome.allowed
    face = next(tr for tr in outcome.treatments if tr["area"] == "face")
    assert (face["cocktail"], face["sessions"], face["interval_days"]) == (
        "youth_vaccine",
        None,
        None,
    )
    Consultation.model_validate(subject.model_dump() | {"treatments": list(outcome.treatments)})


def test_consent_asks_again_after_a_course_change_but_old_consents_stay_valid():
    import hashlib

    subject = patient(Treatment(area="face", cocktail="mesolift"))
    legacy = {
        "areas": subject.areas,
        "treatments": [(tr.area, tr.cocktail) for tr in subject.treatments],
        "choice": subject.treatment_choice,
        "start": subject.start_date.isoformat(),
        "moved": {},
        "time": None,
    }
    digest = hashlib.sha256(json.dumps(legacy, sort_keys=True).encode("utf-8"))
    stored = Consent(
        confirmed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), scope=digest.hexdigest()[:16]
    )
    assert covers(stored, subject)  # confirmed before course choices existed: still valid
    changed = patient(Treatment(area="face", cocktail="mesolift", sessions=4))
    assert scope(changed) != scope(subject)
    assert not covers(stored, changed)
