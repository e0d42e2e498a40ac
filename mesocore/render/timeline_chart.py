"""The plan as a plotly timeline: visits, boosters, aftercare windows, expected results.

Built for a tablet: big markers numbered in place (no hover needed), one row per kind of event,
touch-drag pans (no box zoom), and two views, because 6-hour aftercare windows vanish on a year
axis: the course itself, or the whole plan with its boosters. plotly is imported inside the
function so that mesocore stays light for the CLI.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from mesocore.dates import format_day_month, format_long_date, month_name
from mesocore.i18n import t
from mesocore.planning import Plan, visit_label

View = Literal["course", "year"]
VIEWS: tuple[View, ...] = ("course", "year")
COLOURS = {
    "session": "#1f6feb",
    "booster": "#8250df",
    "flagged": "#d1242f",
    "result": "#bf8700",
    "aftercare": "#57ab5a",
}


def _x_range(plan: Plan, view: View) -> list[dt.datetime]:
    sessions = [v for v in plan.visits if v.kind == "session"] or plan.visits
    last = sessions[-1] if view == "course" else plan.visits[-1]
    first = plan.visits[0]
    start = dt.datetime.combine(first.date, dt.time(0)) - dt.timedelta(days=2)
    end = max(
        [dt.datetime.combine(last.date, dt.time(0)) + dt.timedelta(days=5)]
        + [m.until for m in last.aftercare if m.until]
    )
    return [start, end + dt.timedelta(days=1)]


def _ticks(plan: Plan, locale: str, view: View) -> dict:
    """Date ticks labelled in `locale` (plotly's own month names are English only): weekly on
    Mondays for the course, monthly for the whole plan, over the plan's span with a margin so
    that panning never runs out of ticks."""
    first = plan.visits[0].date - dt.timedelta(days=62)
    last = plan.visits[-1].date + dt.timedelta(days=62)
    values: list[dt.datetime] = []
    labels: list[str] = []
    if view == "course":
        day = first + dt.timedelta(days=-first.weekday())
        while day <= last:
            values.append(dt.datetime.combine(day, dt.time(0)))
            labels.append(f"{format_day_month(day, locale)}<br>{day.year}")
            day += dt.timedelta(days=7)
    else:
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            values.append(dt.datetime(year, month, 1))
            labels.append(f"{month_name(month, locale, short=True)}<br>{year}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return {"tickmode": "array", "tickvals": values, "ticktext": labels}


def plan_figure(plan: Plan, locale: str = "en", view: View = "course"):
    """A go.Figure of the plan (an empty figure when the plan is blocked)."""
    import plotly.graph_objects as go

    fig = go.Figure()
    if plan.blocked_reason or not plan.visits:
        return fig
    rows_visits = [t("timeline.row_sessions", locale), t("timeline.row_boosters", locale)]
    aftercare_rows: dict[str, str] = {}
    for visit in plan.visits:
        for milestone in visit.aftercare:
            if milestone.until is not None:
                aftercare_rows.setdefault(milestone.rule, milestone.short or milestone.rule)
    results_row = t("timeline.row_results", locale)

    for rule, label in aftercare_rows.items():
        xs: list[dt.datetime | None] = []
        for visit in plan.visits:
            until = next((m.until for m in visit.aftercare if m.rule == rule), None)
            if until is not None:
                xs += [visit.end, until, None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[label if x is not None else None for x in xs],
                mode="lines",
                line={"color": COLOURS["aftercare"], "width": 12},
                name=t("timeline.legend_aftercare", locale),
                legendgroup="aftercare",
                showlegend=rule == next(iter(aftercare_rows)),
                hoverinfo="skip",
            )
        )

    for kind, row in zip(("session", "booster"), rows_visits, strict=True):
        visits = [v for v in plan.visits if v.kind == kind]
        if not visits:
            continue
        fig.add_trace(
            go.Scatter(
                x=[v.start or v.date for v in visits],
                y=[row] * len(visits),
                mode="markers+text",
                text=[str(v.number) for v in visits],
                textfont={"color": "white", "size": 14},
                marker={
                    "size": 30,
                    "symbol": "circle" if kind == "session" else "diamond",
                    "color": [COLOURS["flagged"] if v.flags else COLOURS[kind] for v in visits],
                    "line": {"color": "white", "width": 1},
                },
                name=t(f"timeline.legend_{kind}", locale),
                hovertext=[
                    f"{visit_label(v, locale)}: {format_long_date(v.date, locale)}"
                    + (f" — {'; '.join(v.flags)}" if v.flags else "")
                    for v in visits
                ],
                hoverinfo="text",
                customdata=[v.key for v in visits],
            )
        )

    if plan.results:
        fig.add_trace(
            go.Scatter(
                x=[dt.datetime.combine(day, dt.time(12)) for day, _ in plan.results],
                y=[results_row] * len(plan.results),
                mode="markers",
                marker={"size": 22, "symbol": "star", "color": COLOURS["result"]},
                name=t("timeline.legend_result", locale),
                hovertext=[
                    f"{format_long_date(day, locale)}: {text}" for day, text in plan.results
                ],
                hoverinfo="text",
            )
        )

    categories = [*rows_visits, *aftercare_rows.values(), results_row]
    fig.update_layout(
        height=120 + 38 * len(categories),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font={"size": 14},
        dragmode="pan",
        hovermode="closest",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        plot_bgcolor="white",
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=list(reversed(categories)),
        fixedrange=True,
        showgrid=True,
        gridcolor="#eee",
    )
    fig.update_xaxes(
        type="date",
        range=_x_range(plan, view),
        showgrid=True,
        gridcolor="#eee",
        **_ticks(plan, locale, view),
    )
    return fig
