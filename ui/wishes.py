"""The patient's wishes (fewer sessions, no needles, no bruising…) as pills, on the Cocktails and
Compare steps alike: both rank by them, so both let the doctor set them."""

from __future__ import annotations

from typing import Any

import streamlit as st

from mesocore.catalog import Catalog
from mesocore.i18n import t
from ui import state


def wish_pills(catalog: Catalog, locale: str, step: str, **widget: Any) -> None:
    """Pills bound to ``Consultation.wishes``; `step` names the page ("cocktails" or "compare"):
    its texts (``<step>.wishes``, ``<step>.wishes_help``) and its own widget key (a key shared
    across pages keeps the other page's widget state, see ``state.bind``)."""
    st.pills(
        t(f"{step}.wishes", locale),
        options=list(catalog.wishes),
        selection_mode="multi",
        format_func=lambda wish: catalog.wishes[wish].name(locale),
        help=t(f"{step}.wishes_help", locale),
        **widget,
        **state.bind(
            "wishes",
            to_model=lambda value: list(value or []),
            key=state.widget_key(f"wishes.{step}"),
        ),
    )
    if state.error("wishes"):
        st.error(state.error("wishes"), icon=":material/warning:")
