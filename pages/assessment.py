"""Assessment: who the patient is and what they want improved. Every widget is bound to the
Consultation model, so nothing is lost when the doctor moves between steps."""

from datetime import date

import streamlit as st

from mesocore.catalog import get_catalog
from mesocore.i18n import t
from ui import state
from ui.routing import through_app
from ui.typing import bound_fields, keep_as_typed

through_app()
locale = state.locale()
catalog = get_catalog()
consultation = state.get()
st.caption(t("assessment.intro", locale))


def field_error(path: str) -> None:
    message = state.error(path)
    if message:
        st.error(message, icon=":material/warning:")


st.subheader(t("assessment.patient", locale))
left, right = st.columns(2)
with left:
    st.text_input(
        t("assessment.name", locale),
        help=t("assessment.name_help", locale),
        max_chars=120,
        **state.bind("patient.name"),
    )
    field_error("patient.name")
    st.segmented_control(
        t("assessment.sex", locale),
        options=["female", "male", "other"],
        format_func=lambda sex: t(f"sex.{sex}", locale),
        **state.bind("patient.sex"),
    )
with right:
    st.date_input(
        t("assessment.birth_date", locale),
        min_value=date(1900, 1, 1),
        max_value=date.today(),
        format="DD.MM.YYYY",
        **state.bind("patient.birth_date"),
    )
    field_error("patient.birth_date")
    if consultation.age is not None:
        st.caption(t("assessment.age", locale, age=consultation.age))
    st.date_input(
        t("assessment.consultation_date", locale),
        format="DD.MM.YYYY",
        **state.bind("consultation_date"),
    )
    field_error("consultation_date")

st.subheader(t("assessment.concerns", locale))
st.pills(
    t("assessment.concerns", locale),
    options=list(catalog.concerns),
    selection_mode="multi",
    format_func=lambda concern: catalog.concerns[concern].name(locale),
    help=t("assessment.concerns_help", locale),
    label_visibility="collapsed",
    **state.bind("concerns", to_model=lambda value: list(value or [])),
)
field_error("concerns")
chosen = state.get().concerns
if chosen:
    for concern in chosen:
        st.caption(
            f"**{catalog.concerns[concern].name(locale)}**: "
            f"{catalog.concerns[concern].description(locale)}"
        )
else:
    st.caption(t("assessment.no_concerns", locale))

left, right = st.columns(2)
with left:
    st.text_area(
        t("assessment.goals", locale),
        help=t("assessment.goals_help", locale),
        max_chars=4000,
        **state.bind("goals"),
    )
    field_error("goals")
with right:
    st.text_area(
        t("assessment.notes", locale),
        help=t("assessment.notes_help", locale),
        max_chars=4000,
        **state.bind("notes"),
    )
    field_error("notes")

# Typed text is saved as it is typed: a reload before the doctor leaves a field loses nothing.
keep_as_typed("assessment", *bound_fields("patient.name", "goals", "notes"))
