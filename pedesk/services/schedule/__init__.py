"""Programmes (п.18, 25-26), cohorts and their timetable (Кесте, п.12-13, 15): editing, the month view,
the cohort lists and the schedule exported as a workbook or a PDF. No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
    from pedesk.services.schedule.calendar import (
        CohortRow,
        cohorts_between,
        cohorts_starting,
        page_cohorts,
    )
    from pedesk.services.schedule.cohort_queries import (
        CohortPhase,
        list_cohorts,
        own_cohort_id,
        phase_label,
    )
    from pedesk.services.schedule.cohorts import (
        MAX_CAPACITY,
        CohortData,
        HoursSummary,
        agree_schedule,
        cohort_data,
        hours_summary,
        list_deadline,
        mark_list_formed,
        reopen_schedule,
        save_cohort,
    )
    from pedesk.services.schedule.export import (
        DATE_FORMAT,
        export_schedule_pdf,
        export_schedule_xlsx,
    )
    from pedesk.services.schedule.lookups import (
        MAX_SESSION_HOURS,
        get_cohort,
        schedule_status_label,
        session_span,
    )
    from pedesk.services.schedule.programmes import (
        ProgrammeData,
        ProgrammeRow,
        get_programme,
        page_programmes,
        save_programme,
        validate_programme,
    )
    from pedesk.services.schedule.sessions import (
        Conflict,
        SessionData,
        SessionRow,
        add_session,
        delete_session,
        find_conflicts,
        list_sessions,
        update_session,
    )

# each name and the module that holds it: a module is imported only when one of its names is first used,
# so that a command loads what it needs (the CLI starts without reportlab or openpyxl)
_HOME = {
    "add_session": "sessions",
    "agree_schedule": "cohorts",
    "cohort_data": "cohorts",
    "CohortData": "cohorts",
    "CohortPhase": "cohort_queries",
    "CohortRow": "calendar",
    "cohorts_between": "calendar",
    "cohorts_starting": "calendar",
    "Conflict": "sessions",
    "DATE_FORMAT": "export",
    "delete_session": "sessions",
    "export_schedule_pdf": "export",
    "export_schedule_xlsx": "export",
    "find_conflicts": "sessions",
    "get_cohort": "lookups",
    "get_programme": "programmes",
    "hours_summary": "cohorts",
    "HoursSummary": "cohorts",
    "list_cohorts": "cohort_queries",
    "list_deadline": "cohorts",
    "list_sessions": "sessions",
    "mark_list_formed": "cohorts",
    "MAX_CAPACITY": "cohorts",
    "MAX_SESSION_HOURS": "lookups",
    "own_cohort_id": "cohort_queries",
    "page_cohorts": "calendar",
    "page_programmes": "programmes",
    "phase_label": "cohort_queries",
    "ProgrammeData": "programmes",
    "ProgrammeRow": "programmes",
    "reopen_schedule": "cohorts",
    "save_cohort": "cohorts",
    "save_programme": "programmes",
    "schedule_status_label": "lookups",
    "session_span": "lookups",
    "SessionData": "sessions",
    "SessionRow": "sessions",
    "update_session": "sessions",
    "validate_programme": "programmes",
}


__getattr__ = lazy_exports(__name__, _HOME)


__all__ = [
    "CohortData",
    "CohortPhase",
    "CohortRow",
    "Conflict",
    "DATE_FORMAT",
    "HoursSummary",
    "MAX_CAPACITY",
    "MAX_SESSION_HOURS",
    "ProgrammeData",
    "ProgrammeRow",
    "SessionData",
    "SessionRow",
    "add_session",
    "agree_schedule",
    "cohort_data",
    "cohorts_between",
    "cohorts_starting",
    "delete_session",
    "export_schedule_pdf",
    "export_schedule_xlsx",
    "find_conflicts",
    "get_cohort",
    "get_programme",
    "hours_summary",
    "list_cohorts",
    "list_deadline",
    "list_sessions",
    "mark_list_formed",
    "own_cohort_id",
    "page_cohorts",
    "page_programmes",
    "phase_label",
    "reopen_schedule",
    "save_cohort",
    "save_programme",
    "schedule_status_label",
    "session_span",
    "update_session",
    "validate_programme",
]
