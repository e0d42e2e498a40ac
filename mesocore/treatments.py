"""A planned treatment is a catalog cocktail or the doctor's custom mix (``cocktail="custom"``).

Every step asks the same questions of either kind (its name, its protocol, what it exposes the
patient to); answering them here means no caller indexes ``catalog.cocktails`` with "custom".
"""

from __future__ import annotations

from mesocore.catalog import ANAESTHETIC, Catalog
from mesocore.models import CUSTOM, Treatment

CUSTOM_PROTOCOL = "standard"
"""A custom mix follows the standard mesotherapy course (sessions, intervals, cream)."""


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
