"""Cocktails: not built yet (issue #4); says so plainly."""

from ui import layout

layout.pending("cocktails", 4)
