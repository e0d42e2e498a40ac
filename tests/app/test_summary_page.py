"""The Summary page in AppTest: consent is ticked, typed and confirmed into the model, and the
final export stays disabled, with the reason shown, until screening and consent are complete.
(AppTest never calls a deferred download callable: the PDF bytes are tested in test_pdf.py.)"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from mesocore.catalog import get_catalog
from mesocore.demo import demo_consultation
from tests.conftest import ROOT, open_page
from tests.factories import consultation

APP = str(ROOT / "app.py")
PAGE = str(ROOT / "pages" / "summary.py")
STATEMENTS = list(get_catalog().consent)
NAME_KEY = "w:consent.patient_name"


def open_summary(c=None) -> AppTest:
    return open_page(PAGE, c or demo_consultation())


def download_buttons(at: AppTest) -> dict[str, object]:
    """label -> the download button's proto (AppTest has no typed accessor for it)."""
    return {b.proto.label: b.proto for b in at.get("download_button")}


def final_button(at: AppTest):
    return download_buttons(at)["Final summary (PDF)"]


def draft_button(at: AppTest):
    return download_buttons(at)["Draft (PDF, marked DRAFT)"]


def tick_all(at: AppTest) -> AppTest:
    for sid in STATEMENTS:
        at.checkbox(key=f"w:consent.{sid}").check().run()
    return at


def confirm_button(at: AppTest):
    return next(b for b in at.button if b.label == "Confirm consent")


def test_final_export_is_disabled_with_the_reason_until_consent_is_confirmed():
    at = open_summary()
    assert final_button(at).disabled
    assert not draft_button(at).disabled
    assert any("cannot be exported yet" in w.value for w in at.warning)

    tick_all(at)
    at.text_input(key=NAME_KEY).input("AYŞE YILMAZ").run()
    consent = at.session_state["consultation"].consent
    assert consent.statements == STATEMENTS and consent.patient_name == "AYŞE YILMAZ"
    assert consent.confirmed_at is None
    assert final_button(at).disabled  # ticked and typed, not confirmed yet

    confirm_button(at).click().run()
    assert not at.exception
    consent = at.session_state["consultation"].consent
    assert consent.confirmed_at is not None
    assert not final_button(at).disabled
    assert any("Consent confirmed by AYŞE YILMAZ" in s.value for s in at.success)


def test_a_wrong_typed_name_is_refused_with_a_message_and_nothing_is_lost():
    at = tick_all(open_summary())
    at.text_input(key=NAME_KEY).input("Ayse Yilmaz").run()
    confirm_button(at).click().run()
    assert any("does not match" in e.value for e in at.error)
    consent = at.session_state["consultation"].consent
    assert consent.confirmed_at is None
    assert consent.statements == STATEMENTS  # the ticks are kept
    assert final_button(at).disabled


def test_unticking_a_statement_after_confirmation_withdraws_it():
    at = tick_all(open_summary())
    at.text_input(key=NAME_KEY).input("Ayşe Yılmaz").run()
    confirm_button(at).click().run()
    assert not final_button(at).disabled
    at.checkbox(key=f"w:consent.{STATEMENTS[0]}").uncheck().run()
    assert at.session_state["consultation"].consent.confirmed_at is None
    assert final_button(at).disabled


def test_consent_survives_switching_pages():
    at = tick_all(open_summary())
    at.text_input(key=NAME_KEY).input("Ayşe Yılmaz").run()
    at.switch_page(str(ROOT / "pages" / "assessment.py")).run()
    at.switch_page(PAGE).run()
    assert at.text_input(key=NAME_KEY).value == "Ayşe Yılmaz"
    assert all(at.checkbox(key=f"w:consent.{sid}").value for sid in STATEMENTS)


def test_incomplete_screening_keeps_the_final_export_disabled_even_with_consent():
    at = tick_all(open_summary(consultation(pregnant=None)))
    at.text_input(key=NAME_KEY).input("Ayşe Yılmaz").run()
    confirm_button(at).click().run()
    assert final_button(at).disabled
    assert any("screening is incomplete" in w.value for w in at.warning)


def test_a_not_eligible_patient_needs_no_consent_for_the_final_summary():
    at = open_summary(consultation(pregnant=True))
    assert not at.checkbox  # no consent statements to tick
    assert any("nothing to consent to" in i.value for i in at.info)
    assert not final_button(at).disabled


@pytest.mark.parametrize("history", [{"pregnant": True}, {"cancer": True}])
def test_treatments_of_a_patient_the_screening_rules_out_are_marked_not_to_be_given(history):
    """Listed plainly, "Face: Mesolift" read as planned beside a screening that rules it out."""
    at = open_summary(consultation(**history))
    assert at.session_state["consultation"].treatments  # still recorded, for the file
    withheld = [e.value for e in at.error if e.value.startswith("Not to be given")]
    assert len(withheld) == 1, [e.value for e in at.error]
    assert any(x.value.startswith("Face: ") for x in at.text)
    assert any("nothing to consent to" in i.value for i in at.info)


def test_a_planned_cocktail_with_an_allergen_is_marked_and_the_patient_is_not_ruled_out():
    """The allergy only asks for another cocktail: each treatment holding the allergen says so,
    and the patient still gives consent (the final export waits for the new cocktail)."""
    at = open_summary(consultation(allergies=["hyaluronic_acid"]))
    marked = [e.value for e in at.error if e.value.startswith("Not to be given: it contains")]
    assert len(marked) == 2, [e.value for e in at.error]  # face and neck, both Mesolift
    assert all("Cocktails step" in m for m in marked)
    assert not any("nothing to consent to" in i.value for i in at.info)
    assert at.checkbox  # the consent statements are there to tick
    assert final_button(at).disabled


def test_treatments_of_an_eligible_patient_are_not_marked():
    at = open_summary()
    assert not [e.value for e in at.error if e.value.startswith("Not to be given")]


def test_characters_the_pdf_cannot_print_are_named_before_export():
    c = demo_consultation().model_copy(update={"notes": "Thanks 🎉"})
    at = open_summary(c)
    assert any("U+1F389" in w.value for w in at.warning)


def test_a_tick_whose_callback_was_cut_short_is_still_recorded():
    """A tick shown in the browser must be in the consultation: Streamlit may cut a callback
    short when the next tap arrives (measured with quick ticks on a loaded machine); the run that
    draws the box then applies it, as for bound fields."""
    at = open_summary()
    first, second = STATEMENTS[0], STATEMENTS[1]
    at.checkbox(key=f"w:consent.{first}").check().run()
    at.session_state[f"w:consent.{second}"] = True  # the tick, without its callback
    at.session_state[NAME_KEY] = "Ayşe Yılmaz"  # typed, without its callback
    at.run()
    consent = at.session_state["consultation"].consent
    assert consent.statements == [first, second]
    assert consent.patient_name == "Ayşe Yılmaz"


def test_withdrawing_shows_every_box_unticked_and_records_nothing_more():
    at = tick_all(open_summary())
    next(b for b in at.button if b.label == "Withdraw consent").click().run()
    assert at.session_state["consultation"].consent is None
    assert not any(at.checkbox(key=f"w:consent.{sid}").value for sid in STATEMENTS)
    at.run()
    assert at.session_state["consultation"].consent is None
