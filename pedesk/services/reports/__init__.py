"""What the office sees at a glance: the Dashboard's counts of what needs attention today, drawn from
every stage. No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
    from pedesk.services.reports.attention import (
        Dashboard,
        Worklist,
        dashboard,
        package_notice,
        worklists,
    )

# each name and the module that holds it: a module is imported only when one of its names is first used,
# so that a command loads what it needs (the CLI starts without reportlab or openpyxl)
_HOME = {
    "Dashboard": "attention",
    "dashboard": "attention",
    "package_notice": "attention",
    "Worklist": "attention",
    "worklists": "attention",
}


__getattr__ = lazy_exports(__name__, _HOME)


__all__ = [
    "Dashboard",
    "Worklist",
    "dashboard",
    "package_notice",
    "worklists",
]
