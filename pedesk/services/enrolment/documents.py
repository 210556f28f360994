"""The applicant's documents (п.8): the checklist of an application and the date each document arrived.

п.8: the application (Appendix 1, or 2 for abroad), the questionnaire (Appendix 3), a copy of the ID
document / IIN, copies of earlier certificates (if any: optional) and, for courses abroad only, a
motivation letter in Kazakh or Russian. Which kinds exist and which are required is reference data
(``DocumentKind``: ``required``, ``abroad_only``, ``optional_if_none``). Import from
``pedesk.services.enrolment``. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, current_language
from pedesk.models import DocumentKind, Enrolment, EnrolmentDocument
from pedesk.models.enums import EnrolmentStatus
from pedesk.services.access import Action, guarded
from pedesk.services.common import Problem, ValidationError, clean_spaces, raise_if
from pedesk.services.enrolment.shared import enrolment_or_refuse, status_label
from pedesk.services.reference import length_problem, missing_reference

__all__ = ["ChecklistItem", "document_checklist", "missing_documents", "record_document"]

#: Statuses in which the application's documents were found complete.
_COMPLETE_STATUSES = frozenset(
    {EnrolmentStatus.DOCUMENTS_COMPLETE, EnrolmentStatus.ENROLLED, EnrolmentStatus.IN_TRAINING,
     EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_CERTIFIED}
)


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the п.8 checklist; ``name`` is in the current (or given) language."""

    kind: str
    name: str
    required: bool
    received_on: date | None
    note: str = ""


def is_required(kind: DocumentKind) -> bool:
    """Required for an application this kind applies to; copies of earlier certificates are "if any"."""
    return kind.required and not kind.optional_if_none


def _kinds(session: Session, abroad: bool) -> list[DocumentKind]:
    statement = select(DocumentKind).where(DocumentKind.active.is_(True))
    if not abroad:
        statement = statement.where(DocumentKind.abroad_only.is_(False))
    return list(session.scalars(statement.order_by(DocumentKind.sort_order, DocumentKind.id)))


def _checklist(session: Session, enrolment: Enrolment, lang: str) -> list[ChecklistItem]:
    received = {document.kind_id: document for document in enrolment.documents}
    items = []
    for kind in _kinds(session, enrolment.cohort.programme.abroad):
        document = received.get(kind.id)
        items.append(
            ChecklistItem(kind.code, kind.name(lang), is_required(kind),
                          document.received_on if document else None, document.note if document else "")
        )
    return items


def document_checklist(session: Session, enrolment_id: int, *, lang: str | None = None) -> list[ChecklistItem]:
    """The documents this application needs (the motivation letter only for a course abroad), in the
    reference order, with the date each arrived (None: not yet)."""
    enrolment = enrolment_or_refuse(session, enrolment_id)
    return _checklist(session, enrolment, lang or current_language())


def missing_documents(session: Session, enrolment: Enrolment) -> list[ChecklistItem]:
    """The required documents of the application that have not arrived yet."""
    return [
        item for item in _checklist(session, enrolment, current_language())
        if item.required and item.received_on is None
    ]


@guarded(Action.ENROLMENT)
def record_document(
    session: Session, enrolment_id: int, kind_code: str, received_on: date | None, *, note: str = ""
) -> EnrolmentDocument:
    """Record the day a document arrived (``None``: it has not, or the earlier entry was a mistake)."""
    enrolment = enrolment_or_refuse(session, enrolment_id)
    kind = session.scalars(
        select(DocumentKind).where(DocumentKind.code == kind_code, DocumentKind.active.is_(True))
    ).first()
    if kind is None:
        raise ValidationError([missing_reference("kind_code", _("Document"))])
    lang = current_language()
    if kind.abroad_only and not enrolment.cohort.programme.abroad:
        raise ValidationError.single(
            "kind_code",
            _(
                "{document}: only applicants to a course abroad hand it in (п.8 of the Rules), and this "
                "programme is taught in the country. Leave it out of this application."
            ).format(document=kind.name(lang)),
        )
    if received_on is None and is_required(kind) and enrolment.status in _COMPLETE_STATUSES:
        raise ValidationError([_uncomplete_problem(kind.name(lang), enrolment.status)])
    note = clean_spaces(note)
    raise_if(length_problem("note", _("Note"), note, 300))
    document = next((item for item in enrolment.documents if item.kind_id == kind.id), None)
    if document is None:
        document = EnrolmentDocument(kind_id=kind.id)
        enrolment.documents.append(document)
    document.received_on = received_on
    document.note = note
    session.flush()
    return document


def _uncomplete_problem(document: str, status: EnrolmentStatus) -> Problem:
    return Problem(
        "received_on",
        _(
            '{document}: the application already has the status "{status}", which needs every required '
            "document (п.8 of the Rules), so this one cannot be marked as not received. Enter the date it "
            "arrived."
        ).format(document=document, status=status_label(status)),
    )
