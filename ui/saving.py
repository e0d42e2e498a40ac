"""What the doctor sees of autosave: a small "saved" indicator, and a clear choice when another
tab saved the same consultation (never a silent overwrite) or the database is unavailable."""

from __future__ import annotations

import streamlit as st

from mesocore.database import FAILURE_KINDS
from mesocore.i18n import t
from mesocore.models import Consultation
from ui import autosave, state


def indicator(locale: str) -> None:
    """One line in the top bar: saved at what time, or why not."""
    current = autosave.status()
    if current is None:
        if autosave.is_blank(state.get()):
            st.caption(t("store.nothing_yet", locale), width="content")
        else:
            st.caption(t("store.not_saved_yet", locale), width="content")
    elif current.kind == "saved":
        when = current.at.astimezone().strftime("%H:%M:%S") if current.at else ""
        st.caption(f":green[{t('store.saved_at', locale, time=when)}]", width="content")
    elif current.kind == "conflict":
        st.caption(f":orange[{t('store.not_saved_conflict', locale)}]", width="content")
    else:
        st.caption(f":orange[{t('store.not_saved_failed', locale)}]", width="content")


def _reload_theirs() -> None:
    consultation_id = state.get().id
    if consultation_id is None:  # never saved: there is no stored version to reload
        return
    try:
        record = autosave.store().load(consultation_id)
    except autosave.STORE_FAILURES:
        st.session_state[autosave.FLASH] = "store.unavailable"
        return
    state.replace(record.consultation, version=record.version, saved_at=record.updated_at)
    st.session_state[autosave.FLASH] = "store.reloaded"


def _keep_mine_as_copy() -> None:
    state.replace(state.get().model_copy(update={"id": None}))
    st.session_state[autosave.FLASH] = "store.kept_copy"


def _close() -> None:
    state.replace(Consultation(locale=state.locale()))


def why(kind: str, locale: str) -> str:
    """A failure kind (mesocore.database.FAILURE_KINDS) in words."""
    return t(f"store.why.{kind if kind in FAILURE_KINDS else 'other'}", locale)


def notice(locale: str) -> None:
    """Under the title of every page, while a change is not saved: what happened, what to do."""
    problem = autosave.store_problem()
    if problem is not None:  # e.g. a database upgraded by a newer release: say so at once
        reason = why(problem, locale)
        st.error(t("store.cannot_open", locale, reason=reason), icon=":material/error:")
    saving = autosave.holder()
    if saving.conflict:
        deleted = saving.their_version is None
        with st.container(border=True):
            st.warning(t("store.conflict_deleted" if deleted else "store.conflict", locale))
            left, right = st.columns(2)
            if deleted:
                left.button(
                    t("store.close_it", locale),
                    width="stretch",
                    key="conflict:x",
                    **state.tap(_close),
                )
            else:
                left.button(
                    t("store.reload_theirs", locale),
                    width="stretch",
                    **state.tap(_reload_theirs),
                    key="conflict:reload",
                )
            right.button(
                t("store.keep_mine", locale),
                type="primary",
                **state.tap(_keep_mine_as_copy),
                width="stretch",
                key="conflict:copy",
            )
        return
    current = saving.status
    if current is not None and current.kind == "failed":
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.warning(t("store.failed", locale, reason=why(current.reason, locale)))
        right.button(
            t("store.try_again", locale),
            width="stretch",
            key="retry",
            **state.tap(state.save_again),
        )
