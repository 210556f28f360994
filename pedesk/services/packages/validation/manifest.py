"""The manifest of an incoming data package (п.17): a JSON object of the known format and version, naming the
office and the period, and holding the fingerprint (SHA-256 and size) of the workbook, the title of every
sheet and its number of rows. See :mod:`pedesk.services.packages.export` for how it is written. No Qt.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from pedesk.i18n import _, format_date
from pedesk.services.packages.outcomes import FORMAT_NAME, FORMAT_VERSION
from pedesk.services.packages.spec import DATA_NAME, MANIFEST_NAME, SHEETS, SPECS
from pedesk.services.packages.validation.problems import MAX_ROWS, ProblemLog, ask_again

__all__ = ["check_data_file", "check_manifest", "manifest_date"]

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MAX_TITLE = 31  # a worksheet's title has at most 31 characters
_MAX_CODE = 20  # an office's code (Office.code)


def _field_problem(log: ProblemLog, field: str, expected: str) -> None:
    log.file(_('The manifest of the package has no valid "{field}" (it should be {expected}): the package was '
               "damaged or was not made by pedesk. {advice}").format(field=field, expected=expected,
                                                                     advice=ask_again()))


def manifest_date(value: object) -> date | None:
    """A date written in the manifest ("2026-01-01"), or None."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _parse(raw: bytes, log: ProblemLog) -> dict[str, Any] | None:
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        manifest = None
    if not isinstance(manifest, dict):
        log.file(_("The manifest of the package ({entry}) is not a JSON object in UTF-8, so the package cannot be "
                   "read: it was damaged or was not made by pedesk. {advice}").format(entry=MANIFEST_NAME,
                                                                                      advice=ask_again()))
        return None
    return manifest


def _format(manifest: dict[str, Any], log: ProblemLog) -> None:
    found = manifest.get("format")
    if found != FORMAT_NAME:
        log.file(_('The file is not a pedesk data package: its manifest gives the format "{format}" instead of '
                   '"{expected}". Choose a package exported by pedesk.').format(
            format=str(found)[:40], expected=FORMAT_NAME))
        return
    version = manifest.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        log.file(_("The package was made by a newer pedesk (package format {version}; this pedesk reads format "
                   "{supported}). Update pedesk, then import the package again.").format(
            version=version, supported=FORMAT_VERSION))
    elif version != FORMAT_VERSION or isinstance(version, bool):
        log.file(_('The package\'s format version "{version}" is not one this pedesk reads (it reads format '
                   "{supported}). {advice}").format(version=str(version)[:20], supported=FORMAT_VERSION,
                                                   advice=ask_again()))


def _office(manifest: dict[str, Any], log: ProblemLog) -> None:
    office, consolidated = manifest.get("office"), manifest.get("consolidated")
    if not isinstance(consolidated, bool):
        _field_problem(log, "consolidated", _("true or false"))
    code = office.get("code") if isinstance(office, dict) else None
    if not isinstance(code, str) or len(code) > _MAX_CODE or (not code and consolidated is not True):
        _field_problem(log, "office.code", _("the code of the office that made the package"))
    for name in ("name_kk", "name_ru", "region"):
        if isinstance(office, dict) and not isinstance(office.get(name, ""), str):
            _field_problem(log, "office." + name, _("text"))


def _period(manifest: dict[str, Any], log: ProblemLog) -> None:
    period = manifest.get("period")
    period = period if isinstance(period, dict) else {}
    start, end = manifest_date(period.get("from")), manifest_date(period.get("to"))
    for field, value in (("period.from", start), ("period.to", end)):
        if value is None:
            _field_problem(log, field, _("a date such as 2026-01-01"))
    if start is not None and end is not None and end < start:
        log.file(_("The package's period ends ({end}) before it starts ({start}). {advice}").format(
            end=format_date(end), start=format_date(start), advice=ask_again()))
    if not isinstance(period.get("label", ""), str):
        _field_problem(log, "period.label", _("text"))
    created = manifest.get("created_at")
    try:
        valid = isinstance(created, str) and len(created) <= 40 and bool(datetime.fromisoformat(created))
    except ValueError:
        valid = False
    if not valid:
        _field_problem(log, "created_at", _("a date and time such as 2026-07-01T10:00:00"))


def _files(manifest: dict[str, Any], log: ProblemLog) -> None:
    files = manifest.get("files")
    entry = files.get(DATA_NAME) if isinstance(files, dict) else None
    entry = entry if isinstance(entry, dict) else {}
    if not isinstance(entry.get("sha256"), str) or not _SHA256.match(entry["sha256"]):
        _field_problem(log, "files.data.xlsx.sha256", _("the SHA-256 of the workbook"))
    size = entry.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        _field_problem(log, "files.data.xlsx.size", _("the size of the workbook in bytes"))
    if isinstance(files, dict) and set(files) - {DATA_NAME}:
        _field_problem(log, "files", _("the fingerprint of data.xlsx only"))


def _per_sheet(manifest: dict[str, Any], key: str, valid: Callable[[object], bool], expected: str,
               log: ProblemLog) -> None:
    values = manifest.get(key)
    if not isinstance(values, dict):
        _field_problem(log, key, expected)
        return
    for spec in SHEETS:
        if not valid(values.get(spec.name)):
            _field_problem(log, f"{key}.{spec.name}", expected)
    for name in sorted(set(values) - set(SPECS))[:10]:
        log.file(_('The manifest of the package names a sheet "{sheet}" that this pedesk does not know: the '
                   "package comes from a newer pedesk (then update pedesk) or was changed after it was made. "
                   "{advice}").format(sheet=str(name)[:40], advice=ask_again()))


def _title(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= _MAX_TITLE


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_ROWS


def check_manifest(raw: bytes, log: ProblemLog) -> dict[str, Any] | None:
    """The manifest read from its bytes, or None when it is not usable (the problems are in ``log``)."""
    manifest = _parse(raw, log)
    if manifest is None:
        return None
    before = len(log.problems)
    _format(manifest, log)
    if len(log.problems) > before:
        return None  # another format: its other fields mean something else or nothing
    _office(manifest, log)
    _period(manifest, log)
    _files(manifest, log)
    _per_sheet(manifest, "sheets", _title, _("the title of every sheet"), log)
    _per_sheet(manifest, "counts", _count, _("the number of rows of every sheet"), log)
    sheets = manifest.get("sheets")
    if isinstance(sheets, dict) and len({sheets.get(spec.name) for spec in SHEETS}) < len(SHEETS):
        _field_problem(log, "sheets", _("a different title for every sheet"))
    return None if len(log.problems) > before else manifest


def check_data_file(manifest: dict[str, Any], sha256: str, size: int, log: ProblemLog) -> None:
    """The workbook unpacked must be the one the manifest describes, byte for byte."""
    entry = manifest["files"][DATA_NAME]
    if entry["size"] != size or entry["sha256"] != sha256:
        log.file(_("The workbook inside the package ({entry}) is not the one its manifest describes (another size "
                   "or SHA-256 fingerprint): the package was changed after it was made or damaged in transit. Ask "
                   "the office to send the package again, or to export it again.").format(entry=DATA_NAME))
