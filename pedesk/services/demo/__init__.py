"""A realistic, deterministic demo region (teachers, courses, certificates, support, the plan) for a new
database; the same seed gives the same data whatever the clock. No Qt.
"""

from pedesk.services.demo.region import (
    DemoError,
    generate_demo,
)

__all__ = [
    "DemoError",
    "generate_demo",
]
