"""Answers changed after later steps are done: every output must follow the model.

Found in exploratory QA: the consultation is walked forward (cocktails, choice, consent, moved
visits), then an earlier answer changes; the final summary, the plan and the file must still say
what the model says, never a stale or contradicting thing.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from mesocore.catalog import get_catalog
from mesocore.consent import confirm, final_export_problem
from mesocore.models import Consent, Consultation
from tests.factories import consultation

CATALOG = get_catalog()
NOW = datetime(2026, 11, 22, 15, 30, tzinfo=UTC)


def consented(c: Consultation) -> Consultation:
    drafted = c.model_copy(
        update={"consent": Consent(statements=list(CATALOG.consent), patient_name=c.patient.name)}
    )
    return drafted.model_copy(update={"consent": confirm(drafted, NOW)})


def with_history(c: Consultation, **answers) -> Consultation:
    return Consultation.model_validate(
        {**c.model_dump(), "history": {**c.history.model_dump(), **answers}}
    )


@pytest.mark.parametrize(
    ("allergies", "waits_for"),
    [
        (["hyaluronic_acid"], "Cocktails"),  # in the planned Mesolift: change the cocktail first
        (["local_anaesthetic"], "Cocktails"),  # the cream the planned course numbs with
        (["enzymes"], "confirm consent again"),  # in no planned treatment: only the history
    ],
)
def test_final_summary_waits_while_a_planned_treatment_contains_an_allergen(allergies, waits_for):
    """An allergy recorded after consent to an ingredient of the planned cocktail makes the
    screening 'not eligible' for that plan, but the patient is not ruled out: the final summary
    must not be issued saying she is not eligible for mesotherapy; the doctor changes the
    cocktail first. Any allergy recorded after consent changes the history she confirmed."""
    changed = with_history(consented(consultation()), allergies=allergies)
    problem = final_export_problem(changed)
    assert problem is not None
    assert waits_for in problem


def test_a_patient_ruled_out_on_her_own_still_gets_her_final_summary():
    """Not eligible for a reason of her own (pregnancy): the final summary records why, with or
    without an allergen in the old plan."""
    changed = with_history(consultation(), pregnant=True, allergies=["hyaluronic_acid"])
    assert final_export_problem(changed) is None


# --- visits moved on the Timeline, then an area or a cocktail changes --------------------------


def two_series(**visit_dates) -> Consultation:
    """Face and neck on Mesolift at different intervals: two series of visits (``session-2``
    is the face's, ``s2-session-2`` the neck's), with the given visits moved."""
    base = consultation().model_dump()
    base["treatments"] = [
        {"area": "face", "cocktail": "mesolift", "interval_days": 7},
        {"area": "neck", "cocktail": "mesolift", "interval_days": 14},
    ]
    base["visit_dates"] = visit_dates
    return Consultation.model_validate(base)


def neck_only(c: Consultation) -> list:
    return [tr for tr in c.treatments if tr.area == "neck"]


@pytest.mark.parametrize(
    ("change", "still_apply"),
    [
        ("nothing", True),
        ("remove_face", False),  # the neck's visits become series 1: keys name other visits
        ("neck_to_youth_vaccine", False),  # another protocol and interval
        ("neck_custom_same_course", True),  # a custom mix keeps the standard course
    ],
)
def test_moved_visits_apply_only_while_their_keys_name_the_same_visits(change, still_apply):
    from mesocore.models import Treatment
    from mesocore.planning import moves_still_apply

    before = two_series().treatments
    face, neck = before
    after = {
        "nothing": before,
        "remove_face": [neck],
        "neck_to_youth_vaccine": [face, Treatment(area="neck", cocktail="youth_vaccine")],
        "neck_custom_same_course": [
            face,
            Treatment(
                area="neck", cocktail="custom", ingredients=["vitamins_ace"], interval_days=14
            ),
        ],
    }[change]
    assert moves_still_apply(before, after, CATALOG) is still_apply


def test_removing_an_area_does_not_hand_its_moved_visit_to_another_area():
    """Found in QA: the face's session 2 moved on the Timeline, then the face removed on the
    Areas step: the neck's session 2 silently took the face's moved date."""
    from datetime import timedelta

    from mesocore.planning import plan_course
    from tests.conftest import ROOT, open_page, widget_key

    c = two_series()
    moved_to = plan_course(c).visit("session-2").date + timedelta(days=2)
    at = open_page(ROOT / "pages" / "areas.py", two_series(**{"session-2": moved_to}))
    at.pills(key=widget_key(at, "areas")).set_value(["neck"]).run()
    assert not at.exception
    after = at.session_state["consultation"]
    assert [tr.area for tr in after.treatments] == ["neck"]
    assert after.visit_dates == {}
    assert moved_to not in [v.date for v in plan_course(after).visits]


def test_changing_a_cocktail_re_plans_visits_moved_for_the_old_course():
    from datetime import timedelta

    from mesocore.planning import plan_course
    from tests.conftest import ROOT, open_page

    c = two_series()
    moved_to = plan_course(c).visit("s2-session-2").date + timedelta(days=2)
    at = open_page(ROOT / "pages" / "cocktails.py", two_series(**{"s2-session-2": moved_to}))
    at.radio(key="w:treatment.neck").set_value("youth_vaccine").run()
    assert not at.exception
    after = at.session_state["consultation"]
    assert [(tr.area, tr.cocktail) for tr in after.treatments][1] == ("neck", "youth_vaccine")
    assert after.visit_dates == {}
    assert any("re-planned" in info.value for info in at.info)


@pytest.mark.parametrize("second", ["mesolift", "youth_vaccine"])
def test_a_file_with_two_treatments_for_one_area_is_refused_naming_the_field(
    second, tmp_path, capsys
):
    """Found in QA: such a file planned Mesolift and the youth vaccine on the same face visits
    (the Cocktails step showed only one); the CLI now says which field is wrong."""
    from mesocore.cli import main

    data = consultation().model_dump(mode="json")
    data["treatments"].append({"area": "face", "cocktail": second})
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["plan", str(path)]) == 2
    assert "treatments: area 'face' has more than one treatment" in capsys.readouterr().err
