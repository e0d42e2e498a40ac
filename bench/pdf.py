"""`python -m mesocore pdf` (the demo patient's final summary) against a bare fpdf2 page
embedding the same fonts, each in a fresh Python process (goal: at most 1.5x), and the summary's
size (goal: under 150 KB)."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from bench import CHILD_CPU, Case, run_python
from mesocore.catalog import get_catalog
from mesocore.consent import confirm
from mesocore.demo import demo_consultation
from mesocore.models import Consent
from mesocore.render.pdf import FONT_DIR

_DIR = Path(tempfile.gettempdir()) / "mesoconsult-bench-pdf"
_FILE = _DIR / "demo.json"
_OUT = _DIR / "summary.pdf"
SIZE_GOAL = 150 * 1024

_BARE = f"""
from fpdf import FPDF
pdf = FPDF()
pdf.add_font("dejavu", "", {str(FONT_DIR / "DejaVuSans.ttf")!r})
pdf.add_font("dejavu", "B", {str(FONT_DIR / "DejaVuSans-Bold.ttf")!r})
pdf.add_page()
pdf.set_font("dejavu", "B", 14)
pdf.cell(0, 10, "Treatment summary")
pdf.set_font("dejavu", "", 11)
pdf.cell(0, 10, "Ayşe Yılmaz")
pdf.output({str(_DIR / "bare.pdf")!r})
"""


_written: list[Path] = []


def _demo_file() -> Path:
    """The demo patient with consent confirmed, so the final summary (not a draft) is built.
    Written afresh once per bench run (a file left by an older version may no longer pass)."""
    if not _written:
        _DIR.mkdir(parents=True, exist_ok=True)
        demo = demo_consultation()
        name = demo.patient.name
        demo = demo.model_copy(
            update={"consent": Consent(statements=list(get_catalog().consent), patient_name=name)}
        )
        demo = demo.model_copy(update={"consent": confirm(demo, datetime.now().astimezone())})
        _FILE.write_text(demo.model_dump_json(), encoding="utf-8")
        _written.append(_FILE)
    return _FILE


def _summary() -> None:
    run_python("-m", "mesocore", "pdf", str(_demo_file()), "-o", str(_OUT))


def _bare() -> None:
    _DIR.mkdir(parents=True, exist_ok=True)
    run_python("-c", _BARE)


def report() -> list[str]:
    """Extra lines for the bench table: the demo summary's size against its goal."""
    _summary()
    size = _OUT.stat().st_size
    verdict = "ok" if size < SIZE_GOAL else "MISSED"
    return [f"{'demo summary PDF size':44} {size / 1024:.1f} KiB (goal < 150 KiB) {verdict}"]


CASES = [
    Case(
        "python -m mesocore pdf (demo, final)",
        "bare fpdf2 page, same fonts",
        _bare,
        _summary,
        goal=1.5,
        repeat=6,
        clock=CHILD_CPU,
    ),
]
