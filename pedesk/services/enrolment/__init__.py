"""Applications and enrolment (п.7-8, 12, 14, 16, 21, 23-24, 30-31): the application form, the п.8
documents, the status flow, the cohort's list and a department's list imported from .xlsx. No Qt.
"""

from __future__ import (
    annotations,
)

from pedesk.services.enrolment.application_form import (
    ApplicationData,
    is_late,
    list_formed_on,
)
from pedesk.services.enrolment.applications import (
    EnrolmentResult,
    enrol_teacher,
    update_application,
)
from pedesk.services.enrolment.documents import (
    ChecklistItem,
    document_checklist,
    missing_documents,
    record_document,
)
from pedesk.services.enrolment.list_columns import (
    LISTENER_ALIASES,
)
from pedesk.services.enrolment.list_import import (
    ListenerImportResult,
    apply_listener_import,
)
from pedesk.services.enrolment.list_preview import (
    ListenerImportPreview,
    ListenerRow,
    preview_listener_import,
)
from pedesk.services.enrolment.lists import (
    cohort_listeners,
)
from pedesk.services.enrolment.shared import (
    cohort_or_refuse,
    count_places,
    enrolment_or_refuse,
    last_change_date,
    record_change,
    status_label,
    taken_places,
)
from pedesk.services.enrolment.status_flow import (
    NEXT_STATUSES,
    change_status,
)

__all__ = [
    "ApplicationData",
    "ChecklistItem",
    "EnrolmentResult",
    "LISTENER_ALIASES",
    "ListenerImportPreview",
    "ListenerImportResult",
    "ListenerRow",
    "NEXT_STATUSES",
    "annotations",
    "apply_listener_import",
    "change_status",
    "cohort_listeners",
    "cohort_or_refuse",
    "count_places",
    "document_checklist",
    "enrol_teacher",
    "enrolment_or_refuse",
    "is_late",
    "last_change_date",
    "list_formed_on",
    "missing_documents",
    "preview_listener_import",
    "record_change",
    "record_document",
    "status_label",
    "taken_places",
    "update_application",
]
