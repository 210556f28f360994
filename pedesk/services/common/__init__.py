"""What every service shares and no stage of the Rules owns: refusals (errors), the record a form saves into,
atomic files, text folding, progress callbacks, reading spreadsheets and previewing their import, the bundled
PDF fonts and flowing PDF pages, writing worksheets and database backups. No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
    from pedesk.services.common.backup import (
        BackupError,
        backup_database,
    )
    from pedesk.services.common.documents import (
        build_pdf,
    )
    from pedesk.services.common.errors import (
        Problem,
        ValidationError,
        raise_if,
    )
    from pedesk.services.common.faults import (
        Fault,
        fault_message,
        write_fault,
    )
    from pedesk.services.common.files import (
        check_target,
        remove_partial,
        write_atomically,
    )
    from pedesk.services.common.fonts import (
        FAMILIES,
        SANS,
        SANS_BOLD,
        SANS_ITALIC,
        SERIF,
        SERIF_BOLD,
        SERIF_ITALIC,
        covering_font,
        font_covers,
        legible,
        printable,
        register_fonts,
    )
    from pedesk.services.common.guards import (
        guard_refusal,
    )
    from pedesk.services.common.previews import (
        FileProblem,
        PreviewColumns,
        import_columns,
        preview_columns,
        table_or_refuse,
    )
    from pedesk.services.common.progress import (
        Cancelled,
        ProgressCallback,
        report,
    )
    from pedesk.services.common.records import (
        chosen,
        form_of,
        found_or_refuse,
        record_to_save,
    )
    from pedesk.services.common.spreadsheets import (
        FILE_FIELD,
        CellProblem,
        ImportColumns,
        Row,
        cell_date,
        cell_digits,
        cell_problem,
        cell_text,
        column_index,
        column_letter,
        row_value,
    )
    from pedesk.services.common.text import (
        clean_spaces,
        fix_lookalikes,
        fix_name,
        fold,
        kazakh_key,
        like_pattern,
        name_order,
        search_key,
    )
    from pedesk.services.common.values import (
        MAX_CELL,
        MAX_NOTE,
        MAX_QUOTED,
        column_lengths,
        garbled_reading,
        hidden_character,
        shorten,
        value_problem,
    )
    from pedesk.services.common.workbooks import (
        Table,
        locate_table,
        read_workbook,
    )
    from pedesk.services.common.worksheets import (
        DATE_FORMAT,
        print_landscape,
        put_cell,
    )

# each name and the module that holds it: a module is imported only when one of its names is first used,
# so that a command loads what it needs (the CLI starts without reportlab or openpyxl)
_HOME = {
    "backup_database": "backup",
    "BackupError": "backup",
    "build_pdf": "documents",
    "Cancelled": "progress",
    "cell_date": "spreadsheets",
    "cell_digits": "spreadsheets",
    "cell_problem": "spreadsheets",
    "cell_text": "spreadsheets",
    "CellProblem": "spreadsheets",
    "check_target": "files",
    "chosen": "records",
    "clean_spaces": "text",
    "column_index": "spreadsheets",
    "column_letter": "spreadsheets",
    "covering_font": "fonts",
    "DATE_FORMAT": "worksheets",
    "FAMILIES": "fonts",
    "Fault": "faults",
    "fault_message": "faults",
    "FILE_FIELD": "spreadsheets",
    "FileProblem": "previews",
    "guard_refusal": "guards",
    "fix_lookalikes": "text",
    "fix_name": "text",
    "fold": "text",
    "font_covers": "fonts",
    "form_of": "records",
    "found_or_refuse": "records",
    "import_columns": "previews",
    "ImportColumns": "spreadsheets",
    "kazakh_key": "text",
    "legible": "fonts",
    "like_pattern": "text",
    "locate_table": "workbooks",
    "name_order": "text",
    "preview_columns": "previews",
    "PreviewColumns": "previews",
    "print_landscape": "worksheets",
    "printable": "fonts",
    "Problem": "errors",
    "put_cell": "worksheets",
    "ProgressCallback": "progress",
    "raise_if": "errors",
    "read_workbook": "workbooks",
    "record_to_save": "records",
    "register_fonts": "fonts",
    "remove_partial": "files",
    "report": "progress",
    "Row": "spreadsheets",
    "row_value": "spreadsheets",
    "SANS": "fonts",
    "SANS_BOLD": "fonts",
    "SANS_ITALIC": "fonts",
    "search_key": "text",
    "SERIF": "fonts",
    "SERIF_BOLD": "fonts",
    "SERIF_ITALIC": "fonts",
    "Table": "workbooks",
    "table_or_refuse": "previews",
    "ValidationError": "errors",
    "write_atomically": "files",
    "MAX_CELL": "values",
    "MAX_NOTE": "values",
    "MAX_QUOTED": "values",
    "column_lengths": "values",
    "garbled_reading": "values",
    "hidden_character": "values",
    "shorten": "values",
    "value_problem": "values",
    "write_fault": "faults",
}


__getattr__ = lazy_exports(__name__, _HOME)


__all__ = [
    "MAX_CELL",
    "MAX_NOTE",
    "MAX_QUOTED",
    "column_lengths",
    "garbled_reading",
    "hidden_character",
    "shorten",
    "value_problem",
    "BackupError",
    "Cancelled",
    "CellProblem",
    "DATE_FORMAT",
    "FAMILIES",
    "FILE_FIELD",
    "Fault",
    "FileProblem",
    "ImportColumns",
    "PreviewColumns",
    "Problem",
    "ProgressCallback",
    "Row",
    "SANS",
    "SANS_BOLD",
    "SANS_ITALIC",
    "SERIF",
    "SERIF_BOLD",
    "SERIF_ITALIC",
    "Table",
    "ValidationError",
    "backup_database",
    "build_pdf",
    "cell_date",
    "cell_digits",
    "cell_problem",
    "cell_text",
    "check_target",
    "chosen",
    "clean_spaces",
    "column_index",
    "column_letter",
    "covering_font",
    "fault_message",
    "fix_lookalikes",
    "fix_name",
    "fold",
    "font_covers",
    "guard_refusal",
    "form_of",
    "found_or_refuse",
    "import_columns",
    "kazakh_key",
    "legible",
    "like_pattern",
    "locate_table",
    "name_order",
    "preview_columns",
    "print_landscape",
    "printable",
    "put_cell",
    "raise_if",
    "read_workbook",
    "record_to_save",
    "register_fonts",
    "remove_partial",
    "report",
    "row_value",
    "search_key",
    "table_or_refuse",
    "write_atomically",
    "write_fault",
]
