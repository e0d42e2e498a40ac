"""Factories for a realistic demo patient (internal demos) and for tests."""

from __future__ import annotations

from datetime import date, timedelta

from mesocore.models import Consultation, History, Patient, Treatment

ALL_NO = {name: False for name in History.model_fields if name != "allergies"} | {"allergies": []}


def demo_consultation(today: date | None = None) -> Consultation:
    """Ayşe Yılmaz, 38: fine wrinkles and dullness on face and neck, fully screened, eligible."""
    today = today or date.today()
    return Consultation(
        consultation_date=today,
        patient=Patient(name="Ayşe Yılmaz", birth_date=date(1988, 4, 12), sex="female"),
        history=History(**ALL_NO),
        concerns=["fine_wrinkles", "dullness"],
        goals="Fresher, more hydrated skin before her sister's wedding in spring; natural result.",
        notes="Prefers late-afternoon appointments. Sensitive skin; bruises easily on the neck.",
        areas=["face", "neck"],
        treatments=[
            Treatment(area="face", cocktail="mesolift"),
            Treatment(area="neck", cocktail="mesolift"),
        ],
        start_date=today + timedelta(days=7),
    )
