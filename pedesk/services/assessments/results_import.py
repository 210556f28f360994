"""Importing the results of a cohort's final assessment (п.27-28) from an .xlsx file, whatever its shape (see
:mod:`pedesk.services.common.spreadsheets`), and writing the blank file the office fills in.

Two steps, so that the user sees everything before anything changes: :func:`preview_results_import` reads
the file, finds the header row by its texts in Kazakh, Russian or English (the IIN, the full name, the
score, the maximum score, the result and an optional date), matches each IIN to the cohort's listeners and
reports every problem by row and column; it writes nothing. :func:`apply_results_import` then records
every result through :func:`pedesk.services.assessments.record_results`, only when the file has no
problem at all: a result file is imported whole or not at all. No Qt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import Assessment, Certificate, Cohort, Enrolment, Teacher
from pedesk.services.access import Action, guarded
from pedesk.services.assessments.file_columns import PASSED_WORDS, write_results_template
from pedesk.services.assessments.results import entry_refusal, record_results
from pedesk.services.assessments.shared import (
    AssessorInput,
    ResultInput,
    attempts_by_enrolment,
    certificates_by_enrolment,
    held_on_problems,
    score_problems,
)
from pedesk.services.common import (
    FILE_FIELD,
    MAX_CELL,
    CellProblem,
    FileProblem,
    ImportColumns,
    PreviewColumns,
    Problem,
    Row,
    Table,
    ValidationError,
    cell_date,
    cell_digits,
    cell_text,
    column_warnings,
    fold,
    header_aliases,
    preview_columns,
    row_value,
    shorten,
    table_or_refuse,
    value_problem,
)
from pedesk.services.enrolment import cohort_or_refuse

__all__ = [
    "ImportedResult",
    "ResultsPreview",
    "ResultsProblem",
    "apply_results_import",
    "preview_results_import",
    "read_passed",
    "read_score",
    "write_results_template",
]

IIN_LENGTH = 12
_RESULT_FIELDS = ("score", "max_score", "passed", "held_on")
_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")


class ResultsProblem(FileProblem):
    """Something wrong in the file: the Excel ``row`` (0: the whole file), the ``column`` letter and its
    ``header`` ("" for the whole row), the stable ``field`` key and the translated ``message``, which already
    says where ("Row 4, column C (Балл): ...")."""


@dataclass(frozen=True)
class ImportedResult:
    """A good row: the listener it is for, the result, its own date (None: the date chosen on import) and
    whether it corrects a first result already recorded."""

    row: int
    enrolment_id: int
    iin: str
    full_name: str
    score: Decimal | None
    max_score: Decimal | None
    passed: bool
    held_on: date | None
    corrects: bool


@dataclass(frozen=True)
class ResultsPreview:
    """What an import would record. ``columns`` holds (field, column letter, header text) of each recognised
    column; ``empty_rows`` are the rows of listeners without any result in the file (left as they are);
    ``warnings`` the columns left out or empty (row 0), which do not stop the import; ``sheets`` the file's
    visible sheets that hold a list (``sheet`` is one of them), to read another instead."""

    file_name: str
    sheet: str
    header_row: int
    cohort_id: int
    cohort_code: str
    columns: PreviewColumns
    data_rows: int
    rows: tuple[ImportedResult, ...]
    empty_rows: tuple[int, ...]
    problems: tuple[ResultsProblem, ...]
    warnings: tuple[ResultsProblem, ...] = ()
    sheets: tuple[str, ...] = ()

    @property
    def ready(self) -> bool:
        """True when the file can be imported: it has results and no problem."""
        return bool(self.rows) and not self.problems

    def results(self) -> list[ResultInput]:
        return [ResultInput(row.enrolment_id, row.score, row.max_score, row.passed, held_on=row.held_on, row=row.row)
                for row in self.rows]


# --- Reading cells ---------------------------------------------------------------------------------------------


def read_score(value: object) -> Decimal | None:
    """A score from a number or text cell ("85", 85.5, "85,5"); None for an empty cell. Raises
    ``ValueError`` with a translated message for anything else."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            number = Decimal("NaN")
        if number.is_finite():
            return number
    text = cell_text(value).replace(" ", "").replace(",", ".")
    if not text or text in {"-", "—", "–"}:
        return None
    if not _NUMBER.match(text):
        raise ValueError(_('"{value}" is not a score. Enter a number such as 85 or 85,5.').format(
            value=shorten(cell_text(value))))
    return Decimal(text)


def read_passed(value: object) -> bool | None:
    """Passed or not from "өтті" / "өтпеді", "сдал" / "не сдал", "зачтено" / "не зачтено", "иә" / "жоқ",
    "да" / "нет", "yes" / "no", 1 / 0 (any case); None for an empty cell. Raises ``ValueError`` with a
    translated message for anything else."""
    text = fold(cell_text(value)).strip(" .!")
    if not text:
        return None
    for verdict, words in PASSED_WORDS.items():
        if text in words:
            return verdict
    raise ValueError(_(
        '"{value}" is not a result. Write "өтті" or "өтпеді" ("сдал" or "не сдал", "зачтено" or "не зачтено"), '
        "or 1 for passed and 0 for not passed.").format(value=shorten(cell_text(value))))


# --- Preview ---------------------------------------------------------------------------------------------------


@dataclass
class _Context:
    cohort: Cohort
    columns: ImportColumns
    listeners: dict[str, Enrolment]
    attempts: dict[int, list[Assessment]]
    certificates: dict[int, Certificate]
    today: date


def preview_results_import(session: Session, cohort_id: int, path: str | Path, *,
                           today: date | None = None, sheet: str | None = None) -> ResultsPreview:
    """Read the file (on the sheet named ``sheet``, else the one a person would choose) and say what importing
    it into the cohort's results would do; writes nothing.

    Raises ``ValidationError`` for an unknown cohort (field "cohort_id"), for a file that cannot be read or
    has no header row with the IIN and the result (field "file") and for a ``sheet`` not there (field "sheet"),
    and ``SheetChoiceNeeded`` where several sheets hold a list and none is the active one.
    """
    cohort = cohort_or_refuse(session, cohort_id)
    source = Path(path)
    table = _locate(source, sheet)
    query = (select(Teacher.iin, Enrolment).join(Teacher, Enrolment.teacher_id == Teacher.id)
             .where(Enrolment.cohort_id == cohort.id))
    listeners = {iin: enrolment for iin, enrolment in session.execute(query)}  # noqa: C416 - rows to pairs
    ids = [enrolment.id for enrolment in listeners.values()]
    context = _Context(cohort, table.columns, listeners, attempts_by_enrolment(session, ids),
                       certificates_by_enrolment(session, ids), today or date.today())
    rows: list[ImportedResult] = []
    empty: list[int] = []
    problems: list[CellProblem] = []
    seen: dict[str, int] = {}
    data = table.data_rows()
    for number, values in data:
        formulas = table.formula_problems(number)
        parsed, found = (None, formulas) if formulas else _parse_row(context, number, values, seen)
        problems += found
        if parsed is not None:
            rows.append(parsed)
        elif not found:
            empty.append(number)
    return ResultsPreview(
        file_name=source.name, sheet=table.sheet.name, header_row=table.header_index + 1, cohort_id=cohort.id,
        cohort_code=cohort.code,
        columns=preview_columns(table.columns),
        data_rows=len(data), rows=tuple(rows), empty_rows=tuple(empty),
        problems=tuple(ResultsProblem.of(problem, table.columns) for problem in problems),
        warnings=tuple(ResultsProblem(w.row, w.column, w.header, w.field, w.message) for w in column_warnings(table)),
        sheets=table.candidates,
    )


def _locate(path: Path, sheet: str | None) -> Table:
    return table_or_refuse(path, header_aliases("results"), required_any=("iin",), sheet=sheet, refusal=_(
        "The file {name} has no header row with the listeners' IIN and their results. The list needs a row of "
        'column headers such as "ЖСН" or "ИИН" (the IIN) and "Нәтиже" or "Результат" (passed or not), and may '
        'have "Балл" (the score), "Ең жоғары балл" or "Максимальный балл" and "Күні" or "Дата". Add the headers '
        "above the list, or start from the blank template, and choose the file again."
    ), accept=lambda columns: "passed" in columns.index)


def _parse_row(context: _Context, number: int, values: Row,
               seen: dict[str, int]) -> tuple[ImportedResult | None, list[CellProblem]]:
    columns = context.columns
    cells = {field: row_value(values, columns.index.get(field)) for field in _RESULT_FIELDS}
    if all(cell_text(value) == "" for value in cells.values()):
        return None, []
    refused = _refused_cells(columns, number, values)
    if refused:
        return None, refused
    iin = cell_digits(row_value(values, columns.index.get("iin")), IIN_LENGTH)
    enrolment, problems = _listener(context, number, iin, seen)
    read, reading = _read_cells(context, number, cells)
    if enrolment is None:
        return None, problems + reading
    who = enrolment.teacher.full_name
    attempts = context.attempts.get(enrolment.id, [])
    refusal = entry_refusal(enrolment, attempts, context.certificates.get(enrolment.id))
    if refusal is not None:
        return None, [columns.problem(number, "iin", _("{name}: {problem}").format(name=who, problem=refusal))]
    score, max_score, passed, held_on = read
    found = score_problems(who, score, max_score, passed)
    if held_on is not None:
        found += held_on_problems(held_on, context.cohort, context.today, who=who)
    unread = {problem.field for problem in reading}  # a cell that could not be read is reported once
    problems = reading + [columns.problem(number, problem.field, problem.message) for problem in found
                          if problem.field not in unread]
    if problems:
        return None, sorted(problems, key=lambda problem: (len(problem.column), problem.column))
    assert isinstance(passed, bool)
    return ImportedResult(number, enrolment.id, iin, who, score, max_score, passed, held_on, bool(attempts)), []


def _refused_cells(columns: ImportColumns, number: int, values: Row) -> list[CellProblem]:
    """The cells read (the IIN and the result's) that hold hidden characters, mojibake or more than a few
    words (:func:`pedesk.services.common.value_problem`), each named."""
    problems: list[CellProblem] = []
    for field in ("iin", *_RESULT_FIELDS):
        value = row_value(values, columns.index.get(field))
        problem = value_problem(value, MAX_CELL) if isinstance(value, str) else None
        if problem:
            problems.append(columns.problem(number, field, problem))
    return problems


def _listener(context: _Context, number: int, iin: str, seen: dict[str, int]) -> tuple[Enrolment | None, list[CellProblem]]:
    columns = context.columns
    if not iin:
        return None, [columns.problem(number, "iin", _(
            "the IIN is missing, so the result cannot be matched to a listener. Enter the listener's IIN."))]
    if len(iin) != IIN_LENGTH or not iin.isdigit():
        return None, [columns.problem(number, "iin", _(
            '"{iin}" is not an IIN: an IIN has 12 digits. Check the IIN.').format(iin=shorten(iin)))]
    enrolment = context.listeners.get(iin)
    if enrolment is None:
        return None, [columns.problem(number, "iin", _(
            "the IIN {iin} is not among the listeners of the cohort {code}. Check the IIN, or enrol the teacher "
            "under Listeners first.").format(iin=iin, code=context.cohort.code))]
    if iin in seen:
        return None, [columns.problem(number, "iin", _(
            "the IIN {iin} is already in row {first} of the file; a listener has one result. Delete one of the "
            "rows.").format(iin=iin, first=seen[iin]))]
    seen[iin] = number
    return enrolment, []


_Read = tuple[Decimal | None, Decimal | None, bool | None, date | None]
T = TypeVar("T")


def _read_cells(context: _Context, number: int, cells: dict[str, object]) -> tuple[_Read, list[CellProblem]]:
    problems: list[CellProblem] = []

    def read(field: str, reader: Callable[[object], T | None]) -> T | None:
        try:
            return reader(cells[field])
        except ValueError as exc:
            problems.append(context.columns.problem(number, field, str(exc)))
            return None

    values = (read("score", read_score), read("max_score", read_score), read("passed", read_passed),
              read("held_on", lambda value: cell_date(value, today=context.today)))
    return values, problems


# --- Apply -----------------------------------------------------------------------------------------------------


@guarded(Action.ASSESSMENTS)
def apply_results_import(session: Session, preview: ResultsPreview, *, held_on: date,
                         assessor: AssessorInput | None, today: date) -> list[Assessment]:
    """Record the preview's results in the caller's transaction (never commits), through ``record_results``
    with its checks: ``held_on`` is the date of the rows without one of their own, ``assessor`` the external
    assessor of a long course (п.27). Refuses (``ValidationError``, nothing changed) a preview with any
    problem or without results, and whatever ``record_results`` refuses (the records may have changed
    since the preview)."""
    if preview.problems:
        problems: Sequence[Problem] = [Problem(item.field, item.message, item.row or None) for item in preview.problems]
        raise ValidationError([Problem(FILE_FIELD, _(
            "The file {name} has problems, so nothing was imported. Correct the rows named below and choose the "
            "file again.").format(name=preview.file_name)), *problems])
    if not preview.rows:
        raise ValidationError.single(FILE_FIELD, _(
            "The file {name} has no results to import: every listener's row is empty. Fill in the results and "
            "choose the file again.").format(name=preview.file_name))
    return record_results(session, preview.cohort_id, preview.results(), held_on=held_on, assessor=assessor,
                          today=today)
