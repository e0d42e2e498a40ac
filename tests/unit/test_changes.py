"""mesocore.changes: the doctor's changes to the plan take a consultation and return a new one,
and visits moved on the Timeline are re-planned exactly when a change alters what they mean."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from mesocore.changes import with_areas, with_course, with_start, with_treatment
from tests.factories import consultation

MOVED = {"session-2": date(2026, 12, 16)}


def test_removing_an_area_takes_its_treatment_and_replans_moved_visits():
    before = consultation().revised(visit_dates=MOVED)
    changed = with_areas(before, ["neck"])
    assert changed.consultation.areas == ["neck"]
    assert [tr.area for tr in changed.consultation.treatments] == ["neck"]
    assert changed.dropped == ("face",)
    assert changed.replanned and changed.consultation.visit_dates == {}
    assert before.visit_dates == MOVED  # the given consultation is never changed


def test_adding_an_area_keeps_moved_visits_that_still_mean_the_same_visits():
    changed = with_areas(consultation().revised(visit_dates=MOVED), ["face", "neck", "hands"])
    assert not changed.replanned and changed.consultation.visit_dates == MOVED
    assert changed.dropped == ()


def test_a_treatment_is_placed_in_area_order_and_keeps_the_course_on_the_same_protocol():
    before = consultation()
    before = before.revised(treatments=[{"area": "neck", "cocktail": "mesolift", "sessions": 4}])
    changed = with_treatment(before, "face", {"area": "face", "cocktail": "mesolift"})
    assert [tr.area for tr in changed.consultation.treatments] == ["face", "neck"]
    assert changed.consultation.treatments[1].sessions == 4


def test_removing_a_treatment_replans_the_moves_it_changed():
    changed = with_treatment(consultation().revised(visit_dates=MOVED), "face", None)
    assert [tr.area for tr in changed.consultation.treatments] == ["neck"]
    assert changed.replanned


@pytest.mark.parametrize("moved", [{}, MOVED], ids=["no moves", "moves"])
def test_a_course_change_replans_from_the_start(moved):
    changed = with_course(consultation().revised(visit_dates=moved), {"face": {"sessions": 4}})
    assert changed.consultation.treatments[0].sessions == 4
    assert changed.replanned == bool(moved)
    assert changed.consultation.visit_dates == {}


def test_a_course_outside_its_protocol_is_refused_naming_the_field():
    with pytest.raises(ValidationError) as refused:
        with_course(consultation(), {"face": {"sessions": 99}})
    assert "sessions" in str(refused.value)


def test_a_new_start_date_replans_the_whole_course():
    changed = with_start(consultation().revised(visit_dates=MOVED), date(2027, 1, 4))
    assert changed.consultation.start_date == date(2027, 1, 4)
    assert changed.replanned and changed.consultation.visit_dates == {}
