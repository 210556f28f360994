"""Importing the list of schools (білім беру ұйымдары / организации образования) from an .xlsx file that a
district department or the regional administration sends.

Two steps, so that the user sees everything before anything changes: :func:`preview_school_import` reads
the file and tells which rows add a school, which update one (matched by BIN, else by name within the
district), which change nothing, and every problem by row and column; it writes nothing.
:func:`apply_school_import` then stores only the good rows, in the caller's transaction. No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, current_language
from pedesk.models import District, Region, School
from pedesk.services.access import Action, guarded
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
    kazakh_key,
    preview_columns,
    table_or_refuse,
)
from pedesk.services.reference.matching import (
    DistrictMatcher,
    SchoolIndex,
    SchoolMatch,
    district_key,
)
from pedesk.services.reference.school_rows import (
    SchoolImportRow,
    drop_duplicates,
    name_field,
    parse_rows,
    single_name_column,
)
from pedesk.services.reference.schools import school_search_key

_NEW_SCHOOL_FIELDS = ("name_kk", "name_ru", "district_id", "bin", "address", "phone")


@dataclass(frozen=True)
class SchoolImportPreview:
    """What an import would do. ``needs_district`` rows are good but name a district not in the list
    (``unknown_districts``): they are imported only when the user lets the import create the districts.
    ``problems`` hold every refusal by row and column; rows with problems other than an unknown district
    are left out. ``columns`` holds (field, column letter, header text) of each recognised column;
    ``warnings`` the columns left out or empty, which do not stop the import; ``sheets`` the file's visible
    sheets that hold a list (``sheet`` is one of them), to read another instead."""

    file_name: str
    sheet: str
    header_row: int
    region_id: int
    columns: PreviewColumns
    single_name_column: bool
    to_add: tuple[SchoolImportRow, ...]
    to_update: tuple[SchoolImportRow, ...]
    unchanged: tuple[SchoolImportRow, ...]
    needs_district: tuple[SchoolImportRow, ...]
    unknown_districts: tuple[str, ...]
    problems: tuple[CellProblem, ...]
    warnings: tuple[FileProblem, ...] = ()
    sheets: tuple[str, ...] = ()

    @property
    def rows_with_problems(self) -> int:
        """Rows left out because of a problem (not counting those that only wait for their district)."""
        return len({problem.row for problem in self.problems} - {row.row for row in self.needs_district})


@dataclass(frozen=True)
class SchoolImportResult:
    added: int
    updated: int
    unchanged: int
    districts_created: int
    skipped: int


_Buckets = dict[str, tuple[SchoolImportRow, ...]]  # "add", "update", "same", "wait" (for a new district)


def _outline(buckets: _Buckets) -> list[list[tuple[int, int | None, tuple[str, ...]]]]:
    return [[(r.row, r.existing_id, r.changes) for r in buckets[key]] for key in ("add", "update", "same", "wait")]


# --- Preview -------------------------------------------------------------------------------------------------


def preview_school_import(
    session: Session, path: str | Path, region_id: int, *, district_id: int | None = None, sheet: str | None = None
) -> SchoolImportPreview:
    """Read the file (on the sheet named ``sheet``, else the one a person would choose) and say what importing
    it into ``region_id`` would do; writes nothing.

    ``district_id`` is used for rows without a district (a department's file often has no such column).
    Raises ``ValidationError`` for a bad region or district (fields "region_id", "district_id"), for a file
    that cannot be read or has no recognisable header row (field "file") and for a ``sheet`` not there (field
    "sheet"), and ``SheetChoiceNeeded`` where several sheets hold a list and none is the active one.
    """
    region = found_or_refuse(session, Region, region_id, "region_id",
                             _("Region: choose the region the schools belong to."))
    default = session.get(District, district_id) if district_id is not None else None
    if district_id is not None and (default is None or default.region_id != region_id):
        raise ValidationError.single("district_id", _("District: choose a district of the chosen region, or none."))
    table = _locate(Path(path), sheet)
    districts = session.scalars(select(District).where(District.region_id == region_id)).all()
    region_name = region.name_on(date.today(), current_language())
    rows, problems = parse_rows(table, DistrictMatcher(districts), default, region_name)
    rows, duplicates = drop_duplicates(rows, table.columns)
    found, matching = _sort(session, region_id, rows, table.columns)
    unknown = {district_key(row.new_district): row.new_district for row in found["wait"]}
    return SchoolImportPreview(
        file_name=Path(path).name,
        sheet=table.sheet.name,
        header_row=table.header_index + 1,
        region_id=region_id,
        columns=preview_columns(table.columns),
        single_name_column=single_name_column(table.columns),
        to_add=found["add"],
        to_update=found["update"],
        unchanged=found["same"],
        needs_district=found["wait"],
        unknown_districts=tuple(sorted(unknown.values(), key=kazakh_key)),
        problems=tuple(sorted([*problems, *duplicates, *matching], key=lambda p: (p.row, p.column))),
        warnings=column_warnings(table),
        sheets=table.candidates,
    )


def _locate(path: Path, sheet: str | None) -> Table:
    return table_or_refuse(path, header_aliases("schools"), required_any=("name_kk", "name_ru"), sheet=sheet,
                           refusal=_(
        "The file {name} has no header row with the school's name. The list needs a row of column "
        'headers such as "Атауы" or "Наименование" (the name), "Аудан" or "Район", "БСН" or "БИН". '
        "Add the headers above the list and choose the file again."
    ))


# --- Matching against the stored schools ---------------------------------------------------------------------


def _sort(
    session: Session, region_id: int, rows: Sequence[SchoolImportRow], columns: ImportColumns
) -> tuple[_Buckets, list[CellProblem]]:
    """Which rows add a school, update one, change nothing, or wait for a new district (one query)."""
    index = SchoolIndex.load(session, region_id, (row.bin for row in rows))
    buckets: dict[str, list[SchoolImportRow]] = {"add": [], "update": [], "same": [], "wait": []}
    problems: list[CellProblem] = []
    claimed: dict[int, int] = {}
    for row in rows:
        match = index.find(row.bin, (row.name_ru, row.name_kk), row.district_id, by_name=not row.new_district)
        problem = _match_problem(columns, row, match, claimed)
        if problem is not None:
            problems.append(problem)
            continue
        if match.school is not None:
            claimed[match.school.id] = row.row
        bucket, row = _bucket(row, match.school, single_name_column(columns))
        buckets[bucket].append(row)
    return {key: tuple(found) for key, found in buckets.items()}, problems


def _match_problem(
    columns: ImportColumns, row: SchoolImportRow, match: SchoolMatch, claimed: dict[int, int]
) -> CellProblem | None:
    message = match.conflict_message(row.bin)
    if message is not None:
        return columns.problem(row.row, "bin", message)
    if match.school is not None and match.school.id in claimed:
        return columns.problem(row.row, name_field(columns), _(
            'this row and row {first} both match the stored school "{name}". Each school appears once; '
            "correct or delete one of the rows."
        ).format(first=claimed[match.school.id], name=match.school.name_ru))
    return None


def _bucket(row: SchoolImportRow, target: School | None, single_name: bool) -> tuple[str, SchoolImportRow]:
    if target is None:
        return ("wait" if row.new_district else "add"), replace(row, existing_id=None, changes=())
    changes: list[str] = []
    if not single_name:  # a lone name column may be in either language: it never overwrites stored names
        changes += [field for field in ("name_kk", "name_ru") if getattr(row, field) != getattr(target, field)]
    if row.bin and not target.bin:
        changes.append("bin")
    if row.district_id is not None and row.district_id != target.district_id:
        changes.append("district_id")
    changes += [f for f in ("address", "phone") if getattr(row, f) and getattr(row, f) != getattr(target, f)]
    row = replace(row, existing_id=target.id, changes=tuple(changes))
    return ("wait" if row.new_district else "update" if changes else "same"), row


# --- Apply -------------------------------------------------------------------------------------------------


@guarded(Action.REFERENCE)
def apply_school_import(
    session: Session, preview: SchoolImportPreview, *, create_districts: bool = False
) -> SchoolImportResult:
    """Store the preview's good rows: add new schools, update matched ones; with ``create_districts`` also
    create the ``unknown_districts`` and import the rows waiting for them. Never commits.

    Refuses (field "file") when the stored schools changed since the preview, so that nothing is
    overwritten unseen; the user then opens the file again.
    """
    _check_unchanged(session, preview)
    created, new_count = _create_districts(session, preview) if create_districts else ({}, 0)
    waiting = [
        replace(row, district_id=created[district_key(row.new_district)].id, changes=(*row.changes, "district_id"))
        for row in preview.needs_district
        if district_key(row.new_district) in created
    ]
    added = updated = 0
    for row in [*preview.to_add, *preview.to_update, *waiting]:
        school = session.get(School, row.existing_id) if row.existing_id is not None else None
        if school is None:
            school = School(region_id=preview.region_id)
            session.add(school)
            added += 1
        else:
            updated += 1
        for field in row.changes if row.existing_id is not None else _NEW_SCHOOL_FIELDS:
            setattr(school, field, (row.bin or None) if field == "bin" else getattr(row, field))
        school.search_key = school_search_key(school.name_kk, school.name_ru, school.bin)
    session.flush()
    return SchoolImportResult(
        added=added,
        updated=updated,
        unchanged=len(preview.unchanged),
        districts_created=new_count,
        skipped=preview.rows_with_problems + len(preview.needs_district) - len(waiting),
    )


def _check_unchanged(session: Session, preview: SchoolImportPreview) -> None:
    columns = import_columns(preview.columns)
    rows = sorted([*preview.to_add, *preview.to_update, *preview.unchanged, *preview.needs_district],
                  key=lambda row: row.row)
    fresh, problems = _sort(session, preview.region_id, rows, columns)
    seen = {"add": preview.to_add, "update": preview.to_update, "same": preview.unchanged,
            "wait": preview.needs_district}
    if problems or _outline(fresh) != _outline(seen):
        raise ValidationError.single(FILE_FIELD, _(
            "The list of schools changed after the file {name} was checked (someone saved schools "
            "meanwhile). Open the file again to check it anew; nothing was imported."
        ).format(name=preview.file_name))


def _create_districts(session: Session, preview: SchoolImportPreview) -> tuple[dict[str, District], int]:
    """The unknown districts by district_key, named as the file writes them in both languages (rename them
    later if needed), and how many were created; one that someone created meanwhile is used as it is."""
    existing = DistrictMatcher(session.scalars(select(District).where(District.region_id == preview.region_id)).all())
    created: dict[str, District] = {}
    count = 0
    for name in preview.unknown_districts:
        district = existing.match(name)
        if district is None:
            district = District(region_id=preview.region_id, name_kk=name, name_ru=name, name_en=name)
            session.add(district)
            count += 1
        created[district_key(name)] = district
    session.flush()
    return created, count
