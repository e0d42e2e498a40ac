"""Screening: not built yet (issue #3); says so plainly."""

from ui import layout

layout.pending("screening", 3)
