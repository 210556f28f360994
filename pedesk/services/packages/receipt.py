"""The receipt of an imported data package (п.17): what was added, updated, left unchanged, left as a conflict
and rejected, per sheet, with the conflicts and problems named; as xlsx or PDF, in Kazakh or Russian.
Written atomically. No Qt.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Font  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # type: ignore[import-untyped, unused-ignore]

from pedesk.i18n import _, format_date, gettext_in
from pedesk.services.common import (
    SANS,
    SANS_BOLD,
    ValidationError,
    check_target,
    register_fonts,
    write_atomically,
)
from pedesk.services.packages.outcomes import ImportSummary
from pedesk.services.packages.spec import SHEETS, sheet_title

__all__ = ["receipt_rows", "write_receipt"]

_COUNTS = ("added", "updated", "unchanged", "conflicts", "rejected")


def receipt_rows(summary: ImportSummary, lang: str) -> list[list[object]]:
    """The receipt as rows of cells: a heading block, the table of counts per sheet, then conflicts and
    problems."""

    outcome = (gettext_in(lang, "the package was applied") if summary.applied
               else gettext_in(lang, "checked only, nothing changed"))
    period = f"{format_date(summary.start, lang=lang)} – {format_date(summary.end, lang=lang)}"
    rows: list[list[object]] = [
        [gettext_in(lang, "Receipt of a data package")], [gettext_in(lang, "File"), summary.file_name],
        [gettext_in(lang, "SHA-256"), summary.sha256], [gettext_in(lang, "Office"), summary.office_code], [gettext_in(lang, "Period"), period],
        [gettext_in(lang, "Outcome"), outcome], [],
        [gettext_in(lang, "Sheet"), gettext_in(lang, "Added"), gettext_in(lang, "Updated"), gettext_in(lang, "Unchanged"), gettext_in(lang, "Conflicts"),
         gettext_in(lang, "Rejected")],
    ]
    for spec in SHEETS:
        rows.append([sheet_title(spec.name, lang), *(getattr(summary, name).get(spec.name, 0) for name in _COUNTS)])
    if summary.conflict_list:
        rows += [[], [gettext_in(lang, "Conflicts: kept as they are here")],
                 [gettext_in(lang, "Sheet"), gettext_in(lang, "Row"), gettext_in(lang, "Key"), gettext_in(lang, "Differs in"), gettext_in(lang, "Sent by office"),
                  gettext_in(lang, "Held here from office")]]
        rows += [[sheet_title(c.sheet, lang), c.row, c.key, ", ".join(c.fields), c.source, c.holder]
                 for c in summary.conflict_list]
    if summary.problems:
        rows += [[], [gettext_in(lang, "Problems")], [gettext_in(lang, "Sheet"), gettext_in(lang, "Row"), gettext_in(lang, "Column"), gettext_in(lang, "Message")]]
        rows += [[sheet_title(p.sheet, lang), p.row or "", p.column, p.message] for p in summary.problems]
    return rows


def _xlsx(rows: list[list[object]], partial: Path) -> None:
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = "Receipt"
    for row in rows:
        sheet.append([str(value) if isinstance(value, str) else value for value in row])
    sheet["A1"].font = Font(bold=True, size=13)
    for letter, width in zip("ABCDEF", (34, 16, 16, 16, 16, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    workbook.save(partial)


def _pdf(rows: list[list[object]], partial: Path, lang: str) -> None:
    register_fonts()
    plain = ParagraphStyle("cell", fontName=SANS, fontSize=8, leading=10)
    title = ParagraphStyle("title", fontName=SANS_BOLD, fontSize=13, leading=16)
    story: list[Any] = [Paragraph(str(rows[0][0]), title), Spacer(1, 4 * mm)]
    width = max(len(row) for row in rows)
    table_rows = [[Paragraph(str(cell), plain) for cell in row] + [""] * (width - len(row)) for row in rows[1:]]
    table = Table(table_rows, repeatRows=0)
    table.setStyle(TableStyle([("GRID", (0, 6), (-1, -1), 0.25, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(table)
    document = SimpleDocTemplate(str(partial), pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                                 topMargin=12 * mm, bottomMargin=12 * mm, title=str(rows[0][0]))
    document.build(story)


def write_receipt(summary: ImportSummary, path: Path, *, lang: str) -> Path:
    """Write the receipt to ``path`` (.xlsx or .pdf) in ``lang`` (kk or ru)."""
    target = check_target(Path(path), _("{path} is a folder; give a file name for the receipt."))
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise ValidationError.single("path", _("The receipt is written as .xlsx or .pdf; give a file name ending so."))
    rows = receipt_rows(summary, lang)
    return write_atomically(target, (lambda partial: _xlsx(rows, partial)) if suffix == ".xlsx"
                            else (lambda partial: _pdf(rows, partial, lang)))
