"""A realistic, deterministic demo region (teachers, courses, certificates, support, the plan) for a new
database; the same seed gives the same data whatever the clock. No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

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


__getattr__ = lazy_exports(__name__, _HOME)


__all__ = [
    "DemoError",
    "generate_demo",
]
