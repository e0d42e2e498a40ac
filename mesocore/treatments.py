"""A planned treatment is a catalog cocktail or the doctor's custom mix (``cocktail="custom"``).

Every step asks the same questions of either kind (its name, its protocol, what it exposes the
patient to); answering them here means no caller indexes ``catalog.cocktails`` with "custom".
"""

from __future__ import annotations

from mesocore.catalog import ANAESTHETIC, Catalog
from mesocore.models import CUSTOM, CUSTOM_PROTOCOL, Treatment


def protocol_id(cocktail_id: str, catalog: Catalog) -> str:
    return CUSTOM_PROTOCOL if cocktail_id == CUSTOM else catalog.cocktails[cocktail_id].protocol


def cocktail_name(cocktail_id: str, catalog: Catalog, locale: str) -> str:
    if cocktail_id == CUSTOM:
        from mesocore.i18n import t

        return t("cocktails.custom", locale)
    return catalog.cocktails[cocktail_id].name(locale)


def mix_ingredients(treatment: Treatment, catalog: Catalog) -> tuple[str, ...]:
    """What is injected: the cocktail's own ingredients, or the custom mix's."""
    if treatment.cocktail == CUSTOM:
        return tuple(treatment.ingredients or ())
    return catalog.cocktails[treatment.cocktail].ingredients


def uses_cream(cocktail_id: str, catalog: Catalog) -> bool:
    return catalog.protocols[protocol_id(cocktail_id, catalog)].anaesthetic_cream_minutes[1] > 0


def treatment_ingredients(treatment: Treatment, catalog: Catalog) -> tuple[str, ...]:
    """What a planned treatment exposes the patient to: the mix, plus the anaesthetic cream
    when its protocol numbs the area first (an allergy to either blocks it)."""
    mix = mix_ingredients(treatment, catalog)
    cream = uses_cream(treatment.cocktail, catalog) and ANAESTHETIC not in mix
    return (*mix, ANAESTHETIC) if cream else mix


COURSE_CHOICES = ("sessions", "interval_days")
"""The doctor's per-treatment course choices (None: the protocol's default)."""


def keep_course_choices(before: list[Treatment], after: list[dict], catalog: Catalog) -> list[dict]:
    """`after` (treatments being written, as dicts) with the doctor's course choices kept where
    an area keeps its protocol, and dropped where it changes protocol.

    Steps that rewrite treatments (a Compare choice, a Cocktails change) write fresh dicts: a
    choice made for the face's standard course survives a switch to a custom mix (same
    protocol), but never lands on another protocol's course, which starts from its defaults.
    A choice `after` sets itself wins on the same protocol.
    """
    previous = {tr.area: tr for tr in before}
    kept = []
    for treatment in after:
        old = previous.get(treatment["area"])
        same = old is not None and protocol_id(old.cocktail, catalog) == protocol_id(
            treatment["cocktail"], catalog
        )
        choices = {
            name: (treatment.get(name) or getattr(old, name)) if same else None
            for name in COURSE_CHOICES
        }
        kept.append({**treatment, **choices})
    return kept
