"""Reading one row of a department's list of listeners into the questionnaire's fields (Appendix 3), with
every problem by row and column. Used by :mod:`pedesk.services.enrolment.list_import`. No Qt, no writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pedesk.i18n import _
from pedesk.models import Teacher
from pedesk.models.enums import Language
from pedesk.services.common import (
    MAX_CELL,
    MAX_NOTE,
    CellProblem,
    ImportColumns,
    Row,
    cell_date,
    cell_text,
    clean_spaces,
    column_lengths,
    fix_name,
    row_value,
    shorten,
    value_problem,
)
from pedesk.services.enrolment.list_columns import (
    CategoryMatcher,
    read_language,
    read_years,
    split_full_name,
)
from pedesk.services.reference import email_problem, fix_org_name, phone_problem
from pedesk.services.rules import IinInfo, check_iin, iin_birth_date_problem
from pedesk.services.teachers import TeacherData, future_birth_problem

__all__ = ["ParsedRow", "parse_listener_row"]

# The longest text each column's cells may hold: the teacher's columns (pedesk.models.people.Teacher) for the
# fields stored as text, three names for a full name, and MAX_CELL for a date, a number or a word of a list.
_NAMES = ("surname", "name", "patronymic")
_MAX_LENGTH = {field: column_lengths(Teacher)[field] for field in (*_NAMES, "position", "education", "workplace",
                                                                   "home_address", "phone", "email")}
_MAX_LENGTH |= {"additional_info": MAX_NOTE, "full_name": sum(_MAX_LENGTH[field] + 1 for field in _NAMES)}
_YEAR_ONLY = re.compile(r"^(?P<year>(19|20)[0-9]{2})\s*(ж|жыл|г|год)?\.?$")


@dataclass(frozen=True)
class ParsedRow:
    """A data row: its Excel ``row``, the valid ``iin`` ("" when the IIN is bad), the questionnaire's
    fields (``data``, None when the row has problems; ``school_id`` not set yet) and its ``problems``."""

    row: int
    iin: str
    data: TeacherData | None
    problems: tuple[CellProblem, ...]


class _RowReader:
    """One row's cells by field, collecting the problems found while reading them. A text cell with hidden
    characters, mojibake or more text than its column holds (:func:`pedesk.services.common.value_problem`)
    is refused once and then read as empty, with no further problem of that field."""

    def __init__(self, columns: ImportColumns, number: int, values: Row) -> None:
        self.columns, self.number, self.values = columns, number, values
        self.problems: list[CellProblem] = []
        self.checked: set[str] = set()
        self.refused: set[str] = set()

    def has(self, field: str) -> bool:
        return field in self.columns.index

    def raw(self, field: str) -> object:
        value = row_value(self.values, self.columns.index.get(field))
        if field in self.refused:
            return None
        if isinstance(value, str) and field not in self.checked:
            self.checked.add(field)
            problem = value_problem(value, _MAX_LENGTH.get(field, MAX_CELL))
            if problem:
                self.fail(field, problem)
                self.refused.add(field)
                return None
        return value

    def fail(self, field: str, message: str) -> None:
        if field not in self.refused:
            self.problems.append(self.columns.problem(self.number, field, message))

    def text(self, field: str, fix: Callable[[str], str] = fix_org_name) -> str:
        return fix(cell_text(self.raw(field)))

    def date(self, field: str, today: date) -> date | None:
        try:
            return cell_date(self.raw(field), today=today)
        except ValueError as exc:
            self.fail(field, str(exc))
            return None

    def years(self, field: str) -> int | None:
        try:
            return read_years(self.raw(field))
        except ValueError as exc:
            self.fail(field, str(exc))
            return None


def parse_listener_row(
    columns: ImportColumns, number: int, values: Row, categories: CategoryMatcher, today: date
) -> ParsedRow | None:
    """The row read into a ``TeacherData`` (or its problems); None when every recognised column is empty
    (a numbered but unfilled line of a form, a signature under the list)."""
    if all(cell_text(row_value(values, column)) == "" for column in columns.index.values()):
        return None
    reader = _RowReader(columns, number, values)
    surname, name, patronymic = _names(reader)
    info = check_iin(reader.raw("iin"))
    if not info.valid:
        reader.fail("iin", info.reason or "")
    birth_date = _birth_date(reader, info, today)
    category_id = _category(reader, categories)
    fields = {field: reader.text(field) for field in ("position", "education", "workplace", "home_address")}
    phone, email = _contacts(reader)
    data = TeacherData(
        iin=info.iin if info.valid else "",
        surname=surname,
        name=name,
        patronymic=patronymic,
        birth_date=birth_date,
        position=fields["position"],
        education=fields["education"],
        category_id=category_id,
        category_valid_until=reader.date("category_valid_until", today),
        school_id=None,
        workplace=fields["workplace"],
        workplace_region_id=None,
        total_experience_years=reader.years("total_experience_years"),
        teaching_experience_years=reader.years("teaching_experience_years"),
        instruction_language=_language(reader),
        home_address=fields["home_address"],
        phone=phone,
        email=email,
        additional_info=clean_spaces(cell_text(reader.raw("additional_info"))),
    )
    problems = tuple(reader.problems)
    return ParsedRow(number, info.iin if info.valid else "", None if problems else data, problems)


def _names(reader: _RowReader) -> tuple[str, str, str]:
    separate = reader.has("surname") or reader.has("name")
    parts = [reader.text(field, fix_name) for field in ("surname", "name", "patronymic")]
    if reader.has("full_name") and (not separate or not (parts[0] or parts[1])):
        return _split(reader)
    for field, value, message in (
        ("surname", parts[0], _("the surname is empty. Fill it in, or delete the row.")),
        ("name", parts[1], _("the name is empty. Fill it in, or delete the row.")),
    ):
        if not value:
            reader.fail(field if reader.has(field) else "surname", message)
    return parts[0], parts[1], parts[2]


def _split(reader: _RowReader) -> tuple[str, str, str]:
    text = fix_name(cell_text(reader.raw("full_name")))
    if not text:
        reader.fail("full_name", _("the full name is empty. Fill in the surname, name and patronymic, or delete "
                                   "the row."))
        return "", "", ""
    parts = split_full_name(text)
    if parts is None:
        reader.fail("full_name", _(
            'cannot tell the surname, the name and the patronymic apart in "{value}". Write them as '
            '"Surname Name Patronymic", or in three columns.'
        ).format(value=shorten(text)))
        return "", "", ""
    for field, value in zip(_NAMES, parts, strict=True):
        problem = value_problem(value, _MAX_LENGTH[field])
        if problem:
            reader.fail("full_name", problem)
    return parts


def _birth_date(reader: _RowReader, info: IinInfo, today: date) -> date | None:
    """The date of birth (see :func:`_read_birth_date`), refused in the future even when the IIN agrees (in the
    IIN's column when the date is the IIN's own)."""
    birth_date = _read_birth_date(reader, info, today)
    problem = future_birth_problem(birth_date, today)
    if problem:
        reader.fail("birth_date" if cell_text(reader.raw("birth_date")) else "iin", problem)
    return birth_date


def _read_birth_date(reader: _RowReader, info: IinInfo, today: date) -> date | None:
    """The date of birth from its column, else from the IIN (п.8: the IIN's date and the questionnaire's
    must agree). A bare year ("1985") is accepted when the IIN gives a date in that year."""
    raw = reader.raw("birth_date")
    year = _YEAR_ONLY.match(cell_text(raw))
    if year is not None and not isinstance(raw, date):
        if info.birth_date is not None and info.valid and info.birth_date.year == int(year.group("year")):
            return info.birth_date
        reader.fail("birth_date", _(
            '"{value}" is only a year. Write the whole date of birth as dd.mm.yyyy, for example 05.03.1985.'
        ).format(value=cell_text(raw)))
        return None
    birth_date = reader.date("birth_date", today)
    if birth_date is None:
        return info.birth_date if info.valid else None
    problem = iin_birth_date_problem(info.iin, birth_date) if info.valid else None
    if problem:
        reader.fail("birth_date", problem)
    return birth_date


def _category(reader: _RowReader, categories: CategoryMatcher) -> int | None:
    try:
        return categories.match(cell_text(reader.raw("category")))
    except ValueError as exc:
        reader.fail("category", str(exc))
        return None


def _language(reader: _RowReader) -> Language | None:
    try:
        return read_language(cell_text(reader.raw("instruction_language")))
    except ValueError as exc:
        reader.fail("instruction_language", str(exc))
        return None


def _contacts(reader: _RowReader) -> tuple[str, str]:
    phone = reader.text("phone", clean_spaces)
    email = reader.text("email", clean_spaces)
    header = reader.columns.headers.get("phone", "")
    for problem in phone_problem("phone", header, phone):
        reader.fail("phone", problem.message.removeprefix(f"{header}: "))
    for problem in email_problem("email", email):
        reader.fail("email", problem.message)
    return phone, email
