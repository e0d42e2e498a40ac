"""The screening engine against the seeds: one table row per rule and answer, allergy and
not-applicable cases, and the fail-safe properties checked by Hypothesis.

The expected outcomes are written here, independently of content/contraindications.toml, so a
content edit that weakens a rule fails a test instead of silently clearing patients.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesocore.catalog import get_catalog
from mesocore.models import Consultation, History, Patient, Treatment
from mesocore.screening import ALLERGY_RECORDED, OUTCOME_ORDER, blocked_cocktails, screen, worst
from tests.factories import consultation

# rule id -> (history field, the outcome a "yes" leads to), from the seeds (see the module doc).
RULES = {
    "CI-PREGNANCY": ("pregnant", "not_eligible"),
    "CI-BREASTFEEDING": ("breastfeeding", "not_eligible"),
    "CI-STROKE": ("stroke_history", "not_eligible"),
    "CI-DIABETES-INSULIN": ("insulin_dependent_diabetes", "not_eligible"),
    "CI-DIABETES-OTHER": ("diabetes_other", "eligible_with_cautions"),
    "CI-HEART-MULTI-DRUG": ("heart_disease_multi_drug", "not_eligible"),
    "CI-HEART-OTHER": ("heart_disease_other", "eligible_with_cautions"),
    "CI-CANCER": ("cancer", "not_eligible"),
    "CI-URTICARIA": ("urticaria", "not_eligible"),
    "CI-AUTOIMMUNE": ("autoimmune_disease", "eligible_with_cautions"),
    # Seed 000: "some chronic diseases or conditions may not be suitable" beyond its examples.
    "CI-OTHER-CHRONIC": ("other_chronic_disease", "eligible_with_cautions"),
    "CI-BLEEDING": ("bleeding_disorder", "not_eligible"),
    "CI-BLOOD-THINNERS": ("blood_thinners", "eligible_with_cautions"),
    "CI-SKIN-INFECTION": ("active_skin_infection", "deferred"),
    "CI-SKIN-FLARE": ("chronic_skin_disease_flare", "deferred"),
    # "yes" = allergic to an ingredient of the planned cocktail (the demo plans mesolift).
    "CI-ALLERGY": ("allergies", "not_eligible"),
}
ANSWERS = {
    "yes": {"value": True, "allergies": ["hyaluronic_acid"]},
    "no": {"value": False, "allergies": []},
    "unknown": {"value": None, "allergies": None},
}
# One row per rule and answer: (rule id, answer, expected outcome for an otherwise all-"no"
# female patient with mesolift planned on face and neck).
TABLE = [
    (rule, answer, {"yes": yes_outcome, "no": "eligible", "unknown": "incomplete"}[answer])
    for rule, (_field, yes_outcome) in RULES.items()
    for answer in ANSWERS
]
ABSOLUTE = [field for field, outcome in RULES.values() if outcome == "not_eligible"]
ANSWER_FIELDS = [name for name in History.model_fields if name != "allergies"]
INGREDIENTS = sorted(get_catalog().ingredients)
PAIRS = sorted(
    (area, cocktail_id)
    for cocktail_id, cocktail in get_catalog().cocktails.items()
    for area in cocktail.areas
)
RANK = OUTCOME_ORDER.index  # lower = more restrictive


def answered(rule: str, answer: str) -> Consultation:
    field = RULES[rule][0]
    key = "allergies" if field == "allergies" else "value"
    return consultation(**{field: ANSWERS[answer][key]})


@pytest.mark.parametrize(
    ("rule", "answer", "expected"), TABLE, ids=[f"{r}-{a}" for r, a, _ in TABLE]
)
def test_each_rule_gives_its_outcome_for_each_answer(rule, answer, expected):
    result = screen(answered(rule, answer))
    assert result.status == expected
    own = result.findings_for(rule)
    if answer == "no":
        assert not result.findings
        return
    assert len(own) == 1
    finding = own[0]
    assert finding.severity == expected
    key = "allergies" if RULES[rule][0] == "allergies" else "value"
    assert finding.answer == ANSWERS[answer][key]  # the answer that triggered it
    assert finding.message and finding.advice
    assert finding.sources and set(finding.sources) <= set(get_catalog().sources)


def test_rules_and_their_table_rows_correspond_one_to_one():
    assert set(RULES) == set(get_catalog().rules)
    assert {(r, a) for r, a, _ in TABLE} == {(r, a) for r in get_catalog().rules for a in ANSWERS}


def test_every_history_question_is_screened_by_exactly_one_rule():
    questions = [rule.question for rule in get_catalog().rules.values()]
    assert sorted(questions) == sorted(History.model_fields)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_content_severity_matches_the_seeds(rule):
    assert get_catalog().rules[rule].severity == RULES[rule][1]
    assert get_catalog().rules[rule].question == RULES[rule][0]


@pytest.mark.parametrize(
    ("rule", "seeds"),
    [
        # Seed 000 only calls diabetes and heart disease "risky"; 003/004 exclude these patients.
        # The stricter rule is kept and every seed that speaks of it is cited.
        ("CI-DIABETES-INSULIN", {"seed-000", "seed-003", "seed-004"}),
        ("CI-HEART-MULTI-DRUG", {"seed-000", "seed-003", "seed-004"}),
        ("CI-BLEEDING", {"seed-000", "seed-003", "seed-004"}),
        ("CI-BLOOD-THINNERS", {"seed-004"}),
        ("CI-SKIN-INFECTION", {"seed-000"}),
        ("CI-OTHER-CHRONIC", {"seed-000"}),
    ],
)
def test_rules_cite_every_seed_they_rest_on(rule, seeds):
    assert seeds <= set(get_catalog().rules[rule].sources)


def test_the_demo_patient_is_eligible_with_no_findings():
    result = screen(consultation())
    assert result.status == "eligible"
    assert result.findings == ()
    assert result.unanswered == ()


def test_a_file_saved_before_the_other_chronic_disease_question_is_incomplete_not_eligible():
    saved = consultation().model_dump(mode="json")
    del saved["history"]["other_chronic_disease"]  # the question did not exist yet
    result = screen(Consultation.model_validate(saved))
    assert result.status == "incomplete"
    assert result.unanswered == ("CI-OTHER-CHRONIC",)


def test_another_chronic_disease_never_hides_an_absolute_contraindication():
    result = screen(consultation(other_chronic_disease=True, stroke_history=True))
    assert result.status == "not_eligible"
    assert result.findings_for("CI-OTHER-CHRONIC")[0].severity == "eligible_with_cautions"


def test_the_worst_finding_wins_in_the_documented_order():
    result = screen(consultation(pregnant=True, active_skin_infection=True, cancer=None))
    assert result.status == "not_eligible"
    assert [f.severity for f in result.findings] == ["not_eligible", "deferred", "incomplete"]
    assert worst(["eligible", "eligible_with_cautions", "incomplete"]) == "incomplete"
    assert worst(["incomplete", "deferred"]) == "deferred"
    assert worst([]) == "eligible"


# Allergies ----------------------------------------------------------------------------------


def test_allergy_to_an_ingredient_of_the_planned_cocktail_names_the_cocktail():
    result = screen(consultation(allergies=["salmon_dna"]))
    assert result.status == "not_eligible"
    (blocking,) = result.findings_for("CI-ALLERGY")
    assert blocking.severity == "not_eligible"
    assert "Mesolift" in blocking.message and "Salmon DNA" in blocking.message


def test_allergy_to_an_ingredient_not_in_the_plan_gives_cautions_and_lists_the_excluded():
    result = screen(consultation(allergies=["lipolytic_agents"]))
    assert result.status == "eligible_with_cautions"
    assert not result.findings_for("CI-ALLERGY")
    (recorded,) = result.findings_for(ALLERGY_RECORDED)
    assert "Lipolytic" in recorded.message
    assert "Lipolytic body mesotherapy" in recorded.advice
    assert set(result.blocked) == {"lipolytic"}


def _planned(cocktail: str, area: str = "face", **history: object) -> Consultation:
    base = consultation(**history)
    return base.model_copy(update={"treatments": [Treatment(area=area, cocktail=cocktail)]})


def test_local_anaesthetic_allergy_blocks_cream_protocols_but_not_needle_free():
    blocked = blocked_cocktails(["local_anaesthetic"], get_catalog())
    assert "needle_free" not in blocked
    assert {"mesolift", "youth_vaccine", "hair", "lipolytic"} <= set(blocked)
    assert screen(_planned("mesolift", allergies=["local_anaesthetic"])).status == "not_eligible"
    needle_free = screen(_planned("needle_free", allergies=["local_anaesthetic"]))
    assert needle_free.status == "eligible_with_cautions"


@pytest.mark.parametrize("ingredient", INGREDIENTS)
def test_an_allergy_blocks_every_cocktail_containing_the_ingredient(ingredient):
    catalog = get_catalog()
    blocked = blocked_cocktails([ingredient], catalog)
    containing = {c for c in catalog.cocktails if ingredient in catalog.cocktail_ingredients(c)}
    assert set(blocked) == containing
    assert all(blocked[c] == (ingredient,) for c in blocked)


def test_unknown_allergies_are_incomplete_and_block_nothing_silently():
    result = screen(consultation(allergies=None))
    assert result.status == "incomplete"
    assert result.unanswered == ("CI-ALLERGY",)


# Not applicable -----------------------------------------------------------------------------


def _with_sex(sex: str | None, **history: object) -> Consultation:
    base = consultation(**history)
    patient = Patient(name=base.patient.name, birth_date=base.patient.birth_date, sex=sex)
    return base.model_copy(update={"patient": patient})


def test_pregnancy_questions_do_not_apply_to_a_male_patient_and_say_why():
    result = screen(_with_sex("male", pregnant=None, breastfeeding=None))
    assert result.status == "eligible"
    reasons = {item.rule: item.reason for item in result.not_applicable}
    assert set(reasons) == {"CI-PREGNANCY", "CI-BREASTFEEDING"}
    assert all("Male" in reason for reason in reasons.values())
    assert result.answered_count(len(get_catalog().rules)) == len(get_catalog().rules)


def test_a_recorded_yes_is_never_dropped_as_not_applicable():
    result = screen(_with_sex("male", pregnant=True))
    assert result.status == "not_eligible"
    assert result.findings_for("CI-PREGNANCY")


@pytest.mark.parametrize("sex", [None, "other", "female"])
def test_pregnancy_must_be_answered_unless_the_patient_is_male(sex):
    result = screen(_with_sex(sex, pregnant=None))
    assert result.status == "incomplete"
    assert not result.not_applicable


# Properties ---------------------------------------------------------------------------------

histories = st.fixed_dictionaries(
    {name: st.sampled_from([True, False, None]) for name in ANSWER_FIELDS}
    | {"allergies": st.none() | st.lists(st.sampled_from(INGREDIENTS), unique=True, max_size=3)}
)
patients = st.fixed_dictionaries(
    {
        "history": histories,
        "sex": st.sampled_from(["female", "male", "other", None]),
        "pairs": st.lists(st.sampled_from(PAIRS), max_size=3, unique_by=lambda p: p[0]),
    }
)


def build(case: dict) -> Consultation:
    return Consultation(
        patient=Patient(sex=case["sex"]),
        history=History(**case["history"]),
        treatments=[Treatment(area=a, cocktail=c) for a, c in case["pairs"]],
    )


def _applies(field: str, sex: str | None) -> bool:
    return not (sex == "male" and field in ("pregnant", "breastfeeding"))


@settings(max_examples=300, deadline=None)
@given(patients)
def test_any_absolute_contraindication_means_not_eligible(case):
    if any(case["history"][field] is True for field in ABSOLUTE if field != "allergies"):
        assert screen(build(case)).status == "not_eligible"


@settings(max_examples=300, deadline=None)
@given(patients)
def test_any_unknown_answer_is_never_eligible(case):
    history, sex = case["history"], case["sex"]
    unknown = history["allergies"] is None or any(
        history[f] is None and _applies(f, sex) for f in ANSWER_FIELDS
    )
    status = screen(build(case)).status
    if unknown:
        assert status in ("not_eligible", "deferred", "incomplete")
    if status in ("eligible", "eligible_with_cautions"):
        assert not unknown


@settings(max_examples=300, deadline=None)
@given(patients, st.sampled_from([*ANSWER_FIELDS, "allergies"]), st.sampled_from(INGREDIENTS))
def test_adding_a_positive_answer_never_makes_the_outcome_more_permissive(case, field, allergen):
    before = screen(build(case)).status
    history = dict(case["history"])
    if field == "allergies":
        if history["allergies"] is None or allergen in history["allergies"]:
            return
        history["allergies"] = [*history["allergies"], allergen]
    else:
        if history[field] is not False:
            return
        history[field] = True
    after = screen(build({**case, "history": history})).status
    assert RANK(after) <= RANK(before)


@settings(max_examples=200, deadline=None)
@given(patients)
def test_the_outcome_is_the_worst_finding_and_eligible_only_with_nothing_found(case):
    result = screen(build(case))
    assert result.status == worst([f.severity for f in result.findings])
    if result.status == "eligible":
        assert not result.findings


@settings(max_examples=200, deadline=None)
@given(patients)
def test_a_planned_cocktail_with_an_allergen_always_means_not_eligible(case):
    allergies = case["history"]["allergies"] or []
    catalog = get_catalog()
    if any(set(allergies) & set(catalog.cocktail_ingredients(c)) for _a, c in case["pairs"]):
        result = screen(build(case))
        assert result.status == "not_eligible"
        assert result.findings_for("CI-ALLERGY")
