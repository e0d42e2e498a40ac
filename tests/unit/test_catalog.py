"""The content catalog: every file loads, every citation resolves, bad entries fail clearly."""

from __future__ import annotations

import tomllib

import pytest

from mesocore.catalog import CONTENT_DIR, REQUIRED_IDS, CatalogError, get_catalog, load_catalog
from tests.conftest import assert_bad_content_fails

SEED_SOURCES = {"seed-000", "seed-001", "seed-002", "seed-003", "seed-004", "clinic-default"}


def test_shipped_content_loads():
    catalog = load_catalog()
    assert catalog.cocktails and catalog.rules and catalog.protocols


@pytest.mark.parametrize("collection", sorted(REQUIRED_IDS))
def test_every_id_the_file_contract_requires_exists(collection):
    assert set(REQUIRED_IDS[collection]) <= set(getattr(get_catalog(), collection))


def test_sources_are_the_seed_documents_and_the_clinic_default():
    assert set(get_catalog().sources) == SEED_SOURCES


def test_every_clinical_statement_cites_a_known_source():
    catalog = get_catalog()
    collections = [
        "concerns",
        "areas",
        "ingredients",
        "protocols",
        "cocktails",
        "rules",
        "aftercare",
        "side_effects",
        "comparison",
    ]
    for name in collections:
        for entry in getattr(catalog, name).values():
            assert entry.sources, f"{name}/{entry.id} cites nothing"
            assert set(entry.sources) <= set(catalog.sources)


def test_no_content_file_refers_to_a_path_outside_the_project():
    for path in CONTENT_DIR.rglob("*.toml"):
        assert "../" not in path.read_text(encoding="utf-8"), path


def test_protocols_follow_the_seeds():
    standard = get_catalog().protocols["standard"]
    assert standard.sessions == (4, 5)
    assert standard.interval_days == (7, 14)
    assert standard.booster_months == (6, 12)


def test_the_anaesthetic_cream_counts_as_an_ingredient_of_needle_cocktails():
    catalog = get_catalog()
    assert "local_anaesthetic" in catalog.cocktail_ingredients("mesolift")
    assert "local_anaesthetic" not in catalog.cocktail_ingredients("needle_free")


def test_youth_vaccine_is_pure_high_concentration_non_cross_linked_ha():
    youth = get_catalog().cocktails["youth_vaccine"]
    assert youth.ingredients == ("hyaluronic_acid",)
    assert youth.ha == "high" and youth.cross_linked is False


BAD_ENTRIES = [
    # (file, old, new, the words the error must contain)
    (
        "areas.toml",
        "session_minutes = [15, 30]",
        'session_minutes = "long"',
        ["areas.toml", "'face'", "session_minutes"],
    ),
    (
        "areas.toml",
        'region = "face"',
        'region = "face"\ncolour = "red"',
        ["areas.toml", "'face'", "colour"],
    ),
    (
        "areas.toml",
        'treats = ["hair_loss"]',
        'treats = ["baldness"]',
        ["areas.toml", "'scalp'", "treats", "baldness"],
    ),
    (
        "cocktails.toml",
        'protocol = "body"',
        'protocol = "gym"',
        ["cocktails.toml", "'lipolytic'", "protocol"],
    ),
    (
        "cocktails.toml",
        'ingredients = ["hyaluronic_acid"]\n',
        'ingredients = ["snake_oil"]\n',
        ["cocktails.toml", "'youth_vaccine'", "ingredients", "snake_oil"],
    ),
    (
        "concerns.toml",
        'sources = ["seed-002"]',
        'sources = ["../shared/seeds/002.txt"]',
        ["concerns.toml", "'dullness'", "sources"],
    ),
    (
        "concerns.toml",
        'sources = ["seed-002"]',
        "sources = []",
        ["concerns.toml", "'dullness'", "sources"],
    ),
    (
        "contraindications.toml",
        'question = "cancer"',
        'question = "cancr"',
        ["contraindications.toml", "'CI-CANCER'", "question"],
    ),
    (
        "contraindications.toml",
        'severity = "deferred"',
        'severity = "fine"',
        ["contraindications.toml", "severity"],
    ),
    (
        "protocols.toml",
        "default_sessions = 3",
        "default_sessions = 9",
        ["protocols.toml", "'youth_vaccine'", "default_sessions"],
    ),
    ("aftercare.toml", "hours = 6\n", "", ["aftercare.toml", "'AC-NO-WATER'", "hours"]),
    (
        "comparison.toml",
        'cocktail = "needle_free"',
        'cocktail = "laser"',
        ["comparison.toml", "'needle_free'", "cocktail"],
    ),
    ("areas.toml", 'id = "feet"', 'id = "face"', ["areas.toml", "'face'", "duplicate"]),
    ("areas.toml", 'id = "hands"', 'id = "palms"', ["areas.toml", "'hands'", "required"]),
    (
        "concerns.toml",
        'name = { en = "Dullness"',
        'name = { de = "Mattheit"',
        ["concerns.toml", "'dullness'", "name"],
    ),
    ("side_effects.toml", "[[side_effect]]", "[[side_effect]\n", ["side_effects.toml", "TOML"]),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "words"),
    BAD_ENTRIES,
    ids=[f"{row[0]}:{row[3][-1]}" for row in BAD_ENTRIES],
)
def test_a_bad_entry_fails_with_file_entry_and_field(content, file, old, new, words):
    assert_bad_content_fails(content, file, old, new, words)


def test_a_missing_file_is_named(content):
    (content / "aftercare.toml").unlink()
    with pytest.raises(CatalogError, match=r"aftercare\.toml.*missing"):
        load_catalog(content)


def test_every_content_file_is_valid_toml():
    for path in CONTENT_DIR.rglob("*.toml"):
        with path.open("rb") as handle:
            tomllib.load(handle)
