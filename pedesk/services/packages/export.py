"""Export a semi-annual data package (п.17): every record created or changed in a period, and what it refers
to, as a ZIP with a manifest and a workbook the administration can open in Excel or LibreOffice.

The workbook is streamed (XlsxWriter in constant memory: :mod:`~pedesk.services.packages.writing`) and zipped
under a temporary name in the target folder, then renamed into place: a failure or a cancel (``progress``
raising ``Cancelled``, Ctrl+C) never leaves a partial package, and it releases the database: the rows' cursor
is closed and the transaction rolled back before the selection's temporary tables are dropped. See
:mod:`~pedesk.services.packages.spec` for the layout. No Qt.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

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
from pedesk.services.packages.writing import PackageWorkbook, cell_value
from pedesk.services.reference import get_own_office

__all__ = ["cell_value", "export_package", "sheet_title"]

_PROGRESS_EVERY = 2000
_BLOCK = 1 << 20


def _write_sheet(session: Session, workbook: PackageWorkbook, spec: SheetSpec, selection: Selection,
                 progress: ProgressCallback | None, stage: tuple[int, int]) -> int:
    query = ROW_QUERIES[spec.name](selection)
    types = [column.type for column in query.selected_columns]
    result = session.execute(query, execution_options={"yield_per": _PROGRESS_EVERY})
    try:
        title = sheet_title(spec.name, "kk")
        return workbook.sheet(spec, types, result, _PROGRESS_EVERY,
                              lambda _rows: report(progress, stage[0], stage[1], title))
    finally:
        result.close()  # a cancel mid-sheet: the cursor goes before the selection's tables are dropped


def _workbook(session: Session, path: Path, selection: Selection, progress: ProgressCallback | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    workbook = PackageWorkbook(path, path.parent)
    try:
        selection.materialise(session, lambda: report(progress, 0, len(SHEETS), _("Collecting the records…")))
        for index, spec in enumerate(SHEETS):
            report(progress, index, len(SHEETS), sheet_title(spec.name, "kk"))
            counts[spec.name] = _write_sheet(session, workbook, spec, selection, progress, (index, len(SHEETS)))
        report(progress, len(SHEETS), len(SHEETS), _("Packing the workbook…"))
        workbook.close()
    except BaseException:
        workbook.discard()
        session.rollback()  # ends every statement of the transaction (and, where DDL is transactional, the tables)
        selection.release(session)
        raise
    selection.release(session)
    return counts


def _pack(archive: zipfile.ZipFile, data: Path, progress: ProgressCallback | None) -> None:
    """``data`` into the package block by block, so that Cancel is heard while it is being compressed."""
    stage = _("Packing the workbook…")
    with data.open("rb") as source, archive.open(DATA_NAME, "w", force_zip64=data.stat().st_size > 1 << 31) as sink:
        for block in iter(lambda: source.read(_BLOCK), b""):
            report(progress, len(SHEETS), len(SHEETS), stage)
            sink.write(block)


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
                _pack(archive, data, progress)
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
