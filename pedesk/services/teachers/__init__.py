"""The teachers' registry (Appendix 3): one record per IIN with the questionnaire, search, the courses of
the last five years (п.21) and who is due for the next course (п.32). No Qt.
"""

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

__all__ = [
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
