"""Export a semi-annual data package (п.17): every record created or changed in a period, and what it refers
to, as a ZIP with a manifest and a workbook the administration can open in Excel or LibreOffice.

The workbook is streamed (openpyxl write-only) and zipped under a temporary name in the target folder, then
renamed into place: a failure or a cancel never leaves a partial package. See
:mod:`~pedesk.services.packages.spec` for the layout. No Qt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import tempfile
import zipfile
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Font  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from sqlalchemy.orm import Session

from pedesk import __version__
from pedesk.i18n import _, format_date
from pedesk.models import Office, PackageLog
from pedesk.models.base import utcnow
from pedesk.models.enums import PackageDirection
from pedesk.services.access import Action, guarded
from pedesk.services.common import ProgressCallback, ValidationError, check_target, report, write_atomically
from pedesk.services.packages.outcomes import FORMAT_NAME, FORMAT_VERSION, ExportResult
from pedesk.services.packages.rows import ROW_QUERIES
from pedesk.services.packages.selection import Selection
from pedesk.services.packages.spec import DATA_NAME, MANIFEST_NAME, SHEETS, SheetSpec, sheet_title
from pedesk.services.reference import get_own_office

__all__ = ["cell_value", "export_package", "sheet_title"]

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HEADING = Font(bold=True)
_NAMES = Font(color="808080", size=8)
_PROGRESS_EVERY = 2000


def cell_value(value: object) -> object:
    """A database value as a workbook cell holds it: enums as their codes, decimals as numbers, dates as dates,
    times to the second, text without the control characters XML cannot carry."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    if isinstance(value, datetime):
        return value.replace(microsecond=0)  # what a workbook keeps exactly
    return value


def _cell(sheet: Any, value: object) -> object:
    """Text that starts like a formula goes in as a text cell, so that no spreadsheet runs it."""
    value = cell_value(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and len(value) > 1:
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _headings(sheet: Any, spec: SheetSpec) -> None:
    for index, column in enumerate(spec.columns, 1):
        wide = column.kind in ("text", "json") and column.name not in ("office", "code", "cohort", "origin")
        sheet.column_dimensions[get_column_letter(index)].width = 30 if wide else 16
    sheet.freeze_panes = "A3"
    headings, names = [], []
    for column in spec.columns:
        heading = WriteOnlyCell(sheet, value=column.heading)
        heading.font = _HEADING
        headings.append(heading)
        name = WriteOnlyCell(sheet, value=column.name)
        name.font = _NAMES
        names.append(name)
    sheet.append(headings)
    sheet.append(names)


def _write_sheet(session: Session, workbook: Any, spec: SheetSpec, selection: Selection,
                 progress: ProgressCallback | None, stage: tuple[int, int]) -> int:
    sheet = workbook.create_sheet(spec.kk[:31])
    _headings(sheet, spec)
    rows = 0
    result = session.execute(ROW_QUERIES[spec.name](selection), execution_options={"yield_per": 2000})
    for row in result:
        sheet.append([_cell(sheet, value) for value in row])
        rows += 1
        if rows % _PROGRESS_EVERY == 0:
            report(progress, stage[0], stage[1], sheet_title(spec.name, "kk"))
    return rows


def _workbook(session: Session, path: Path, selection: Selection, progress: ProgressCallback | None) -> dict[str, int]:
    workbook = Workbook(write_only=True)
    counts: dict[str, int] = {}
    selection.materialise(session)
    try:
        for index, spec in enumerate(SHEETS):
            report(progress, index, len(SHEETS), sheet_title(spec.name, "kk"))
            counts[spec.name] = _write_sheet(session, workbook, spec, selection, progress, (index, len(SHEETS)))
        workbook.save(path)
    except BaseException:
        _discard(workbook)
        raise
    finally:
        selection.release(session)
    return counts


def _discard(workbook: Workbook) -> None:
    """Close the streams of a write-only workbook that failed (a full disk): left open, each would try to finish
    its sheet when collected and print a traceback."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        for stream in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
            with contextlib.suppress(Exception):
                if stream is not None:
                    stream.close()
        with contextlib.suppress(Exception):
            if writer is not None:
                writer.cleanup()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _manifest(office: Office | None, selection: Selection, label: str, counts: dict[str, int], sha256: str,
              size: int) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "pedesk_version": __version__,
        "office": {"code": office.code if office else "", "name_kk": office.name_kk if office else "",
                   "name_ru": office.name_ru if office else "",
                   "region": office.region.code if office and office.region else ""},
        "consolidated": selection.consolidated,
        "period": {"from": selection.start.isoformat(), "to": selection.end.isoformat(), "label": label},
        "created_at": utcnow().replace(microsecond=0).isoformat(),
        "files": {DATA_NAME: {"sha256": sha256, "size": size}},
        "sheets": {spec.name: spec.kk[:31] for spec in SHEETS},
        "counts": counts,
    }


def _period_problems(start: date, end: date) -> None:
    if end < start:
        raise ValidationError.single("period", _(
            "The period ends ({end}) before it starts ({start}). Enter the first day, then the last.").format(
            end=format_date(end), start=format_date(start)))


@guarded(Action.PACKAGES)
def export_package(session: Session, path: Path, *, start: date, end: date, label: str = "", by: str,
                   consolidated: bool = False, progress: ProgressCallback | None = None) -> ExportResult:
    """Write the package of ``start``-``end`` (inclusive) to ``path`` and log it (PackageLog, in the caller's
    transaction). An office's package holds its own records; ``consolidated`` (the administration) every
    office's. Refuses (``ValidationError``) a reversed period, a missing office or a bad target."""
    _period_problems(start, end)
    office = get_own_office(session)
    if office is None and not consolidated:
        raise ValidationError.single("office", _(
            "This database has no office of its own yet: fill in the office on the Settings page, or export a "
            "consolidated package."))
    target = check_target(Path(path), _("{path} is a folder; give a file name for the package."))
    selection = Selection(start, end, consolidated)
    outcome: dict[str, Any] = {}

    def write(partial: Path) -> None:
        with tempfile.TemporaryDirectory(prefix=".pedesk-package-", dir=partial.parent) as folder:
            data = Path(folder) / DATA_NAME
            counts = _workbook(session, data, selection, progress)
            sha256 = _sha256(data)
            manifest = _manifest(office, selection, label, counts, sha256, data.stat().st_size)
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=2))
                archive.write(data, DATA_NAME)
            outcome.update(counts=counts)
        report(progress, len(SHEETS), len(SHEETS), "")

    write_atomically(target, write)
    package_sha = _sha256(target)
    code = office.code if office else ""
    session.add(PackageLog(direction=PackageDirection.EXPORT, at=datetime.now().replace(microsecond=0), by=by,
                           file_name=str(target), sha256=package_sha, office_code=code, period_from=start,
                           period_to=end, format_version=FORMAT_VERSION, outcome="consolidated" if consolidated
                           else "exported", summary=json.dumps({"counts": outcome["counts"], "label": label})))
    session.flush()
    return ExportResult(target, package_sha, outcome["counts"], start, end, label, code)
