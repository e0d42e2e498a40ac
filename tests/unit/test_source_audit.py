"""Catalog statements checked against what the seed texts say (the clinical-safety audit).

Each test names the seed statement it guards; the numbers and wording are written here,
independently of content/, so a content edit that drifts from the seeds fails a test.
"""

from __future__ import annotations

import pytest

from mesocore.catalog import get_catalog

CATALOG = get_catalog()


# Screening -----------------------------------------------------------------------------------


def test_blood_thinner_advice_follows_seed_004_without_an_exception():
    # Seed 004: "should not use a drug with blood thinning effect, such as aspirin, before and
    # after the application" -- no "unless the doctor decides otherwise".
    rule = CATALOG.rules["CI-BLOOD-THINNERS"]
    for locale in ("en", "tr"):
        assert "aksi" not in rule.message(locale) and "otherwise" not in rule.message(locale)
    assert "must not be taken before and after each session" in rule.message("en")
    assert "if it cannot be paused, do not treat" in rule.advice("en")
    assert "prescribing doctor" in rule.advice("en")  # never stopped behind the prescriber


def test_blood_thinner_aftercare_says_pause_but_never_stop_a_prescription_alone():
    text = CATALOG.aftercare["AC-NO-BLOOD-THINNERS"].text("en")
    assert "before and after each session" in text
    assert "unless your doctor decides otherwise" not in text
    assert "do not stop it on your own" in text


@pytest.mark.parametrize(
    ("seed_condition", "rule"),
    [
        # seed 000 / 003 / 004: who is not treated, each with its own question.
        ("pregnant women", "CI-PREGNANCY"),
        ("breastfeeding mothers", "CI-BREASTFEEDING"),
        ("people who have had a stroke", "CI-STROKE"),
        ("diabetics who have to take insulin", "CI-DIABETES-INSULIN"),
        ("heart patients on regular / more than one drug", "CI-HEART-MULTI-DRUG"),
        ("cancer patients", "CI-CANCER"),
        ("blood clotting problems", "CI-BLEEDING"),
        ("urticaria", "CI-URTICARIA"),
    ],
)
def test_every_condition_the_seeds_exclude_is_an_absolute_contraindication(seed_condition, rule):
    assert CATALOG.rules[rule].severity == "not_eligible", seed_condition


@pytest.mark.parametrize(
    "example", ["CI-DIABETES-OTHER", "CI-HEART-OTHER", "CI-AUTOIMMUNE", "CI-OTHER-CHRONIC"]
)
def test_seed_000s_risky_chronic_diseases_are_never_silently_cleared(example):
    # Seed 000: "some chronic diseases or conditions may not be suitable ... diabetes, heart
    # disease, autoimmune diseases can make treatment risky": at least a caution, with seed 000.
    rule = CATALOG.rules[example]
    assert rule.severity in ("not_eligible", "deferred", "eligible_with_cautions")
    assert "seed-000" in rule.sources


# Aftercare and side effects ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "hours", "seeds"),
    [
        ("AC-NO-WATER", 6, {"seed-002"}),  # "first 4-6 hours": the longer end
        ("AC-NO-TOUCH", 10, {"seed-004"}),  # "first 10 hours"
        ("AC-NO-MAKEUP", 24, {"seed-002", "seed-004"}),  # "first 24 hours"
        ("AC-NO-HEAT", 48, {"seed-002"}),  # "for 2 days"
    ],
)
def test_aftercare_windows_are_the_seeds_numbers(rule, hours, seeds):
    assert CATALOG.aftercare[rule].hours == hours
    assert seeds <= set(CATALOG.aftercare[rule].sources)


def test_no_make_up_lasts_until_the_sites_have_healed_not_only_24_hours():
    # Seed 004: no make-up "until the ... process is completed"; seed 002: the first 24 hours.
    text = CATALOG.aftercare["AC-NO-MAKEUP"].text("en")
    assert "at least the first 24 hours" in text and "healed" in text
    assert "iyileşmeden" in CATALOG.aftercare["AC-NO-MAKEUP"].text("tr")


def test_course_numbers_match_seed_004_and_boosters_seed_002():
    for protocol_id in ("standard", "body"):
        protocol = CATALOG.protocols[protocol_id]
        assert protocol.sessions == (4, 5)  # "usually 4-5 sessions"
        assert protocol.interval_days == (7, 14)  # "1-2 week intervals"
    for protocol in CATALOG.protocols.values():
        assert protocol.booster_months == (6, 12)  # "every 6-12 months"


def test_anaesthetic_cream_times_stay_within_the_seeds_15_to_30_minutes():
    # Seed 000: 15-20 minutes; seed 002: 20-30 minutes before the procedure.
    for protocol in CATALOG.protocols.values():
        low, high = protocol.anaesthetic_cream_minutes
        assert (low, high) == (0, 0) or 15 <= low <= high <= 30


@pytest.mark.parametrize("option", ["mesotherapy", "youth_vaccine"])
def test_needle_options_list_every_side_effect_seed_003_gives_for_mesotherapy(option):
    # Seed 003: hypersensitivity, itching and burning; in some cases diarrhoea, nausea and
    # vomiting. Seed 002: the youth vaccine "is also a type of mesotherapy".
    listed = set(CATALOG.comparison[option].side_effects)
    assert {"SE-ITCH-BURN", "SE-SYSTEMIC", "SE-ALLERGY", "SE-INFECTION"} <= listed
    assert "seed-003" in CATALOG.comparison[option].sources


def test_classic_option_names_what_its_cocktail_injects_including_salmon_dna():
    # The option stands for the mesolift cocktail (seed 002: HA, vitamins A/C/E, amino acids,
    # salmon DNA); a patient reading the comparison must see the salmon DNA, and no mineral the
    # cocktail does not contain.
    option = CATALOG.comparison["mesotherapy"]
    assert "salmon_dna" in CATALOG.cocktails[option.cocktail].ingredients
    assert "salmon DNA" in option.injected("en")
    assert "somon DNA" in option.injected("tr")
    assert "minerals" not in CATALOG.cocktails[option.cocktail].ingredients
    assert "mineral" not in option.injected("en").lower()


def test_recovery_says_a_few_days_for_redness_and_a_few_weeks_in_full():
    # Seed 001: mild redness and swelling subside within the first few days; complete recovery
    # could span a few weeks. Seed 002: tiny bruises disappear within 3-5 days.
    redness = CATALOG.side_effects["SE-REDNESS-SWELLING"]
    assert "a few days" in redness.description("en") and "a few weeks" in redness.description("en")
    assert "seed-001" in redness.sources
    assert "3–5 days" in CATALOG.side_effects["SE-BRUISING"].description("en")
