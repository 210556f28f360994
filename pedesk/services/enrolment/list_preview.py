"""The first step of importing a cohort's list of listeners (see :mod:`pedesk.services.enrolment.list_import`):
read the file, map its columns, check every row, and match the rows against the stored teachers, schools
and the cohort. Writes nothing. No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, format_date
from pedesk.models import Cohort, Enrolment, Teacher
from pedesk.models.enums import ACTIVE_ENROLMENT_STATUSES, EnrolmentStatus
from pedesk.services.common import (
    FILE_FIELD,
    CellProblem,
    FileProblem,
    ImportColumns,
    PreviewColumns,
    Table,
    ValidationError,
    column_warnings,
    found_or_refuse,
    header_aliases,
    import_columns,
    preview_columns,
    table_or_refuse,
)
from pedesk.services.enrolment.application_form import is_late, list_formed_on
from pedesk.services.enrolment.list_columns import CategoryMatcher
from pedesk.services.enrolment.list_conflicts import RegistryConflict, compare_with_registry, conflict_problem
from pedesk.services.enrolment.list_rows import ParsedRow, parse_listener_row
from pedesk.services.enrolment.list_schools import WorkplaceIndex, WorkplaceMatch, workplace_key
from pedesk.services.enrolment.shared import hold_places, status_label, taken_places
from pedesk.services.teachers import TeacherData, under_age_warning, validate_teacher

__all__ = [
    "COMPARED_FIELDS",
    "ListenerImportPreview",
    "ListenerProblem",
    "ListenerRow",
    "check_unchanged",
    "preview_listener_import",
    "reason_problem",
]

REASON_FIELD = "reason"
# The teacher's fields an import may change (the IIN is the key; earlier courses are not in the lists).
COMPARED_FIELDS = (
    "surname", "name", "patronymic", "birth_date", "position", "education", "category_id", "category_valid_until",
    "school_id", "workplace", "workplace_region_id", "total_experience_years", "teaching_experience_years",
    "instruction_language", "home_address", "phone", "email", "additional_info",
)

# The column that holds a field of the questionnaire, where their names differ.
_PROBLEM_COLUMNS = {"category_id": "category", "school_id": "workplace", "workplace_region_id": "workplace"}


class ListenerProblem(FileProblem):
    """Something wrong: the Excel ``row`` (0: the whole list, such as a missing reason), the ``column``
    letter and its ``header`` ("" for the whole row), the stable ``field`` key and the translated
    ``message``, which already says where ("Row 7, column C (ЖСН): ...")."""


@dataclass(frozen=True)
class ListenerRow:
    """A good row: the questionnaire's fields to store (``data``; its ``school_id`` is None for a school
    still to add), the stored teacher with that IIN (``teacher_id``, None for a new one) and the fields the
    row changes, what the workplace matched, and whether the teacher is already in the cohort.
    ``conflicts`` are the surname, name, patronymic or date of birth the registry holds otherwise for the
    IIN (see :mod:`pedesk.services.enrolment.list_conflicts`): such a row waits for the user's choice."""

    row: int
    data: TeacherData
    teacher_id: int | None
    changes: tuple[str, ...]
    workplace: WorkplaceMatch
    already_enrolled: bool
    conflicts: tuple[RegistryConflict, ...] = ()


@dataclass(frozen=True)
class ListenerImportPreview:
    """What an import would do. ``rows`` are the rows that will be imported; rows with ``problems`` are
    left out. ``columns`` holds (field, column letter, header text) of each recognised column;
    ``needs_reason`` says the cohort's list is formed (п.12), so that adding teachers needs a reason.
    ``warnings`` point out what is imported all the same (a listener under 18 at the course's start) and the
    columns left out or empty (row 0); ``sheets`` are the file's visible sheets that hold a list (``sheet`` is
    one of them), to read another instead."""

    file_name: str
    sheet: str
    header_row: int
    cohort_id: int
    cohort_code: str
    capacity: int
    enrolled_before: int
    needs_reason: bool
    reason: str
    columns: PreviewColumns
    data_rows: int
    rows: tuple[ListenerRow, ...]
    problems: tuple[ListenerProblem, ...]
    warnings: tuple[ListenerProblem, ...] = ()
    sheets: tuple[str, ...] = ()

    @property
    def conflicts(self) -> tuple[ListenerRow, ...]:
        """Rows whose IIN the registry holds under another name or date of birth (they wait for a choice)."""
        return tuple(row for row in self.rows if row.conflicts)

    def conflict_problem(self, row: ListenerRow) -> ListenerProblem:
        """What a conflicting row says when it is left out: both versions, and what to do."""
        columns = import_columns(self.columns)
        return ListenerProblem.of(conflict_problem(columns, row.row, row.data.iin, row.conflicts), columns)

    @property
    def reason_missing(self) -> bool:
        return self.needs_reason and not self.reason.strip()

    @property
    def to_enrol(self) -> tuple[ListenerRow, ...]:
        return tuple(row for row in self.rows if not row.already_enrolled)

    @property
    def to_update(self) -> tuple[ListenerRow, ...]:
        """Rows that change a stored teacher's record."""
        return tuple(row for row in self.rows if row.teacher_id is not None and row.changes)

    @property
    def new_schools(self) -> tuple[str, ...]:
        """The workplaces no stored school matches: they are added to the schools (once each)."""
        names: dict[str, str] = {}
        for row in self.rows:
            if row.workplace.kind == "new":
                names.setdefault(workplace_key(row.workplace.name), row.workplace.name)
        return tuple(names.values())

    @property
    def rows_with_problems(self) -> tuple[int, ...]:
        return tuple(sorted({problem.row for problem in self.problems if problem.row > 0}))


# --- Preview -------------------------------------------------------------------------------------------------


def preview_listener_import(
    session: Session, path: str | Path, cohort_id: int, *, today: date, reason: str = "", sheet: str | None = None
) -> ListenerImportPreview:
    """Read the file and say what importing it into the cohort would do; writes nothing.

    ``reason`` is the reason for adding teachers to a list that is already formed (п.12), when the user
    gave it up front; ``sheet`` the sheet to read (else the one a person would choose). Raises
    ``ValidationError`` for an unknown cohort (field "cohort_id"), for a file that cannot be read, has no
    header row with the IIN and the names, or no teachers (field "file"), for a ``sheet`` not there (field
    "sheet"), and ``SheetChoiceNeeded`` where several sheets hold a list and none is the active one.
    """
    cohort = found_or_refuse(session, Cohort, cohort_id, "cohort_id",
                             _("Cohort: choose the cohort the listeners are enrolled in."))
    source = Path(path)
    table = _locate(source, sheet)
    categories = CategoryMatcher.load(session)
    parsed = _parse(table, categories, today, source.name)
    duplicates = _duplicates(parsed, table.columns)
    dropped = {problem.row for problem in duplicates}
    good = [(row.row, row.data) for row in parsed if row.data is not None and row.row not in dropped]
    rows, refusals, warnings = _resolve(session, cohort, good, table.columns, today)
    cell_problems = [problem for row in parsed for problem in row.problems] + duplicates + refusals
    problems = [ListenerProblem.of(problem, table.columns) for problem in cell_problems]
    needs_reason = is_late(cohort, today)
    if needs_reason and not reason.strip() and any(not row.already_enrolled for row in rows):
        problems.insert(0, reason_problem(cohort))
    return ListenerImportPreview(
        file_name=source.name,
        sheet=table.sheet.name,
        header_row=table.header_index + 1,
        cohort_id=cohort.id,
        cohort_code=cohort.code,
        capacity=cohort.capacity,
        enrolled_before=taken_places(session, cohort.id),
        needs_reason=needs_reason,
        reason=reason.strip(),
        columns=preview_columns(table.columns),
        data_rows=len(parsed),
        rows=tuple(rows),
        problems=tuple(sorted(problems, key=lambda p: (p.row, len(p.column), p.column))),
        warnings=(*(ListenerProblem(w.row, w.column, w.header, w.field, w.message) for w in column_warnings(table)),
                  *(ListenerProblem.of(warning, table.columns) for warning in warnings)),
        sheets=table.candidates,
    )


def _locate(path: Path, sheet: str | None) -> Table:
    names = ("full_name", "surname", "name")
    return table_or_refuse(path, header_aliases("listeners"), required_any=("iin",), sheet=sheet, refusal=_(
        "The file {name} has no header row with the teachers' IIN and names. The list needs a row of column "
        'headers such as "ЖСН" or "ИИН" (the IIN) and "ТАӘ" or "ФИО" (the full name), or "Тегі", "Аты", '
        '"Әкесінің аты". Add the headers above the list and choose the file again.'
    ), accept=lambda columns: any(field in columns.index for field in names))


def _parse(table: Table, categories: CategoryMatcher, today: date, name: str) -> list[ParsedRow]:
    parsed = [
        found for number, values in table.data_rows()
        if (found := _formula_row(table, number) or parse_listener_row(table.columns, number, values, categories,
                                                                        today)) is not None
    ]
    if not parsed:
        raise ValidationError.single(FILE_FIELD, _(
            "The file {name} has a header row but no teachers under it. Check that it is the right file."
        ).format(name=name))
    return parsed


def _formula_row(table: Table, number: int) -> ParsedRow | None:
    """A row with a formula in one of the list's columns: refused, each such cell named."""
    found = table.formula_problems(number)
    return ParsedRow(number, "", None, tuple(found)) if found else None


def _duplicates(parsed: Sequence[ParsedRow], columns: ImportColumns) -> list[CellProblem]:
    """A teacher appears once in a list: the first row with an IIN is kept, later ones are reported."""
    first: dict[str, int] = {}
    problems: list[CellProblem] = []
    for row in parsed:
        if not row.iin:
            continue
        if row.iin in first:
            problems.append(columns.problem(row.row, "iin", _(
                "the IIN {iin} is already in row {first} of the file; only row {first} is imported. Delete "
                "one of the rows."
            ).format(iin=row.iin, first=first[row.iin])))
        else:
            first[row.iin] = row.row
    return problems


def reason_problem(cohort: Cohort) -> ListenerProblem:
    """п.12: the general problem of a formed list imported without a reason (row 0: the whole list)."""
    formed = list_formed_on(cohort)
    return ListenerProblem(0, "", "", REASON_FIELD, _(
        "The list of the cohort {code} was formed on {date} (п.12 of the Rules), so adding teachers now "
        "needs a reason. Give the reason (for example, replacing a teacher who fell ill) and import again."
    ).format(code=cohort.code, date=format_date(formed)))


# --- Matching against the stored teachers, schools and the cohort -------------------------------------------


def _teachers_by_iin(session: Session, iins: Sequence[str]) -> dict[str, Teacher]:
    found: dict[str, Teacher] = {}
    unique = sorted(set(iins))
    for start in range(0, len(unique), 500):  # SQLite limits the number of bound parameters
        chunk = unique[start:start + 500]
        found.update({t.iin: t for t in session.scalars(select(Teacher).where(Teacher.iin.in_(chunk)))})
    return found


def _resolve(
    session: Session, cohort: Cohort, parsed: Sequence[tuple[int, TeacherData]], columns: ImportColumns,
    today: date,
) -> tuple[list[ListenerRow], list[CellProblem], list[CellProblem]]:
    """The stored teacher and school of each row, whether it is in the cohort already, its conflicts with the
    registry, and a refusal for the rows beyond the cohort's free places (in the file's order); then the
    warnings (a listener under 18 on the cohort's first day)."""
    teachers = _teachers_by_iin(session, [data.iin for _row, data in parsed])
    query = select(Enrolment.teacher_id, Enrolment.status).where(Enrolment.cohort_id == cohort.id)
    statuses: dict[int, EnrolmentStatus] = dict(session.execute(query).all())
    free = max(0, cohort.capacity - taken_places(session, cohort.id))
    index = WorkplaceIndex.load(session, cohort.office.region_id)
    rows: list[ListenerRow] = []
    problems: list[CellProblem] = []
    warnings: list[CellProblem] = []
    for number, file_data in parsed:
        match = index.find(file_data.workplace)
        data = _with_workplace(file_data, match)
        teacher = teachers.get(data.iin)
        conflicts: tuple[RegistryConflict, ...] = ()
        if teacher is not None:
            data, conflicts = compare_with_registry(teacher, data)
        found = _validation_problems(session, number, data, teacher, columns, today)
        if found:
            problems += found
            continue
        status = statuses.get(teacher.id) if teacher is not None else None
        already = status in ACTIVE_ENROLMENT_STATUSES
        refusal = _enrolment_refusal(cohort, status, free)
        if refusal:
            problems.append(columns.problem(number, "cohort", refusal))
            continue
        free -= 0 if already else 1
        changes = _changes(teacher, data) if teacher is not None else ()
        rows.append(ListenerRow(number, data, teacher.id if teacher else None, changes, match, already, conflicts))
        young = under_age_warning(data.birth_date or (teacher.birth_date if teacher else None), cohort.start_date)
        if young and not already:
            warnings.append(columns.problem(number, "birth_date" if "birth_date" in columns.index else "iin", young))
    return rows, problems, warnings


def _enrolment_refusal(cohort: Cohort, status: EnrolmentStatus | None, free: int) -> str:
    """Why the enrolment would refuse the row, as far as it can be known before importing (a withdrawn
    application is reopened; one that ended otherwise cannot be)."""
    if status is None or status == EnrolmentStatus.WITHDRAWN:
        if free > 0:
            return ""
        return _(
            "the cohort {code} is full ({capacity} places), so this teacher gets no place. Free a place "
            "in the cohort, or enrol the teacher in another cohort."
        ).format(code=cohort.code, capacity=cohort.capacity)
    if status in ACTIVE_ENROLMENT_STATUSES:
        return ""
    return _(
        'the teacher already left the cohort {code} with the status "{status}" and cannot be added to it '
        "again. Choose another cohort."
    ).format(code=cohort.code, status=status_label(status))


def _with_workplace(data: TeacherData, match: WorkplaceMatch) -> TeacherData:
    if match.kind == "existing":
        return replace(data, school_id=match.school_id, workplace=match.name, workplace_region_id=match.region_id)
    if match.kind == "new":
        return replace(data, workplace_region_id=match.region_id)
    return data


def _validation_problems(
    session: Session, number: int, data: TeacherData, teacher: Teacher | None, columns: ImportColumns, today: date
) -> list[CellProblem]:
    """What ``upsert_teacher`` would refuse: the questionnaire's checks on the record as it would be stored
    (a stored teacher's record with the row's filled-in fields over it)."""
    view = data
    if teacher is not None:
        filled = {field: getattr(data, field) for field in COMPARED_FIELDS if getattr(data, field) not in (None, "")}
        view = replace(TeacherData.from_model(teacher), **filled)
    return [
        columns.problem(number, _PROBLEM_COLUMNS.get(problem.field, problem.field), problem.message)
        for problem in validate_teacher(session, view, teacher.id if teacher is not None else None, today=today)
    ]


def _changes(teacher: Teacher, data: TeacherData) -> tuple[str, ...]:
    """The fields the row changes: those it fills in with another value (empty ones keep the stored)."""
    return tuple(
        field for field in COMPARED_FIELDS
        if getattr(data, field) not in (None, "") and getattr(data, field) != getattr(teacher, field)
    )


def _outline(rows: Sequence[ListenerRow]) -> list[tuple[object, ...]]:
    return [(r.row, r.teacher_id, r.changes, r.workplace.kind, r.workplace.school_id, r.already_enrolled,
             r.conflicts) for r in rows]


def _file_data(row: ListenerRow) -> TeacherData:
    return replace(row.data, school_id=None, workplace=row.workplace.text, workplace_region_id=None)


def check_unchanged(session: Session, preview: ListenerImportPreview, today: date) -> Cohort:
    columns = import_columns(preview.columns)
    cohort = session.get(Cohort, preview.cohort_id)
    if cohort is not None:
        hold_places(session, cohort.id)
        rows = [(row.row, _file_data(row)) for row in preview.rows]
        fresh, problems, _warnings = _resolve(session, cohort, rows, columns, today)
        if not problems and _outline(fresh) == _outline(preview.rows):
            return cohort
    raise ValidationError.single(FILE_FIELD, _(
        "The teachers, the schools or the cohort's list changed after the file {name} was checked (someone "
        "saved changes meanwhile). Open the file again to check it anew; nothing was imported."
    ).format(name=preview.file_name))
