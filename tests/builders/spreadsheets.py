"""Spreadsheets in every format an office may send a list in, written for real at test time: .xlsx (openpyxl),
.xls (xlwt, Excel 97-2003), .ods (the OpenDocument zip written by hand, as LibreOffice lays it out) and .xlsb
(the Excel binary records written by hand, MS-XLSB), each with hidden and very hidden sheets, the active sheet
and formula cells with the value Excel last computed; and the password-protected ones (an .xlsx encrypted by
msoffcrypto-tool, an .xls with a FILEPASS record, an .ods with LibreOffice's encryption data)."""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import openpyxl
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile

FORMATS = ("xlsx", "xls", "ods", "xlsb")


@dataclass(frozen=True)
class Formula:
    """A cell computed by ``expression`` (without "="), whose last computed value the file keeps as ``cached``."""

    expression: str
    cached: float | str = ""


@dataclass(frozen=True)
class Sheet:
    """A worksheet: its rows (None: an empty cell) and whether it shows ("visible", "hidden", "veryHidden")."""

    name: str
    rows: list[list[object]] = field(default_factory=list)
    state: str = "visible"


def spreadsheet(path: Path, sheets: list[Sheet], *, active: int = 0) -> Path:
    """The workbook at ``path`` (its suffix says the format: .xlsx, .xls, .ods or .xlsb) with ``sheets``, the
    one at index ``active`` shown when it opens."""
    writer = {".xlsx": _xlsx, ".xlsm": _xlsx, ".xls": _xls, ".ods": _ods, ".xlsb": _xlsb}[path.suffix]
    writer(path, sheets, active)
    return path


def list_file(path: Path, rows: list[list[object]]) -> Path:
    """A one-sheet workbook of ``rows`` in the format of ``path``'s suffix."""
    return spreadsheet(path, [Sheet("Тізім", rows)])


# --- .xlsx -----------------------------------------------------------------------------------------------------


def _xlsx(path: Path, sheets: list[Sheet], active: int) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    cached: dict[str, dict[str, object]] = {}
    for index, sheet in enumerate(sheets):
        page = book.create_sheet(sheet.name)
        page.sheet_state = sheet.state
        for row in sheet.rows:
            page.append([f"={value.expression}" if isinstance(value, Formula) else value for value in row])
        cached[f"xl/worksheets/sheet{index + 1}.xml"] = {
            f"{openpyxl.utils.get_column_letter(c + 1)}{r + 1}": value.cached
            for r, row in enumerate(sheet.rows) for c, value in enumerate(row) if isinstance(value, Formula)
        }
    book.active = active
    book.save(path)
    _keep_cached_values(path, cached)


def _keep_cached_values(path: Path, cached: dict[str, dict[str, object]]) -> None:
    """openpyxl writes a formula without its value: put the value Excel would have kept beside it."""
    with zipfile.ZipFile(path) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    for part, values in cached.items():
        xml = parts[part].decode()
        for ref, value in values.items():
            kind = ' t="str"' if isinstance(value, str) else ""
            xml = re.sub(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                         lambda m, r=ref, v=value, k=kind: f'<c r="{r}"{m.group(1)}{k}><f>{m.group(2)}</f><v>{escape(str(v))}</v>',
                         xml)
        parts[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def encrypted_xlsx(path: Path, rows: list[list[object]], password: str = "secret") -> Path:
    """An .xlsx protected by a password, as Excel's File > Info > Protect workbook > Encrypt writes it."""
    plain = spreadsheet(path.with_name("plain-" + path.name), [Sheet("Тізім", rows)])
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt(password, target)
    return path


# --- .xls ------------------------------------------------------------------------------------------------------

_XLS_STATES = {"visible": 0, "hidden": 1, "veryHidden": 2}


def _xls_book(sheets: list[Sheet], active: int) -> xlwt.Workbook:
    book = xlwt.Workbook(encoding="utf-8")
    dates = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for index, sheet in enumerate(sheets):
        page = book.add_sheet(sheet.name)
        page.visibility = _XLS_STATES[sheet.state]
        page.set_selected(index == active)
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if isinstance(value, Formula):
                    page.write(r, c, xlwt.Formula(value.expression))
                elif isinstance(value, date):
                    page.write(r, c, value, dates)
                elif value is not None:
                    page.write(r, c, value)
    book.active_sheet = active
    return book


def _xls(path: Path, sheets: list[Sheet], active: int) -> None:
    _xls_book(sheets, active).save(str(path))


def password_xls(path: Path, rows: list[list[object]]) -> Path:
    """An .xls protected by a password: a FILEPASS record (RC4 encryption) right after the workbook's BOF."""
    data = _xls_book([Sheet("Тізім", rows)], 0).get_biff_data()
    _kind, size = struct.unpack_from("<HH", data)
    filepass = struct.pack("<HH", 0x002F, 54) + struct.pack("<HHH", 1, 1, 1) + b"\x11" * 48
    xlwt.CompoundDoc.XlsDoc().save(str(path), data[:4 + size] + filepass + data[4 + size:])
    return path


# --- .ods ------------------------------------------------------------------------------------------------------

_ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
           'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"')


def _ods_cell(value: object) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, Formula):
        formula = f"table:formula={quoteattr('of:=' + value.expression)}"
        if isinstance(value.cached, str):
            return (f'<table:table-cell {formula} office:value-type="string" office:string-value={quoteattr(value.cached)}>'
                    f"<text:p>{escape(value.cached)}</text:p></table:table-cell>")
        return (f'<table:table-cell {formula} office:value-type="float" office:value="{value.cached}">'
                f"<text:p>{value.cached}</text:p></table:table-cell>")
    if isinstance(value, date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value.strftime('%d.%m.%Y')}</text:p></table:table-cell>")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def _ods_table(sheet: Sheet) -> str:
    rows = "".join(
        "<table:table-row>" + "".join(_ods_cell(value) for value in row) + "</table:table-row>" if row
        else "<table:table-row><table:table-cell/></table:table-row>" for row in sheet.rows
    )
    # LibreOffice closes every sheet with the empty rest of its rows, repeated
    rows += ('<table:table-row table:number-rows-repeated="1048000">'
             '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    style = "hidden" if sheet.state != "visible" else "shown"
    return f'<table:table table:name={quoteattr(sheet.name)} table:style-name="{style}">{rows}</table:table>'


def _ods(path: Path, sheets: list[Sheet], active: int, *, encrypted: bool = False) -> None:
    styles = ('<office:automatic-styles><style:style style:name="shown" style:family="table">'
              '<style:table-properties table:display="true"/></style:style><style:style style:name="hidden" '
              'style:family="table"><style:table-properties table:display="false"/></style:style>'
              "</office:automatic-styles>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} office:version="1.2">'
               f"{styles}<office:body><office:spreadsheet>{''.join(_ods_table(s) for s in sheets)}"
               "</office:spreadsheet></office:body></office:document-content>")
    settings = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-settings {_ODS_NS}><office:settings>'
                '<config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed '
                'config:name="Views"><config:config-item-map-entry><config:config-item config:name="ActiveTable" '
                f'config:type="string">{escape(sheets[active].name)}</config:config-item></config:config-item-map-entry>'
                "</config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>")
    secret = ('<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
              '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
              "</manifest:encryption-data>") if encrypted else ""
    manifest = (f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest {_ODS_NS} manifest:version="1.2">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{_ODS_MIME}"/>'
                f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{secret}'
                "</manifest:file-entry></manifest:manifest>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), _ODS_MIME, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
        archive.writestr("settings.xml", settings)


def password_ods(path: Path, rows: list[list[object]]) -> Path:
    """An .ods saved with a password (LibreOffice: File > Save As > Save with password)."""
    _ods(path, [Sheet("Тізім", rows)], 0, encrypted=True)
    return path


# --- .xlsb -----------------------------------------------------------------------------------------------------

_XLSB_STATES = {"visible": 0, "hidden": 1, "veryHidden": 2}
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _record(kind: int, data: bytes = b"") -> bytes:
    head = bytearray([kind] if kind < 0x80 else [(kind & 0x7F) | 0x80, kind >> 7])
    size = len(data)
    while True:
        head.append((size & 0x7F) | (0x80 if size >= 0x80 else 0))
        size >>= 7
        if not size:
            break
    return bytes(head) + data


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def _xlsb_cell(column: int, value: object) -> bytes:
    head = struct.pack("<II", column, 0)
    if isinstance(value, Formula):
        formula = struct.pack("<I", 3) + bytes([0x1E, 0, 0]) + struct.pack("<I", 0)  # =0 (PtgInt)
        if isinstance(value.cached, str):
            return _record(0x0008, head + _wide(value.cached) + b"\0\0" + formula)  # BrtFmlaString
        return _record(0x0009, head + struct.pack("<d", value.cached) + b"\0\0" + formula)  # BrtFmlaNum
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _record(0x0005, head + struct.pack("<d", value))  # BrtCellReal
    if isinstance(value, date):
        return _record(0x0005, head + struct.pack("<d", (value - date(1899, 12, 30)).days))
    return _record(0x0006, head + _wide(str(value)))  # BrtCellSt


def _xlsb_sheet(sheet: Sheet) -> bytes:
    height, width = max(len(sheet.rows), 1), max([len(row) for row in sheet.rows] + [1])
    data = _record(0x0081) + _record(0x0094, struct.pack("<4I", 0, height - 1, 0, width - 1)) + _record(0x0091)
    for number, row in enumerate(sheet.rows):
        if row:
            data += _record(0x0000, struct.pack("<IIHBB", number, 0, 0, 0, 0) + b"\0" * 5)  # BrtRowHdr
            data += b"".join(_xlsb_cell(column, value) for column, value in enumerate(row) if value is not None)
    return data + _record(0x0092) + _record(0x0082)


def _xlsb(path: Path, sheets: list[Sheet], active: int) -> None:
    book = _record(0x0083) + _record(0x0087) + _record(0x009E, struct.pack("<7iB", 0, 0, 9000, 6000, 600, 0,
                                                                          active, 0)) + _record(0x0088)
    book += _record(0x008F) + b"".join(
        _record(0x009C, struct.pack("<II", _XLSB_STATES[sheet.state], index) + _wide(f"rId{index}") + _wide(sheet.name))
        for index, sheet in enumerate(sheets, start=1)
    ) + _record(0x0090) + _record(0x009D, b"\0" * 26) + _record(0x0084)
    relations = "".join(f'<Relationship Id="rId{index}" Type="{_REL}/worksheet" Target="worksheets/sheet{index}.bin"/>'
                        for index in range(1, len(sheets) + 1))
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{index}.bin" '
                        'ContentType="application/vnd.ms-excel.worksheet"/>' for index in range(1, len(sheets) + 1))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="'
                         'application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/'
                         'workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
                         f"{overrides}</Types>")
        archive.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELS}">'
                         f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.bin"/>'
                         "</Relationships>")
        archive.writestr("xl/workbook.bin", book)
        archive.writestr("xl/_rels/workbook.bin.rels",
                         f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELS}">{relations}'
                         "</Relationships>")
        for index, sheet in enumerate(sheets, start=1):
            archive.writestr(f"xl/worksheets/sheet{index}.bin", _xlsb_sheet(sheet))
