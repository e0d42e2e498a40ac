"""When the clinic is open: not on its closed weekdays, not on a public holiday of its country
(the `holidays` package: Turkey's national and religious holidays, and those of any other
country the clinic is in), not on the clinic's own closed dates (content/clinic.toml).

The planner moves visits off closed days and the Timeline refuses a move onto one, saying why
("29 October 2026 is a public holiday: Republic Day"). `holidays` is imported on first use,
so `import mesocore` stays light.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from mesocore.catalog import ClinicSettings
from mesocore.dates import format_date, weekday_name
from mesocore.i18n import t

# Our locales -> the holiday names' language in the `holidays` package.
HOLIDAY_LANGUAGES = {"en": "en_US", "tr": "tr"}


@lru_cache(maxsize=64)
def public_holidays(
    country: str, subdivision: str | None, year: int, locale: str = "en"
) -> dict[dt.date, str]:
    """The public holidays of `country` in `year`, named in `locale` where the package can
    (content, not patient data: safe to keep for the process)."""
    import holidays

    cls = holidays.country_holidays(country, subdiv=subdivision)
    supported = getattr(cls, "supported_languages", ()) or ()
    language = HOLIDAY_LANGUAGES.get(locale)
    found = holidays.country_holidays(
        country,
        subdiv=subdivision,
        years=year,
        language=language if language in supported else None,
    )
    return dict(found.items())


@dataclass(frozen=True)
class Opening:
    """The days the clinic sees patients."""

    closed_weekdays: tuple[int, ...] = ()
    country: str | None = None
    subdivision: str | None = None
    closed_dates: tuple[str, ...] = ()

    @classmethod
    def of(cls, clinic: ClinicSettings) -> Opening:
        return cls(
            closed_weekdays=tuple(clinic.closed_weekdays),
            country=clinic.holiday_country or None,
            subdivision=clinic.holiday_subdivision or None,
            closed_dates=tuple(clinic.closed_dates),
        )

    @classmethod
    def from_weekdays(cls, closed: tuple[int, ...] | Opening) -> Opening:
        """Accept the older form, a tuple of closed weekdays, where an Opening is expected."""
        return closed if isinstance(closed, Opening) else cls(closed_weekdays=tuple(closed))

    def holiday(self, day: dt.date, locale: str = "en") -> str | None:
        if not self.country:
            return None
        return public_holidays(self.country, self.subdivision, day.year, locale).get(day)

    def clinic_closed(self, day: dt.date) -> bool:
        return day.isoformat() in self.closed_dates or day.isoformat()[5:] in self.closed_dates

    def is_open(self, day: dt.date) -> bool:
        return (
            day.weekday() not in self.closed_weekdays
            and not self.clinic_closed(day)
            and self.holiday(day) is None
        )

    def closed_reason(self, day: dt.date, locale: str = "en") -> str | None:
        """Why the clinic is closed on `day`, in words; None when it is open."""
        if day.weekday() in self.closed_weekdays:
            return t("timeline.flag_closed", locale, weekday=weekday_name(day.weekday(), locale))
        holiday = self.holiday(day, locale)
        if holiday is not None:
            return t(
                "timeline.flag_holiday", locale, date=format_date(day, locale), holiday=holiday
            )
        if self.clinic_closed(day):
            return t("timeline.flag_clinic_closed", locale, date=format_date(day, locale))
        return None
