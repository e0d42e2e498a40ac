"""Timeline: not built yet (issue #6); says so plainly."""

from ui import layout

layout.pending("timeline", 6)
