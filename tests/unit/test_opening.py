"""The clinic's open days: no visit is planned, or moved, onto a closed weekday, a public
holiday of the clinic's country (Turkish national and religious holidays, another country's
when the clinic is elsewhere) or one of the clinic's own closed dates; the reason is said."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesocore.catalog import CatalogError, load_catalog
from mesocore.opening import Opening
from mesocore.planning import move_visit, plan_course
from tests.factories import TODAY
from tests.unit.test_planning import CATALOG, catalog_with, patient

TURKEY = Opening(closed_weekdays=(6,), country="TR")

D = dt.date
DE, BY, BE = (
    Opening(country="DE"),
    Opening(country="DE", subdivision="BY"),
    Opening(country="DE", subdivision="BE"),
)
YEARLY, ONCE = Opening(closed_dates=("12-31",)), Opening(closed_dates=("2027-01-04",))

DAYS = [
    # (case, opening, day, open?, reason in English or None)
    ("republic_day", TURKEY, D(2026, 10, 29), False, "29 October 2026 is a public holiday"),
    ("eid_al_fitr_2027", TURKEY, D(2027, 3, 10), False, "Eid al-Fitr"),
    ("eid_al_adha_2027", TURKEY, D(2027, 5, 17), False, "Eid al-Adha"),
    ("new_year", TURKEY, D(2027, 1, 1), False, "New Year's Day"),
    ("victory_day", TURKEY, D(2027, 8, 30), False, "Victory Day"),
    ("a_working_tuesday", TURKEY, D(2026, 12, 8), True, None),
    ("a_sunday", TURKEY, D(2026, 12, 6), False, "closed on Sundays"),
    ("no_country_no_holidays", Opening(closed_weekdays=(6,)), D(2026, 10, 29), True, None),
    ("germany_christmas", DE, D(2026, 12, 25), False, "Christmas"),
    ("bavaria_epiphany", BY, D(2027, 1, 6), False, "Epiphany"),
    ("berlin_no_epiphany", BE, D(2027, 1, 6), True, None),
    ("clinic_every_year", YEARLY, D(2027, 12, 31), False, "closed on 31 December 2027"),
    ("clinic_once", ONCE, D(2027, 1, 4), False, "the clinic is closed on 4 January 2027"),
    ("clinic_once_not_next_year", ONCE, D(2028, 1, 4), True, None),
]


@pytest.mark.parametrize(
    ("opening", "day", "is_open", "reason"),
    [row[1:] for row in DAYS],
    ids=[row[0] for row in DAYS],
)
def test_open_days_and_why_a_day_is_closed(opening, day, is_open, reason):
    assert opening.is_open(day) is is_open
    said = opening.closed_reason(day, "en")
    assert (said is None) == (reason is None)
    if reason:
        assert reason in said


def test_holidays_are_named_in_the_consultations_language():
    assert "Cumhuriyet Bayramı" in TURKEY.closed_reason(dt.date(2026, 10, 29), "tr")
    assert "resmî tatil" in TURKEY.closed_reason(dt.date(2026, 10, 29), "tr")
    assert "Republic Day" in TURKEY.closed_reason(dt.date(2026, 10, 29), "en")


def test_the_shipped_clinic_closes_on_turkish_public_holidays_and_sundays():
    opening = Opening.of(CATALOG.clinic)
    assert not opening.is_open(dt.date(2026, 10, 29))
    assert not opening.is_open(dt.date(2026, 12, 6))


def test_a_course_starting_on_a_holiday_starts_the_next_open_day():
    plan = plan_course(patient([("face", "mesolift")], start=dt.date(2026, 10, 29)))
    assert plan.visits[0].date == dt.date(2026, 10, 30)


def test_a_session_that_would_fall_on_eid_moves_off_it():
    # From Tuesday 2 March 2027 every 7 days the second session is Tuesday 9 March, the first
    # day of Eid al-Fitr (9-11 March): it moves to Friday 12 March, within the 14-day maximum.
    c = patient([("face", "mesolift")], start=dt.date(2027, 3, 2))
    c = c.model_copy(
        update={"treatments": [c.treatments[0].model_copy(update={"interval_days": 7})]}
    )
    plan = plan_course(c)
    dates = [v.date for v in plan.visits]
    assert dt.date(2027, 3, 9) not in dates
    assert plan.visits[1].date == dt.date(2027, 3, 12)


def test_moving_a_visit_onto_a_public_holiday_is_refused_with_its_name():
    c = patient([("face", "mesolift")], start=dt.date(2026, 12, 1))
    result = move_visit(c, "session-2", dt.date(2027, 1, 1), today=TODAY)
    assert result.refused and "New Year's Day" in result.refused
    assert result.visit_dates == {}


def test_moving_onto_a_clinic_closed_date_is_refused():
    catalog = catalog_with(closed_dates=("12-31",))
    c = patient([("face", "mesolift")], start=dt.date(2026, 12, 1))
    result = move_visit(c, "session-3", dt.date(2026, 12, 31), today=TODAY, catalog=catalog)
    assert result.refused == "the clinic is closed on 31 December 2026"


@settings(max_examples=40, deadline=None)
@given(start=st.dates(dt.date(2026, 11, 23), dt.date(2031, 12, 31)))
def test_no_planned_visit_falls_on_a_turkish_public_holiday(start):
    plan = plan_course(patient([("face", "mesolift"), ("abdomen", "lipolytic")], start=start))
    opening = Opening.of(CATALOG.clinic)
    assert all(opening.is_open(v.date) for v in plan.visits), [v.date for v in plan.visits]
    assert all(not v.flags for v in plan.visits)


SUBDIVISION = 'holiday_country = "TR"\nholiday_subdivision = "ZZ"'
BAD_CLINIC = [
    ('holiday_country = "TR"', 'holiday_country = "XX"', "unknown country 'XX'"),
    ('holiday_country = "TR"', SUBDIVISION, "not a subdivision"),
    ("closed_dates = []", 'closed_dates = ["02-30"]', "'02-30' is not a date"),
    ("closed_dates = []", 'closed_dates = ["next monday"]', "closed_dates"),
]


@pytest.mark.parametrize(("old", "new", "words"), BAD_CLINIC, ids=[r[2] for r in BAD_CLINIC])
def test_bad_holiday_settings_fail_naming_the_field(content, old, new, words):
    path = content / "clinic.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(content)
    assert "clinic.toml" in str(caught.value) and words in str(caught.value)


def test_no_country_means_no_public_holidays(content):
    path = content / "clinic.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('holiday_country = "TR"', 'holiday_country = ""'), encoding="utf-8"
    )
    catalog = load_catalog(content)
    assert Opening.of(catalog.clinic).is_open(dt.date(2026, 10, 29))
