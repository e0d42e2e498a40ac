"""Issuing the final treatment summary: from the latest SAVED version, checked at that moment.

The Summary page is drawn from this session's copy of the consultation, but a final summary is
a medical record: it must say what the record says when it is issued. Another tab (or another
tablet) may have saved a new answer since this page was drawn, say a stroke; a final summary
built from the page's copy would still read "Eligible". So the export loads the latest saved
version, screens it then (``mesocore.screening``, the one verdict), and issues the final
summary only if ``mesocore.consent.final_export_problem`` allows it for that version. When it
does not, the file is a draft that says on its first page why it is not the final summary.

Pure domain code (no Streamlit): the page hands in the store it already has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mesocore.consent import final_export_problem
from mesocore.i18n import t

if TYPE_CHECKING:
    from mesocore.render.pdf import SummaryPdf
    from mesocore.store import Store


@dataclass(frozen=True)
class Issued:
    """What the final-summary button hands over: the PDF, and why it is not final (or None)."""

    pdf: SummaryPdf
    refused: str | None = None
    version: int | None = None
    """The saved version the PDF was built from (None: nothing could be read)."""


def issue_final(store: Store | None, consultation_id: str | None, locale: str) -> Issued:
    """The final summary of the latest saved version of `consultation_id`, or a draft saying
    why it cannot be issued now (not saved yet, unreadable, or refused by the gate)."""
    from pydantic import ValidationError
    from sqlalchemy.exc import SQLAlchemyError

    from mesocore.models import Consultation
    from mesocore.render.pdf import render_summary
    from mesocore.screening import screen
    from mesocore.store import NotFoundError, StoreError

    def nothing_issued(key: str) -> Issued:
        reason = t(key, locale)
        empty = Consultation(locale=locale)  # no patient data: nothing could be read
        return Issued(render_summary(empty, draft=True, refused=reason), reason)

    if consultation_id is None:
        return nothing_issued("summary.final_not_saved")
    if store is None:
        return nothing_issued("summary.final_unreadable")
    try:
        record = store.load(consultation_id)
    except NotFoundError:
        return nothing_issued("summary.final_gone")
    except (SQLAlchemyError, OSError, StoreError, ValidationError):
        return nothing_issued("summary.final_unreadable")
    saved = record.consultation
    result = screen(saved)
    problem = final_export_problem(saved, result)
    if problem is not None:
        reason = t("summary.final_refused", saved.locale, reason=problem)
        pdf = render_summary(saved, draft=True, result=result, refused=reason)
        return Issued(pdf, reason, record.version)
    return Issued(render_summary(saved, draft=False, result=result), None, record.version)
