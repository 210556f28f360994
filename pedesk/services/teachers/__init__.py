"""The teachers' registry (Appendix 3): one record per IIN with the questionnaire, search, the courses of
the last five years (п.21) and who is due for the next course (п.32). No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
    from pedesk.services.teachers.course_due import (
        EXPIRY_HORIZON_MONTHS,
        SOON_DAYS,
        ExpiringCertificate,
        certificates_expiring,
        count_certificates_expiring,
    )
    from pedesk.services.teachers.history import (
        DueTeacher,
        TeacherHistory,
        count_due_for_course,
        teacher_history,
        teacher_hours,
        teachers_due_for_course,
    )
    from pedesk.services.teachers.lifetime import (
        ADULT_AGE,
        WORKING_AGE,
        age_on,
        experience_problem,
        future_birth_problem,
        under_age_warning,
    )
    from pedesk.services.teachers.questionnaire import (
        MAX_EXPERIENCE_YEARS,
        PreviousCourseData,
        TeacherData,
        validate_teacher,
    )
    from pedesk.services.teachers.registry import (
        get_teacher,
        save_teacher,
        upsert_teacher,
    )
    from pedesk.services.teachers.search import (
        TeacherRow,
        count_teachers,
        page_teachers,
    )

# each name and the module that holds it: a module is imported only when one of its names is first used,
# so that a command loads what it needs (the CLI starts without reportlab or openpyxl)
_HOME = {
    "ADULT_AGE": "lifetime",
    "WORKING_AGE": "lifetime",
    "age_on": "lifetime",
    "experience_problem": "lifetime",
    "future_birth_problem": "lifetime",
    "under_age_warning": "lifetime",
    "certificates_expiring": "course_due",
    "count_certificates_expiring": "course_due",
    "count_due_for_course": "history",
    "count_teachers": "search",
    "DueTeacher": "history",
    "ExpiringCertificate": "course_due",
    "EXPIRY_HORIZON_MONTHS": "course_due",
    "get_teacher": "registry",
    "MAX_EXPERIENCE_YEARS": "questionnaire",
    "page_teachers": "search",
    "PreviousCourseData": "questionnaire",
    "save_teacher": "registry",
    "SOON_DAYS": "course_due",
    "teacher_history": "history",
    "teacher_hours": "history",
    "TeacherData": "questionnaire",
    "TeacherHistory": "history",
    "TeacherRow": "search",
    "teachers_due_for_course": "history",
    "upsert_teacher": "registry",
    "validate_teacher": "questionnaire",
}


__getattr__ = lazy_exports(__name__, _HOME)


__all__ = [
    "ADULT_AGE",
    "WORKING_AGE",
    "age_on",
    "experience_problem",
    "future_birth_problem",
    "under_age_warning",
    "DueTeacher",
    "EXPIRY_HORIZON_MONTHS",
    "ExpiringCertificate",
    "MAX_EXPERIENCE_YEARS",
    "PreviousCourseData",
    "SOON_DAYS",
    "TeacherData",
    "TeacherHistory",
    "TeacherRow",
    "certificates_expiring",
    "count_certificates_expiring",
    "count_due_for_course",
    "count_teachers",
    "get_teacher",
    "page_teachers",
    "save_teacher",
    "teacher_history",
    "teacher_hours",
    "teachers_due_for_course",
    "upsert_teacher",
    "validate_teacher",
]
