"""Compare: not built yet (issue #5); says so plainly."""

from ui import layout

layout.pending("compare", 5)
