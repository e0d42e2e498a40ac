"""The area diagram: every area is a tap target carrying its id, chosen and suggested areas look
different, a tap toggles, junk in a selection is ignored, and bad layout content fails clearly."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesocore.bodymap import SPOT_SIZE, area_figure, areas_after_tap, tapped_areas, toggle
from mesocore.catalog import CatalogError, get_catalog, load_catalog
from tests.conftest import ROOT, assert_bad_content_fails

CATALOG = get_catalog()
AREAS = list(CATALOG.areas)


def spots(fig) -> dict[str, dict]:
    """area id -> its marker's colour, label and size, read back from the figure."""
    found = {}
    for trace in fig.data:
        for index, area in enumerate(trace.customdata):
            found[area] = {
                "colour": trace.marker.color[index],
                "text": trace.text[index],
                "size": trace.marker.size,
            }
    return found


def test_every_area_is_on_the_diagram_once_with_its_id_in_customdata():
    fig = area_figure([], [])
    ids = [area for trace in fig.data for area in trace.customdata]
    assert sorted(ids) == sorted(AREAS)


def test_the_face_and_the_body_are_two_views():
    fig = area_figure([], [])
    assert len(fig.data) == 2
    face, body = (set(trace.customdata) for trace in fig.data)
    assert {"face", "scalp", "under_eye", "double_chin", "neck"} == face
    assert {"abdomen", "legs", "feet", "hands"} <= body


def test_chosen_and_suggested_areas_differ_in_colour_and_in_words():
    found = spots(area_figure(["face"], ["neck", "face"]))
    assert found["face"]["text"].startswith("✓")
    assert "★" in found["neck"]["text"]
    assert found["legs"]["text"] == "Legs"
    assert len({found[a]["colour"] for a in ("face", "neck", "legs")}) == 3


def test_tap_targets_are_finger_sized_and_the_diagram_does_not_zoom_or_drag():
    fig = area_figure([], [])
    assert all(spot["size"] >= 40 for spot in spots(fig).values())
    assert SPOT_SIZE >= 40
    assert fig.layout.dragmode is False
    assert fig.layout.xaxis.fixedrange and fig.layout.yaxis2.fixedrange
    assert all(trace.hoverinfo == "none" for trace in fig.data)  # taps still register


def test_labels_follow_the_locale():
    found = spots(area_figure([], [], locale="tr"))
    assert found["decollete"]["text"] == "Dekolte"
    assert found["scalp"]["text"] == "Saçlı deri"


SELECTIONS = [
    # (case, selection event, chosen before, chosen after)
    ("tap_adds", {"points": [{"customdata": "scalp"}]}, ["face"], ["face", "scalp"]),
    ("tap_again_removes", {"points": [{"customdata": "face"}]}, ["face", "neck"], ["neck"]),
    ("list_customdata", {"points": [{"customdata": ["legs"]}]}, [], ["legs"]),
    ("empty_selection_keeps", {"points": []}, ["face"], ["face"]),
    ("none_keeps", None, ["face"], ["face"]),
    ("unknown_id_ignored", {"points": [{"customdata": "tail"}]}, ["face"], ["face"]),
    ("no_customdata_ignored", {"points": [{"x": 1, "y": 2}]}, ["face"], ["face"]),
    ("junk_point_ignored", {"points": ["face", 3, None]}, ["neck"], ["neck"]),
    ("same_area_twice_counts_once", {"points": [{"customdata": "legs"}] * 2}, [], ["legs"]),
    (
        "box_of_two_toggles_each",
        {"points": [{"customdata": "face"}, {"customdata": "arms"}]},
        ["face"],
        ["arms"],
    ),
]


@pytest.mark.parametrize(
    ("selection", "before", "after"),
    [row[1:] for row in SELECTIONS],
    ids=[row[0] for row in SELECTIONS],
)
def test_a_selection_event_toggles_the_tapped_areas(selection, before, after):
    assert areas_after_tap(before, selection) == after


def test_the_streamlit_event_shape_is_understood():
    # What st.plotly_chart(on_select=...) stores: selection.points with customdata per point.
    event = {
        "selection": {
            "points": [
                {"curve_number": 1, "point_number": 2, "point_index": 2, "customdata": "hips"}
            ],
            "point_indices": [2],
            "box": [],
            "lasso": [],
        }
    }
    assert tapped_areas(event["selection"], AREAS) == ["hips"]


@given(st.lists(st.sampled_from(AREAS), unique=True), st.sampled_from(AREAS))
def test_tapping_the_same_area_twice_restores_the_choice(chosen, area):
    once = toggle(chosen, [area])
    assert (area in once) != (area in chosen)
    assert toggle(once, [area]) == [a for a in chosen if a != area] + (
        [area] if area in chosen else []
    )
    assert sorted(toggle(once, [area])) == sorted(chosen)


def test_importing_mesocore_does_not_import_plotly():
    code = "import sys, mesocore.bodymap, mesocore.recommend; print('plotly' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


BAD_LAYOUT = [
    ('area = "feet"', 'area = "tail"', ["bodymap.toml", "'tail'", "area"]),
    ('area = "feet"', 'area = "legs"', ["bodymap.toml", "'legs'", "two spots"]),
    ("x = 0.53", "x = 9", ["bodymap.toml", "'hands'", "outside"]),
    ('label = "left"', 'label = "behind"', ["bodymap.toml", "label"]),
    ('kind = "path"', 'kind = "blob"', ["bodymap.toml", "outline", "kind"]),
]


@pytest.mark.parametrize(("old", "new", "words"), BAD_LAYOUT, ids=[r[2][-1] for r in BAD_LAYOUT])
def test_a_bad_diagram_layout_fails_with_file_entry_and_field(content, old, new, words):
    assert_bad_content_fails(content, "bodymap.toml", old, new, words)


def test_an_area_without_a_spot_is_named(content):
    path = content / "bodymap.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('[[spot]]\narea = "feet"')
    path.write_text(text[:start], encoding="utf-8")
    with pytest.raises(CatalogError, match=r"bodymap\.toml: spot 'feet'.*no spot"):
        load_catalog(content)
