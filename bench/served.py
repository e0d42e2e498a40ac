"""app.py in AppTest as the served app runs it after its first request.

Streamlit treats a folder named ``pages/`` beside the main script as a legacy multipage app
until ``st.navigation`` has run once in the process; the served app leaves that mode on its
first run and never goes back. AppTest switches it on again before every run, so with
``AppTest.from_file("app.py")`` each rerun of a page first scans ``pages/``, runs the page file
alone, and reruns it through app.py (``ui.layout._route_through_app``): two script runs per
rerun, measured at about 1.5-2x the served app's cost. Running app.py's code from AppTest's own
temporary folder (no ``pages/`` beside it) measures the served app's rerun; the page files are
the real ones (app.py names them by absolute path).

The tests keep ``from_file``: they cover that first-request path on purpose.
"""

from __future__ import annotations

import logging
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"


def new_apptest(source: str, timeout: float = 60):
    """An AppTest of a script's source, run from AppTest's own temporary folder."""
    from streamlit.testing.v1 import AppTest

    # AppTest writes session state from outside a script run, and Streamlit logs a harmless
    # "missing ScriptRunContext" warning for each write: a hundred lines over the bench's table.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(
        logging.ERROR
    )
    return AppTest.from_string(source, default_timeout=timeout)


def served_app(timeout: float = 60):
    """A new AppTest session of app.py, reran the way the served app reruns."""
    return new_apptest(APP.read_text(encoding="utf-8"), timeout)
