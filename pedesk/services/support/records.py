"""Post-course support (курстан кейінгі қолдау, п.35-37): recording the works, exchange events, recognition and
programme corrections of a certified listener, the three yearly monitoring visits, and where one stands.

No Qt. Every refusal is a ``ValidationError`` raised before anything changes.

DECISIONs of ours beyond the Rules: support is for certificates this office issued after its own course (an
external certificate's support belongs to the provider that issued it); an annulled or replaced certificate
gets no more records (the replacing certificate does); only independent works count towards the three.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date
from pedesk.models import Certificate
from pedesk.models.enums import CertificateStatus, MonitoringResult, SupportKind
from pedesk.models.support import MonitoringRecord, PostCourseWork
from pedesk.services.access import Action, guarded
from pedesk.services.common import Problem, ValidationError, chosen, found_or_refuse, raise_if
from pedesk.services.rules import (
    FINAL_ANALYSIS_YEAR,
    MONITORING_YEARS,
    WORKS_REQUIRED,
    final_analysis_due,
    monitoring_due_dates,
    support_applies,
    works_due_date,
)
from pedesk.services.support.queries import lineage_ids, support_since, works_held

__all__ = [
    "MonitoringData",
    "MonitoringYear",
    "SupportStatus",
    "WorkData",
    "course_end_of",
    "ensure_monitoring_records",
    "monitoring_records",
    "support_since_of",
    "final_analysis_refusal",
    "record_final_analysis",
    "record_monitoring",
    "record_work",
    "support_refusal",
    "support_status",
    "supported_certificate",
    "update_work",
]

_TITLE_MAX = 600
_PLACE_MAX = 400
_TEXT_MAX = 300


@dataclass(frozen=True)
class WorkData:
    """A work as the form or the command gives it; ``kind`` may be the enum or its value."""

    kind: SupportKind | str | None
    held_on: date | None
    title: str
    place: str = ""
    evidence: str = ""
    remote: bool = False


@dataclass(frozen=True)
class MonitoringData:
    """A monitoring visit (п.37): when, how, by whom, what changed in the teacher's practice, the result."""

    done_on: date | None
    method: str
    done_by: str
    findings: str
    result: MonitoringResult | str | None


@dataclass(frozen=True)
class MonitoringYear:
    year_no: int
    due: date
    done_on: date | None
    result: MonitoringResult | None
    overdue: bool


@dataclass(frozen=True)
class SupportStatus:
    """Where a certified listener stands: the works against the three required by ``works_due`` and the three
    monitoring years with their due dates."""

    certificate_id: int
    works_done: int
    works_due: date
    works_overdue: bool
    monitoring: tuple[MonitoringYear, ...]
    final: MonitoringYear | None = None
    """The final analysis (п.35), ``year_no`` 0, due with the third monitoring."""

    @property
    def works_complete(self) -> bool:
        return self.works_done >= WORKS_REQUIRED

    @property
    def any_overdue(self) -> bool:
        final_overdue = self.final is not None and self.final.overdue
        return self.works_overdue or final_overdue or any(year.overdue for year in self.monitoring)


def course_end_of(certificate: Certificate) -> date | None:
    enrolment = certificate.enrolment
    return enrolment.cohort.end_date if enrolment is not None else None


def support_refusal(certificate: Certificate) -> str | None:
    """Why this certificate has no post-course support, or None when it has."""
    if certificate.status != CertificateStatus.ISSUED or certificate.superseded_by_id is not None:
        return _("Certificate {number} was annulled or replaced; record the support on the valid certificate "
                 "instead.").format(number=certificate.number)
    enrolment = certificate.enrolment
    if enrolment is not None and not support_applies(enrolment.cohort.programme.abroad):
        return _("Certificate {number} is for a course abroad: there is no post-course support or monitoring "
                 "after a course abroad (п.5).").format(number=certificate.number)
    if certificate.external or enrolment is None:
        return _("Certificate {number} was issued by another organisation; its post-course support is that "
                 "organisation's.").format(number=certificate.number)
    return None


def supported_certificate(session: Session, certificate_id: int) -> Certificate:
    """The certificate, refused (field "certificate") when missing or without support (``support_refusal``)."""
    certificate = found_or_refuse(session, Certificate, certificate_id, "certificate",
                                  _("There is no such certificate; refresh the list."))
    refusal = support_refusal(certificate)
    if refusal is not None:
        raise ValidationError.single("certificate", refusal)
    return certificate


def _date_problems(field: str, value: date | None, earliest: date, today: date, missing: str, early: str,
                   future: str) -> list[Problem]:
    """The date of a work or a visit: given (else ``missing``), not before ``earliest`` (else ``early``) and
    not after ``today`` (else ``future``)."""
    if value is None:
        return [Problem(field, missing)]
    if value < earliest:
        return [Problem(field, early)]
    if value > today:
        return [Problem(field, future)]
    return []


def _work_problems(data: WorkData, course_end: date, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if chosen(SupportKind, data.kind) is None:
        problems.append(Problem("kind", _("Choose the kind of support: an independent work, an exchange event, "
                                          "public recognition or a programme correction.")))
    problems += _date_problems(
        "held_on", data.held_on, course_end, today, _("Enter the date the work was held."),
        _("The date the work was held is before the course ended ({end}); check the date.").format(
            end=format_date(course_end)),
        _("The date the work was held is in the future; record a work once it has been held."))
    if not data.title.strip():
        problems.append(Problem("title", _("Enter the title of the work (the topic of the lesson, the seminar "
                                           "or the publication).")))
    elif len(data.title.strip()) > _TITLE_MAX:
        problems.append(Problem("title", _("The title is longer than {n} characters; shorten it.").format(
            n=_TITLE_MAX)))
    if len(data.place.strip()) > _PLACE_MAX:
        problems.append(Problem("place", _("The place is longer than {n} characters; shorten it.").format(
            n=_PLACE_MAX)))
    return problems


def _apply_work(work: PostCourseWork, data: WorkData) -> None:
    kind, held_on = chosen(SupportKind, data.kind), data.held_on
    assert kind is not None and held_on is not None  # checked by _work_problems
    work.kind, work.held_on = kind, held_on
    work.title, work.place = data.title.strip(), data.place.strip()
    work.evidence, work.remote = data.evidence.strip(), data.remote


@guarded(Action.SUPPORT)
def record_work(session: Session, certificate_id: int, data: WorkData, *, today: date) -> PostCourseWork:
    """п.36: record a work (or an exchange event, recognition, programme correction) of a certified listener."""
    certificate = supported_certificate(session, certificate_id)
    course_end = course_end_of(certificate)
    assert course_end is not None  # support_refusal refuses certificates without a course
    raise_if(_work_problems(data, course_end, today))
    work = PostCourseWork(certificate_id=certificate.id)
    _apply_work(work, data)
    session.add(work)
    session.flush()
    return work


@guarded(Action.SUPPORT)
def update_work(session: Session, work_id: int, data: WorkData, *, today: date) -> PostCourseWork:
    """Correct a recorded work (works are records of support: they are corrected, never deleted)."""
    work = found_or_refuse(session, PostCourseWork, work_id, "work", _("There is no such work; refresh the list."))
    certificate = supported_certificate(session, work.certificate_id)
    course_end = course_end_of(certificate)
    assert course_end is not None
    raise_if(_work_problems(data, course_end, today))
    _apply_work(work, data)
    session.flush()
    return work


def support_since_of(session: Session, certificate: Certificate) -> date:
    """The day the certificate's monitoring years count from: its issue date, or after a reissue the first
    certificate's (see ``queries.Lineage``)."""
    return support_since(session, [certificate.id], {certificate.id: certificate.issue_date})[certificate.id]


def monitoring_records(session: Session, certificate_id: int) -> dict[int, MonitoringRecord]:
    """``year_no`` -> the monitoring record of the certificate's lineage: the newest certificate's record that is
    done, else the certificate's own (0 is the final analysis)."""
    ids = lineage_ids(session, certificate_id)
    picked: dict[int, MonitoringRecord] = {}
    for record in sorted(session.scalars(select(MonitoringRecord).where(MonitoringRecord.certificate_id.in_(ids))),
                         key=lambda record: ids.index(record.certificate_id)):
        current = picked.get(record.year_no)
        if current is None or (current.done_on is None and record.done_on is not None):
            picked[record.year_no] = record
    return picked


def ensure_monitoring_records(session: Session, certificate: Certificate) -> list[MonitoringRecord]:
    """The three yearly monitoring records of a certificate (п.37), created with their due dates if missing."""
    existing = {record.year_no: record for record in session.scalars(
        select(MonitoringRecord).where(MonitoringRecord.certificate_id == certificate.id))}
    for year_no, due in enumerate(monitoring_due_dates(support_since_of(session, certificate)), 1):
        if year_no not in existing:
            existing[year_no] = MonitoringRecord(certificate_id=certificate.id, year_no=year_no, due_date=due)
            session.add(existing[year_no])
    session.flush()
    return [existing[year_no] for year_no in range(1, MONITORING_YEARS + 1)]


def _monitoring_problems(data: MonitoringData, issue_date: date, today: date) -> list[Problem]:
    problems: list[Problem] = []
    problems += _date_problems(
        "done_on", data.done_on, issue_date, today, _("Enter the date of the monitoring visit."),
        _("The monitoring date is before the certificate was issued ({issued}); check the date.").format(
            issued=format_date(issue_date)),
        _("The monitoring date is in the future; record the visit once it has taken place."))
    for field, value, message in (
        ("method", data.method, _("Enter how the monitoring was done (a lesson visit, a questionnaire ...).")),
        ("done_by", data.done_by, _("Enter who did the monitoring.")),
    ):
        if not value.strip():
            problems.append(Problem(field, message))
        elif len(value.strip()) > _TEXT_MAX:
            problems.append(Problem(field, _("This field is longer than {n} characters; shorten it.").format(
                n=_TEXT_MAX)))
    if chosen(MonitoringResult, data.result) is None:
        problems.append(Problem("result", _("Choose the result: positive changes, partial, or no change.")))
    return problems


def _apply_visit(record: MonitoringRecord, data: MonitoringData) -> None:
    record.done_on, record.result = data.done_on, chosen(MonitoringResult, data.result)
    record.method, record.done_by = data.method.strip(), data.done_by.strip()
    record.findings = data.findings.strip()


@guarded(Action.SUPPORT)
def record_monitoring(session: Session, certificate_id: int, year_no: int, data: MonitoringData, *,
                      today: date) -> MonitoringRecord:
    """п.37: record (or correct) the monitoring visit of year ``year_no`` (1-3) of a certificate."""
    certificate = supported_certificate(session, certificate_id)
    if not 1 <= year_no <= MONITORING_YEARS:
        raise ValidationError.single("year_no", _("Choose a monitoring year from 1 to {n}.").format(
            n=MONITORING_YEARS))
    raise_if(_monitoring_problems(data, support_since_of(session, certificate), today))
    record = ensure_monitoring_records(session, certificate)[year_no - 1]
    _apply_visit(record, data)
    session.flush()
    return record


def final_analysis_refusal(session: Session, certificate_id: int) -> str | None:
    """Why the final analysis cannot be recorded yet (the three yearly visits come first), or None."""
    return _missing_visits(monitoring_records(session, certificate_id))


def _missing_visits(records: dict[int, MonitoringRecord]) -> str | None:
    missing = [str(year_no) for year_no in range(1, MONITORING_YEARS + 1)
               if year_no not in records or records[year_no].done_on is None]
    if missing:
        return _("The final analysis sums up the three yearly monitoring visits; record the visits of year(s) "
                 "{years} first.").format(years=", ".join(missing))
    return None


@guarded(Action.SUPPORT)
def record_final_analysis(session: Session, certificate_id: int, data: MonitoringData, *,
                          today: date) -> MonitoringRecord:
    """п.35: record (or correct) the final analysis of changes in the teacher's practice at the end of the three
    years of monitoring, once the three yearly visits are recorded; the method may be left empty."""
    certificate = supported_certificate(session, certificate_id)
    records = monitoring_records(session, certificate.id)
    refusal = _missing_visits(records)
    if refusal is not None:
        raise ValidationError.single("year_no", refusal)
    since = support_since_of(session, certificate)
    last_visit = max(record.done_on for year_no, record in records.items()
                     if year_no >= 1 and record.done_on is not None)
    problems = [problem for problem in _monitoring_problems(data, since, today)
                if not (problem.field == "method" and not data.method.strip())]
    if data.done_on is not None and data.done_on < last_visit and not any(p.field == "done_on" for p in problems):
        problems.append(Problem("done_on", _("The final analysis is dated before the last monitoring visit ({visit})"
                                             "; check the date.").format(visit=format_date(last_visit))))
    if not data.findings.strip():
        problems.append(Problem("findings", _("Write the analysis: what changed in the teacher's practice over "
                                              "the three years.")))
    raise_if(problems)
    record = session.scalars(select(MonitoringRecord).where(
        MonitoringRecord.certificate_id == certificate.id, MonitoringRecord.year_no == FINAL_ANALYSIS_YEAR)).first()
    if record is None:
        record = MonitoringRecord(certificate_id=certificate.id, year_no=FINAL_ANALYSIS_YEAR,
                                  due_date=final_analysis_due(since))
        session.add(record)
    _apply_visit(record, data)
    session.flush()
    return record


def _works_done(session: Session, certificate_id: int, until: date) -> int:
    return sum(1 for held_on in works_held(session, [certificate_id]).get(certificate_id, ()) if held_on <= until)


def support_status(session: Session, certificate_id: int, today: date) -> SupportStatus:
    """The works against the three required within 12 months of the course's end, and the three monitoring
    years from the issue date (п.36-37); overdue means the due date has passed (``today > due``) undone."""
    certificate = supported_certificate(session, certificate_id)
    course_end = course_end_of(certificate)
    assert course_end is not None
    works_due = works_due_date(course_end)
    done = _works_done(session, certificate.id, works_due)
    records = monitoring_records(session, certificate.id)
    since = support_since_of(session, certificate)
    years = []
    for year_no, due in enumerate(monitoring_due_dates(since), 1):
        record = records.get(year_no)
        done_on = record.done_on if record is not None else None
        result = record.result if record is not None else None
        years.append(MonitoringYear(year_no, due, done_on, result, done_on is None and today > due))
    final_record = records.get(FINAL_ANALYSIS_YEAR)
    final_due = final_analysis_due(since)
    final_done = final_record.done_on if final_record is not None else None
    visited = all(year.done_on is not None for year in years)  # the analysis can be made (and be late) only then
    final = MonitoringYear(FINAL_ANALYSIS_YEAR, final_due, final_done,
                           final_record.result if final_record is not None else None,
                           visited and final_done is None and today > final_due)
    return SupportStatus(certificate.id, done, works_due, done < WORKS_REQUIRED and today > works_due,
                         tuple(years), final)
