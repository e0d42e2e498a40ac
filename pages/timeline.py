"""Timeline: the dated course with boosters and aftercare, editable, exportable to calendars.

Thin: the plan comes from mesocore.planning, every edit goes through mesocore.planning.move_visit
and is kept in the Consultation (``visit_dates``), never only in widget state; the table and the
move control re-initialise from the model after each edit.
"""

import datetime as dt

import streamlit as st

from mesocore.catalog import get_catalog
from mesocore.changes import with_start
from mesocore.dates import format_date, format_long_date
from mesocore.i18n import t
from mesocore.planning import check_start_date, move_visit, plan_course, visit_label
from mesocore.render.ics import ics_filename, plan_to_ics
from mesocore.render.timeline_chart import VIEWS, View, plan_figure
from mesocore.treatments import cocktail_name
from ui import state
from ui.course import course_controls
from ui.memo import session_memo
from ui.routing import through_app

through_app()
locale = state.locale()
catalog = get_catalog()
clinic = catalog.clinic
today = dt.date.today()
START_KEY = state.widget_key("start_date")
FLASH = "timeline:flash"
REVISION = "timeline:revision"
st.caption(t("timeline.intro", locale))


def flash(kind: str, message: str) -> None:
    st.session_state[FLASH] = (kind, message)


def bump() -> None:
    """A new revision re-initialises the table and the move control from the model."""
    st.session_state[REVISION] = st.session_state.get(REVISION, 0) + 1


def start_changed() -> None:
    value = st.session_state[START_KEY]
    reason = check_start_date(value, today, locale)
    if reason:
        flash("error", t("timeline.refused", locale, reason=reason))
        return  # the picker shows the kept start date again (state.synced)
    changed = state.change("start_date", lambda c: with_start(c, value))
    if changed is None:
        flash("error", state.error("start_date") or "")
    elif changed.replanned:
        flash("info", t("timeline.start_replanned", locale))
    bump()


def apply_move(key: str, day: dt.date | None) -> None:
    if day is None:
        return
    consultation = state.get()
    verdict = state.verdict()
    result = move_visit(consultation, key, day, today=today, catalog=catalog, result=verdict)
    label = visit_label(plan_course(consultation, catalog, verdict).planned(key), locale)
    if result.refused:
        flash("error", t("timeline.refused", locale, reason=result.refused))
    else:
        error = state.update("visit_dates", result.visit_dates)
        if error:
            flash("error", error)
        elif result.flags:
            flags = "; ".join(result.flags)
            flash(
                "warning",
                t(
                    "timeline.moved_flagged",
                    locale,
                    visit=label,
                    date=format_date(day, locale),
                    flags=flags,
                ),
            )
        else:
            flash(
                "success", t("timeline.moved", locale, visit=label, date=format_date(day, locale))
            )
    bump()


def date_picked(key: str, date_key: str) -> None:
    """The new date is the one tap that moves the visit: no button to confirm it."""
    apply_move(key, st.session_state.get(date_key))


def typed_date(value: object) -> dt.date | None:
    """A date as the table shows it (DD.MM.YYYY), or as ISO 8601; None if it is neither."""
    text = str(value).strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    return None


def table_edited(table_key: str, keys: list[str]) -> bool:
    """Apply the first date edited in the table (one move at a time: later visits re-plan).
    Runs in the script body, right after the table, so a seeded edit state is applied too."""
    edits = st.session_state.get(table_key, {}).get("edited_rows", {})
    for row, changes in sorted(edits.items()):
        value = changes.get("date")
        if value and int(row) < len(keys):
            day = typed_date(value)
            if day is None:
                flash(
                    "error", t("timeline.refused", locale, reason=t("timeline.date_format", locale))
                )
                bump()
            else:
                apply_move(keys[int(row)], day)
            return True
    if edits:  # an edit that is not a date (a cleared cell): show the plan again
        bump()
        return True
    return False


def reset_moves() -> None:
    state.update("visit_dates", {})
    flash("success", t("timeline.reset_done", locale))
    bump()


# The grid's floating toolbar (search, download, full screen) covered the first cells on touch,
# where it shows on a tap rather than on hover; the plan has its own calendar export.
_TABLE_CSS = """<style>
[data-testid="stDataFrame"] [data-testid="stElementToolbar"],
[data-testid="stElementToolbar"]:has(+ [data-testid="stDataFrame"]) { display: none; }
</style>"""

consultation = state.get()
left, right = st.columns(2)
with left:
    kept = consultation.start_date
    st.date_input(
        t("timeline.start_date", locale),
        **state.synced(START_KEY, consultation.start_date, start_changed),
        min_value=min(today, kept) if kept else today,
        max_value=today + dt.timedelta(days=3 * 365),
        format="DD.MM.YYYY",
        help=t("timeline.start_date_help", locale),
    )
with right:
    st.time_input(
        t("timeline.visit_time", locale),
        step=dt.timedelta(minutes=15),
        help=t("timeline.visit_time_help", locale),
        **state.bind("visit_time", to_widget=lambda value: value or clinic.appointment_time),
    )

message = st.session_state.pop(FLASH, None)
if message:
    kind, text = message
    {"error": st.error, "warning": st.warning, "info": st.info, "success": st.success}[kind](text)

consultation = state.get()
verdict = state.verdict()
plan = plan_course(consultation, catalog, verdict)
if plan.blocked_reason:
    st.info(plan.blocked_reason)
else:
    if verdict.patient_status == "incomplete":
        st.warning(t("timeline.incomplete_warning", locale))
    revision = st.session_state.get(REVISION, 0)
    course_controls(catalog, locale, flash, bump)

    st.subheader(t("timeline.chart_title", locale))
    view: View | None = st.segmented_control(
        t("timeline.chart_view", locale),
        options=VIEWS,
        default="course",
        format_func=lambda option: t(f"timeline.view_{option}", locale),
        key="timeline:view",
    )
    st.plotly_chart(
        session_memo(
            "timeline", (plan, locale, view), lambda: plan_figure(plan, locale, view or "course")
        ),
        config={"displayModeBar": False, "scrollZoom": False, "responsive": True},
    )

    st.subheader(t("timeline.table_title", locale))
    keys = [visit.key for visit in plan.visits]
    # Fits a portrait tablet (768 px) without sideways scrolling: day and time share a column,
    # cream and session minutes too ("30 + 40"), the protocol check is a mark with the reasons
    # listed under the table. Fixed widths add up to the portrait frame (a longer text ends in
    # "…"; each area's cocktail is spelled out in the course boxes above); Streamlit shares
    # the spare width of a landscape frame among the columns.
    rows = [
        {
            "visit": visit_label(visit, locale),
            "date": visit.date.strftime("%d.%m.%Y"),
            "weekday": " ".join(
                [t(f"timeline.weekday_short_{visit.date.weekday()}", locale)]
                + ([visit.start.strftime("%H:%M")] if visit.start else [])
            ),
            "areas": ", ".join(catalog.areas[a].name(locale) for a in visit.areas),
            "cocktails": ", ".join(cocktail_name(c, catalog, locale) for c in visit.cocktails),
            "minutes": f"{visit.cream_minutes} + {visit.session_minutes}",
            "check": "⚠" if visit.flags else "✓",
        }
        for visit in plan.visits
    ]
    table_key = f"timeline:table:{revision}"
    st.html(_TABLE_CSS)
    st.data_editor(
        rows,
        key=table_key,
        hide_index=True,
        width="stretch",
        disabled=["visit", "weekday", "areas", "cocktails", "minutes", "check"],
        column_config={
            "visit": st.column_config.TextColumn(
                t("timeline.col_visit", locale), pinned=True, width=100
            ),
            # Text, not a date column: the grid's date editor is the browser's own, which shows
            # the tablet's format (MM/DD/YYYY), not the table's DD.MM.YYYY.
            "date": st.column_config.TextColumn(
                t("timeline.col_date", locale),
                help=t("timeline.table_help", locale),
                validate=r"^\s*\d{1,2}\.\d{1,2}\.\d{4}\s*$",
                width=92,
            ),
            "weekday": st.column_config.TextColumn(t("timeline.col_weekday", locale), width=86),
            "areas": st.column_config.TextColumn(t("timeline.col_areas", locale), width=110),
            "cocktails": st.column_config.TextColumn(
                t("timeline.col_cocktails", locale), width=210
            ),
            "minutes": st.column_config.TextColumn(
                t("timeline.col_minutes", locale),
                help=t("timeline.col_minutes_help", locale),
                width=68,
            ),
            "check": st.column_config.TextColumn(
                t("timeline.col_notes", locale), help=t("timeline.col_notes_help", locale), width=60
            ),
        },
    )
    if table_edited(table_key, keys):
        st.rerun()
    st.caption(t("timeline.table_help", locale))
    for visit in plan.visits:
        if visit.flags:
            st.warning(
                t(
                    "timeline.flagged_visit",
                    locale,
                    visit=visit_label(visit, locale),
                    date=format_date(visit.date, locale),
                    flags="; ".join(visit.flags),
                )
            )

    with st.container(border=True):
        st.markdown(f"**{t('timeline.move_title', locale)}**")
        pick, when = st.columns(2, vertical_alignment="bottom")
        with pick:
            selected = st.selectbox(
                t("timeline.move_visit", locale),
                options=keys,
                format_func=lambda key: (
                    visit_label(plan.planned(key), locale)
                    + " · "
                    + format_date(plan.planned(key).date, locale)
                ),
                key=f"timeline:move_visit:{revision}:{locale}",
            )
        date_key = state.widget_key(f"timeline:move_date:{revision}:{selected}")
        with when:
            st.date_input(
                t("timeline.move_date", locale),
                value=plan.planned(selected).date,
                min_value=min(today, plan.planned(selected).date),
                max_value=today + dt.timedelta(days=3 * 365),
                format="DD.MM.YYYY",
                key=date_key,
                # A date chosen is applied even if Streamlit cut its callback short.
                **state.own_callback(date_key, date_picked, selected, date_key),
            )
        st.caption(t("timeline.move_help", locale))
        if consultation.visit_dates:
            st.button(t("timeline.reset_button", locale), **state.tap(reset_moves))

    first = plan.visits[0]
    after = [m for m in first.aftercare if m.until is not None]
    around = [m for m in plan.aftercare if m.timing == "around_session"]
    course = [m for m in plan.aftercare if m.timing == "course"]
    left, right = st.columns(2)
    with left:
        st.subheader(t("timeline.aftercare_title", locale))
        st.markdown(f"**{t('timeline.after_each', locale)}**")
        for milestone in after:
            assert milestone.until is not None  # `after` holds only those with an end
            hours = round((milestone.until - first.end).total_seconds() / 3600)
            st.markdown(f"- {milestone.text} ({t('timeline.hours', locale, hours=hours)})")
        st.markdown(f"**{t('timeline.around_session', locale)}**")
        for milestone in around:
            st.markdown(f"- {milestone.text}")
        st.markdown(f"**{t('timeline.course_wide', locale)}**")
        for milestone in course:
            st.markdown(f"- {milestone.text}")
    with right:
        st.subheader(t("timeline.results_title", locale))
        for day, text in plan.results:
            st.markdown(f"- **{format_long_date(day, locale)}**: {text}")
        st.subheader(t("timeline.calendar_title", locale))
        st.caption(t("timeline.calendar_help", locale))
        st.download_button(
            t("timeline.download_ics", locale),
            data=lambda: plan_to_ics(consultation, plan, catalog, verdict),
            file_name=ics_filename(consultation),
            mime="text/calendar",
            on_click="ignore",
        )
