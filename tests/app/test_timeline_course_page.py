"""The Timeline's course controls in AppTest: initialised from the model, written back through
ui.state, the plan redrawn at once, moves re-planned, kept over a page switch, reset to the
protocols' defaults, and dropped when the Cocktails step moves an area to another protocol."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from mesocore.demo import demo_consultation
from mesocore.models import Treatment
from tests.conftest import ROOT, open_page
from ui.course import widget_key

PAGE = ROOT / "pages" / "timeline.py"
COCKTAILS = str(ROOT / "pages" / "cocktails.py")


def model(at: AppTest):
    return at.session_state["consultation"]


def sessions_control(at: AppTest, area: str):
    return at.button_group(key=widget_key(area, "sessions"))


def interval_control(at: AppTest, area: str):
    return at.number_input(key=widget_key(area, "interval_days"))


def visits(at: AppTest) -> list[str]:
    return list(at.data_editor[0].value["visit"])


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def test_the_controls_show_the_planned_course_and_the_protocol_in_words():
    subject = demo_consultation()
    subject = subject.model_copy(
        update={
            "treatments": [
                Treatment(area="face", cocktail="mesolift", sessions=4),
                Treatment(area="neck", cocktail="mesolift"),
            ]
        }
    )
    at = open_page(PAGE, subject)
    assert sessions_control(at, "face").value == 4
    assert sessions_control(at, "neck").value == 5
    assert sessions_control(at, "face").options == ["4", "5"]
    assert interval_control(at, "face").value == 14
    assert (interval_control(at, "face").min, interval_control(at, "face").max) == (7, 14)
    assert (
        "Standard mesotherapy course: usually 5 sessions every 14 days; allowed 4–5 sessions, "
        "7–14 days apart." in captions(at)
    )
    assert any(m.value == "**Face: Mesolift (facial mesotherapy)**" for m in at.markdown)


def test_choosing_fewer_sessions_redraws_the_plan_at_once():
    at = open_page(PAGE, demo_consultation())
    assert visits(at)[:5] == [f"Session {n}" for n in range(1, 6)]
    sessions_control(at, "face").set_value(4).run()
    sessions_control(at, "neck").set_value(4).run()
    assert not at.exception
    assert [(tr.area, tr.sessions) for tr in model(at).treatments] == [("face", 4), ("neck", 4)]
    assert visits(at) == [f"Session {n}" for n in range(1, 5)] + ["Booster 1", "Booster 2"]


def test_a_shorter_course_on_one_area_leaves_the_last_visit_to_the_other():
    at = open_page(PAGE, demo_consultation())
    sessions_control(at, "face").set_value(4).run()
    areas = list(at.data_editor[0].value["areas"])
    assert areas[:5] == ["Face, Neck"] * 4 + ["Neck"]


def test_a_new_interval_is_kept_and_replans_the_moved_visits_with_a_word():
    subject = demo_consultation()
    subject = subject.model_copy(
        update={"visit_dates": {"session-2": subject.start_date + dt.timedelta(days=10)}}
    )
    at = open_page(PAGE, subject)
    interval_control(at, "face").set_value(10).run()
    assert not at.exception
    assert model(at).treatments[0].interval_days == 10
    assert model(at).visit_dates == {}
    assert any("moved visits were re-planned" in i.value for i in at.info)
    dates = [
        dt.datetime.strptime(str(d), "%d.%m.%Y").date() for d in at.data_editor[0].value["date"]
    ]
    assert 9 <= (dates[1] - dates[0]).days <= 11  # 10 days, or the next open day
    # the neck shares the visits at the interval the doctor chose for the face
    assert interval_control(at, "neck").value == 10
    assert "so that it shares its visits" in captions(at)


def test_different_intervals_give_separate_visit_series_and_say_so():
    at = open_page(PAGE, demo_consultation())
    interval_control(at, "face").set_value(7).run()
    interval_control(at, "neck").set_value(14).run()
    assert [tr.interval_days for tr in model(at).treatments] == [7, 14]
    assert any(visit.endswith("(series 2)") for visit in visits(at))
    assert "Own visits (series 2)" in captions(at)


def test_the_course_survives_a_page_switch():
    at = open_page(PAGE, demo_consultation())
    sessions_control(at, "face").set_value(4).run()
    interval_control(at, "neck").set_value(12).run()
    at.switch_page(COCKTAILS).run()
    at.switch_page(str(PAGE)).run()
    assert sessions_control(at, "face").value == 4
    assert interval_control(at, "neck").value == 12
    assert (model(at).treatments[0].sessions, model(at).treatments[1].interval_days) == (4, 12)


def test_tapping_the_chosen_segment_again_keeps_the_course():
    at = open_page(PAGE, demo_consultation())
    sessions_control(at, "face").set_value(4).run()
    sessions_control(at, "face").set_value(None).run()
    assert model(at).treatments[0].sessions == 4
    at.run()
    assert sessions_control(at, "face").value == 4


def test_back_to_the_protocols_defaults_clears_every_choice():
    at = open_page(PAGE, demo_consultation())
    assert not [b for b in at.button if b.label == "Back to the protocols' defaults"]
    sessions_control(at, "face").set_value(4).run()
    next(b for b in at.button if b.label == "Back to the protocols' defaults").click().run()
    assert [(tr.sessions, tr.interval_days) for tr in model(at).treatments] == [(None, None)] * 2
    assert sessions_control(at, "face").value == 5
    assert any("defaults again" in s.value for s in at.success)


def test_the_controls_speak_turkish():
    at = open_page(PAGE, demo_consultation(locale="tr"))
    assert sessions_control(at, "face").label == "Seans sayısı"
    assert interval_control(at, "face").label == "Seans aralığı (gün)"
    assert "izin verilen 4–5 seans" in captions(at)


def test_moving_an_area_to_another_protocol_on_cocktails_drops_its_course():
    subject = demo_consultation()
    subject = subject.model_copy(
        update={
            "treatments": [
                Treatment(area="face", cocktail="mesolift", sessions=4, interval_days=7),
                Treatment(area="neck", cocktail="mesolift", sessions=4),
            ]
        }
    )
    at = open_page(COCKTAILS, subject)
    at.radio(key="w:treatment.face").set_value("youth_vaccine").run()
    assert not at.exception
    face, neck = model(at).treatments
    assert (face.cocktail, face.sessions, face.interval_days) == ("youth_vaccine", None, None)
    assert (neck.cocktail, neck.sessions) == ("mesolift", 4)
    at.switch_page(str(PAGE)).run()
    assert sessions_control(at, "face").value == 3  # the youth vaccine's default
