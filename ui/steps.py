"""The steps of a consultation, in the order the doctor walks them, and the saved-consultations
page that is not a step. app.py registers one page per entry (``pages/<id>.py``); the step bar
shows the steps; the Consultations page continues with the first step after opening a record."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = ROOT / "pages"


@dataclass(frozen=True)
class Step:
    id: str

    @property
    def path(self) -> Path:
        return PAGES_DIR / f"{self.id}.py"


STEPS = (
    Step("assessment"),
    Step("screening"),
    Step("areas"),
    Step("cocktails"),
    Step("compare"),
    Step("timeline"),
    Step("summary"),
)
CONSULTATIONS = Step("consultations")
ALL = (*STEPS, CONSULTATIONS)
FIRST = STEPS[0]


def by_id(step_id: str) -> Step:
    return next(step for step in ALL if step.id == step_id)


def following(step_id: str) -> Step | None:
    """The step after `step_id` in the consultation (None after the last, or off the steps)."""
    ids = [step.id for step in STEPS]
    if step_id not in ids or step_id == ids[-1]:
        return None
    return STEPS[ids.index(step_id) + 1]


def after_screening(step_id: str) -> bool:
    """Whether the step comes after the screening (those show the screening's verdict)."""
    ids = [step.id for step in STEPS]
    return step_id in ids[ids.index("screening") + 1 :]
