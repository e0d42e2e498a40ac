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
from mesocore.screening import RULED_OUT, Outcome, ScreeningResult, screen
from mesocore.text import lower
from mesocore.treatments import treatment_ingredients


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


CRITERIA = ("covers", "wishes", "aim", "actives", "area_fit", "sessions", "catalog_order")
"""The ranking, most important first (each a number in `Suggestion.key`, smaller sorts first):

- covers: treats at least one of the patient's concerns on the area (the rest come after);
- wishes: meets more of the patient's wishes (no needles, no bruising, fewer sessions; blood
  thinners count as a wish to avoid bruising), among cocktails that treat her concerns;
- aim: how directly it treats her concerns on the area: a main aim of the cocktail 2, a concern
  it only helps 1 (cocktails.toml `main_aims`);
- actives: how many of its active ingredients serve those concerns (seed-002: mesotherapy's
  "wide variety" of actives aims at general revitalisation);
- area_fit: how many of the area's main indications it treats (areas.toml `treats`);
- sessions: fewer sessions in its usual course;
- catalog_order: the catalog's order, so the ranking is stable.
"""


class Suggestion(_Frozen):
    """A cocktail offered for an area, with why, and its place in the one ranking."""

    cocktail: str
    covers: tuple[str, ...]
    """The patient's concerns it treats on this area (empty: it fits the area, not the patient)."""
    reasons: tuple[str, ...]
    """In words: which concerns it treats (main aims named), the patient's wishes it meets or not,
    what each ingredient does for which concern, the technique's benefit, the course's sessions,
    and what ranks it above the next cocktail."""
    wishes_met: tuple[str, ...] = ()
    sessions: int = 0
    """Sessions of its usual course."""
    preferred: bool = False
    """Ranked up because its technique meets a wish (no needles, no bruising)."""
    key: tuple[int, ...] = ()
    """The sort key, one number per CRITERIA entry."""


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
    """The patient's concerns this area can be treated for (main or secondary indication), in
    the patient's order."""
    catalog = catalog or get_catalog()
    treats = set(catalog.areas[area_id].all_treats)
    return [concern for concern in concerns if concern in treats]


def suggested_areas(concerns: list[str], catalog: Catalog | None = None) -> list[str]:
    """Areas for which one of the patient's concerns is a main indication, in catalog order: a
    face concern suggests the face, not the feet that can also be treated for it."""
    catalog = catalog or get_catalog()
    wanted = set(concerns)
    return [area_id for area_id, area in catalog.areas.items() if wanted & set(area.treats)]


def bruising_worry(consultation: Consultation) -> str | None:
    """Why bruising matters for this patient (the i18n key of the reason), or None."""
    if "avoid_bruising" in consultation.wishes or consultation.avoid_bruising:
        return "cocktails.worry_patient"
    if consultation.history.blood_thinners:
        return "cocktails.worry_blood_thinners"
    return None


def patient_wishes(consultation: Consultation, catalog: Catalog | None = None) -> list[str]:
    """The wishes the ranking weighs: the patient's own, plus avoiding bruising for a patient on
    blood thinners (the screening's caution: more bruising is expected)."""
    catalog = catalog or get_catalog()
    wishes = [w for w in consultation.wishes if w in catalog.wishes]
    worried = consultation.avoid_bruising or consultation.history.blood_thinners is True
    if worried and "avoid_bruising" in catalog.wishes and "avoid_bruising" not in wishes:
        wishes.append("avoid_bruising")
    return wishes


def meets_wish(cocktail_id: str, wish_id: str, catalog: Catalog | None = None) -> bool:
    """Whether a cocktail meets a wish: by its technique, or by its course's sessions."""
    catalog = catalog or get_catalog()
    wish, cocktail = catalog.wishes[wish_id], catalog.cocktails[cocktail_id]
    if wish.technique is not None:
        return cocktail.technique == wish.technique
    return catalog.protocols[cocktail.protocol].default_sessions <= (wish.max_sessions or 0)


def join_and(names: list[str], locale: str) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('compare.and', locale)} {names[-1]}"


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
                    concerns=lower(_names(served, catalog.concerns, locale), locale),
                )
            )
    return reasons


def wanted_concerns(
    area_id: str | None, consultation: Consultation, catalog: Catalog | None = None
) -> list[str]:
    """The patient's concerns a cocktail is ranked against: those the area can be treated for
    (main or secondary), or all of them when no area is given (the patient as a whole)."""
    if area_id is None:
        return list(consultation.concerns)
    return area_concerns(area_id, consultation.concerns, catalog)


def _covers_reason(
    covers: list[str], wanted: list[str], cocktail, area_id, catalog: Catalog, locale: str
) -> str:
    described = [
        t("ranking.main_aim", locale, concern=catalog.concerns[c].name(locale))
        if c in cocktail.main_aims
        else catalog.concerns[c].name(locale)
        for c in covers
    ]
    where = "area" if area_id else "patient"
    key = f"ranking.covers_all_{where}" if covers == wanted else f"ranking.covers_some_{where}"
    return t(
        key,
        locale,
        concerns=join_and(described, locale),
        count=len(covers),
        total=len(wanted),
        area=catalog.areas[area_id].name(locale) if area_id else "",
    )


def _wish_reasons(
    cocktail_id: str, wishes: list[str], consultation: Consultation, catalog: Catalog
) -> list[str]:
    locale = consultation.locale
    asked = set(consultation.wishes)
    if consultation.avoid_bruising:
        asked.add("avoid_bruising")
    reasons = []
    for wish in wishes:
        name = catalog.wishes[wish].name(locale)
        if wish not in asked:  # added for blood thinners
            name = t("ranking.wish_blood_thinners", locale, wish=name)
        met = meets_wish(cocktail_id, wish, catalog)
        reasons.append(t("ranking.wish_met" if met else "ranking.wish_unmet", locale, wish=name))
    return reasons


def _suggest(
    cocktail_id: str, area_id: str | None, consultation: Consultation, catalog: Catalog
) -> Suggestion:
    """One cocktail's place in the ranking (`key`, see CRITERIA) and its reasons in words."""
    locale = consultation.locale
    cocktail = catalog.cocktails[cocktail_id]
    area = catalog.areas[area_id] if area_id else None
    wanted = wanted_concerns(area_id, consultation, catalog)
    covers = [concern for concern in wanted if concern in cocktail.treats]
    wishes = patient_wishes(consultation, catalog)
    met = tuple(w for w in wishes if meets_wish(cocktail_id, w, catalog)) if covers else ()
    protocol = catalog.protocols[cocktail.protocol]
    ingredient_reasons = _ingredient_reasons(cocktail.ingredients, covers, catalog, locale)
    reasons = []
    if covers:
        reasons.append(_covers_reason(covers, wanted, cocktail, area_id, catalog, locale))
        reasons += _wish_reasons(cocktail_id, wishes, consultation, catalog)
    else:
        fits = [c for c in cocktail.treats if area is None or c in area.all_treats]
        reasons.append(
            t(
                "cocktails.reason_area_only",
                locale,
                concerns=lower(_names(fits, catalog.concerns, locale), locale),
            )
        )
    reasons += ingredient_reasons
    worry = bruising_worry(consultation)
    technique_wish = any(catalog.wishes[w].technique for w in met)
    preferred = bool(technique_wish and cocktail.technique_benefit is not None)
    if cocktail.technique_benefit is not None:
        benefit = cocktail.technique_benefit(locale)
        reasons.append(
            t("cocktails.reason_technique_for", locale, benefit=benefit, why=t(worry, locale))
            if preferred and worry
            else t("cocktails.reason_technique", locale, benefit=benefit)
        )
    if covers:
        reasons.append(
            t(
                "ranking.sessions",
                locale,
                sessions=protocol.default_sessions,
                days=protocol.default_interval_days,
            )
        )
    aim = sum(2 if c in cocktail.main_aims else 1 for c in covers)
    area_fit = len(set(cocktail.treats) & set(area.treats)) if area else 0
    key = (
        0 if covers else 1,
        -len(met),
        -aim,
        -len(ingredient_reasons),
        -area_fit,
        protocol.default_sessions,
        list(catalog.cocktails).index(cocktail_id),
    )
    return Suggestion(
        cocktail=cocktail_id,
        covers=tuple(covers),
        reasons=tuple(reasons),
        wishes_met=met,
        sessions=protocol.default_sessions,
        preferred=preferred,
        key=key,
    )


def _above_reason(first: Suggestion, second: Suggestion, catalog: Catalog, locale: str) -> str:
    """In words, the criterion that puts `first` above `second` (the first that differs)."""
    other = catalog.cocktails[second.cocktail].name(locale)
    for criterion, mine, theirs in zip(CRITERIA, first.key, second.key, strict=True):
        if mine != theirs:
            return t(
                f"ranking.above.{criterion}",
                locale,
                other=other,
                mine=abs(mine),
                theirs=abs(theirs),
            )
    return t("ranking.above.catalog_order", locale, other=other)  # pragma: no cover


def rank_cocktails(
    area_id: str | None,
    consultation: Consultation,
    catalog: Catalog | None = None,
    blocked: dict[str, tuple[str, ...]] | None = None,
) -> list[Suggestion]:
    """THE ranking of cocktails for one area (None: the patient as a whole), best first; the
    Cocktails step lists it, the Compare step recommends its top among the compared options.
    Cocktails in `blocked` (the screening's allergy exclusions) are left out. Each suggestion
    that treats a concern says, last, what ranks it above the next one."""
    catalog = catalog or get_catalog()
    blocked = blocked or {}
    ranked = sorted(
        (
            _suggest(cocktail_id, area_id, consultation, catalog)
            for cocktail_id, cocktail in catalog.cocktails.items()
            if cocktail_id not in blocked and (area_id is None or area_id in cocktail.areas)
        ),
        key=lambda suggestion: suggestion.key,
    )
    explained = []
    for index, suggestion in enumerate(ranked):
        following = ranked[index + 1] if index + 1 < len(ranked) else None
        if suggestion.covers and following is not None:
            above = _above_reason(suggestion, following, catalog, consultation.locale)
            suggestion = suggestion.model_copy(update={"reasons": (*suggestion.reasons, above)})
        explained.append(suggestion)
    return explained


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


def recommend(
    consultation: Consultation,
    catalog: Catalog | None = None,
    result: ScreeningResult | None = None,
) -> Recommendations:
    """Ranked cocktails with reasons for every chosen area, and what is excluded and why.

    `result` is the verdict of this consultation (mesocore.screening), computed once per run by
    the caller; nothing is recommended to a patient it rules out."""
    catalog = catalog or get_catalog()
    locale = consultation.locale
    result = result or screen(consultation, catalog)
    status = result.patient_status
    if result.ruled_out:
        reasons = tuple(
            f"{f.message} {f.advice}" for f in result.own_findings if f.severity in RULED_OUT
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
        excluded = [
            Exclusion(
                cocktail=cocktail_id,
                allergens=result.blocked[cocktail_id],
                reason=_allergy_reason(result.blocked[cocktail_id], catalog, locale),
            )
            for cocktail_id, cocktail in catalog.cocktails.items()
            if area_id in cocktail.areas and cocktail_id in result.blocked
        ]
        ranked = rank_cocktails(area_id, consultation, catalog, result.blocked)
        if custom_excluded:
            excluded.append(custom_excluded)
        areas[area_id] = AreaPlan(
            area=area_id,
            suggestions=tuple(ranked),
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


def treatment_problem(
    treatment: Treatment, consultation: Consultation, result: ScreeningResult | None = None
) -> str | None:
    """Why an assigned treatment must not be given (the verdict's plan problem), or None."""
    result = result or screen(consultation)
    return next(
        (
            problem.message
            for problem in result.problems_for(treatment.area)
            if problem.cocktail == treatment.cocktail
        ),
        None,
    )
