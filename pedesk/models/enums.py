"""Closed vocabularies stored as short text codes (readable in the database and in data packages)."""

from __future__ import annotations

from enum import StrEnum


class RegionKind(StrEnum):
    OBLYS = "oblys"
    CITY = "city"


class CourseKind(StrEnum):
    """п.21-22: short >= 36 academic hours, long >= 108."""

    SHORT = "short"
    LONG = "long"


class Language(StrEnum):
    KK = "kk"
    RU = "ru"
    EN = "en"


class ScheduleStatus(StrEnum):
    """п.13: the Кесте is drafted by the provider and agreed with the authorised body."""

    DRAFT = "draft"
    AGREED = "agreed"


class EnrolmentStatus(StrEnum):
    APPLIED = "applied"
    DOCUMENTS_COMPLETE = "documents_complete"
    ENROLLED = "enrolled"
    IN_TRAINING = "in_training"
    COMPLETED = "completed"
    NOT_CERTIFIED = "not_certified"
    EXPELLED = "expelled"
    TRANSFERRED = "transferred"
    WITHDRAWN = "withdrawn"


#: Statuses in which an enrolment occupies a place in the cohort.
ACTIVE_ENROLMENT_STATUSES = (
    EnrolmentStatus.APPLIED,
    EnrolmentStatus.DOCUMENTS_COMPLETE,
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.IN_TRAINING,
    EnrolmentStatus.COMPLETED,
    EnrolmentStatus.NOT_CERTIFIED,
)


class ReferralBy(StrEnum):
    """п.14: who sent the teacher by order."""

    SCHOOL = "school"
    DEPARTMENT = "department"
    ADMINISTRATION = "administration"


class AssessmentKind(StrEnum):
    """п.27-28: internal (short courses) or external by another organisation (long courses)."""

    INTERNAL = "internal"
    EXTERNAL = "external"


class RetakeMode(StrEnum):
    """п.30: the four ways to a certificate after a failure."""

    FIRST = "first"
    REASSESSMENT = "reassessment"
    NEXT_COHORT = "next_cohort"
    TRANSFER = "transfer"
    FINISH_UNFINISHED = "finish_unfinished"


class CertificateStatus(StrEnum):
    ISSUED = "issued"
    ANNULLED = "annulled"
    SUPERSEDED = "superseded"


class SignerCapacity(StrEnum):
    """п.32: signed by the head, or by the acting head in the head's absence."""

    HEAD = "head"
    ACTING_HEAD = "acting_head"


class SupportKind(StrEnum):
    """п.36: kinds of post-course support."""

    INDEPENDENT_WORK = "independent_work"
    EXCHANGE_EVENT = "exchange_event"
    RECOGNITION = "recognition"
    PROGRAMME_CORRECTION = "programme_correction"


class MonitoringResult(StrEnum):
    POSITIVE = "positive"
    PARTIAL = "partial"
    NO_CHANGE = "no_change"


class PlanStage(StrEnum):
    """п.9-11: school application (1 Aug) -> district plan (1 Sep) -> region plan (1 Nov)."""

    SCHOOL_APPLICATION = "school_application"
    DISTRICT_PLAN = "district_plan"
    REGION_PLAN = "region_plan"


class PackageDirection(StrEnum):
    EXPORT = "export"
    IMPORT = "import"
