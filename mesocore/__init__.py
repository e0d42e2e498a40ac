"""MesoConsult's domain core: the consultation model, the content catalog and the clinical logic.

Pure Python: it never imports streamlit, plotly or fpdf at import time, so the CLI and the tests
stay fast and the clinical rules can be checked without a UI.
"""

import os

# Pydantic looks for plugins by reading the metadata of every installed distribution when the
# first model class is built (the catalog's, just below); MesoConsult uses no pydantic plugins,
# so the scan is skipped (it grows with the environment: 2-5% of `python -m mesocore screen`).
# Set here, before any model exists; setdefault leaves a caller's own choice alone.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from mesocore.catalog import Catalog, CatalogError, get_catalog, load_catalog
from mesocore.i18n import t
from mesocore.models import (
    Consultation,
    History,
    Patient,
    Treatment,
    describe_error,
)
from mesocore.screening import Finding, ScreeningResult, screen

__all__ = [
    "Catalog",
    "CatalogError",
    "Consultation",
    "Finding",
    "History",
    "Patient",
    "ScreeningResult",
    "Treatment",
    "describe_error",
    "get_catalog",
    "load_catalog",
    "screen",
    "t",
]
