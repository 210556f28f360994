"""What kind of spreadsheet a file is, told by its content (a list is often named otherwise): an Excel workbook
(.xlsx, .xlsm), an Excel binary workbook (.xlsb), an OpenDocument spreadsheet (.ods) or an Excel 97-2003
workbook (.xls); and the refusals of a whole file before anything in it is read: missing, too large, not a
spreadsheet, damaged, unpacking to something huge ("zip bomb"), or protected by a password. No Qt.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

import olefile  # type: ignore[import-untyped, unused-ignore]

from pedesk.i18n import _
from pedesk.services.common.errors import ValidationError
from pedesk.services.common.spreadsheets import FILE_FIELD

__all__ = ["BIFF_STREAMS", "MAX_FILE_BYTES", "MAX_UNPACKED_BYTES", "Kind", "damaged", "file_kind", "password_protected", "refuse"]

MAX_FILE_BYTES = 50 * 1024 * 1024  # a department's list is a few hundred kilobytes
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # .xlsx, .xlsb and .ods are zip archives: refuse a "zip bomb"

Kind = Literal["xlsx", "xlsb", "ods", "xls"]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls), and any encrypted Office file
_ODS_TYPE = b"application/vnd.oasis.opendocument.spreadsheet"
BIFF_STREAMS = ("Workbook", "Book")  # Excel 97-2003; Excel 5.0/95


def refuse(message: str) -> ValidationError:
    return ValidationError.single(FILE_FIELD, message)


def damaged(name: str) -> ValidationError:
    return refuse(_(
        "The file {name} is damaged and cannot be read. Ask the sender for the file again, or open it in "
        "Excel, save it again as .xlsx and choose the saved file."
    ).format(name=name))


def password_protected(name: str) -> ValidationError:
    return refuse(_(
        "The file {name} is protected by a password. Open it in Excel, remove the password (File > Info > "
        "Protect workbook), save and choose it again."
    ).format(name=name))


def _not_a_spreadsheet(name: str) -> ValidationError:
    return refuse(_(
        "The file {name} is not an Excel workbook (.xlsx), nor any other spreadsheet pedesk reads (.xlsm, "
        ".xls, .xlsb, .ods). Open it in Excel or LibreOffice, save it as an Excel workbook (.xlsx) and choose "
        "the saved file."
    ).format(name=name))


def file_kind(path: Path) -> Kind:
    """The kind of spreadsheet at ``path``, checked before any reader sees it; else ``ValidationError`` on the
    field ``"file"`` saying why and what to do."""
    name = path.name
    if not path.is_file():
        raise refuse(_("The file {name} does not exist. Choose the file again.").format(name=name))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise refuse(_("The file {name} is too large ({size} MB) to be a list. Check that it is the right "
                       "file.").format(name=name, size=size // (1024 * 1024)))
    with path.open("rb") as fh:
        magic = fh.read(len(_OLE_MAGIC))
    if magic == _OLE_MAGIC:
        return _compound_kind(path)
    if magic.startswith(_ZIP_MAGIC):
        return _archive_kind(path)
    raise _not_a_spreadsheet(name)


def _compound_kind(path: Path) -> Kind:
    """An OLE compound file: an Excel 97-2003 workbook, or an encrypted .xlsx / .xlsb (its package inside
    ``EncryptedPackage``, the key in ``EncryptionInfo``)."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir()}
    except Exception:  # noqa: BLE001 - olefile raises many kinds for a broken file
        raise damaged(path.name) from None
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        raise password_protected(path.name)
    if any(stream in streams for stream in BIFF_STREAMS):
        return "xls"
    raise _not_a_spreadsheet(path.name)


def _archive_kind(path: Path) -> Kind:
    try:
        with zipfile.ZipFile(path) as archive:
            members = {member.filename: member for member in archive.infolist()}
            mimetype = archive.read("mimetype")[:100] if "mimetype" in members else b""
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in members else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise damaged(path.name) from None
    if "xl/workbook.xml" in members:
        kind: Kind = "xlsx"
    elif "xl/workbook.bin" in members:
        kind = "xlsb"
    elif mimetype.strip().startswith(_ODS_TYPE) or (_ODS_TYPE in manifest and "content.xml" in members):
        if b"encryption-data" in manifest:  # LibreOffice's "Save with password"
            raise password_protected(path.name)
        kind = "ods"
    else:
        raise _not_a_spreadsheet(path.name)
    if sum(member.file_size for member in members.values()) > MAX_UNPACKED_BYTES:
        raise refuse(_("The file {name} unpacks to more data than a list can hold. Check that it is the right "
                       "file.").format(name=path.name))
    return kind

