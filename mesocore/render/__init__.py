"""Output formats of a consultation: the summary PDF (and its drawn timeline), the calendar
(.ics) and the charts the pages show.

They read the domain (the consultation, its verdict, its plan) and never decide anything
clinical. Each module imports its heavy library (fpdf2, icalendar, plotly) lazily or only when
it is itself imported, so `import mesocore` and the CLI's `screen` stay fast: import the module
you need (``from mesocore.render.pdf import render_summary``), nothing is re-exported here.
"""
