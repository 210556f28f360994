"""What the office sees at a glance: the Dashboard's counts of what needs attention today, drawn from
every stage. No Qt.
"""

from pedesk.services.reports.attention import (
    Dashboard,
    Worklist,
    dashboard,
    package_notice,
    worklists,
)

__all__ = [
    "Dashboard",
    "Worklist",
    "dashboard",
    "package_notice",
    "worklists",
]
