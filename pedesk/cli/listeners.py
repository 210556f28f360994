"""`pedesk listeners import`: a department's list of teachers (.xlsx) into a cohort (п.12), checked first."""

from __future__ import annotations

import argparse
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from pedesk.cli import plumbing
from pedesk.i18n import _
from pedesk.models.database import Database
from pedesk.services.common import cell_problem
from pedesk.services.enrolment import (
    Choice,
    ListenerImportPreview,
    ListenerImportResult,
    ListenerRow,
    apply_listener_import,
    preview_listener_import,
)


@dataclass(frozen=True)
class _Summary:
    rows: int
    imported: int
    updated: int
    skipped: int
    schools_added: int
    already_enrolled: int
    problems: list[tuple[int | None, str | None, str]]  # row, column letter, message
    warnings: list[tuple[int, str, str, str, str]]  # row, column, header, message, the line printed
    conflicts: list[dict[str, object]]
    sheet: str


def listeners_import(args: argparse.Namespace) -> int:
    return plumbing.with_database(args, _import)


def _import(database: Database, args: argparse.Namespace) -> int:
    today = date.today()
    if args.dry_run:
        with database.reading() as session:
            summary = _preview_summary(_preview(session, args, today), args.update_registry)
    else:
        with database.transaction(immediate=True) as session:
            preview = _preview(session, args, today)
            choice = Choice.TAKE_FILE if args.update_registry else Choice.LEAVE_OUT
            result = apply_listener_import(session, preview, reason=args.reason or "", today=today, choices=choice)
            summary = _result_summary(preview, result, args.update_registry)
    _print(args, summary)
    return plumbing.EXIT_OK if summary.skipped == 0 else plumbing.EXIT_FAILED


def _preview(session: Session, args: argparse.Namespace, today: date) -> ListenerImportPreview:
    cohort_id = plumbing.cohort_by_code(session, args.cohort)
    return preview_listener_import(session, args.file, cohort_id, today=today, reason=args.reason or "",
                                   sheet=args.sheet)


def _problems(preview: ListenerImportPreview, update_registry: bool) -> list[tuple[int | None, str | None, str]]:
    """The preview's problems, and the conflicts with the registry that leave their rows out."""
    problems = [(p.row or None, p.column or None, p.message) for p in preview.problems]
    if not update_registry:
        conflicts = [preview.conflict_problem(row) for row in preview.conflicts]
        problems += [(p.row, p.column or None, p.message) for p in conflicts]
    return sorted(problems, key=lambda item: (item[0] or 0, len(item[1] or ""), item[1] or ""))


def _warnings(preview: ListenerImportPreview,
              result: ListenerImportResult | None = None) -> list[tuple[int, str, str, str, str]]:
    """The preview's warnings (their messages name the row or column), then the enrolment's (bare messages)."""
    found = [(w.row, w.column, w.header, w.message, w.message) for w in preview.warnings]
    enrolment = result.warnings if result is not None else ()
    return found + [(row, "", "", message, cell_problem(row, None, "enrolment", message).message)
                    for row, message in enrolment]


def _conflicts(preview: ListenerImportPreview, applied: Collection[int]) -> list[dict[str, object]]:
    """Each row whose IIN the registry holds otherwise: the registry's (old) and the file's (new) values, and
    whether the file's were (or, on a dry run, would be) taken."""
    def plain(value: object) -> object:
        return value.isoformat() if isinstance(value, date) else value

    def entry(row: ListenerRow) -> dict[str, object]:
        fields = {c.field: {"old": plain(c.registry), "new": plain(c.file)} for c in row.conflicts}
        return {"row": row.row, "iin": row.data.iin, "fields": fields, "applied": row.row in applied}

    return [entry(row) for row in preview.conflicts]


def _preview_summary(preview: ListenerImportPreview, update_registry: bool) -> _Summary:
    left_out = set() if update_registry else {row.row for row in preview.conflicts}
    to_enrol = 0 if preview.reason_missing else len([r for r in preview.to_enrol if r.row not in left_out])
    skipped = len(preview.rows_with_problems) + len(preview.to_enrol) - to_enrol
    skipped += len([row for row in preview.rows if row.already_enrolled and row.row in left_out])
    updated = [row for row in preview.to_update if row.row not in left_out]
    return _Summary(
        rows=preview.data_rows, imported=to_enrol, updated=len(updated), skipped=skipped,
        schools_added=len(preview.new_schools),
        already_enrolled=sum(row.already_enrolled for row in preview.rows),
        problems=_problems(preview, update_registry), warnings=_warnings(preview),
        conflicts=_conflicts(preview, {row.row for row in preview.conflicts} if update_registry else set()),
        sheet=preview.sheet,
    )


def _result_summary(preview: ListenerImportPreview, result: ListenerImportResult, update_registry: bool) -> _Summary:
    problems = _problems(preview, update_registry)
    shown = {row for row, _column, _message in problems if row is not None}
    general = {message for row, _column, message in problems if row is None}  # such as a missing reason
    for skipped in result.skipped:
        if skipped.row not in shown:  # refused while importing (the preview could not know)
            problems += [(skipped.row, None, cell_problem(skipped.row, None, "enrolment", reason).message)
                         for reason in skipped.reasons if reason not in general]
    problems.sort(key=lambda item: (item[0] or 0, len(item[1] or ""), item[1] or ""))
    return _Summary(
        rows=result.rows, imported=result.imported, updated=result.updated, skipped=len(result.skipped),
        schools_added=result.schools_added, already_enrolled=result.already_enrolled,
        problems=problems, warnings=_warnings(preview, result),
        conflicts=_conflicts(preview, result.registry_updated), sheet=preview.sheet,
    )


def _print(args: argparse.Namespace, summary: _Summary) -> None:
    if args.json:
        plumbing.print_json({
            "file": str(args.file),
            "cohort": args.cohort,
            "dry_run": bool(args.dry_run),
            "rows": summary.rows,
            "imported": summary.imported,
            "updated": summary.updated,
            "skipped": summary.skipped,
            "already_enrolled": summary.already_enrolled,
            "schools_added": summary.schools_added,
            "problems": [{"row": row, "column": column, "message": message}
                         for row, column, message in summary.problems],
            "sheet": summary.sheet,
            "warnings": [{"row": row or None, "column": column or None, "header": header or None, "message": message}
                         for row, column, header, message, _line in summary.warnings],
            "conflicts": summary.conflicts,
        })
        return
    line = _(
        "Checked {rows} rows (nothing was changed): {imported} would be enrolled, {updated} teachers updated, "
        "{schools} schools added, {skipped} rows skipped, {already} already in the cohort."
    ) if args.dry_run else _(
        "Imported {imported} of {rows} rows: {updated} teachers updated, {schools} schools added, {skipped} "
        "rows skipped, {already} already in the cohort."
    )
    print(line.format(rows=summary.rows, imported=summary.imported, updated=summary.updated,
                      schools=summary.schools_added, skipped=summary.skipped, already=summary.already_enrolled))
    for _row, _column, message in summary.problems:
        print(message)
    for *_where, line in summary.warnings:
        print(line)
    if summary.conflicts and not args.update_registry:
        print(_("To take the file's surnames, names, patronymics and dates of birth into the registry for these "
                "rows, import again with --update-registry."))

