"""MesoConsult: the Streamlit entry point, the router and the frame every screen shares.

As in Streamlit's own ``hello`` app, this file registers the pages, draws what every screen has
(top bar, step bar, title, saved state, the screening badge) and then runs the page the doctor
is on; a page file draws only its own content. The pages are ``pages/<step>.py`` (see
``ui/steps.py``); why each page file starts with ``through_app()`` is told once, in
``ui/routing.py``.
"""

import streamlit as st

st.set_page_config(page_title="MesoConsult", page_icon="💉", layout="wide")

from mesocore.i18n import t  # noqa: E402  (set_page_config must come first)
from ui import frame, saving, state  # noqa: E402
from ui.errors import guarded  # noqa: E402
from ui.steps import ALL, FIRST, after_screening  # noqa: E402

PAGES_KEY = "nav:pages"


def registered_pages(locale: str) -> dict[str, st.Page]:
    """step id -> its page, built once per session and language: st.Page resolves and checks
    its file, a tenth of every rerun when done each time. Kept in session state, not in a
    module global, because st.navigation marks the page it returns as the one allowed to run.

    Streamlit's own page links and sidebar are hidden: the visible navigation is our step bar
    (``ui.frame.step_bar``). A page link loses a change made just before the tap (the browser
    drops the old page's widget states when it asks for the new page, so the saving callback
    never runs); a tap on the step bar is a widget event of the current page, sent with every
    pending value, and the page switches on the next run, after the callbacks have saved.
    """
    built = st.session_state.get(PAGES_KEY)
    if built is None or built[0] != locale:
        pages = {
            step.id: st.Page(
                step.path,
                title=t(f"nav.{step.id}", locale),
                url_path=step.id,
                default=step == FIRST,
            )
            for step in ALL
        }
        built = (locale, pages)
        st.session_state[PAGES_KEY] = built
    return built[1]


def draw_frame(step_id: str) -> None:
    """What every screen shows above its own content."""
    frame.top_bar()  # first: it saves what the callbacks of this run changed
    frame.step_bar(step_id)
    locale = state.locale()
    frame.flash(locale)
    st.title(t(f"nav.{step_id}", locale))
    saving.notice(locale)
    if after_screening(step_id):
        frame.screening_status(locale)


def main() -> None:
    state.run_taps()  # first: the buttons tapped since the last run (ui.state.tap)
    pages = registered_pages(state.locale())
    page = st.navigation(list(pages.values()), position="hidden")
    frame.follow_step_bar()
    step_id = page.url_path or FIRST.id  # the default page's url_path reads empty
    draw_frame(step_id)
    guarded(page.run)
    frame.continue_button(step_id)  # every step ends with the way to the next


guarded(main)
