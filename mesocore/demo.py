"""Factories for a realistic demo patient (internal demos) and for tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from mesocore.models import Consultation, History, Patient, Treatment

ALL_NO: dict[str, Any] = {name: False for name in History.model_fields if name != "allergies"} | {
    "allergies": []
}


# What the demo patient says, in the consultation's language (she would say it in Turkish).
DEMO_WORDS = {
    "en": (
        "Fresher, more hydrated skin before her sister's wedding in spring; natural result.",
        "Prefers late-afternoon appointments. Sensitive skin; bruises easily on the neck.",
    ),
    "tr": (
        "Baharda kız kardeşinin düğününden önce daha canlı, daha nemli bir cilt; doğal sonuç.",
        "Öğleden sonra geç saatlerdeki randevuları tercih ediyor. Hassas cilt; boynunda kolay "
        "morarma oluyor.",
    ),
}


def demo_consultation(today: date | None = None, locale: str = "en") -> Consultation:
    """Ayşe Yılmaz, 38: fine wrinkles and dullness on face and neck, fully screened, eligible;
    her goals and the doctor's notes in `locale`."""
    today = today or date.today()
    goals, notes = DEMO_WORDS.get(locale, DEMO_WORDS["en"])
    return Consultation(
        locale=locale,
        consultation_date=today,
        patient=Patient(name="Ayşe Yılmaz", birth_date=date(1988, 4, 12), sex="female"),
        history=History(**ALL_NO),
        concerns=["fine_wrinkles", "dullness"],
        goals=goals,
        notes=notes,
        areas=["face", "neck"],
        treatments=[
            Treatment(area="face", cocktail="mesolift"),
            Treatment(area="neck", cocktail="mesolift"),
        ],
        start_date=today + timedelta(days=7),
    )
