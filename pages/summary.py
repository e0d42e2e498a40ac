"""Summary: not built yet (issue #7); says so plainly."""

from ui import layout

layout.pending("summary", 7)
