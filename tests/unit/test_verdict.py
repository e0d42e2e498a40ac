"""The one verdict (issue 15): the patient's own outcome, the plan's problems, and the two
predicates every surface asks ("may this patient be treated now?", "is only the plan at
fault?"), table-driven; the domain's consumers (recommendation, comparison, planning, the
calendar, the consent gate) read it instead of deciding for themselves."""

from __future__ import annotations

import pytest

from mesocore.catalog import get_catalog
from mesocore.comparison import recommend_option, screening_blocks
from mesocore.consent import final_export_problem
from mesocore.models import Treatment
from mesocore.planning import plan_course
from mesocore.recommend import recommend
from mesocore.render.ics import NoPlanError, plan_to_ics
from mesocore.screening import CLEARED, OUTCOME_ORDER, RULED_OUT, headline, screen
from tests.factories import consultation

CATALOG = get_catalog()

# (case, history answers, status, patient_status, plan problems (area, cocktail, allergens),
#  may_be_treated, ruled_out, plan_at_fault, headline)
CASES = [
    ("eligible", {}, "eligible", "eligible", [], True, False, False, "Eligible"),
    (
        "caution",
        {"other_chronic_disease": True},
        "eligible_with_cautions",
        "eligible_with_cautions",
        [],
        True,
        False,
        False,
        "Eligible with cautions",
    ),
    (
        "allergen_in_the_planned_cocktail",
        {"allergies": ["salmon_dna"]},
        "not_eligible",
        "eligible_with_cautions",
        [("face", "mesolift", ("salmon_dna",)), ("neck", "mesolift", ("salmon_dna",))],
        True,
        False,
        True,
        "Eligible with cautions · not with this cocktail: choose another",
    ),
    (
        "allergen_in_the_plan_and_a_question_open",
        {"allergies": ["salmon_dna"], "urticaria": None},
        "not_eligible",
        "incomplete",
        [("face", "mesolift", ("salmon_dna",)), ("neck", "mesolift", ("salmon_dna",))],
        False,
        False,
        True,
        "Incomplete · not with this cocktail: choose another",
    ),
    (
        "ruled_out_with_an_allergen_planned_too",
        {"allergies": ["salmon_dna"], "stroke_history": True},
        "not_eligible",
        "not_eligible",
        [("face", "mesolift", ("salmon_dna",)), ("neck", "mesolift", ("salmon_dna",))],
        False,
        True,
        False,
        "Not eligible",
    ),
    (
        "not_eligible",
        {"stroke_history": True},
        *["not_eligible"] * 2,
        [],
        False,
        True,
        False,
        "Not eligible",
    ),
    (
        "deferred",
        {"active_skin_infection": True},
        *["deferred"] * 2,
        [],
        False,
        True,
        False,
        "Deferred",
    ),
    ("incomplete", {"urticaria": None}, *["incomplete"] * 2, [], False, False, False, "Incomplete"),
]


@pytest.mark.parametrize(
    ("history", "status", "own", "problems", "may", "out", "plan", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_the_verdict_tells_the_patient_from_the_plan(
    history, status, own, problems, may, out, plan, words
):
    result = screen(consultation(**history))
    assert (result.status, result.patient_status) == (status, own)
    assert [(p.area, p.cocktail, p.ingredients) for p in result.plan_problems] == problems
    assert (result.may_be_treated, result.ruled_out, result.plan_at_fault) == (may, out, plan)
    assert headline(result, "en") == words


def test_the_outcome_groups_are_defined_once_and_cover_every_outcome():
    assert set(RULED_OUT) | set(CLEARED) | {"incomplete"} == set(OUTCOME_ORDER)
    assert not set(RULED_OUT) & set(CLEARED)


def test_a_plan_problem_says_choose_another_in_both_languages():
    subject = consultation(allergies=["salmon_dna"])
    for locale, words in (("en", "Not with this cocktail: choose another"), ("tr", "Bu kokteylle")):
        result = screen(subject.model_copy(update={"locale": locale}))
        assert all(p.message.startswith(words) for p in result.plan_problems)
        assert "Salmon DNA" in result.plan_problems[0].message or locale == "tr"


def test_a_custom_mix_with_an_allergen_is_a_plan_problem_named_custom():
    subject = consultation(allergies=["vitamins_ace"]).model_copy(
        update={
            "treatments": [
                Treatment(
                    area="face", cocktail="custom", ingredients=["vitamins_ace", "amino_acids"]
                )
            ]
        }
    )
    (problem,) = screen(subject).plan_problems
    assert (problem.area, problem.cocktail, problem.ingredients) == (
        "face",
        "custom",
        ("vitamins_ace",),
    )
    assert "Custom mix (Face)" in problem.message


def test_the_patient_status_ignores_the_plan_so_removing_it_changes_nothing():
    subject = consultation(allergies=["salmon_dna"])
    planless = subject.model_copy(update={"treatments": []})
    assert screen(subject).patient_status == screen(planless).patient_status
    assert screen(planless).plan_problems == ()
    assert screen(planless).status == screen(planless).patient_status


# The consumers ---------------------------------------------------------------------------


def test_a_plan_at_fault_still_gets_recommendations_and_compare_options():
    subject = consultation(allergies=["salmon_dna"])
    result = screen(subject)
    assert recommend(subject, CATALOG, result).offered
    assert set(screening_blocks(subject, CATALOG, result)) != set(CATALOG.comparison)
    assert recommend_option(subject, CATALOG, result).option is not None


@pytest.mark.parametrize("history", [{"stroke_history": True}, {"active_skin_infection": True}])
def test_a_patient_ruled_out_gets_no_recommendation_no_option_and_no_plan(history):
    subject = consultation(**history)
    result = screen(subject)
    assert not recommend(subject, CATALOG, result).offered
    assert set(screening_blocks(subject, CATALOG, result)) == set(CATALOG.comparison)
    assert plan_course(subject, CATALOG, result).blocked_reason
    assert final_export_problem(subject, result) is None  # the summary records why


def test_a_plan_at_fault_has_no_plan_no_calendar_and_no_final_summary_and_says_why():
    subject = consultation(allergies=["salmon_dna"])
    result = screen(subject)
    reason = plan_course(subject, CATALOG, result).blocked_reason
    assert reason and "Not with this cocktail: choose another" in reason
    assert "not eligible" not in reason.lower()
    with pytest.raises(NoPlanError, match="Not with this cocktail"):
        plan_to_ics(subject, catalog=CATALOG, result=result)
    assert "choose another cocktail" in final_export_problem(subject, result)


def test_the_verdict_handed_in_is_the_one_used():
    """Every consumer reads the verdict it is given (computed once per run), so a page and the
    frame cannot get two different answers for the same consultation."""
    subject = consultation()
    ruled_out = screen(consultation(stroke_history=True))
    assert not recommend(subject, CATALOG, ruled_out).offered
    assert plan_course(subject, CATALOG, ruled_out).blocked_reason
