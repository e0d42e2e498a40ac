"""Consultations: not built yet (issue #8); says so plainly."""

from ui import layout

layout.pending("consultations", 8)
