"""Why every page file starts with ``through_app()``: one explanation, kept here.

The pages live in a folder named ``pages/`` (the project's layout names it). Streamlit treats
such a folder beside the main script as a *legacy* multipage app until ``st.navigation`` has run
once in the process: the first request after a server start that names a page (a tablet
reloading ``/screening?c=…``) runs that page file alone, without app.py's navigation, frame and
autosave, and AppTest switches the legacy mode on again before every run (so ``switch_page``
runs the page alone too). ``st.navigation`` switches it off for the process
(``PagesManager.uses_pages_directory = False``); a page that finds itself run alone does the
same and asks for a rerun, which then goes through app.py: router, frame, then this page.

Streamlit 1.67 has no setting to turn the legacy mode off, so this reads and writes its class
flag (a private attribute: tests/app/test_pages.py fails loudly if it ever goes away).
"""

from __future__ import annotations

import streamlit as st


def through_app() -> None:
    """Rerun through app.py when Streamlit ran this page file by itself (see above)."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
