"""The semi-annual data packages (п.17): the format, export from an office, validation of an incoming
package, import and consolidation at the region, receipts, history and the summary. No Qt.
"""

from pedesk.services.packages.apply import (
    TABLES,
    key_ids,
    table_values,
)
from pedesk.services.packages.export import (
    export_package,
)
from pedesk.services.packages.importing import (
    import_package,
)
from pedesk.services.packages.outcomes import (
    ExportResult,
    ImportSummary,
    PackageProblem,
    PackageRejected,
)
from pedesk.services.packages.overview import (
    OUTCOME_KINDS,
    OfficeSummary,
    PackageLogRow,
    column_label,
    consolidation,
    history_counts,
    office_choices,
    outcome_label,
    package_file_name,
    package_history,
    package_period,
    period_label,
    problem_text,
    record_receipt,
    run_import,
    sheet_label,
)
from pedesk.services.packages.receipt import (
    write_receipt,
)
from pedesk.services.packages.rows import (
    ROW_QUERIES,
)
from pedesk.services.packages.selection import (
    Selection,
)
from pedesk.services.packages.spec import (
    DATA_NAME,
    FIRST_DATA_ROW,
    SHEETS,
)

__all__ = [
    "DATA_NAME",
    "ExportResult",
    "FIRST_DATA_ROW",
    "ImportSummary",
    "OUTCOME_KINDS",
    "OfficeSummary",
    "PackageLogRow",
    "PackageProblem",
    "PackageRejected",
    "ROW_QUERIES",
    "SHEETS",
    "Selection",
    "TABLES",
    "column_label",
    "consolidation",
    "export_package",
    "history_counts",
    "import_package",
    "key_ids",
    "office_choices",
    "outcome_label",
    "package_file_name",
    "package_history",
    "package_period",
    "period_label",
    "problem_text",
    "record_receipt",
    "run_import",
    "sheet_label",
    "table_values",
    "write_receipt",
]
