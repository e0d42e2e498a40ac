"""Compare: classic mesotherapy, the youth vaccine and needle-free mesotherapy side by side, how
each serves this patient's concerns, a recommendation with its reasons and sources, and the
patient's choice, which updates the plan (and so the timeline and the summary). The logic is in
mesocore.comparison; this page only renders it and writes the choice back to the model."""

import pandas as pd
import streamlit as st

from mesocore.catalog import get_catalog
from mesocore.comparison import (
    apply_choice,
    choice_in_plan,
    comparison_rows,
    coverage,
    recommend_option,
    screening_blocks,
)
from mesocore.i18n import t
from mesocore.render.comparison_chart import coverage_figure
from ui import state
from ui.memo import session_memo
from ui.routing import through_app
from ui.wishes import wish_pills

CHOICE_KEY = state.widget_key("treatment_choice")
FEEDBACK_KEY = "compare_feedback"

through_app()
locale = state.locale()
catalog = get_catalog()
st.caption(t("compare.intro", locale))


def option_name(option_id: str) -> str:
    return catalog.comparison[option_id].name(locale)


def choose() -> None:
    """The doctor taps an option: record it and update the plan, or refuse with the reason."""
    choice = st.session_state[CHOICE_KEY]
    consultation = state.get()
    if choice is None:
        error = state.update("treatment_choice", None)
        feedback = {"kind": "info", "messages": [t("compare.choice_cleared", locale)]}
    else:
        outcome = apply_choice(consultation, choice, catalog)
        error = None
        if outcome.allowed:
            changes = {"treatment_choice": choice, "treatments": list(outcome.treatments)}
            if outcome.reset_visit_dates:
                changes["visit_dates"] = {}
            if state.change("treatment_choice", lambda c: c.revised(**changes)) is None:
                error = state.error("treatment_choice")
        kind = "success" if outcome.allowed else "error"
        feedback = {"kind": kind, "messages": outcome.messages, "warnings": outcome.warnings}
    if error:
        feedback = {"kind": "error", "messages": [error]}
    st.session_state[FEEDBACK_KEY] = feedback


# --- side by side ----------------------------------------------------------------------------
st.subheader(t("compare.table", locale))
rows = comparison_rows(catalog, locale)
table = pd.DataFrame(
    {option_name(o): [row.values[o] for row in rows] for o in catalog.comparison},
    index=[row.label for row in rows],
)
st.table(table)

# --- what the patient wants to avoid ---------------------------------------------------------
st.subheader(t("compare.wishes", locale))
wish_pills(catalog, locale, "compare", label_visibility="collapsed")

consultation = state.get()
recommendation = recommend_option(consultation, catalog)

# --- the chart -------------------------------------------------------------------------------
st.subheader(t("compare.chart", locale))
cover = coverage(consultation, catalog)
if cover.general:
    st.info(t("compare.chart_general", locale))
st.plotly_chart(
    session_memo(
        "compare",
        (cover, locale, recommendation.ruled_out, recommendation.option),
        lambda: coverage_figure(
            cover, catalog, locale, recommendation.ruled_out, recommendation.option
        ),
    ),
    key="compare_chart",
    config={"staticPlot": True, "displayModeBar": False, "responsive": True},
)
st.caption(t("compare.chart_caption", locale))

# --- the recommendation ----------------------------------------------------------------------
st.subheader(t("compare.recommendation", locale))
if recommendation.option:
    title = t("compare.recommended", locale, option=option_name(recommendation.option))
    if recommendation.provisional:
        st.warning(f"**{title}** ({t('compare.provisional', locale)})", icon=":material/help:")
    else:
        st.success(f"**{title}**", icon=":material/recommend:")
else:
    st.warning(f"**{t('compare.no_recommendation', locale)}**", icon=":material/block:")
st.markdown("\n".join(f"- {reason}" for reason in recommendation.reasons))
shown = set(recommendation.reasons)
ruled_out = {o: r for o, r in recommendation.ruled_out.items() if r not in shown}
if ruled_out:
    st.markdown(f"**{t('compare.ruled_out_title', locale)}**")
    st.markdown("\n".join(f"- **{option_name(o)}**: {r}" for o, r in ruled_out.items()))
if recommendation.sources:
    with st.expander(t("compare.sources", locale)):
        st.markdown(
            "\n".join(f"- `{s}`: {catalog.sources[s].title}" for s in recommendation.sources)
        )

# --- the patient's choice --------------------------------------------------------------------
st.subheader(t("compare.choice_title", locale))
blocked = screening_blocks(consultation, catalog)


def choice_label(option_id: str) -> str:
    mark = "✕ " if option_id in blocked else "★ " if option_id == recommendation.option else ""
    return mark + option_name(option_id)


st.segmented_control(
    t("compare.choice_title", locale),
    options=list(catalog.comparison),
    format_func=choice_label,
    **state.synced(CHOICE_KEY, consultation.treatment_choice, choose),
    label_visibility="collapsed",
)
feedback = st.session_state.pop(FEEDBACK_KEY, None)
if feedback:
    show = {"success": st.success, "info": st.info, "error": st.error}[feedback["kind"]]
    show("\n\n".join(feedback["messages"]))
    for warning in feedback.get("warnings", ()):
        st.warning(warning, icon=":material/warning:")
current = state.get().treatment_choice
st.caption(
    t("compare.choice_current", locale, option=option_name(current))
    if current
    else t("compare.choice_none", locale)
)
if current is not None and not choice_in_plan(state.get(), catalog):
    st.warning(t("compare.choice_not_in_plan", locale, option=option_name(current)))
st.caption(t("compare.choice_help", locale))
