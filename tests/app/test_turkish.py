"""Turkish end to end: case rules, dates, every page and the summary PDF in Turkish."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from mesocore.catalog import get_catalog
from mesocore.consent import confirm, names_match
from mesocore.dates import format_date, format_day_month, format_long_date, format_moment
from mesocore.demo import demo_consultation
from mesocore.i18n import messages, t
from mesocore.models import Consent, Consultation
from mesocore.planning import plan_course
from mesocore.recommend import recommend
from mesocore.render.pdf import render_summary
from mesocore.text import contains, fold, lower, same_text, upper
from tests.conftest import ROOT
from tests.factories import TODAY
from ui.steps import CONSULTATIONS, STEPS

# --- case rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "text", "locale", "expected"),
    [
        (upper, "istanbul", "tr", "İSTANBUL"),
        (upper, "ılgaz", "tr", "ILGAZ"),
        (upper, "istanbul", "en", "ISTANBUL"),
        (upper, "Taslak", "tr", "TASLAK"),
        (lower, "IĞDIR", "tr", "ığdır"),
        (lower, "İZMİR", "tr", "izmir"),
        (lower, "ISABEL", "en", "isabel"),
        (lower, "İnce kırışıklıklar", "en", "ince kırışıklıklar"),  # no stray combining dot
        (lower, "İnce kırışıklıklar", "tr", "ince kırışıklıklar"),
    ],
)
def test_case_follows_the_language(function, text, locale, expected):
    assert function(text, locale) == expected


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("AYŞE YILMAZ", "Ayşe Yılmaz", True),
        ("İSMAİL", "ismail", True),
        ("ISABEL", "isabel", True),
        ("  Ayşe   Yılmaz ", "ayşe yılmaz", True),
        ("ISPARTA", "ısparta", True),
        ("Ayse Yilmaz", "Ayşe Yılmaz", False),  # different letters never match
        ("yilmaz", "yılmaz", False),
    ],
)
def test_names_compare_the_turkish_way_and_the_default_way(first, second, same):
    assert same_text(first, second) is same
    assert names_match(first, second) is same


@pytest.mark.parametrize(
    ("text", "query", "found"),
    [
        ("İSMAİL IŞIK", "ismail", True),
        ("İsmail Işık", "IŞIK", True),
        ("Ayşe Yılmaz", "YILMAZ", True),
        ("Ayşe Yılmaz", "yilmaz", False),
        ("Isabel Ward", "isabel", True),
    ],
)
def test_search_finds_turkish_names_in_any_case(text, query, found):
    assert contains(text, query) is found


@given(st.text(alphabet="aıiIİoöuüAOÖUÜçÇşŞğĞ ", max_size=30))
def test_turkish_upper_and_lower_round_trip_and_fold_alike(text):
    assert lower(upper(text, "tr"), "tr") == lower(text, "tr")
    assert fold(upper(text, "tr")) == fold(lower(text, "tr"))


def test_recommendation_reasons_lower_case_turkish_concerns_correctly():
    c = demo_consultation(today=TODAY, locale="tr")
    reasons = [r for s in recommend(c).areas["face"].suggestions for r in s.reasons]
    assert any("ince kırışıklıklar" in reason for reason in reasons)
    assert not any("i\u0307" in reason for reason in reasons)


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "locale", "medium", "long"),
    [
        (dt.date(2026, 4, 12), "tr", "12 Nisan 2026", "12 Nisan 2026 Pazar"),
        (dt.date(2026, 4, 12), "en", "12 April 2026", "Sunday 12 April 2026"),
        (dt.date(2028, 2, 29), "tr", "29 Şubat 2028", "29 Şubat 2028 Salı"),
        (dt.date(2028, 2, 29), "en", "29 February 2028", "Tuesday 29 February 2028"),
        (dt.date(2026, 8, 31), "tr", "31 Ağustos 2026", "31 Ağustos 2026 Pazartesi"),
        (dt.date(2027, 1, 6), "tr", "6 Ocak 2027", "6 Ocak 2027 Çarşamba"),
    ],
)
def test_dates_are_written_in_the_patients_language(day, locale, medium, long):
    assert format_date(day, locale) == medium
    assert format_long_date(day, locale) == long


def test_short_dates_and_moments():
    assert format_day_month(dt.date(2026, 5, 3), "tr") == "3 May"
    assert format_day_month(dt.date(2026, 12, 3), "tr") == "3 Ara"
    assert format_moment(dt.datetime(2026, 11, 22, 16, 5), "tr") == "22 Kasım 2026 16:05"
    assert format_moment(dt.datetime(2026, 11, 22, 16, 5), "en") == "22 November 2026, 16:05"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_turkish_date_names_its_month_and_weekday(day):
    months = [messages("tr")[f"date.month_{m}"] for m in range(1, 13)]
    weekdays = [messages("tr")[f"date.weekday_{w}"] for w in range(7)]
    text = format_long_date(day, "tr")
    assert text == f"{day.day} {months[day.month - 1]} {day.year} {weekdays[day.weekday()]}"


def test_planner_messages_use_turkish_dates_and_weekdays():
    c = demo_consultation(today=TODAY, locale="tr")
    from mesocore.planning import move_visit

    refused = move_visit(c, "session-2", c.start_date - dt.timedelta(days=1), today=TODAY)
    assert format_date(c.start_date, "tr") in refused.refused
    sunday = c.start_date + dt.timedelta(days=(6 - c.start_date.weekday()) % 7 + 7)
    closed = move_visit(c, "session-2", sunday, today=TODAY)
    assert "Pazar günleri" in closed.refused


# --- the app in Turkish -----------------------------------------------------------------------

APP = str(ROOT / "app.py")
PAGES = [step for step in (*STEPS, CONSULTATIONS)]


def _strings(message) -> list[str]:
    """Every string field of a rendered element's protobuf (labels, bodies, options, help)."""
    found = []
    for _field, value in message.ListFields():
        single = isinstance(value, (str, bytes)) or hasattr(value, "ListFields")
        values = [value] if single or not hasattr(value, "__iter__") else list(value)
        for item in values:
            if isinstance(item, str):
                found.append(item)
            elif hasattr(item, "ListFields"):
                found += _strings(item)
    return found


def _rendered_strings(at: AppTest) -> list[str]:
    found = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            found.extend(_strings(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def _english_only() -> set[str]:
    """English UI and catalog texts whose Turkish differs: none may show on a Turkish page."""
    english, turkish = messages("en"), messages("tr")
    texts = {text for key, text in english.items() if turkish[key] != text and "{" not in text}
    catalog = get_catalog()
    for collection in (catalog.areas, catalog.concerns, catalog.cocktails, catalog.rules):
        for entry in collection.values():
            for field in ("name", "label", "message", "advice", "description", "indications"):
                text = getattr(entry, field, None)
                if text is not None and text("tr") != text("en"):
                    texts.add(text("en"))
    return {text for text in texts if len(text) >= 4}


@pytest.fixture(scope="module")
def english_only() -> set[str]:
    return _english_only()


@pytest.mark.parametrize("step", PAGES, ids=[step.id for step in PAGES])
def test_every_page_speaks_turkish_to_the_demo_patient(step, english_only):
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["consultation"] = demo_consultation(locale="tr")
    at.run()
    at.switch_page(str(step.path)).run()
    assert not at.exception, at.exception
    assert [title.value for title in at.title] == [t(f"nav.{step.id}", "tr")]
    assert not [e.value for e in at.error if e.value == t("app.error", "tr")]
    shown = _rendered_strings(at)
    assert t(f"nav.{step.id}", "tr") in shown
    english = sorted(
        {
            text
            for text in shown
            for english_text in english_only
            if text == english_text or (len(english_text) > 25 and english_text in text)
        }
    )
    assert english == []


def test_loading_the_demo_patient_keeps_turkish():
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["consultation"] = Consultation(locale="tr")
    at.run()
    next(b for b in at.button if b.label == t("app.load_demo", "tr")).click().run()
    assert at.session_state["consultation"].locale == "tr"
    assert at.title[0].value == t("nav.assessment", "tr")


def test_tapping_the_chosen_language_again_keeps_it():
    """The language control cannot be emptied; an empty value (a deselect, or what AppTest sends
    for it after a page switch) used to mean English."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["consultation"] = Consultation(locale="tr")
    at.run()
    at.button_group(key="w:locale").set_value(None).run()
    assert at.session_state["consultation"].locale == "tr"
    at.button_group(key="w:locale").set_value("en").run()
    assert at.session_state["consultation"].locale == "en"


# --- the PDF in Turkish -----------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


@pytest.fixture(scope="module")
def turkish_summary():
    c = demo_consultation(today=TODAY, locale="tr")
    c = c.model_copy(
        update={
            "consent": Consent(statements=list(get_catalog().consent), patient_name="AYŞE YILMAZ")
        }
    )
    c = c.model_copy(update={"consent": confirm(c, dt.datetime(2026, 11, 22, 16, 5).astimezone())})
    return c, _pdf_text(render_summary(c, draft=False).data)


def test_the_turkish_pdf_has_turkish_headings_dates_and_catalog_texts(turkish_summary):
    c, text = turkish_summary
    for key in ("pdf_title", "pdf_screening", "pdf_plan", "pdf_aftercare", "pdf_consent"):
        assert t(f"summary.{key}", "tr") in text
    assert "Tarama sonucu: Uygun" in text
    assert format_long_date(TODAY, "tr") == "22 Kasım 2026 Pazar"
    assert "22 Kasım 2026 Pazar" in text  # the consultation date
    assert "12 Nisan 1988" in text  # the birth date
    for visit in plan_course(c).visits:
        assert format_date(visit.date, "tr") in text
    catalog = get_catalog()
    assert catalog.cocktails["mesolift"].name("tr") in text
    assert catalog.consent["CONSENT-VOLUNTARY"].text("tr")[:40] in text
    assert "22 Kasım 2026 16:05" in text  # when consent was confirmed
    assert "AYŞE YILMAZ" in text


def test_the_turkish_pdf_has_no_english_left(turkish_summary):
    _c, text = turkish_summary
    for english in ("Treatment summary", "Session", "Aftercare", "Informed consent", "Page "):
        assert english not in text
    for month in ("January", "November", "December", "Monday", "Sunday"):
        assert month not in text


def test_the_turkish_draft_is_watermarked_in_turkish_capitals():
    c = demo_consultation(today=TODAY, locale="tr")
    text = _pdf_text(render_summary(c, draft=True).data)
    assert "TASLAK" in text
    assert "DRAFT" not in text


def test_a_refused_birth_date_is_explained_in_turkish():
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["consultation"] = demo_consultation(locale="tr")
    at.run()
    at.date_input(key="w:patient.birth_date").set_value(dt.date(2015, 1, 1)).run()
    assert not at.exception
    age = at.session_state["consultation"].consultation_date.year - 2015
    assert [e.value for e in at.error] == [
        f"Doğum tarihi: hasta {age} yaşında; klinik yalnızca 18–90 yaş arasındaki hastaları "
        "tedavi ediyor."
    ]
    assert at.session_state["consultation"].patient.birth_date == dt.date(1988, 4, 12)


@pytest.mark.parametrize("view", ["course", "year"])
def test_the_timeline_chart_labels_its_dates_in_turkish(view):
    from mesocore.render.timeline_chart import plan_figure

    plan = plan_course(demo_consultation(today=TODAY, locale="tr"))
    axis = plan_figure(plan, "tr", view).layout.xaxis
    assert axis.tickmode == "array" and len(axis.tickvals) == len(axis.ticktext) > 3
    months = {messages("tr")[f"date.month_short_{m}"] for m in range(1, 13)}
    assert all(text.split("<br>")[0].split()[-1] in months for text in axis.ticktext)
    first_visit = dt.datetime.combine(plan.visits[0].date, dt.time(0))
    assert axis.tickvals[0] <= first_visit <= axis.tickvals[-1]
