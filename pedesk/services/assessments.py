"""Final assessment and retakes (қорытынды аттестаттау, қайта аттестаттау / итоговая и повторная
аттестация), п.27-31 of the Rules.

- п.27-28: a short course ends with an internal final assessment by its provider; a long course with an
  external one by another organisation under a contract, done by a certified expert (organisation,
  contract number and date, expert and the expert's certificate are recorded). Results are entered for a
  whole cohort at once (:func:`record_results`) and move each listener from "in training" to "completed"
  or "not certified"; a first result may be corrected until a certificate is issued on it.
- п.30: the ways to a certificate after a failure (:func:`retake_options`, :func:`record_retake`); the
  transfer of п.30.3 and the expulsion of п.31 are changes of status (``enrolment.change_status``).
- The cohort's sheet and the list of cohorts for the screen (:func:`assessment_sheet`,
  :func:`page_assessment_cohorts`); the import of results from .xlsx is in
  :mod:`pedesk.services.assessment_import`.

This module is the entry point and re-exports ``assessments_common``, ``assessments_results``,
``assessments_retakes`` and ``assessments_sheet``. Services take the caller's session and never commit.
No Qt.
"""

from __future__ import annotations

from pedesk.services.assessments_common import (
    AssessorInput,
    ResultInput,
    kind_label,
    mode_label,
    required_kind,
)
from pedesk.services.assessments_results import entry_refusal, record_results
from pedesk.services.assessments_retakes import (
    RETAKE_MODES,
    CohortRef,
    RetakeInput,
    RetakeOption,
    record_retake,
    retake_options,
)
from pedesk.services.assessments_sheet import (
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

__all__ = [
    "RETAKE_MODES",
    "SHEET_STATUSES",
    "AssessmentCohortRow",
    "AssessmentSheet",
    "AssessorInput",
    "AttemptView",
    "CohortRef",
    "ResultInput",
    "RetakeInput",
    "RetakeOption",
    "RowAction",
    "SheetCohort",
    "SheetRow",
    "assessment_sheet",
    "assessor_choices",
    "entry_refusal",
    "kind_label",
    "mode_label",
    "page_assessment_cohorts",
    "record_results",
    "record_retake",
    "required_kind",
    "retake_options",
]
