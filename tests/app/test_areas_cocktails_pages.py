"""The Areas and Cocktails steps in AppTest: areas picked with the touch-friendly list (and taps
on the map through AppTest internals), cocktails assigned, the builder refusing an allergen, a
ruled-out patient getting no recommendation, nothing lost between steps."""

from __future__ import annotations

import json

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from mesocore.catalog import get_catalog
from mesocore.demo import demo_consultation
from mesocore.models import Consultation
from tests.conftest import ROOT, open_page

APP = str(ROOT / "app.py")
AREAS = str(ROOT / "pages" / "areas.py")
COCKTAILS = str(ROOT / "pages" / "cocktails.py")


def model(at: AppTest) -> Consultation:
    return at.session_state["consultation"]


def map_data(at: AppTest) -> dict:
    """What the area map (a Components v2 element) was given in the last run."""
    return json.loads(at.get("bidi_component")[0].proto.json)


def map_labels(at: AppTest) -> dict[str, str]:
    """Each area's state on the map, as a word: ✓ chosen (every zone), ★ suggested, or its name
    (the map draws ✓ and ★ marks; it has no text of its own)."""
    data = map_data(at)
    catalog = get_catalog()
    labels = {}
    for area in catalog.areas:
        name = catalog.areas[area].name("en")
        zones = [z for z, zone in catalog.bodymap.zones.items() if zone.area == area]
        if all(z in data["chosen"] for z in zones):
            labels[area] = f"✓ {name}"
        elif all(z in data["suggested"] for z in zones):
            labels[area] = f"{name} ★"
        else:
            labels[area] = name
    return labels


def test_areas_picked_in_the_list_reach_the_model_and_the_diagram():
    at = open_page(AREAS, Consultation(concerns=["hair_loss"]))
    assert at.pills(key="w:areas").value == []
    at.pills(key="w:areas").set_value(["scalp", "legs"]).run()
    assert not at.exception
    assert model(at).areas == ["scalp", "legs"]
    labels = map_labels(at)
    assert labels["scalp"].startswith("✓") and labels["legs"].startswith("✓")
    assert labels["face"] == "Face"


def test_face_concerns_star_face_areas_not_the_feet():
    at = open_page(AREAS, Consultation(concerns=["fine_wrinkles", "sagging"]))
    labels = map_labels(at)
    starred = sorted(area for area, label in labels.items() if "★" in label)
    assert starred == ["decollete", "face", "neck", "under_eye"]
    assert "★" not in at.pills(key="w:areas").format_func("feet")


def test_suggested_areas_are_marked_and_added_with_one_tap():
    at = open_page(AREAS, Consultation(concerns=["localized_fat"]))
    assert "★" in map_labels(at)["abdomen"]
    next(b for b in at.button if b.label == "Add the suggested areas").click().run()
    assert model(at).areas == ["double_chin", "abdomen", "hips", "arms"]


def test_removing_an_area_removes_its_treatment():
    at = open_page(AREAS, demo_consultation())
    at.pills(key="w:areas").set_value(["face"]).run()
    assert model(at).areas == ["face"]
    assert [(t.area, t.cocktail) for t in model(at).treatments] == [("face", "mesolift")]


def test_each_area_card_says_what_it_treats_how_long_and_for_which_concern():
    at = open_page(AREAS, demo_consultation())
    text = " ".join(m.value for m in at.markdown)
    assert "**Face** · Session: 15–30 min" in text
    assert "For this patient: Fine wrinkles, Dullness" in text


def tap_map(at: AppTest, *taps: tuple[int, str, bool]) -> None:
    """Send the map's state value as the browser does: its numbered taps (zone, chosen after)."""
    element = at.get("bidi_component")[0]
    states = at._tree.get_widget_states()
    state = WidgetState(id=element.proto.id)
    state.json_value = json.dumps(
        {"taps": [{"seq": n, "zone": zone, "on": on} for n, zone, on in taps]}
    )
    states.widgets.append(state)
    at._run(states)


def test_a_tap_on_the_map_toggles_the_area_and_the_list_follows():
    # A Components v2 state value cannot be set through the public AppTest API: inject it.
    at = open_page(AREAS, Consultation())
    tap_map(at, (1, "scalp", True))
    assert not at.exception, at.exception
    assert model(at).areas == ["scalp"]
    assert at.pills(key="w:areas").value == ["scalp"]
    assert map_data(at)["applied"] == 1
    tap_map(at, (1, "scalp", True), (2, "scalp", False))
    assert model(at).areas == []


def test_one_side_of_an_arm_is_recorded_and_named_in_the_list():
    at = open_page(AREAS, Consultation())
    tap_map(at, (1, "arms:left", True))
    assert model(at).areas == ["arms"] and model(at).area_sides == {"arms": "left"}
    assert at.pills(key="w:areas").format_func("arms") == "Arms (left only)"
    assert map_data(at)["chosen"] == ["arms:left"]
    tap_map(at, (2, "arms:right", True))
    assert model(at).area_sides == {}
    # The list's tap takes the whole area away, both sides.
    at.pills(key="w:areas").set_value([]).run()
    assert model(at).areas == [] and model(at).area_sides == {}


def test_taps_already_applied_are_not_applied_again():
    at = open_page(AREAS, Consultation())
    tap_map(at, (1, "face", True), (2, "neck", True))
    assert model(at).areas == ["face", "neck"]
    # The browser sends its list again with one more tap: only the new one counts.
    tap_map(at, (1, "face", True), (2, "neck", True), (3, "face", False))
    assert model(at).areas == ["neck"]
    tap_map(at, (3, "face", False))  # a stale repeat changes nothing
    assert model(at).areas == ["neck"]


def test_a_tap_on_an_older_consultations_map_changes_nothing():
    at = open_page(AREAS, Consultation())
    old = at.get("bidi_component")[0]
    next(b for b in at.button if b.label == "New consultation").click().run()
    states = at._tree.get_widget_states()
    state = WidgetState(id=old.proto.id)
    state.json_value = json.dumps({"taps": [{"seq": 1, "zone": "face", "on": True}]})
    states.widgets.append(state)
    at._run(states)
    assert not at.exception
    assert model(at).areas == []


def test_cocktails_are_assigned_per_area_and_kept_across_steps():
    c = demo_consultation().model_copy(update={"areas": ["face", "scalp"], "treatments": []})
    at = open_page(COCKTAILS, c)
    face = at.radio(key="w:treatment.face")
    assert face.options[0] == "Mesolift (facial mesotherapy)"  # the best match comes first
    assert face.value is None
    face.set_value("mesolift").run()
    at.radio(key="w:treatment.scalp").set_value("hair").run()
    assert not at.exception
    assert [(t.area, t.cocktail) for t in model(at).treatments] == [
        ("face", "mesolift"),
        ("scalp", "hair"),
    ]
    at.switch_page(AREAS).run()
    at.switch_page(COCKTAILS).run()
    assert at.radio(key="w:treatment.face").value == "mesolift"
    assert at.radio(key="w:treatment.scalp").value == "hair"


def test_a_bruising_worry_puts_needle_free_first_with_its_reason():
    at = open_page(COCKTAILS, demo_consultation())
    at.pills(key="w:wishes.cocktails").set_value(["avoid_bruising"]).run()
    assert model(at).wishes == ["avoid_bruising"]
    face = at.radio(key="w:treatment.face")
    assert face.options[0] == "Needle-free mesotherapy"
    assert "Meets the patient's wish: Wants to avoid bruising" in face.proto.captions[0]


def test_an_allergen_is_not_offered_and_the_assigned_one_is_flagged():
    c = demo_consultation()
    c = c.model_copy(update={"history": c.history.model_copy(update={"allergies": ["salmon_dna"]})})
    at = open_page(COCKTAILS, c)
    assert "Mesolift (facial mesotherapy)" not in at.radio(key="w:treatment.face").options
    text = " ".join(m.value for m in at.markdown)
    assert ":material/block: Mesolift (facial mesotherapy): contains Salmon DNA" in text
    assert any("Not with this cocktail: choose another" in e.value for e in at.error)  # issue 15


def test_the_builder_refuses_an_allergen_with_the_reason_and_shows_what_the_mix_covers():
    c = demo_consultation()
    c = c.model_copy(update={"history": c.history.model_copy(update={"allergies": ["salmon_dna"]})})
    at = open_page(COCKTAILS, c)
    at.radio(key="w:treatment.face").set_value("custom").run()
    face = next(t for t in model(at).treatments if t.area == "face")
    assert face.cocktail == "custom" and face.ingredients and "salmon_dna" not in face.ingredients
    at.pills(key="w:mix.face").set_value(["vitamins_ace", "salmon_dna"]).run()
    assert not at.exception
    face = next(t for t in model(at).treatments if t.area == "face")
    assert face.ingredients == ["vitamins_ace"]
    assert at.pills(key="w:mix.face").value == ["vitamins_ace"]
    assert any("Salmon DNA cannot be added" in e.value for e in at.error)
    assert any("This mix covers: Fine wrinkles, Dullness" in s.value for s in at.success)


def test_the_last_ingredient_of_a_mix_stays():
    c = demo_consultation()
    at = open_page(COCKTAILS, c)
    at.radio(key="w:treatment.face").set_value("custom").run()
    at.pills(key="w:mix.face").set_value([]).run()
    face = next(t for t in model(at).treatments if t.area == "face")
    assert face.ingredients
    assert any("at least one ingredient" in e.value for e in at.error)


def test_a_ruled_out_patient_gets_no_recommendation_with_the_reason():
    c = demo_consultation()
    c = c.model_copy(update={"history": c.history.model_copy(update={"pregnant": True})})
    at = open_page(COCKTAILS, c)
    assert not at.radio
    errors = " ".join(e.value for e in at.error)
    assert "rules this patient out" in errors and "pregnancy" in errors
    assert [t.cocktail for t in model(at).treatments] == ["mesolift", "mesolift"]  # nothing lost


def test_no_area_chosen_says_where_to_choose_them():
    at = open_page(COCKTAILS, Consultation())
    assert any("Areas step" in i.value for i in at.info)
