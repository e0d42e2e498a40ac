"""The session timeline of the summary PDF, drawn with fpdf2's vector primitives.

No browser, no image: circles for sessions, diamonds for boosters, triangles for the expected
results, on a date axis with month ticks. Labels that would collide are stacked, so a course of
weekly sessions stays readable next to a booster months later.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from mesocore.dates import format_day_month, month_name

TEAL = (0, 95, 115)
ORANGE = (200, 110, 20)
GREEN = (40, 130, 70)
GREY = (110, 110, 110)


def as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _months(first: date, last: date) -> list[date]:
    """The first day of every month after `first` up to `last`."""
    months: list[date] = []
    year, month = first.year, first.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day > last:
            return months
        months.append(day)


def _level(x: float, ends: list[float], width: float) -> int:
    """The first label row where a label of `width` centred at `x` does not overlap."""
    for row, end in enumerate(ends):
        if x - width / 2 > end + 1:
            ends[row] = x + width / 2
            return row
    ends.append(x + width / 2)
    return len(ends) - 1


def draw_timeline(
    pdf,
    visits: Sequence,
    results: Sequence[tuple[date, str]],
    *,
    locale: str,
    result_mark: Callable[[int], str],
    legend: tuple[str, str, str],
) -> None:
    """Draw the course at the current position, across the page width, and move below it.

    Dates and month names are in `locale`; `result_mark(n)` labels the n-th expected result
    ("R1" / "S1") as the list under the chart does."""
    days = [as_date(v.date) for v in visits] + [as_date(d) for d, _text in results]
    if not days:
        return
    x0, width, top = pdf.l_margin + 4, pdf.epw - 8, pdf.get_y()
    first, last = min(days), max(days)
    span = max((last - first).days, 1)

    def at(day: date) -> float:
        return x0 + width * (as_date(day) - first).days / span

    pdf.set_font(size=6.5)
    label_rows: list[float] = []
    rows = [
        _level(at(v.date), label_rows, pdf.get_string_width(format_day_month(v.date, locale)))
        for v in visits
    ]
    axis = top + 7 + 3 * len(label_rows)
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.4)
    pdf.line(x0 - 2, axis, x0 + width + 2, axis)
    pdf.set_line_width(0.2)
    pdf.set_font(size=6.5)
    pdf.set_text_color(*GREY)
    for month in _months(first, last):
        x = at(month)
        pdf.line(x, axis - 1.2, x, axis + 1.2)
        name = month_name(month.month, locale, short=True)
        label = f"{name} {month.year}" if month.month == 1 else name
        pdf.text(x - pdf.get_string_width(label) / 2, axis + 4.2, label)

    for visit, row in zip(visits, rows, strict=True):
        x = at(visit.date)
        label = format_day_month(visit.date, locale)
        pdf.set_font(size=6.5)
        pdf.set_text_color(60, 60, 60)
        pdf.text(x - pdf.get_string_width(label) / 2, axis - 4.2 - 3 * row, label)
        if visit.kind == "booster":
            pdf.set_fill_color(*ORANGE)
            pdf.set_draw_color(*ORANGE)
            r = 2.3
            pdf.polygon([(x, axis - r), (x + r, axis), (x, axis + r), (x - r, axis)], style="F")
        else:
            pdf.set_fill_color(*TEAL)
            pdf.circle(x, axis, 2.0, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_font(style="B", size=5.5)
        number = str(visit.number)
        pdf.text(x - pdf.get_string_width(number) / 2, axis + 0.9, number)

    pdf.set_fill_color(*GREEN)
    pdf.set_text_color(*GREEN)
    pdf.set_font(size=6)
    for index, (day, _text) in enumerate(results, start=1):
        x = at(day)
        pdf.polygon([(x, axis + 6), (x - 1.6, axis + 8.6), (x + 1.6, axis + 8.6)], style="F")
        mark = result_mark(index)
        pdf.text(x - pdf.get_string_width(mark) / 2, axis + 11.4, mark)

    legend_y = axis + 16
    pdf.set_font(size=7)
    pdf.set_text_color(60, 60, 60)
    x = x0
    pdf.set_fill_color(*TEAL)
    pdf.circle(x + 1.5, legend_y - 1, 1.5, style="F")
    pdf.text(x + 4, legend_y, legend[0])
    x += 8 + pdf.get_string_width(legend[0])
    pdf.set_fill_color(*ORANGE)
    pdf.polygon(
        [
            (x + 1.5, legend_y - 2.7),
            (x + 3.2, legend_y - 1),
            (x + 1.5, legend_y + 0.7),
            (x - 0.2, legend_y - 1),
        ],
        style="F",
    )
    pdf.text(x + 5, legend_y, legend[1])
    x += 9 + pdf.get_string_width(legend[1])
    if results:
        pdf.set_fill_color(*GREEN)
        pdf.polygon([(x + 1.5, legend_y - 2.6), (x, legend_y), (x + 3, legend_y)], style="F")
        pdf.text(x + 5, legend_y, legend[2])
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_y(legend_y + 4)
