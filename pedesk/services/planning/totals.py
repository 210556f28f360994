"""Totals of the annual plan (п.10-11) and the plan against what happened: district plans and the region's
plan computed from the schools' applications, the dates they were forwarded, and planned teachers against
actual enrolments. No Qt.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pedesk.i18n import _, gettext_in
from pedesk.models import Cohort, Enrolment, Programme, School, Teacher
from pedesk.models.enums import ACTIVE_ENROLMENT_STATUSES, CourseKind, PlanStage
from pedesk.models.reference import District
from pedesk.models.support import PlanEntry
from pedesk.services.access import Action, guarded
from pedesk.services.common import ValidationError, kazakh_key
from pedesk.services.planning.plan import late_warning, plan_applications

__all__ = [
    "ApplicationRow",
    "DistrictPlanRow",
    "PlanFact",
    "RegionPlan",
    "application_rows",
    "district_plan",
    "forward_district_plan",
    "form_region_plan",
    "planned_vs_actual",
    "region_plan",
]


@dataclass(frozen=True)
class DistrictPlanRow:
    """п.10: one district's plan for one kind of course, totalled from its schools' applications."""

    district_id: int | None
    district: str
    course_kind: CourseKind
    schools: int
    teachers: int
    forwarded_on: date | None


@dataclass(frozen=True)
class RegionPlan:
    """п.11: the region's plan for the next financial year, split into short and long courses."""

    plan_year: int
    short: int
    long: int
    formed_on: date | None


@dataclass(frozen=True)
class PlanFact:
    """Planned teachers (applications) against actual enrolments in cohorts starting in the plan year."""

    programme_id: int | None
    programme: str
    district_id: int | None
    district: str
    planned: int
    actual: int


def _district_name(district: District | None, lang: str) -> str:
    return district.name(lang) if district is not None else gettext_in(lang, "(no district)")


def _programme_name(programme: Programme | None, direction: str, lang: str) -> str:
    if programme is None:
        return gettext_in(lang, "Direction: {direction}").format(direction=direction)
    title = programme.title_kk if lang == "kk" else programme.title_ru
    return f"{programme.code} {title}"


def _stored(session: Session, plan_year: int, stage: PlanStage) -> list[PlanEntry]:
    return list(session.scalars(select(PlanEntry).where(PlanEntry.plan_year == plan_year, PlanEntry.stage == stage)))


def district_plan(session: Session, plan_year: int, lang: str = "ru") -> list[DistrictPlanRow]:
    """п.10: per district and kind of course, the schools and teachers applied for, and when it was forwarded."""
    schools: dict[tuple[int | None, CourseKind], set[int | None]] = defaultdict(set)
    teachers: dict[tuple[int | None, CourseKind], int] = defaultdict(int)
    names: dict[int | None, str] = {}
    for entry in plan_applications(session, plan_year):
        key = (entry.district_id, entry.course_kind)
        schools[key].add(entry.school_id)
        teachers[key] += entry.teachers_count
        names[entry.district_id] = _district_name(entry.district, lang)
    forwarded = {(e.district_id, e.course_kind): e.forwarded_on for e in _stored(session, plan_year,
                                                                                 PlanStage.DISTRICT_PLAN)}
    rows = [DistrictPlanRow(district_id, names[district_id], kind, len(schools[(district_id, kind)]),
                            teachers[(district_id, kind)], forwarded.get((district_id, kind)))
            for district_id, kind in teachers]
    return sorted(rows, key=lambda r: (r.district_id is None, kazakh_key(r.district), r.course_kind.value))


def _upsert(session: Session, plan_year: int, stage: PlanStage, district_id: int | None, kind: CourseKind,
            count: int, on: date) -> None:
    same_district = (PlanEntry.district_id.is_(None) if district_id is None
                     else PlanEntry.district_id == district_id)
    entry = session.scalars(select(PlanEntry).where(
        PlanEntry.plan_year == plan_year, PlanEntry.stage == stage, same_district, PlanEntry.course_kind == kind,
    )).first()
    if entry is None:
        entry = PlanEntry(plan_year=plan_year, stage=stage, district_id=district_id, course_kind=kind)
        session.add(entry)
    entry.teachers_count = count
    entry.forwarded_on = on


@guarded(Action.PLANNING)
def forward_district_plan(session: Session, plan_year: int, district_id: int, on: date) -> tuple[str, ...]:
    """п.10: record that the district's plan (its totals now) was forwarded on ``on``; warns after 1 September."""
    rows = [r for r in district_plan(session, plan_year) if r.district_id == district_id]
    if not rows:
        raise ValidationError.single("district_id", _(
            "District: no school of this district has applied for {year}; record their applications first."
        ).format(year=plan_year))
    for row in rows:
        _upsert(session, plan_year, PlanStage.DISTRICT_PLAN, district_id, row.course_kind, row.teachers, on)
    session.flush()
    return late_warning(plan_year, "district_plan", on, _(
        "The district plan was forwarded on {date}, after the deadline {due} (п.10); it is recorded anyway."))


def region_plan(session: Session, plan_year: int) -> RegionPlan:
    """п.11: the region's totals of short and long courses for ``plan_year``, and when the plan was formed."""
    totals = {CourseKind.SHORT: 0, CourseKind.LONG: 0}
    for entry in plan_applications(session, plan_year):
        totals[entry.course_kind] += entry.teachers_count
    formed = [e.forwarded_on for e in _stored(session, plan_year, PlanStage.REGION_PLAN) if e.forwarded_on]
    return RegionPlan(plan_year, totals[CourseKind.SHORT], totals[CourseKind.LONG], max(formed, default=None))


@guarded(Action.PLANNING)
def form_region_plan(session: Session, plan_year: int, on: date) -> tuple[str, ...]:
    """п.11: record the region's plan (its totals now) as formed on ``on``; warns after 1 November."""
    plan = region_plan(session, plan_year)
    if plan.short + plan.long == 0:
        raise ValidationError.single("plan_year", _(
            "Region plan: there are no applications for {year}; record the schools' applications first."
        ).format(year=plan_year))
    for kind, count in ((CourseKind.SHORT, plan.short), (CourseKind.LONG, plan.long)):
        _upsert(session, plan_year, PlanStage.REGION_PLAN, None, kind, count, on)
    session.flush()
    return late_warning(plan_year, "region_plan", on, _(
        "The region's plan was formed on {date}, after the deadline {due} (п.11); it is recorded anyway."))


def _actual(session: Session, plan_year: int) -> dict[tuple[int, int | None], int]:
    query = (
        select(Cohort.programme_id, School.district_id, func.count(Enrolment.id))
        .join(Enrolment, Enrolment.cohort_id == Cohort.id)
        .join(Teacher, Teacher.id == Enrolment.teacher_id)
        .outerjoin(School, School.id == Teacher.school_id)
        .where(Cohort.start_date >= date(plan_year, 1, 1), Cohort.start_date <= date(plan_year, 12, 31),
               Enrolment.status.in_(ACTIVE_ENROLMENT_STATUSES))
        .group_by(Cohort.programme_id, School.district_id)
    )
    return {(programme_id, district_id): count for programme_id, district_id, count in session.execute(query)}


def planned_vs_actual(session: Session, plan_year: int, lang: str = "ru") -> list[PlanFact]:
    """Per programme (or direction) and district: teachers planned in the schools' applications for
    ``plan_year`` against active enrolments in cohorts starting in that year (by the teacher's school's
    district). Applications naming only a direction have no actual count of their own (0)."""
    planned: dict[tuple[int | None, str, int | None], int] = defaultdict(int)
    for entry in plan_applications(session, plan_year):
        direction = "" if entry.programme_id is not None else entry.direction
        planned[(entry.programme_id, direction, entry.district_id)] += entry.teachers_count
    actual = _actual(session, plan_year)
    keys = set(planned) | {(programme_id, "", district_id) for programme_id, district_id in actual}
    rows = []
    for programme_id, direction, district_id in keys:
        programme = session.get(Programme, programme_id) if programme_id is not None else None
        district = session.get(District, district_id) if district_id is not None else None
        count = actual.get((programme_id, district_id), 0) if programme_id is not None else 0
        rows.append(PlanFact(programme_id, _programme_name(programme, direction, lang), district_id,
                             _district_name(district, lang), planned.get((programme_id, direction, district_id), 0),
                             count))
    return sorted(rows, key=lambda r: (kazakh_key(r.programme), r.district_id is None, kazakh_key(r.district)))


@dataclass(frozen=True)
class ApplicationRow:
    """A school's application as listed and exported: names in the chosen language."""

    entry_id: int
    school: str
    district: str
    subject: str
    course_kind: CourseKind
    teachers: int
    teacher_iins: tuple[str, ...]
    received_on: date | None
    note: str


def application_rows(session: Session, plan_year: int, lang: str = "ru") -> list[ApplicationRow]:
    """The schools' applications for ``plan_year`` with school, district and programme names in ``lang``."""
    rows = []
    for entry in plan_applications(session, plan_year):
        school = "" if entry.school is None else (entry.school.name_kk if lang == "kk" else entry.school.name_ru)
        district = entry.district.name(lang) if entry.district is not None else ""
        rows.append(ApplicationRow(
            entry.id, school, district, _programme_name(entry.programme, entry.direction, lang), entry.course_kind,
            entry.teachers_count, tuple(filter(None, entry.teacher_iins.split(","))), entry.received_on, entry.note))
    return rows
