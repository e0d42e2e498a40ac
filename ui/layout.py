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
    """Register the pages; the visible navigation is our own step bar (see `step_bar`).

    Streamlit's own page links lose a change made just before the tap: the browser drops the
    old page's widget states when it asks for the new page, so the callback that saves the
    change never runs. A tap on a widget of the current page sends every pending value with it,
    so the step bar switches pages from the next run, after the callbacks have saved.
    """
    locale = state.locale()
    built = st.session_state.get(PAGES_KEY)
    if built is None or built[0] != locale:
        built = (locale, _pages(locale))
        st.session_state[PAGES_KEY] = built
    return st.navigation(list(built[1]), position="hidden")


PAGES_KEY = "nav:pages"


def _pages(locale: str) -> tuple[st.Page, ...]:
    """The pages, built once per session and language: st.Page resolves and checks its file,
    a tenth of every rerun when done each time. Kept in session state, not in a module
    global, because st.navigation marks the page it returns as the one allowed to run."""
    pages = [
        st.Page(step.path, title=t(f"nav.{step.id}", locale), url_path=step.id, default=index == 0)
        for index, step in enumerate(STEPS)
    ]
    saved = st.Page(
        CONSULTATIONS.path, title=t("nav.consultations", locale), url_path=CONSULTATIONS.id
    )
    return (*pages, saved)


GOTO = "goto"
NAV_KEY = "nav:step"


def follow_step_bar() -> None:
    """Switch to the step the doctor tapped in the previous run (its changes are saved)."""
    target = st.session_state.pop(GOTO, None)
    if target:
        st.switch_page(ROOT / "pages" / f"{target}.py")


def _tapped_step() -> None:
    if st.session_state[NAV_KEY]:  # None: the marked step tapped again (Consultations page)
        _go(st.session_state[NAV_KEY])


def _go(step_id: str) -> None:
    st.session_state[GOTO] = step_id


def step_bar(current: str) -> None:
    """Where the doctor is in the consultation, and a tap to go anywhere else. The saved
    consultations are in the menu, not in the bar: one row of the seven steps fits a portrait
    tablet (an eighth segment wrapped to a row of its own, and Streamlit drew the first row's
    last segment without its right border). On the Consultations page no step is marked."""
    locale = state.locale()
    steps = [step.id for step in STEPS]
    on_a_step = current in steps
    state.show(NAV_KEY, current if on_a_step else None)  # the page being drawn, always
    st.segmented_control(
        t("app.steps", locale),
        options=steps,
        format_func=lambda step_id: t(f"nav.{step_id}", locale),
        key=NAV_KEY,
        on_change=_tapped_step,
        required=on_a_step,
        label_visibility="collapsed",
        width="stretch",
    )


MENU_DRAWN = "menu:drawn"


def _close_menu() -> None:
    """A menu action is done: the open menu would keep covering the step bar. A popover opens
    and closes in the browser only; drawing it under a new key makes a new, closed one. (Its
    tracked state, `on_change="rerun"`, could close it too, but then opening the menu reruns the
    page, and a tap on a menu item during that rerun was lost on a busy machine.)"""
    st.session_state[MENU_DRAWN] = st.session_state.get(MENU_DRAWN, 0) + 1


def _load_demo() -> None:
    state.replace(demo_consultation(locale=state.locale()))  # keeps the chosen language
    st.session_state["flash"] = "app.demo_loaded"
    _close_menu()


def _new() -> None:
    state.replace(Consultation(locale=state.locale()))
    st.session_state["flash"] = "app.new_started"
    _close_menu()


def _open_consultations() -> None:
    _go(CONSULTATIONS.id)
    _close_menu()


LANGUAGES = {"en": "English", "tr": "Türkçe"}

# Streamlit's header only holds a sidebar toggle that appears on hover (no use on a tablet):
# everything lives in the page, so the header goes and the page starts at the top.
_COMPACT = """<style>
header[data-testid="stHeader"] { display: none; }
.stMainBlockContainer { padding-top: 1rem; }
/* Touch targets of at least 44 px (a fingertip), for every button-like control. */
[data-testid="stButtonGroup"] button, [data-testid^="stBaseButton"] { min-height: 44px; }
/* A consent statement of one line was a 22 px row: the whole row is the checkbox's target. */
[data-testid="stCheckbox"] label { min-height: 44px; align-items: center; }
[data-testid^="stNumberInputStep"] { min-width: 44px; }
/* The help (?) and calendar icons are 17 px: a larger invisible target around each, kept off
   the input under the label so a tap on the field still reaches the field. */
[data-testid="stTooltipHoverTarget"] > button, [data-testid="stDateInputCalendarButton"] {
  position: relative;
}
[data-testid="stTooltipHoverTarget"] > button::after {
  content: ""; position: absolute; inset: -12px -12px -6px -12px;
}
[data-testid="stDateInputCalendarButton"]::after { content: ""; position: absolute; inset: -12px; }
/* Heading anchors appear on hover only and lead nowhere useful for the doctor. */
[data-testid="stHeaderActionElements"] { display: none; }
/* Toasts at the bottom: at the top right they covered the menu and the end of the step bar.
   They let taps through: a control under a toast answers at once (they close by themselves). */
[data-testid="stToastContainer"] { top: auto; bottom: 1rem; }
[data-testid="stToastContainer"], [data-testid="stToastContainer"] * { pointer-events: none; }
</style>"""


def top_bar() -> None:
    """App name, patient, saved state, language and the consultation menu: always on screen,
    no sidebar (a collapsed sidebar hides behind a hover-only toggle on a portrait tablet)."""
    state.flush()  # first: what the callbacks of this run changed is saved
    locale = state.locale()
    st.html(_COMPACT)
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.markdown(f"**{t('app.title', locale)}**", width="content")
        st.text(state.get().patient.name or t("app.patient_unnamed", locale), width="content")
        saving.indicator(locale)
        st.space(size="stretch")
        st.segmented_control(
            t("app.language", locale),
            options=list(LANGUAGES),
            format_func=LANGUAGES.__getitem__,
            label_visibility="collapsed",
            required=True,  # tapping the chosen language again keeps it
            **state.bind("locale", to_model=lambda value: value or state.locale()),
        )
        menu_key = f"menu:{st.session_state.get(MENU_DRAWN, 0)}"
        with st.popover(t("app.menu", locale), icon=":material/menu:", key=menu_key):
            st.button(t("app.new_consultation", locale), on_click=_new, width="stretch")
            st.button(t("app.load_demo", locale), on_click=_load_demo, width="stretch")
            st.button(
                t("nav.consultations", locale),
                on_click=_open_consultations,
                icon=":material/folder_open:",
                width="stretch",
            )
    autosave.sync_url(state.get())


def _route_through_app() -> None:
    """Run the page through app.py when Streamlit ran it by itself.

    Until st.navigation has run once in the server process, Streamlit treats a folder named
    pages/ as a legacy multipage app: the first request after a server start that names a page
    (a tablet reloading /screening?c=…) runs that page alone, without app.py's navigation,
    top bar or autosave URL. st.navigation switches the legacy mode off for the process; a
    rerun then goes through app.py. (AppTest re-enables the legacy mode before every run.)
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        navigation()
        st.rerun()


def header(step_id: str) -> str:
    """Top bar, step bar and title of a page; returns the locale for the page's texts."""
    _route_through_app()
    top_bar()
    step_bar(step_id)
    locale = state.locale()
    flash = st.session_state.pop("flash", None)
    if flash:
        st.toast(t(flash, locale))
    ids = [step.id for step in STEPS]
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
