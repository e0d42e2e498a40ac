"""app.py in AppTest as the served app runs it after its first request.

Streamlit treats a folder named ``pages/`` beside the main script as a legacy multipage app
until ``st.navigation`` has run once in the process; the served app leaves that mode on its
first run and never goes back. AppTest switches it on again before every run, so with
``AppTest.from_file("app.py")`` each rerun of a page first scans ``pages/``, runs the page file
alone, and reruns it through app.py (``ui.routing.through_app``): two script runs per
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


_registry = None


def share_component_registry() -> None:
    """Every AppTest of this process uses one component registry, as the served app's sessions
    share their Runtime's.

    Streamlit's Runtime scans the installed packages for components once per process; AppTest
    scans them again for each new AppTest, parsing every installed distribution's metadata four
    times (about 0.3 s, most of a small test's time), and the repeated scans grow memory for
    the first hundred or so AppTests of a process (see bench/memory.py). The registry is kept
    in a private attribute of AppTest: if a Streamlit upgrade renames it, this fails loudly
    rather than bringing the scan back unnoticed.
    """
    from streamlit.testing.v1.app_test import AppTest

    if getattr(AppTest, "_shares_components", False):
        return
    original = AppTest.__init__

    def sharing_init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        if not hasattr(self, "_bidi_component_manager"):
            raise RuntimeError("AppTest has no _bidi_component_manager: see bench/served.py")
        self._bidi_component_manager = components()

    AppTest.__init__ = sharing_init  # type: ignore[method-assign]  # on purpose, see above
    AppTest._shares_components = True  # type: ignore[attr-defined]


def components():
    """The process's component registry, discovered on first use."""
    global _registry
    if _registry is None:
        from streamlit.components.v2.component_manager import BidiComponentManager

        _registry = BidiComponentManager()
        _registry.discover_and_register_components(start_file_watching=False)
    return _registry


def new_apptest(source: str, timeout: float = 60):
    """An AppTest of a script's source, run from AppTest's own temporary folder."""
    from streamlit.testing.v1 import AppTest

    # AppTest writes session state from outside a script run, and Streamlit logs a harmless
    # "missing ScriptRunContext" warning for each write: a hundred lines over the bench's table.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(
        logging.ERROR
    )
    share_component_registry()
    return AppTest.from_string(source, default_timeout=timeout)


def served_app(timeout: float = 60):
    """A new AppTest session of app.py, reran the way the served app reruns."""
    return new_apptest(APP.read_text(encoding="utf-8"), timeout)
