"""The Screening page in AppTest: tri-state answers drive the outcome banner at once, unknown
stays incomplete, answers survive switching pages, and questions that cannot apply say why."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from mesocore.catalog import get_catalog
from mesocore.demo import demo_consultation
from mesocore.i18n import t
from mesocore.models import Consultation, Patient
from tests.conftest import ROOT, open_page, widget_key
from ui.steps import STEPS

APP = str(ROOT / "app.py")
SCREENING = str(ROOT / "pages" / "screening.py")
AREAS = str(ROOT / "pages" / "areas.py")
QUESTIONS = len(get_catalog().rules)  # one question per rule (the allergy one included)
# The page's own session keys, read from its source (importing a page would run it); a test
# session opens one consultation, so its widget keys are the first generation's ("w:").
PAGE_KEYS = dict(
    re.findall(
        r'^(ALLERGY_\w+) = state.widget_key\("([^"]+)"\)$', Path(SCREENING).read_text(), flags=re.M
    )
)
ALLERGY_ANY = "w:" + PAGE_KEYS["ALLERGY_ANY"]
ALLERGY_PENDING = "w:" + PAGE_KEYS["ALLERGY_PENDING"]


def open_screening(consultation: Consultation | None = None) -> AppTest:
    return open_page(SCREENING, consultation)


def answer(at: AppTest, field: str, choice: str) -> AppTest:
    at.segmented_control(key=f"w:history.{field}").set_value(choice).run()
    assert not at.exception, at.exception
    return at


def banner(at: AppTest) -> str:
    """The outcome banner: the alert that starts with the outcome in bold."""
    alerts = [*at.error, *at.warning, *at.info, *at.success]
    return next((a.value for a in alerts if a.value.startswith("**")), "")


def model(at: AppTest) -> Consultation:
    return at.session_state["consultation"]


def test_every_question_is_a_three_way_control_starting_at_not_answered():
    at = open_screening()
    controls = [c for c in at.segmented_control if c.key.startswith(("w:history.", "w:screening."))]
    assert len(controls) == QUESTIONS  # the history questions + "any known allergy"
    for control in controls:
        assert control.options == ["Yes", "No", "Not answered"] or control.key == ALLERGY_ANY
        assert control.value == "unknown"
    assert at.info[0].value.startswith("**Incomplete**")
    assert f"0 of {QUESTIONS} questions answered" in at.info[0].value


def test_answering_yes_to_pregnancy_makes_the_banner_not_eligible():
    at = open_screening(demo_consultation())
    assert "**Eligible**" in at.success[0].value
    answer(at, "pregnant", "yes")
    assert model(at).history.pregnant is True
    assert not at.success
    text = at.error[0].value
    assert "**Not eligible**" in text
    assert "CI-PREGNANCY" in text
    assert "Advice" in text
    assert "Medical aesthetics: mesotherapy" in text  # a source title, not just an id


def test_setting_an_answer_back_to_not_answered_stays_incomplete():
    at = open_screening(demo_consultation())
    answer(at, "stroke_history", "unknown")
    assert model(at).history.stroke_history is None
    assert "**Incomplete**" in banner(at)
    assert f"{QUESTIONS - 1} of {QUESTIONS} questions answered" in banner(at)
    assert "Has the patient ever had a stroke?" in banner(at)


def test_answering_no_to_one_question_of_a_new_patient_is_still_incomplete():
    at = open_screening()
    answer(at, "cancer", "no")
    assert model(at).history.cancer is False
    assert "**Incomplete**" in banner(at)
    assert f"1 of {QUESTIONS} questions answered" in banner(at)


def test_a_temporary_contraindication_defers_and_shows_under_the_question():
    at = open_screening(demo_consultation())
    answer(at, "active_skin_infection", "yes")
    assert "**Deferred**" in at.warning[0].value
    assert any("Deferred" in caption.value for caption in at.caption)


def test_answers_survive_switching_pages_and_back():
    at = open_screening()
    answer(at, "pregnant", "no")
    answer(at, "cancer", "yes")
    answer(at, "blood_thinners", "no")
    at.switch_page(AREAS).run()
    assert "w:history.cancer" not in at.session_state  # Streamlit dropped the widget state…
    at.switch_page(SCREENING).run()
    assert at.segmented_control(key="w:history.pregnant").value == "no"  # …the model kept it
    assert at.segmented_control(key="w:history.cancer").value == "yes"
    assert at.segmented_control(key="w:history.blood_thinners").value == "no"
    assert at.segmented_control(key="w:history.stroke_history").value == "unknown"
    assert "**Not eligible**" in at.error[0].value


def test_a_male_patient_sees_pregnancy_questions_disabled_with_the_reason():
    demo = demo_consultation()
    male = demo.model_copy(
        update={
            "patient": Patient(name="Mehmet", birth_date=demo.patient.birth_date, sex="male"),
            "history": demo.history.model_copy(update={"pregnant": None, "breastfeeding": None}),
        }
    )
    at = open_screening(male)
    for field in ("pregnant", "breastfeeding"):
        assert at.segmented_control(key=f"w:history.{field}").disabled
    assert not at.segmented_control(key="w:history.cancer").disabled
    reasons = [c.value for c in at.caption if "Not applicable" in c.value]
    assert len(reasons) == 2 and all("Male" in reason for reason in reasons)
    assert "**Eligible**" in at.success[0].value  # answered by the app, with the reason shown


def test_allergy_yes_without_an_ingredient_stays_unknown_and_says_so():
    at = open_screening(demo_consultation())
    at.segmented_control(key=ALLERGY_ANY).set_value("yes").run()
    assert model(at).history.allergies is None
    assert "**Incomplete**" in banner(at)
    assert any("counts as not answered" in w.value for w in at.warning)
    at.switch_page(AREAS).run()
    at.switch_page(SCREENING).run()
    assert at.segmented_control(key=ALLERGY_ANY).value == "yes"  # the tap is not lost


def test_allergy_to_an_ingredient_of_the_planned_cocktail_blocks_it():
    at = open_screening(demo_consultation())
    at.segmented_control(key=ALLERGY_ANY).set_value("yes").run()
    at.pills(key="w:history.allergies").set_value(["hyaluronic_acid"]).run()
    assert model(at).history.allergies == ["hyaluronic_acid"]
    text = at.error[0].value
    assert "**Not eligible**" in text and "Mesolift" in text
    assert any("Excluded: Youth vaccine" in c.value for c in at.caption)
    at.switch_page(AREAS).run()
    at.switch_page(SCREENING).run()
    assert at.pills(key="w:history.allergies").value == ["hyaluronic_acid"]
    at.segmented_control(key=ALLERGY_ANY).set_value("no").run()
    assert model(at).history.allergies == []
    assert "**Eligible**" in at.success[0].value


def test_every_later_step_shows_the_current_outcome():
    at = open_screening(demo_consultation())
    answer(at, "bleeding_disorder", "yes")
    for step in STEPS[2:]:
        at.switch_page(str(step.path)).run()
        assert not at.exception
        badges = [m.value for m in at.markdown if "-badge[" in m.value]
        assert any("Screening: Not eligible" in badge for badge in badges), step.id


def test_removing_the_last_allergen_makes_the_answer_unknown_but_keeps_yes_on_screen():
    demo = demo_consultation()
    allergic = demo.model_copy(
        update={"history": demo.history.model_copy(update={"allergies": ["enzymes"]})}
    )
    at = open_screening(allergic)
    assert at.segmented_control(key=ALLERGY_ANY).value == "yes"
    at.pills(key="w:history.allergies").set_value([]).run()
    assert model(at).history.allergies is None
    assert "**Incomplete**" in banner(at)
    at.switch_page(AREAS).run()
    at.switch_page(SCREENING).run()
    assert at.segmented_control(key=ALLERGY_ANY).value == "yes"
    assert at.pills(key="w:history.allergies").value == []


def test_a_pending_allergy_yes_is_forgotten_with_the_consultation():
    at = open_screening(demo_consultation())
    at.segmented_control(key=ALLERGY_ANY).set_value("yes").run()
    assert at.session_state[ALLERGY_PENDING] is True
    next(b for b in at.button if b.label == "New consultation").click().run()
    assert ALLERGY_PENDING not in at.session_state
    any_key = widget_key(at, PAGE_KEYS["ALLERGY_ANY"])
    assert at.segmented_control(key=any_key).value == "unknown"


def test_the_eligible_banner_says_its_count_and_its_verdict_as_two_sentences():
    at = open_page(ROOT / "pages" / "screening.py", demo_consultation())
    [banner] = [a.value for a in at.success if a.value.startswith("**")]
    answered, verdict = banner.split("\n\n")
    assert answered.endswith(t("screening.progress", "en", answered=QUESTIONS, total=QUESTIONS))
    assert verdict == t("screening.no_findings", "en")
