"""The list of a cohort's listeners (тыңдаушылар тізімі / список слушателей), as the department and the
provider see it: who, from where, in what status, documents complete or not, and the orders (п.14, 16).

Import from ``pedesk.services.enrolment``. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session

from pedesk.models import Cohort, DocumentKind, Enrolment, EnrolmentDocument, Programme, Teacher
from pedesk.models.enums import EnrolmentStatus
from pedesk.services.common import name_order
from pedesk.services.enrolment.shared import cohort_or_refuse

__all__ = ["ListenerRow", "cohort_listeners"]


@dataclass(frozen=True)
class ListenerRow:
    """A line of the cohort's list; ``documents_complete``: every required п.8 document has arrived."""

    enrolment_id: int
    teacher_id: int
    iin: str
    surname: str
    name: str
    patronymic: str
    workplace: str
    status: EnrolmentStatus
    documents_complete: bool
    applied_on: date
    referral_order_no: str
    referral_order_date: date | None
    admin_letter_no: str
    admin_letter_date: date | None
    enrolment_order_no: str
    enrolment_order_date: date | None
    late_addition_reason: str

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.name, self.patronymic) if part)


def _documents_complete() -> ColumnElement[bool]:
    """No required, applicable document kind without a received date (the SQL form of the п.8 check)."""
    received = exists().where(
        EnrolmentDocument.enrolment_id == Enrolment.id,
        EnrolmentDocument.kind_id == DocumentKind.id,
        EnrolmentDocument.received_on.is_not(None),
    ).correlate_except(EnrolmentDocument)
    missing = (
        select(func.count(DocumentKind.id))
        .where(
            DocumentKind.active.is_(True),
            DocumentKind.required.is_(True),
            DocumentKind.optional_if_none.is_(False),
            or_(DocumentKind.abroad_only.is_(False), Programme.abroad.is_(True)),
            ~received,
        )
        .correlate(Enrolment, Programme)
        .scalar_subquery()
    )
    return (missing == 0).label("documents_complete")


def cohort_listeners(session: Session, cohort_id: int) -> list[ListenerRow]:
    """Every application to the cohort (withdrawn and transferred ones too), by name; one query."""
    cohort_or_refuse(session, cohort_id)
    statement = (
        select(
            Enrolment.id, Teacher.id, Teacher.iin, Teacher.surname, Teacher.name, Teacher.patronymic,
            Teacher.workplace, Enrolment.status, _documents_complete(), Enrolment.applied_on,
            Enrolment.referral_order_no, Enrolment.referral_order_date, Enrolment.admin_letter_no,
            Enrolment.admin_letter_date, Enrolment.enrolment_order_no, Enrolment.enrolment_order_date,
            Enrolment.late_addition_reason,
        )
        .join(Teacher, Enrolment.teacher_id == Teacher.id)
        .join(Cohort, Enrolment.cohort_id == Cohort.id)
        .join(Programme, Cohort.programme_id == Programme.id)
        .where(Enrolment.cohort_id == cohort_id)
        .order_by(name_order(Teacher.surname), name_order(Teacher.name), name_order(Teacher.patronymic), Enrolment.id)
    )
    return [ListenerRow(*tuple(row)) for row in session.execute(statement)]
