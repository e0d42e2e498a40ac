"""Answers changed after later steps are done: every output must follow the model.

Found in exploratory QA: the consultation is walked forward (cocktails, choice, consent, moved
visits), then an earlier answer changes; the final summary, the plan and the file must still say
what the model says, never a stale or contradicting thing.
"""

from __future__ import annotations

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
    ("allergies", "issuable"),
    [
        (["hyaluronic_acid"], False),  # in the planned Mesolift: change the cocktail first
        (["local_anaesthetic"], False),  # the cream the planned course numbs with
        (["enzymes"], True),  # in no planned treatment: the plan stands
    ],
)
def test_final_summary_waits_while_a_planned_treatment_contains_an_allergen(allergies, issuable):
    """An allergy recorded after consent to an ingredient of the planned cocktail makes the
    screening 'not eligible' for that plan, but the patient is not ruled out: the final summary
    must not be issued saying she is not eligible for mesotherapy; the doctor changes the
    cocktail first."""
    changed = with_history(consented(consultation()), allergies=allergies)
    problem = final_export_problem(changed)
    if issuable:
        assert problem is None
    else:
        assert problem is not None
        assert "Cocktails" in problem


def test_a_patient_ruled_out_on_her_own_still_gets_her_final_summary():
    """Not eligible for a reason of her own (pregnancy): the final summary records why, with or
    without an allergen in the old plan."""
    changed = with_history(consultation(), pregnant=True, allergies=["hyaluronic_acid"])
    assert final_export_problem(changed) is None
