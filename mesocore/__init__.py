"""MesoConsult's domain core: the consultation model, the content catalog and the clinical logic.

Pure Python: it never imports streamlit, plotly or fpdf at import time, so the CLI and the tests
stay fast and the clinical rules can be checked without a UI.
"""

from mesocore.catalog import Catalog, CatalogError, get_catalog, load_catalog
from mesocore.i18n import t
from mesocore.models import Consultation, History, Patient, Treatment, describe_error
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
