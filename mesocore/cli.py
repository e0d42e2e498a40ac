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
    for item in result.not_applicable:
        print(f"- [not applicable] {item.rule}: {item.reason}")


def _pdf(args: argparse.Namespace) -> None:
    from mesocore.consent import final_export_problem
    from mesocore.pdf import PLACEHOLDER, describe_characters, render_summary

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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mesocore", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("schema", help="print the JSON Schema of the consultation file")
    screen = commands.add_parser("screen", help="screening outcome and findings")
    screen.add_argument("file")
    screen.add_argument("--json", action="store_true", help="one JSON object on standard output")
    pdf = commands.add_parser("pdf", help="the treatment summary PDF")
    pdf.add_argument("file")
    pdf.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    pdf.add_argument("--draft", action="store_true", help="a draft, watermarked on every page")
    return parser


COMMANDS: dict[str, Callable[[argparse.Namespace], None]] = {
    "schema": _schema,
    "screen": _screen,
    "pdf": _pdf,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        COMMANDS[args.command](args)
    except BadInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0
