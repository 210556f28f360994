"""Applications and enrolment (п.7-8, 12, 14, 16, 21, 23-24, 30-31): the application form, the п.8
documents, the status flow, the cohort's list and a department's list imported from .xlsx. No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
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
    from pedesk.services.enrolment.list_conflicts import (
        Choice,
        RegistryConflict,
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

# each name and the module that holds it: a module is imported only when one of its names is first used,
# so that a command loads what it needs (the CLI starts without reportlab or openpyxl)
_HOME = {
    "ApplicationData": "application_form",
    "apply_listener_import": "list_import",
    "Choice": "list_conflicts",
    "RegistryConflict": "list_conflicts",
    "change_status": "status_flow",
    "ChecklistItem": "documents",
    "cohort_listeners": "lists",
    "cohort_or_refuse": "shared",
    "count_places": "shared",
    "document_checklist": "documents",
    "enrol_teacher": "applications",
    "enrolment_or_refuse": "shared",
    "EnrolmentResult": "applications",
    "is_late": "application_form",
    "last_change_date": "shared",
    "list_formed_on": "application_form",
    "ListenerImportPreview": "list_preview",
    "ListenerImportResult": "list_import",
    "ListenerRow": "list_preview",
    "missing_documents": "documents",
    "NEXT_STATUSES": "status_flow",
    "preview_listener_import": "list_preview",
    "record_change": "shared",
    "record_document": "documents",
    "status_label": "shared",
    "taken_places": "shared",
    "update_application": "applications",
}


__getattr__ = lazy_exports(__name__, _HOME)


__all__ = [
    "Choice",
    "RegistryConflict",
    "ApplicationData",
    "ChecklistItem",
    "EnrolmentResult",
    "ListenerImportPreview",
    "ListenerImportResult",
    "ListenerRow",
    "NEXT_STATUSES",
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
