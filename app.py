"""MesoConsult: the Streamlit entry point. A router only: page config, pages, step switch."""

import streamlit as st

st.set_page_config(page_title="MesoConsult", page_icon="💉", layout="wide")

from ui import layout  # noqa: E402  (set_page_config must come first)
from ui.errors import guarded  # noqa: E402


def main() -> None:
    page = layout.navigation()
    layout.follow_step_bar()
    guarded(page.run)


guarded(main)
