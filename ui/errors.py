"""A guard around each run: an unexpected error shows a plain message, never its details.

Streamlit's own error box (even with details redacted) offers "Ask Google" / "Ask ChatGPT" links
to outside hosts, and exception texts can carry patient data (pydantic echoes input values). So
the app catches errors itself, shows a message in the doctor's language, and logs only the
exception type and where it happened: no message, no values.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path

import streamlit as st

logger = logging.getLogger("mesoconsult")
FALLBACK = "Something went wrong on this screen. What you entered is kept; please try again."


def _message() -> str:
    try:
        from mesocore.i18n import t
        from ui import state

        return t("app.error", state.locale())
    except Exception:  # the message must not fail in turn (e.g. broken content)
        return FALLBACK


def where(exc: BaseException) -> str:
    """File names and line numbers of the innermost frames: enough to debug, no data."""
    frames = traceback.extract_tb(exc.__traceback__)[-4:]
    return " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames))


def guarded(action: Callable[[], object]) -> None:
    """Run `action`; on an unexpected error show a plain message and log type and place only.
    Streamlit's rerun/stop signals derive from BaseException and pass through untouched."""
    try:
        action()
    except Exception as exc:
        logger.error("unhandled %s at %s", type(exc).__name__, where(exc))
        st.error(_message(), icon=":material/warning:")
