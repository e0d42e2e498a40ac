"""The session plan as an RFC 5545 calendar (one event per visit, with reminders).

The calendar leaves the clinic (the patient's phone, a cloud calendar), so it carries only
practical information: when, where, how long, what to do before and after. Never the patient's
name, diagnosis, medical history or screening findings. Event UIDs come from the consultation's
random ``calendar_id``, so importing an updated plan replaces the events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from mesocore.catalog import Catalog, get_catalog
from mesocore.i18n import t
from mesocore.models import Consultation
from mesocore.planning import Plan, Visit, plan_course

REMINDERS = (dt.timedelta(days=-1), dt.timedelta(hours=-2))
PRODID = "-//MesoConsult//Session plan//EN"


class NoPlanError(ValueError):
    """There is no plan to export; the message says why (not eligible, no start date, …)."""


def ics_filename(consultation: Consultation) -> str:
    """A download name without patient data: ``plan-<consultation id>.ics``."""
    return f"plan-{consultation.id or 'consultation'}.ics"


def _description(visit: Visit, catalog: Catalog, locale: str) -> str:
    lines = []
    if visit.cream_minutes:
        lines.append(
            t(
                "timeline.ics_arrive",
                locale,
                minutes=visit.cream_minutes,
                session=visit.session_minutes,
            )
        )
    else:
        lines.append(t("timeline.ics_no_cream", locale, session=visit.session_minutes))
    areas = ", ".join(catalog.areas[a].name(locale) for a in visit.areas)
    lines.append(t("timeline.ics_areas", locale, areas=areas))
    around = [m for m in visit.aftercare if m.timing == "around_session"]
    after = [m for m in visit.aftercare if m.until is not None]
    if around:
        lines += ["", t("timeline.ics_before", locale), *(f"- {m.text}" for m in around)]
    if after:
        lines += ["", t("timeline.ics_after", locale), *(f"- {m.text}" for m in after)]
    lines += ["", t("timeline.ics_phone", locale, phone=catalog.clinic.phone)]
    return "\n".join(lines)


def plan_to_ics(
    consultation: Consultation, plan: Plan | None = None, catalog: Catalog | None = None
) -> bytes:
    """The calendar file for the consultation's plan. Raises NoPlanError when there is none."""
    from icalendar import Alarm, Calendar, Event

    catalog = catalog or get_catalog()
    plan = plan or plan_course(consultation, catalog)
    if plan.blocked_reason:
        raise NoPlanError(plan.blocked_reason)
    locale = consultation.locale
    clinic = catalog.clinic
    zone = ZoneInfo(clinic.timezone)
    calendar = Calendar.new(prodid=PRODID, name=clinic.name, uid=consultation.calendar_id)
    for visit in plan.visits:
        start = (visit.start or dt.datetime.combine(visit.date, clinic.appointment_time)).replace(
            tzinfo=zone
        )
        summary = t(f"timeline.ics_summary_{visit.kind}", locale, number=visit.number)
        if visit.series > 1:
            summary += " " + t("timeline.series_suffix", locale, series=visit.series)
        summary += f" — {clinic.name}"
        alarms = [
            Alarm.new_display(
                description=t(
                    "timeline.ics_reminder_day"
                    if trigger <= -dt.timedelta(days=1)
                    else "timeline.ics_reminder_hours",
                    locale,
                    summary=summary,
                ),
                trigger=trigger,
            )
            for trigger in REMINDERS
        ]
        event = Event.new(
            uid=f"{consultation.calendar_id}-{visit.key}@mesoconsult",
            summary=summary,
            start=start,
            end=start + dt.timedelta(minutes=visit.cream_minutes + visit.session_minutes),
            location=clinic.address,
            description=_description(visit, catalog, locale),
            subcomponents=alarms,
        )
        calendar.add_component(event)
    if plan.visits:  # the time zone's rules for the plan's span only (keeps the file small)
        calendar.add_missing_timezones(
            first_date=plan.visits[0].date - dt.timedelta(days=1),
            last_date=plan.visits[-1].date + dt.timedelta(days=2),
        )
    return calendar.to_ical()
