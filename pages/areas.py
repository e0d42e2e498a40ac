"""Areas: not built yet (issue #4); says so plainly."""

from ui import layout

layout.pending("areas", 4)
