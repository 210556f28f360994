"""Verifying a certificate (п.32): the certificate a typed number, verification code or scanned QR text
names, and the answer to "is it genuine and valid?": valid, expired, annulled (with the reason), replaced
by a new certificate (with its number) or unknown, for the window, the terminal and the CLI's JSON. No Qt,
no writes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pedesk.i18n import _, current_language, format_date
from pedesk.models import Certificate, CertificateDuplicate
from pedesk.services.certificates.queries import Validity, certificate_validity, number_key
from pedesk.services.reference import own_office_id
from pedesk.services.rules import (
    CODE_LENGTH,
    VERIFICATION_ALPHABET,
    normalize_verification_code,
    parse_qr_payload,
)

__all__ = [
    "Verification",
    "find_certificate",
    "verify_certificate",
]


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
    key = number_key(text)
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
    status = certificate_validity(certificate, today)
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
