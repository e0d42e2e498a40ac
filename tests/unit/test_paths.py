"""mesocore.paths: a widget can be bound to any part of the consultation, a list item included,
and writing returns a new validated consultation, never a patch."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mesocore.paths import PathError, get, put
from tests.factories import consultation


def test_a_field_is_read_and_written_by_its_dotted_path():
    before = consultation()
    after = put(before, "patient.name", "Elif Kaya")
    assert get(after, "patient.name") == "Elif Kaya"
    assert get(before, "patient.name") == "Ayşe Yılmaz"  # the given one is never changed


def test_a_list_item_is_addressed_by_a_field_value_that_stays_put():
    before = consultation()
    after = put(before, "treatments[area=neck].sessions", 4)
    assert [tr.sessions for tr in after.treatments] == [None, 4]
    assert get(after, "treatments[area=neck].sessions") == 4


def test_a_list_item_is_addressed_by_its_position():
    after = put(consultation(), "concerns[1]", "sagging")
    assert after.concerns[1] == "sagging"
    assert get(after, "areas[0]") == "face"


def test_a_value_the_model_refuses_raises_naming_the_field():
    with pytest.raises(ValidationError) as refused:
        put(consultation(), "treatments[area=face].sessions", 99)
    assert "sessions" in str(refused.value)


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("patient.nickname", ["no field 'nickname'"]),
        ("treatments[area=feet].sessions", ["no item has area = feet"]),
        ("areas[9]", ["no item 9"]),
        ("patient.name[0]", ["selects from a list"]),
        ("treatments[sessions].area", ["neither a position nor field=value"]),
        ("patient..name", ["is not a field"]),
    ],
)
def test_a_path_that_names_nothing_is_refused_plainly(path, words):
    with pytest.raises(PathError) as refused:
        put(consultation(), path, "x")
    for word in words:
        assert word in str(refused.value)
