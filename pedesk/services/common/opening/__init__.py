"""Opening the spreadsheets that offices receive (.xlsx, .xlsm, .xlsb, .ods, .xls), safely: what kind a file is,
its structure (active sheet, formula cells, how far each sheet reaches) and every visible worksheet's values.
No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
    from pedesk.services.common.opening.kinds import (
        MAX_FILE_BYTES,
        MAX_UNPACKED_BYTES,
    )
    from pedesk.services.common.opening.layout import (
        MAX_CELLS,
    )
    from pedesk.services.common.opening.reader import (
        MAX_ROWS,
        SheetRows,
        read_sheets,
    )

# each name and the module that holds it: a module is imported only when one of its names is first used
_HOME = {
    "MAX_CELLS": "layout",
    "MAX_FILE_BYTES": "kinds",
    "MAX_ROWS": "reader",
    "MAX_UNPACKED_BYTES": "kinds",
    "SheetRows": "reader",
    "read_sheets": "reader",
}


__getattr__ = lazy_exports(__name__, _HOME)


__all__ = [
    "MAX_CELLS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "SheetRows",
    "read_sheets",
]
