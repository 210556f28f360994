"""Issuing certificates (сертификат, п.29, 32): gap-free numbers, the signer, the frozen snapshot, annulment,
reissue after a correction and duplicates of lost certificates. Nothing issued is ever deleted.

Numbers are gap-free per issuing office and year: the counter row is read and raised inside the caller's
transaction, which must hold the database's write lock from its first statement
(``database.transaction(user, immediate=True)``: SQLite's write lock, PostgreSQL's writers' advisory lock; the
counter row is read ``FOR UPDATE`` as well), so two issuing runs at once queue instead of taking the same number. The partial unique index
``uq_certificate_live_enrolment`` makes sure no listener holds two live certificates of ours.

Queries (lists, printing) are in :mod:`pedesk.services.certificates.queries`, verification in
:mod:`pedesk.services.certificates.verification`. No Qt.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date
from pedesk.models import (
    Assessment,
    Certificate,
    CertificateCounter,
    CertificateDuplicate,
    Cohort,
    Enrolment,
    Office,
    Teacher,
)
from pedesk.models.audit import audit_reason
from pedesk.models.base import utcnow
from pedesk.models.enums import CertificateStatus, EnrolmentStatus
from pedesk.services.access import Action, guarded
from pedesk.services.certificates.issuer import Issuer, issuer_of, issuer_problems, shown_name
from pedesk.services.common import (
    Problem,
    ValidationError,
    clean_spaces,
    column_lengths,
    found_or_refuse,
    name_order,
    raise_if,
)
from pedesk.services.enrolment import cohort_or_refuse, enrolment_or_refuse
from pedesk.services.reference import length_problem, require_own_office
from pedesk.services.rules import (
    certificate_snapshot,
    certificate_valid_until,
    format_certificate_number,
    new_verification_code,
    reissued_valid_until,
)

__all__ = [
    "CohortIssue",
    "Skipped",
    "annul_certificate",
    "certificate_or_refuse",
    "issue_certificate",
    "issue_for_cohort",
    "record_duplicate",
    "reissue_certificate",
    "status_word",
]

#: the longest texts the columns hold (a longer one is refused: PostgreSQL would not store it)
_LENGTHS = column_lengths(Certificate)


@dataclass(frozen=True)
class Skipped:
    """A listener of the cohort who got no certificate in this run, and why (translated)."""

    enrolment_id: int
    holder: str
    reason: str


@dataclass(frozen=True)
class CohortIssue:
    """What ``issue_for_cohort`` did: the new certificates in number order, and who was left out."""

    issued: tuple[Certificate, ...]
    skipped: tuple[Skipped, ...]
    already: int


# --- Who signs, what is printed -------------------------------------------------------------------------------


def _snapshot(office: Office, issuer: Issuer, enrolment: Enrolment, number: str, code: str, issued: date,
              valid_until: date) -> dict[str, object]:
    """The frozen text: the issuer (the organisation that delivered the course, п.29) and its signer (п.32)."""
    cohort, teacher = enrolment.cohort, enrolment.teacher
    programme = cohort.programme
    return certificate_snapshot(
        number=number, code=code, holder=teacher.full_name, iin=teacher.iin, office_name_kk=office.name_kk,
        office_name_ru=office.name_ru, provider_name_kk=issuer.name_kk, provider_name_ru=issuer.name_ru,
        programme_kk=programme.title_kk, programme_ru=programme.title_ru, hours=programme.academic_hours,
        course_start=cohort.start_date, course_end=cohort.end_date, city_kk=issuer.city_kk, city_ru=issuer.city_ru,
        issued=issued, valid_until=valid_until, signer_name=issuer.signer_name,
        signer_position_kk=issuer.signer_position_kk, signer_position_ru=issuer.signer_position_ru,
        signer_capacity=issuer.capacity.value,
    )


# --- Numbers --------------------------------------------------------------------------------------------------


def _next_seq(session: Session, office: Office, series: str, year: int) -> int:
    """The next gap-free sequence number of ``year`` in the numbering ``series``; the counter row is locked until
    the caller commits."""
    query = select(CertificateCounter).where(
        CertificateCounter.office_id == office.id, CertificateCounter.series == series,
        CertificateCounter.year == year,
    ).with_for_update()
    counter = session.scalars(query).one_or_none()
    if counter is None:
        # the year's first number: two seats may start it at once, so the row is made where it is missing (the
        # other seat's insert waits, then does nothing) and then locked like any other year's
        start = (postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert)(
            CertificateCounter).values(office_id=office.id, series=series, year=year, last_seq=0)
        session.execute(start.on_conflict_do_nothing())
        counter = session.scalars(query.execution_options(populate_existing=True)).one()
    counter.last_seq += 1
    session.flush()
    return counter.last_seq


def _new_code(session: Session) -> str:
    while True:
        code = new_verification_code()
        if session.scalar(select(Certificate.id).where(Certificate.verification_code == code)) is None:
            return code


# --- Issuing --------------------------------------------------------------------------------------------------


def _live_certificate(session: Session, enrolment_id: int) -> Certificate | None:
    return session.scalars(select(Certificate).where(
        Certificate.enrolment_id == enrolment_id, Certificate.status == CertificateStatus.ISSUED,
        Certificate.external.is_(False),
    )).first()


def _passed_on(session: Session, enrolment_id: int) -> date | None:
    """The date of the listener's latest assessment, when it was passed (п.27-30)."""
    latest = session.scalars(select(Assessment).where(Assessment.enrolment_id == enrolment_id)
                             .order_by(Assessment.attempt.desc())).first()
    return latest.held_on if latest is not None and latest.passed else None


def _refusal(session: Session, enrolment: Enrolment, on: date, today: date) -> str | None:
    """Why ``enrolment`` cannot get a certificate issued on ``on`` (translated), or None."""
    holder = enrolment.teacher.full_name
    if enrolment.cohort.programme.abroad:
        return _("{holder}: a course abroad ends with the foreign organisation's own certificate (п.25 of the "
                 "Rules); record it with the listener, do not issue ours.").format(holder=holder)
    existing = _live_certificate(session, enrolment.id)
    if existing is not None:
        return _("{holder} already holds certificate {number}. To correct it, reissue it; if it was lost, "
                 "print a duplicate.").format(holder=holder, number=existing.number)
    passed_on = _passed_on(session, enrolment.id)
    if enrolment.status != EnrolmentStatus.COMPLETED or passed_on is None:
        return _("{holder} has not passed the final assessment (п.27-29 of the Rules): a certificate is issued "
                 "only to listeners who passed. Enter the result on the Assessments page.").format(holder=holder)
    if on < passed_on:
        return _("{holder} passed the final assessment on {passed}; a certificate cannot be dated earlier. Enter "
                 "{passed} or a later date.").format(holder=holder, passed=format_date(passed_on))
    if on > today:
        return _("The date of issue {date} is in the future. Enter today's date or an earlier one.").format(
            date=format_date(on))
    return None


def _taken(session: Session, office: Office, issuer: Issuer, number: str) -> None:
    """Two series whose patterns give the same number: refused (the whole run), nothing issued."""
    if session.scalar(select(Certificate.id).where(Certificate.office_id == office.id,
                                                   Certificate.number == number)) is None:
        return
    name = shown_name(issuer)
    raise ValidationError.single("numbering_pattern", _(
        "Certificate number {number} is already taken by another certificate of this office: the numbering series "
        "of {issuer} runs into another series. Give {issuer} a numbering pattern of its own under Reference "
        "data, Providers, or leave it empty to number in the office's series. Nothing was issued."
    ).format(number=number, issuer=name))


def _new_certificate(session: Session, office: Office, enrolment: Enrolment, on: date, by: str,
                     valid_until: date | None = None) -> Certificate:
    issuer = issuer_of(office, enrolment.cohort)
    seq = _next_seq(session, office, issuer.series, on.year)
    number = format_certificate_number(issuer.pattern, office.code, on.year, seq)
    _taken(session, office, issuer, number)
    code = _new_code(session)
    until = valid_until or certificate_valid_until(on)
    snapshot = _snapshot(office, issuer, enrolment, number, code, on, until)
    certificate = Certificate(
        office_id=office.id, number=number, year=on.year, seq=seq, verification_code=code,
        enrolment_id=enrolment.id, teacher_id=enrolment.teacher_id, issue_date=on, valid_until=until,
        academic_hours=enrolment.cohort.programme.academic_hours, signer_name=str(snapshot["signer_name"]),
        signer_position_kk=str(snapshot["signer_position_kk"]),
        signer_position_ru=str(snapshot["signer_position_ru"]),
        signer_capacity=str(snapshot["signer_capacity"]), snapshot=json.dumps(snapshot, ensure_ascii=False),
        status=CertificateStatus.ISSUED, issued_by=by,
    )
    session.add(certificate)
    session.flush()
    return certificate


def issue_certificate(session: Session, enrolment_id: int, *, on: date, today: date, by: str) -> Certificate:
    """Issue a certificate to one listener who passed; refuses (``ValidationError``, nothing changed) with the
    reason. Call inside ``database.transaction(user, immediate=True)``."""
    office = require_own_office(session)
    enrolment = enrolment_or_refuse(session, enrolment_id)
    raise_if(issuer_problems(office, enrolment.cohort))
    refusal = _refusal(session, enrolment, on, today)
    if refusal is not None:
        raise ValidationError.single("enrolment_id", refusal)
    return _new_certificate(session, office, enrolment, on, by)


@guarded(Action.ISSUE)
def issue_for_cohort(session: Session, cohort_id: int, *, on: date, today: date, by: str) -> CohortIssue:
    """Issue certificates to every listener of the cohort who passed and has none yet, in the order of the
    list (surname, name). The others are reported as skipped with the reason; nothing is issued when the
    signer of the issuer (:mod:`~pedesk.services.certificates.issuer`) is not set or the date is wrong for
    everyone."""
    office = require_own_office(session)
    cohort = cohort_or_refuse(session, cohort_id)
    raise_if(issuer_problems(office, cohort))
    if on > today:
        raise ValidationError.single("on", _(
            "The date of issue {date} is in the future. Enter today's date or an earlier one.").format(
            date=format_date(on)))
    issued: list[Certificate] = []
    skipped: list[Skipped] = []
    already = 0
    for enrolment in _listeners(session, cohort):
        if enrolment.status != EnrolmentStatus.COMPLETED:
            continue
        if _live_certificate(session, enrolment.id) is not None:
            already += 1
            continue
        refusal = _refusal(session, enrolment, on, today)
        if refusal is not None:
            skipped.append(Skipped(enrolment.id, enrolment.teacher.full_name, refusal))
            continue
        issued.append(_new_certificate(session, office, enrolment, on, by))
    return CohortIssue(tuple(issued), tuple(skipped), already)


def _listeners(session: Session, cohort: Cohort) -> Sequence[Enrolment]:
    return session.scalars(
        select(Enrolment).join(Teacher, Teacher.id == Enrolment.teacher_id).where(Enrolment.cohort_id == cohort.id)
        .order_by(name_order(Teacher.surname), name_order(Teacher.name), name_order(Teacher.patronymic), Enrolment.id)
    ).all()


# --- After issue: annul, reissue, duplicate -------------------------------------------------------------------


def certificate_or_refuse(session: Session, certificate_id: int) -> Certificate:
    return found_or_refuse(session, Certificate, certificate_id, "certificate",
                           _("The certificate is no longer in the database."))


def _valid_here(certificate: Certificate, foreign: str, not_valid: str) -> list[Problem]:
    """Only a valid certificate of this office is annulled, replaced or duplicated: ``foreign`` (with the
    certificate's {number}) when another organisation issued it, ``not_valid`` (with {number} and {status})
    when it is annulled or replaced already."""
    if certificate.external:
        return [Problem("certificate", foreign.format(number=certificate.number))]
    if certificate.status != CertificateStatus.ISSUED:
        return [Problem("certificate", not_valid.format(number=certificate.number,
                                                        status=status_word(certificate.status)))]
    return []


def _annulment_problems(certificate: Certificate, reason: str, order_no: str, order_date: date | None,
                        today: date) -> list[Problem]:
    problems = _valid_here(certificate, _(
        "Certificate {number} was issued by a foreign organisation; only that organisation can annul or replace "
        "it."), _("Certificate {number} is already {status}; it cannot be annulled or reissued again."))
    if not reason:
        problems.append(Problem("reason", _("Reason: required. Say why the certificate is annulled.")))
    if not order_no:
        problems.append(Problem("order_no", _(
            "Order number: required. A certificate is annulled by the order of the head.")))
    problems += length_problem("order_no", _("Order number"), order_no, _LENGTHS["annul_order_no"])
    if order_date is None:
        problems.append(Problem("order_date", _("Order date: required. Enter the date of the head's order.")))
    elif order_date > today:
        problems.append(Problem("order_date", _(
            "Order date: {date} is in the future. Enter the date the order was signed.").format(
            date=format_date(order_date))))
    elif order_date < certificate.issue_date:
        problems.append(Problem("order_date", _(
            "Order date: {date} is before the certificate was issued ({issued}).").format(
            date=format_date(order_date), issued=format_date(certificate.issue_date))))
    return problems


def status_word(status: CertificateStatus) -> str:
    """A certificate's status in words (translated)."""
    return {
        CertificateStatus.ISSUED: _("valid"),
        CertificateStatus.ANNULLED: _("annulled"),
        CertificateStatus.SUPERSEDED: _("replaced by a new certificate"),
    }[CertificateStatus(status)]


def _mark_annulled(certificate: Certificate, status: CertificateStatus, reason: str, order_no: str,
                   order_date: date | None, by: str, at: datetime | None) -> None:
    certificate.status = status
    certificate.annul_reason = reason
    certificate.annul_order_no = order_no
    certificate.annul_order_date = order_date
    certificate.annulled_by = by
    certificate.annulled_at = at or utcnow()


@guarded(Action.ANNUL)
def annul_certificate(session: Session, certificate_id: int, *, reason: str, order_no: str,
                      order_date: date | None, today: date, by: str, at: datetime | None = None) -> Certificate:
    """Annul an issued certificate: the record stays, with the reason, the head's order and who did it."""
    certificate = certificate_or_refuse(session, certificate_id)
    reason, order_no = reason.strip(), clean_spaces(order_no)
    raise_if(_annulment_problems(certificate, reason, order_no, order_date, today))
    with audit_reason(session, reason):
        _mark_annulled(certificate, CertificateStatus.ANNULLED, reason, order_no, order_date, by, at)
    return certificate


@guarded(Action.REISSUE)
def reissue_certificate(session: Session, certificate_id: int, *, on: date, reason: str, order_no: str,
                        order_date: date | None, today: date, by: str, at: datetime | None = None) -> Certificate:
    """After a correction (a name, a title): the old certificate is superseded and a new one is issued with a
    new number and today's names, linked both ways. The validity stays that of the old one
    (:func:`~pedesk.services.rules.paragraphs.reissued_valid_until`). Call inside ``transaction(immediate=True)``."""
    old = certificate_or_refuse(session, certificate_id)
    reason, order_no = reason.strip(), clean_spaces(order_no)
    problems = _annulment_problems(old, reason, order_no, order_date, today)
    if old.enrolment_id is None:
        problems.append(Problem("certificate", _(
            "Certificate {number} has no listener's record in this office to reissue from.").format(
            number=old.number)))
    if on > today:
        problems.append(Problem("on", _(
            "The date of issue {date} is in the future. Enter today's date or an earlier one.").format(
            date=format_date(on))))
    elif on < old.issue_date:
        problems.append(Problem("on", _(
            "The new certificate cannot be dated before the old one ({issued}).").format(
            issued=format_date(old.issue_date))))
    office = require_own_office(session)
    if old.enrolment is not None:
        problems += issuer_problems(office, old.enrolment.cohort)
    raise_if(problems)
    assert old.enrolment is not None
    with audit_reason(session, reason):
        _mark_annulled(old, CertificateStatus.SUPERSEDED, reason, order_no, order_date, by, at)
        session.flush()  # the old one stops being live before the new one is inserted (the unique index)
        new = _new_certificate(session, office, old.enrolment, on, by, reissued_valid_until(old.valid_until))
        new.supersedes_id = old.id
        old.superseded_by_id = new.id
    return new


@guarded(Action.DUPLICATE)
def record_duplicate(session: Session, certificate_id: int, *, reason: str, application_no: str = "",
                     by: str, at: datetime | None = None) -> CertificateDuplicate:
    """A duplicate (ТЕЛНҰСҚА / ДУБЛИКАТ) of a lost or damaged certificate: the same number and text, recorded
    each time it is printed."""
    certificate = certificate_or_refuse(session, certificate_id)
    reason = reason.strip()
    problems = _valid_here(certificate, _(
        "Certificate {number} was issued by a foreign organisation; ask that organisation for a duplicate."),
        _("Certificate {number} is {status}; a duplicate is printed only of a valid certificate."))
    if not reason:
        problems.append(Problem("reason", _(
            "Reason: required. Say why a duplicate is needed (lost, damaged).")))
    application_no = clean_spaces(application_no)
    problems += length_problem("application_no", _("Holder's application number"), application_no,
                               column_lengths(CertificateDuplicate)["application_no"])
    raise_if(problems)
    duplicate = CertificateDuplicate(certificate_id=certificate.id, reason=reason,
                                     application_no=application_no, by=by, printed_at=at or utcnow())
    with audit_reason(session, reason):
        session.add(duplicate)
    return duplicate
