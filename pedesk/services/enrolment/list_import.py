"""Importing the list of a cohort's listeners (тыңдаушылар тізімі / список слушателей) from the .xlsx file a
district department sends, whatever its shape (see :mod:`pedesk.services.common.spreadsheets`).

Two steps, so that the user sees everything before anything changes: :func:`preview_listener_import` reads
the file, finds the header row and maps the columns, and tells for every row the teacher it creates or
updates (by IIN), the school its workplace matches or adds, whether the teacher is already in the cohort,
and every problem by row and column; it writes nothing. :func:`apply_listener_import` then stores the good
rows only, in the caller's transaction: teachers through :func:`pedesk.services.teachers.registry.upsert_teacher`,
places in the cohort through :func:`pedesk.services.enrolment.enrol_teacher`. No Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import Cohort, School, Teacher
from pedesk.models.audit import audit_reason
from pedesk.services import access
from pedesk.services.access import Action, guarded
from pedesk.services.common import ProgressCallback, ValidationError, report
from pedesk.services.enrolment.application_form import is_late
from pedesk.services.enrolment.applications import enrol_teacher
from pedesk.services.enrolment.list_columns import split_full_name
from pedesk.services.enrolment.list_conflicts import (
    Choice,
    RegistryConflict,
    choices_for,
    registry_version,
)
from pedesk.services.enrolment.list_preview import (
    COMPARED_FIELDS,
    ListenerImportPreview,
    ListenerProblem,
    ListenerRow,
    check_unchanged,
    preview_listener_import,
    reason_problem,
)
from pedesk.services.enrolment.list_schools import WorkplaceMatch, workplace_key
from pedesk.services.reference import school_search_key
from pedesk.services.teachers import upsert_teacher

__all__ = [
    "Choice",
    "RegistryConflict",
    "ListenerImportPreview",
    "ListenerImportResult",
    "ListenerProblem",
    "ListenerRow",
    "SkippedRow",
    "WorkplaceMatch",
    "apply_listener_import",
    "preview_listener_import",
    "split_full_name",
]

PROGRESS_EVERY = 10  # rows between two progress reports


@dataclass(frozen=True)
class SkippedRow:
    """A row that was not imported and why (translated messages)."""

    row: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ListenerImportResult:
    """``rows`` data rows in the file; ``imported`` new places in the cohort; ``updated`` stored teachers
    whose record changed; ``teachers_added`` new teachers; ``already_enrolled`` rows whose teacher was in
    the cohort already (their record may still be updated); ``skipped`` rows left out, with the reasons;
    ``warnings`` from the enrolment (row, message); ``registry_updated`` the rows whose conflict with the
    registry was settled by taking the file's record."""

    rows: int
    imported: int
    updated: int
    teachers_added: int
    already_enrolled: int
    skipped: tuple[SkippedRow, ...]
    schools_added: int
    warnings: tuple[tuple[int, str], ...]
    registry_updated: tuple[int, ...] = ()


# --- Apply -------------------------------------------------------------------------------------------------


@guarded(Action.ENROLMENT)
def apply_listener_import(
    session: Session,
    preview: ListenerImportPreview,
    *,
    reason: str = "",
    today: date,
    progress: ProgressCallback | None = None,
    choices: Mapping[int, Choice] | Choice = Choice.LEAVE_OUT,
) -> ListenerImportResult:
    """Store the preview's good rows in the caller's transaction (never commits): create or update each
    teacher by IIN, add the new schools, and enrol the teachers not yet in the cohort on ``today``.

    ``reason`` (else the preview's) is the reason for a late addition (п.12). A row that the enrolment
    refuses is left out whole (its teacher and school are not stored either) and reported in ``skipped``.
    Refuses (field "file") when the stored teachers, schools or the cohort's list changed since the
    preview. ``progress`` is called every few rows; a ``Cancelled`` it raises unwinds everything.

    ``choices`` settle the rows that conflict with the registry (``preview.conflicts``), by Excel row or one
    for all: ``TAKE_FILE`` updates the registry's surname, name, patronymic and date of birth from the file,
    ``KEEP_REGISTRY`` keeps them and imports the rest of the row; a row left out (the default) is skipped
    whole, teacher and enrolment. Every change of a teacher is audited with the file and row as its reason.
    """
    cohort = check_unchanged(session, preview, today)
    # п.12: the reason goes with the enrolments only when the list is formed on the day of the import.
    late = is_late(cohort, today)
    if late:  # a change of a formed list is the head's to approve
        access.check(session, Action.LATE_LIST_CHANGE)
    why = (reason.strip() or preview.reason) if late else ""
    skipped = _skipped_in_preview(preview)
    chosen = choices_for(tuple(row.row for row in preview.conflicts), choices)
    state = _ApplyState(preview.file_name)
    total = len(preview.rows)
    stage = _("Importing listeners")
    for done, row in enumerate(preview.rows):
        if done % PROGRESS_EVERY == 0:
            report(progress, done, total, stage)
        if not row.already_enrolled and late and not why:
            skipped.append(SkippedRow(row.row, (reason_problem(cohort).message,)))
            continue
        choice = chosen.get(row.row)
        if choice == Choice.LEAVE_OUT:
            skipped.append(SkippedRow(row.row, (preview.conflict_problem(row).message,)))
            continue
        if choice == Choice.KEEP_REGISTRY:
            row = replace(row, data=registry_version(row.data, row.conflicts))
        try:
            with session.begin_nested():
                outcome = _import_row(session, cohort, row, why, today, state)
        except ValidationError as exc:
            skipped.append(SkippedRow(row.row, tuple(problem.message for problem in exc.problems)))
            continue
        state.record(row, outcome)
    report(progress, total, total, stage)
    return ListenerImportResult(
        rows=preview.data_rows,
        imported=state.imported,
        updated=state.updated,
        teachers_added=state.teachers_added,
        already_enrolled=sum(row.already_enrolled for row in preview.rows),
        skipped=tuple(sorted(skipped, key=lambda item: item.row)),
        schools_added=len(state.schools),
        warnings=tuple(state.warnings),
        registry_updated=tuple(row for row, choice in chosen.items() if choice == Choice.TAKE_FILE
                               and row not in {item.row for item in skipped}),
    )


def _skipped_in_preview(preview: ListenerImportPreview) -> list[SkippedRow]:
    reasons: dict[int, list[str]] = {}
    for problem in preview.problems:
        if problem.row > 0:
            reasons.setdefault(problem.row, []).append(problem.message)
    return [SkippedRow(row, tuple(messages)) for row, messages in reasons.items()]


@dataclass(frozen=True)
class _Outcome:
    created: bool
    changed: bool
    enrolled: bool
    new_school: School | None
    warnings: tuple[str, ...]


class _ApplyState:
    """Counts, and the schools added so far (by :func:`workplace_key`), so that a school is added once."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.imported = self.updated = self.teachers_added = 0
        self.schools: dict[str, School] = {}
        self.warnings: list[tuple[int, str]] = []

    def record(self, row: ListenerRow, outcome: _Outcome) -> None:
        # Counted only once the row's savepoint is released: a refused row leaves no school behind.
        self.imported += outcome.enrolled
        self.updated += outcome.changed
        self.teachers_added += outcome.created
        if outcome.new_school is not None:
            self.schools[workplace_key(row.workplace.name)] = outcome.new_school
        self.warnings += [(row.row, message) for message in outcome.warnings]


def _import_row(
    session: Session, cohort: Cohort, row: ListenerRow, reason: str, today: date, state: _ApplyState
) -> _Outcome:
    data, new_school = row.data, None
    if row.workplace.kind == "new":
        school = state.schools.get(workplace_key(row.workplace.name))
        if school is None:
            school = new_school = _add_school(session, row.workplace)
        data = replace(data, school_id=school.id, workplace_region_id=school.region_id)
    stored = session.get(Teacher, row.teacher_id) if row.teacher_id is not None else None
    before = _snapshot(stored) if stored is not None else None
    with audit_reason(session, _("Department list {file}, row {row}").format(file=state.file_name, row=row.row)):
        teacher, created = upsert_teacher(session, data, today=today)
    changed = before is not None and _snapshot(teacher) != before
    warnings: tuple[str, ...] = ()
    if not row.already_enrolled:
        result = enrol_teacher(session, cohort.id, teacher.id, on=today, reason=reason)
        warnings = tuple(result.warnings)
    return _Outcome(created, changed, not row.already_enrolled, new_school, warnings)


def _add_school(session: Session, workplace: WorkplaceMatch) -> School:
    """A workplace no stored school matches becomes a school of the office's region, named as the file
    writes it in both languages (rename it later under Reference data if needed)."""
    name = workplace.name
    school = School(name_kk=name, name_ru=name, region_id=workplace.region_id,
                    search_key=school_search_key(name, name, None))
    session.add(school)
    session.flush()
    return school


def _snapshot(teacher: Teacher) -> tuple[object, ...]:
    return tuple(getattr(teacher, field) for field in COMPARED_FIELDS)
