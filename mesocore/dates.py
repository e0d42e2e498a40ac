"""Dates for people, in the consultation's language: "Sunday 12 April 2026", "12 Nisan 2026 Pazar".

Month and weekday names and the order of the parts come from ``content/i18n/<locale>.toml``
(section ``[date]``), never from the operating system's locale (``locale.setlocale`` is
process-wide, differs between servers and is not thread-safe under Streamlit). A new language
is new texts, not code. Machine-readable dates (files, calendars, JSON) stay ISO 8601.
"""

from __future__ import annotations

import datetime as dt

from mesocore.i18n import t


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def month_name(month: int, locale: str, *, short: bool = False) -> str:
    """``month_name(2, "tr") == "Şubat"``; short: ``"Şub"`` (1 = January)."""
    return t(f"date.month_{'short_' if short else ''}{month}", locale)


def weekday_name(weekday: int, locale: str) -> str:
    """``weekday_name(0, "tr") == "Pazartesi"`` (0 = Monday, as ``date.weekday()``)."""
    return t(f"date.weekday_{weekday}", locale)


def _parts(day: dt.date, locale: str) -> dict[str, object]:
    return {
        "day": day.day,
        "month": month_name(day.month, locale),
        "month_short": month_name(day.month, locale, short=True),
        "year": day.year,
        "weekday": weekday_name(day.weekday(), locale),
    }


def format_date(value: dt.date | dt.datetime, locale: str) -> str:
    """``12 April 2026`` / ``12 Nisan 2026``."""
    return t("date.medium", locale, **_parts(_day(value), locale))


def format_long_date(value: dt.date | dt.datetime, locale: str) -> str:
    """With the weekday: ``Sunday 12 April 2026`` / ``12 Nisan 2026 Pazar``."""
    return t("date.long", locale, **_parts(_day(value), locale))


def format_day_month(value: dt.date | dt.datetime, locale: str) -> str:
    """Short, for chart labels: ``12 Apr`` / ``12 Nis``."""
    return t("date.day_month", locale, **_parts(_day(value), locale))


def format_moment(value: dt.datetime, locale: str) -> str:
    """A date and time of day: ``12 April 2026, 10:30`` / ``12 Nisan 2026 10:30``."""
    return t("date.moment", locale, date=format_date(value, locale), time=f"{value:%H:%M}")
