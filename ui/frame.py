"""The parts of the frame every screen shares: top bar, step bar, screening badge, and the step
switch. app.py composes them around the page (see app.py); texts come from mesocore.i18n."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from mesocore.catalog import LOCALES
from mesocore.demo import demo_consultation
from mesocore.i18n import language_name, t
from mesocore.models import Consultation
from mesocore.screening import ScreeningResult, headline
from ui import autosave, saving, state
from ui.steps import CONSULTATIONS, STEPS, by_id, following

GOTO = "goto"
NAV_KEY = "nav:step"


def follow_step_bar() -> None:
    """Switch to the step the doctor tapped in the previous run (its changes are saved)."""
    target = st.session_state.pop(GOTO, None)
    if target:
        st.switch_page(by_id(target).path)


def _tapped_step() -> None:
    if st.session_state[NAV_KEY]:  # None: the marked step tapped again (Consultations page)
        go(st.session_state[NAV_KEY])


def go(step_id: str) -> None:
    """Open `step_id` on the next run (after this run's callbacks have saved)."""
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
    with st.container(key=STEP_BAR_KEY):  # sticky: see _COMPACT
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


STEP_BAR_KEY = "step-bar"


def continue_button(current: str) -> None:
    """The end of every step: one tap to the next one, so the doctor never scrolls back up to
    the step bar (queued like every button, see ui.state.tap; the page switches next run)."""
    following_step = following(current)
    if following_step is None:
        return
    locale = state.locale()
    st.button(
        t("app.continue", locale, step=t(f"nav.{following_step.id}", locale)),
        type="primary",
        icon=":material/arrow_forward:",
        key=CONTINUE_KEY,
        **state.tap(go, following_step.id),
    )


CONTINUE_KEY = "continue"


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
    go(CONSULTATIONS.id)
    _close_menu()


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
/* The step bar stays at the top while a long step is scrolled (Streamlit scrolls the main
   area), on the page's own background so the content passes under it. */
[data-testid="stLayoutWrapper"]:has(> .st-key-step-bar) {
  position: sticky; top: 0; z-index: 999990; background-color: #ffffff;
  padding: 0.35rem 0; margin: -0.35rem 0;
}
/* A tablet: the page title takes less room (the step bar already says where the doctor is). */
@media (max-width: 1100px) {
  .stMainBlockContainer h1 { font-size: 1.75rem; padding: 0.25rem 0 0 0; }
}
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
            options=list(LOCALES),
            format_func=language_name,
            label_visibility="collapsed",
            required=True,  # tapping the chosen language again keeps it
            **state.bind("locale", to_model=lambda value: value or state.locale()),
        )
        menu_key = f"menu:{st.session_state.get(MENU_DRAWN, 0)}"
        with st.popover(t("app.menu", locale), icon=":material/menu:", key=menu_key):
            st.button(t("app.new_consultation", locale), width="stretch", **state.tap(_new))
            st.button(t("app.load_demo", locale), width="stretch", **state.tap(_load_demo))
            st.button(
                t("nav.consultations", locale),
                icon=":material/folder_open:",
                width="stretch",
                **state.tap(_open_consultations),
            )
    autosave.sync_url(state.get())


# Material icons ship with Streamlit (no font host, no emoji font needed on the tablet).
BadgeColour = Literal["red", "orange", "gray", "green"]
OUTCOME_STYLE: dict[str, tuple[BadgeColour, str]] = {
    "not_eligible": ("red", ":material/block:"),
    "deferred": ("orange", ":material/schedule:"),
    "incomplete": ("gray", ":material/help:"),
    "eligible_with_cautions": ("orange", ":material/warning:"),
    "eligible": ("green", ":material/check_circle:"),
}


def flash(locale: str) -> None:
    """A message from the last action (e.g. "Demo patient loaded"), once."""
    key = st.session_state.pop("flash", None)
    if key:
        st.toast(t(key, locale))


def badge_style(result: ScreeningResult) -> tuple[BadgeColour, str]:
    """Colour and icon of the verdict: the patient's own outcome, or a warning when only the
    plan is at fault (she is not ruled out: another cocktail is chosen)."""
    if result.plan_at_fault:
        return "orange", ":material/warning:"
    return OUTCOME_STYLE[result.patient_status]


def screening_status(locale: str) -> None:
    """The verdict (ui.state.verdict, the one the page reads too), on every step after the
    screening: the patient's own outcome, and "not with this cocktail: choose another" when
    only the plan is at fault."""
    result = state.verdict()
    colour, icon = badge_style(result)
    st.badge(
        f"{t('screening.status_label', locale)}: {headline(result, locale)}",
        icon=icon,
        color=colour,
    )
