"""The ZIP layer of an incoming data package (п.17): only the expected entries, with safe names, ordinary
files only, and sizes that cannot blow up ("zip bombs"), checked on the declared sizes and again while
unpacking, so that a lying header does not help. No Qt, no database.
"""

from __future__ import annotations

import hashlib
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from pedesk.i18n import _
from pedesk.services.packages.spec import DATA_NAME, MANIFEST_NAME
from pedesk.services.packages.validation.problems import (
    MAX_ENTRY_RATIO,
    MAX_MANIFEST_BYTES,
    MAX_UNPACKED_BYTES,
    RATIO_CHECKED_FROM,
    ask_again,
)

__all__ = ["EXPECTED", "EntryError", "central_directory", "copy_entry", "entry_problems", "shown", "size_problems"]

EXPECTED = (MANIFEST_NAME, DATA_NAME)
"""The entries of a package, and the only ones."""

_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20
_MAX_COMMENT = 0xFFFF
_DRIVE = re.compile(r"^[A-Za-z]:")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CHUNK = 1024 * 1024
_MB = 1024 * 1024


class EntryError(Exception):
    """An entry could not be unpacked safely; the argument is the translated message."""


def shown(name: str) -> str:
    """An entry's name as a message can show it: no control characters, not endless."""
    text = _UNPRINTABLE.sub("?", name)
    return text if len(text) <= 80 else text[:77] + "..."


def central_directory(path: Path) -> tuple[int, int] | None:
    """``(entries, bytes)`` of a ZIP's central directory as its end record declares them, read before
    :mod:`zipfile` loads the directory into memory; None when the file has no end record (not a ZIP, or
    cut short). A ZIP64 directory (which a package never needs) counts as endless."""
    size = path.stat().st_size
    if size < _END_RECORD_SIZE:
        return None
    with path.open("rb") as handle:
        start = max(0, size - _END_RECORD_SIZE - _MAX_COMMENT - _ZIP64_LOCATOR_SIZE)
        handle.seek(start)
        tail = handle.read()
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) - at < _END_RECORD_SIZE:
        return None
    if at >= _ZIP64_LOCATOR_SIZE and tail[at - _ZIP64_LOCATOR_SIZE:at].startswith(_ZIP64_LOCATOR):
        return (1 << 32, 1 << 32)
    entries, directory = struct.unpack_from("<HI", tail, at + 10)
    return int(entries), int(directory)


def _unsafe_name(name: str) -> bool:
    parts = name.split("/")
    return (name.startswith("/") or "\\" in name or bool(_DRIVE.match(name)) or ".." in parts
            or "\x00" in name)


def _not_a_file(info: zipfile.ZipInfo) -> bool:
    """A folder, a link, a device: anything but an ordinary file (Unix mode in the high 16 bits, the
    MS-DOS folder bit in the low ones)."""
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    return info.is_dir() or bool(info.external_attr & 0x10) or kind not in (0, stat.S_IFREG)


def _name_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if _unsafe_name(name) or _unsafe_name(info.orig_filename):
        return _('The package holds an entry with an unsafe name, "{entry}": a path that leaves its folder, '
                 "an absolute path or a drive letter. Such a package is never opened. {advice}").format(
            entry=shown(info.orig_filename), advice=ask_again())
    if _not_a_file(info):
        return _('The package entry "{entry}" is a folder or a link, not an ordinary file. A pedesk package '
                 "holds only files. {advice}").format(entry=shown(name), advice=ask_again())
    if name not in EXPECTED:
        return _('The package holds "{entry}", which a pedesk package never holds: it was not made by pedesk '
                 "or was changed afterwards. {advice}").format(entry=shown(name), advice=ask_again())
    return None


def entry_problems(infos: Sequence[zipfile.ZipInfo]) -> list[str]:
    """What is wrong with the entries of a package: names, kinds, duplicates, missing ones."""
    problems: list[str] = []
    seen: set[str] = set()
    for info in infos:
        problem = _name_problem(info)
        if problem is not None:
            problems.append(problem)
        elif info.filename in seen:
            problems.append(_('The package holds "{entry}" twice, so it is not clear which one counts. {advice}')
                            .format(entry=shown(info.filename), advice=ask_again()))
        seen.add(info.filename)
    for name in EXPECTED:
        if name not in seen:
            problems.append(_('The package has no "{entry}": it is incomplete or was not made by pedesk. '
                              "{advice}").format(entry=name, advice=ask_again()))
    return problems


def _entry_size_problem(info: zipfile.ZipInfo, shown_name: str) -> str | None:
    if info.flag_bits & 0x1:
        return _('"{entry}" is protected by a password; pedesk packages never are. {advice}').format(
            entry=shown_name, advice=ask_again())
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return _('"{entry}" is compressed in a way pedesk never uses. {advice}').format(
            entry=shown_name, advice=ask_again())
    if info.filename == MANIFEST_NAME and info.file_size > MAX_MANIFEST_BYTES:
        return _("The manifest of the package is {size} KB, far more than a manifest holds. {advice}").format(
            size=info.file_size // 1024, advice=ask_again())
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_CHECKED_FROM and ratio > MAX_ENTRY_RATIO:
        return _('"{entry}" would unpack to {size} MB, {ratio} times its packed size. Real packages never '
                 'compress like that: this looks like a "zip bomb", a file made to fill the memory or the disk, '
                 "and it is not opened. {advice}").format(
            entry=shown_name, size=info.file_size // _MB, ratio=int(ratio), advice=ask_again())
    return None


def size_problems(infos: Sequence[zipfile.ZipInfo], prefix: str = "") -> list[str]:
    """What the declared sizes give away: a password, an unusual compression, a ratio or a total that only
    a "zip bomb" has. ``prefix`` names the archive the entries are in, for entries of the workbook."""
    problems = [problem for info in infos
                if (problem := _entry_size_problem(info, shown(prefix + info.filename))) is not None]
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        problems.append(_('The package would unpack to {size} MB, more than the {limit} MB a package may hold. '
                          'It may be a "zip bomb", a file made to fill the memory or the disk, and it is not '
                          "opened. {advice}").format(
            size=total // _MB, limit=MAX_UNPACKED_BYTES // _MB, advice=ask_again()))
    return problems


def _damaged(name: str) -> EntryError:
    return EntryError(_('"{entry}" in the package is damaged and cannot be unpacked: the file was probably '
                        "damaged in transit. Ask the office to send the package again.").format(entry=name))


_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError)


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The unpacked bytes of an entry; a broken entry raises :class:`EntryError` (a full disk while the
    caller writes them is not the package's fault and is not caught here)."""
    try:
        source = archive.open(info)
    except _READ_ERRORS:
        raise _damaged(shown(info.filename)) from None
    with source:
        while True:
            try:
                chunk = source.read(_CHUNK)
            except _READ_ERRORS:
                raise _damaged(shown(info.filename)) from None
            if not chunk:
                return
            yield chunk


def copy_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, sink: BinaryIO | None, limit: int) -> tuple[str, int]:
    """Unpack an entry into ``sink`` (or nowhere), counting as it goes: stops as soon as it passes ``limit``
    or its declared size, or unpacks faster than the ratio allows, whatever the headers say. Returns the
    SHA-256 and size of what it unpacked; raises :class:`EntryError`."""
    digest = hashlib.sha256()
    size = 0
    ceiling = min(limit, info.file_size)
    packed = max(info.compress_size, 1)
    for chunk in _chunks(archive, info):
        size += len(chunk)
        if size > ceiling or (size > RATIO_CHECKED_FROM and size > MAX_ENTRY_RATIO * packed):
            raise EntryError(_('"{entry}" in the package holds more data than its header says: the package was '
                               "tampered with or damaged, and it is not opened. {advice}").format(
                entry=shown(info.filename), advice=ask_again()))
        digest.update(chunk)
        if sink is not None:
            sink.write(chunk)
    return digest.hexdigest(), size
