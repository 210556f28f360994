"""Checking an incoming data package (п.17) without touching the database: the ZIP, the workbook
inside it, the manifest, every sheet and every cell. No Qt.
"""

from pedesk.services.packages.validation.check import (
    OpenedPackage,
    open_package,
)
from pedesk.services.packages.validation.problems import (
    PackageRow,
)

__all__ = [
    "OpenedPackage",
    "PackageRow",
    "open_package",
]
