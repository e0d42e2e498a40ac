"""The Compare page in AppTest: it renders with and without the demo patient, shows the
recommendation and the chart, and recording the patient's choice updates the consultation
(treatment_choice and treatments), which survives switching pages."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from mesocore.demo import demo_consultation
from mesocore.i18n import t
from mesocore.models import Consultation
from mesocore.planning import plan_course
from tests.conftest import ROOT, open_page
from ui.steps import STEPS

APP = str(ROOT / "app.py")
COMPARE = str(ROOT / "pages" / "compare.py")
CHOICE = "w:treatment_choice"


def open_compare(consultation: Consultation | None = None) -> AppTest:
    at = open_page(COMPARE, consultation)
    assert_no_error(at)
    return at


def assert_no_error(at: AppTest) -> None:
    """No uncaught exception, and none caught by the app's guard (ui.errors) either."""
    assert not at.exception, at.exception
    assert t("app.error") not in [e.value for e in at.error]


def choice_control(at: AppTest):
    return next(group for group in at.get("button_group") if group.key == CHOICE)


def texts(at: AppTest, kind: str) -> str:
    return " ".join(element.value for element in getattr(at, kind))


def chart(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_the_page_without_a_patient_explains_and_asks_for_concerns():
    at = open_compare()
    assert at.title[0].value == "Compare"
    assert at.table, "the side-by-side table is shown"
    assert "no concerns recorded yet" in texts(at, "info")
    assert "No recommendation" in texts(at, "warning")
    assert "No concerns are recorded yet" in texts(at, "markdown")
    cells = chart(at)["data"][0]["text"]
    assert {"Main aim", "Helps"} <= {cell for row in cells for cell in row}


def test_the_demo_patient_gets_a_recommendation_with_reasons_and_a_chart_of_her_concerns():
    at = open_compare(demo_consultation())
    assert "Recommended: Classic mesotherapy" in texts(at, "success")  # as on the Cocktails step
    assert "Fine wrinkles and Dullness (its main aim)" in texts(at, "markdown")
    figure = chart(at)
    assert figure["data"][0]["y"] == ["Fine wrinkles", "Dullness"]
    assert figure["data"][0]["text"] == [["Helps"] * 3, ["Main aim", "Main aim", "Helps"]]
    table = at.table[0].value
    assert list(table.columns) == [
        "Classic mesotherapy",
        "Youth vaccine",
        "Needle-free mesotherapy",
    ]
    assert "What is injected" in table.index


def test_recording_the_choice_updates_the_plan_and_survives_switching_pages():
    at = open_compare(demo_consultation())
    choice_control(at).set_value("youth_vaccine").run()
    assert_no_error(at)
    consultation = at.session_state["consultation"]
    assert consultation.treatment_choice == "youth_vaccine"
    assert [(t.area, t.cocktail) for t in consultation.treatments] == [
        ("face", "youth_vaccine"),
        ("neck", "youth_vaccine"),
    ]
    assert "Face: Mesolift (facial mesotherapy) → Youth vaccine" in texts(at, "success")

    plan = plan_course(consultation)  # the timeline and the summary are built from this plan
    sessions = [v for v in plan.visits if v.kind == "session"]
    assert len(sessions) == 3  # the youth vaccine protocol
    assert all(v.cocktails == ["youth_vaccine"] for v in plan.visits)

    at.switch_page(str(ROOT / "pages" / "timeline.py")).run()
    assert_no_error(at)
    at.switch_page(str(STEPS[0].path)).run()
    assert CHOICE not in at.session_state  # Streamlit dropped the widget…
    at.switch_page(COMPARE).run()
    assert choice_control(at).value == "youth_vaccine"  # …the model kept the choice
    assert at.session_state["consultation"].treatments[0].cocktail == "youth_vaccine"
    assert "Recorded choice: Youth vaccine" in texts(at, "caption")


def test_tapping_the_chosen_option_again_clears_the_choice_and_keeps_the_plan():
    at = open_compare(demo_consultation())
    choice_control(at).set_value("needle_free").run()
    choice_control(at).set_value(None).run()
    consultation = at.session_state["consultation"]
    assert consultation.treatment_choice is None
    assert {t.cocktail for t in consultation.treatments} == {"needle_free"}
    assert "Choice cleared" in texts(at, "info")


def test_a_choice_the_allergy_blocks_is_refused_with_the_reason_and_nothing_changes():
    patient = demo_consultation()
    patient = patient.model_copy(
        update={"history": patient.history.model_copy(update={"allergies": ["hyaluronic_acid"]})}
    )
    at = open_compare(patient)
    assert "All 3 options contain Hyaluronic acid" in texts(at, "markdown")
    assert {cell for row in chart(at)["data"][0]["text"] for cell in row} == {"Ruled out"}
    choice_control(at).set_value("youth_vaccine").run()
    assert_no_error(at)
    assert "Youth vaccine cannot be chosen" in texts(at, "error")
    consultation = at.session_state["consultation"]
    assert consultation.treatment_choice is None
    assert [t.cocktail for t in consultation.treatments] == ["mesolift", "mesolift"]
    assert choice_control(at).value is None


def test_a_recorded_choice_no_longer_in_the_plan_is_pointed_out():
    at = open_compare(demo_consultation().model_copy(update={"treatment_choice": "youth_vaccine"}))
    assert "no longer planned" in texts(at, "warning")
    assert choice_control(at).value == "youth_vaccine"


def test_a_wish_changes_the_recommendation_and_is_kept_in_the_consultation():
    at = open_compare(demo_consultation())
    wishes = next(group for group in at.get("button_group") if group.key == "w:wishes.compare")
    wishes.set_value(["avoid_needles"]).run()
    assert at.session_state["consultation"].wishes == ["avoid_needles"]
    assert "Recommended: Needle-free mesotherapy" in texts(at, "success")


def test_a_not_eligible_patient_gets_no_recommendation_and_cannot_choose():
    patient = demo_consultation()
    patient = patient.model_copy(
        update={"history": patient.history.model_copy(update={"pregnant": True})}
    )
    at = open_compare(patient)
    assert "No recommendation" in texts(at, "warning")
    assert "Not eligible" in texts(at, "markdown")
    choice_control(at).set_value("needle_free").run()
    assert "cannot be chosen" in texts(at, "error")
    assert at.session_state["consultation"].treatment_choice is None
