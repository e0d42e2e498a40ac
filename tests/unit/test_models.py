"""The consultation model: the file contract and the validation a doctor expects."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pydantic import ValidationError

from mesocore.models import Consultation, History, age_on, describe_error
from tests.factories import TODAY, blank, consultation

DESIGN_EXAMPLE = {
    "schema_version": 1,
    "id": "c-123",
    "locale": "en",
    "patient": {"name": "Ayşe Yılmaz", "birth_date": "1988-04-12", "sex": "female"},
    "history": {
        "pregnant": False,
        "breastfeeding": False,
        "stroke_history": False,
        "insulin_dependent_diabetes": False,
        "diabetes_other": False,
        "heart_disease_multi_drug": False,
        "heart_disease_other": False,
        "cancer": False,
        "bleeding_disorder": False,
        "urticaria": False,
        "autoimmune_disease": False,
        "active_skin_infection": False,
        "chronic_skin_disease_flare": False,
        "allergies": ["hyaluronic_acid"],
        "blood_thinners": False,
    },
    "concerns": ["fine_wrinkles", "dullness"],
    "areas": ["face", "neck"],
    "treatments": [{"area": "face", "cocktail": "mesolift"}],
    "start_date": "2026-12-01",
}


def error_for(**fields: object) -> str:
    with pytest.raises(ValidationError) as caught:
        Consultation.model_validate({"consultation_date": TODAY.isoformat(), **fields})
    return describe_error(caught.value)


def test_design_example_file_loads_and_round_trips():
    loaded = Consultation.model_validate(DESIGN_EXAMPLE)
    again = Consultation.model_validate_json(loaded.model_dump_json())
    assert again == loaded
    dumped = json.loads(loaded.model_dump_json())
    for field in DESIGN_EXAMPLE:
        assert field in dumped


def test_history_answers_are_tri_state_and_default_to_not_asked():
    history = History()
    assert all(getattr(history, name) is None for name in History.model_fields)
    assert History(pregnant=False).pregnant is False
    assert History(pregnant=True).pregnant is True


# History questions added after DESIGN.md's example (DESIGN.md: "more fields may be added").
ADDED_HISTORY_FIELDS = {"other_chronic_disease"}


def test_history_field_names_match_the_file_contract():
    assert set(History.model_fields) == set(DESIGN_EXAMPLE["history"]) | ADDED_HISTORY_FIELDS


@pytest.mark.parametrize("name", sorted(ADDED_HISTORY_FIELDS))
def test_an_added_history_question_is_optional_and_not_asked_in_older_files(name):
    assert name not in DESIGN_EXAMPLE["history"]
    assert getattr(Consultation.model_validate(DESIGN_EXAMPLE).history, name) is None


@pytest.mark.parametrize(
    "name",
    [
        "Ayşe Yılmaz",
        "İsmail Işık",
        "Çağrı Öztürk Güneş",
        "Zoë Ñúñez",
        "Анна Петрова",
        "李小龙",
        "محمد",
    ],
)
def test_names_in_any_script_are_kept_exactly(name):
    assert blank(patient={"name": name}).patient.name == name


def test_name_is_trimmed_and_length_capped():
    assert blank(patient={"name": "  Ayşe  "}).patient.name == "Ayşe"
    assert "patient.name" in error_for(patient={"name": "x" * 121})


def test_name_refuses_control_characters_and_line_breaks():
    assert "patient.name" in error_for(patient={"name": "Ayşe\x00"})
    assert "patient.name" in error_for(patient={"name": "Ayşe\nYılmaz"})


def test_birth_date_in_the_future_is_refused_with_the_field_named():
    message = error_for(patient={"birth_date": "2030-01-01"})
    assert message.startswith("patient.birth_date")
    assert "future" in message


@pytest.mark.parametrize("born", ["2010-01-01", "1900-01-01"])
def test_age_outside_the_clinic_range_is_refused(born):
    assert "outside the range" in error_for(patient={"birth_date": born})


def test_adult_at_the_lower_bound_is_accepted():
    assert blank(patient={"birth_date": "2008-11-22"}).age == 18


def test_age_counts_whole_years_and_leap_day_birthdays():
    assert age_on(date(2000, 2, 29), date(2018, 2, 28)) == 17
    assert age_on(date(2000, 2, 29), date(2018, 3, 1)) == 18


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"concerns": ["wrinkles"]}, "concerns"),
        ({"areas": ["elbow"]}, "areas"),
        ({"treatments": [{"area": "face", "cocktail": "botox"}]}, "treatments.0"),
        ({"treatments": [{"area": "scalp", "cocktail": "mesolift"}]}, "treatments.0"),
        ({"history": {"allergies": ["peanuts"]}}, "history.allergies"),
        ({"history": {"pregnant": "maybe"}}, "history.pregnant"),
        ({"history": {"pregnnat": True}}, "history.pregnnat"),
        ({"locale": "xx"}, "locale"),
        ({"schema_version": 2}, "schema_version"),
    ],
)
def test_unknown_ids_and_bad_values_name_the_field(fields, field):
    assert error_for(**fields).startswith(field)


def test_a_concern_listed_twice_is_refused():
    assert "twice" in error_for(concerns=["dullness", "dullness"])


def test_long_notes_are_capped():
    assert blank(notes="n" * 4000).notes
    assert error_for(notes="n" * 4001).startswith("notes")


def test_factory_overrides_only_the_given_answers():
    assert consultation(pregnant=None).history.pregnant is None
    assert consultation().history.cancer is False


@pytest.mark.parametrize(
    ("areas", "treated", "expected"),
    [
        (["face", "neck"], ["scalp"], ["face", "neck", "scalp"]),
        (None, ["scalp", "face"], ["scalp", "face"]),  # no areas at all in the file
        (["face"], ["face"], ["face"]),
    ],
)
def test_a_treated_area_is_a_chosen_area(areas, treated, expected):
    """A file listing a treatment whose area is not chosen: every step must show it."""
    cocktails = {"scalp": "hair", "face": "mesolift"}
    data = {"treatments": [{"area": area, "cocktail": cocktails[area]} for area in treated]}
    if areas is not None:
        data["areas"] = areas
    assert Consultation.model_validate(data).areas == expected
