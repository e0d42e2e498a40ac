"""The comparison: its content validates, the table is complete, the chart matches the catalog,
the recommendation follows the screening for table-driven patients, and recording a choice
updates exactly the areas the option serves."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesocore.catalog import CatalogError, get_catalog, load_catalog
from mesocore.comparison import (
    HELPS,
    MAIN,
    NONE,
    apply_choice,
    choice_in_plan,
    comparison_rows,
    concern_level,
    coverage,
    recommend_option,
)
from mesocore.models import Consultation, Treatment
from mesocore.recommend import meets_wish
from mesocore.render.comparison_chart import RULED_OUT, chart_matrix, coverage_figure
from mesocore.screening import screen
from tests.conftest import assert_bad_content_fails
from tests.factories import ALL_NO, blank, consultation

CATALOG = get_catalog()
OPTIONS = ("mesotherapy", "youth_vaccine", "needle_free")


def planned(*pairs: tuple[str, str]) -> tuple[dict, ...]:
    """Treatment dumps, as the consultation stores them."""
    return tuple(Treatment(area=a, cocktail=c).model_dump() for a, c in pairs)


def patient(**fields: object) -> Consultation:
    """The demo patient (eligible, face and neck on mesolift) with fields replaced."""
    history = fields.pop("history", {})
    base = consultation(**history)
    return Consultation.model_validate(base.model_dump() | fields)


# --- content ---------------------------------------------------------------------------------


def test_the_three_options_point_at_their_cocktails():
    assert {o: CATALOG.comparison[o].cocktail for o in OPTIONS} == {
        "mesotherapy": "mesolift",
        "youth_vaccine": "youth_vaccine",
        "needle_free": "needle_free",
    }


def test_main_aims_are_concerns_the_cocktail_treats_and_everything_is_cited():
    for cocktail in CATALOG.cocktails.values():
        assert set(cocktail.main_aims) <= set(cocktail.treats)
    for option in CATALOG.comparison.values():
        assert set(option.side_effects) <= set(CATALOG.side_effects)
        assert set(option.sources) <= set(CATALOG.sources)
    for wish in CATALOG.wishes.values():
        assert wish.sources


def test_needle_free_alone_suits_needles_and_bruising_the_youth_vaccine_fewer_sessions():
    """What meets a wish follows from the cocktail (technique, sessions), stated once."""
    suits = {
        o: {w for w in CATALOG.wishes if meets_wish(CATALOG.comparison[o].cocktail, w)}
        for o in OPTIONS
    }
    assert suits == {
        "mesotherapy": set(),
        "youth_vaccine": {"fewer_sessions"},
        "needle_free": {"avoid_needles", "avoid_bruising"},
    }
    assert "SE-BRUISING" not in CATALOG.comparison["needle_free"].side_effects


BAD_COMPARISON = [
    # (file, old, new, the words the error must contain)
    (
        "cocktails.toml",
        'main_aims = ["dullness", "sagging"]',
        'main_aims = ["dullness", "hair_loss"]',
        ["cocktails.toml", "'youth_vaccine'", "main_aims", "'hair_loss' is not in the cocktail"],
    ),
    (
        "cocktails.toml",
        'main_aims = ["dullness", "sagging"]',
        'main_aims = ["glow"]',
        ["cocktails.toml", "'youth_vaccine'", "main_aims", "glow"],
    ),
    (
        "comparison.toml",
        'side_effects = ["SE-ALLERGY"]',
        'side_effects = ["SE-HEADACHE"]',
        ["comparison.toml", "'needle_free'", "side_effects", "SE-HEADACHE"],
    ),
    (
        "comparison.toml",
        'side_effects = ["SE-ALLERGY"]',
        "side_effects = []",
        ["comparison.toml", "'needle_free'", "side_effects"],
    ),
    (
        "wishes.toml",
        "max_sessions = 3\n",
        "",
        ["wishes.toml", "'fewer_sessions'", "exactly one of technique, max_sessions"],
    ),
    (
        "wishes.toml",
        'technique = "needle_free"\nsources = ["seed-003"]',
        'technique = "laser"\nsources = ["seed-003"]',
        ["wishes.toml", "'avoid_needles'", "technique"],
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "words"), BAD_COMPARISON, ids=[r[2] or r[1] for r in BAD_COMPARISON]
)
def test_a_bad_comparison_entry_fails_with_file_entry_and_field(content, file, old, new, words):
    assert_bad_content_fails(content, file, old, new, words)


def test_a_wish_without_sources_fails(content):
    path = content / "wishes.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('sources = ["seed-003"]', "sources = []", 1),
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match=r"wishes\.toml: wish 'avoid_needles'.*sources"):
        load_catalog(content)


def test_an_unknown_wish_in_a_consultation_is_refused_naming_the_field():
    with pytest.raises(ValueError, match="unknown wish 'no_pain'"):
        blank(wishes=["no_pain"])


# --- the table -------------------------------------------------------------------------------

TABLE_ROWS = [
    "injected",
    "concentration",
    "cross_linking",
    "aim",
    "concerns",
    "areas",
    "sessions",
    "booster",
    "side_effects",
    "downtime",
    "technique",
]


def test_the_table_has_every_aspect_for_every_option():
    rows = comparison_rows(CATALOG, "en")
    assert [row.key for row in rows] == TABLE_ROWS
    for row in rows:
        assert row.label and not row.label.startswith("compare.")
        assert set(row.values) == set(CATALOG.comparison)
        assert all(value.strip() for value in row.values.values())


def test_the_table_takes_sessions_booster_and_cream_from_the_protocols():
    values = {row.key: row.values for row in comparison_rows(CATALOG, "en")}
    assert values["sessions"]["youth_vaccine"] == "3–4 sessions (usually 3), every 14–28 days"
    assert values["sessions"]["mesotherapy"] == "4–5 sessions (usually 5), every 7–14 days"
    assert values["booster"]["mesotherapy"] == "A booster every 6–12 months"
    assert "anaesthetic cream 20–30 minutes before" in values["technique"]["youth_vaccine"]
    assert "anaesthetic cream" not in values["technique"]["needle_free"]
    assert "Small bruises" in values["side_effects"]["mesotherapy"]
    assert "Small bruises" not in values["side_effects"]["needle_free"]
    assert values["concerns"]["youth_vaccine"] == (
        "Fine wrinkles, Dullness, Sagging and loss of elasticity"
    )


# --- the chart -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "concern", "level"),
    [
        ("youth_vaccine", "sagging", MAIN),
        ("youth_vaccine", "dullness", MAIN),
        ("youth_vaccine", "fine_wrinkles", HELPS),
        ("youth_vaccine", "uneven_tone", NONE),
        ("mesotherapy", "uneven_tone", MAIN),
        ("needle_free", "dullness", HELPS),
        ("needle_free", "sagging", NONE),
        ("mesotherapy", "hair_loss", NONE),
    ],
)
def test_how_an_option_serves_a_concern(option, concern, level):
    assert concern_level(CATALOG.comparison[option], concern, CATALOG) == level


def test_coverage_follows_the_patients_concerns_in_order():
    cover = coverage(patient(concerns=["sagging", "dullness"]), CATALOG)
    assert cover.concerns == ("sagging", "dullness") and not cover.general
    assert cover.levels["youth_vaccine"] == (MAIN, MAIN)
    assert cover.levels["needle_free"] == (NONE, HELPS)


def test_without_concerns_the_chart_shows_every_concern_an_option_treats():
    cover = coverage(blank(), CATALOG)
    assert cover.general
    assert set(cover.concerns) == {"fine_wrinkles", "sagging", "dullness", "uneven_tone"}


def test_the_chart_marks_ruled_out_options_in_every_cell_and_names_levels_in_words():
    allergic = patient(history={"allergies": ["local_anaesthetic"]})
    recommendation = recommend_option(allergic, CATALOG)
    cover = coverage(allergic, CATALOG)
    assert chart_matrix(cover, recommendation.ruled_out, list(OPTIONS)) == [
        [RULED_OUT, RULED_OUT, HELPS],
        [RULED_OUT, RULED_OUT, HELPS],
    ]
    figure = coverage_figure(cover, CATALOG, "en", recommendation.ruled_out, "needle_free")
    heatmap = figure.data[0]
    assert [list(row) for row in heatmap.text] == [["Ruled out", "Ruled out", "Helps"]] * 2
    assert list(heatmap.y) == ["Fine wrinkles", "Dullness"]
    assert "recommended" in heatmap.x[2] and "recommended" not in heatmap.x[0]
    assert figure.layout.xaxis.fixedrange and figure.layout.yaxis.fixedrange


# --- the recommendation, table-driven --------------------------------------------------------

HA_ALLERGY = {"allergies": ["hyaluronic_acid"]}

CASES = [
    # (id, patient fields, recommended option, ruled out {option: words in the reason},
    #  words the reasons must contain)
    (
        # Both aim at dullness; the ranking the Cocktails step shows puts mesolift first (more
        # actives for her concerns). Before, Compare ranked on its own and chose the youth vaccine
        # for needing fewer sessions: two "best" answers in one consultation.
        "demo patient: classic mesotherapy, the top of the Cocktails step's ranking",
        {},
        "mesotherapy",
        {},
        [
            "Treats all of the patient's concerns on Face",
            "Fine wrinkles and Dullness (its main aim)",
            "Ranked above Youth vaccine (moisture vaccine): more of its active ingredients",
            "same ranking as the Cocktails step",
        ],
    ),
    (
        "demo patient who wants fewer sessions: the three-session youth vaccine",
        {"wishes": ["fewer_sessions"]},
        "youth_vaccine",
        {},
        ["Meets the patient's wish: Wants as few sessions as possible", "usually 3 sessions"],
    ),
    (
        "sagging and dullness: the youth vaccine's main aims",
        {"concerns": ["sagging", "dullness"]},
        "youth_vaccine",
        {},
        ["Sagging and loss of elasticity (its main aim)"],
    ),
    (
        "hyaluronic acid allergy rules out all three, and says so",
        {"history": HA_ALLERGY},
        None,
        {o: "Hyaluronic acid" for o in OPTIONS},
        ["All 3 options contain Hyaluronic acid", "Brightening"],
    ),
    (
        "anaesthetic cream allergy: only needle-free (no cream) remains",
        {"history": {"allergies": ["local_anaesthetic"]}},
        "needle_free",
        {"mesotherapy": "Local anaesthetic cream", "youth_vaccine": "Local anaesthetic cream"},
        ["Treats all of the patient's concerns on Face"],
    ),
    (
        "worried about needles",
        {"wishes": ["avoid_needles"]},
        "needle_free",
        {},
        ["Meets the patient's wish: Worried about needles"],
    ),
    (
        "wants to avoid bruising",
        {"wishes": ["avoid_bruising"]},
        "needle_free",
        {},
        ["Wants to avoid bruising"],
    ),
    (
        "blood thinners: more bruising expected",
        {"history": {"blood_thinners": True}},
        "needle_free",
        {},
        ["blood thinners"],
    ),
    (
        "worried about needles but only sagging: no needle-free option treats it",
        {"concerns": ["sagging"], "wishes": ["avoid_needles"]},
        "youth_vaccine",
        {"needle_free": "Does not treat"},
        ["Does not meet the patient's wish: Worried about needles"],
    ),
    (
        "hair loss only: none of these fit; hair mesotherapy does",
        {"concerns": ["hair_loss"], "areas": ["scalp"], "treatments": []},
        None,
        {o: "Does not treat" for o in OPTIONS},
        ["None of these options treats the patient's concerns (Hair loss)", "Hair mesotherapy"],
    ),
    (
        "a concern the option does not treat is named, with the cocktail that does",
        {"concerns": ["dullness", "acne_scars"]},
        "mesotherapy",
        {},
        [
            "Treats 1 of the patient's 2 concerns on Face",
            "It does not treat Acne scars",
            "On Face, the Cocktails step ranks Scar and stretch-mark repair first.",
        ],
    ),
    (
        "areas the options are not used on",
        {"concerns": ["fine_wrinkles"], "areas": ["legs"], "treatments": []},
        None,
        {o: "not used on the patient's areas (Legs)" for o in OPTIONS},
        ["None of these options is used on the patient's areas (Legs)", "No other cocktail"],
    ),
    (
        "pregnant: not eligible, no recommendation",
        {"history": {"pregnant": True}},
        None,
        {o: "Not eligible" for o in OPTIONS},
        ["Not eligible", "pregnancy"],
    ),
    (
        "active skin infection: deferred, no recommendation",
        {"history": {"active_skin_infection": True}},
        None,
        {o: "Deferred" for o in OPTIONS},
        ["Deferred"],
    ),
    (
        "no concerns yet",
        {"concerns": []},
        None,
        {},
        ["No concerns are recorded yet"],
    ),
]


@pytest.mark.parametrize(
    ("fields", "expected", "ruled_out", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_recommendation_for_table_driven_patients(fields, expected, ruled_out, words):
    recommendation = recommend_option(patient(**fields), CATALOG)
    assert recommendation.option == expected
    assert set(recommendation.ruled_out) == set(ruled_out)
    for option, reason_words in ruled_out.items():
        assert reason_words in recommendation.ruled_out[option]
    text = " ".join(recommendation.reasons)
    for word in words:
        assert word in text, (word, recommendation.reasons)
    assert set(recommendation.sources) <= set(CATALOG.sources)
    if expected or ruled_out:
        assert recommendation.sources


def test_the_recommendation_cites_the_sources_of_the_option_and_of_the_wish():
    recommendation = recommend_option(patient(wishes=["avoid_needles"]), CATALOG)
    assert "seed-003" in recommendation.sources


def test_the_allergy_reason_cites_the_allergy_rule():
    recommendation = recommend_option(patient(history=HA_ALLERGY), CATALOG)
    allergy_rule = next(r for r in CATALOG.rules.values() if r.kind == "allergy")
    assert set(allergy_rule.sources) <= set(recommendation.sources)


def test_an_incomplete_screening_gives_a_provisional_recommendation():
    unscreened = blank(concerns=["dullness", "sagging"], areas=["face"])
    recommendation = recommend_option(unscreened, CATALOG)
    assert recommendation.option == "youth_vaccine"
    assert recommendation.provisional
    assert "provisional" in " ".join(recommendation.reasons)


def test_a_planned_cocktail_the_patient_is_allergic_to_does_not_hide_the_comparison():
    """The demo plan (mesolift) plus an anaesthetic allergy makes the screening not eligible for
    the plan; the comparison still recommends what replaces it, and says why."""
    allergic = patient(history={"allergies": ["local_anaesthetic"]})
    recommendation = recommend_option(allergic, CATALOG)
    assert recommendation.option == "needle_free"
    assert any("current plan uses Mesolift" in r for r in recommendation.reasons)


def test_the_recommendation_does_not_follow_the_recorded_choice():
    """Recording a choice changes the plan; the advice must stay what the patient was given."""
    before = recommend_option(patient(), CATALOG)
    for option in OPTIONS:
        outcome = apply_choice(patient(), option, CATALOG)
        chosen = patient(treatment_choice=option, treatments=list(outcome.treatments))
        assert recommend_option(chosen, CATALOG) == before


# --- recording the choice --------------------------------------------------------------------


def test_choosing_an_option_puts_its_cocktail_on_the_areas_it_serves():
    outcome = apply_choice(patient(), "youth_vaccine", CATALOG)
    assert outcome.allowed
    assert outcome.treatments == planned(("face", "youth_vaccine"), ("neck", "youth_vaccine"))
    assert "Face: Mesolift (facial mesotherapy) → Youth vaccine" in " ".join(outcome.messages)


def test_areas_the_option_does_not_serve_keep_their_cocktails_and_the_doctor_is_told():
    mixed = patient(
        concerns=["fine_wrinkles", "hair_loss"],
        areas=["face", "scalp"],
        treatments=[
            Treatment(area="face", cocktail="mesolift"),
            Treatment(area="scalp", cocktail="hair"),
        ],
    )
    outcome = apply_choice(mixed, "youth_vaccine", CATALOG)
    assert outcome.treatments == planned(("face", "youth_vaccine"), ("scalp", "hair"))
    assert any(m.startswith("Scalp: cocktails kept") for m in outcome.messages)
    assert not outcome.warnings


def test_an_area_without_a_treatment_gets_the_chosen_cocktail():
    outcome = apply_choice(patient(treatments=[]), "needle_free", CATALOG)
    assert outcome.treatments == planned(("face", "needle_free"), ("neck", "needle_free"))
    assert "Face: Needle-free mesotherapy added." in outcome.messages


def test_replacing_a_cocktail_that_treated_a_concern_warns_the_doctor():
    scars = patient(
        concerns=["dullness", "acne_scars"],
        areas=["face"],
        treatments=[Treatment(area="face", cocktail="repair")],
    )
    outcome = apply_choice(scars, "mesotherapy", CATALOG)
    assert outcome.allowed
    assert any("No planned cocktail treats Acne scars" in w for w in outcome.warnings)


def test_a_changed_course_resets_visits_moved_on_the_timeline_and_says_so():
    moved = patient(visit_dates={"session-2": "2026-12-20"})
    outcome = apply_choice(moved, "youth_vaccine", CATALOG)
    assert outcome.reset_visit_dates
    assert any("were reset" in m for m in outcome.messages)
    assert not apply_choice(moved, "mesotherapy", CATALOG).reset_visit_dates  # nothing changed
    assert not apply_choice(patient(), "youth_vaccine", CATALOG).reset_visit_dates  # none moved


def test_a_custom_mix_on_a_served_area_is_replaced_and_named():
    custom = patient(
        concerns=["fine_wrinkles", "acne_scars"],
        areas=["face"],
        treatments=[Treatment(area="face", cocktail="custom", ingredients=["salmon_dna"])],
    )
    outcome = apply_choice(custom, "youth_vaccine", CATALOG)
    assert outcome.treatments == planned(("face", "youth_vaccine"))
    assert "Face: Custom mix → Youth vaccine (moisture vaccine)." in outcome.messages
    assert "acne_scars" in CATALOG.ingredients["salmon_dna"].serves
    assert any("No planned cocktail treats Acne scars" in w for w in outcome.warnings)


def test_a_choice_whose_cocktail_was_replaced_later_is_noticed():
    assert choice_in_plan(patient(), CATALOG)  # nothing recorded
    assert choice_in_plan(patient(treatment_choice="mesotherapy"), CATALOG)
    assert not choice_in_plan(patient(treatment_choice="youth_vaccine"), CATALOG)


def test_choosing_what_is_already_planned_says_nothing_changed():
    outcome = apply_choice(patient(), "mesotherapy", CATALOG)
    assert outcome.allowed
    assert outcome.treatments == tuple(t.model_dump() for t in patient().treatments)
    assert any("already uses" in m for m in outcome.messages)


@pytest.mark.parametrize(
    ("fields", "option", "words"),
    [
        ({"history": HA_ALLERGY}, "youth_vaccine", "Hyaluronic acid"),
        ({"history": HA_ALLERGY}, "needle_free", "Hyaluronic acid"),
        ({"history": {"allergies": ["local_anaesthetic"]}}, "mesotherapy", "anaesthetic"),
        ({"history": {"pregnant": True}}, "needle_free", "Not eligible"),
        ({"history": {"active_skin_infection": True}}, "mesotherapy", "Deferred"),
        ({"areas": [], "treatments": []}, "mesotherapy", "No treatment areas"),
        ({"areas": ["scalp"], "treatments": []}, "youth_vaccine", "not used on any"),
    ],
    ids=["ha-youth", "ha-needle-free", "cream", "pregnant", "deferred", "no-areas", "scalp"],
)
def test_a_choice_the_screening_or_the_areas_forbid_is_refused_with_the_reason(
    fields, option, words
):
    outcome = apply_choice(patient(**fields), option, CATALOG)
    assert not outcome.allowed
    assert not outcome.treatments
    assert words in " ".join(outcome.messages)


def test_the_choice_allowed_for_an_anaesthetic_allergy_makes_the_plan_screen_clean():
    allergic = patient(history={"allergies": ["local_anaesthetic"]})
    assert screen(allergic).status == "not_eligible"  # the planned mesolift needs the cream
    outcome = apply_choice(allergic, "needle_free", CATALOG)
    chosen = Consultation.model_validate(
        allergic.model_dump()
        | {"treatment_choice": "needle_free", "treatments": list(outcome.treatments)}
    )
    assert screen(chosen).status == "eligible_with_cautions"


# --- properties ------------------------------------------------------------------------------

HISTORY_QUESTIONS = [name for name in ALL_NO if name != "allergies"]


@settings(max_examples=60, deadline=None)
@given(
    allergies=st.lists(st.sampled_from(sorted(CATALOG.ingredients)), unique=True, max_size=3),
    concerns=st.lists(st.sampled_from(sorted(CATALOG.concerns)), unique=True, max_size=4),
    wishes=st.lists(st.sampled_from(sorted(CATALOG.wishes)), unique=True),
    yes=st.lists(st.sampled_from(HISTORY_QUESTIONS), unique=True, max_size=2),
)
def test_never_recommends_or_accepts_what_the_screening_forbids(allergies, concerns, wishes, yes):
    history = {"allergies": allergies} | {question: True for question in yes}
    someone = patient(history=history, concerns=concerns, wishes=wishes)
    recommendation = recommend_option(someone, CATALOG)
    status = screen(someone.model_copy(update={"treatments": []})).status
    if status in ("not_eligible", "deferred"):
        assert recommendation.option is None
    for option_id, option in CATALOG.comparison.items():
        contains = set(CATALOG.cocktail_ingredients(option.cocktail)) & set(allergies)
        forbidden = contains or status in ("not_eligible", "deferred")
        if forbidden:
            assert recommendation.option != option_id
            assert option_id in recommendation.ruled_out
            assert not apply_choice(someone, option_id, CATALOG).allowed
