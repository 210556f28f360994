"""Checking an incoming data package (п.17) without touching the database: the ZIP, the workbook
inside it, the manifest, every sheet and every cell. No Qt.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "OpenedPackage",
    "PackageRow",
    "open_package",
]
