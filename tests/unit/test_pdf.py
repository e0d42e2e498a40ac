"""The treatment summary PDF: what the patient takes home must be complete, exact and private.

Most tests pass a plan built by hand (mesocore.planning's models), so that the dates are known
and the tests do not depend on the planner's rules; one test renders the planner's own plan.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pypdf import PdfReader

from mesocore.catalog import get_catalog
from mesocore.consent import confirm
from mesocore.dates import format_date
from mesocore.models import NAME_MAX, Consent, Consultation, Patient
from mesocore.planning import AftercareMilestone, Plan, Visit, plan_course
from mesocore.render.pdf import PLACEHOLDER, render_summary, summary_file_name, unprintable
from tests.conftest import ROOT
from tests.factories import TODAY, consultation

NAME = "Ayşe Yılmaz"


def demo_plan(start: date) -> Plan:
    """Five sessions two weeks apart and a booster six months later, on face and neck."""

    def visit(day: date, kind: str, number: int) -> Visit:
        return Visit(
            date=day,
            kind=kind,
            number=number,
            areas=["face", "neck"],
            cocktails=["mesolift"],
            cream_minutes=30,
            session_minutes=30,
            aftercare=[],
        )

    visits = [visit(start + timedelta(days=14 * i), "session", i + 1) for i in range(5)]
    visits.append(visit(visits[-1].date + timedelta(days=182), "booster", 1))
    return Plan(
        visits=visits,
        aftercare=[
            AftercareMilestone(
                rule="AC-SUNSCREEN",
                text="Sunscreen until the course ends",
                until=datetime(2027, 2, 1),
            )
        ],
        results=[(visits[0].date, "Radiance from the first session")],
    )


def text_of(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo():
    c = consultation()
    c = c.model_copy(update={"id": "c-0042", "treatment_choice": "mesotherapy"})
    c = c.model_copy(
        update={"consent": Consent(statements=list(get_catalog().consent), patient_name=NAME)}
    )
    c = c.model_copy(update={"consent": confirm(c, datetime(2026, 11, 22, 16, 5).astimezone())})
    plan = demo_plan(c.start_date)
    return c, plan, render_summary(c, draft=False, plan=plan)


def test_demo_summary_has_the_exact_name_outcome_every_visit_date_and_the_aftercare(demo):
    _c, plan, summary = demo
    text = "\n".join(text_of(summary.data))
    assert NAME in text
    assert "Screening outcome: Eligible" in text
    for visit in plan.visits:
        assert format_date(visit.date, "en") in text
    for rule in get_catalog().aftercare.values():
        assert flat(rule.text("en")) in flat(text)
    for effect in get_catalog().side_effects.values():
        assert flat(effect.name("en")) in flat(text)
    assert "Classic mesotherapy" in text  # the patient's choice
    assert "Salmon DNA" in text  # the cocktail's ingredients
    assert "Confirmed by the patient" in text
    assert summary.replaced == ()


def test_the_planners_own_plan_is_printed_visit_by_visit():
    c = consultation()
    plan = plan_course(c)
    assert plan.visits and not plan.blocked_reason
    text = "\n".join(text_of(render_summary(c, draft=True).data))
    for visit in plan.visits:
        assert format_date(visit.date, "en") in text
    for _day, result in plan.results:
        assert flat(result) in flat(text)


def test_pages_are_numbered_and_the_final_summary_is_not_marked_draft(demo):
    pages = text_of(demo[2].data)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "DRAFT" not in page


def test_metadata_and_file_name_hold_no_patient_data(demo):
    c, _plan, summary = demo
    reader = PdfReader(io.BytesIO(summary.data))
    metadata = (
        str(reader.metadata or "")
        + reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    )
    for secret in (NAME, "Ayşe", "Yılmaz", "1988", "12.04"):
        assert secret not in metadata
    assert "Treatment summary" in metadata and "MesoConsult" in metadata
    assert summary_file_name(c) == "summary-c-0042.pdf"
    assert summary_file_name(c, draft=True) == "summary-c-0042-draft.pdf"
    assert summary_file_name(c.model_copy(update={"id": None})) == "summary-draft.pdf"


def test_the_summary_is_pdf_a_2b(demo):
    xmp = PdfReader(io.BytesIO(demo[2].data)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>2</pdfaid:part>" in xmp
    assert b"<pdfaid:conformance>B</pdfaid:conformance>" in xmp


def test_a_draft_is_watermarked_on_every_page(demo):
    c, plan, _summary = demo
    pages = text_of(render_summary(c, draft=True, plan=plan).data)
    assert all("DRAFT" in page for page in pages)


@pytest.mark.parametrize(
    ("answers", "outcome", "why"),
    [
        ({"pregnant": True}, "Not eligible", "not eligible for mesotherapy"),
        ({"active_skin_infection": True}, "Deferred", "deferred"),
        ({"cancer": None}, "Incomplete", "incomplete"),
    ],
)
def test_a_patient_who_cannot_be_treated_gets_the_reason_and_no_plan(answers, outcome, why):
    c = consultation(**answers)
    summary = render_summary(c, draft=False, plan=demo_plan(c.start_date))
    text = flat("\n".join(text_of(summary.data)))
    assert f"Screening outcome: {outcome}" in text
    assert why in text
    finding = next(f for f in __import__("mesocore").screen(c).findings if f.severity != "eligible")
    assert flat(finding.message) in text
    for marker in ("Session 1", format_date(c.start_date, "en"), "Aftercare", "Informed consent"):
        assert marker not in text


def test_a_blocked_plan_says_why_instead_of_a_table():
    c = consultation()
    summary = render_summary(
        c,
        draft=True,
        plan=Plan(visits=[], aftercare=[], results=[], blocked_reason="start date missing"),
    )
    text = "\n".join(text_of(summary.data))
    assert "No session plan: start date missing" in text
    assert "Session 1" not in text


def test_turkish_markup_and_long_words_print_exactly():
    word = "Çekoslovakyalılaştıramadıklarımızdanmışsınız" * 8
    notes = f"İĞÜŞÖÇ ığüşöç **not bold** <b>no tag</b> {{nb}} [link](x) --x-- __y__ {word}"
    c = consultation().model_copy(update={"notes": notes})
    summary = render_summary(c, draft=True, plan=demo_plan(c.start_date))
    text = "\n".join(text_of(summary.data))
    for literal in ("İĞÜŞÖÇ ığüşöç", "**not bold**", "<b>no tag</b>", "{nb}", "[link](x)", "--x--"):
        assert literal in text
    assert word in re.sub(r"\s", "", text)  # the long word wraps, every letter kept
    assert summary.replaced == ()


def test_a_character_the_font_lacks_is_replaced_visibly_and_reported():
    c = consultation().model_copy(
        update={"notes": "Thanks 🎉 and 中文", "patient": Patient(name="Ayşe 🌸 Yılmaz")}
    )
    assert set(unprintable(c)) == {"🎉", "中", "文", "🌸"}
    summary = render_summary(c, draft=True, plan=demo_plan(c.start_date))
    assert set(summary.replaced) == {"🎉", "中", "文", "🌸"}
    text = "\n".join(text_of(summary.data))
    assert f"Ayşe {PLACEHOLDER} Yılmaz" in text
    assert "U+1F389" in text  # the PDF itself says what was replaced


def test_the_page_count_alias_in_user_text_is_not_substituted():
    c = consultation().model_copy(update={"notes": "before \ue000 after"})
    text = "\n".join(text_of(render_summary(c, draft=True, plan=demo_plan(c.start_date)).data))
    assert f"before {PLACEHOLDER} after" in text


TRICKY = st.sampled_from(
    [
        "İ",
        "ı",
        "ş",
        "ğ",
        "Ü",
        "🎉",
        "👍🏽",
        "👩‍⚕️",
        "中",
        "ع",
        "א",
        "**",
        "<b>",
        "{nb}",
        "\\",
        "&",
        "%",
        " ",
        "\u0301",
    ]
)
LONG_WORD = st.integers(50, 400).map(lambda n: "ş" * n)
PIECES = st.one_of(
    TRICKY, LONG_WORD, st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=30)
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.lists(PIECES, max_size=8).map("".join).map(lambda s: s.strip()[:NAME_MAX]),
    notes=st.lists(st.one_of(PIECES, st.just("\n")), max_size=30).map("".join),
    draft=st.booleans(),
)
def test_any_name_and_notes_render_without_error(name, notes, draft):
    data = consultation().model_dump()
    data["notes"], data["patient"]["name"] = notes[:4000], name
    try:  # through the model's validation, as in the app (NFC, no control characters)
        c = Consultation.model_validate(data)
    except ValidationError:
        assume(False)
    summary = render_summary(c, draft=draft, plan=demo_plan(TODAY))
    assert summary.data.startswith(b"%PDF")
    assert set(summary.replaced) <= set(unprintable(c)) | {"\u0301"}


def test_every_pdf_text_key_exists_in_english():
    from mesocore.i18n import messages

    source = (ROOT / "mesocore" / "render" / "pdf.py").read_text(encoding="utf-8")
    keys = set(re.findall(r'self\.t\(\s*"([a-z_]+)"', source))
    assert keys, "the pattern no longer finds the PDF's text keys"
    assert not [k for k in keys if f"summary.{k}" not in messages("en")]


def test_importing_the_pdf_module_does_not_import_fpdf():
    code = "import sys, mesocore.render.pdf; assert 'fpdf' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_cli_pdf_refuses_a_final_summary_without_consent_and_writes_a_draft(tmp_path, capsys):
    from mesocore.cli import main

    path, out = tmp_path / "c.json", tmp_path / "out.pdf"
    path.write_text(consultation().model_dump_json(), encoding="utf-8")
    assert main(["pdf", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "consent" in err and "--draft" in err
    assert not out.exists()
    assert main(["pdf", str(path), "-o", str(out), "--draft"]) == 0
    assert "DRAFT" in text_of(out.read_bytes())[0]


def test_cli_pdf_writes_the_final_summary_once_consent_is_confirmed(tmp_path, demo):
    c, _plan, _summary = demo
    path, out = tmp_path / "c.json", tmp_path / "out.pdf"
    path.write_text(c.model_dump_json(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mesocore", "pdf", str(path), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    text = "\n".join(text_of(out.read_bytes()))
    assert NAME in text and "DRAFT" not in text


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"patient": {"birth_date": "2999-01-01"}}', ["patient.birth_date"]),
        ("{", ["Invalid JSON"]),
    ],
)
def test_cli_pdf_names_the_problem_of_a_bad_file_in_one_line(tmp_path, capsys, content, words):
    from mesocore.cli import main

    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert main(["pdf", str(path), "-o", str(tmp_path / "out.pdf")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert all(word in err for word in words)


def test_cli_pdf_reports_an_unwritable_output_in_one_line(tmp_path, capsys):
    from mesocore.cli import main

    path = tmp_path / "c.json"
    path.write_text(consultation().model_dump_json(), encoding="utf-8")
    assert main(["pdf", str(path), "-o", str(tmp_path / "no" / "dir" / "out.pdf"), "--draft"]) == 2
    assert "cannot write" in capsys.readouterr().err
