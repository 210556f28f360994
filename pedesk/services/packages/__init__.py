"""The semi-annual data packages (п.17): the format, export from an office, validation of an incoming
package, import and consolidation at the region, receipts, history and the summary. No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
    from pedesk.services.packages.apply import (
        TABLES,
        key_ids,
        table_values,
    )
    from pedesk.services.packages.export import (
        export_package,
    )
    from pedesk.services.packages.history import (
        OUTCOME_KINDS,
        PackageLogRow,
        history_counts,
        outcome_label,
        package_history,
        record_receipt,
        run_import,
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
        OfficeSummary,
        column_label,
        consolidation,
        office_choices,
        package_file_name,
        package_period,
        period_label,
        problem_text,
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

# each name and the module that holds it: a module is imported only when one of its names is first used,
# so that a command loads what it needs (the CLI starts without reportlab or openpyxl)
_HOME = {
    "column_label": "overview",
    "consolidation": "overview",
    "DATA_NAME": "spec",
    "export_package": "export",
    "ExportResult": "outcomes",
    "FIRST_DATA_ROW": "spec",
    "history_counts": "history",
    "import_package": "importing",
    "ImportSummary": "outcomes",
    "key_ids": "apply",
    "office_choices": "overview",
    "OfficeSummary": "overview",
    "OUTCOME_KINDS": "history",
    "outcome_label": "history",
    "package_file_name": "overview",
    "package_history": "history",
    "package_period": "overview",
    "PackageLogRow": "history",
    "PackageProblem": "outcomes",
    "PackageRejected": "outcomes",
    "period_label": "overview",
    "problem_text": "overview",
    "record_receipt": "history",
    "ROW_QUERIES": "rows",
    "run_import": "history",
    "Selection": "selection",
    "sheet_label": "overview",
    "SHEETS": "spec",
    "table_values": "apply",
    "TABLES": "apply",
    "write_receipt": "receipt",
}


__getattr__ = lazy_exports(__name__, _HOME)


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
