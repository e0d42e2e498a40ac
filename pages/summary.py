"""Summary: review the consultation, confirm informed consent, export the treatment summary PDF.

Consent ticks and the typed name live in the Consultation model (``consent``), never only in
widget keys, so nothing is lost when the doctor switches steps. Any change after confirmation
asks for confirmation again. The PDF is generated only when a download button is tapped
(deferred generation); the final export stays disabled, with the reason shown, until
``mesocore.consent.final_export_problem`` allows it. A draft can always be exported.
"""

from datetime import datetime

import streamlit as st

from mesocore.catalog import get_catalog
from mesocore.consent import (
    ConsentError,
    confirm,
    consent_problem,
    covers,
    final_export_problem,
)
from mesocore.dates import format_date, format_moment
from mesocore.final_summary import issue_final
from mesocore.i18n import t
from mesocore.models import Consent
from mesocore.recommend import treatment_problem
from mesocore.render.pdf import (
    PLACEHOLDER,
    course_plan,
    describe_characters,
    render_summary,
    summary_file_name,
    unprintable,
)
from mesocore.screening import headline
from mesocore.store import Store
from mesocore.treatments import cocktail_name
from ui import autosave, state
from ui.routing import through_app
from ui.typing import keep_as_typed

through_app()
locale = state.locale()
catalog = get_catalog()
consultation = state.get()
# The verdict the badge shows too: an allergen in a planned cocktail only asks for another
# cocktail, it does not rule the patient out (mesocore.screening).
result = state.verdict()
own_status = result.patient_status
ruled_out = result.ruled_out
st.caption(t("summary.intro", locale))

CONSENT_ERROR = "summary:consent_error"
NAME_KEY = state.widget_key("consent.patient_name")


def statement_key(statement_id: str) -> str:
    return state.widget_key(f"consent.{statement_id}")


# -- review ------------------------------------------------------------------------------------
st.subheader(t("summary.review", locale))
left, right = st.columns(2)
with left:
    st.markdown(f"**{t('summary.patient', locale)}**")
    st.text(consultation.patient.name or t("app.patient_unnamed", locale))
    if consultation.patient.birth_date:
        st.caption(
            t(
                "summary.born",
                locale,
                date=format_date(consultation.patient.birth_date, locale),
                age=consultation.age,
            )
        )
    st.markdown(f"**{t('summary.screening', locale)}**")
    st.markdown(f"**{headline(result, locale)}**")
    if not result.findings:
        st.caption(t("summary.no_findings", locale))
    for finding in result.own_findings:
        st.caption(f"{t(f'outcome.{finding.severity}', locale)}: {finding.message}")
with right:
    st.markdown(f"**{t('summary.treatment', locale)}**")
    if consultation.treatments:
        if ruled_out:
            # Listed as planned, they would contradict the screening just beside them.
            st.error(t(f"summary.treatment_withheld_{own_status}", locale), icon=":material/block:")
        for treatment in consultation.treatments:
            area = catalog.areas[treatment.area].name(locale)
            st.text(f"{area}: {cocktail_name(treatment.cocktail, catalog, locale)}")
            problem = None if ruled_out else treatment_problem(treatment, consultation, result)
            if problem:
                st.error(
                    f"{problem} {t('summary.change_on_cocktails', locale)}", icon=":material/block:"
                )
    else:
        st.caption(t("summary.no_treatment", locale))
    st.markdown(f"**{t('summary.choice', locale)}**")
    option = catalog.comparison.get(consultation.treatment_choice or "")
    st.text(option.name(locale) if option else t("summary.choice_none", locale))
    plan = (
        course_plan(consultation, catalog, result)
        if result.may_be_treated and consultation.treatments
        else None
    )
    if plan is not None and plan.visits and not plan.blocked_reason:
        st.markdown(f"**{t('summary.plan', locale)}**")
        kinds = [visit.kind for visit in plan.visits]
        st.caption(
            t(
                "summary.plan_visits",
                locale,
                sessions=kinds.count("session"),
                boosters=kinds.count("booster"),
                first=format_date(plan.visits[0].date, locale),
                last=format_date(plan.visits[-1].date, locale),
            )
        )


# -- consent -----------------------------------------------------------------------------------
def _draft_consent() -> dict:
    consent = state.get().consent or Consent()
    return consent.model_dump()


def _save_consent(consent: dict) -> None:
    """Keep what the patient ticked or typed; any change withdraws an earlier confirmation."""
    consent.update(confirmed_at=None, scope=None)
    st.session_state.pop(CONSENT_ERROR, None)
    message = state.update("consent", consent)
    if message:
        st.session_state[CONSENT_ERROR] = message


def _toggle_statement(statement_id: str) -> None:
    consent = _draft_consent()
    ticked = set(consent["statements"])
    if st.session_state[statement_key(statement_id)]:
        ticked.add(statement_id)
    else:
        ticked.discard(statement_id)
    consent["statements"] = [sid for sid in catalog.consent if sid in ticked]
    _save_consent(consent)


def _typed_name() -> None:
    _write_typed_name(st.session_state[NAME_KEY])


def _write_typed_name(name: str) -> None:
    consent = _draft_consent()
    if consent["patient_name"] == name:
        return  # the same name again (sent as typed, then on leaving the field): no change
    consent["patient_name"] = name
    _save_consent(consent)


def _confirm() -> None:
    try:
        confirmed = confirm(state.get(), now=datetime.now().astimezone(), catalog=catalog)
    except ConsentError as exc:
        st.session_state[CONSENT_ERROR] = str(exc)
        return
    st.session_state.pop(CONSENT_ERROR, None)
    state.update("consent", confirmed.model_dump())


def _withdraw() -> None:
    for path in [f"consent.{sid}" for sid in catalog.consent] + ["consent.patient_name"]:
        state.reset_widget(path)  # the ticks and the name show the withdrawn consent again
    st.session_state.pop(CONSENT_ERROR, None)
    state.update("consent", None)


st.subheader(t("summary.consent", locale))
if ruled_out:  # consent may precede the last answers, or a change of cocktail
    st.info(t("summary.consent_not_needed", locale))
else:
    consent = consultation.consent or Consent()
    st.caption(t("summary.consent_intro", locale))
    for statement in catalog.consent.values():
        key = statement_key(statement.id)
        if key not in st.session_state:
            st.session_state[key] = statement.id in consent.statements
        st.checkbox(
            statement.text(locale),
            key=key,
            **state.own_callback(key, _toggle_statement, statement.id),
        )
    if NAME_KEY not in st.session_state:
        st.session_state[NAME_KEY] = consent.patient_name
    st.text_input(
        t("summary.consent_typed_name", locale),
        help=t("summary.consent_typed_name_help", locale),
        max_chars=120,
        key=NAME_KEY,
        **state.own_callback(NAME_KEY, _typed_name),
    )
    # Saved as the patient types (a reload before leaving the field keeps it).
    keep_as_typed("summary", {NAME_KEY: _write_typed_name}, {NAME_KEY: consent.patient_name})
    error = st.session_state.get(CONSENT_ERROR)
    if error:
        st.error(error, icon=":material/warning:")
    current = covers(consent, consultation)
    problem = consent_problem(consultation, catalog)
    if problem is None:
        st.success(
            t(
                "summary.consent_confirmed",
                locale,
                name=consent.patient_name,
                when=format_moment(consent.confirmed_at, locale) if consent.confirmed_at else "",
            ),
            icon=":material/check_circle:",
        )
    elif consent.confirmed_at is not None and not current:
        st.warning(problem, icon=":material/warning:")
    left, right = st.columns(2)
    with left:
        st.button(
            t("summary.consent_confirm", locale),
            type="primary",
            **state.tap(_confirm),
            disabled=problem is None,
            width="stretch",
        )
    with right:
        st.button(
            t("summary.consent_withdraw", locale),
            disabled=consultation.consent is None,
            **state.tap(_withdraw),
            width="stretch",
        )


# -- export ------------------------------------------------------------------------------------
st.subheader(t("summary.export", locale))
missing = unprintable(consultation, catalog)
if missing:
    st.warning(
        t(
            "summary.glyphs_replaced",
            locale,
            placeholder=PLACEHOLDER,
            chars=describe_characters(missing),
        ),
        icon=":material/warning:",
    )
blocker = final_export_problem(consultation, result, catalog)
snapshot = consultation.model_copy(deep=True)
store: Store | None
try:
    store = autosave.store()  # in hand: the download runs outside this script run
except autosave.STORE_FAILURES:
    store = None  # the final summary then says it cannot be read (saving.notice says why)
left, right = st.columns(2)
with left:
    st.download_button(
        t("summary.export_final", locale),
        # From the latest SAVED version, checked when tapped (mesocore.final_summary): another
        # tab may have recorded an answer since this page was drawn.
        data=lambda: issue_final(store, snapshot.id, locale).pdf.data,
        file_name=summary_file_name(consultation),
        mime="application/pdf",
        on_click="ignore",
        type="primary",
        disabled=blocker is not None,
        width="stretch",
    )
with right:
    st.download_button(
        t("summary.export_draft", locale),
        data=lambda: render_summary(snapshot, draft=True, catalog=catalog, result=result).data,
        file_name=summary_file_name(consultation, draft=True),
        mime="application/pdf",
        on_click="ignore",
        help=t("summary.export_draft_help", locale),
        width="stretch",
    )
if blocker:
    st.warning(t("summary.export_blocked", locale, reason=blocker), icon=":material/lock:")
else:
    st.success(t("summary.export_ready", locale), icon=":material/check_circle:")
