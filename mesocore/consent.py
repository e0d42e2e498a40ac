"""Informed consent and the final-summary gate: pure rules the Summary page and the PDF share.

The final treatment summary is a medical record the patient signs, so it is issued only when the
screening is complete and, for a patient who is to be treated, the patient has confirmed every
consent statement and typed their own name. A patient who is not eligible or deferred has no
treatment to consent to: their final summary records why, without consent. A draft can always
be exported; it is watermarked as a draft.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from mesocore.catalog import Catalog, get_catalog
from mesocore.i18n import t
from mesocore.models import Consent, Consultation, Treatment
from mesocore.screening import ScreeningResult, screen
from mesocore.text import collapse, same_text

# Outcomes with a treatment plan, hence a treatment to consent to.
TREATABLE = ("eligible", "eligible_with_cautions")


class ConsentError(ValueError):
    """Consent cannot be confirmed yet; the message says what is missing, for people."""


def names_match(typed: str, name: str) -> bool:
    """Whether the typed name is the patient's name, ignoring case and extra spaces.

    Case is compared both the Turkish way (AYŞE YILMAZ = Ayşe Yılmaz, İSMAİL = ismail) and the
    default way (ISABEL = isabel), so Turkish and other names both work; different letters
    (s and ş, ı and i in the same case) never match (``mesocore.text.same_text``).
    """
    if not collapse(typed) or not collapse(name):
        return False
    return same_text(typed, name)


def _treated(treatment: Treatment, with_mix: bool) -> tuple:
    """A treatment in the fingerprint; its course choices only when the doctor made some, so a
    consent given before course choices existed stays valid; a custom mix's ingredients."""
    course = (treatment.sessions, treatment.interval_days)
    basic: tuple[str, ...] = (treatment.area, treatment.cocktail)
    if with_mix and treatment.ingredients is not None:
        basic = (*basic, *treatment.ingredients)
    return basic if course == (None, None) else (*basic, *course)


def _fingerprint(consultation: Consultation, *, version: int) -> str:
    """Version 2 (current) holds the medical history and a custom mix's ingredients too: the
    patient confirms "the medical history I gave is true and complete", and consents to the
    mix itself. Version 1 (consents confirmed before) held neither."""
    treated: dict = {
        "areas": consultation.areas,
        "treatments": [_treated(tr, with_mix=version >= 2) for tr in consultation.treatments],
        "choice": consultation.treatment_choice,
        "start": consultation.start_date.isoformat() if consultation.start_date else None,
        "moved": {key: day.isoformat() for key, day in consultation.visit_dates.items()},
        "time": consultation.visit_time.isoformat() if consultation.visit_time else None,
    }
    if version >= 2:
        treated["history"] = consultation.history.model_dump(mode="json")
    digest = hashlib.sha256(json.dumps(treated, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:16]


def scope(consultation: Consultation) -> str:
    """A fingerprint of what the patient consents to: the treatment (a custom mix's ingredients
    included), the choice, the dates and the medical history given.

    Holds no patient data beyond the consultation it is stored in (a truncated hash)."""
    return _fingerprint(consultation, version=2)


def covers(consent: Consent | None, consultation: Consultation) -> bool:
    """Whether a confirmed consent still covers the consultation as it is now.

    A consent confirmed before the fingerprint held the history and the mix is still honoured
    while what it did fingerprint is unchanged: it is not silently withdrawn by an update."""
    if consent is None or consent.confirmed_at is None:
        return False
    return consent.scope in (scope(consultation), _fingerprint(consultation, version=1))


def draft_problem(
    consultation: Consultation, catalog: Catalog | None = None, locale: str | None = None
) -> str | None:
    """Why the consent drafted so far cannot be confirmed, or None when it can."""
    catalog = catalog or get_catalog()
    locale = locale or consultation.locale
    consent = consultation.consent or Consent()
    missing = [sid for sid in catalog.consent if sid not in consent.statements]
    if missing:
        return t("summary.consent_missing_statements", locale, count=len(missing))
    if not consultation.patient.name.strip():
        return t("summary.consent_no_patient_name", locale)
    if not consent.patient_name.strip():
        return t("summary.consent_name_empty", locale)
    if not names_match(consent.patient_name, consultation.patient.name):
        return t("summary.consent_name_mismatch", locale, name=consultation.patient.name)
    return None


def confirm(consultation: Consultation, now: datetime, catalog: Catalog | None = None) -> Consent:
    """The drafted consent, stamped as confirmed at `now`; ConsentError says what is missing."""
    problem = draft_problem(consultation, catalog)
    if problem:
        raise ConsentError(problem)
    consent = consultation.consent or Consent()
    return consent.model_copy(update={"confirmed_at": now, "scope": scope(consultation)})


def consent_problem(
    consultation: Consultation, catalog: Catalog | None = None, locale: str | None = None
) -> str | None:
    """Why the consent is not complete now, or None when it is confirmed and still current."""
    locale = locale or consultation.locale
    consent = consultation.consent
    if consent is None or consent.confirmed_at is None:
        return draft_problem(consultation, catalog, locale) or t(
            "summary.consent_not_confirmed", locale
        )
    problem = draft_problem(consultation, catalog, locale)
    if problem:  # the name or the statements changed after confirmation
        return problem
    if not covers(consent, consultation):
        return t("summary.consent_scope_changed", locale)
    return None


def final_export_problem(
    consultation: Consultation,
    result: ScreeningResult | None = None,
    catalog: Catalog | None = None,
) -> str | None:
    """Why the final (non-draft) summary cannot be issued yet, or None when it can."""
    catalog = catalog or get_catalog()
    locale = consultation.locale
    result = result or screen(consultation, catalog)
    if not consultation.patient.name.strip():
        return t("summary.blocked_no_name", locale)
    if result.status == "incomplete":
        return t("summary.blocked_incomplete", locale)
    if result.status not in TREATABLE:
        from mesocore.recommend import WITHHOLD, patient_status

        if patient_status(result, catalog) not in WITHHOLD:
            # Only the plan is at fault (a planned cocktail holds an allergen): the patient is
            # not ruled out, so a final record saying she is not eligible would be wrong.
            return t("summary.blocked_allergen_planned", locale)
        return None  # the summary records why there is no treatment; nothing to consent to
    if not consultation.treatments:
        return t("summary.blocked_no_treatment", locale)
    problem = consent_problem(consultation, catalog, locale)
    return t("summary.blocked_consent", locale, reason=problem) if problem else None
