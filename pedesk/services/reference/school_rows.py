"""Reading the rows of a schools' list (.xlsx) for :mod:`pedesk.services.reference.school_import`: each
row's names, district, BIN, address and phone, every problem by row and column, and the rows that repeat
a school already in the file. No Qt, no writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pedesk.i18n import _, current_language
from pedesk.models import District, School
from pedesk.services.common import (
    MAX_CELL,
    CellProblem,
    ImportColumns,
    Row,
    Table,
    cell_digits,
    cell_text,
    column_lengths,
    row_value,
    shorten,
    value_problem,
)
from pedesk.services.reference.checks import BIN_LENGTH, bin_problem, fix_org_name
from pedesk.services.reference.matching import DistrictMatcher, district_key, school_name_key

__all__ = [
    "SchoolImportRow",
    "drop_duplicates",
    "name_field",
    "parse_rows",
    "single_name_column",
]

# The school's columns (pedesk.models.organisations.School), a district's name, and MAX_CELL for the BIN.
_MAX_LENGTH = {field: column_lengths(School)[field] for field in ("name_kk", "name_ru", "address", "phone")}
_CELL_LENGTH = _MAX_LENGTH | {"district": column_lengths(District)["name_kk"]}


@dataclass(frozen=True)
class SchoolImportRow:
    """A good row of the file: ``row`` is the Excel row; ``district`` the district's name as shown;
    ``new_district`` the file's text when that district is not in the list yet; ``existing_id`` the
    stored school the row updates and ``changes`` the fields it changes."""

    row: int
    name_kk: str
    name_ru: str
    district: str
    district_id: int | None
    new_district: str
    bin: str
    address: str
    phone: str
    existing_id: int | None = None
    changes: tuple[str, ...] = ()


def single_name_column(columns: ImportColumns) -> bool:
    return ("name_kk" in columns.index) != ("name_ru" in columns.index)


def name_field(columns: ImportColumns) -> str:
    return "name_kk" if "name_kk" in columns.index else "name_ru"


# --- Reading the rows ----------------------------------------------------------------------------------------


def parse_rows(
    table: Table, matcher: DistrictMatcher, default: District | None, region_name: str
) -> tuple[list[SchoolImportRow], list[CellProblem]]:
    rows: list[SchoolImportRow] = []
    problems: list[CellProblem] = []
    for number, values in table.data_rows():
        formulas = table.formula_problems(number)
        row, found = (None, formulas) if formulas else _parse_row(table.columns, number, values, matcher, default,
                                                                  region_name)
        problems += found
        if row is not None:
            rows.append(row)
    return rows, problems


def _parse_row(
    columns: ImportColumns, number: int, values: Row, matcher: DistrictMatcher, default: District | None,
    region_name: str,
) -> tuple[SchoolImportRow | None, list[CellProblem]]:
    refused = _refused_cells(columns, number, values)
    if refused:
        return None, refused

    def text(field: str) -> str:
        return cell_text(row_value(values, columns.index.get(field)))

    name_kk, name_ru = fix_org_name(text("name_kk")), fix_org_name(text("name_ru"))
    # One name column (or one name left blank): the name stands for both, as a school needs both.
    fields = {"name_kk": name_kk or name_ru, "name_ru": name_ru or name_kk, "address": text("address"),
              "phone": text("phone"), "bin": cell_digits(row_value(values, columns.index.get("bin")), BIN_LENGTH)}
    problems = _value_problems(columns, number, fields)
    district_text = fix_org_name(text("district"))
    candidates = matcher.candidates(district_text) if district_text else []
    if district_text and len(candidates) != 1:
        problems.append(_district_problem(columns, number, district_text, candidates, region_name))
    if problems and (len(problems) > 1 or problems[0].field != "district" or candidates):
        return None, problems
    district = candidates[0] if len(candidates) == 1 else (None if district_text else default)
    row = SchoolImportRow(
        row=number, name_kk=fields["name_kk"], name_ru=fields["name_ru"],
        district=district.name(current_language()) if district else district_text,
        district_id=district.id if district else None,
        new_district=district_text if district is None else "",
        bin=fields["bin"], address=fields["address"], phone=fields["phone"],
    )
    return row, problems


def _refused_cells(columns: ImportColumns, number: int, values: Row) -> list[CellProblem]:
    """The text cells with hidden characters, mojibake or more text than their column holds
    (:func:`pedesk.services.common.value_problem`): such a row is left out, each cell named."""
    problems: list[CellProblem] = []
    for field, index in columns.index.items():
        value = row_value(values, index)
        problem = value_problem(value, _CELL_LENGTH.get(field, MAX_CELL)) if isinstance(value, str) else None
        if problem:
            problems.append(columns.problem(number, field, problem))
    return problems


def _value_problems(columns: ImportColumns, number: int, fields: dict[str, str]) -> list[CellProblem]:
    problems: list[CellProblem] = []
    if not fields["name_kk"]:
        problems.append(columns.problem(
            number, name_field(columns), _("the school's name is empty. Fill it in, or delete the row.")
        ))
    for field, maximum in _MAX_LENGTH.items():
        if len(fields[field]) > maximum:
            place = field if field in columns.index else name_field(columns)
            problems.append(columns.problem(number, place, value_problem(fields[field], maximum) or ""))
    message = bin_problem(fields["bin"])
    if message:
        problems.append(columns.problem(number, "bin", message))
    return problems


def _district_problem(
    columns: ImportColumns, number: int, text: str, candidates: Sequence[District], region_name: str
) -> CellProblem:
    if candidates:
        names = ", ".join(f'"{district.name_kk}"' for district in candidates)
        message = _('the district "{district}" could be any of {names}. Write the district\'s full name.').format(
            district=shorten(text), names=names
        )
    else:
        message = _(
            'the district "{district}" is not in the list of districts of {region}. Add it under Reference '
            "data, or let the import create the missing districts."
        ).format(district=shorten(text), region=region_name)
    return columns.problem(number, "district", message)


def drop_duplicates(
    rows: list[SchoolImportRow], columns: ImportColumns
) -> tuple[list[SchoolImportRow], list[CellProblem]]:
    """A school appears once in a file: a later row with the same BIN, or the same name in the same
    district, is left out with a problem naming the first row."""
    kept: list[SchoolImportRow] = []
    problems: list[CellProblem] = []
    seen: dict[object, int] = {}
    for row in rows:
        place = row.district_id if row.district_id is not None else district_key(row.new_district)
        names = {("name", place, school_name_key(row.name_kk)), ("name", place, school_name_key(row.name_ru))}
        if row.bin and ("bin", row.bin) in seen:
            problems.append(columns.problem(row.row, "bin", _(
                "the BIN {bin} is already in row {first} of the file. Each school appears once; delete one "
                "of the rows."
            ).format(bin=row.bin, first=seen["bin", row.bin])))
            continue
        first = next((seen[key] for key in names if key in seen), None)
        if first is not None:
            problems.append(columns.problem(row.row, name_field(columns), _(
                'the school "{name}" of this district is already in row {first} of the file. Each school '
                "appears once; delete one of the rows."
            ).format(name=row.name_ru, first=first)))
            continue
        seen.update(dict.fromkeys([*names, *([("bin", row.bin)] if row.bin else [])], row.row))
        kept.append(row)
    return kept, problems
