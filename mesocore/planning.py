"""Session planning: the dated course, boosters and aftercare, from the catalog's protocols.

Each treatment's course has the doctor's chosen number of sessions and interval
(``Treatment.sessions``, ``Treatment.interval_days``), else its protocol's defaults. Treatments
that allow a common interval (their interval and booster ranges intersect; a chosen interval is a
range of one) share visits: one series of visits at one interval inside every range, each
treatment taking part in as many visits as its own session count. Treatments that cannot share
get their own series. Closed clinic days (closed weekdays, public holidays of the clinic's
country, its own closed dates: mesocore.opening) are avoided by moving forward to the next open
day (or back, when forward would stretch the interval beyond the protocol's maximum and back
keeps the minimum).

The doctor can move a visit (``Consultation.visit_dates``); later visits are re-planned from it.
A move that cannot be a real appointment (in the past, before the start date, on a closed day, not
after the previous visit) is refused by :func:`move_visit`; one the doctor may decide on (an
interval outside the protocol's range) is kept and flagged on the visit, in words.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from mesocore.catalog import AftercareRule, Catalog, Protocol, get_catalog
from mesocore.dates import format_date
from mesocore.i18n import t
from mesocore.models import Consultation, Treatment
from mesocore.opening import Opening
from mesocore.treatments import protocol_id

if TYPE_CHECKING:
    from mesocore.screening import ScreeningResult

SESSION_MINUTES_CAP = 120
"""A shared visit never books more than this, however many areas it treats."""


class AftercareMilestone(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule: str
    text: str
    until: dt.datetime | None = None
    """End of the window after that visit; None for course-wide / around-session rules."""
    short: str = ""
    timing: Literal["after_session", "course", "around_session"] = "after_session"


def milestone(rule: AftercareRule, locale: str, until: dt.datetime | None = None):
    """An aftercare rule in the patient's language, ending at `until` (None: no fixed end)."""
    return AftercareMilestone(
        rule=rule.id,
        text=rule.text(locale),
        short=rule.short(locale) if rule.short else rule.id,
        timing=rule.timing,
        until=until,
    )


class Visit(BaseModel):
    date: dt.date
    kind: Literal["session", "booster"]
    number: int
    areas: list[str]
    cocktails: list[str]
    cream_minutes: int
    session_minutes: int
    aftercare: list[AftercareMilestone]
    flags: list[str] = []
    key: str = ""
    """Stable id of the visit in the plan (``session-2``, ``booster-1``, ``s2-session-1``)."""
    series: int = 1
    start: dt.datetime | None = None
    """Appointment time: the anaesthetic cream is applied on arrival, then the session."""
    moved: bool = False

    @property
    def end(self) -> dt.datetime:
        start = self.start or dt.datetime.combine(self.date, dt.time(0, 0))
        return start + dt.timedelta(minutes=self.cream_minutes + self.session_minutes)


class Plan(BaseModel):
    visits: list[Visit]
    aftercare: list[AftercareMilestone]
    results: list[tuple[dt.date, str]]
    blocked_reason: str | None = None

    def to_json(self) -> dict:
        """The CLI's ``plan --json`` shape (DESIGN.md), with a few more fields per visit."""
        return {
            "visits": [
                {
                    "date": visit.date.isoformat(),
                    "kind": visit.kind,
                    "number": visit.number,
                    "areas": list(visit.areas),
                    "cocktails": list(visit.cocktails),
                    "key": visit.key,
                    "time": visit.start.strftime("%H:%M") if visit.start else None,
                    "cream_minutes": visit.cream_minutes,
                    "session_minutes": visit.session_minutes,
                    "aftercare": [
                        {"rule": m.rule, "until": m.until.isoformat(timespec="minutes")}
                        for m in visit.aftercare
                        if m.until is not None
                    ],
                    "flags": list(visit.flags),
                }
                for visit in self.visits
            ],
            "aftercare": [
                {"rule": m.rule, "timing": m.timing, "text": m.text} for m in self.aftercare
            ],
            "results": [{"date": day.isoformat(), "text": text} for day, text in self.results],
            "blocked_reason": self.blocked_reason,
        }

    def visit(self, key: str) -> Visit | None:
        return next((v for v in self.visits if v.key == key), None)

    def planned(self, key: str) -> Visit:
        """The visit under `key`, which must be one of this plan's (KeyError otherwise)."""
        found = self.visit(key)
        if found is None:
            raise KeyError(key)
        return found


# --- dates ---------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it is shorter (31 Aug -> 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


Closed = tuple[int, ...] | Opening
"""The clinic's closed days: an Opening (weekdays, public holidays, its own dates), or, as
before, just the closed weekdays."""


def is_open(day: dt.date, closed: Closed) -> bool:
    return Opening.from_weekdays(closed).is_open(day)


def open_on_or_after(day: dt.date, closed: Closed) -> dt.date:
    while not is_open(day, closed):
        day += dt.timedelta(days=1)
    return day


def open_on_or_before(day: dt.date, closed: Closed) -> dt.date:
    while not is_open(day, closed):
        day -= dt.timedelta(days=1)
    return day


def next_session_date(
    previous: dt.date, interval: int, allowed: tuple[int, int], closed: Closed
) -> dt.date:
    """`interval` days after `previous`, on an open day: forward while the gap stays within the
    protocol's maximum, else back while it keeps the minimum, else forward anyway."""
    target = previous + dt.timedelta(days=interval)
    forward = open_on_or_after(target, closed)
    if (forward - previous).days <= allowed[1]:
        return forward
    back = open_on_or_before(target, closed)
    if (back - previous).days >= allowed[0]:
        return back
    return forward


# --- grouping treatments into visit series --------------------------------------------------


@dataclass(frozen=True)
class _Course:
    """One treatment's course: its protocol and the doctor's choices, else the defaults."""

    treatment: Treatment
    protocol: Protocol

    @property
    def sessions(self) -> int:
        return self.treatment.sessions or self.protocol.default_sessions

    @property
    def interval_range(self) -> tuple[int, int]:
        """The interval this course may be given: the doctor's, else the protocol's range."""
        chosen = self.treatment.interval_days
        return (chosen, chosen) if chosen else self.protocol.interval_days


@dataclass
class _Series:
    index: int
    courses: list[_Course] = field(default_factory=list)

    @property
    def protocols(self) -> list[Protocol]:
        return list({c.protocol.id: c.protocol for c in self.courses}.values())

    def _common(self, ranges: list[tuple[int, int]]) -> tuple[int, int]:
        return max(r[0] for r in ranges), min(r[1] for r in ranges)

    @property
    def interval_range(self) -> tuple[int, int]:
        """The intervals every protocol of the series allows (moves outside it are flagged)."""
        return self._common([p.interval_days for p in self.protocols])

    @property
    def chosen_range(self) -> tuple[int, int]:
        """The intervals left once the doctor's chosen intervals are kept."""
        return self._common([c.interval_range for c in self.courses])

    @property
    def booster_range(self) -> tuple[int, int]:
        return self._common([p.booster_months for p in self.protocols])

    @property
    def interval(self) -> int:
        """The doctor's chosen interval; else the longest of the protocols' default intervals,
        brought into the common range: the skin gets the recovery time every protocol asks for."""
        low, high = self.chosen_range
        return max(min(max(p.default_interval_days, low), high) for p in self.protocols)

    @property
    def booster_months(self) -> int:
        """The earliest of the default booster times, within the common range: the effect of
        every treatment is kept up."""
        low, high = self.booster_range
        return min(min(max(p.default_booster_months, low), high) for p in self.protocols)

    @property
    def sessions(self) -> int:
        return max(c.sessions for c in self.courses)

    def sessions_of(self, protocol: Protocol) -> int:
        return max(c.sessions for c in self.courses if c.protocol.id == protocol.id)

    def taking_part(self, kind: str, number: int) -> list[_Course]:
        """Every course comes to the boosters; to session `number` those that long."""
        return [c for c in self.courses if kind == "booster" or number <= c.sessions]

    def fits(self, course: _Course) -> bool:
        trial = _Series(self.index, [*self.courses, course])
        low, high = trial.chosen_range
        blow, bhigh = trial.booster_range
        return low <= high and blow <= bhigh

    def key(self, kind: str, number: int) -> str:
        prefix = "" if self.index == 1 else f"s{self.index}-"
        return f"{prefix}{kind}-{number}"


def group_treatments(treatments: list[Treatment], catalog: Catalog) -> list[_Series]:
    """Series of shared visits, in the order the treatments were chosen: a treatment joins the
    first series whose interval (the doctor's chosen one, else the protocols' ranges) and
    booster time it can share."""
    series: list[_Series] = []
    for treatment in treatments:
        course = _Course(treatment, catalog.protocols[protocol_id(treatment.cocktail, catalog)])
        home = next((s for s in series if s.fits(course)), None)
        if home is None:
            home = _Series(len(series) + 1)
            series.append(home)
        home.courses.append(course)
    return series


@dataclass(frozen=True)
class TreatmentCourse:
    """How one treatment's course is planned: what the Timeline's course controls show."""

    area: str
    cocktail: str
    protocol: Protocol
    sessions: int
    """The doctor's number of sessions, else the protocol's default."""
    interval_days: int
    """The interval its visits are planned at (shared visits: the series' interval)."""
    series: int


def treatment_courses(
    treatments: list[Treatment], catalog: Catalog | None = None
) -> list[TreatmentCourse]:
    """Each treatment's planned sessions and interval, in the order of `treatments`."""
    catalog = catalog or get_catalog()
    planned = {}
    for series in group_treatments(treatments, catalog):
        for course in series.courses:
            planned[course.treatment.area] = TreatmentCourse(
                area=course.treatment.area,
                cocktail=course.treatment.cocktail,
                protocol=course.protocol,
                sessions=course.sessions,
                interval_days=series.interval,
                series=series.index,
            )
    return [planned[tr.area] for tr in treatments]


def visit_layout(treatments: list[Treatment], catalog: Catalog | None = None) -> tuple:
    """What the visit keys (``session-2``, ``s2-booster-1``) stand for: each series' areas with
    their protocols and sessions, its interval and its booster time."""
    catalog = catalog or get_catalog()
    return tuple(
        (
            tuple((c.treatment.area, c.protocol.id, c.sessions) for c in series.courses),
            series.interval,
            series.booster_months,
        )
        for series in group_treatments(treatments, catalog)
    )


def moves_still_apply(
    before: list[Treatment], after: list[Treatment], catalog: Catalog | None = None
) -> bool:
    """Whether visits moved on the Timeline still mean the same visits once the treatments go
    from `before` to `after`. A moved date is kept under its visit key: when an area or a
    cocktail changes the series, the key names another treatment's visit (removing the face made
    the face's moved session 2 the neck's), so such a change re-plans from the start date, as a
    course change and a Compare choice do."""
    return visit_layout(before, catalog) == visit_layout(after, catalog)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


# --- the plan ------------------------------------------------------------------------------


def _blocked(
    consultation: Consultation, catalog: Catalog, result: ScreeningResult | None
) -> str | None:
    """Why there is no plan: the patient is ruled out (the verdict), a planned treatment must
    not be given (only the plan is at fault: choose another cocktail), or nothing to plan."""
    from mesocore.screening import screen

    locale = consultation.locale
    result = result or screen(consultation, catalog)
    if result.ruled_out:
        return t(f"timeline.blocked_{result.patient_status}", locale)
    if result.plan_problems:
        problems = " ".join(problem.message for problem in result.plan_problems)
        return t("timeline.blocked_plan", locale, problems=problems)
    if not consultation.treatments:
        return t("timeline.blocked_no_treatments", locale)
    if consultation.start_date is None:
        return t("timeline.blocked_no_start_date", locale)
    return None


def visit_label(visit: Visit, locale: str) -> str:
    label = t(f"timeline.{visit.kind}_label", locale, number=visit.number)
    if visit.series > 1:
        label += " " + t("timeline.series_suffix", locale, series=visit.series)
    return label


def _flags(
    day: dt.date,
    kind: str,
    previous: Visit | None,
    series: _Series,
    start: dt.date,
    closed: Opening,
    locale: str,
) -> list[str]:
    """Why a moved date breaks the protocol, in words (empty when it keeps to it)."""
    flags = []
    if day < start:
        flags.append(t("timeline.flag_before_start", locale, start=format_date(start, locale)))
    reason = closed.closed_reason(day, locale)
    if reason:
        flags.append(reason)
    if previous is None:
        return flags
    what = visit_label(previous, locale)
    gap = (day - previous.date).days
    if gap <= 0:
        flags.append(
            t(
                "timeline.flag_not_after",
                locale,
                visit=what,
                date=format_date(previous.date, locale),
            )
        )
    elif kind == "session":
        low, high = series.interval_range
        if gap < low:
            flags.append(t("timeline.flag_too_soon", locale, days=gap, visit=what, minimum=low))
        elif gap > high:
            flags.append(t("timeline.flag_too_late", locale, days=gap, visit=what, maximum=high))
    else:
        low, high = series.booster_range
        if day < add_months(previous.date, low):
            flags.append(t("timeline.flag_booster_soon", locale, months=low, visit=what))
        elif day > add_months(previous.date, high):
            flags.append(t("timeline.flag_booster_late", locale, months=high, visit=what))
    return flags


def _visit(
    series: _Series,
    kind: Literal["session", "booster"],
    number: int,
    day: dt.date,
    at: dt.time,
    catalog: Catalog,
    locale: str,
) -> Visit:
    courses = series.taking_part(kind, number)
    taking_part = [c.protocol for c in courses]
    treatments = [c.treatment for c in courses]
    areas = _unique([tr.area for tr in treatments])
    midpoints = sum(sum(catalog.areas[a].session_minutes) / 2 for a in areas)
    shortest = max(p.session_minutes[0] for p in taking_part)
    session_minutes = min(max(5 * math.ceil(midpoints / 5), shortest), SESSION_MINUTES_CAP)
    cream = max(p.anaesthetic_cream_minutes[1] for p in taking_part)
    start = dt.datetime.combine(day, at)
    end = start + dt.timedelta(minutes=cream + session_minutes)
    aftercare = [
        milestone(rule, locale, end + dt.timedelta(hours=rule.hours) if rule.hours else None)
        for rule in catalog.aftercare.values()
        if rule.timing in ("after_session", "around_session")
    ]
    return Visit(
        date=day,
        kind=kind,
        number=number,
        areas=areas,
        cocktails=_unique([tr.cocktail for tr in treatments]),
        cream_minutes=cream,
        session_minutes=session_minutes,
        aftercare=aftercare,
        key=series.key(kind, number),
        series=series.index,
        start=start,
    )


def _plan_series(
    series: _Series, consultation: Consultation, catalog: Catalog, split: set[str]
) -> tuple[list[Visit], list[tuple[dt.date, str]]]:
    """The visits of one series, and when its results are expected (`split`: protocols that
    run in several series, whose results name the series)."""
    locale = consultation.locale
    clinic = catalog.clinic
    closed = Opening.of(clinic)
    start = consultation.start_date
    assert start is not None
    at = consultation.visit_time or clinic.appointment_time
    moved = consultation.visit_dates
    visits: list[Visit] = []
    plan: list[tuple[Literal["session", "booster"], int]] = [
        ("session", n) for n in range(1, series.sessions + 1)
    ]
    plan += [("booster", n) for n in range(1, clinic.planned_boosters + 1)]
    for kind, number in plan:
        previous = visits[-1] if visits else None
        key = series.key(kind, number)
        if key in moved:
            day = moved[key]
        elif previous is None:
            day = open_on_or_after(start, closed)
        elif kind == "session":
            day = next_session_date(previous.date, series.interval, series.interval_range, closed)
        else:
            day = open_on_or_after(add_months(previous.date, series.booster_months), closed)
        visit = _visit(series, kind, number, day, at, catalog, locale)
        if key in moved:
            flags = _flags(day, kind, previous, series, start, closed, locale)
            visit = visit.model_copy(update={"moved": True, "flags": flags})
        elif day < start:  # re-planned from a visit moved before the start (only a file can)
            before = t("timeline.flag_before_start", locale, start=format_date(start, locale))
            visit = visit.model_copy(update={"flags": [before]})
        visits.append(visit)
    results = []
    sessions = [v for v in visits if v.kind == "session"]
    for protocol in series.protocols:
        name = f" ({protocol.name(locale)})" if len(series.protocols) > 1 else ""
        if protocol.id in split and series.index > 1:
            name += " " + t("timeline.series_suffix", locale, series=series.index)
        count = series.sessions_of(protocol)
        for milestone in protocol.milestones:
            number = min(milestone.after_session, count)
            results.append((sessions[number - 1].date, milestone.text(locale) + name))
        if not protocol.milestones:
            results.append((sessions[count - 1].date, protocol.results(locale) + name))
    return visits, results


def plan_course(
    consultation: Consultation,
    catalog: Catalog | None = None,
    result: ScreeningResult | None = None,
) -> Plan:
    """The dated course for the chosen treatments, from the consultation's start date.

    No plan (``blocked_reason`` says why) for a patient who is not eligible or deferred, while
    a planned treatment must not be given, or without treatments or start date. An incomplete
    screening still gets a plan (the page warns). `result` is the consultation's verdict
    (mesocore.screening), computed once per run by the caller.
    """
    catalog = catalog or get_catalog()
    locale = consultation.locale
    course_wide = [
        milestone(rule, locale)
        for rule in catalog.aftercare.values()
        if rule.timing in ("course", "around_session")
    ]
    reason = _blocked(consultation, catalog, result)
    if reason is not None:
        return Plan(visits=[], aftercare=[], results=[], blocked_reason=reason)
    visits: list[Visit] = []
    results: list[tuple[dt.date, str]] = []
    all_series = group_treatments(consultation.treatments, catalog)
    seen = [p.id for series in all_series for p in series.protocols]
    split = {p for p in seen if seen.count(p) > 1}
    for series in all_series:
        series_visits, series_results = _plan_series(series, consultation, catalog, split)
        visits += series_visits
        results += series_results
    order = {"session": 0, "booster": 1}
    visits.sort(key=lambda v: (v.date, v.series, order[v.kind], v.number))
    results = sorted(dict.fromkeys(results), key=lambda item: item[0])
    return Plan(visits=visits, aftercare=course_wide, results=results)


# --- doctor's edits ------------------------------------------------------------------------


class MoveResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    visit_dates: dict[str, dt.date]
    """The consultation's moved visits after this move (unchanged when refused)."""
    refused: str | None = None
    flags: list[str] = []
    """Protocol warnings on the moved visit, when the move is kept."""


def check_start_date(day: dt.date | None, today: dt.date, locale: str = "en") -> str | None:
    """Why a course cannot start on `day`, or None."""
    if day is not None and day < today:
        return t("timeline.refuse_past", locale, today=format_date(today, locale))
    return None


def move_visit(
    consultation: Consultation,
    key: str,
    day: dt.date,
    *,
    today: dt.date | None = None,
    catalog: Catalog | None = None,
    result: ScreeningResult | None = None,
) -> MoveResult:
    """Move one visit to `day` and re-plan the later visits of its series from it.

    Refused (with the reason) when `day` cannot be an appointment: in the past, before the
    course starts, on a closed day, or not after the previous visit. Kept but flagged when the
    interval leaves the protocol's range: the doctor decides.
    """
    catalog = catalog or get_catalog()
    today = today or dt.date.today()
    locale = consultation.locale
    current = dict(consultation.visit_dates)

    def refuse(message: str) -> MoveResult:
        return MoveResult(visit_dates=current, refused=message)

    from mesocore.screening import screen

    result = result or screen(consultation, catalog)  # moving a visit leaves it as it is
    plan = plan_course(consultation, catalog, result)
    if plan.blocked_reason:
        return refuse(plan.blocked_reason)
    visit = plan.visit(key)
    if visit is None:
        return refuse(t("timeline.refuse_unknown", locale, visit=key))
    start = consultation.start_date
    assert start is not None
    if day < today:
        return refuse(t("timeline.refuse_past", locale, today=format_date(today, locale)))
    if day < start:
        return refuse(t("timeline.flag_before_start", locale, start=format_date(start, locale)))
    reason = Opening.of(catalog.clinic).closed_reason(day, locale)
    if reason:
        return refuse(reason)
    series = [v for v in plan.visits if v.series == visit.series]
    order = sorted(series, key=lambda v: (v.kind != "session", v.number))
    position = order.index(visit)
    if position > 0:
        previous = order[position - 1]
        if day <= previous.date:
            what = visit_label(previous, locale)
            return refuse(
                t(
                    "timeline.flag_not_after",
                    locale,
                    visit=what,
                    date=format_date(previous.date, locale),
                )
            )
    later = {v.key for v in order[position + 1 :]}
    moved = {k: v for k, v in current.items() if k not in later}
    moved[key] = day
    replanned = plan_course(consultation.model_copy(update={"visit_dates": moved}), catalog, result)
    found = replanned.visit(key)
    flags = found.flags if found else []
    return MoveResult(visit_dates=moved, flags=flags)
