"""The final assessment and retakes (п.27-31): results entered or imported from a file, the ways to a
certificate after a failure, and the assessment sheet. No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
    from pedesk.services.assessments.file_columns import (
        write_results_template,
    )
    from pedesk.services.assessments.results import (
        entry_refusal,
        record_results,
    )
    from pedesk.services.assessments.results_import import (
        ResultsPreview,
        apply_results_import,
        preview_results_import,
    )
    from pedesk.services.assessments.retakes import (
        RETAKE_MODES,
        CohortRef,
        RetakeInput,
        RetakeOption,
        record_retake,
        retake_options,
    )
    from pedesk.services.assessments.shared import (
        AssessorInput,
        ResultInput,
        kind_label,
        mode_label,
        required_kind,
    )
    from pedesk.services.assessments.sheet import (
        SHEET_STATUSES,
        AssessmentCohortRow,
        AssessmentSheet,
        AttemptView,
        RowAction,
        SheetCohort,
        SheetRow,
        assessment_sheet,
        assessor_choices,
        page_assessment_cohorts,
    )

# each name and the module that holds it: a module is imported only when one of its names is first used,
# so that a command loads what it needs (the CLI starts without reportlab or openpyxl)
_HOME = {
    "apply_results_import": "results_import",
    "assessment_sheet": "sheet",
    "AssessmentCohortRow": "sheet",
    "AssessmentSheet": "sheet",
    "assessor_choices": "sheet",
    "AssessorInput": "shared",
    "AttemptView": "sheet",
    "CohortRef": "retakes",
    "entry_refusal": "results",
    "kind_label": "shared",
    "mode_label": "shared",
    "page_assessment_cohorts": "sheet",
    "preview_results_import": "results_import",
    "record_results": "results",
    "record_retake": "retakes",
    "required_kind": "shared",
    "ResultInput": "shared",
    "ResultsPreview": "results_import",
    "RETAKE_MODES": "retakes",
    "retake_options": "retakes",
    "RetakeInput": "retakes",
    "RetakeOption": "retakes",
    "RowAction": "sheet",
    "SHEET_STATUSES": "sheet",
    "SheetCohort": "sheet",
    "SheetRow": "sheet",
    "write_results_template": "file_columns",
}


__getattr__ = lazy_exports(__name__, _HOME)


__all__ = [
    "AssessmentCohortRow",
    "AssessmentSheet",
    "AssessorInput",
    "AttemptView",
    "CohortRef",
    "RETAKE_MODES",
    "ResultInput",
    "ResultsPreview",
    "RetakeInput",
    "RetakeOption",
    "RowAction",
    "SHEET_STATUSES",
    "SheetCohort",
    "SheetRow",
    "apply_results_import",
    "assessment_sheet",
    "assessor_choices",
    "entry_refusal",
    "kind_label",
    "mode_label",
    "page_assessment_cohorts",
    "preview_results_import",
    "record_results",
    "record_retake",
    "required_kind",
    "retake_options",
    "write_results_template",
]
