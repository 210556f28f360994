"""What every service shares and no stage of the Rules owns: refusals (errors), atomic files, text folding,
progress callbacks, reading spreadsheets, the bundled PDF fonts and database backups. No Qt.
"""

from pedesk.services.common.backup import (
    BackupError,
    backup_database,
)
from pedesk.services.common.errors import (
    Problem,
    ValidationError,
    raise_if,
)
from pedesk.services.common.files import (
    check_target,
    write_atomically,
)
from pedesk.services.common.fonts import (
    SANS,
    SANS_BOLD,
    SANS_ITALIC,
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    covering_font,
    font_covers,
    printable,
    register_fonts,
)
from pedesk.services.common.progress import (
    Cancelled,
    ProgressCallback,
    report,
)
from pedesk.services.common.spreadsheets import (
    FILE_FIELD,
    CellProblem,
    ImportColumns,
    Row,
    Table,
    cell_date,
    cell_digits,
    cell_problem,
    cell_text,
    column_index,
    column_letter,
    locate_table,
    read_workbook,
    row_value,
)
from pedesk.services.common.text import (
    clean_spaces,
    fix_lookalikes,
    fix_name,
    fold,
    like_pattern,
    search_key,
)

__all__ = [
    "BackupError",
    "backup_database",
    "BackupError",
    "Cancelled",
    "CellProblem",
    "FILE_FIELD",
    "ImportColumns",
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
    "cell_date",
    "cell_digits",
    "cell_problem",
    "cell_text",
    "check_target",
    "clean_spaces",
    "column_index",
    "column_letter",
    "covering_font",
    "fix_lookalikes",
    "fix_name",
    "fold",
    "font_covers",
    "like_pattern",
    "locate_table",
    "printable",
    "raise_if",
    "read_workbook",
    "register_fonts",
    "report",
    "row_value",
    "search_key",
    "write_atomically",
]
