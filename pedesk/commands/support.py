"""`pedesk support ...`: post-course support and monitoring (п.35-37) over the same services as the Post-course
section: ``due`` (who needs works or monitoring, and by when), ``card`` (a listener's monitoring card, .pdf) and
``report`` (the report of a cohort or a period, .xlsx).

Exits 0 when done; 2 when refused (a wrong argument, a certificate without support): the message names the
argument and nothing is written.
"""

from __future__ import annotations

import argparse
from datetime import date

from sqlalchemy.orm import Session

from pedesk.cli_support import EXIT_OK, CliError, open_from_args, print_json
from pedesk.i18n import _, current_language, format_date, format_number
from pedesk.models.database import Database
from pedesk.services.certificates import find_certificate
from pedesk.services.common import ValidationError
from pedesk.services.rules import FINAL_ANALYSIS_YEAR
from pedesk.services.schedule import own_cohort_id
from pedesk.services.support import DueItem, support_due

__all__ = ["support"]

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
        items = support_due(session, today=args.today or date.today(), month=args.month)
    if args.json:
        print_json([item.as_json() for item in items])
        return EXIT_OK
    if not items:
        print(_("No one needs works or monitoring this month, and nothing is overdue."))
        return EXIT_OK
    for item in items:
        print(_line(item))
    return EXIT_OK


def _line(item: DueItem) -> str:
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
    certificate = find_certificate(session, number)
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
