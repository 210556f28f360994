"""The rows of each sheet of a data package, as SQL selecting the columns of
:mod:`~pedesk.services.packages.spec` in their order, with references written as natural keys (an office's
code, a cohort's code, an IIN, a certificate's number, a region's code); each sheet's model, and the query of
every record's natural key and id. No Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import aliased

from pedesk.models import (
    Assessment,
    Certificate,
    Cohort,
    CourseFormat,
    District,
    EducationLevel,
    Enrolment,
    MonitoringRecord,
    Office,
    PostCourseWork,
    PreviousCourse,
    Programme,
    Provider,
    QualificationCategory,
    Region,
    School,
    Teacher,
)
from pedesk.services.common import name_order
from pedesk.services.packages.selection import Selection

__all__ = ["ROW_QUERIES", "TABLES", "RowSelect", "key_query"]

RowSelect: TypeAlias = Select[*tuple[Any, ...]]

_OWN = aliased(Office, name="own_office")

TABLES: dict[str, Any] = {
    "offices": Office, "providers": Provider, "schools": School, "programmes": Programme, "cohorts": Cohort,
    "teachers": Teacher, "previous_courses": PreviousCourse, "enrolments": Enrolment, "assessments": Assessment,
    "certificates": Certificate, "post_course_works": PostCourseWork, "monitoring": MonitoringRecord,
}
"""sheet name -> the model of its records."""


def _own_code() -> Any:
    return select(_OWN.code).where(_OWN.is_own.is_(True)).limit(1).scalar_subquery()


def _origin(column: Any) -> Any:
    """A shared record's origin: the office a package brought it from, else this database's own office."""
    return case((column == "", func.coalesce(_own_code(), "")), else_=column)


def _offices(selection: Selection) -> RowSelect:
    return (select(Office.code, Office.name_kk, Office.name_ru, Office.city_kk, Office.city_ru, Region.code,
                   Office.code, Office.created_at, Office.updated_at)
            .outerjoin(Region, Region.id == Office.region_id).where(Office.id.in_(selection.ids("offices")))
            .order_by(Office.code))


def _providers(selection: Selection) -> RowSelect:
    return (select(Provider.name_ru, Provider.name_kk, Provider.bin, Region.code, Provider.head_name, Provider.address,
                   Provider.phone, Provider.can_assess_externally, _origin(Provider.origin_office), Provider.created_at,
                   Provider.updated_at)
            .outerjoin(Region, Region.id == Provider.region_id).where(Provider.id.in_(selection.ids("providers")))
            .order_by(name_order(Provider.name_ru), Provider.id))


def _schools(selection: Selection) -> RowSelect:
    return (select(Region.code, District.name_ru, School.name_ru, District.name_kk, School.name_kk, School.bin,
                   School.address, School.phone, _origin(School.origin_office), School.created_at, School.updated_at)
            .outerjoin(District, District.id == School.district_id).outerjoin(Region, Region.id == School.region_id)
            .where(School.id.in_(selection.ids("schools"))).order_by(Region.code, name_order(District.name_ru), name_order(School.name_ru), School.id))


def _programmes(selection: Selection) -> RowSelect:
    return (select(Office.code, Programme.code, Programme.title_kk, Programme.title_ru, Programme.academic_hours,
                   Programme.kind, EducationLevel.code, CourseFormat.code, Programme.abroad, Programme.abroad_months,
                   Programme.language_course, Programme.direction, Programme.active, Office.code,
                   Programme.created_at, Programme.updated_at)
            .join(Office, Office.id == Programme.office_id).join(EducationLevel, EducationLevel.id == Programme.level_id)
            .join(CourseFormat, CourseFormat.id == Programme.format_id)
            .where(Programme.id.in_(selection.ids("programmes"))).order_by(Office.code, Programme.code))


def _cohorts(selection: Selection) -> RowSelect:
    return (select(Office.code, Cohort.code, Programme.code, Provider.name_ru, Cohort.start_date, Cohort.end_date,
                   Cohort.language, Cohort.capacity, Cohort.location, Cohort.schedule_status, Cohort.agreed_on,
                   Cohort.agreed_with, Cohort.list_formed_on, Cohort.enrolment_order_no, Cohort.enrolment_order_date,
                   Cohort.note, Office.code, Cohort.created_at, Cohort.updated_at)
            .join(Office, Office.id == Cohort.office_id).join(Programme, Programme.id == Cohort.programme_id)
            .join(Provider, Provider.id == Cohort.provider_id)
            .where(Cohort.id.in_(selection.ids("cohorts"))).order_by(Office.code, Cohort.code))


def _teachers(selection: Selection) -> RowSelect:
    school_region, work_region = aliased(Region, name="school_region"), aliased(Region, name="work_region")
    return (select(Teacher.iin, Teacher.surname, Teacher.name, Teacher.patronymic, Teacher.birth_date, Teacher.position,
                   Teacher.education, QualificationCategory.code, Teacher.category_valid_until, school_region.code,
                   District.name_ru, School.name_ru, Teacher.workplace, work_region.code,
                   Teacher.total_experience_years, Teacher.teaching_experience_years, Teacher.instruction_language,
                   Teacher.home_address, Teacher.phone, Teacher.email, Teacher.additional_info,
                   _origin(Teacher.origin_office), Teacher.created_at, Teacher.updated_at)
            .outerjoin(QualificationCategory, QualificationCategory.id == Teacher.category_id)
            .outerjoin(School, School.id == Teacher.school_id).outerjoin(District, District.id == School.district_id)
            .outerjoin(school_region, school_region.id == School.region_id)
            .outerjoin(work_region, work_region.id == Teacher.workplace_region_id)
            .where(Teacher.id.in_(selection.ids("teachers"))).order_by(Teacher.iin))


def _previous_courses(selection: Selection) -> RowSelect:
    return (select(Teacher.iin, PreviousCourse.topic, PreviousCourse.start_date, PreviousCourse.end_date,
                   PreviousCourse.place, PreviousCourse.academic_hours, PreviousCourse.certificate_number,
                   _origin(Teacher.origin_office), PreviousCourse.created_at, PreviousCourse.updated_at)
            .join(Teacher, Teacher.id == PreviousCourse.teacher_id)
            .where(PreviousCourse.id.in_(selection.ids("previous_courses")))
            .order_by(Teacher.iin, PreviousCourse.start_date.asc().nulls_first(), PreviousCourse.topic))


def _enrolments(selection: Selection) -> RowSelect:
    target, target_cohort = aliased(Enrolment, name="target"), aliased(Cohort, name="target_cohort")
    e = Enrolment
    return (select(Office.code, Cohort.code, Teacher.iin, e.status, e.applied_on, e.group_language, e.abroad_country,
                   e.abroad_months, e.elig_education, e.elig_employment, e.elig_legislation, e.elig_english,
                   e.referral_by, e.referral_order_no, e.referral_order_date, e.admin_letter_no, e.admin_letter_date,
                   e.enrolment_order_no, e.enrolment_order_date, e.contract_no, e.contract_date, e.contract_amount,
                   e.late_addition_reason, target_cohort.code, e.transfer_reason, e.expulsion_order_no,
                   e.expulsion_order_date, e.commission_decision, e.repayment_amount, e.note, Office.code,
                   e.created_at, e.updated_at)
            .join(Cohort, Cohort.id == e.cohort_id).join(Office, Office.id == Cohort.office_id)
            .join(Teacher, Teacher.id == e.teacher_id).outerjoin(target, target.id == e.transferred_to_id)
            .outerjoin(target_cohort, target_cohort.id == target.cohort_id)
            .where(e.id.in_(selection.ids("enrolments"))).order_by(Office.code, Cohort.code, Teacher.iin))


def _assessments(selection: Selection) -> RowSelect:
    other = aliased(Cohort, name="with_cohort")
    a = Assessment
    return (select(Office.code, Cohort.code, Teacher.iin, a.attempt, a.kind, a.mode, Provider.name_ru,
                   a.assessor_contract_no, a.assessor_contract_date, a.expert_name, a.expert_certificate, a.held_on,
                   a.score, a.max_score, a.passed, other.code, a.supporting_documents, a.note, Office.code,
                   a.created_at, a.updated_at)
            .join(Enrolment, Enrolment.id == a.enrolment_id).join(Cohort, Cohort.id == Enrolment.cohort_id)
            .join(Office, Office.id == Cohort.office_id).join(Teacher, Teacher.id == Enrolment.teacher_id)
            .outerjoin(Provider, Provider.id == a.assessor_provider_id).outerjoin(other, other.id == a.with_cohort_id)
            .where(a.id.in_(selection.ids("assessments"))).order_by(Office.code, Cohort.code, Teacher.iin, a.attempt))


def _certificates(selection: Selection) -> RowSelect:
    old, new = aliased(Certificate, name="old_certificate"), aliased(Certificate, name="new_certificate")
    c = Certificate
    return (select(Office.code, c.number, c.year, c.seq, c.verification_code, Cohort.code, Teacher.iin, c.issue_date,
                   c.valid_until, c.academic_hours, c.signer_name, c.signer_position_kk, c.signer_position_ru,
                   c.signer_capacity, c.snapshot, c.status, c.external, c.external_issuer, c.external_topic,
                   c.annulled_at, c.annulled_by, c.annul_reason, c.annul_order_no, c.annul_order_date, old.number,
                   new.number, c.issued_by, Office.code, c.created_at, c.updated_at)
            .join(Office, Office.id == c.office_id).join(Teacher, Teacher.id == c.teacher_id)
            .outerjoin(Enrolment, Enrolment.id == c.enrolment_id).outerjoin(Cohort, Cohort.id == Enrolment.cohort_id)
            .outerjoin(old, old.id == c.supersedes_id).outerjoin(new, new.id == c.superseded_by_id)
            .where(c.id.in_(selection.ids("certificates"))).order_by(Office.code, c.year, c.seq.asc().nulls_first(), c.number))


def _works(selection: Selection) -> RowSelect:
    w = PostCourseWork
    return (select(Office.code, Certificate.number, w.held_on, w.title, w.kind, w.place, w.evidence, w.remote,
                   Office.code, w.created_at, w.updated_at)
            .join(Certificate, Certificate.id == w.certificate_id).join(Office, Office.id == Certificate.office_id)
            .where(w.id.in_(selection.ids("post_course_works")))
            .order_by(Office.code, Certificate.number, w.held_on, w.title))


def _monitoring(selection: Selection) -> RowSelect:
    m = MonitoringRecord
    return (select(Office.code, Certificate.number, m.year_no, m.due_date, m.done_on, m.method, m.done_by, m.findings,
                   m.result, Office.code, m.created_at, m.updated_at)
            .join(Certificate, Certificate.id == m.certificate_id).join(Office, Office.id == Certificate.office_id)
            .where(m.id.in_(selection.ids("monitoring")))
            .order_by(Office.code, Certificate.number, m.year_no))


ROW_QUERIES: dict[str, Callable[[Selection], RowSelect]] = {
    "offices": _offices, "providers": _providers, "schools": _schools, "programmes": _programmes,
    "cohorts": _cohorts, "teachers": _teachers, "previous_courses": _previous_courses, "enrolments": _enrolments,
    "assessments": _assessments, "certificates": _certificates, "post_course_works": _works,
    "monitoring": _monitoring,
}
"""sheet name -> the query of its rows, columns in the order of the sheet's spec."""


def key_query(sheet: str) -> tuple[RowSelect, tuple[str, ...]]:
    """Every record of ``sheet`` here (or of a reference list: "regions", "levels", "formats", "categories",
    "districts"): its id, then its natural key; and the kinds of the key's columns, to compare them as in a
    package."""
    cohort_office = aliased(Office, name="cohort_office")
    queries: dict[str, tuple[Any, tuple[str, ...]]] = {
        "regions": (select(Region.id, Region.code), ("text",)),
        "levels": (select(EducationLevel.id, EducationLevel.code), ("text",)),
        "formats": (select(CourseFormat.id, CourseFormat.code), ("text",)),
        "categories": (select(QualificationCategory.id, QualificationCategory.code), ("text",)),
        "districts": (select(District.id, Region.code, District.name_ru).join(Region, Region.id == District.region_id),
                      ("text", "text")),
        "offices": (select(Office.id, Office.code), ("text",)),
        "providers": (select(Provider.id, Provider.name_ru), ("text",)),
        "schools": (select(School.id, Region.code, District.name_ru, School.name_ru)
                    .outerjoin(Region, Region.id == School.region_id)
                    .outerjoin(District, District.id == School.district_id), ("text", "text", "text")),
        "programmes": (select(Programme.id, Office.code, Programme.code).join(Office, Office.id == Programme.office_id),
                       ("text", "text")),
        "cohorts": (select(Cohort.id, Office.code, Cohort.code).join(Office, Office.id == Cohort.office_id),
                    ("text", "text")),
        "teachers": (select(Teacher.id, Teacher.iin), ("iin",)),
        "previous_courses": (select(PreviousCourse.id, Teacher.iin, PreviousCourse.topic, PreviousCourse.start_date)
                             .join(Teacher, Teacher.id == PreviousCourse.teacher_id), ("iin", "text", "date")),
        "enrolments": (select(Enrolment.id, cohort_office.code, Cohort.code, Teacher.iin)
                       .join(Cohort, Cohort.id == Enrolment.cohort_id)
                       .join(cohort_office, cohort_office.id == Cohort.office_id)
                       .join(Teacher, Teacher.id == Enrolment.teacher_id), ("text", "text", "iin")),
        "assessments": (select(Assessment.id, cohort_office.code, Cohort.code, Teacher.iin, Assessment.attempt)
                        .join(Enrolment, Enrolment.id == Assessment.enrolment_id)
                        .join(Cohort, Cohort.id == Enrolment.cohort_id)
                        .join(cohort_office, cohort_office.id == Cohort.office_id)
                        .join(Teacher, Teacher.id == Enrolment.teacher_id), ("text", "text", "iin", "int")),
        "certificates": (select(Certificate.id, Office.code, Certificate.number)
                         .join(Office, Office.id == Certificate.office_id), ("text", "text")),
        "post_course_works": (select(PostCourseWork.id, Office.code, Certificate.number, PostCourseWork.held_on,
                                     PostCourseWork.title)
                              .join(Certificate, Certificate.id == PostCourseWork.certificate_id)
                              .join(Office, Office.id == Certificate.office_id), ("text", "text", "date", "text")),
        "monitoring": (select(MonitoringRecord.id, Office.code, Certificate.number, MonitoringRecord.year_no)
                       .join(Certificate, Certificate.id == MonitoringRecord.certificate_id)
                       .join(Office, Office.id == Certificate.office_id), ("text", "text", "int")),
    }
    return queries[sheet]
