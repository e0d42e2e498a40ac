"""MesoConsult: the Streamlit entry point. A router only: page config, navigation, sidebar."""

import streamlit as st

st.set_page_config(
    page_title="MesoConsult", page_icon="💉", layout="wide", initial_sidebar_state="auto"
)

from ui import layout  # noqa: E402  (set_page_config must come first)

page = layout.navigation()
layout.sidebar()
page.run()
