"""Tri-state answers (yes / no / not answered) for widgets bound to the Consultation.

A medical-history answer is ``True``, ``False`` or ``None`` (not asked yet). The widget shows all
three as explicit options, so "not answered" is something the doctor can see and never looks
like "no"; a checkbox would silently default to "no".
"""

from __future__ import annotations

from typing import Literal

Choice = Literal["yes", "no", "unknown"]
CHOICES: tuple[Choice, ...] = ("yes", "no", "unknown")

_TO_WIDGET: dict[bool | None, Choice] = {True: "yes", False: "no", None: "unknown"}
_TO_MODEL: dict[str | None, bool | None] = {"yes": True, "no": False, "unknown": None, None: None}


def to_widget(answer: bool | None) -> Choice:
    return _TO_WIDGET[answer]


def to_model(choice: str | None) -> bool | None:
    """Anything but an explicit "yes" or "no" is unknown (fail safe)."""
    return _TO_MODEL.get(choice)
