"""Informed consent: the typed name must be the patient's (Turkish-aware), every statement must be
ticked, a later change of the treatment asks again, and the final summary waits for all of it."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from mesocore.catalog import get_catalog
from mesocore.consent import (
    ConsentError,
    confirm,
    consent_problem,
    final_export_problem,
    names_match,
)
from mesocore.models import Consent, Treatment
from tests.factories import blank, consultation

NOW = datetime(2026, 11, 22, 15, 30, tzinfo=UTC)
ALL = list(get_catalog().consent)


@pytest.mark.parametrize(
    ("typed", "name", "match"),
    [
        ("Ayşe Yılmaz", "Ayşe Yılmaz", True),
        ("AYŞE YILMAZ", "Ayşe Yılmaz", True),  # Turkish capital I is dotless
        ("ayşe yılmaz", "AYŞE YILMAZ", True),
        ("  Ayşe   Yılmaz ", "Ayşe Yılmaz", True),
        ("İSMAİL IŞIK", "İsmail Işık", True),
        ("ismail ışık", "İsmail Işık", True),
        ("ISABEL", "Isabel", True),  # a non-Turkish name typed in capitals
        ("isabel", "ISABEL", True),
        ("Ayse Yilmaz", "Ayşe Yılmaz", False),  # different letters
        ("Ayşe Yilmaz", "Ayşe Yılmaz", False),  # dotted i is not dotless ı
        ("Ayşe", "Ayşe Yılmaz", False),
        ("", "Ayşe Yılmaz", False),
        ("", "", False),
    ],
)
def test_typed_name_matches_only_the_patients_name(typed, name, match):
    assert names_match(typed, name) is match


def with_consent(c, statements=ALL, name="AYŞE YILMAZ"):
    return c.model_copy(update={"consent": Consent(statements=statements, patient_name=name)})


def test_confirm_stamps_time_and_scope_when_everything_is_given():
    confirmed = confirm(with_consent(consultation()), NOW)
    assert confirmed.confirmed_at == NOW
    assert confirmed.scope
    assert confirmed.patient_name == "AYŞE YILMAZ"


@pytest.mark.parametrize(
    ("statements", "name", "words"),
    [
        (ALL[:-1], "Ayşe Yılmaz", "1 consent statement"),
        ([], "Ayşe Yılmaz", f"{len(ALL)} consent statement"),
        (ALL, "", "not typed"),
        (ALL, "Ayse Yilmaz", "does not match"),
    ],
)
def test_confirm_refuses_with_a_message_saying_what_is_missing(statements, name, words):
    with pytest.raises(ConsentError, match=words):
        confirm(with_consent(consultation(), statements, name), NOW)


def test_final_export_waits_for_confirmed_consent():
    c = consultation()
    assert "not confirmed" in final_export_problem(
        c
    ) or "consent statement" in final_export_problem(c)
    c = with_consent(c)
    assert final_export_problem(c)  # ticked and typed, but not confirmed yet
    c = c.model_copy(update={"consent": confirm(c, NOW)})
    assert final_export_problem(c) is None


def test_a_treatment_change_after_consent_asks_for_consent_again():
    c = with_consent(consultation())
    c = c.model_copy(update={"consent": confirm(c, NOW)})
    changed = c.model_copy(update={"treatments": [Treatment(area="face", cocktail="mesolift")]})
    assert "changed after consent" in consent_problem(changed)
    assert final_export_problem(changed)


def test_a_moved_visit_or_appointment_time_after_consent_asks_for_consent_again():
    c = with_consent(consultation())
    c = c.model_copy(update={"consent": confirm(c, NOW)})
    assert consent_problem(c) is None
    for change in ({"visit_time": time(9, 30)}, {"visit_dates": {"session-2": c.start_date}}):
        assert "changed after consent" in consent_problem(c.model_copy(update=change))


@pytest.mark.parametrize(
    "history", [{"blood_thinners": True}, {"autoimmune_disease": None}, {"allergies": ["enzymes"]}]
)
def test_a_medical_history_change_after_consent_asks_for_consent_again(history):
    """The patient confirmed that the history given is true and complete."""
    c = with_consent(consultation())
    c = c.model_copy(update={"consent": confirm(c, NOW)})
    changed = c.model_copy(update={"history": c.history.model_copy(update=history)})
    assert "changed after consent" in consent_problem(changed)


def test_another_custom_mix_after_consent_asks_for_consent_again():
    mix = Treatment(area="face", cocktail="custom", ingredients=["hyaluronic_acid"])
    c = with_consent(consultation().model_copy(update={"treatments": [mix]}))
    c = c.model_copy(update={"consent": confirm(c, NOW)})
    assert consent_problem(c) is None
    other = mix.model_copy(update={"ingredients": ["hyaluronic_acid", "vitamins_ace"]})
    assert "changed after consent" in consent_problem(c.model_copy(update={"treatments": [other]}))


def test_a_consent_confirmed_with_the_first_fingerprint_is_still_honoured():
    """Consents stored before the fingerprint held the history and the mix stay valid while
    what they fingerprinted is unchanged (an update withdraws no consent silently)."""
    from mesocore.consent import _fingerprint

    c = with_consent(consultation())
    first = confirm(c, NOW).model_copy(update={"scope": _fingerprint(c, version=1)})
    c = c.model_copy(update={"consent": first})
    assert consent_problem(c) is None
    changed = c.model_copy(update={"treatments": [Treatment(area="face", cocktail="mesolift")]})
    assert "changed after consent" in consent_problem(changed)


def test_a_renamed_patient_after_consent_asks_for_consent_again():
    c = with_consent(consultation())
    c = c.model_copy(update={"consent": confirm(c, NOW)})
    renamed = c.model_copy(update={"patient": c.patient.model_copy(update={"name": "Zeynep Kaya"})})
    assert "does not match" in consent_problem(renamed)


def test_incomplete_screening_blocks_the_final_summary_even_with_consent():
    c = with_consent(consultation(pregnant=None))
    c = c.model_copy(update={"consent": confirm(c, NOW)})
    assert "incomplete" in final_export_problem(c)


def test_a_not_eligible_patient_gets_a_final_summary_without_consent():
    assert final_export_problem(consultation(pregnant=True)) is None


def test_without_a_name_or_a_treatment_there_is_no_final_summary():
    assert "name" in final_export_problem(blank())
    c = consultation().model_copy(update={"treatments": [], "areas": []})
    assert "no treatment" in final_export_problem(c)
