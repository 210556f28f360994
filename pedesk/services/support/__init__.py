"""Post-course support and monitoring (п.33-37): works and visits recorded, the worklist of what is due,
the monitoring card (PDF) and the support report (xlsx). No Qt.
"""

from pedesk.services.support.card import (
    write_monitoring_card,
)
from pedesk.services.support.due import (
    DueItem,
    support_due,
    support_due_counts,
)
from pedesk.services.support.queries import (
    SupportedRow,
    cohorts_with_support,
    page_supported,
    works_of,
)
from pedesk.services.support.records import (
    MonitoringData,
    SupportStatus,
    WorkData,
    final_analysis_refusal,
    monitoring_records,
    record_final_analysis,
    record_monitoring,
    record_work,
    support_status,
    update_work,
)
from pedesk.services.support.report import (
    SupportReportSummary,
    write_support_report,
)
from pedesk.services.support.shared import (
    KIND_LABELS,
    RESULT_LABELS,
)

__all__ = [
    "DueItem",
    "KIND_LABELS",
    "MonitoringData",
    "RESULT_LABELS",
    "SupportReportSummary",
    "SupportStatus",
    "SupportedRow",
    "WorkData",
    "cohorts_with_support",
    "final_analysis_refusal",
    "monitoring_records",
    "page_supported",
    "record_final_analysis",
    "record_monitoring",
    "record_work",
    "support_due",
    "support_due_counts",
    "support_status",
    "update_work",
    "works_of",
    "write_monitoring_card",
    "write_support_report",
]
