"""Every page renders in Streamlit's AppTest, with and without the demo patient, and the
assessment keeps its values when the doctor switches pages."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from mesocore.demo import demo_consultation
from mesocore.i18n import t
from tests.conftest import ROOT, widget_key
from ui.steps import CONSULTATIONS, STEPS

APP = str(ROOT / "app.py")
PAGES = [step.path for step in (*STEPS, CONSULTATIONS)]


def assert_rendered(at: AppTest) -> None:
    """No uncaught exception, and no error caught by ui.errors.guarded either."""
    assert not at.exception, at.exception
    assert not [e.value for e in at.error if e.value == t("app.error")]
    assert at.title


def open_app(demo: bool = False) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    if demo:
        at.session_state["consultation"] = demo_consultation()
    return at.run()


@pytest.mark.parametrize("demo", [False, True], ids=["empty", "demo"])
@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_every_page_renders_without_error(page, demo):
    at = open_app(demo)
    at.switch_page(str(page)).run()
    assert_rendered(at)


def test_load_demo_button_fills_the_assessment():
    at = open_app()
    next(b for b in at.button if b.label == "Load demo patient").click().run()
    assert at.text_input(key=widget_key(at, "patient.name")).value == "Ayşe Yılmaz"
    assert at.session_state["consultation"].concerns == ["fine_wrinkles", "dullness"]


def test_new_consultation_clears_everything():
    at = open_app(demo=True)
    next(b for b in at.button if b.label == "New consultation").click().run()
    assert at.text_input(key=widget_key(at, "patient.name")).value == ""
    assert at.session_state["consultation"].patient.name == ""


def test_assessment_values_survive_switching_pages():
    at = open_app()
    at.text_input(key="w:patient.name").input("İsmail Işık").run()
    at.date_input(key="w:patient.birth_date").set_value(date(1980, 2, 29)).run()
    at.text_area(key="w:goals").input("Brighter skin").run()
    at.switch_page(str(STEPS[1].path)).run()
    assert "w:patient.name" not in at.session_state  # Streamlit dropped the widget state…
    at.switch_page(str(STEPS[0].path)).run()
    assert at.text_input(key="w:patient.name").value == "İsmail Işık"  # …the model kept it
    assert at.date_input(key="w:patient.birth_date").value == date(1980, 2, 29)
    assert at.text_area(key="w:goals").value == "Brighter skin"


def test_a_future_birth_date_is_refused_with_a_message_and_nothing_is_lost():
    at = open_app(demo=True)
    at.date_input(key="w:patient.birth_date").set_value(date(2015, 1, 1)).run()
    assert not at.exception
    assert any("patient.birth_date" in e.value for e in at.error)
    assert at.session_state["consultation"].patient.birth_date == date(1988, 4, 12)
    assert at.session_state["consultation"].patient.name == "Ayşe Yılmaz"


def test_choosing_turkish_switches_the_interface_and_is_kept_in_the_consultation():
    at = open_app(demo=True)
    at.button_group(key="w:locale").set_value("tr").run()
    assert at.session_state["consultation"].locale == "tr"
    assert at.title[0].value == "Değerlendirme"
    at.switch_page(str(STEPS[1].path)).run()
    assert at.title[0].value == "Tıbbi tarama"


def test_an_unexpected_error_on_a_page_shows_a_plain_message_and_keeps_the_consultation(
    monkeypatch,
):
    import mesocore.catalog

    def broken():
        raise RuntimeError("secret detail Ayşe")

    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["consultation"] = demo_consultation()
    monkeypatch.setattr(mesocore.catalog, "get_catalog", broken)
    # The first run goes through app.py's router and guard. (With a folder named pages/,
    # AppTest's later runs and switch_page execute the page file alone, without app.py.)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("app.error")]
    assert "secret detail" not in str(at.main)
    assert at.session_state["consultation"].patient.name == "Ayşe Yılmaz"
