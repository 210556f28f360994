"""Applications and enrolments (өтініш, тыңдаушыны қабылдау / заявление, зачисление слушателей), п.7-8,
12, 14, 16, 21, 23-24, 30-31: adding a teacher to a cohort, the application form, the п.8 documents, the
status flow and the cohort's list of listeners.

This module is the entry point: it re-exports ``enrolment_checks`` (the form and its rules),
``enrolment_apply`` (``enrol_teacher``, the one way an enrolment is created, and ``update_application``),
``enrolment_documents``, ``enrolment_status`` (``change_status``) and ``enrolment_lists``. Services take
the caller's session (``database.transaction(user=...)``) and never commit. No Qt.
"""

from __future__ import annotations

from pedesk.services.enrolment_apply import EnrolmentResult, enrol_teacher, update_application
from pedesk.services.enrolment_checks import ApplicationData, is_late, list_formed_on
from pedesk.services.enrolment_common import count_places, status_label, taken_places
from pedesk.services.enrolment_documents import (
    ChecklistItem,
    document_checklist,
    missing_documents,
    record_document,
)
from pedesk.services.enrolment_lists import ListenerRow, cohort_listeners
from pedesk.services.enrolment_status import NEXT_STATUSES, change_status

__all__ = [
    "NEXT_STATUSES",
    "ApplicationData",
    "ChecklistItem",
    "EnrolmentResult",
    "ListenerRow",
    "change_status",
    "cohort_listeners",
    "count_places",
    "document_checklist",
    "enrol_teacher",
    "is_late",
    "list_formed_on",
    "missing_documents",
    "record_document",
    "status_label",
    "taken_places",
    "update_application",
]
