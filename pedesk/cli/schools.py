"""`pedesk schools import`: the list of schools that a district department or the administration sends (.xlsx),
checked first and stored as the Reference data screen does it (added, updated by BIN or name, unchanged)."""

from __future__ import annotations

import argparse
from datetime import date

from sqlalchemy.orm import Session

from pedesk.cli import plumbing
from pedesk.i18n import _, current_language
from pedesk.models.database import Database
from pedesk.services import reference
from pedesk.services.common import fold

# the service's field -> the argument that gave it
_OPTIONS = {"region_id": "--region", "district_id": "--district", "sheet": "--sheet"}


def schools(args: argparse.Namespace) -> int:
    return plumbing.with_database(args, _import, lambda problem: plumbing.named(_OPTIONS.get(problem.field),
                                                                                problem.message))


def _region_id(session: Session, code: str | None) -> int:
    if code is None:
        office = reference.get_own_office(session)
        if office is None or office.region_id is None:
            raise plumbing.CliError(plumbing.named("--region", _(
                "The office's region is not set in Settings; give the region's code.")))
        return office.region_id
    for region in reference.list_regions(session, date.today(), current_language()):
        if region.code.casefold() == code.strip().casefold():
            return region.id
    raise plumbing.CliError(plumbing.named("--region", _("There is no region with the code {code}. The codes "
                                                         "are such as KARAGANDA, ASTANA, ALMATY.").format(
        code=code)))


def _district_id(session: Session, region_id: int, name: str | None) -> int | None:
    if name is None:
        return None
    wanted = fold(name)
    for district in reference.list_districts(session, region_id, current_language()):
        if wanted in (fold(district.name_kk), fold(district.name_ru)):
            return district.id
    raise plumbing.CliError(plumbing.named("--district", _(
        "The region has no district \"{name}\". Add it under Reference data, Districts, or give the name as it "
        "is written there.").format(name=name)))


def _preview(session: Session, args: argparse.Namespace) -> reference.SchoolImportPreview:
    region_id = _region_id(session, args.region)
    district_id = _district_id(session, region_id, args.district)
    return reference.preview_school_import(session, args.file, region_id, district_id=district_id, sheet=args.sheet)


def _import(database: Database, args: argparse.Namespace) -> int:
    if args.dry_run:
        with database.reading() as session:
            preview = _preview(session, args)
        result = None
    else:
        with database.transaction(immediate=True) as session:
            preview = _preview(session, args)
            result = reference.apply_school_import(session, preview, create_districts=args.create_districts)
    waiting = 0 if args.create_districts else len(preview.needs_district)
    skipped = preview.rows_with_problems + waiting
    counts = {
        "added": result.added if result else len(preview.to_add),
        "updated": result.updated if result else len(preview.to_update),
        "unchanged": result.unchanged if result else len(preview.unchanged),
        "districts_created": result.districts_created if result else (
            len(preview.unknown_districts) if args.create_districts else 0),
        "skipped": skipped,
    }
    created = {row.row for row in preview.needs_district} if args.create_districts else set()
    problems = [problem for problem in preview.problems if problem.row not in created]  # their district is made
    if args.json:
        plumbing.print_json({
            "file": str(args.file), "dry_run": bool(args.dry_run), "sheet": preview.sheet,
            "header_row": preview.header_row, **counts,
            "unknown_districts": list(preview.unknown_districts),
            "problems": [{"row": p.row or None, "column": p.column or None, "message": p.message}
                         for p in problems],
            "warnings": plumbing.warning_entries(preview.warnings),
        })
    else:
        _print(args, preview, counts)
        for problem in problems:
            print(problem.message)
        for warning in preview.warnings:
            print(warning.message)
    return plumbing.EXIT_OK if skipped == 0 else plumbing.EXIT_FAILED


def _print(args: argparse.Namespace, preview: reference.SchoolImportPreview, counts: dict[str, int]) -> None:
    line = _(
        "Checked {file} (nothing was changed): {added} schools would be added, {updated} updated, {unchanged} "
        "unchanged, {districts} districts added; {skipped} rows skipped."
    ) if args.dry_run else _(
        "Imported {file}: {added} schools added, {updated} updated, {unchanged} unchanged, {districts} districts "
        "added; {skipped} rows skipped."
    )
    print(line.format(file=args.file.name, added=counts["added"], updated=counts["updated"],
                      unchanged=counts["unchanged"], districts=counts["districts_created"], skipped=counts["skipped"]))
    if preview.unknown_districts and not args.create_districts:
        print(_("Districts not in the list: {names}. Add them under Reference data, Districts, or import again with "
                "--create-districts.").format(names=", ".join(preview.unknown_districts)))
