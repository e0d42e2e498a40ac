"""The Timeline's course controls: sessions and interval per treatment, kept in the model.

Each control shows what the plan uses (the doctor's choice, else the protocol's default; for
shared visits the interval every treatment allows) and writes the doctor's choice to
``Treatment.sessions`` / ``Treatment.interval_days`` through ``ui.state``: the widget keys only
mirror the model and are set from it on every run, so nothing is lost on a page switch.
A changed course re-plans every visit from the start date (moved visits were dated for the old
course), and the doctor is told when moves were dropped.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from mesocore.catalog import Catalog
from mesocore.changes import with_course
from mesocore.i18n import t
from mesocore.planning import TreatmentCourse, treatment_courses
from mesocore.treatments import COURSE_CHOICES, cocktail_name
from ui import state

Flash = Callable[[str, str], None]


def widget_key(area: str, name: str) -> str:
    return state.widget_key(f"course.{area}.{name}")


def _write(changes: dict[str, dict[str, int | None]], locale: str, flash: Flash) -> None:
    """Set course choices per area (``{"face": {"sessions": 4}}``) and re-plan from the start."""
    changed = state.change("treatments", lambda c: with_course(c, changes))
    if changed is None:
        flash("error", state.error("treatments") or "")
    elif changed.replanned:
        flash("info", t("timeline.course_replanned", locale))


def _chosen(area: str, name: str, locale: str, flash: Flash, bump: Callable[[], None]) -> None:
    value = st.session_state.get(widget_key(area, name))
    if value is None:  # the selected segment tapped again: keep the course (shown next run)
        return
    _write({area: {name: int(value)}}, locale, flash)
    bump()


def _reset(locale: str, flash: Flash, bump: Callable[[], None]) -> None:
    cleared: dict[str, int | None] = {name: None for name in COURSE_CHOICES}
    _write({tr.area: cleared for tr in state.get().treatments}, locale, flash)
    flash("success", t("timeline.course_reset_done", locale))
    bump()


def _caption(course: TreatmentCourse, chosen_interval: int | None, series: int, locale: str):
    if series > 1:
        return t("timeline.course_own_series", locale, series=course.series)
    if chosen_interval is None and course.interval_days != course.protocol.default_interval_days:
        return t("timeline.course_shared", locale, days=course.interval_days)
    return None


def course_controls(catalog: Catalog, locale: str, flash: Flash, bump: Callable[[], None]) -> None:
    """One box per treatment: its protocol in words, a sessions and an interval control."""
    consultation = state.get()
    courses = treatment_courses(consultation.treatments, catalog)
    series = len({course.series for course in courses})
    context = (locale, flash, bump)
    st.subheader(t("timeline.course_title", locale))
    st.caption(t("timeline.course_intro", locale))
    for treatment, course in zip(consultation.treatments, courses, strict=True):
        protocol = course.protocol
        with st.container(border=True):
            area = catalog.areas[course.area].name(locale)
            cocktail = cocktail_name(course.cocktail, catalog, locale)
            st.markdown(
                f"**{t('timeline.course_treatment', locale, area=area, cocktail=cocktail)}**"
            )
            st.caption(
                t(
                    "timeline.course_protocol",
                    locale,
                    protocol=protocol.name(locale),
                    sessions=protocol.default_sessions,
                    days=protocol.default_interval_days,
                    sessions_low=protocol.sessions[0],
                    sessions_high=protocol.sessions[1],
                    days_low=protocol.interval_days[0],
                    days_high=protocol.interval_days[1],
                )
            )
            left, right = st.columns(2)
            sessions_key = widget_key(course.area, "sessions")
            interval_key = widget_key(course.area, "interval_days")
            with left:
                low, high = protocol.sessions
                st.segmented_control(
                    t("timeline.course_sessions", locale),
                    options=list(range(low, high + 1)),
                    **state.synced(
                        sessions_key, course.sessions, _chosen, course.area, "sessions", *context
                    ),
                    width="stretch",
                )
            with right:
                low, high = protocol.interval_days
                st.number_input(
                    t("timeline.course_interval", locale),
                    min_value=low,
                    max_value=high,
                    step=1,
                    **state.synced(
                        interval_key,
                        course.interval_days,
                        _chosen,
                        course.area,
                        "interval_days",
                        *context,
                    ),
                    help=t("timeline.course_interval_help", locale, low=low, high=high),
                )
            note = _caption(course, treatment.interval_days, series, locale)
            if note:
                st.caption(note)
    if any(
        getattr(tr, name) is not None for tr in consultation.treatments for name in COURSE_CHOICES
    ):
        st.button(t("timeline.course_reset", locale), **state.tap(_reset, *context))
