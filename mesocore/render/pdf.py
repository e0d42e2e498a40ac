"""The treatment summary PDF the doctor hands to the patient and keeps in the record.

``render_summary(consultation, draft=...)`` is a pure function: a new FPDF per call, bytes out,
nothing kept between calls. fpdf is imported inside it, so ``import mesocore`` stays light.

Text: DejaVu Sans (shipped in content/fonts with its licence) is embedded, so Turkish and every
script it covers prints exactly. A character the font lacks is never dropped silently: it prints
as a visible placeholder (U+FFFD), the PDF says so, and the result lists it for the page to show.
User text is only ever passed to plain cells (never markdown or HTML), so it is never markup.

Privacy: the document metadata (title, subject, creator, keywords) and the file name hold no
patient data; the patient appears only on the pages. The file is PDF/A-2B, an archival format,
since it is a medical record.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, cast

from mesocore.catalog import CONTENT_DIR, Catalog, get_catalog
from mesocore.consent import TREATABLE, covers
from mesocore.dates import format_date, format_long_date, format_moment, weekday_name
from mesocore.i18n import t
from mesocore.models import CUSTOM, Consent, Consultation
from mesocore.planning import visit_label
from mesocore.render.pdf_timeline import as_date, draw_timeline
from mesocore.screening import ScreeningResult, screen
from mesocore.text import upper
from mesocore.treatments import cocktail_name, mix_ingredients, uses_cream

if TYPE_CHECKING:
    from fpdf.fonts import TTFFont

FONT_DIR = CONTENT_DIR / "fonts"
FONT = "dejavu"
PLACEHOLDER = "\ufffd"
PAGE_COUNT_ALIAS = "\ue000"  # a private-use character: user text can never produce it
COMPLIANCE = "PDFA_2B"
TEAL = (0, 95, 115)
GREY = (100, 100, 100)
LIGHT = (235, 242, 244)
OUTCOME_COLOURS = {
    "not_eligible": (190, 30, 45),
    "deferred": (200, 110, 20),
    "incomplete": (110, 110, 110),
    "eligible_with_cautions": (200, 110, 20),
    "eligible": (40, 130, 70),
}


@dataclass(frozen=True)
class SummaryPdf:
    """The PDF bytes and the characters the font could not print (shown as PLACEHOLDER)."""

    data: bytes
    replaced: tuple[str, ...] = ()


def describe_characters(chars: Sequence[str]) -> str:
    """``😀 (U+1F600 GRINNING FACE)``, for people: what was replaced, even if it is invisible."""
    return ", ".join(
        f"{ch} (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')})" for ch in chars
    )


def summary_file_name(consultation: Consultation, draft: bool = False) -> str:
    """The download name: the consultation id, never the patient's name
    (``summary-<id>.pdf``, ``summary-<id>-draft.pdf``; ``summary-draft.pdf`` before saving)."""
    if consultation.id is None:
        return "summary-draft.pdf"
    return f"summary-{consultation.id}{'-draft' if draft else ''}.pdf"


def course_plan(consultation: Consultation, catalog: Catalog | None = None):
    """The dated session plan (mesocore.planning), as the Timeline step shows it."""
    from mesocore.planning import plan_course

    return plan_course(consultation, catalog)


@cache
def _font_coverage(name: str) -> frozenset[int]:
    """Code points a shipped font can print (content, not patient data)."""
    from fontTools.ttLib import TTFont

    with TTFont(FONT_DIR / name, lazy=True) as font:
        return frozenset(font.getBestCmap())


def unprintable(consultation: Consultation, catalog: Catalog | None = None) -> tuple[str, ...]:
    """The characters of the entered text the PDF font lacks (they will print as PLACEHOLDER),
    so the page can warn before the export."""
    clinic = (catalog or get_catalog()).clinic
    consent = consultation.consent
    regular = _font_coverage("DejaVuSans.ttf")
    both = regular & _font_coverage("DejaVuSans-Bold.ttf")
    entered = [  # printed in the regular face
        consultation.patient.name,
        consultation.goals,
        consultation.notes,
        consent.patient_name if consent else "",
        clinic.address,
        clinic.doctor,
        clinic.phone,
    ]
    found = dict.fromkeys(
        ch
        for texts, covered in ((entered, regular), ([clinic.name], both))
        for text in texts
        for ch in text.replace("\t", " ")
        if ch != "\n" and (ord(ch) not in covered or ch == PAGE_COUNT_ALIAS)
    )
    return tuple(found)


@cache
def _document_class():
    """The FPDF subclass (built once: it holds no data; every call makes a new instance)."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class SummaryDocument(FPDF):
        def __init__(self, *, locale: str, clinic, draft: bool, patient: str, when: str) -> None:
            super().__init__(format="A4", unit="mm", enforce_compliance=COMPLIANCE)
            self.locale = locale
            self.clinic = clinic
            self.draft = draft
            self.patient = patient
            self.when = when
            self.consultation_label = ""
            self.replaced: dict[str, None] = {}
            self._in_footer = False
            self.set_margins(16, 16, 16)
            self.set_auto_page_break(True, margin=18)
            self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
            self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
            # Per style, the code points it can print (bold lacks some that regular has).
            self.coverage = {
                style: frozenset(cast("TTFFont", self.fonts[FONT + style]).cmap)
                for style in ("", "B")
            }
            self.alias_nb_pages(PAGE_COUNT_ALIAS)
            self.heading_face = FontFace(family=FONT, emphasis="BOLD", fill_color=LIGHT)

        def normalize_text(self, text: str) -> str:
            """Every text passes here: a character the current font lacks becomes a visible
            placeholder and is recorded; tabs become spaces. (Cheaper than fpdf2's fallback
            fonts, which send every character through a slow path.)"""
            text = text.replace("\t", "    ")
            covered = self.coverage["B" if "B" in self.font_style else ""]
            if all(ord(ch) in covered or ch == "\n" for ch in text) and (
                PAGE_COUNT_ALIAS not in text or self._in_footer
            ):
                return text
            out = []
            for ch in text:
                if ch == PAGE_COUNT_ALIAS:
                    keep = self._in_footer
                else:
                    keep = ch == "\n" or ord(ch) in covered
                if keep:
                    out.append(ch)
                else:
                    self.replaced[ch] = None
                    out.append(PLACEHOLDER)
            return "".join(out)

        def header(self) -> None:
            if self.draft:
                self._watermark()
            top = self.t_margin - 6
            self.set_xy(self.l_margin, top)
            self.set_text_color(*TEAL)
            self.set_font(FONT, "B", 11)
            self.cell(self.epw * 0.6, 5, self.clinic.name)
            self.set_font(FONT, "B", 11)
            self.cell(0, 5, t("summary.pdf_title", self.locale), align="R")
            self.set_text_color(*GREY)
            self.set_font(FONT, "", 7.5)
            self.set_xy(self.l_margin, top + 5)
            phone = t("summary.pdf_phone", self.locale, phone=self.clinic.phone)
            contact = f"{self.clinic.address} · {phone}"
            self.cell(self.epw * 0.6, 4, contact)
            self.cell(0, 4, f"{self.patient} · {self.when}", align="R")
            self.set_xy(self.l_margin, top + 9)
            self.cell(self.epw * 0.6, 4, self.clinic.doctor)
            self.set_draw_color(*TEAL)
            self.set_line_width(0.4)
            self.line(self.l_margin, top + 14, self.l_margin + self.epw, top + 14)
            self.set_line_width(0.2)
            self.set_text_color(0, 0, 0)
            self.set_y(top + 18)

        def _watermark(self) -> None:
            word = upper(t("summary.pdf_draft", self.locale), self.locale)
            self.set_font(FONT, "B", 110)
            self.set_text_color(242, 214, 214)
            width = self.get_string_width(word)
            cx, cy = self.w / 2, self.h / 2
            with self.rotation(50, cx, cy):
                self.text(cx - width / 2, cy + 14, word)
            self.set_text_color(0, 0, 0)

        def footer(self) -> None:
            self._in_footer = True
            self.set_y(-13)
            self.set_draw_color(*GREY)
            self.line(self.l_margin, self.get_y(), self.l_margin + self.epw, self.get_y())
            self.set_font(FONT, "", 7.5)
            self.set_text_color(*GREY)
            self.cell(self.epw / 3, 6, self.consultation_label)
            if self.draft:
                self.set_text_color(190, 30, 45)
                self.set_font(FONT, "B", 7.5)
            notice = t("summary.pdf_draft_notice", self.locale) if self.draft else "MesoConsult"
            self.cell(self.epw / 3, 6, notice, align="C")
            self.set_font(FONT, "", 7.5)
            self.set_text_color(*GREY)
            page = t("summary.pdf_page", self.locale, number=self.page_no(), total=PAGE_COUNT_ALIAS)
            self.cell(0, 6, page, align="R")
            self.set_text_color(0, 0, 0)
            self._in_footer = False

    return SummaryDocument


class _Writer:
    """The sections of the summary, written in order onto one document."""

    def __init__(self, pdf, consultation: Consultation, catalog: Catalog, draft: bool) -> None:
        self.pdf = pdf
        self.c = consultation
        self.catalog = catalog
        self.locale = consultation.locale
        self.draft = draft

    def t(self, key: str, **values: object) -> str:
        return t(f"summary.{key}", self.locale, **values)

    # building blocks -------------------------------------------------------------------------
    def section(self, title: str, keep: float = 30) -> None:
        pdf = self.pdf
        if pdf.will_page_break(keep):
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font(FONT, "B", 12.5)
        pdf.set_text_color(*TEAL)
        pdf.cell(0, 7, title, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_draw_color(*TEAL)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.set_text_color(0, 0, 0)
        pdf.ln(2)

    def subheading(self, text: str) -> None:
        if self.pdf.will_page_break(14):
            self.pdf.add_page()
        self.pdf.set_font(FONT, "B", 10)
        self.pdf.multi_cell(0, 5.5, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def para(self, text: str, size: float = 9.5, style: str = "", colour=(0, 0, 0)) -> None:
        self.pdf.set_font(FONT, style, size)
        self.pdf.set_text_color(*colour)
        self.pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_text_color(0, 0, 0)

    def bullet(self, text: str, detail: str | None = None, bold: bool = False) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "B" if bold else "", 9.5)
        pdf.set_x(pdf.l_margin + 2)
        pdf.cell(4, 4.8, "•")
        pdf.multi_cell(0, 4.8, text, align="L", new_x="LMARGIN", new_y="NEXT")
        if detail:
            pdf.set_font(FONT, "", 8.5)
            pdf.set_text_color(*GREY)
            pdf.set_x(pdf.l_margin + 6)
            pdf.multi_cell(0, 4.3, detail, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
        pdf.ln(0.8)

    def fields(self, rows: list[tuple[str, str]]) -> None:
        pdf = self.pdf
        for label, value in rows:
            pdf.set_font(FONT, "B", 9.5)
            pdf.cell(38, 5.2, label)
            pdf.set_font(FONT, "", 9.5)
            pdf.multi_cell(0, 5.2, value, align="L", new_x="LMARGIN", new_y="NEXT")

    def banner(self, text: str, colour: tuple[int, int, int]) -> None:
        pdf = self.pdf
        pdf.set_fill_color(*colour)
        pdf.set_text_color(255, 255, 255)
        pdf.set_font(FONT, "B", 11)
        pdf.multi_cell(
            0, 7, text, fill=True, padding=(1, 3), align="L", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_text_color(0, 0, 0)
        pdf.set_fill_color(255, 255, 255)
        pdf.ln(2)

    def table(self, headings: Sequence[str], rows: Sequence[Sequence[str]], widths) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "", 8.5)
        with pdf.table(
            col_widths=widths,
            text_align="LEFT",
            line_height=4.6,
            headings_style=pdf.heading_face,
            padding=1.2,
            borders_layout="HORIZONTAL_LINES",
            cell_fill_mode="NONE",
            width=pdf.epw,
        ) as table:
            row = table.row()
            for heading in headings:
                row.cell(heading)
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(value)
        pdf.ln(2)

    # sections --------------------------------------------------------------------------------
    def patient(self) -> None:
        c, catalog = self.c, self.catalog
        pdf = self.pdf
        pdf.set_font(FONT, "B", 17)
        title = self.t("pdf_title")
        pdf.cell(0, 9, title, align="L", new_x="LMARGIN", new_y="NEXT")
        if self.draft:
            self.para(self.t("pdf_draft_notice"), size=9, style="B", colour=(190, 30, 45))
        pdf.ln(1)
        born = c.patient.birth_date
        rows = [
            (self.t("pdf_name"), c.patient.name or self.t("pdf_unnamed")),
            (
                self.t("pdf_birth_date"),
                self.t("pdf_age", date=format_date(born, self.locale), age=c.age)
                if born
                else self.t("pdf_not_recorded"),
            ),
            (
                self.t("pdf_sex"),
                t(f"sex.{c.patient.sex}", self.locale)
                if c.patient.sex
                else self.t("pdf_not_recorded"),
            ),
            (self.t("pdf_date"), format_long_date(c.consultation_date, self.locale)),
            (self.t("pdf_doctor"), catalog.clinic.doctor),
        ]
        concerns = ", ".join(catalog.concerns[k].name(self.locale) for k in c.concerns)
        rows.append((self.t("pdf_concerns"), concerns or self.t("pdf_not_recorded")))
        if c.goals:
            rows.append((self.t("pdf_goals"), c.goals))
        if c.notes:
            rows.append((self.t("pdf_notes"), c.notes))
        self.fields(rows)

    def screening(self, result: ScreeningResult) -> None:
        self.section(self.t("pdf_screening"))
        outcome = t(f"outcome.{result.status}", self.locale)
        self.banner(self.t("pdf_outcome", outcome=outcome), OUTCOME_COLOURS[result.status])
        if not result.findings:
            self.para(self.t("pdf_no_findings"))
        for finding in result.findings:
            severity = t(f"outcome.{finding.severity}", self.locale)
            self.bullet(
                f"{severity}: {finding.message}", self.t("pdf_advice", advice=finding.advice)
            )
        for item in result.not_applicable:
            rule = self.catalog.rules[item.rule]
            self.bullet(
                self.t("pdf_not_applicable", question=rule.label(self.locale), reason=item.reason)
            )

    def no_plan(self, status: str) -> None:
        self.section(self.t("pdf_plan"))
        self.banner(self.t(f"pdf_no_plan_{status}"), OUTCOME_COLOURS[status])

    def treatment(self) -> None:
        c, catalog, locale = self.c, self.catalog, self.locale
        self.section(self.t("pdf_treatment"))
        if not c.treatments:
            self.para(self.t("pdf_no_treatment"))
        else:
            rows = []
            cream = False
            for tr in c.treatments:
                ingredients = ", ".join(
                    catalog.ingredients[i].name(locale) for i in mix_ingredients(tr, catalog)
                )
                name = cocktail_name(tr.cocktail, catalog, locale)
                rows.append((catalog.areas[tr.area].name(locale), name, ingredients))
                cream |= uses_cream(tr.cocktail, catalog)
            self.table(
                (self.t("pdf_area"), self.t("pdf_cocktail"), self.t("pdf_ingredients")),
                rows,
                (22, 33, 45),
            )
            for cocktail_id in dict.fromkeys(tr.cocktail for tr in c.treatments):
                if cocktail_id == CUSTOM:
                    continue  # its ingredients are in the table above
                cocktail = catalog.cocktails[cocktail_id]
                self.bullet(cocktail.name(locale), cocktail.description(locale), bold=True)
            if cream:
                self.para(self.t("pdf_cream"), size=9)
        self.subheading(self.t("pdf_choice"))
        option = catalog.comparison.get(c.treatment_choice or "")
        if option is None:
            self.para(self.t("pdf_choice_none"))
        else:
            self.bullet(
                option.name(locale),
                f"{option.injected(locale)}. {option.aim(locale)}. {option.downtime(locale)}.",
                bold=True,
            )

    def plan(self, plan) -> None:
        self.section(self.t("pdf_plan"), keep=50)
        if plan.blocked_reason:
            self.para(self.t("pdf_plan_blocked", reason=plan.blocked_reason))
            return
        catalog, locale = self.catalog, self.locale
        rows = []
        for visit in plan.visits:
            day = as_date(visit.date)
            start = getattr(visit, "start", None)
            # weekday, date and time on lines of their own: a narrow cell never splits a date
            when = f"{weekday_name(day.weekday(), locale)}\n{format_date(day, locale)}"
            duration = (
                self.t(
                    "pdf_minutes_cream", cream=visit.cream_minutes, session=visit.session_minutes
                )
                if visit.cream_minutes
                else self.t("pdf_minutes", session=visit.session_minutes)
            )
            rows.append(
                (
                    visit_label(visit, locale),
                    f"{when}\n{start:%H:%M}" if start else when,
                    ", ".join(catalog.areas[a].name(locale) for a in visit.areas),
                    ", ".join(cocktail_name(k, catalog, locale) for k in visit.cocktails),
                    duration,
                    "; ".join(str(flag) for flag in visit.flags),
                )
            )
        self.table(
            (
                self.t("pdf_kind"),
                self.t("pdf_visit_date"),
                self.t("pdf_areas"),
                self.t("pdf_cocktails"),
                self.t("pdf_duration"),
                self.t("pdf_flags"),
            ),
            rows,
            (14, 20, 16, 23, 15, 18),
        )
        if plan.visits:
            if self.pdf.will_page_break(48):
                self.pdf.add_page()
            self.subheading(self.t("pdf_timeline"))
            draw_timeline(
                self.pdf,
                plan.visits,
                plan.results,
                locale=locale,
                result_mark=lambda number: self.t("pdf_result_mark", number=number),
                legend=(
                    self.t("pdf_legend_session"),
                    self.t("pdf_legend_booster"),
                    self.t("pdf_legend_result"),
                ),
            )
        if plan.results:
            self.subheading(self.t("pdf_results"))
            for index, (day, text) in enumerate(plan.results, start=1):
                mark = self.t("pdf_result_mark", number=index)
                self.bullet(f"{mark} · {format_long_date(day, locale)}: {text}")

    def aftercare(self, plan) -> None:
        catalog, locale = self.catalog, self.locale
        self.section(self.t("pdf_aftercare"))
        rules = list(catalog.aftercare.values())
        after = sorted(
            (r for r in rules if r.timing == "after_session"), key=lambda r: r.hours or 0
        )
        if after:
            self.subheading(self.t("pdf_aftercare_after"))
            for rule in after:
                self.bullet(self.t("pdf_aftercare_hours", hours=rule.hours), rule.text(locale))
        for timing, key in (("around_session", "around"), ("course", "course")):
            chosen = [r for r in rules if r.timing == timing]
            if chosen:
                self.subheading(self.t(f"pdf_aftercare_{key}"))
                for rule in chosen:
                    self.bullet(rule.text(locale))
        dated = [m for m in getattr(plan, "aftercare", None) or () if m.until is not None]
        if dated:
            self.subheading(self.t("pdf_aftercare_dates"))
            for milestone in dated:
                until = self.t("pdf_aftercare_until", when=format_moment(milestone.until, locale))
                self.bullet(f"{milestone.text} ({until})")

    def side_effects(self) -> None:
        catalog, locale = self.catalog, self.locale
        self.section(self.t("pdf_side_effects"))
        effects = list(catalog.side_effects.values())
        for effect in (e for e in effects if not e.call_clinic):
            frequency = self.t(f"pdf_frequency_{effect.frequency}")
            self.bullet(f"{effect.name(locale)} ({frequency})", effect.description(locale))
        urgent = [e for e in effects if e.call_clinic]
        if urgent:
            self.subheading(self.t("pdf_call_clinic", phone=catalog.clinic.phone))
            for effect in urgent:
                self.bullet(effect.name(locale), effect.description(locale), bold=True)

    def _checkbox(self, ticked: bool) -> None:
        pdf = self.pdf
        x, y = pdf.l_margin + 1, pdf.get_y() + 0.8
        pdf.set_draw_color(0, 0, 0)
        pdf.rect(x, y, 3.4, 3.4)
        if ticked:
            pdf.set_line_width(0.5)
            pdf.line(x + 0.6, y + 1.8, x + 1.4, y + 2.8)
            pdf.line(x + 1.4, y + 2.8, x + 2.9, y + 0.5)
            pdf.set_line_width(0.2)

    def consent(self) -> None:
        catalog, locale = self.catalog, self.locale
        consent = self.c.consent or Consent()
        confirmed = covers(self.c.consent, self.c) and consent.confirmed_at is not None
        self.section(self.t("pdf_consent"), keep=60)
        self.para(self.t("pdf_consent_intro"), size=9)
        self.pdf.ln(1)
        for statement in catalog.consent.values():
            ticked = confirmed and statement.id in consent.statements
            self._checkbox(ticked)
            self.pdf.set_x(self.pdf.l_margin + 7)
            self.pdf.set_font(FONT, "", 9.5)
            self.pdf.multi_cell(
                0, 5, statement.text(locale), align="L", new_x="LMARGIN", new_y="NEXT"
            )
            self.pdf.ln(1)
        if confirmed:
            self.para(
                self.t(
                    "pdf_consent_confirmed",
                    name=consent.patient_name,
                    when=format_moment(consent.confirmed_at, locale)
                    if consent.confirmed_at
                    else "",
                ),
                size=9,
            )
        else:
            self.para(self.t("pdf_consent_pending"), size=9, style="B", colour=(190, 30, 45))

    def signatures(self) -> None:
        pdf = self.pdf
        self.section(self.t("pdf_signatures"), keep=42)
        pdf.ln(10)
        name = self.c.patient.name or self.t("pdf_unnamed")
        for label in (
            self.t("pdf_signature_patient", name=name),
            self.t("pdf_signature_doctor", name=self.catalog.clinic.doctor),
        ):
            y = pdf.get_y()
            left = pdf.l_margin
            pdf.set_draw_color(0, 0, 0)
            pdf.line(left, y, left + 105, y)
            pdf.line(left + 120, y, left + pdf.epw, y)
            pdf.set_font(FONT, "", 8.5)
            pdf.set_xy(left, y + 1)
            pdf.multi_cell(105, 4.3, label, align="L")
            pdf.set_xy(left + 120, y + 1)
            pdf.cell(0, 4.3, self.t("pdf_signature_date"))
            pdf.set_y(max(pdf.get_y(), y + 6) + 12)

    def replaced_note(self) -> None:
        if not self.pdf.replaced:
            return
        chars = describe_characters(list(self.pdf.replaced))
        self.pdf.ln(3)
        self.para(self.t("pdf_replaced", placeholder=PLACEHOLDER, chars=chars), size=8, colour=GREY)


def render_summary(
    consultation: Consultation,
    *,
    draft: bool,
    catalog: Catalog | None = None,
    plan=None,
    result: ScreeningResult | None = None,
) -> SummaryPdf:
    """Build the treatment summary PDF of `consultation`.

    `plan` defaults to ``mesocore.planning.plan_course`` for a patient who may be treated; a
    patient who is not eligible, deferred or not fully screened gets no plan, and the summary
    says why. `draft` watermarks every page.
    """
    catalog = catalog or get_catalog()
    result = result or screen(consultation, catalog)
    locale = consultation.locale
    document = _document_class()
    pdf = document(
        locale=locale,
        clinic=catalog.clinic,
        draft=draft,
        patient=consultation.patient.name or t("summary.pdf_unnamed", locale),
        when=format_date(consultation.consultation_date, locale),
    )
    pdf.consultation_label = (
        t("summary.pdf_consultation", locale, id=consultation.id)
        if consultation.id
        else t("summary.pdf_consultation_unsaved", locale)
    )
    pdf.set_title(t("summary.pdf_title", locale))
    pdf.set_subject(t("summary.pdf_subject", locale))
    pdf.set_author(catalog.clinic.name)
    pdf.set_creator("MesoConsult")
    pdf.set_producer("MesoConsult")
    pdf.set_lang(locale)
    pdf.add_page()

    writer = _Writer(pdf, consultation, catalog, draft)
    writer.patient()
    writer.screening(result)
    treatable = result.status in TREATABLE
    if treatable:
        writer.treatment()
        if plan is None:
            plan = course_plan(consultation, catalog)
        writer.plan(plan)
        writer.aftercare(plan)
        writer.side_effects()
        writer.consent()
    else:
        writer.no_plan(result.status)
    writer.signatures()
    writer.replaced_note()
    return SummaryPdf(data=bytes(pdf.output()), replaced=tuple(pdf.replaced))
