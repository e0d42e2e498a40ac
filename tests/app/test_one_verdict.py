"""Every surface tells the same story about the patient (issue 15, point 1).

For one table of patients, every page in AppTest (the Screening banner, the badge of every later
step, the Cocktails, Compare, Timeline and Summary pages, the Consultations card), the summary
PDF (read back with pypdf), the calendar and the command line are rendered, and what each says
about the patient is compared with the verdict's headline (mesocore.screening.headline). A plan
at fault (an allergen in the planned cocktail) reads "not with this cocktail: choose another" on
every one of them and "not eligible" on none.

And the final summary is built from the latest SAVED version, checked when it is tapped: a tab
drawn before another tab recorded a stroke must not export "Eligible".
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from mesocore.catalog import get_catalog
from mesocore.consent import confirm
from mesocore.models import Consent
from mesocore.planning import plan_course
from mesocore.render.ics import NoPlanError, plan_to_ics
from mesocore.render.pdf import render_summary
from mesocore.screening import headline, screen
from mesocore.store import Store
from tests.conftest import ROOT, widget_key
from tests.factories import consultation
from ui.steps import CONSULTATIONS, STEPS

APP = str(ROOT / "app.py")
PAGE = {step.id: str(step.path) for step in (*STEPS, CONSULTATIONS)}
AFTER_SCREENING = [step.id for step in STEPS[2:]]

CASES = {
    "eligible": {},
    "eligible_with_cautions": {"other_chronic_disease": True},
    "plan_at_fault": {"allergies": ["salmon_dna"]},
    "plan_at_fault_and_incomplete": {"allergies": ["salmon_dna"], "urticaria": None},
    "not_eligible": {"stroke_history": True},
    "deferred": {"active_skin_infection": True},
    "incomplete": {"urticaria": None},
}


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    url = f"sqlite:///{tmp_path / 'verdict.db'}"
    monkeypatch.setenv("MESOCONSULT_DB_URL", url)
    return Store(url)


def session(consultation_id: str) -> AppTest:
    """A new browser session opening the saved consultation (``?c=<id>``)."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["c"] = consultation_id
    return at.run()


def texts(at: AppTest) -> list[str]:
    """What a page says in words: markdown (badges included), captions, alerts, plain text."""
    kinds = ("markdown", "caption", "error", "warning", "info", "success", "text")
    return [str(element.value) for kind in kinds for element in at.get(kind)]


def badge(at: AppTest) -> str:
    (found,) = [m.value for m in at.markdown if "-badge[" in m.value]
    return found


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(data: bytes) -> str:
    return words(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def cli_screen(path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "mesocore", "screen", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize("case", list(CASES))
def test_every_surface_says_the_same_about_the_patient(case, store, tmp_path):
    subject = consultation(**CASES[case])
    verdict = screen(subject)
    expected = headline(verdict, "en")
    saved = store.save(subject)
    said: dict[str, list[str]] = {}

    at = session(saved.id)
    for step, path in PAGE.items():
        at.switch_page(path).run()
        assert not at.exception, (step, at.exception)
        said[step] = texts(at)
        if step in AFTER_SCREENING:
            assert f"Screening: {expected}" in badge(at), step
    (banner,) = [t for t in said["screening"] if "questions answered" in t]
    assert banner.startswith(f"**{expected}** —"), banner
    assert f"**{expected}**" in said["summary"]
    (card,) = [t for t in said["consultations"] if t.startswith("Consultation ")]
    assert f"screening: {expected} ·" in card

    # The timeline, the calendar and the CLI's plan: all there, or all refused for one reason.
    reason = plan_course(subject).blocked_reason
    if reason is None:
        assert b"BEGIN:VEVENT" in plan_to_ics(subject)
        assert not any("No plan" in t for t in said["timeline"])
    else:
        assert reason in said["timeline"]
        with pytest.raises(NoPlanError, match=re.escape(reason)):
            plan_to_ics(subject)

    document = pdf_text(render_summary(subject, draft=True).data)
    assert f"Screening outcome: {words(expected)}" in document
    path = tmp_path / "c.json"
    path.write_text(subject.model_dump_json(), encoding="utf-8")
    printed = cli_screen(path)
    assert printed.splitlines()[0] == f"Screening: {expected}"

    if verdict.plan_at_fault:  # never "not eligible", anywhere
        everything = [*(t for shown in said.values() for t in shown), document, printed]
        assert not [t for t in everything if "not eligible" in t.lower()], case
        assert any("Not with this cocktail: choose another" in t for t in said["cocktails"])
        assert "Not with this cocktail: choose another" in document


# The final summary: from the latest saved version, checked when tapped --------------------


@pytest.fixture
def deferred(monkeypatch) -> dict:
    """file id -> the callable a download button registered (AppTest never calls it)."""
    registered: dict = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, *args, **kwargs):
        file_id = original(self, data_callable, *args, **kwargs)
        registered[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return registered


def final_download(at: AppTest, deferred: dict):
    (button,) = [b.proto for b in at.get("download_button") if b.proto.label.startswith("Final")]
    return button, deferred[button.deferred_file_id]


def consented():
    """The demo patient, screened eligible, her consent confirmed."""
    statements = list(get_catalog().consent)
    subject = consultation().model_copy(
        update={"consent": Consent(statements=statements, patient_name="Ayşe Yılmaz")}
    )
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    return subject.model_copy(update={"consent": confirm(subject, now=now)})


def test_a_tab_drawn_before_another_tab_recorded_a_stroke_never_exports_eligible(store, deferred):
    saved = store.save(consented())
    first = session(saved.id)
    first.switch_page(PAGE["summary"]).run()
    button, export = final_download(first, deferred)
    assert not button.disabled  # screened, consented: the first tab may issue it
    assert "Screening outcome: Eligible" in pdf_text(export())

    second = session(saved.id)  # another tab on the same consultation
    second.switch_page(PAGE["screening"]).run()
    key = widget_key(second, "history.stroke_history")
    second.segmented_control(key=key).set_value("yes").run()
    assert store.load(saved.id).consultation.history.stroke_history is True

    text = pdf_text(export())  # the first tab's button, tapped now, unchanged on its screen
    assert "Screening outcome: Not eligible" in text
    assert "Screening outcome: Eligible" not in text
    assert "DRAFT" not in text  # a final record that says why there is no treatment


def test_a_final_summary_the_saved_version_no_longer_allows_is_a_draft_saying_why(store, deferred):
    saved = store.save(consented())
    first = session(saved.id)
    first.switch_page(PAGE["summary"]).run()
    _button, export = final_download(first, deferred)

    second = session(saved.id)
    second.switch_page(PAGE["screening"]).run()
    second.segmented_control(key=widget_key(second, "history.urticaria")).set_value("unknown")
    second.run()

    text = pdf_text(export())
    assert "DRAFT" in text
    assert "This is not the final summary" in text and "screening is incomplete" in text
    assert "Screening outcome: Eligible" not in text


def test_a_consultation_never_saved_issues_no_final_summary(store):
    from mesocore.final_summary import issue_final

    issued = issue_final(store, None, "en")
    assert issued.refused and "not saved yet" in issued.refused
    assert "DRAFT" in pdf_text(issued.pdf.data)
    assert issue_final(None, "missing", "tr").refused  # no store: nothing is issued
