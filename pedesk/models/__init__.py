"""The domain model (SQLAlchemy 2, typed declarative). No Qt here."""

from pedesk.models.base import Base, utcnow
from pedesk.models.courses import Cohort, CohortTrainer, Programme, ScheduleSession, Trainer
from pedesk.models.enrolment import Enrolment, EnrolmentDocument, StatusChange
from pedesk.models.logs import AuditEntry, PackageLog
from pedesk.models.organisations import Office, Provider, School
from pedesk.models.people import PreviousCourse, Teacher
from pedesk.models.reference import (
    CourseFormat,
    District,
    DocumentKind,
    EducationLevel,
    ProviderKind,
    QualificationCategory,
    Region,
    RegionName,
    TrainerKind,
)
from pedesk.models.results import (
    Assessment,
    Certificate,
    CertificateCounter,
    CertificateDuplicate,
    PrinterOffset,
)
from pedesk.models.support import MonitoringRecord, PlanEntry, PostCourseWork
from pedesk.models.users import PrintRecord, User

__all__ = [
    "Assessment",
    "AuditEntry",
    "Base",
    "Certificate",
    "CertificateCounter",
    "CertificateDuplicate",
    "Cohort",
    "CohortTrainer",
    "CourseFormat",
    "District",
    "DocumentKind",
    "EducationLevel",
    "Enrolment",
    "EnrolmentDocument",
    "MonitoringRecord",
    "Office",
    "PackageLog",
    "PlanEntry",
    "PostCourseWork",
    "PreviousCourse",
    "PrintRecord",
    "PrinterOffset",
    "Programme",
    "Provider",
    "ProviderKind",
    "QualificationCategory",
    "Region",
    "RegionName",
    "School",
    "ScheduleSession",
    "StatusChange",
    "Teacher",
    "User",
    "Trainer",
    "TrainerKind",
    "utcnow",
]
