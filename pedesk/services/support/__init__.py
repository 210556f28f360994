"""Post-course support and monitoring (п.33-37): works and visits recorded, the worklist of what is due,
the monitoring card (PDF) and the support report (xlsx). No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
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

# each name and the module that holds it: a module is imported only when one of its names is first used,
# so that a command loads what it needs (the CLI starts without reportlab or openpyxl)
_HOME = {
    "cohorts_with_support": "queries",
    "DueItem": "due",
    "final_analysis_refusal": "records",
    "KIND_LABELS": "shared",
    "monitoring_records": "records",
    "MonitoringData": "records",
    "page_supported": "queries",
    "record_final_analysis": "records",
    "record_monitoring": "records",
    "record_work": "records",
    "RESULT_LABELS": "shared",
    "support_due": "due",
    "support_due_counts": "due",
    "support_status": "records",
    "SupportedRow": "queries",
    "SupportReportSummary": "report",
    "SupportStatus": "records",
    "update_work": "records",
    "WorkData": "records",
    "works_of": "queries",
    "write_monitoring_card": "card",
    "write_support_report": "report",
}


__getattr__ = lazy_exports(__name__, _HOME)


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
