"""The area map: every area has its zones (both sides of a sided one) on the body part itself,
each a fingertip or more and on top where a finger lands; a tap toggles exactly one zone; the
consultation records a side only where it means something; bad layout content fails clearly."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mesocore.bodymap import (
    after_taps,
    area_label,
    chosen_zones,
    from_zones,
    map_data,
    map_sex,
    map_svg,
    outline_sexes,
    silhouette_polygon,
    toggle_zone,
    zone_label,
)
from mesocore.catalog import FINGER, REQUIRED_IDS, CatalogError, get_catalog, inside, load_catalog
from mesocore.models import Consultation, consultation_schema
from tests.conftest import ROOT, assert_bad_content_fails

CATALOG = get_catalog()
ZONES = CATALOG.bodymap.zones
AREAS = list(CATALOG.areas)
SIDED = [area for area in AREAS if CATALOG.areas[area].sided]
PORTRAIT_SCALE = 0.96  # the smallest scale the map is drawn at (a portrait tablet)


def test_every_area_has_its_zones_and_sided_areas_one_per_side():
    for area in AREAS:
        expected = {f"{area}:left", f"{area}:right"} if area in SIDED else {area}
        assert {z for z, zone in ZONES.items() if zone.area == area} == expected


def test_the_contract_areas_stay_and_the_back_view_adds_buttocks_and_back_of_thighs():
    assert set(REQUIRED_IDS["areas"]) <= set(AREAS)
    assert {"buttocks", "back_of_thighs"} <= set(AREAS)
    back = {zone.area for zone in ZONES.values() if zone.view == "back"}
    assert {"buttocks", "back_of_thighs", "hips"} <= back


def test_limbs_and_body_parts_are_sided_the_face_and_trunk_are_not():
    assert set(SIDED) == {"arms", "hands", "legs", "feet", "hips", "buttocks", "back_of_thighs"}


def test_every_hit_target_is_at_least_44_px_wide_and_high_on_a_portrait_tablet():
    assert FINGER * PORTRAIT_SCALE >= 44
    for zone in ZONES.values():
        for hit in zone.hits:
            xs, ys = [x for x, _ in hit], [y for _, y in hit]
            assert max(xs) - min(xs) >= FINGER, zone.id
            assert max(ys) - min(ys) >= FINGER, zone.id


def _top_zone(view: str, point) -> str | None:
    """The zone a finger at `point` reaches: the last drawn whose hit contains it."""
    found = None
    for zone in ZONES.values():
        if zone.view == view and any(inside(point, hit) for hit in zone.hits):
            found = zone.id
    return found


def _square_reaches_only(zone, centre, half) -> bool:
    cx, cy = centre
    steps = [-0.99, -0.5, 0, 0.5, 0.99]
    return all(
        _top_zone(zone.view, (cx + dx * half, cy + dy * half)) == zone.id
        for dx in steps
        for dy in steps
    )


def test_every_zone_keeps_a_44_px_square_where_a_finger_reaches_it_and_nothing_else():
    """Zones may overlap (a later one lies on top); what is left of each hit polygon on top must
    still hold a fingertip: a 44-px square on a portrait tablet."""
    half = 44 / PORTRAIT_SCALE / 2
    for zone in ZONES.values():
        for hit in zone.hits:
            xs, ys = [x for x, _ in hit], [y for _, y in hit]
            low_x, high_x = min(xs) + half, max(xs) - half
            low_y, high_y = min(ys) + half, max(ys) - half
            centres = [
                (low_x + (high_x - low_x) * i / 24, low_y + (high_y - low_y) * j / 24)
                for i in range(25)
                for j in range(25)
            ]
            assert any(_square_reaches_only(zone, c, half) for c in centres), zone.id


def test_a_tap_on_a_zones_mark_reaches_that_zone():
    for zone in ZONES.values():
        for mark in zone.marks:
            assert _top_zone(zone.view, mark) == zone.id, zone.id


@pytest.mark.parametrize("sex", ["female", "male", "neutral"])
def test_every_mark_sits_on_the_body_part_of_each_outline(sex):
    for zone in ZONES.values():
        if zone.shapes:
            continue  # drawn shapes: see the next test
        outline = silhouette_polygon(zone.view, sex)
        for mark in zone.marks:
            assert inside(mark, tuple(outline)), (zone.id, sex, mark)


def test_drawn_zone_shapes_contain_their_marks():
    for zone in ZONES.values():
        for shape, mark in zip(zone.shapes, zone.marks, strict=False):
            assert inside(mark, shape), zone.id


def test_the_patients_left_is_on_the_viewers_right_from_the_front_and_left_from_the_back():
    for zone in ZONES.values():
        if zone.side is None:
            continue
        view = CATALOG.bodymap.views[zone.view]
        on_viewers_right = zone.marks[0][0] > view.centre
        assert on_viewers_right == ((zone.side == "left") == (view.facing == "front")), zone.id


def test_the_body_views_follow_the_recorded_sex_and_the_face_is_neutral():
    assert set(outline_sexes("front")) == {"female", "male", "neutral"}
    assert set(outline_sexes("back")) == {"female", "male", "neutral"}
    assert outline_sexes("face") == ["neutral"]
    assert [map_sex(s) for s in ("female", "male", "other", None)] == [
        "female",
        "male",
        "neutral",
        "neutral",
    ]


# --- a tap toggles exactly one zone ---------------------------------------------------------------

TAPS = [
    # (case, areas before, sides before, taps as (zone, chosen after), areas after, sides after)
    ("adds_a_whole_area", [], {}, [("face", True)], ["face"], {}),
    ("removes_it_again", ["face", "neck"], {}, [("face", False)], ["neck"], {}),
    ("one_side_of_a_sided_area", [], {}, [("arms:left", True)], ["arms"], {"arms": "left"}),
    (
        "second_side_makes_it_whole",
        ["arms"],
        {"arms": "left"},
        [("arms:right", True)],
        ["arms"],
        {},
    ),
    (
        "untap_one_side_keeps_the_other",
        ["legs"],
        {},
        [("legs:left", False)],
        ["legs"],
        {"legs": "right"},
    ),
    ("last_side_removes_the_area", ["feet"], {"feet": "right"}, [("feet:right", False)], [], {}),
    (
        "a_tap_applied_twice_changes_nothing_more",
        [],
        {},
        [("hips:left", True)] * 2,
        ["hips"],
        {"hips": "left"},
    ),
    ("unknown_zone_ignored", ["face"], {}, [("tail", True), ("arms:middle", True)], ["face"], {}),
    (
        "new_areas_follow_in_tap_order",
        ["face"],
        {},
        [("buttocks:right", True), ("scalp", True)],
        ["face", "buttocks", "scalp"],
        {"buttocks": "right"},
    ),
]


@pytest.mark.parametrize(
    ("areas", "sides", "taps", "after", "after_sides"),
    [row[1:] for row in TAPS],
    ids=[row[0] for row in TAPS],
)
def test_taps_on_the_map_change_areas_and_sides(areas, sides, taps, after, after_sides):
    assert after_taps(areas, sides, taps) == (after, after_sides)


consultations = st.lists(st.sampled_from(list(ZONES)), unique=True).map(
    lambda zones: from_zones(zones, [])
)


@settings(max_examples=200, deadline=None)
@given(consultations, st.sampled_from(list(ZONES)))
def test_a_tap_flips_exactly_the_tapped_zone(chosen, zone):
    areas, sides = chosen
    before = set(chosen_zones(areas, sides))
    on = zone not in before
    after = set(chosen_zones(*after_taps(areas, sides, [(zone, on)])))
    assert before ^ after == {zone}
    back = set(chosen_zones(*after_taps(*after_taps(areas, sides, [(zone, on)]), [(zone, not on)])))
    assert back == before


@settings(max_examples=200, deadline=None)
@given(consultations)
def test_zones_and_areas_translate_both_ways(chosen):
    areas, sides = chosen
    assert from_zones(chosen_zones(areas, sides), areas) == (areas, sides)
    Consultation(areas=areas, area_sides=sides)  # always a valid consultation


def test_toggle_zone_adds_last_and_removes_in_place():
    assert toggle_zone(["face", "neck"], "scalp") == ["face", "neck", "scalp"]
    assert toggle_zone(["face", "neck", "scalp"], "neck") == ["face", "scalp"]


# --- names, drawing and data ----------------------------------------------------------------------


def test_zones_are_named_in_the_consultations_language_with_their_side():
    assert zone_label("arms:left", "en") == "Arms, left"
    assert zone_label("buttocks:right", "tr") == "Kalça, sağ"
    assert zone_label("under_eye", "tr") == "Göz altı"
    c = Consultation(areas=["arms", "legs"], area_sides={"arms": "left"})
    assert area_label("arms", c, "en") == "Arms (left only)"
    assert area_label("legs", c, "tr") == "Bacaklar"


def test_the_drawing_has_one_button_per_zone_and_nothing_from_outside():
    html = map_svg()
    found = re.findall(r'<g class="zone" role="button" tabindex="0"[^>]*data-zone="([^"]+)"', html)
    assert sorted(found) == sorted(ZONES)
    assert "http" not in html and "<script" not in html
    for view in CATALOG.bodymap.views:
        assert f'data-view="{view}"' in html


def test_the_data_of_a_run_names_every_zone_and_says_chosen_suggested_and_sex():
    c = Consultation(
        locale="tr",
        patient={"sex": "male"},
        areas=["face", "arms"],
        area_sides={"arms": "right"},
    )
    data = map_data(c, ["scalp", "legs"], applied=7)
    assert data["chosen"] == ["face", "arms:right"]
    assert data["suggested"] == ["scalp", "legs:right", "legs:left"]
    assert data["sex"] == "male" and data["applied"] == 7
    assert set(data["labels"]) == set(ZONES)
    assert data["labels"]["legs:left"] == "Bacaklar, sol"
    assert data["views"]["back"] == "Arka"
    json.dumps(data)  # what the component gets is plain JSON


def test_importing_mesocore_imports_neither_streamlit_nor_plotly():
    code = (
        "import sys, mesocore, mesocore.bodymap, mesocore.recommend; "
        "print('plotly' in sys.modules, 'streamlit' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False False"


# --- the consultation file: a side only where it means something ----------------------------------


def test_an_older_file_without_sides_loads_unchanged():
    c = Consultation.model_validate_json('{"areas": ["arms", "face"]}')
    assert c.area_sides == {}
    assert chosen_zones(c.areas, c.area_sides) == ["arms:left", "arms:right", "face"]


BAD_SIDES = [
    ("face", {"areas": ["face"], "area_sides": {"face": "left"}}, "treated as a whole"),
    ("not_chosen", {"areas": ["face"], "area_sides": {"arms": "left"}}, "not among the chosen"),
    ("unknown", {"areas": [], "area_sides": {"tail": "left"}}, "unknown area 'tail'"),
    ("middle", {"areas": ["arms"], "area_sides": {"arms": "middle"}}, "area_sides.arms"),
]


@pytest.mark.parametrize(
    ("data", "words"), [r[1:] for r in BAD_SIDES], ids=[r[0] for r in BAD_SIDES]
)
def test_a_bad_side_is_refused_naming_the_field(data, words):
    with pytest.raises(ValidationError) as caught:
        Consultation.model_validate(data)
    assert words in str(caught.value)
    assert "area_sides" in str(caught.value)


def test_the_json_schema_documents_the_sides():
    field = consultation_schema()["properties"]["area_sides"]
    assert "one side" in field["description"]
    assert field["additionalProperties"]["enum"] == ["left", "right"]


# --- bad layout content fails with the file, the entry and the field ------------------------------

BAD_LAYOUT = [
    ('area = "feet"', 'area = "tail"', ["bodymap.toml", "'tail'", "area"]),
    ('area = "feet"', 'area = "legs"', ["bodymap.toml", "legs", "two zones"]),
    ("marks = [[136,490]]", "marks = [[20,20]]", ["bodymap.toml", "'feet'", "outside its hit"]),
    (
        "hits = [[[121,464],[170,464],[170,516],[121,516]]]",
        "hits = [[[121,464],[150,464],[150,516],[121,516]]]",
        ["bodymap.toml", "'feet'", "fingertip"],
    ),
    ('view = "back"\nhits', 'view = "side"\nhits', ["bodymap.toml", "unknown view 'side'"]),
    ('sex = "male"', 'sex = "female"', ["bodymap.toml", "outline", "second female"]),
]


@pytest.mark.parametrize(("old", "new", "words"), BAD_LAYOUT, ids=[r[2][-1] for r in BAD_LAYOUT])
def test_a_bad_map_layout_fails_with_file_entry_and_field(content, old, new, words):
    assert_bad_content_fails(content, "bodymap.toml", old, new, words)


def test_an_area_without_a_zone_is_named(content):
    path = content / "bodymap.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('[[zone]]\narea = "feet"')
    end = text.index("[[zone]]", start + 5)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(CatalogError, match=r"bodymap\.toml: zone 'feet'.*'feet:left' has no zone"):
        load_catalog(content)
