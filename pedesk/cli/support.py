"""`pedesk support ...`: what is due (п.35-37), the monitoring card and the support report."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from pedesk.cli.packages import half_year
from pedesk.cli.plumbing import EXIT_OK, CliError, Parser, iso_date, open_from_args, print_json
from pedesk.i18n import _, current_language, format_date, format_number
from pedesk.models.database import Database
from pedesk.services import certificates as certificate_service
from pedesk.services import support as support_service
from pedesk.services.common import ValidationError
from pedesk.services.rules import FINAL_ANALYSIS_YEAR
from pedesk.services.schedule import own_cohort_id


def year_month(text: str) -> date:
    """``YYYY-MM`` -> the first day of that month."""
    try:
        year, month = text.strip().split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a month in the form YYYY-MM").format(value=text)
        ) from None


def add_parser(commands: argparse._SubParsersAction[Parser]) -> None:
    """The ``support`` command: post-course support and monitoring (п.35-37)."""
    support = commands.add_parser("support", help=_("post-course support and monitoring"))
    actions = support.add_subparsers(dest="support_command", metavar=_("ACTION"), required=True,
                                     parser_class=Parser)
    due = actions.add_parser("due", help=_("who needs works or monitoring, and by when (due this month or overdue)"))
    due.add_argument("--month", type=year_month, metavar="YYYY-MM",
                     help=_("show what is due in this month, besides the overdue (default: this month)"))
    due.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD",
                     help=_("count overdue from this date (default: today)"))
    due.add_argument("--json", action="store_true", help=_("print JSON"))

    card = actions.add_parser("card", help=_("write the monitoring card of a certified listener (.pdf)"))
    card.add_argument("--certificate", required=True, metavar=_("NUMBER"), help=_("the certificate's number"))
    card.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help=_("the PDF file to write"))
    _add_document_options(card, iso_date, "--card-lang")

    report = actions.add_parser("report", help=_("write the report on post-course support of a cohort or a period "
                                                 "(.xlsx)"))
    scope = report.add_mutually_exclusive_group(required=True)
    scope.add_argument("--cohort", metavar=_("CODE"), help=_("the cohort's code in this office"))
    scope.add_argument("--period", type=half_year, metavar="YYYY-H1|YYYY-H2",
                       help=_("a half-year: 2026-H1 is January to June, 2026-H2 July to December"))
    scope.add_argument("--from", dest="start", type=iso_date, metavar="YYYY-MM-DD",
                       help=_("first day of the period (with --to)"))
    report.add_argument("--to", dest="end", type=iso_date, metavar="YYYY-MM-DD",
                        help=_("last day of the period (with --from)"))
    report.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help=_("the workbook to write"))
    _add_document_options(report, iso_date, "--report-lang")


def _add_document_options(parser: argparse.ArgumentParser, iso_date: Callable[[str], date], flag: str) -> None:
    # its own flag (--card-lang, --report-lang, like --plan-lang): the global --lang is the messages' language
    parser.add_argument(flag, dest="document_lang", choices=("kk", "ru"),
                        help=_("the document's language: kk or ru (default: the interface's; Kazakh when it is "
                               "English)"))
    parser.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD",
                        help=_("count what is due and overdue on this date (default: today)"))


# the service's field -> the argument that gave it
_OPTIONS = {"certificate": "--certificate", "cohort": "--cohort", "start": "--from", "end": "--to",
            "path": "--out"}


def support(args: argparse.Namespace) -> int:
    handler = {"due": _due, "card": _card, "report": _report}[args.support_command]
    if args.support_command == "report":
        _check_period(args)  # before the database is opened
    database = open_from_args(args)
    try:
        return handler(database, args)
    except ValidationError as exc:
        raise CliError(" ".join(_named(problem.field, problem.message) for problem in exc.problems)) from None
    finally:
        database.dispose()


def _named(field: str, message: str) -> str:
    option = _OPTIONS.get(field)
    return _("{name}: {problem}").format(name=option, problem=message) if option else message


def _document_language(args: argparse.Namespace) -> str:
    """--card-lang / --report-lang, else the interface's language; Kazakh when that is English (the documents are
    kk or ru)."""
    if args.document_lang:
        return str(args.document_lang)
    return current_language() if current_language() in ("kk", "ru") else "kk"


def _check_period(args: argparse.Namespace) -> None:
    if args.period is not None:
        if args.end is not None:
            raise CliError(_named("end", _("Give the first day of the period with --from, or a half-year with "
                                           "--period instead of --to.")))
        args.start, args.end = args.period
        return
    if args.cohort is not None and args.end is not None:
        raise CliError(_named("end", _("Give the first day of the period with --from, or a half-year with "
                                       "--period instead of --to.")))
    if args.start is not None and args.end is None:
        raise CliError(_named("start", _("Give the last day of the period with --to, after --from.")))
    if args.start is not None and args.end is not None and args.end < args.start:
        raise CliError(_named("end", _("The period ends ({end}) before it starts ({start}): give a --to date on or "
                                       "after --from.").format(end=format_date(args.end),
                                                               start=format_date(args.start))))


def _due(database: Database, args: argparse.Namespace) -> int:
    with database.reading() as session:
        items = support_service.support_due(session, today=args.today or date.today(), month=args.month)
    if args.json:
        print_json([item.as_json() for item in items])
        return EXIT_OK
    if not items:
        print(_("No one needs works or monitoring this month, and nothing is overdue."))
        return EXIT_OK
    for item in items:
        print(_line(item))
    return EXIT_OK


def _line(item: support_service.DueItem) -> str:
    if item.kind == "works":
        what = _("works: {done} of 3").format(done=item.works_done)
    elif item.year_no == FINAL_ANALYSIS_YEAR:
        what = _("final analysis after three years")
    else:
        what = _("monitoring, year {n}").format(n=item.year_no)
    template = _("{due}  OVERDUE  {iin}  {teacher}  {certificate}  {what}") if item.overdue else _(
        "{due}  {iin}  {teacher}  {certificate}  {what}")
    return template.format(due=format_date(item.due), iin=item.iin, teacher=item.teacher,
                           certificate=item.certificate, what=what)


def _certificate_id(session: Session, number: str) -> int:
    certificate = certificate_service.find_certificate(session, number)
    if certificate is None:
        raise CliError(_named("certificate", _("There is no certificate {number}. Check the number; 'pedesk "
                                               "certificates list' shows them all.").format(number=number)))
    return certificate.id


def _card(database: Database, args: argparse.Namespace) -> int:
    from pedesk.services.support import write_monitoring_card  # loads reportlab: only when asked for

    with database.reading() as session:
        certificate_id = _certificate_id(session, args.certificate)
        path = write_monitoring_card(session, certificate_id, args.out, lang=_document_language(args),
                                     today=args.today or date.today())
    print(_("The monitoring card of certificate {number} is written to {path}.").format(number=args.certificate,
                                                                                        path=path))
    return EXIT_OK


def _report(database: Database, args: argparse.Namespace) -> int:
    from pedesk.services.support import write_support_report  # loads openpyxl: only when asked for

    with database.reading() as session:
        cohort_id = None
        if args.cohort is not None:
            cohort_id = own_cohort_id(session, args.cohort)
            if cohort_id is None:
                raise CliError(_named("cohort", _("There is no cohort with the code {code} in this office. See "
                                                  "'pedesk cohorts list'.").format(code=args.cohort)))
        summary = write_support_report(session, args.out, lang=_document_language(args),
                                       today=args.today or date.today(), cohort_id=cohort_id, start=args.start,
                                       end=args.end)
    coverage = "—" if summary.coverage is None else format_number(summary.coverage)
    print(_("The support report is written to {path}: listeners {listeners}, with three works {complete} "
            "({coverage} %), monitoring done {done} of {due}.").format(
        path=summary.path, listeners=format_number(summary.listeners), complete=format_number(summary.works_complete),
        coverage=coverage, done=format_number(summary.monitoring_done), due=format_number(summary.monitoring_due)))
    return EXIT_OK
