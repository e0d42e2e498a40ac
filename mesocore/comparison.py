"""Classic mesotherapy versus the youth vaccine (and needle-free mesotherapy), for one patient.

Pure functions over the catalog's comparison options (content/comparison.toml): the side-by-side
table, how each option serves the patient's concerns (for the chart), a recommendation in words
with its reasons and sources, and what recording the patient's choice does to the plan.

The screening always comes first: a not-eligible or deferred patient gets no recommendation, and
an option containing an ingredient the patient is allergic to (the local anaesthetic cream of
needle protocols included) is ruled out, with the reason. The patient-level screening here
ignores the treatments already planned: the comparison is where a blocked plan gets replaced.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mesocore.catalog import Catalog, ComparisonOption, SideEffect
from mesocore.i18n import t
from mesocore.models import CUSTOM, Consultation, Treatment
from mesocore.recommend import Suggestion, join_and, patient_wishes, rank_cocktails
from mesocore.screening import ScreeningResult, screen
from mesocore.treatments import cocktail_name, keep_course_choices

MAIN, HELPS, NONE = 2, 1, 0
"""How an option serves a concern: its main aim, it helps (its cocktail treats it), or not."""


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    label: str
    values: dict[str, str]
    """option id -> the text shown in the table."""


@dataclass(frozen=True)
class Coverage:
    concerns: tuple[str, ...]
    levels: dict[str, tuple[int, ...]]
    """option id -> one level (MAIN, HELPS, NONE) per concern, in the order of `concerns`."""
    general: bool
    """True when the patient has no concerns yet and every concern an option treats is shown."""


@dataclass(frozen=True)
class Recommendation:
    option: str | None
    reasons: tuple[str, ...]
    sources: tuple[str, ...]
    ruled_out: dict[str, str] = field(default_factory=dict)
    """option id -> why it cannot be, or does not fit, for this patient."""
    provisional: bool = False
    """The screening is incomplete: the answer may still change."""


@dataclass(frozen=True)
class ChoiceOutcome:
    allowed: bool
    messages: tuple[str, ...]
    """What changed in the plan, or why the choice is refused."""
    warnings: tuple[str, ...] = ()
    treatments: tuple[dict, ...] = ()
    """The whole new treatment list (Treatment dumps) when allowed."""
    reset_visit_dates: bool = False
    """The course changed, so visits the doctor moved on the Timeline no longer apply."""


def _names(ids, collection, locale: str) -> str:
    return ", ".join(collection[i].name(locale) for i in ids)


_and = join_and


def _range(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _side_effect(effect: SideEffect, locale: str) -> str:
    return f"{effect.name(locale)} ({t(f'compare.frequency.{effect.frequency}', locale)})"


# --- the table -------------------------------------------------------------------------------


def comparison_rows(catalog: Catalog, locale: str) -> list[ComparisonRow]:
    """The side-by-side table: one row per aspect, one column per option, localized."""
    rows: dict[str, dict[str, str]] = {}
    for option_id, option in catalog.comparison.items():
        cocktail = catalog.cocktails[option.cocktail]
        protocol = catalog.protocols[cocktail.protocol]
        cream = protocol.anaesthetic_cream_minutes
        technique = option.technique(locale)
        if cream[1] > 0:
            technique += "; " + t("compare.cream", locale, minutes=_range(*cream))
        side_effects = "; ".join(
            _side_effect(catalog.side_effects[s], locale) for s in option.side_effects
        )
        values = {
            "injected": option.injected(locale),
            "concentration": option.concentration(locale),
            "cross_linking": option.cross_linking(locale),
            "aim": option.aim(locale),
            "concerns": _names(cocktail.treats, catalog.concerns, locale),
            "areas": _names(cocktail.areas, catalog.areas, locale),
            "sessions": t(
                "compare.sessions_text",
                locale,
                sessions=_range(*protocol.sessions),
                usual=protocol.default_sessions,
                days=_range(*protocol.interval_days),
            ),
            "booster": t("compare.booster_text", locale, months=_range(*protocol.booster_months)),
            "side_effects": side_effects,
            "downtime": option.downtime(locale),
            "technique": technique,
        }
        for key, value in values.items():
            rows.setdefault(key, {})[option_id] = value
    return [
        ComparisonRow(key=key, label=t(f"compare.row.{key}", locale), values=values)
        for key, values in rows.items()
    ]


# --- how each option serves the patient's concerns -------------------------------------------


def concern_level(option: ComparisonOption, concern: str, catalog: Catalog) -> int:
    if concern in catalog.cocktails[option.cocktail].main_aims:
        return MAIN
    return HELPS if concern in catalog.cocktails[option.cocktail].treats else NONE


def coverage(consultation: Consultation, catalog: Catalog) -> Coverage:
    """Per option, how it serves each of the patient's concerns (all it treats if none yet)."""
    concerns = tuple(consultation.concerns)
    general = not concerns
    if general:
        treated = {
            c for o in catalog.comparison.values() for c in catalog.cocktails[o.cocktail].treats
        }
        concerns = tuple(c for c in catalog.concerns if c in treated)
    levels = {
        option_id: tuple(concern_level(option, c, catalog) for c in concerns)
        for option_id, option in catalog.comparison.items()
    }
    return Coverage(concerns=concerns, levels=levels, general=general)


# --- the screening, as it bears on the options -----------------------------------------------


def _allergy_sources(catalog: Catalog) -> tuple[str, ...]:
    return tuple(s for r in catalog.rules.values() if r.kind == "allergy" for s in r.sources)


def screening_blocks(
    consultation: Consultation, catalog: Catalog, result: ScreeningResult | None = None
) -> dict[str, tuple[str, tuple[str, ...]]]:
    """option id -> (reason, sources) for every option the screening forbids for this patient.

    The patient's own outcome decides, not the current plan (which the choice may replace)."""
    locale = consultation.locale
    result = result or screen(consultation, catalog)
    if result.ruled_out:
        findings = [f for f in result.own_findings if f.severity == result.patient_status]
        reason = t(
            "compare.ruled.screening",
            locale,
            outcome=t(f"outcome.{result.patient_status}", locale),
            messages=" ".join(f.message for f in findings),
        )
        sources = tuple(s for f in findings for s in f.sources)
        return {option_id: (reason, sources) for option_id in catalog.comparison}
    blocks = {}
    for option_id, option in catalog.comparison.items():
        allergens = result.blocked.get(option.cocktail)
        if allergens:
            reason = t(
                "compare.ruled.allergy",
                locale,
                allergens=_names(allergens, catalog.ingredients, locale),
            )
            blocks[option_id] = (reason, _allergy_sources(catalog))
    return blocks


def patient_areas(consultation: Consultation) -> list[str]:
    """The areas chosen, plus any area that already has a planned treatment."""
    areas = list(consultation.areas)
    return areas + [tr.area for tr in consultation.treatments if tr.area not in areas]


# --- the recommendation ----------------------------------------------------------------------


def _alternatives(
    concerns: list[str], consultation: Consultation, catalog: Catalog, blocked: dict
) -> str:
    """Cocktails outside the comparison, not blocked, that treat any of `concerns` (on one of
    the patient's areas, when areas are chosen)."""
    compared = {o.cocktail for o in catalog.comparison.values()}
    areas = patient_areas(consultation)
    found = [
        cocktail_id
        for cocktail_id, cocktail in catalog.cocktails.items()
        if cocktail_id not in compared
        and cocktail_id not in blocked
        and any(c in cocktail.treats for c in concerns)
        and (not areas or any(a in cocktail.areas for a in areas))
    ]
    locale = consultation.locale
    named = _and([catalog.concerns[c].name(locale) for c in concerns], locale)
    if not found:
        return t("compare.reason.no_alternative", locale, concerns=named)
    return t(
        "compare.reason.alternatives",
        locale,
        concerns=named,
        cocktails=_names(found, catalog.cocktails, locale),
    )


def _unique(items) -> tuple:
    return tuple(dict.fromkeys(items))


def recommend_option(
    consultation: Consultation, catalog: Catalog, result: ScreeningResult | None = None
) -> Recommendation:
    """Which option suits this patient, why, and which are ruled out (with the reason).

    The recommendation is the top of the one ranking in mesocore.recommend (the Cocktails step's)
    among the options that can be used and treat a concern: per patient area, the compared
    cocktail ranked highest; the option first on the most areas wins (the first area decides a
    tie), and an area whose overall first is another cocktail says so. It never looks at the
    current plan or the recorded choice, so recording a choice cannot change the advice.
    """
    locale = consultation.locale
    result = result or screen(consultation, catalog)
    blocks = screening_blocks(consultation, catalog, result)
    ruled_out = {option_id: reason for option_id, (reason, _s) in blocks.items()}
    sources = [s for _reason, block_sources in blocks.values() for s in block_sources]
    concerns = list(consultation.concerns)

    if result.ruled_out:
        reason = next(iter(ruled_out.values()))
        return Recommendation(None, (reason,), _unique(sources), ruled_out)
    if not concerns:
        return Recommendation(None, (t("compare.reason.no_concerns", locale),), (), ruled_out)

    areas = patient_areas(consultation)
    for option_id, option in catalog.comparison.items():
        if option_id in ruled_out:
            continue
        cocktail = catalog.cocktails[option.cocktail]
        if not any(c in cocktail.treats for c in concerns):
            ruled_out[option_id] = t(
                "compare.ruled.concerns",
                locale,
                concerns=_names(concerns, catalog.concerns, locale),
            )
        elif areas and not any(a in cocktail.areas for a in areas):
            ruled_out[option_id] = t(
                "compare.ruled.areas", locale, areas=_names(areas, catalog.areas, locale)
            )

    candidates = [o for o in catalog.comparison if o not in ruled_out]
    if not candidates:
        return _none_fit(consultation, catalog, result, blocks, ruled_out, sources)

    by_cocktail = {catalog.comparison[o].cocktail: o for o in candidates}
    tops = _tops(consultation, catalog, result, areas, set(by_cocktail))
    wins = Counter(compared.cocktail for _top, compared in tops.values())
    order = list(tops)

    def first_win(cocktail_id: str) -> int:
        return next(i for i, area in enumerate(order) if tops[area][1].cocktail == cocktail_id)

    chosen = max(wins, key=lambda c: (wins[c], -first_win(c)))
    home = order[first_win(chosen)]
    best = by_cocktail[chosen]
    option = catalog.comparison[best]
    cocktail = catalog.cocktails[chosen]
    name = option.name(locale)

    reasons = [
        t("compare.reason.ranked", locale, option=name, area=catalog.areas[home].name(locale))
        if home
        else t("compare.reason.ranked_patient", locale, option=name)
    ]
    reasons += tops[home][1].reasons
    for area, (top, _compared) in tops.items():
        if area and top.cocktail != chosen:
            reasons.append(
                t(
                    "compare.reason.top_elsewhere",
                    locale,
                    area=catalog.areas[area].name(locale),
                    cocktail=catalog.cocktails[top.cocktail].name(locale),
                )
            )
    served = [a for a in areas if a in cocktail.areas]
    if served:
        reasons.append(
            t("compare.reason.areas", locale, areas=_names(served, catalog.areas, locale))
        )
    not_served = [a for a in areas if a not in cocktail.areas]
    if not_served:
        reasons.append(
            t("compare.reason.areas_kept", locale, areas=_names(not_served, catalog.areas, locale))
        )
    untreated = [c for c in concerns if c not in cocktail.treats]
    if untreated:
        reasons.append(
            t(
                "compare.reason.untreated",
                locale,
                concerns=_and([catalog.concerns[c].name(locale) for c in untreated], locale),
            )
        )
        reasons.append(_alternatives(untreated, consultation, catalog, result.blocked))
    reasons += _plan_conflict(consultation, catalog, result, locale)
    provisional = result.patient_status == "incomplete"
    if provisional:
        reasons.append(t("compare.reason.provisional", locale))
    sources += list(option.sources) + _wish_sources(consultation, catalog)
    return Recommendation(best, tuple(reasons), _unique(sources), ruled_out, provisional)


def _tops(
    consultation: Consultation,
    catalog: Catalog,
    result: ScreeningResult,
    areas: list[str],
    compared: set[str],
) -> dict[str | None, tuple[Suggestion, Suggestion]]:
    """Per patient area on which a compared cocktail treats a concern: the top of the one
    ranking (mesocore.recommend, as the Cocktails step shows it) and the highest-ranked compared
    cocktail. When no area has one (the concerns lie elsewhere, or no area is chosen yet), the
    ranking for the patient as a whole, under the key None."""
    tops: dict[str | None, tuple[Suggestion, Suggestion]] = {}
    for area in [*areas, None]:
        if area is None and tops:
            break
        ranking = rank_cocktails(area, consultation, catalog, result.blocked)
        best = next((s for s in ranking if s.cocktail in compared and s.covers), None)
        if best is not None:
            tops[area] = (ranking[0], best)
    return tops


def _wish_sources(consultation: Consultation, catalog: Catalog) -> list[str]:
    """The sources of the wishes the ranking weighed (blood thinners: the screening rule's)."""
    sources = [s for w in patient_wishes(consultation, catalog) for s in catalog.wishes[w].sources]
    if consultation.history.blood_thinners is True:
        sources += [
            s for r in catalog.rules.values() if r.question == "blood_thinners" for s in r.sources
        ]
    return sources


def _plan_conflict(
    consultation: Consultation, catalog: Catalog, result: ScreeningResult, locale: str
) -> list[str]:
    planned = _unique(
        tr.cocktail for tr in consultation.treatments if tr.cocktail in result.blocked
    )
    if not planned:
        return []
    return [
        t(
            "compare.reason.plan_blocked",
            locale,
            cocktails=_names(planned, catalog.cocktails, locale),
        )
    ]


def _none_fit(consultation, catalog, result, blocks, ruled_out, sources) -> Recommendation:
    """No option can be used or fits: say why, and name cocktails that could."""
    locale = consultation.locale
    concerns = list(consultation.concerns)
    treating = [
        o
        for o, option in catalog.comparison.items()
        if any(c in catalog.cocktails[option.cocktail].treats for c in concerns)
    ]
    if len(blocks) == len(catalog.comparison):
        allergens = _unique(
            a for o in catalog.comparison.values() for a in result.blocked[o.cocktail]
        )
        reason = t(
            "compare.reason.all_allergy",
            locale,
            count=len(catalog.comparison),
            allergens=_names(allergens, catalog.ingredients, locale),
        )
    elif not treating:
        reason = t(
            "compare.reason.none_fit",
            locale,
            concerns=_names(concerns, catalog.concerns, locale),
        )
    elif not blocks:
        areas = patient_areas(consultation)
        reason = t("compare.reason.no_area_fit", locale, areas=_names(areas, catalog.areas, locale))
    else:
        reason = t("compare.reason.none_usable", locale)
    reasons = [reason, _alternatives(concerns, consultation, catalog, result.blocked)]
    reasons += _plan_conflict(consultation, catalog, result, locale)
    for option in catalog.comparison.values():
        sources += list(option.sources)
    return Recommendation(None, tuple(reasons), _unique(sources), ruled_out)


# --- recording the patient's choice ----------------------------------------------------------


def _treats(treatment: dict, catalog: Catalog) -> set[str]:
    """The concerns a planned treatment serves (a custom mix: what its ingredients serve)."""
    if treatment["cocktail"] == CUSTOM:
        ingredients = treatment.get("ingredients") or ()
        return {c for i in ingredients for c in catalog.ingredients[i].serves}
    return set(catalog.cocktails[treatment["cocktail"]].treats)


def _covered(treatments, concerns: list[str], catalog: Catalog) -> set[str]:
    treats = {c for tr in treatments for c in _treats(tr, catalog)}
    return {c for c in concerns if c in treats}


def choice_in_plan(consultation: Consultation, catalog: Catalog) -> bool:
    """Whether the recorded choice's cocktail is still planned on some area (the Cocktails step
    can change treatments after the choice); True when nothing is recorded."""
    choice = consultation.treatment_choice
    if choice is None:
        return True
    cocktail = catalog.comparison[choice].cocktail
    return any(tr.cocktail == cocktail for tr in consultation.treatments)


def apply_choice(
    consultation: Consultation,
    option_id: str,
    catalog: Catalog,
    result: ScreeningResult | None = None,
) -> ChoiceOutcome:
    """The plan after the patient chooses `option_id`, or the reason it cannot be chosen.

    The option's cocktail replaces the treatments of every patient area it is used on (an area
    without a treatment gets it); the other areas keep their cocktails.
    """
    locale = consultation.locale
    option = catalog.comparison[option_id]
    name = option.name(locale)
    blocks = screening_blocks(consultation, catalog, result)
    if option_id in blocks:
        reason = blocks[option_id][0]
        return ChoiceOutcome(
            False, (t("compare.choice.refused", locale, option=name, reason=reason),)
        )
    areas = patient_areas(consultation)
    if not areas:
        return ChoiceOutcome(False, (t("compare.choice.no_areas", locale),))
    cocktail = catalog.cocktails[option.cocktail]
    served = [a for a in areas if a in cocktail.areas]
    if not served:
        message = t(
            "compare.choice.areas_not_served",
            locale,
            option=name,
            areas=_names(areas, catalog.areas, locale),
        )
        return ChoiceOutcome(False, (message,))

    before = [tr.model_dump() for tr in consultation.treatments]
    after: list[dict[str, str]] = []
    messages = [t("compare.choice.recorded", locale, option=name)]
    new_name = cocktail.name(locale)
    placed: set[str] = set()
    for tr in before:
        if tr["area"] not in served:
            after.append(tr)
            continue
        if tr["area"] not in placed:
            after.append(Treatment(area=tr["area"], cocktail=option.cocktail).model_dump())
            placed.add(tr["area"])
        if tr["cocktail"] != option.cocktail:
            messages.append(
                t(
                    "compare.choice.changed",
                    locale,
                    area=catalog.areas[tr["area"]].name(locale),
                    old=cocktail_name(tr["cocktail"], catalog, locale),
                    new=new_name,
                )
            )
    for area in served:
        if area not in placed:
            after.append(Treatment(area=area, cocktail=option.cocktail).model_dump())
            messages.append(
                t(
                    "compare.choice.added",
                    locale,
                    area=catalog.areas[area].name(locale),
                    new=new_name,
                )
            )
    after = keep_course_choices(consultation.treatments, after, catalog)
    reset = after != before and bool(consultation.visit_dates)
    if after == before:
        messages.append(t("compare.choice.unchanged", locale, cocktail=new_name))
    kept = [a for a in areas if a not in served]
    if kept:
        messages.append(
            t("compare.choice.kept", locale, areas=_names(kept, catalog.areas, locale), option=name)
        )
    warnings = []
    concerns = list(consultation.concerns)
    lost = _covered(before, concerns, catalog) - _covered(after, concerns, catalog)
    if lost:
        warnings.append(
            t(
                "compare.choice.lost",
                locale,
                concerns=_names([c for c in concerns if c in lost], catalog.concerns, locale),
            )
        )
    if concerns and not any(c in cocktail.treats for c in concerns):
        warnings.append(
            t(
                "compare.choice.no_concern_served",
                locale,
                option=name,
                concerns=_names(concerns, catalog.concerns, locale),
            )
        )
    if reset:
        messages.append(t("compare.choice.visits_reset", locale))
    return ChoiceOutcome(True, tuple(messages), tuple(warnings), tuple(after), reset)
