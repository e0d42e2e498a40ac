"""Small factories for tests: a consultation built from a few overrides."""

from __future__ import annotations

from datetime import date

from mesocore.demo import ALL_NO, demo_consultation
from mesocore.models import Consultation

TODAY = date(2026, 11, 22)


def consultation(**history: object) -> Consultation:
    """The demo patient (fully screened, eligible) with some history answers replaced."""
    base = demo_consultation(today=TODAY)
    return base.model_copy(update={"history": base.history.model_copy(update=history)})


def blank(**fields: object) -> Consultation:
    return Consultation(consultation_date=TODAY, **fields)


__all__ = ["ALL_NO", "TODAY", "blank", "consultation"]
