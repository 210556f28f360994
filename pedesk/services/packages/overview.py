"""Consolidation of the semi-annual data packages (п.17): what the region holds per office (жиынтық / свод),
the periods the packages concern, and the names of their sheets, columns and problems as the user reads
them. The packages sent and received (the package log) are in :mod:`pedesk.services.packages.history`.

Every count is aggregated in SQL (one grouped query per measure), so the table stays quick on a regional
database of 100,000 teachers. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, distinct, exists, func, select, true
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, format_date
from pedesk.models import Certificate, Cohort, Enrolment, MonitoringRecord, Office, PostCourseWork
from pedesk.models.enums import CertificateStatus, EnrolmentStatus
from pedesk.services.common import Problem, ValidationError
from pedesk.services.packages.outcomes import PackageProblem
from pedesk.services.packages.spec import SPECS, sheet_title
from pedesk.services.rules import FINAL_ANALYSIS_YEAR, half_year_of, parse_period

__all__ = [
    "LISTENER_STATUSES",
    "OfficeSummary",
    "column_label",
    "consolidation",
    "office_choices",
    "package_file_name",
    "package_period",
    "period_label",
    "problem_text",
    "sheet_label",
]

S = EnrolmentStatus
LISTENER_STATUSES = (S.ENROLLED, S.IN_TRAINING, S.COMPLETED, S.NOT_CERTIFIED, S.EXPELLED)
"""A listener (тыңдаушы / слушатель) is a teacher who was admitted to the cohort: applicants who never started,
those who withdrew and those transferred to another cohort (counted there) are left out."""
TOTAL_KK, TOTAL_RU = "Барлығы", "Итого"
"""The totals line's name in the workbook languages (the UI shows its own translated word)."""

#: The sheets' names for an English UI (Kazakh and Russian come from the package format itself).
SHEET_LABELS = {
    "offices": N_("Offices"), "providers": N_("Providers"), "schools": N_("Schools"),
    "programmes": N_("Programmes"), "cohorts": N_("Cohorts"), "teachers": N_("Teachers"),
    "previous_courses": N_("Previous courses"), "enrolments": N_("Listeners"),
    "assessments": N_("Final assessment"), "certificates": N_("Certificates"),
    "post_course_works": N_("Post-course works"), "monitoring": N_("Monitoring"),
}


def sheet_label(sheet: str, lang: str) -> str:
    """The name of a package's sheet as the user reads it: as in the workbook for kk and ru."""
    if lang in ("kk", "ru") or sheet not in SHEET_LABELS:
        return sheet_title(sheet, lang)
    return _(SHEET_LABELS[sheet])


def problem_text(problem: PackageProblem, lang: str) -> str:
    """"Teachers, row 7, IIN: message": as much of the place as the problem names."""
    place = [sheet_label(problem.sheet, lang)]
    if problem.row is not None:
        place.append(_("row {row}").format(row=problem.row))
    if problem.column:
        place.append(problem.column)
    return f"{', '.join(place)}: {problem.message}"


def column_label(sheet: str, name: str, lang: str) -> str:
    """A package column's heading as the workbook shows it: Kazakh for kk, else Russian ("phone" -> "Телефон").
    An English UI shows the Russian heading as well: the workbook has no English one."""
    spec = SPECS.get(sheet)
    column = next((c for c in spec.columns if c.name == name), None) if spec is not None else None
    if column is None:
        return name
    return column.kk if lang == "kk" else column.ru


@dataclass(frozen=True)
class OfficeSummary:
    """One office's line of the consolidation table (or the totals line, ``is_total``)."""

    office_code: str
    name_kk: str
    name_ru: str
    is_own: bool
    listeners: int
    completed: int
    certificates: int
    with_works: int
    monitoring_due: int
    monitoring_done: int
    is_total: bool = False

    @property
    def coverage(self) -> float | None:
        """п.36: the percentage of the certificates counted that have at least one post-course work."""
        return None if not self.certificates else round(100.0 * self.with_works / self.certificates, 1)

    def name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" else self.name_ru

    def as_json(self) -> dict[str, object]:
        return {"office": self.office_code or None, "name_kk": self.name_kk, "name_ru": self.name_ru,
                "own": self.is_own, "total": self.is_total, "listeners": self.listeners,
                "enrolments_completed": self.completed, "certificates": self.certificates,
                "certificates_with_works": self.with_works, "coverage_percent": self.coverage,
                "monitoring_due": self.monitoring_due, "monitoring_done": self.monitoring_done}


# --- Periods ---------------------------------------------------------------------------------------------


def package_period(today: date) -> str:
    """п.17: the half-year the current (or next) package month concerns: in January the second half of the
    year before, from February to December the half-year ``today`` falls in (the June package carries
    January-June; the next January one July-December). As in the Dashboard's reminder."""
    return half_year_of(date(today.year - 1, 12, 31) if today.month == 1 else today)


def period_label(start: date, end: date) -> str:
    """"2026-H1" when the dates are exactly a half-year, else "2026-01-01_2026-03-31" (fit for a file name)."""
    label = half_year_of(start)
    if parse_period(label) == (start, end):
        return label
    return f"{start.isoformat()}_{end.isoformat()}"


def package_file_name(office_code: str, start: date, end: date, *, consolidated: bool = False) -> str:
    """The name a package is offered under: pedesk-KRG-MK-2026-H1.zip (consolidated: ...-2026-H1-all.zip)."""
    if not office_code:  # an administration's database without an office of its own
        return f"pedesk-{'all-offices' if consolidated else 'office'}-{period_label(start, end)}.zip"
    suffix = "-all" if consolidated else ""
    return f"pedesk-{office_code}-{period_label(start, end)}{suffix}.zip"


def _check_period(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError.single("period", _(
            "The period ends ({end}) before it starts ({start}): choose an end date on or after the start."
        ).format(end=format_date(end), start=format_date(start)))


def _between(column: Any, start: date | None, end: date | None) -> ColumnElement[bool]:
    conditions = [column >= start] if start is not None else []
    if end is not None:
        conditions.append(column <= end)
    return and_(true(), *conditions)


# --- Consolidation ----------------------------------------------------------------------------------------


def consolidation(session: Session, *, office_code: str | None = None, start: date | None = None,
                  end: date | None = None) -> list[OfficeSummary]:
    """Per office (ours first, then the others by code) and a totals line at the end, for the period
    ``start``-``end`` (both inclusive; an open end when None):

    * listeners: distinct teachers admitted (:data:`LISTENER_STATUSES`) to the office's cohorts that
      **ended** in the period; enrolments completed: those cohorts' enrolments with the status completed;
    * certificates: the office's own (not external) certificates issued in the period that stand (not
      annulled, not replaced); with works: those with at least one post-course work (п.36);
    * monitoring (п.37): the records of those offices' standing certificates due in the period, and how many
      of them are done.

    The totals line counts a teacher who studied with two offices once. An unknown ``office_code`` raises
    ValidationError (field "office")."""
    _check_period(start, end)
    offices = _offices(session, office_code)
    ids = [office.id for office in offices]
    listeners = _listener_counts(session, ids, start, end)
    certificates = _certificate_counts(session, ids, start, end)
    monitoring = _monitoring_counts(session, ids, start, end)
    rows = [OfficeSummary(office.code, office.name_kk, office.name_ru, office.is_own,
                          *listeners.get(office.id, (0, 0)), *certificates.get(office.id, (0, 0)),
                          *monitoring.get(office.id, (0, 0)))
            for office in offices]
    return [*rows, _totals(session, rows, ids, start, end)]


def office_choices(session: Session) -> list[tuple[str, str, str]]:
    """Every office in the database as (code, name_kk, name_ru): ours first, then the others by code."""
    query = select(Office.code, Office.name_kk, Office.name_ru).order_by(Office.is_own.desc(), Office.code)
    return [(code, kk, ru) for code, kk, ru in session.execute(query)]


def _offices(session: Session, office_code: str | None) -> list[Office]:
    query = select(Office).order_by(Office.is_own.desc(), Office.code)
    if office_code is not None:
        query = query.where(Office.code == office_code.strip())
    offices = list(session.scalars(query))
    if office_code is not None and not offices:
        raise ValidationError([Problem("office", _(
            "There is no office with the code {code} in this database. Check the code; the consolidation "
            "lists every office whose packages were imported."
        ).format(code=office_code))])
    return offices


def _grouped(session: Session, query: Select[int, int, int]) -> dict[int, tuple[int, int]]:
    return {int(key): (int(first or 0), int(second or 0)) for key, first, second in session.execute(query)}


def _listener_query(ids: list[int], start: date | None, end: date | None) -> Select[int, int, int]:
    admitted = Enrolment.status.in_(LISTENER_STATUSES)
    return (select(Cohort.office_id,
                   func.count(distinct(case((admitted, Enrolment.teacher_id)))),
                   func.count(case((Enrolment.status == S.COMPLETED, 1))))
            .join(Cohort, Enrolment.cohort_id == Cohort.id)
            .where(Cohort.office_id.in_(ids), _between(Cohort.end_date, start, end))
            .group_by(Cohort.office_id))


def _listener_counts(session: Session, ids: list[int], start: date | None,
                     end: date | None) -> dict[int, tuple[int, int]]:
    return _grouped(session, _listener_query(ids, start, end))


def _standing(ids: list[int]) -> ColumnElement[bool]:
    return and_(Certificate.office_id.in_(ids), Certificate.external.is_(False),
                Certificate.status == CertificateStatus.ISSUED)


def _certificate_counts(session: Session, ids: list[int], start: date | None,
                        end: date | None) -> dict[int, tuple[int, int]]:
    has_work = exists().where(PostCourseWork.certificate_id == Certificate.id)
    query = (select(Certificate.office_id, func.count(), func.count(case((has_work, 1))))
             .where(_standing(ids), _between(Certificate.issue_date, start, end))
             .group_by(Certificate.office_id))
    return _grouped(session, query)


def _monitoring_counts(session: Session, ids: list[int], start: date | None,
                       end: date | None) -> dict[int, tuple[int, int]]:
    query = (select(Certificate.office_id, func.count(), func.count(MonitoringRecord.done_on))
             .join(Certificate, MonitoringRecord.certificate_id == Certificate.id)
             .where(_standing(ids), _between(MonitoringRecord.due_date, start, end),
                    MonitoringRecord.year_no != FINAL_ANALYSIS_YEAR)  # the yearly monitoring (п.37) only
             .group_by(Certificate.office_id))
    return _grouped(session, query)


def _totals(session: Session, rows: Iterable[OfficeSummary], ids: list[int], start: date | None,
            end: date | None) -> OfficeSummary:
    rows = list(rows)
    distinct_listeners = select(func.count(distinct(Enrolment.teacher_id))).join(
        Cohort, Enrolment.cohort_id == Cohort.id).where(
        Cohort.office_id.in_(ids), Enrolment.status.in_(LISTENER_STATUSES), _between(Cohort.end_date, start, end))
    if len(rows) == 1:  # one office: its own count (the common case, and it saves a scan)
        listeners = rows[0].listeners
    else:
        listeners = int(session.scalar(distinct_listeners) or 0) if ids else 0
    return OfficeSummary(
        "", TOTAL_KK, TOTAL_RU, False, listeners, sum(r.completed for r in rows),
        sum(r.certificates for r in rows), sum(r.with_works for r in rows),
        sum(r.monitoring_due for r in rows), sum(r.monitoring_done for r in rows), is_total=True)
