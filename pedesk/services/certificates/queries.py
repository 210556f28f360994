"""Reading certificates: verification by number, code or scanned QR text (п.32), lists, the certificates a print
run covers, and the issue book (журнал выдачи) of a period. No Qt, no writes.
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

from pedesk.i18n import _, current_language, format_date
from pedesk.models import Assessment, Certificate, CertificateDuplicate, Cohort, Enrolment, Programme, Teacher
from pedesk.models.enums import CertificateStatus, EnrolmentStatus
from pedesk.services.common import Problem, fold, raise_if
from pedesk.services.reference import own_office_id
from pedesk.services.rules import (
    CODE_LENGTH,
    VERIFICATION_ALPHABET,
    certificate_is_expired,
    normalize_verification_code,
    parse_qr_payload,
)

__all__ = [
    "AwaitingCohort",
    "CertificateRow",
    "PrintableCertificate",
    "Validity",
    "Verification",
    "cohorts_awaiting_certificates",
    "count_certificates",
    "find_certificate",
    "list_certificates",
    "page_certificates",
    "printable_certificates",
    "validity_label",
    "verify_certificate",
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


def _validity(certificate: Certificate, today: date) -> Validity:
    if certificate.superseded_by_id is not None or certificate.status == CertificateStatus.SUPERSEDED:
        return Validity.SUPERSEDED
    if certificate.status == CertificateStatus.ANNULLED:
        return Validity.ANNULLED
    if certificate_is_expired(certificate.valid_until, today):
        return Validity.EXPIRED
    return Validity.VALID


# --- Finding one certificate ------------------------------------------------------------------------------------


def _number_key(text: str) -> str:
    return "".join(text.split()).upper()


def find_certificate(session: Session, text: str) -> Certificate | None:
    """The certificate a typed number, verification code (with or without the dash, I/L/O read as 1/1/0)
    or scanned QR text names; this office's first when several offices hold the same number."""
    scanned = parse_qr_payload(text)
    if scanned is not None:
        found = session.scalars(select(Certificate).where(Certificate.verification_code == scanned[0])).first()
        if found is not None:
            return found
        text = scanned[1]
    code = normalize_verification_code(text)
    if len(code) == CODE_LENGTH and all(ch in VERIFICATION_ALPHABET for ch in code):
        found = session.scalars(select(Certificate).where(Certificate.verification_code == code)).first()
        if found is not None:
            return found
    key = _number_key(text)
    if not key:
        return None
    query = (select(Certificate).where(func.upper(func.replace(Certificate.number, " ", "")) == key)
             .order_by((Certificate.office_id == own_office_id()).desc(), Certificate.id.desc()))
    return session.scalars(query).first()


@dataclass(frozen=True)
class Verification:
    """The answer to "is this certificate genuine and valid?"; ``status`` says which case it is."""

    status: Validity
    query: str
    number: str = ""
    code: str = ""
    holder: str = ""
    iin: str = ""
    programme_kk: str = ""
    programme_ru: str = ""
    hours: int | None = None
    course_start: date | None = None
    course_end: date | None = None
    issued: date | None = None
    valid_until: date | None = None
    signer: str = ""
    issuer: str = ""
    reason: str = ""
    annulled_on: date | None = None
    order_no: str = ""
    new_number: str = ""
    duplicates: int = 0

    def as_json(self) -> dict[str, Any]:
        def iso(value: date | None) -> str | None:
            return value.isoformat() if value else None

        data: dict[str, Any] = {
            "status": self.status.value, "number": self.number or None, "code": self.code or None,
            "holder": self.holder or None, "iin": self.iin or None, "programme_kk": self.programme_kk or None,
            "programme_ru": self.programme_ru or None, "hours": self.hours,
            "course_start": iso(self.course_start), "course_end": iso(self.course_end), "issued": iso(self.issued),
            "valid_until": iso(self.valid_until), "signer": self.signer or None,
        }
        if self.status == Validity.ANNULLED or self.status == Validity.SUPERSEDED:
            data.update(reason=self.reason or None, annulled_on=iso(self.annulled_on), order_no=self.order_no or None)
        if self.status == Validity.SUPERSEDED:
            data["new_number"] = self.new_number or None
        if self.issuer:
            data["issuer"] = self.issuer
        return data

    def summary(self, lang: str | None = None) -> str:
        """Translated sentences for the window and the terminal; the programme's title in ``lang`` (Kazakh for
        kk, else Russian). Dates are written out in full, so no sentence ends in an abbreviation's dot."""
        if self.status == Validity.UNKNOWN:
            return _('No certificate has the number or code "{query}". Check what you typed; a code has 10 '
                     "letters and digits, as printed under the QR code.").format(query=self.query)
        about = _("Certificate {number}: {holder}, {programme}, {hours} academic hours, course {start} – {end}, "
                  "issued {issued}.").format(
            number=self.number, holder=self.holder, programme=self._programme(lang),
            hours=self.hours, start=_long(self.course_start), end=_long(self.course_end), issued=_long(self.issued))
        verdict = {
            Validity.VALID: _("Valid until {date}.").format(date=_long(self.valid_until)),
            Validity.EXPIRED: _("Expired: it was valid until {date}.").format(date=_long(self.valid_until)),
            Validity.ANNULLED: _("Annulled on {date}: {reason}").format(
                date=_long(self.annulled_on), reason=_sentence(self.reason)),
            Validity.SUPERSEDED: _("Replaced by certificate {number} on {date}: {reason}").format(
                number=self.new_number, date=_long(self.annulled_on), reason=_sentence(self.reason)),
        }[self.status]
        return f"{about} {verdict}"

    def _programme(self, lang: str | None) -> str:
        kazakh = (lang or current_language()) == "kk"
        return (self.programme_kk if kazakh else self.programme_ru) or self.programme_kk or self.programme_ru


def _long(value: date | None) -> str:
    return format_date(value, "long") if value else ""


def _sentence(text: str) -> str:
    """``text`` ending with exactly one full stop (a reason typed with or without one)."""
    stripped = text.strip().rstrip(".")
    return f"{stripped}." if stripped else ""


def _from_snapshot(certificate: Certificate) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(certificate.snapshot or "{}")
    if data:
        return data
    # a foreign organisation's certificate (п.25) has no snapshot of ours: read the records it belongs to
    teacher, enrolment = certificate.teacher, certificate.enrolment
    cohort = enrolment.cohort if enrolment is not None else None
    return {
        "number": certificate.number, "code": certificate.verification_code, "holder": teacher.full_name,
        "iin": teacher.iin, "programme_kk": certificate.external_topic or (cohort.programme.title_kk if cohort else ""),
        "programme_ru": certificate.external_topic or (cohort.programme.title_ru if cohort else ""),
        "hours": certificate.academic_hours, "course_start": cohort.start_date.isoformat() if cohort else None,
        "course_end": cohort.end_date.isoformat() if cohort else None,
        "issued": certificate.issue_date.isoformat(), "valid_until": certificate.valid_until.isoformat(),
        "signer_name": "",
    }


def _date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def verify_certificate(session: Session, text: str, today: date) -> Verification:
    """Verify by number, code or QR text: valid, expired, annulled (with reason), superseded (with the new
    number) or unknown."""
    query = text.strip()
    certificate = find_certificate(session, query) if query else None
    if certificate is None:
        return Verification(Validity.UNKNOWN, query)
    data = _from_snapshot(certificate)
    status = _validity(certificate, today)
    replacement = session.get(Certificate, certificate.superseded_by_id) if certificate.superseded_by_id else None
    duplicates = session.scalar(select(func.count()).select_from(CertificateDuplicate)
                                .where(CertificateDuplicate.certificate_id == certificate.id)) or 0
    return Verification(
        status=status, query=query, number=certificate.number, code=certificate.verification_code,
        holder=str(data.get("holder", "")), iin=str(data.get("iin", "")),
        programme_kk=str(data.get("programme_kk", "")), programme_ru=str(data.get("programme_ru", "")),
        hours=int(data.get("hours") or certificate.academic_hours), course_start=_date(data.get("course_start")),
        course_end=_date(data.get("course_end")), issued=certificate.issue_date,
        valid_until=certificate.valid_until, signer=str(data.get("signer_name", "")),
        issuer=certificate.external_issuer if certificate.external else "",
        reason=certificate.annul_reason, order_no=certificate.annul_order_no,
        annulled_on=certificate.annulled_at.date() if certificate.annulled_at else None,
        new_number=replacement.number if replacement is not None else "", duplicates=int(duplicates),
    )


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
        validity=_validity(certificate, today), external=certificate.external, duplicates=int(duplicates or 0),
    )


def list_certificates(session: Session, *, today: date, lang: str, cohort_code: str | None = None,
                      issued_from: date | None = None, issued_to: date | None = None) -> list[CertificateRow]:
    """Every certificate matching the filters, in issue order (the CLI's ``certificates list``)."""
    query = _filtered(lang, cohort_code=cohort_code, issued_from=issued_from, issued_to=issued_to)
    query = query.order_by(Certificate.issue_date, Certificate.year, Certificate.seq, Certificate.id)
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
        keys = [_number_key(number) for number in numbers]
        query = query.where(func.upper(func.replace(Certificate.number, " ", "")).in_(keys))
        query = query.where(Certificate.office_id == own_office_id())
    if issued_from is not None:
        query = query.where(Certificate.issue_date >= issued_from)
    if issued_to is not None:
        query = query.where(Certificate.issue_date <= issued_to)
    found = session.scalars(query.order_by(Certificate.year, Certificate.seq, Certificate.id)).all()
    problems: list[Problem] = []
    if numbers:
        known = {_number_key(c.number) for c in found}
        problems += [Problem("number", _("There is no certificate {number} in this office. Check the number.").format(
            number=number)) for number in numbers if _number_key(number) not in known]
    foreign = [c for c in found if c.external]
    live = [c for c in found if c.status == CertificateStatus.ISSUED and not c.external]
    if chosen:
        problems += [Problem("number", _(
            "Certificate {number} was issued by a foreign organisation (п.25 of the Rules); pedesk does not print it."
        ).format(number=c.number)) for c in foreign]
        problems += [Problem("number", _(
            "Certificate {number} is {status} and is not printed any more.").format(
            number=c.number, status=validity_label(_validity(c, date.max))))
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
