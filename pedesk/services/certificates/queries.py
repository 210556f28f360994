"""Reading certificates: lists, the certificates a print run covers, and the issue book (журнал выдачи) of a
period. Verification by number, code or scanned QR text (п.32) is in
:mod:`pedesk.services.certificates.verification`. No Qt, no writes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from pedesk.i18n import _
from pedesk.models import Assessment, Certificate, CertificateDuplicate, Cohort, Enrolment, Programme, Teacher
from pedesk.models.enums import CertificateStatus, EnrolmentStatus
from pedesk.services.common import Problem, fold, raise_if
from pedesk.services.reference import own_office_id
from pedesk.services.rules import certificate_is_expired, normalize_verification_code

__all__ = [
    "AwaitingCohort",
    "CertificateRow",
    "PrintableCertificate",
    "Validity",
    "certificate_validity",
    "cohorts_awaiting_certificates",
    "count_certificates",
    "list_certificates",
    "number_key",
    "page_certificates",
    "printable_certificates",
    "validity_label",
]


class Validity(StrEnum):
    """What verification answers (the CLI's JSON ``status``)."""

    VALID = "valid"
    EXPIRED = "expired"
    ANNULLED = "annulled"
    SUPERSEDED = "superseded"
    UNKNOWN = "unknown"


def validity_label(value: Validity) -> str:
    return {
        Validity.VALID: _("valid"),
        Validity.EXPIRED: _("expired"),
        Validity.ANNULLED: _("annulled"),
        Validity.SUPERSEDED: _("replaced by a new certificate"),
        Validity.UNKNOWN: _("unknown"),
    }[value]


def certificate_validity(certificate: Certificate, today: date) -> Validity:
    if certificate.superseded_by_id is not None or certificate.status == CertificateStatus.SUPERSEDED:
        return Validity.SUPERSEDED
    if certificate.status == CertificateStatus.ANNULLED:
        return Validity.ANNULLED
    if certificate_is_expired(certificate.valid_until, today):
        return Validity.EXPIRED
    return Validity.VALID


def number_key(text: str) -> str:
    return "".join(text.split()).upper()


# --- Lists ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateRow:
    id: int
    number: str
    code: str
    iin: str
    holder: str
    cohort_code: str
    programme: str
    hours: int
    issued: date
    valid_until: date
    validity: Validity
    external: bool
    duplicates: int

    def as_json(self) -> dict[str, object]:
        return {"number": self.number, "code": self.code, "iin": self.iin, "status": self.validity.value,
                "issued": self.issued.isoformat(), "holder": self.holder, "cohort": self.cohort_code,
                "valid_until": self.valid_until.isoformat()}


_COHORT = aliased(Cohort, name="certificate_cohort")


def _rows_query(lang: str) -> Select[Any]:
    holder = func.trim(Teacher.surname + " " + Teacher.name + " " + Teacher.patronymic)
    title = Programme.title_kk if lang == "kk" else Programme.title_ru
    duplicates = (select(func.count()).select_from(CertificateDuplicate)
                  .where(CertificateDuplicate.certificate_id == Certificate.id).scalar_subquery())
    return (
        select(Certificate, holder, Teacher.iin, func.coalesce(_COHORT.code, ""),
               func.coalesce(Certificate.external_topic, ""), func.coalesce(title, ""), duplicates)
        .join(Teacher, Teacher.id == Certificate.teacher_id)
        .outerjoin(Enrolment, Enrolment.id == Certificate.enrolment_id)
        .outerjoin(_COHORT, _COHORT.id == Enrolment.cohort_id)
        .outerjoin(Programme, Programme.id == _COHORT.programme_id)
    )


def _filtered(lang: str, *, text: str = "", cohort_code: str | None = None, cohort_id: int | None = None,
              issued_from: date | None = None, issued_to: date | None = None) -> Select[Any]:
    query = _rows_query(lang)
    if cohort_code:
        query = query.where(_COHORT.code == cohort_code)
    if cohort_id is not None:
        query = query.where(_COHORT.id == cohort_id)
    if issued_from is not None:
        query = query.where(Certificate.issue_date >= issued_from)
    if issued_to is not None:
        query = query.where(Certificate.issue_date <= issued_to)
    for word in text.split():
        query = query.where(or_(
            func.upper(Certificate.number).contains(word.upper(), autoescape=True),
            Teacher.iin.startswith(word, autoescape=True),
            Teacher.search_key.contains(fold(word), autoescape=True),
            Certificate.verification_code == normalize_verification_code(word),
        ))
    return query


def _row(values: Sequence[Any], today: date) -> CertificateRow:
    certificate, holder, iin, cohort_code, topic, title, duplicates = values
    return CertificateRow(
        id=certificate.id, number=certificate.number, code=certificate.verification_code, iin=iin, holder=holder,
        cohort_code=cohort_code, programme=topic if certificate.external else title,
        hours=certificate.academic_hours, issued=certificate.issue_date, valid_until=certificate.valid_until,
        validity=certificate_validity(certificate, today), external=certificate.external,
        duplicates=int(duplicates or 0),
    )


def list_certificates(session: Session, *, today: date, lang: str, cohort_code: str | None = None,
                      issued_from: date | None = None, issued_to: date | None = None) -> list[CertificateRow]:
    """Every certificate matching the filters, in issue order (the CLI's ``certificates list``)."""
    query = _filtered(lang, cohort_code=cohort_code, issued_from=issued_from, issued_to=issued_to)
    query = query.order_by(Certificate.issue_date, Certificate.year, Certificate.seq.asc().nulls_first(), Certificate.id)
    return [_row(values, today) for values in session.execute(query).all()]


def page_certificates(session: Session, text: str, offset: int, limit: int, *, today: date, lang: str,
                      cohort_id: int | None = None) -> list[CertificateRow]:
    """One page of the window's list, newest first; ``text`` matches a number, a code, an IIN or a name."""
    query = _filtered(lang, text=text, cohort_id=cohort_id)
    query = query.order_by(Certificate.issue_date.desc(), Certificate.id.desc()).offset(offset).limit(limit)
    return [_row(values, today) for values in session.execute(query).all()]


def count_certificates(session: Session, text: str = "", *, cohort_id: int | None = None) -> int:
    query = _filtered("kk", text=text, cohort_id=cohort_id).with_only_columns(func.count(Certificate.id))
    return int(session.scalar(query.order_by(None)) or 0)


# --- Printing ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintableCertificate:
    id: int
    number: str
    snapshot: dict[str, object]


def printable_certificates(session: Session, *, cohort_id: int | None = None, ids: Sequence[int] = (),
                           numbers: Sequence[str] = (), issued_from: date | None = None,
                           issued_to: date | None = None) -> list[PrintableCertificate]:
    """The live certificates of ours a print run covers, in number order: a cohort's, the chosen ones (by id or
    number; an annulled or replaced one is refused by name), or all issued between two dates."""
    query = select(Certificate)
    chosen = bool(ids or numbers)
    if not chosen:
        query = query.where(Certificate.external.is_(False))
    if cohort_id is not None:
        query = query.join(Enrolment, Enrolment.id == Certificate.enrolment_id).where(Enrolment.cohort_id == cohort_id)
    if ids:
        query = query.where(Certificate.id.in_(list(ids)))
    if numbers:
        keys = [number_key(number) for number in numbers]
        query = query.where(func.upper(func.replace(Certificate.number, " ", "")).in_(keys))
        query = query.where(Certificate.office_id == own_office_id())
    if issued_from is not None:
        query = query.where(Certificate.issue_date >= issued_from)
    if issued_to is not None:
        query = query.where(Certificate.issue_date <= issued_to)
    found = session.scalars(query.order_by(Certificate.year, Certificate.seq.asc().nulls_first(), Certificate.id)).all()
    problems: list[Problem] = []
    if numbers:
        known = {number_key(c.number) for c in found}
        problems += [Problem("number", _("There is no certificate {number} in this office. Check the number.").format(
            number=number)) for number in numbers if number_key(number) not in known]
    foreign = [c for c in found if c.external]
    live = [c for c in found if c.status == CertificateStatus.ISSUED and not c.external]
    if chosen:
        problems += [Problem("number", _(
            "Certificate {number} was issued by a foreign organisation (п.25 of the Rules); pedesk does not print it."
        ).format(number=c.number)) for c in foreign]
        problems += [Problem("number", _(
            "Certificate {number} is {status} and is not printed any more.").format(
            number=c.number, status=validity_label(certificate_validity(c, date.max))))
            for c in found if c.status != CertificateStatus.ISSUED and not c.external]
    raise_if(problems)
    return [PrintableCertificate(c.id, c.number, json.loads(c.snapshot)) for c in live]


# --- Waiting for certificates -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AwaitingCohort:
    """A cohort with listeners who passed and hold no certificate of ours yet."""

    id: int
    code: str
    programme: str
    start: date
    end: date
    waiting: int


def cohorts_awaiting_certificates(session: Session, *, lang: str) -> list[AwaitingCohort]:
    """This office's cohorts (not abroad) with listeners who completed the course, passed the final assessment
    and hold no live certificate of ours, most recent first."""
    live = (select(Certificate.id).where(Certificate.enrolment_id == Enrolment.id,
                                         Certificate.status == CertificateStatus.ISSUED,
                                         Certificate.external.is_(False)).exists())
    passed = select(Assessment.id).where(Assessment.enrolment_id == Enrolment.id, Assessment.passed.is_(True)).exists()
    title = Programme.title_kk if lang == "kk" else Programme.title_ru
    query = (
        select(Cohort.id, Cohort.code, title, Cohort.start_date, Cohort.end_date, func.count(Enrolment.id))
        .join(Programme, Programme.id == Cohort.programme_id)
        .join(Enrolment, Enrolment.cohort_id == Cohort.id)
        .where(Cohort.office_id == own_office_id(), Programme.abroad.is_(False),
               Enrolment.status == EnrolmentStatus.COMPLETED, passed, ~live)
        .group_by(Cohort.id, Cohort.code, title, Cohort.start_date, Cohort.end_date)
        .order_by(Cohort.end_date.desc(), Cohort.code)
    )
    return [AwaitingCohort(*row) for row in session.execute(query).all()]
