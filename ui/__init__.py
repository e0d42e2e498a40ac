"""Thin UI helpers shared by the pages: typed access to the consultation in session state,
widgets bound to it, and the page frame. No clinical rules live here."""
