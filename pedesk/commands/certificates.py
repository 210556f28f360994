"""`pedesk certificates ...`: issue, print, verify and list certificates, annul, reissue, print a duplicate and
write the issue book, over the same services as the window.

``verify`` exits 0 for a valid certificate and 1 for any other answer; the others exit 0 when done, 2 when
refused (nothing changed).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from pedesk.cli_support import EXIT_FAILED, EXIT_OK, CliError, open_from_args, print_json
from pedesk.i18n import _, current_language, format_date, format_number
from pedesk.models.database import Database
from pedesk.services.certificates import (
    CertificatePrint,
    PrintableCertificate,
    Validity,
    annul_certificate,
    find_certificate,
    issue_book_rows,
    issue_for_cohort,
    list_certificates,
    load_printer_settings,
    printable_certificates,
    record_duplicate,
    reissue_certificate,
    validity_label,
    verify_certificate,
    write_certificates_pdf,
    write_issue_book_pdf,
    write_issue_book_xlsx,
)
from pedesk.services.common import ValidationError
from pedesk.services.reference import require_own_office
from pedesk.services.schedule import own_cohort_id

__all__ = ["certificates"]


def certificates(args: argparse.Namespace) -> int:
    handler = {"issue": _issue, "print": _print, "verify": _verify, "list": _list, "annul": _annul,
               "reissue": _reissue, "duplicate": _duplicate, "book": _book}[args.certificates_command]
    database = open_from_args(args)
    try:
        return handler(database, args)
    except ValidationError as exc:
        raise CliError(" ".join(problem.message for problem in exc.problems)) from None
    finally:
        database.dispose()


def _cohort_id(session: Session, code: str) -> int:
    cohort_id = own_cohort_id(session, code)
    if cohort_id is None:
        raise CliError(_("There is no cohort with the code {code} in this office. See 'pedesk cohorts list'.").format(
            code=code))
    return cohort_id


def _certificate_id(session: Session, number: str) -> int:
    certificate = find_certificate(session, number)
    if certificate is None:
        raise CliError(_("There is no certificate {number}. Check the number; 'pedesk certificates list' shows "
                         "them all.").format(number=number))
    return certificate.id


def _issue(database: Database, args: argparse.Namespace) -> int:
    today = date.today()
    with database.transaction(immediate=True) as session:
        result = issue_for_cohort(session, _cohort_id(session, args.cohort), on=args.date or today, today=today,
                                  by=session.info["user"])
        issued = [(c.number, c.teacher.full_name, c.verification_code) for c in result.issued]
    if args.json:
        print_json({"issued": [{"number": n, "holder": h, "code": c} for n, h, c in issued],
                    "skipped": [{"holder": s.holder, "reason": s.reason} for s in result.skipped],
                    "already": result.already})
        return EXIT_OK
    for number, holder, _code in issued:
        print(f"{number}  {holder}")
    for skipped in result.skipped:
        print(_("Not issued: {reason}").format(reason=skipped.reason))
    print(_("Issued: {issued}; already held one: {already}; not issued: {skipped}.").format(
        issued=format_number(len(issued)), already=format_number(result.already),
        skipped=format_number(len(result.skipped))))
    return EXIT_OK


def _write(database: Database, items: list[PrintableCertificate], out: Path, printer: str | None,
           duplicate: bool = False) -> None:
    offset, blank = (0.0, 0.0), False
    if printer:
        with database.reading() as session:
            settings = load_printer_settings(session, printer)
        offset, blank = settings.offset_mm, settings.blank_form
    prints = [CertificatePrint(item.snapshot, duplicate=duplicate) for item in items]
    write_certificates_pdf(out, prints, offset_mm=offset, blank_form=blank)


def _print(database: Database, args: argparse.Namespace) -> int:
    if args.issued_from is not None and args.issued_to is None:
        raise CliError(_("Give --issued-to with --issued-from."))
    with database.reading() as session:
        cohort_id = _cohort_id(session, args.cohort) if args.cohort else None
        items = printable_certificates(session, cohort_id=cohort_id, numbers=args.number or (),
                                       issued_from=args.issued_from, issued_to=args.issued_to)
    if not items:
        raise CliError(_("No valid certificate matches; nothing was printed."), EXIT_FAILED)
    _write(database, items, args.out, args.printer)
    print(_("{count} certificates written to {path}.").format(count=format_number(len(items)), path=args.out))
    return EXIT_OK


def _verify(database: Database, args: argparse.Namespace) -> int:
    with database.reading() as session:
        answer = verify_certificate(session, args.text, date.today())
    if args.json:
        print_json(answer.as_json())
    else:
        print(f"{validity_label(answer.status).upper()}: {answer.summary()}")
    return EXIT_OK if answer.status == Validity.VALID else EXIT_FAILED


def _list(database: Database, args: argparse.Namespace) -> int:
    with database.reading() as session:
        if args.cohort:
            _cohort_id(session, args.cohort)
        rows = list_certificates(session, today=date.today(), lang=current_language(), cohort_code=args.cohort)
    if args.json:
        print_json([row.as_json() for row in rows])
        return EXIT_OK
    if not rows:
        print(_("No certificates yet."))
    for row in rows:
        print(f"{row.number:<20} {row.issued.isoformat()}  {validity_label(row.validity):<12} {row.iin}  {row.holder}")
    return EXIT_OK


def _annul(database: Database, args: argparse.Namespace) -> int:
    today = date.today()
    with database.transaction() as session:
        certificate = annul_certificate(session, _certificate_id(session, args.number), reason=args.reason,
                                        order_no=args.order_no, order_date=args.order_date, today=today,
                                        by=session.info["user"])
        number = certificate.number
    print(_("Certificate {number} is annulled.").format(number=number))
    return EXIT_OK


def _reissue(database: Database, args: argparse.Namespace) -> int:
    today = date.today()
    with database.transaction(immediate=True) as session:
        new = reissue_certificate(session, _certificate_id(session, args.number), on=args.date or today,
                                  reason=args.reason, order_no=args.order_no, order_date=args.order_date,
                                  today=today, by=session.info["user"])
        number = new.number
    print(_("Certificate {old} is replaced by {new}.").format(old=args.number, new=number))
    return EXIT_OK


def _duplicate(database: Database, args: argparse.Namespace) -> int:
    with database.transaction() as session:
        certificate_id = _certificate_id(session, args.number)
        record_duplicate(session, certificate_id, reason=args.reason, application_no=args.application,
                         by=session.info["user"])
        items = printable_certificates(session, ids=[certificate_id])
        # written inside the transaction: when the file cannot be written, the duplicate is not recorded
        _write(database, items, args.out, None, duplicate=True)
    print(_("A duplicate of certificate {number} is written to {path}.").format(number=items[0].number,
                                                                                   path=args.out))
    return EXIT_OK


def _book(database: Database, args: argparse.Namespace) -> int:
    if args.end < args.start:
        raise CliError(_("The period ends ({end}) before it starts ({start}).").format(
            end=format_date(args.end), start=format_date(args.start)))
    suffix = args.out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise CliError(_("The issue book is written as .xlsx or .pdf; give a file name ending so."))
    with database.reading() as session:
        office = require_own_office(session)
        office_name = office.name_kk if args.book_lang == "kk" else office.name_ru
        rows = issue_book_rows(session, args.start, args.end, args.book_lang)
    write = write_issue_book_xlsx if suffix == ".xlsx" else write_issue_book_pdf
    write(args.out, rows, office_name=office_name, start=args.start, end=args.end, lang=args.book_lang)
    print(_("The issue book ({count} rows) is written to {path}.").format(count=format_number(len(rows)),
                                                                        path=args.out))
    return EXIT_OK
