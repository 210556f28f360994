"""Open and check an incoming data package (п.17) without touching the database: the first half of an import.

:func:`open_package` refuses (:class:`~pedesk.services.packages.outcomes.PackageRejected`, with every problem it
could find in one pass) a package that is not exactly what pedesk writes
(:mod:`~pedesk.services.packages.export`):

1. the file: a ZIP of at most :data:`MAX_PACKAGE_BYTES`, holding ``manifest.json`` and ``data.xlsx`` and
   nothing else (no unsafe names, folders, links or duplicates), whose declared and actual sizes stay within
   :data:`MAX_UNPACKED_BYTES` and a compression ratio of :data:`MAX_ENTRY_RATIO` ("zip bombs");
2. the manifest: a JSON object of this format and version, with the office, the period, the workbook's
   SHA-256 and size (which the workbook must match byte for byte), every sheet's title and row count;
3. the workbook: its own parts within the same limits, no DTD or entity ("XML bombs"), parsed through
   defusedxml; every sheet there, row 2 holding exactly its column names, as many records as counted, no
   formula in any cell;
4. every cell typed by its column (:mod:`~pedesk.services.packages.validation.cells`), IINs with their check
   digit and a teacher's IIN agreeing with the date of birth, no text longer than its column holds
   (:mod:`~pedesk.services.packages.validation.limits`);
5. no natural key twice in a sheet.

The workbook is unpacked into a temporary folder that is removed afterwards. References between sheets and
to the database are the importer's to check (:mod:`pedesk.services.packages.importing`), and so are the dates
the records give, which may need a cohort or a certificate held there
(:mod:`~pedesk.services.packages.validation.meaning`). No Qt, no database.
"""

from __future__ import annotations

import functools
import hashlib
import io
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from pedesk.i18n import _, current_language
from pedesk.services.common import Cancelled, ProgressCallback, report
from pedesk.services.packages.spec import DATA_NAME, MANIFEST_NAME, SHEETS, sheet_title
from pedesk.services.packages.validation.archive import (
    EntryError,
    central_directory,
    copy_entry,
    entry_problems,
    size_problems,
)
from pedesk.services.packages.validation.manifest import check_data_file, check_manifest
from pedesk.services.packages.validation.problems import (
    MAX_ENTRY_RATIO,
    MAX_MANIFEST_BYTES,
    MAX_PACKAGE_BYTES,
    MAX_PROBLEMS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    PackageRow,
    ProblemLog,
    ask_again,
)
from pedesk.services.packages.validation.sheets import read_sheet
from pedesk.services.packages.validation.workbook import (
    is_xml_bomb,
    open_workbook,
    workbook_damaged,
    xml_bomb,
)

__all__ = [
    "MAX_ENTRY_RATIO",
    "MAX_PACKAGE_BYTES",
    "MAX_PROBLEMS",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "OpenedPackage",
    "PackageRow",
    "open_package",
]

_MAX_ENTRIES = 16  # a package holds two; a few more are named one by one before the package is refused
_MAX_DIRECTORY = 64 * 1024
_MB = 1024 * 1024


@dataclass(frozen=True)
class OpenedPackage:
    """A package that passed every check: its file name, the SHA-256 of the package file, the manifest and the
    records of every sheet of :data:`~pedesk.services.packages.spec.SHEETS` by the sheet's name, in that order;
    ``positions`` gives, by sheet, the 0-based position of each column in the sheet (the letter a problem names)."""

    file_name: str
    sha256: str
    manifest: dict[str, Any]
    sheets: dict[str, tuple[PackageRow, ...]]
    positions: dict[str, dict[str, int]] = field(default_factory=dict)


def _check_file(path: Path, log: ProblemLog) -> None:
    name = path.name
    if not path.is_file():
        log.stop(_("The file {name} does not exist. Choose the package file again.").format(name=name))
    size = path.stat().st_size
    if size > MAX_PACKAGE_BYTES:
        log.stop(_("The file {name} is {size} MB, more than the {limit} MB a package may be. Check that it is a "
                   "pedesk package; if it is, ask the office to export a shorter period.").format(
            name=name, size=size // _MB, limit=MAX_PACKAGE_BYTES // _MB))
    directory = central_directory(path)
    if directory is None:
        log.stop(_("The file {name} is not a pedesk package, or only part of it arrived (the copy or the download "
                   "stopped early). Ask the office to send the package file again.").format(name=name))
    if directory[0] > _MAX_ENTRIES or directory[1] > _MAX_DIRECTORY:
        log.stop(_("The file {name} holds far more files than a pedesk package does: it was not made by pedesk or "
                   "was changed afterwards. {advice}").format(name=name, advice=ask_again()))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_MB), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def _archive(path: Path, log: ProblemLog) -> Iterator[zipfile.ZipFile]:
    """The package's ZIP, open, once its entries passed the checks of names, kinds and declared sizes."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        archive = None
    if archive is None:
        log.stop(_("The file {name} is not a pedesk package, or it is damaged (the copy or the download may have "
                   "stopped early). Ask the office to send the package file again.").format(name=path.name))
    with archive:
        infos = archive.infolist()
        for problem in entry_problems(infos) or size_problems(infos):
            log.file(problem)
        log.stop_if_any()
        yield archive


def _unpack(archive: zipfile.ZipFile, name: str, sink: BinaryIO, limit: int,
            log: ProblemLog) -> tuple[str, int]:
    try:
        return copy_entry(archive, archive.getinfo(name), sink, limit)
    except EntryError as error:
        log.stop(str(error))


def _manifest_and_data(path: Path, folder: Path, log: ProblemLog) -> tuple[dict[str, Any], Path]:
    """The checked manifest and the workbook unpacked into ``folder``, matching the manifest's fingerprint."""
    target = folder / DATA_NAME
    with _archive(path, log) as archive:
        raw = io.BytesIO()
        _unpack(archive, MANIFEST_NAME, raw, MAX_MANIFEST_BYTES, log)
        manifest = check_manifest(raw.getvalue(), log)
        if manifest is None:
            raise log.rejected()
        with target.open("wb") as sink:
            sha256, size = _unpack(archive, DATA_NAME, sink, MAX_UNPACKED_BYTES, log)
    check_data_file(manifest, sha256, size, log)
    log.stop_if_any()
    return manifest, target


def _sheets(workbook: Any, manifest: dict[str, Any], log: ProblemLog, progress: ProgressCallback | None,
            positions: dict[str, dict[str, int]]) -> dict[str, tuple[PackageRow, ...]]:
    worksheets = {worksheet.title: worksheet for worksheet in workbook.worksheets}
    sheets: dict[str, tuple[PackageRow, ...]] = {}
    for number, spec in enumerate(SHEETS, 1):
        report(progress, number, len(SHEETS) + 1, sheet_title(spec.name, current_language()))
        title = manifest["sheets"][spec.name]
        worksheet = worksheets.get(title)
        if worksheet is None:
            log.add(spec.name, None, "", _('The workbook of the package has no sheet "{title}": the package is '
                                           "incomplete or was changed after it was made. {advice}").format(
                title=title, advice=ask_again()))
            sheets[spec.name] = ()
            continue
        try:
            sheets[spec.name] = read_sheet(worksheet, spec, title, manifest["counts"][spec.name], log,
                                           positions.setdefault(spec.name, {}),
                                           functools.partial(report, progress, number, len(SHEETS) + 1, ""))
        except Cancelled:
            raise
        except Exception as error:  # noqa: BLE001 - a damaged sheet shows up only while it is read
            log.stop(xml_bomb(title) if is_xml_bomb(error) else workbook_damaged())
    return sheets


def open_package(path: Path, *, progress: ProgressCallback | None = None) -> OpenedPackage:
    """Open the package at ``path`` and check all of it (see the module's docstring); nothing is written
    anywhere but a temporary folder. Raises ``PackageRejected`` with every problem found, at most
    :data:`MAX_PROBLEMS` of them listed and the rest counted."""
    source = Path(path)
    log = ProblemLog()
    report(progress, 0, len(SHEETS) + 1, _("Checking the package file"))
    _check_file(source, log)
    sha256 = _sha256(source)
    with tempfile.TemporaryDirectory(prefix="pedesk-package-") as folder:
        manifest, data = _manifest_and_data(source, Path(folder), log)
        positions: dict[str, dict[str, int]] = {}
        with open_workbook(data, log) as workbook:
            sheets = _sheets(workbook, manifest, log, progress, positions)
    if log:
        raise log.rejected()
    report(progress, len(SHEETS) + 1, len(SHEETS) + 1, "")
    return OpenedPackage(source.name, sha256, manifest, sheets, positions)
