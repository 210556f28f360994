"""`pedesk certificates ...`: issue, print, verify, list, annul, reissue, duplicate and the issue book
(п.29, 32), arguments and handlers."""

from __future__ import annotations

import argparse
import contextlib
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from pedesk.cli import plumbing
from pedesk.i18n import _, current_language, format_date, format_number
from pedesk.models.database import Database
from pedesk.services import access
from pedesk.services import certificates as certificate_service
from pedesk.services.common import check_target, write_atomically
from pedesk.services.reference import require_own_office


def certificates(args: argparse.Namespace) -> int:
    handler = {"issue": _issue, "print": _print, "verify": _verify, "list": _list, "annul": _annul,
               "reissue": _reissue, "duplicate": _duplicate, "book": _book,
               "calibrate": _calibration}[args.certificates_command]
    return plumbing.with_database(args, handler)


def _issue(database: Database, args: argparse.Namespace) -> int:
    today = date.today()
    with database.transaction(immediate=True) as session:
        result = certificate_service.issue_for_cohort(session, plumbing.cohort_by_code(session, args.cohort), on=args.date or today, today=today,
                                  by=session.info["user"])
        issued = [(c.number, c.teacher.full_name, c.verification_code) for c in result.issued]
    if args.json:
        plumbing.print_json({"issued": [{"number": n, "holder": h, "code": c} for n, h, c in issued],
                    "skipped": [{"holder": s.holder, "reason": s.reason} for s in result.skipped],
                    "already": result.already})
        return plumbing.EXIT_OK
    for number, holder, _code in issued:
        print(f"{number}  {holder}")
    for skipped in result.skipped:
        print(_("Not issued: {reason}").format(reason=skipped.reason))
    print(_("Issued: {issued}; already held one: {already}; not issued: {skipped}.").format(
        issued=format_number(len(issued)), already=format_number(result.already),
        skipped=format_number(len(result.skipped))))
    return plumbing.EXIT_OK


def _write(database: Database, items: list[certificate_service.PrintableCertificate], out: Path, printer: str | None,
           duplicate: bool = False, within: Session | None = None) -> None:
    """The PDF of ``items`` and the record of who printed them (in ``within``, the caller's transaction, when
    given); a user who may not print is refused before anything is written."""
    with contextlib.nullcontext(within) if within is not None else database.reading() as session:
        access.check(session, access.Action.PRINT)
    offset, blank = (0.0, 0.0), False
    if printer:
        with database.reading() as session:
            settings = certificate_service.load_printer_settings(session, printer)
        offset, blank = settings.offset_mm, settings.blank_form
    prints = [certificate_service.CertificatePrint(item.snapshot, duplicate=duplicate) for item in items]
    certificate_service.write_certificates_pdf(out, prints, offset_mm=offset, blank_form=blank)
    with contextlib.nullcontext(within) if within is not None else database.transaction(immediate=True) as session:
        certificate_service.record_printing(session, [item.id for item in items], printer or "")


def _print(database: Database, args: argparse.Namespace) -> int:
    if args.issued_from is not None and args.issued_to is None:
        raise plumbing.CliError(_("Give --issued-to with --issued-from."))
    with database.reading() as session:
        cohort_id = plumbing.cohort_by_code(session, args.cohort) if args.cohort else None
        items = certificate_service.printable_certificates(session, cohort_id=cohort_id, numbers=args.number or (),
                                       issued_from=args.issued_from, issued_to=args.issued_to)
    if not items:
        raise plumbing.CliError(_("No valid certificate matches; nothing was printed."), plumbing.EXIT_FAILED)
    _write(database, items, args.out, args.printer)
    print(_("{count} certificates written to {path}.").format(count=format_number(len(items)), path=args.out))
    return plumbing.EXIT_OK


def _verify(database: Database, args: argparse.Namespace) -> int:
    with database.reading() as session:
        answer = certificate_service.verify_certificate(session, args.text, date.today())
    if args.json:
        plumbing.print_json(answer.as_json())
    else:
        print(f"{certificate_service.validity_label(answer.status).upper()}: {answer.summary()}")
    return plumbing.EXIT_OK if answer.status == certificate_service.Validity.VALID else plumbing.EXIT_FAILED


def _list(database: Database, args: argparse.Namespace) -> int:
    with database.reading() as session:
        if args.cohort:
            plumbing.cohort_by_code(session, args.cohort)
        rows = certificate_service.list_certificates(session, today=date.today(), lang=current_language(), cohort_code=args.cohort)
    return plumbing.print_listing(args, rows, _("No certificates yet."), lambda row: (
        f"{row.number:<20} {row.issued.isoformat()}  {certificate_service.validity_label(row.validity):<12} "
        f"{row.iin}  {row.holder}"))


def _annul(database: Database, args: argparse.Namespace) -> int:
    today = date.today()
    with database.transaction() as session:
        certificate = certificate_service.annul_certificate(session, plumbing.certificate_by_number(session, args.number), reason=args.reason,
                                        order_no=args.order_no, order_date=args.order_date, today=today,
                                        by=session.info["user"])
        number = certificate.number
    print(_("Certificate {number} is annulled.").format(number=number))
    return plumbing.EXIT_OK


def _reissue(database: Database, args: argparse.Namespace) -> int:
    today = date.today()
    with database.transaction(immediate=True) as session:
        new = certificate_service.reissue_certificate(session, plumbing.certificate_by_number(session, args.number), on=args.date or today,
                                  reason=args.reason, order_no=args.order_no, order_date=args.order_date,
                                  today=today, by=session.info["user"])
        number = new.number
    print(_("Certificate {old} is replaced by {new}.").format(old=args.number, new=number))
    return plumbing.EXIT_OK


def _duplicate(database: Database, args: argparse.Namespace) -> int:
    with database.transaction() as session:
        certificate_id = plumbing.certificate_by_number(session, args.number)
        certificate_service.record_duplicate(session, certificate_id, reason=args.reason, application_no=args.application,
                         by=session.info["user"])
        items = certificate_service.printable_certificates(session, ids=[certificate_id])
        # written inside the transaction: when the file cannot be written, the duplicate is not recorded
        _write(database, items, args.out, None, duplicate=True, within=session)
    print(_("A duplicate of certificate {number} is written to {path}.").format(number=items[0].number,
                                                                                   path=args.out))
    return plumbing.EXIT_OK


def _book(database: Database, args: argparse.Namespace) -> int:
    if args.end < args.start:
        raise plumbing.CliError(_("The period ends ({end}) before it starts ({start}).").format(
            end=format_date(args.end), start=format_date(args.start)))
    suffix = args.out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise plumbing.CliError(_("The issue book is written as .xlsx or .pdf; give a file name ending so."))
    with database.reading() as session:
        office = require_own_office(session)
        office_name = office.name_kk if args.book_lang == "kk" else office.name_ru
        rows = certificate_service.issue_book_rows(session, args.start, args.end, args.book_lang)
    write = certificate_service.write_issue_book_xlsx if suffix == ".xlsx" else certificate_service.write_issue_book_pdf
    write(args.out, rows, office_name=office_name, start=args.start, end=args.end, lang=args.book_lang)
    print(_("The issue book ({count} rows) is written to {path}.").format(count=format_number(len(rows)),
                                                                        path=args.out))
    return plumbing.EXIT_OK


def _calibration(database: Database, args: argparse.Namespace) -> int:
    offset = (0.0, 0.0)
    if args.printer:
        with database.reading() as session:
            offset = certificate_service.load_printer_settings(session, args.printer).offset_mm
    target = check_target(args.out, _("{path} is a folder; give a file name for the test page."))
    path = write_atomically(target, lambda partial: certificate_service.render_calibration_page(
        partial, offset_mm=offset))
    if args.json:
        plumbing.print_json({"path": str(path), "printer": args.printer, "x_mm": offset[0], "y_mm": offset[1]})
    else:
        print(_("The printer's test page is written to {path} (shift: {x} mm right, {y} mm down).").format(
            path=path, x=format_number(offset[0]), y=format_number(offset[1])))
    return plumbing.EXIT_OK
