"""Recommendations: ranking with reasons, and what the screening excludes (table-driven), the
custom-mix check, and properties: an allergen is never offered, nothing usable goes missing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mesocore.catalog import get_catalog
from mesocore.models import Treatment
from mesocore.recommend import (
    check_mix,
    mix_ingredients,
    recommend,
    starting_mix,
    suggested_areas,
    treatment_problem,
)
from mesocore.screening import screen
from tests.factories import consultation

CATALOG = get_catalog()


def patient(concerns=None, areas=None, avoid_bruising=None, wishes=(), **history):
    """The demo patient with fields replaced; a bruising worry is the wish to avoid bruising."""
    base = consultation(**history)
    update = {"wishes": [*wishes, *(["avoid_bruising"] if avoid_bruising else [])]}
    if concerns is not None:
        update["concerns"] = concerns
    if areas is not None:
        update["areas"] = areas
        update["treatments"] = []
    return base.model_copy(update=update)


def ranked(c, area):
    return [s.cocktail for s in recommend(c).areas[area].suggestions]


RANKING = [
    # (case, concerns, area, extra fields, expected order)
    (
        # both aim at dullness; mesolift brings four actives for her concerns, the youth vaccine one
        "demo_face_mesolift_first_youth_vaccine_second",
        ["fine_wrinkles", "dullness"],
        "face",
        {},
        ["mesolift", "youth_vaccine", "needle_free", "brightening", "repair"],
    ),
    (
        "sagging_is_the_youth_vaccines_main_aim_lifting",
        ["sagging", "dullness"],
        "face",
        {},
        ["youth_vaccine", "mesolift", "needle_free", "brightening", "repair"],
    ),
    (
        "fewer_sessions_puts_the_three_session_youth_vaccine_first",
        ["fine_wrinkles", "dullness"],
        "face",
        {"wishes": ["fewer_sessions"]},
        ["youth_vaccine", "mesolift", "needle_free", "brightening", "repair"],
    ),
    (
        "needle_worry_puts_needle_free_first",
        ["fine_wrinkles", "dullness"],
        "neck",
        {"wishes": ["avoid_needles"]},
        ["needle_free", "mesolift", "youth_vaccine", "brightening"],
    ),
    (
        "bruising_worry_puts_needle_free_first",
        ["fine_wrinkles", "dullness"],
        "face",
        {"avoid_bruising": True},
        ["needle_free", "mesolift", "youth_vaccine", "brightening", "repair"],
    ),
    (
        "blood_thinners_put_needle_free_first",
        ["fine_wrinkles", "dullness"],
        "face",
        {"blood_thinners": True},
        ["needle_free", "mesolift", "youth_vaccine", "brightening", "repair"],
    ),
    (
        "bruising_worry_does_not_promote_a_needle_free_mix_that_misses_the_concern",
        ["acne_scars"],
        "face",
        {"avoid_bruising": True},
        ["repair", "mesolift", "youth_vaccine", "needle_free", "brightening"],
    ),
    ("hair_loss_on_scalp", ["hair_loss"], "scalp", {}, ["hair"]),
    (
        "fat_and_cellulite_on_abdomen",
        ["localized_fat", "cellulite"],
        "abdomen",
        {},
        ["lipolytic", "repair"],
    ),
    (
        "dark_circles_under_the_eyes",
        ["dark_circles"],
        "under_eye",
        {},
        ["eye_contour", "mesolift", "needle_free"],
    ),
    (
        "spots_on_the_hands",
        ["uneven_tone"],
        "hands",
        {},
        ["brightening", "mesolift", "needle_free", "youth_vaccine"],
    ),
    (
        "stretch_marks_on_hips",
        ["stretch_marks"],
        "hips",
        {},
        ["repair", "lipolytic"],
    ),
]


@pytest.mark.parametrize(
    ("concerns", "area", "extra", "expected"),
    [row[1:] for row in RANKING],
    ids=[row[0] for row in RANKING],
)
def test_cocktails_are_ranked_against_the_concerns_and_the_area(concerns, area, extra, expected):
    c = patient(concerns=concerns, areas=[area], **extra)
    assert ranked(c, area) == expected


def test_reasons_say_in_words_what_each_ingredient_does_for_which_concern():
    c = patient(concerns=["fine_wrinkles", "dullness"], areas=["face"])
    best = recommend(c).areas["face"].suggestions[0]
    assert best.cocktail == "mesolift"
    assert best.covers == ("fine_wrinkles", "dullness")
    assert any(
        r.startswith("Hyaluronic acid: increases the skin's water-holding capacity")
        and r.endswith("— fine wrinkles, dullness")
        for r in best.reasons
    )
    assert any(r.startswith("Vitamins A, C and E: antioxidants") for r in best.reasons)


def test_needle_free_says_it_spares_bruising_and_why_it_is_first():
    c = patient(concerns=["dullness"], areas=["face"], avoid_bruising=True)
    first = recommend(c).areas["face"].suggestions[0]
    assert first.cocktail == "needle_free" and first.preferred
    assert any("no swelling, redness or bruising" in r and "worries" in r for r in first.reasons)
    c = patient(concerns=["dullness"], areas=["face"], avoid_bruising=False)
    plain = next(s for s in recommend(c).areas["face"].suggestions if s.cocktail == "needle_free")
    assert not plain.preferred
    assert any("no swelling, redness or bruising" in r for r in plain.reasons)


def test_a_cocktail_that_misses_the_concerns_says_so():
    c = patient(concerns=["fine_wrinkles"], areas=["face"])
    repair = next(s for s in recommend(c).areas["face"].suggestions if s.cocktail == "repair")
    assert repair.covers == ()
    assert any("not the patient's recorded concerns" in r for r in repair.reasons)


EXCLUSIONS = [
    # (case, history, area, excluded cocktails, allergen named, still offered)
    (
        "salmon_dna",
        {"allergies": ["salmon_dna"]},
        "face",
        ["mesolift", "repair"],
        "Salmon DNA",
        ["youth_vaccine", "needle_free", "brightening"],
    ),
    (
        "hyaluronic_acid",
        {"allergies": ["hyaluronic_acid"]},
        "face",
        ["mesolift", "youth_vaccine", "needle_free"],
        "Hyaluronic acid",
        ["brightening", "repair"],
    ),
    (
        "salmon_dna_under_the_eye",
        {"allergies": ["salmon_dna"]},
        "under_eye",
        ["mesolift", "eye_contour"],
        "Salmon DNA",
        ["needle_free"],
    ),
    (
        "anaesthetic_cream_rules_out_every_needle_course_and_the_custom_mix",
        {"allergies": ["local_anaesthetic"]},
        "face",
        ["mesolift", "youth_vaccine", "brightening", "repair", "custom"],
        "Local anaesthetic cream",
        ["needle_free"],
    ),
]


@pytest.mark.parametrize(
    ("history", "area", "excluded", "allergen", "offered"),
    [row[1:] for row in EXCLUSIONS],
    ids=[row[0] for row in EXCLUSIONS],
)
def test_an_allergen_excludes_every_cocktail_containing_it_with_the_reason(
    history, area, excluded, allergen, offered
):
    c = patient(areas=[area], **history)
    plan = recommend(c).areas[area]
    assert [e.cocktail for e in plan.excluded] == excluded
    for exclusion in plan.excluded:
        assert allergen in exclusion.reason and "allergic" in exclusion.reason
    assert [s.cocktail for s in plan.suggestions] == offered


WITHHELD = [
    # (case, history, status, words in the reasons)
    ("pregnant", {"pregnant": True}, "not_eligible", "pregnancy"),
    ("stroke", {"stroke_history": True}, "not_eligible", "stroke"),
    ("skin_infection", {"active_skin_infection": True}, "deferred", "defers"),
]


@pytest.mark.parametrize(
    ("history", "status", "words"), [row[1:] for row in WITHHELD], ids=[r[0] for r in WITHHELD]
)
def test_a_patient_ruled_out_gets_no_recommendation_with_the_reason(history, status, words):
    result = recommend(patient(**history))
    assert result.status == status
    assert not result.offered and result.areas == {}
    assert any(words in reason for reason in result.withheld)


def test_an_unanswered_question_gives_provisional_recommendations_with_a_caution():
    result = recommend(patient(pregnant=None))
    assert result.status == "incomplete" and result.offered
    assert any("incomplete" in caution for caution in result.cautions)


def test_unasked_allergies_are_said_aloud_never_read_as_none():
    result = recommend(patient(allergies=None))
    assert any("Allergies have not been asked" in caution for caution in result.cautions)


def test_an_assigned_allergen_does_not_hide_the_alternatives():
    c = consultation(allergies=["salmon_dna"])  # the demo plans mesolift on face and neck
    assert screen(c).status == "not_eligible"
    result = recommend(c)
    assert result.offered
    assert result.areas["face"].suggestions[0].cocktail == "youth_vaccine"
    assert "Salmon DNA" in treatment_problem(c.treatments[0], c)


SUGGESTED = [
    # (case, concerns, suggested areas)
    (
        "face_concerns_do_not_suggest_feet",
        ["fine_wrinkles", "sagging"],
        ["face", "neck", "decollete", "under_eye"],
    ),
    ("hair_loss_the_scalp", ["hair_loss"], ["scalp"]),
    ("localised_fat", ["localized_fat"], ["double_chin", "abdomen", "hips", "arms"]),
    (
        "spots_face_neck_decollete_hands_feet",
        ["uneven_tone"],
        ["face", "neck", "decollete", "hands", "feet"],
    ),
    ("dark_circles_under_the_eyes", ["dark_circles"], ["under_eye"]),
    (
        "cellulite_the_body",
        ["cellulite"],
        ["abdomen", "hips", "legs", "buttocks", "back_of_thighs", "arms"],
    ),
    (
        "stretch_marks_the_body",
        ["stretch_marks"],
        ["abdomen", "hips", "legs", "buttocks", "back_of_thighs"],
    ),
    ("nothing_yet", [], []),
]


@pytest.mark.parametrize(
    ("concerns", "expected"), [r[1:] for r in SUGGESTED], ids=[r[0] for r in SUGGESTED]
)
def test_suggested_areas_are_those_whose_main_indication_is_a_concern(concerns, expected):
    assert suggested_areas(concerns) == expected


def test_face_concerns_do_not_suggest_feet():
    suggested = suggested_areas(["fine_wrinkles", "sagging"])
    assert "feet" not in suggested and "hands" not in suggested
    assert all(CATALOG.areas[a].region == "face" or a == "decollete" for a in suggested)


def test_a_secondary_indication_still_counts_for_a_cocktail_on_that_area():
    """Fine wrinkles do not suggest the hands, but a doctor who chooses them is not told that
    nothing there treats her fine wrinkles."""
    c = patient(concerns=["fine_wrinkles"], areas=["hands"])
    first = recommend(c).areas["hands"].suggestions[0]
    assert first.covers == ("fine_wrinkles",)


# --- the custom mix ----------------------------------------------------------------------------


def test_the_builder_refuses_an_allergen_with_the_reason_and_keeps_the_rest():
    c = patient(concerns=["fine_wrinkles", "dullness", "acne_scars"], areas=["face"])
    c = c.model_copy(update={"history": c.history.model_copy(update={"allergies": ["salmon_dna"]})})
    check = check_mix(["hyaluronic_acid", "salmon_dna", "vitamins_ace"], "face", c)
    assert check.accepted == ("hyaluronic_acid", "vitamins_ace")
    assert "Salmon DNA" in check.refused["salmon_dna"] and "allergic" in check.refused["salmon_dna"]
    assert check.covers == ("fine_wrinkles", "dullness")
    assert check.missing == ("acne_scars",)


def test_the_builder_offers_mixable_ingredients_not_the_cream():
    assert "local_anaesthetic" not in mix_ingredients()
    assert {"hyaluronic_acid", "salmon_dna", "vitamins_ace"} <= set(mix_ingredients())


def test_a_custom_mix_starts_from_the_best_suggestion_without_allergens():
    c = patient(concerns=["fine_wrinkles"], areas=["face"], allergies=["salmon_dna"])
    plan = recommend(c).areas["face"]
    mix = starting_mix(plan, c)
    assert mix and "salmon_dna" not in mix
    assert set(mix) <= set(CATALOG.cocktails[plan.suggestions[0].cocktail].ingredients)


def test_a_custom_mix_with_an_allergen_makes_the_screening_refuse_it():
    c = patient(areas=["face"], allergies=["salmon_dna"])
    c = c.model_copy(
        update={
            "treatments": [
                Treatment(area="face", cocktail="custom", ingredients=["salmon_dna", "amino_acids"])
            ]
        }
    )
    result = screen(c)
    assert result.status == "not_eligible"
    assert any(
        "Custom mix (Face)" in f.message and "Salmon DNA" in f.message for f in result.findings
    )


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"cocktail": "custom", "ingredients": []}, "at least one ingredient"),
        ({"cocktail": "custom"}, "at least one ingredient"),
        ({"cocktail": "custom", "ingredients": ["snake_oil"]}, "snake_oil"),
        ({"cocktail": "custom", "ingredients": ["enzymes", "enzymes"]}, "twice"),
        ({"cocktail": "mesolift", "ingredients": ["enzymes"]}, "has its own"),
        ({"cocktail": "hair"}, "not used on area"),
    ],
)
def test_a_bad_treatment_is_refused_naming_the_problem(fields, words):
    with pytest.raises(ValidationError, match=words):
        Treatment(area="face", **fields)


def test_a_catalog_treatment_file_still_has_area_and_cocktail():
    dumped = Treatment(area="face", cocktail="mesolift").model_dump()
    assert dumped["area"] == "face" and dumped["cocktail"] == "mesolift"


# --- properties --------------------------------------------------------------------------------

ingredient_ids = st.lists(st.sampled_from(sorted(CATALOG.ingredients)), unique=True, max_size=4)
concern_ids = st.lists(st.sampled_from(sorted(CATALOG.concerns)), unique=True, max_size=5)
area_ids = st.lists(st.sampled_from(sorted(CATALOG.areas)), unique=True, min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(allergies=ingredient_ids, concerns=concern_ids, areas=area_ids, bruising=st.booleans())
def test_no_allergen_is_ever_offered_and_every_usable_cocktail_is_accounted_for(
    allergies, concerns, areas, bruising
):
    c = patient(concerns=concerns, areas=areas, avoid_bruising=bruising, allergies=allergies)
    result = recommend(c)
    assert result.offered
    for area, plan in result.areas.items():
        for suggestion in plan.suggestions:
            assert not set(CATALOG.cocktail_ingredients(suggestion.cocktail)) & set(allergies)
            assert suggestion.reasons
        listed = [s.cocktail for s in plan.suggestions] + [
            e.cocktail for e in plan.excluded if e.cocktail != "custom"
        ]
        usable = [cid for cid, cocktail in CATALOG.cocktails.items() if area in cocktail.areas]
        assert sorted(listed) == sorted(usable)
        covering = [bool(s.covers) for s in plan.suggestions]
        assert covering == sorted(covering, reverse=True)  # what fits the patient comes first
