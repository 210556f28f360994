"""Annual planning (п.9-11): schools' applications, district plans, the region's plan, planned against
actual, the plan as a workbook, and a cohort's list started from the plan (п.12). No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
    from pedesk.services.planning.export import (
        plan_export,
    )
    from pedesk.services.planning.lists import (
        ListOutcome,
        cohorts_for_application,
        start_list_from_application,
    )
    from pedesk.services.planning.plan import (
        KIND_LABELS,
        ApplicationData,
        application_for_edit,
        deadline_of,
        delete_application,
        programme_choices,
        save_application,
        school_choices,
    )
    from pedesk.services.planning.totals import (
        ApplicationRow,
        DistrictPlanRow,
        application_rows,
        district_plan,
        form_region_plan,
        forward_district_plan,
        planned_vs_actual,
        region_plan,
    )

# each name and the module that holds it: a module is imported only when one of its names is first used,
# so that a command loads what it needs (the CLI starts without reportlab or openpyxl)
_HOME = {
    "application_for_edit": "plan",
    "application_rows": "totals",
    "ApplicationData": "plan",
    "ApplicationRow": "totals",
    "cohorts_for_application": "lists",
    "deadline_of": "plan",
    "delete_application": "plan",
    "district_plan": "totals",
    "DistrictPlanRow": "totals",
    "form_region_plan": "totals",
    "forward_district_plan": "totals",
    "KIND_LABELS": "plan",
    "ListOutcome": "lists",
    "plan_export": "export",
    "planned_vs_actual": "totals",
    "programme_choices": "plan",
    "region_plan": "totals",
    "save_application": "plan",
    "school_choices": "plan",
    "start_list_from_application": "lists",
}


__getattr__ = lazy_exports(__name__, _HOME)


__all__ = [
    "ApplicationData",
    "ApplicationRow",
    "DistrictPlanRow",
    "KIND_LABELS",
    "ListOutcome",
    "application_for_edit",
    "application_rows",
    "cohorts_for_application",
    "deadline_of",
    "delete_application",
    "district_plan",
    "form_region_plan",
    "forward_district_plan",
    "plan_export",
    "planned_vs_actual",
    "programme_choices",
    "region_plan",
    "save_application",
    "school_choices",
    "start_list_from_application",
]
