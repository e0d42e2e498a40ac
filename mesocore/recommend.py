"""Recommendations: which areas fit the patient's concerns, and which cocktails fit each area,
ranked, each with its reasons in words, and what the screening excludes, with the reason.

Pure functions over the consultation and the catalog, so that the ranking is a table of tested
cases, not something a page decides. Safety first: a patient the screening rules out (not
eligible, or deferred) gets no recommendation at all; a cocktail that exposes the patient to a
recorded allergen (the anaesthetic cream included) is never offered; an unanswered allergy
question is said aloud, never read as "no allergy".
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from mesocore.catalog import ANAESTHETIC, Catalog, get_catalog
from mesocore.i18n import t
from mesocore.models import CUSTOM, Consultation, Treatment
from mesocore.screening import Outcome, ScreeningResult, screen, worst
from mesocore.treatments import treatment_ingredients

# Outcomes under which nothing is recommended: the patient must not be treated (now).
WITHHOLD: tuple[Outcome, ...] = ("not_eligible", "deferred")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Suggestion(_Frozen):
    """A cocktail offered for an area, with why."""

    cocktail: str
    covers: tuple[str, ...]
    """The patient's concerns it treats on this area (empty: it fits the area, not the patient)."""
    reasons: tuple[str, ...]
    """In words: what each ingredient does for which of the patient's concerns, and the
    technique's benefit where it has one (needle-free)."""
    preferred: bool = False
    """Ranked up because the patient worries about bruising and this technique spares it."""


class Exclusion(_Frozen):
    """A cocktail (or the custom mix, id ``custom``) that must not be used, and why."""

    cocktail: str
    allergens: tuple[str, ...]
    reason: str


class AreaPlan(_Frozen):
    area: str
    suggestions: tuple[Suggestion, ...]
    """Best first."""
    excluded: tuple[Exclusion, ...]

    def exclusion(self, cocktail: str) -> Exclusion | None:
        return next((e for e in self.excluded if e.cocktail == cocktail), None)


class Recommendations(_Frozen):
    status: Outcome
    """The screening outcome for the patient, leaving aside allergies to planned cocktails
    (those exclude cocktails; they must not hide the alternatives)."""
    withheld: tuple[str, ...] = ()
    """Why nothing is recommended (not eligible or deferred); empty when recommendations exist."""
    cautions: tuple[str, ...] = ()
    areas: dict[str, AreaPlan] = {}

    @property
    def offered(self) -> bool:
        return not self.withheld


def area_concerns(area_id: str, concerns: list[str], catalog: Catalog | None = None) -> list[str]:
    """The patient's concerns this area treats, in the patient's order."""
    catalog = catalog or get_catalog()
    treats = set(catalog.areas[area_id].treats)
    return [concern for concern in concerns if concern in treats]


def suggested_areas(concerns: list[str], catalog: Catalog | None = None) -> list[str]:
    """Areas that treat at least one of the patient's concerns, in catalog order."""
    catalog = catalog or get_catalog()
    return [area for area in catalog.areas if area_concerns(area, concerns, catalog)]


def bruising_worry(consultation: Consultation) -> str | None:
    """Why bruising matters for this patient (the i18n key of the reason), or None."""
    if consultation.avoid_bruising:
        return "cocktails.worry_patient"
    if consultation.history.blood_thinners:
        return "cocktails.worry_blood_thinners"
    return None


def _names(ids, collection: dict, locale: str) -> str:
    return ", ".join(collection[i].name(locale) for i in ids)


def _ingredient_reasons(
    ingredients: tuple[str, ...] | list[str], covers: list[str], catalog: Catalog, locale: str
) -> list[str]:
    reasons = []
    for ingredient_id in ingredients:
        ingredient = catalog.ingredients[ingredient_id]
        served = [concern for concern in covers if concern in ingredient.serves]
        if served:
            reasons.append(
                t(
                    "cocktails.reason_ingredient",
                    locale,
                    ingredient=ingredient.name(locale),
                    benefit=ingredient.benefit(locale),
                    concerns=_names(served, catalog.concerns, locale).lower(),
                )
            )
    return reasons


def _suggest(
    cocktail_id: str, area_id: str, consultation: Consultation, catalog: Catalog
) -> tuple[tuple, Suggestion]:
    """The suggestion and its sort key (smaller sorts first): what covers any of the patient's
    concerns first; then the needle-free technique when bruising worries the patient; then how
    many of the concerns it covers; then how many of its ingredients serve them; then how much
    of what the area treats it treats; then catalog order, so the ranking is stable."""
    locale = consultation.locale
    cocktail = catalog.cocktails[cocktail_id]
    area = catalog.areas[area_id]
    wanted = area_concerns(area_id, consultation.concerns, catalog)
    covers = [concern for concern in wanted if concern in cocktail.treats]
    reasons = _ingredient_reasons(cocktail.ingredients, covers, catalog, locale)
    support = len(reasons)  # ingredients that serve a covered concern: a focused mix ranks up
    if not covers:
        reasons.append(
            t(
                "cocktails.reason_area_only",
                locale,
                concerns=_names(
                    [c for c in cocktail.treats if c in area.treats], catalog.concerns, locale
                ).lower(),
            )
        )
    worry = bruising_worry(consultation)
    preferred = bool(worry and cocktail.technique == "needle_free" and covers)
    if cocktail.technique_benefit is not None:
        benefit = cocktail.technique_benefit(locale)
        reasons.append(
            t("cocktails.reason_technique_for", locale, benefit=benefit, why=t(worry, locale))
            if preferred
            else t("cocktails.reason_technique", locale, benefit=benefit)
        )
    area_fit = len(set(cocktail.treats) & set(area.treats))
    order = list(catalog.cocktails).index(cocktail_id)
    key = (not covers, not preferred, -len(covers), -support, -area_fit, order)
    suggestion = Suggestion(
        cocktail=cocktail_id, covers=tuple(covers), reasons=tuple(reasons), preferred=preferred
    )
    return key, suggestion


def _allergy_reason(allergens: tuple[str, ...], catalog: Catalog, locale: str) -> str:
    return t(
        "cocktails.excluded_allergy",
        locale,
        allergens=_names(allergens, catalog.ingredients, locale),
    )


def _custom_exclusion(consultation: Consultation, catalog: Catalog) -> Exclusion | None:
    """A custom mix is numbed like any needle course: an anaesthetic allergy rules it out."""
    allergies = consultation.history.allergies or []
    probe = Treatment.model_construct(area="", cocktail=CUSTOM, ingredients=[])
    hits = tuple(i for i in treatment_ingredients(probe, catalog) if i in allergies)
    if not hits:
        return None
    return Exclusion(
        cocktail=CUSTOM,
        allergens=hits,
        reason=_allergy_reason(hits, catalog, consultation.locale),
    )


def patient_status(result: ScreeningResult, catalog: Catalog) -> Outcome:
    """The screening outcome without the findings about planned cocktails' allergens."""
    plan_rules = {rule.id for rule in catalog.rules.values() if rule.kind == "allergy"}
    return worst([f.severity for f in result.findings if not (f.rule in plan_rules and f.answer)])


def recommend(consultation: Consultation, catalog: Catalog | None = None) -> Recommendations:
    """Ranked cocktails with reasons for every chosen area, and what is excluded and why."""
    catalog = catalog or get_catalog()
    locale = consultation.locale
    result = screen(consultation, catalog)
    status = patient_status(result, catalog)
    if status in WITHHOLD:
        plan_rules = {rule.id for rule in catalog.rules.values() if rule.kind == "allergy"}
        reasons = tuple(
            f"{f.message} {f.advice}"
            for f in result.findings
            if f.severity in WITHHOLD and f.rule not in plan_rules
        )
        return Recommendations(
            status=status,
            withheld=(t(f"cocktails.withheld_{status}", locale), *reasons),
        )
    cautions = []
    if status == "incomplete":
        cautions.append(t("cocktails.caution_incomplete", locale))
    if consultation.history.allergies is None:
        cautions.append(t("cocktails.caution_allergies_unknown", locale))
    custom_excluded = _custom_exclusion(consultation, catalog)
    areas = {}
    for area_id in consultation.areas:
        ranked, excluded = [], []
        for cocktail_id, cocktail in catalog.cocktails.items():
            if area_id not in cocktail.areas:
                continue
            if cocktail_id in result.blocked:
                allergens = result.blocked[cocktail_id]
                excluded.append(
                    Exclusion(
                        cocktail=cocktail_id,
                        allergens=allergens,
                        reason=_allergy_reason(allergens, catalog, locale),
                    )
                )
                continue
            ranked.append(_suggest(cocktail_id, area_id, consultation, catalog))
        if custom_excluded:
            excluded.append(custom_excluded)
        areas[area_id] = AreaPlan(
            area=area_id,
            suggestions=tuple(suggestion for _key, suggestion in sorted(ranked)),
            excluded=tuple(excluded),
        )
    return Recommendations(status=status, cautions=tuple(cautions), areas=areas)


# --- the custom builder ------------------------------------------------------------------------


class MixCheck(_Frozen):
    """A custom mix checked against the screening: what is kept, what is refused and why, and
    which of the patient's concerns on the area it covers."""

    accepted: tuple[str, ...]
    refused: dict[str, str] = {}
    """ingredient id -> why it cannot be added."""
    covers: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    """The patient's concerns on this area no accepted ingredient serves."""


def mix_ingredients(catalog: Catalog | None = None) -> list[str]:
    """Ingredients a doctor can put in a mix (the anaesthetic cream is applied, not mixed)."""
    catalog = catalog or get_catalog()
    return [
        i for i, ingredient in catalog.ingredients.items() if ingredient.serves and i != ANAESTHETIC
    ]


def check_mix(
    ingredients: list[str], area_id: str, consultation: Consultation, catalog: Catalog | None = None
) -> MixCheck:
    catalog = catalog or get_catalog()
    locale = consultation.locale
    allergies = set(consultation.history.allergies or ())
    usable = set(mix_ingredients(catalog))
    accepted, refused = [], {}
    for ingredient_id in dict.fromkeys(ingredients):
        if ingredient_id not in catalog.ingredients or ingredient_id not in usable:
            refused[ingredient_id] = t(
                "cocktails.refused_unknown", locale, ingredient=ingredient_id
            )
        elif ingredient_id in allergies:
            refused[ingredient_id] = t(
                "cocktails.refused_allergy",
                locale,
                ingredient=catalog.ingredients[ingredient_id].name(locale),
            )
        else:
            accepted.append(ingredient_id)
    wanted = area_concerns(area_id, consultation.concerns, catalog)
    served = {c for i in accepted for c in catalog.ingredients[i].serves}
    return MixCheck(
        accepted=tuple(accepted),
        refused=refused,
        covers=tuple(c for c in wanted if c in served),
        missing=tuple(c for c in wanted if c not in served),
    )


def mix_reasons(ingredients: list[str], area_id: str, consultation: Consultation) -> list[str]:
    """The builder's words for a mix: what each ingredient does for the patient's concerns."""
    catalog = get_catalog()
    covers = list(check_mix(ingredients, area_id, consultation, catalog).covers)
    return _ingredient_reasons(ingredients, covers, catalog, consultation.locale)


def starting_mix(
    plan: AreaPlan, consultation: Consultation, catalog: Catalog | None = None
) -> list[str]:
    """A custom mix starts from the best suggestion's ingredients (minus allergens), or from
    the ingredients serving the patient's concerns on the area when nothing is suggested."""
    catalog = catalog or get_catalog()
    if plan.suggestions:
        start = list(catalog.cocktails[plan.suggestions[0].cocktail].ingredients)
    else:
        wanted = set(area_concerns(plan.area, consultation.concerns, catalog))
        start = [i for i in mix_ingredients(catalog) if wanted & set(catalog.ingredients[i].serves)]
    return list(check_mix(start, plan.area, consultation, catalog).accepted)


def treatment_problem(treatment: Treatment, consultation: Consultation) -> str | None:
    """Why an assigned treatment must not be given (an allergen in it), or None."""
    catalog = get_catalog()
    allergies = set(consultation.history.allergies or ())
    hits = tuple(i for i in treatment_ingredients(treatment, catalog) if i in allergies)
    return _allergy_reason(hits, catalog, consultation.locale) if hits else None
