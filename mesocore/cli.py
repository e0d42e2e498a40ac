"""The command line: ``python -m mesocore <command>``.

A bad consultation file gets one line naming the field on standard error and exit status 2,
never a traceback. Heavy libraries (fpdf, icalendar) are imported only by the commands that need
them, so ``screen`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from mesocore.models import Consultation, consultation_schema, describe_error

EXIT_BAD_INPUT = 2
DESCRIPTION = "MesoConsult's command line: screen, plan, export and inspect consultation files."
"""Not ``__doc__``: ``python -OO`` strips docstrings, and the parser once failed on it."""


class BadInputError(Exception):
    """An input the user must fix; its message is one line naming the problem."""


def load_consultation(path: str | Path) -> Consultation:
    """Read and validate a consultation file; BadInputError names the file and the field."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputError(f"{path}: cannot read the file ({exc.__class__.__name__})") from None
    try:
        return Consultation.model_validate_json(text)
    except ValidationError as exc:
        raise BadInputError(f"{path}: {describe_error(exc)}") from None


def _schema(_args: argparse.Namespace) -> None:
    print(json.dumps(consultation_schema(), indent=2, ensure_ascii=False))


def _screen(args: argparse.Namespace) -> None:
    from mesocore.i18n import t
    from mesocore.screening import screen

    consultation = load_consultation(args.file)
    result = screen(consultation)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return
    locale = consultation.locale
    print(f"{t('screening.status_label', locale)}: {t(f'outcome.{result.status}', locale)}")
    for finding in result.findings:
        print(f"- [{finding.severity}] {finding.rule}: {finding.message}")
        print(f"  {t('screening.advice_label', locale)}: {finding.advice}")
        print(f"  {t('screening.sources_label', locale)}: {', '.join(finding.sources)}")
    for item in result.not_applicable:
        print(f"- {item.rule}: {item.reason}")


def _plan(args: argparse.Namespace) -> None:
    from mesocore.catalog import get_catalog
    from mesocore.dates import format_date
    from mesocore.i18n import t
    from mesocore.planning import plan_course, visit_label
    from mesocore.treatments import cocktail_name

    consultation = load_consultation(args.file)
    catalog = get_catalog()
    plan = plan_course(consultation, catalog)
    if args.json:
        print(json.dumps(plan.to_json(), ensure_ascii=False))
        return
    if plan.blocked_reason:
        print(plan.blocked_reason)
        return
    locale = consultation.locale
    for visit in plan.visits:
        when = format_date(visit.date, locale)
        when = f"{when} {visit.start:%H:%M}" if visit.start else when
        areas = ", ".join(catalog.areas[a].name(locale) for a in visit.areas)
        cocktails = ", ".join(cocktail_name(c, catalog, locale) for c in visit.cocktails)
        print(
            f"{when}  {visit_label(visit, locale)}: {areas} ({cocktails}); "
            f"{t('timeline.col_cream', locale)} {visit.cream_minutes}, "
            f"{t('timeline.col_session', locale)} {visit.session_minutes}"
        )
        for flag in visit.flags:
            print(f"  ! {flag}")
    print(f"{t('timeline.results_title', locale)}:")
    for day, text in plan.results:
        print(f"- {format_date(day, locale)}: {text}")
    print(f"{t('timeline.aftercare_title', locale)}:")
    for rule in {m.rule: m for v in plan.visits for m in v.aftercare}.values():
        print(f"- {rule.text}")
    for rule in plan.aftercare:
        if rule.timing == "course":
            print(f"- {rule.text}")


def _ics(args: argparse.Namespace) -> None:
    from mesocore.render.ics import NoPlanError, plan_to_ics

    consultation = load_consultation(args.file)
    try:
        data = plan_to_ics(consultation)
    except NoPlanError as exc:
        raise BadInputError(f"{args.file}: {exc}") from None
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        raise BadInputError(f"{args.output}: cannot write ({exc.__class__.__name__})") from None


def _pdf(args: argparse.Namespace) -> None:
    from mesocore.consent import final_export_problem
    from mesocore.render.pdf import PLACEHOLDER, describe_characters, render_summary

    consultation = load_consultation(args.file)
    if not args.draft:
        problem = final_export_problem(consultation)
        if problem:
            raise BadInputError(
                f"{args.file}: the final summary cannot be issued yet: {problem} "
                "(--draft exports a draft)"
            )
    summary = render_summary(consultation, draft=args.draft)
    try:
        Path(args.output).write_bytes(summary.data)
    except OSError as exc:
        raise BadInputError(f"{args.output}: cannot write the file ({exc.strerror})") from None
    if summary.replaced:
        chars = describe_characters(summary.replaced)
        print(f"warning: the font lacks {chars}; shown as {PLACEHOLDER}", file=sys.stderr)


def _db(args: argparse.Namespace) -> None:
    """The configured database's schema: `upgrade` moves it to this code's newest revision (as
    the app does on start), `status` only says where it is. The URL's password is never shown."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from mesocore import schema
    from mesocore.database import configured_url, failure_kind, make_engine
    from mesocore.store import Store, StoreError

    url = configured_url()
    shown = make_url(url).render_as_string(hide_password=True)
    try:
        if args.action == "upgrade":
            before, after = Store(url).schema_upgraded
        else:
            engine = make_engine(url)
            with engine.connect() as connection:
                before = schema.current(connection)
            after = ", ".join(before)  # status changes nothing
            schema.check(engine)
    except schema.SchemaError as exc:
        raise BadInputError(f"{shown}: {exc}") from None
    except (SQLAlchemyError, OSError, StoreError) as exc:
        raise BadInputError(f"{shown}: the database cannot be used ({failure_kind(exc)})") from None
    head = schema.head()
    if args.action == "status":
        state = "up to date" if before == (head,) else f"to be upgraded to {head}"
        print(f"{shown}: revision {', '.join(before) or 'none'} ({state})")
    elif before == (after,):
        print(f"{shown}: revision {after}, up to date")
    else:
        print(f"{shown}: upgraded from revision {', '.join(before) or 'none'} to {after}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mesocore", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("schema", help="print the JSON Schema of the consultation file")
    screen = commands.add_parser("screen", help="screening outcome and findings")
    screen.add_argument("file")
    screen.add_argument("--json", action="store_true", help="one JSON object on standard output")
    plan = commands.add_parser("plan", help="dated sessions, boosters, aftercare milestones")
    plan.add_argument("file")
    plan.add_argument("--json", action="store_true", help="one JSON object on standard output")
    ics = commands.add_parser("ics", help="the session plan as a calendar (.ics)")
    ics.add_argument("file")
    ics.add_argument("-o", "--output", required=True, help="the .ics file to write")
    pdf = commands.add_parser("pdf", help="the treatment summary PDF")
    pdf.add_argument("file")
    pdf.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    pdf.add_argument("--draft", action="store_true", help="a draft, watermarked on every page")
    db = commands.add_parser("db", help="the configured database's schema revision")
    db.add_argument("action", choices=["status", "upgrade"])
    return parser


COMMANDS: dict[str, Callable[[argparse.Namespace], None]] = {
    "schema": _schema,
    "screen": _screen,
    "plan": _plan,
    "ics": _ics,
    "pdf": _pdf,
    "db": _db,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        COMMANDS[args.command](args)
    except BadInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0
