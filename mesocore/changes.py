"""Changes the doctor makes to the plan, as functions: each takes a Consultation and returns a
new, validated one (with what else the change did, to say it once), never a patch.

The rule that visits moved on the Timeline are re-planned when a change alters what their keys
stand for (``planning.moves_still_apply``) lives here once, for every step that changes areas,
cocktails or the course. pydantic's ValidationError names the field when a change is refused;
the consultation given is never modified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from mesocore.catalog import Catalog, get_catalog
from mesocore.models import Consultation, Treatment
from mesocore.planning import moves_still_apply
from mesocore.treatments import keep_course_choices


@dataclass(frozen=True)
class Changed:
    """A change's result: the new consultation, and what the doctor is told about it."""

    consultation: Consultation
    replanned: bool = False
    """Visits moved on the Timeline were dropped: the course is planned again from its start."""
    dropped: tuple[str, ...] = ()
    """Areas whose treatment went with them."""


def _with_treatments(
    consultation: Consultation,
    treatments: list[dict[str, Any]],
    catalog: Catalog,
    **also: Any,
) -> Changed:
    """`treatments` (dumps) in place of the consultation's, moved visits kept only while they
    still mean the same visits."""
    after = [Treatment.model_validate(tr) for tr in treatments]
    replan = bool(consultation.visit_dates) and not moves_still_apply(
        consultation.treatments, after, catalog
    )
    changes: dict[str, Any] = {"treatments": treatments, **also}
    if replan:
        changes["visit_dates"] = {}
    return Changed(consultation.revised(**changes), replanned=replan)


def with_areas(
    consultation: Consultation,
    areas: list[str],
    catalog: Catalog | None = None,
    sides: dict[str, str] | None = None,
) -> Changed:
    """The chosen areas, and the sides of those treated on one side (None: each area still
    chosen keeps its side); treatments of areas no longer chosen go with them."""
    catalog = catalog or get_catalog()
    if sides is None:
        sides = {area: side for area, side in consultation.area_sides.items() if area in areas}
    kept = [tr.model_dump() for tr in consultation.treatments if tr.area in areas]
    changed = _with_treatments(consultation, kept, catalog, areas=areas, area_sides=sides)
    dropped = tuple(tr.area for tr in consultation.treatments if tr.area not in areas)
    return Changed(changed.consultation, changed.replanned, dropped)


def with_treatment(
    consultation: Consultation,
    area: str,
    treatment: dict[str, Any] | None,
    catalog: Catalog | None = None,
) -> Changed:
    """`treatment` (a Treatment dump) for `area`, or none; the others stay, in area order, and
    the doctor's course choices stay where the area keeps its protocol."""
    catalog = catalog or get_catalog()
    others = [tr.model_dump() for tr in consultation.treatments if tr.area != area]
    treatments = [*others, treatment] if treatment else others
    order = {name: index for index, name in enumerate(consultation.areas)}
    treatments.sort(key=lambda tr: order.get(tr["area"], len(order)))
    treatments = keep_course_choices(consultation.treatments, treatments, catalog)
    return _with_treatments(consultation, treatments, catalog)


def with_course(consultation: Consultation, choices: dict[str, dict[str, int | None]]) -> Changed:
    """Course choices per area (``{"face": {"sessions": 4}}``; None: the protocol's default).
    A course change re-plans from the start date: moved visits are dropped."""
    treatments = [tr.model_dump() for tr in consultation.treatments]
    for treatment in treatments:
        treatment.update(choices.get(treatment["area"], {}))
    replan = bool(consultation.visit_dates)
    changes: dict[str, Any] = {"treatments": treatments}
    if replan:
        changes["visit_dates"] = {}
    return Changed(consultation.revised(**changes), replanned=replan)


def with_start(consultation: Consultation, start: dt.date | None) -> Changed:
    """A new start date: the whole course is planned again from it (moves dropped)."""
    replan = bool(consultation.visit_dates)
    return Changed(consultation.revised(start_date=start, visit_dates={}), replanned=replan)


__all__ = ["Changed", "with_areas", "with_course", "with_start", "with_treatment"]
