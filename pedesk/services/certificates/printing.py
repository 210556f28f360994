"""Printing certificates on site: per-printer offsets for pre-printed blank forms, and the rows of the issue book
(журнал выдачи сертификатов / сертификаттарды беру журналы) of a period. No Qt.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date, gettext_in
from pedesk.models import Certificate, CertificateDuplicate, Cohort, Enrolment, PrinterOffset, PrintRecord
from pedesk.models.enums import CertificateStatus
from pedesk.services.access import Action, guarded
from pedesk.services.certificates.issue_book import IssueBookRow
from pedesk.services.common import Problem, clean_spaces, raise_if
from pedesk.services.reference import own_office_id

__all__ = [
    "MAX_OFFSET_MM",
    "PrinterSettings",
    "issue_book_rows",
    "load_printer_settings",
    "printed_by",
    "record_printing",
    "save_printer_settings",
]

MAX_OFFSET_MM = 30.0
"""A printer that shifts the page by more than 3 cm is misconfigured, not to be corrected by offsets."""


@dataclass(frozen=True)
class PrinterSettings:
    """How certificates go to one printer: the shift in millimetres (right and down are positive) and whether
    the paper is a pre-printed blank form (then only the variable text is printed)."""

    printer: str
    x_mm: float = 0.0
    y_mm: float = 0.0
    blank_form: bool = False

    @property
    def offset_mm(self) -> tuple[float, float]:
        return self.x_mm, self.y_mm


def load_printer_settings(session: Session, printer: str) -> PrinterSettings:
    """The stored settings of ``printer`` (by its name as the system calls it), or zero offsets."""
    row = session.get(PrinterOffset, printer)
    if row is None:
        return PrinterSettings(printer)
    return PrinterSettings(printer, row.x_mm, row.y_mm, row.blank_form)


@guarded(Action.PRINT)
def record_printing(session: Session, certificate_ids: list[int] | tuple[int, ...], printer: str = "") -> int:
    """Who printed which certificates, when and on which printer ("" = into a PDF file): checked before the
    pages are laid out, so that only a user who may print gets them."""
    account, by = str(session.info.get("os_account", "")), str(session.info.get("user", ""))
    session.add_all(PrintRecord(certificate_id=number, by=by, os_account=account, printer=printer[:300])
                    for number in certificate_ids)
    session.flush()
    return len(certificate_ids)


def printed_by(session: Session, certificate_id: int) -> list[tuple[datetime, str, str]]:
    """When, by whom and on which printer a certificate was printed, the first time first."""
    rows = session.execute(select(PrintRecord.printed_at, PrintRecord.by, PrintRecord.printer)
                           .where(PrintRecord.certificate_id == certificate_id).order_by(PrintRecord.id))
    return [(at, by, printer) for at, by, printer in rows]


@guarded(Action.PRINTER)
def save_printer_settings(session: Session, settings: PrinterSettings) -> PrinterSettings:
    name = clean_spaces(settings.printer)
    problems: list[Problem] = []
    if not name:
        problems.append(Problem("printer", _("Printer: choose the printer the offsets are for.")))
    for field, label, value in (("x_mm", _("Shift to the right"), settings.x_mm),
                                ("y_mm", _("Shift down"), settings.y_mm)):
        if not math.isfinite(value) or abs(value) > MAX_OFFSET_MM:
            problems.append(Problem(field, _(
                "{field}: {value} mm is too far; a shift is between -{limit} and {limit} mm. Print the test page "
                "and measure again.").format(field=label, value=value, limit=int(MAX_OFFSET_MM))))
    raise_if(problems)
    row = session.get(PrinterOffset, name) or PrinterOffset(printer=name)
    row.x_mm, row.y_mm, row.blank_form = round(settings.x_mm, 1), round(settings.y_mm, 1), settings.blank_form
    session.add(row)
    session.flush()
    return PrinterSettings(name, row.x_mm, row.y_mm, row.blank_form)


# --- The issue book ---------------------------------------------------------------------------------------------


def _status_note(certificate: Certificate, numbers: dict[int, str], lang: str) -> str:
    notes: list[str] = []
    if certificate.supersedes_id is not None:
        notes.append(gettext_in(lang, "issued instead of {number}").format(
            number=numbers.get(certificate.supersedes_id, "?")))
    annulled_on = format_date(certificate.annulled_at.date(), lang=lang) if certificate.annulled_at else ""
    if certificate.status == CertificateStatus.ANNULLED:
        notes.append(gettext_in(lang, "annulled {date} (order {order}): {reason}").format(
            date=annulled_on, order=certificate.annul_order_no, reason=certificate.annul_reason))
    elif certificate.status == CertificateStatus.SUPERSEDED:
        notes.append(gettext_in(lang, "replaced by {number} {date}: {reason}").format(
            number=numbers.get(certificate.superseded_by_id or 0, "?"), date=annulled_on,
            reason=certificate.annul_reason))
    return "; ".join(notes)


def _row(certificate: Certificate, cohort: Cohort | None, lang: str, status: str, issued: date) -> IssueBookRow:
    """The book shows what was printed (the snapshot), not today's spelling of the name or the title."""
    printed: dict[str, object] = json.loads(certificate.snapshot or "{}")
    programme = "" if cohort is None else cohort.programme.title_kk if lang == "kk" else cohort.programme.title_ru
    return IssueBookRow(
        number=certificate.number, issued=issued, holder=str(printed.get("holder") or certificate.teacher.full_name),
        iin=str(printed.get("iin") or certificate.teacher.iin),
        programme=str(printed.get(f"programme_{'kk' if lang == 'kk' else 'ru'}") or programme),
        hours=certificate.academic_hours, cohort_code=cohort.code if cohort else "", status=status,
    )


def _local_day(moment: datetime) -> date:
    """The office's calendar day of a moment stored in UTC (a duplicate printed at 02:00 in Astana belongs to
    that day, not the one before)."""
    return moment.replace(tzinfo=UTC).astimezone().date()


def issue_book_rows(session: Session, start: date, end: date, lang: str) -> list[IssueBookRow]:
    """Every certificate of this office issued from ``start`` to ``end`` (inclusive) and every duplicate printed
    then, in the order they were handed out; the status column says what happened to each since."""
    query = (select(Certificate, Cohort).outerjoin(Enrolment, Enrolment.id == Certificate.enrolment_id)
             .outerjoin(Cohort, Cohort.id == Enrolment.cohort_id)
             .where(Certificate.office_id == own_office_id(), Certificate.external.is_(False),
                    Certificate.issue_date >= start, Certificate.issue_date <= end))
    found = session.execute(query).all()
    duplicates = session.execute(
        select(CertificateDuplicate, Certificate, Cohort)
        .join(Certificate, Certificate.id == CertificateDuplicate.certificate_id)
        .outerjoin(Enrolment, Enrolment.id == Certificate.enrolment_id)
        .outerjoin(Cohort, Cohort.id == Enrolment.cohort_id)
        .where(Certificate.office_id == own_office_id())
    ).all()
    linked = {c.supersedes_id for c, _cohort in found} | {c.superseded_by_id for c, _cohort in found}
    numbers: dict[int, str] = {
        row.id: row.number for row in session.execute(
            select(Certificate.id, Certificate.number).where(Certificate.id.in_([i for i in linked if i is not None])))
    }
    entries: list[tuple[date, int, int, IssueBookRow]] = []
    for certificate, cohort in found:
        row = _row(certificate, cohort, lang, _status_note(certificate, numbers, lang), certificate.issue_date)
        entries.append((certificate.issue_date, certificate.year * 10**7 + (certificate.seq or 0), 0, row))
    for duplicate, certificate, cohort in duplicates:
        printed = _local_day(duplicate.printed_at)
        if not start <= printed <= end:
            continue
        note = gettext_in(lang, "duplicate: {reason}").format(reason=duplicate.reason)
        entries.append((printed, certificate.year * 10**7 + (certificate.seq or 0), duplicate.id,
                        _row(certificate, cohort, lang, note, printed)))
    entries.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in entries]
