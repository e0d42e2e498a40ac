"""Cocktails: for each chosen area, the catalog's cocktails ranked by mesocore.recommend with
their reasons, what the screening excludes and why, and a custom-mix builder that refuses an
allergen. Every choice is written to consultation.treatments at once."""

import streamlit as st

from mesocore.catalog import get_catalog
from mesocore.changes import with_treatment
from mesocore.i18n import t
from mesocore.models import CUSTOM
from mesocore.recommend import (
    AreaPlan,
    check_mix,
    mix_ingredients,
    mix_reasons,
    recommend,
    starting_mix,
    treatment_problem,
)
from ui import state
from ui.routing import through_app
from ui.wishes import wish_pills

through_app()
locale = state.locale()
catalog = get_catalog()
st.caption(t("cocktails.intro", locale))

wish_pills(catalog, locale, "cocktails")

consultation = state.get()
recommendations = recommend(consultation, catalog)


REPLANNED_KEY = "cocktails_replanned"  # moved visits re-planned after a change, said once


def radio_key(area: str) -> str:
    return state.widget_key(f"treatment.{area}")


def mix_key(area: str) -> str:
    return state.widget_key(f"mix.{area}")


def message_key(area: str) -> str:
    return f"mix_message.{area}"


def write_treatment(area: str, treatment: dict | None) -> str | None:
    """Replace the treatment of `area` (None removes it), keeping the others in area order;
    visits moved on the Timeline are re-planned when the change alters what they stand for."""
    changed = state.change("treatments", lambda c: with_treatment(c, area, treatment, catalog))
    if changed is None:
        return state.error("treatments")
    if changed.replanned:
        st.session_state[REPLANNED_KEY] = True
    return None


def on_assign(area: str, plan: AreaPlan) -> None:
    choice = st.session_state[radio_key(area)]
    current = next((tr for tr in state.get().treatments if tr.area == area), None)
    if choice is None:
        return
    if choice == CUSTOM:
        if current is not None and current.cocktail == CUSTOM:
            return
        mix = starting_mix(plan, state.get(), catalog)
        if not mix:
            st.session_state[message_key(area)] = t("cocktails.refused_empty", locale)
            return
        write_treatment(area, {"area": area, "cocktail": CUSTOM, "ingredients": mix})
    else:
        write_treatment(area, {"area": area, "cocktail": choice})


def on_mix_change(area: str) -> None:
    wanted = list(st.session_state[mix_key(area)] or [])
    check = check_mix(wanted, area, state.get(), catalog)
    messages = list(check.refused.values())
    if not check.accepted:
        messages.append(t("cocktails.refused_empty", locale))
    else:
        write_treatment(
            area, {"area": area, "cocktail": CUSTOM, "ingredients": list(check.accepted)}
        )
    st.session_state[message_key(area)] = " ".join(messages) if messages else None


def concern_names(concerns) -> str:
    return ", ".join(catalog.concerns[c].name(locale) for c in concerns)


def suggestion_caption(index: int, suggestion) -> str:
    """The ranking's own reasons, one per line (scannable at arm's length); the first that
    treats a concern is marked best, as the Compare step recommends it."""
    lines = [f"· {reason}" for reason in suggestion.reasons]
    if index == 0 and suggestion.covers:
        lines.insert(0, f"**{t('cocktails.best', locale)}**")
    return "  \n".join(lines)


def builder(area: str, ingredients: list[str]) -> None:
    allergies = set(consultation.history.allergies or ())
    st.pills(
        t("cocktails.builder", locale, area=catalog.areas[area].name(locale)),
        options=mix_ingredients(catalog),
        selection_mode="multi",
        format_func=lambda i: (
            f"✕ {catalog.ingredients[i].name(locale)}"
            if i in allergies
            else catalog.ingredients[i].name(locale)
        ),
        help=t("cocktails.builder_help", locale),
        **state.synced(mix_key(area), list(ingredients), on_mix_change, area),
    )
    check = check_mix(ingredients, area, consultation, catalog)
    if check.covers:
        st.success(t("cocktails.mix_covers", locale, concerns=concern_names(check.covers)))
    else:
        st.warning(t("cocktails.mix_covers_none", locale))
    if check.missing:
        st.caption(t("cocktails.mix_missing", locale, concerns=concern_names(check.missing)))
    for reason in mix_reasons(ingredients, area, consultation):
        st.caption(reason)


def area_section(area: str, plan: AreaPlan) -> None:
    name = catalog.areas[area].name(locale)
    current = next((tr for tr in consultation.treatments if tr.area == area), None)
    custom_blocked = plan.exclusion(CUSTOM)
    options = [s.cocktail for s in plan.suggestions] + ([] if custom_blocked else [CUSTOM])
    captions = [suggestion_caption(i, s) for i, s in enumerate(plan.suggestions)]
    if not custom_blocked:
        captions.append(t("cocktails.custom_caption", locale))
    with st.container(border=True):
        st.subheader(name)
        if current is not None:
            problem = treatment_problem(current, consultation)
            if problem:
                shown = (
                    t("cocktails.custom_mix_on", locale, area=name)
                    if current.cocktail == CUSTOM
                    else catalog.cocktails[current.cocktail].name(locale)
                )
                st.error(t("cocktails.assigned_problem", locale, cocktail=shown, reason=problem))
        chosen = current.cocktail if current is not None and current.cocktail in options else None
        st.radio(
            t("cocktails.assign", locale, area=name),
            options=options,
            format_func=lambda c: (
                t("cocktails.custom", locale) if c == CUSTOM else catalog.cocktails[c].name(locale)
            ),
            captions=captions,
            **state.synced(radio_key(area), chosen, on_assign, area, plan),
        )
        if current is None:
            st.caption(t("cocktails.unassigned", locale))
        message = st.session_state.pop(message_key(area), None)
        if message:
            st.error(message, icon=":material/block:")
        if current is not None and current.cocktail == CUSTOM and not custom_blocked:
            builder(area, current.ingredients or [])
        if plan.excluded:
            st.markdown(f"**{t('cocktails.excluded_title', locale)}**")
            for exclusion in plan.excluded:
                label = (
                    t("cocktails.custom", locale)
                    if exclusion.cocktail == CUSTOM
                    else catalog.cocktails[exclusion.cocktail].name(locale)
                )
                st.markdown(f":material/block: {label}: {exclusion.reason}")


if st.session_state.pop(REPLANNED_KEY, False):
    st.info(t("timeline.course_replanned", locale), icon=":material/event_repeat:")
if not consultation.areas:
    st.info(t("cocktails.no_areas", locale))
elif not recommendations.offered:
    for reason in recommendations.withheld:
        st.error(reason, icon=":material/block:")
else:
    for caution in recommendations.cautions:
        st.warning(caution, icon=":material/warning:")
    for area in consultation.areas:
        area_section(area, recommendations.areas[area])
    assigned = {tr.area for tr in state.get().treatments}
    waiting = [catalog.areas[a].name(locale) for a in consultation.areas if a not in assigned]
    if waiting:
        st.info(t("cocktails.areas_unassigned", locale, areas=", ".join(waiting)))
