"""A realistic, deterministic demo region (teachers, courses, certificates, support, the plan) for a new
database; the same seed gives the same data whatever the clock. No Qt.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pedesk.services.demo.region import (
        DemoError,
        generate_demo,
    )

# each name and the module that holds it: a module is imported only when one of its names is first used,
# so that a command loads what it needs (the CLI starts without reportlab or openpyxl)
_HOME = {
    "DemoError": "region",
    "generate_demo": "region",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DemoError",
    "generate_demo",
]
