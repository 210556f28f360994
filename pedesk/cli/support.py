"""`pedesk support ...`: what is due (п.35-37), the monitoring card and the support report."""

from __future__ import annotations

import argparse
from datetime import date

from pedesk.cli import plumbing
from pedesk.i18n import _, format_date, format_number
from pedesk.models.database import Database
from pedesk.services import support as support_service
from pedesk.services.rules import FINAL_ANALYSIS_YEAR

# the service's field -> the argument that gave it
_OPTIONS = {"certificate": "--certificate", "cohort": "--cohort", "start": "--from", "end": "--to",
            "path": "--out"}


def support(args: argparse.Namespace) -> int:
    handler = {"due": _due, "card": _card, "report": _report}[args.support_command]
    if args.support_command == "report":
        _check_period(args)  # before the database is opened
    return plumbing.with_database(args, handler, lambda problem: _named(problem.field, problem.message))


def _named(field: str, message: str) -> str:
    return plumbing.named(_OPTIONS.get(field), message)


def _check_period(args: argparse.Namespace) -> None:
    if args.period is not None:
        if args.end is not None:
            raise plumbing.CliError(_named("end", _("Give the first day of the period with --from, or a half-year with "
                                           "--period instead of --to.")))
        args.start, args.end = args.period
        return
    if args.cohort is not None and args.end is not None:
        raise plumbing.CliError(_named("end", _("Give the first day of the period with --from, or a half-year with "
                                       "--period instead of --to.")))
    if args.start is not None and args.end is None:
        raise plumbing.CliError(_named("start", _("Give the last day of the period with --to, after --from.")))
    if args.start is not None and args.end is not None and args.end < args.start:
        raise plumbing.CliError(_named("end", _("The period ends ({end}) before it starts ({start}): give a --to date on or "
                                       "after --from.").format(end=format_date(args.end),
                                                               start=format_date(args.start))))


def _due(database: Database, args: argparse.Namespace) -> int:
    with database.reading() as session:
        items = support_service.support_due(session, today=args.today or date.today(), month=args.month)
    return plumbing.print_listing(
        args, items, _("No one needs works or monitoring this month, and nothing is overdue."), _line)


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


def _card(database: Database, args: argparse.Namespace) -> int:
    from pedesk.services.support import write_monitoring_card  # loads reportlab: only when asked for

    with database.reading() as session:
        certificate_id = plumbing.certificate_by_number(session, args.certificate, _OPTIONS["certificate"])
        path = write_monitoring_card(session, certificate_id, args.out, lang=plumbing.document_language(args.document_lang),
                                     today=args.today or date.today())
    print(_("The monitoring card of certificate {number} is written to {path}.").format(number=args.certificate,
                                                                                        path=path))
    return plumbing.EXIT_OK


def _report(database: Database, args: argparse.Namespace) -> int:
    from pedesk.services.support import write_support_report  # loads openpyxl: only when asked for

    with database.reading() as session:
        cohort_id = None if args.cohort is None else plumbing.cohort_by_code(session, args.cohort, _OPTIONS["cohort"])
        summary = write_support_report(session, args.out, lang=plumbing.document_language(args.document_lang),
                                       today=args.today or date.today(), cohort_id=cohort_id, start=args.start,
                                       end=args.end)
    coverage = "—" if summary.coverage is None else format_number(summary.coverage)
    print(_("The support report is written to {path}: listeners {listeners}, with three works {complete} "
            "({coverage} %), monitoring done {done} of {due}.").format(
        path=summary.path, listeners=format_number(summary.listeners), complete=format_number(summary.works_complete),
        coverage=coverage, done=format_number(summary.monitoring_done), due=format_number(summary.monitoring_due)))
    return plumbing.EXIT_OK
