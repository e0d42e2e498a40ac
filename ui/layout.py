"""The page frame: navigation, sidebar, step header. Texts come from mesocore.i18n."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from mesocore.demo import demo_consultation
from mesocore.i18n import t
from mesocore.models import Consultation
from mesocore.screening import screen
from ui import autosave, saving, state

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Step:
    id: str

    @property
    def path(self) -> Path:
        return ROOT / "pages" / f"{self.id}.py"


# The consultation in the order the doctor walks it, then the list of saved consultations.
STEPS = (
    Step("assessment"),
    Step("screening"),
    Step("areas"),
    Step("cocktails"),
    Step("compare"),
    Step("timeline"),
    Step("summary"),
)
CONSULTATIONS = Step("consultations")


def navigation() -> st.navigation:
    locale = state.locale()
    pages = [
        st.Page(step.path, title=t(f"nav.{step.id}", locale), url_path=step.id, default=index == 0)
        for index, step in enumerate(STEPS)
    ]
    saved = st.Page(
        CONSULTATIONS.path, title=t("nav.consultations", locale), url_path=CONSULTATIONS.id
    )
    return st.navigation([*pages, saved], position="top")


def _load_demo() -> None:
    state.replace(demo_consultation())
    st.session_state["flash"] = "app.demo_loaded"


def _new() -> None:
    state.replace(Consultation(locale=state.locale()))
    st.session_state["flash"] = "app.new_started"


LANGUAGES = {"en": "English", "tr": "Türkçe"}


def sidebar() -> None:
    state.flush()  # first: what the callbacks of this run changed is saved
    locale = state.locale()
    with st.sidebar:
        st.markdown(f"### {t('app.title', locale)}")
        st.segmented_control(
            t("app.language", locale),
            options=list(LANGUAGES),
            format_func=LANGUAGES.__getitem__,
            **state.bind("locale", to_model=lambda value: value or "en"),
        )
        name = state.get().patient.name or t("app.patient_unnamed", locale)
        st.markdown(f"**{name}**")
        st.button(t("app.new_consultation", locale), on_click=_new, width="stretch")
        st.button(t("app.load_demo", locale), on_click=_load_demo, width="stretch")
        saving.indicator(locale)
    autosave.sync_url(state.get())


def _route_through_app() -> None:
    """Run the page through app.py when Streamlit ran it by itself.

    Until st.navigation has run once in the server process, Streamlit treats a folder named
    pages/ as a legacy multipage app: the first request after a server start that names a page
    (a tablet reloading /screening?c=…) runs that page alone, without app.py's navigation,
    sidebar or autosave URL. st.navigation switches the legacy mode off for the process; a
    rerun then goes through app.py. (AppTest re-enables the legacy mode before every run.)
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        navigation()
        st.rerun()


def header(step_id: str) -> str:
    """Title and progress of a consultation step; returns the locale for the page's texts."""
    _route_through_app()
    locale = state.locale()
    flash = st.session_state.pop("flash", None)
    if flash:
        st.toast(t(flash, locale))
    ids = [step.id for step in STEPS]
    if step_id in ids:
        number = ids.index(step_id) + 1
        st.progress(number / len(ids), text=t("app.step_of", locale, number=number, total=len(ids)))
    st.title(t(f"nav.{step_id}", locale))
    saving.notice(locale)
    if step_id in ids[ids.index("screening") + 1 :]:
        screening_status(locale)
    return locale


# Material icons ship with Streamlit (no font host, no emoji font needed on the tablet).
OUTCOME_STYLE = {
    "not_eligible": ("red", ":material/block:"),
    "deferred": ("orange", ":material/schedule:"),
    "incomplete": ("gray", ":material/help:"),
    "eligible_with_cautions": ("orange", ":material/warning:"),
    "eligible": ("green", ":material/check_circle:"),
}


def screening_status(locale: str) -> None:
    """The current screening outcome, shown on every step after the screening."""
    status = screen(state.get()).status
    colour, icon = OUTCOME_STYLE[status]
    st.badge(
        f"{t('screening.status_label', locale)}: {t(f'outcome.{status}', locale)}",
        icon=icon,
        color=colour,
    )


def pending(step_id: str, issue: int) -> None:
    """A step whose issue has not landed: say so plainly."""
    locale = header(step_id)
    st.info(t("app.pending", locale, issue=issue))
