"""Checking an incoming data package (п.17) without touching the database: the ZIP, the workbook
inside it, the manifest, every sheet and every cell. No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
    from pedesk.services.packages.validation.check import (
        OpenedPackage,
        open_package,
    )
    from pedesk.services.packages.validation.problems import (
        PackageRow,
    )

# each name and the module that holds it: a module is imported only when one of its names is first used,
# so that a command loads what it needs (the CLI starts without reportlab or openpyxl)
_HOME = {
    "open_package": "check",
    "OpenedPackage": "check",
    "PackageRow": "problems",
}


__getattr__ = lazy_exports(__name__, _HOME)


__all__ = [
    "OpenedPackage",
    "PackageRow",
    "open_package",
]
