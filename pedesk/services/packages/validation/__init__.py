"""Checking an incoming data package (п.17) without touching the database: the ZIP, the workbook
inside it, the manifest, every sheet and every cell, then what the records' dates say. No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
    from pedesk.services.packages.validation.check import (
        OpenedPackage,
        open_package,
    )
    from pedesk.services.packages.validation.meaning import (
        HeldCertificate,
        meaning_problems,
        wanted,
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
    "HeldCertificate": "meaning",
    "meaning_problems": "meaning",
    "wanted": "meaning",
}


__getattr__ = lazy_exports(__name__, _HOME)


__all__ = [
    "HeldCertificate",
    "OpenedPackage",
    "PackageRow",
    "meaning_problems",
    "open_package",
    "wanted",
]
