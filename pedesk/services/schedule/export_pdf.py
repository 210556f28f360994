"""The schedule of courses (Кесте) as an A4 landscape PDF with the bundled Noto Sans embedded.

One table whose two header rows repeat on every page; "page N of M" at the foot (the document is laid
out twice: first to count its pages, then for real). Text the font cannot draw is made safe first.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.enums import TA_CENTER  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from pedesk.i18n import gettext_in
from pedesk.services.common import SANS, SANS_BOLD, SANS_ITALIC, build_pdf, legible, register_fonts
from pedesk.services.schedule.document import CohortBlock, ScheduleDocument

__all__ = ["COLUMN_WIDTHS", "MARGIN", "write_schedule_pdf"]

MARGIN = 28.0
"""Page margins in points (about 1 cm)."""
#: Column widths in points; they fill A4 landscape (842 pt) less the margins.
COLUMN_WIDTHS = (20.0, 60.0, 172.0, 58.0, 48.0, 52.0, 52.0, 58.0, 110.0, 46.0, 54.0, 56.0)
_GRID = colors.HexColor("#808080")
_HEADER_FILL = colors.HexColor("#D9D9D9")
_COHORT_FILL = colors.HexColor("#DDEBF7")


def _styles() -> dict[str, Any]:
    base = ParagraphStyle("cell", fontName=SANS, fontSize=7.5, leading=9)
    return {
        "cell": base,
        "bold": ParagraphStyle("bold", parent=base, fontName=SANS_BOLD),
        "italic": ParagraphStyle("italic", parent=base, fontName=SANS_ITALIC),
        "header": ParagraphStyle("header", parent=base, fontName=SANS_BOLD, fontSize=7, leading=8.5,
                                 alignment=TA_CENTER),
        "title": ParagraphStyle("title", fontName=SANS_BOLD, fontSize=13, leading=16, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", fontName=SANS, fontSize=10, leading=13, alignment=TA_CENTER),
    }


def _safe(text: str, font: str = SANS) -> str:
    """Text the font can draw: unknown spaces become ordinary ones, other missing glyphs "?"; XML-escaped."""
    return escape(legible(font, text))


def _cell(text: object, style: Any) -> Any:
    return Paragraph(_safe(str(text), style.fontName), style)


def _day(value: Any) -> str:
    return f"{value:%d.%m.%Y}"


def _block_rows(block: CohortBlock, doc: ScheduleDocument, styles: dict[str, Any],
                first_row: int) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    bold, cell = styles["bold"], styles["cell"]
    values = (block.number, block.code, block.programme, block.kind, block.academic_hours, _day(block.start),
              _day(block.end), block.language, block.location, block.capacity, block.enrolled, block.status)
    rows: list[list[Any]] = [[_cell(value, bold) for value in values]]
    commands: list[tuple[Any, ...]] = [("BACKGROUND", (0, first_row), (-1, first_row), _COHORT_FILL)]
    if not block.sessions:
        rows.append(["", _cell(doc.no_sessions, styles["italic"])] + [""] * 10)
        commands.append(("SPAN", (1, first_row + 1), (-1, first_row + 1)))
        return rows, commands
    for index, line in enumerate(block.sessions, start=first_row + 1):
        rows.append(["", _cell(_day(line.day), cell), _cell(line.topic, cell), _cell(line.times, cell),
                     _cell(line.academic_hours, cell), _cell(line.trainer, cell), "", _cell(line.form, cell),
                     _cell(line.room, cell), "", "", ""])
        commands += [("SPAN", (5, index), (6, index)), ("SPAN", (9, index), (11, index))]
    return rows, commands


def _table(doc: ScheduleDocument, styles: dict[str, Any]) -> Any:
    header = styles["header"]
    second: list[Any] = [""] * len(COLUMN_WIDTHS)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
        ("FONTNAME", (0, 0), (-1, -1), SANS),  # empty cells too: the default is Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 1), _HEADER_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for label, first, last in doc.session_headers:
        second[first] = _cell(label, header) if label else ""
        if last > first:
            commands.append(("SPAN", (first, 1), (last, 1)))
    rows: list[list[Any]] = [[_cell(label, header) for label in doc.cohort_headers], second]
    for block in doc.blocks:
        block_rows, block_commands = _block_rows(block, doc, styles, len(rows))
        rows += block_rows
        commands += block_commands
    return Table(rows, colWidths=list(COLUMN_WIDTHS), repeatRows=2, style=TableStyle(commands))


def _story(doc: ScheduleDocument) -> list[Any]:
    styles = _styles()
    return [
        Paragraph(_safe(doc.title, SANS_BOLD), styles["title"]),
        Paragraph(_safe(doc.office), styles["subtitle"]),
        Paragraph(_safe(doc.period), styles["subtitle"]),
        Spacer(0, 8),
        _table(doc, styles),
    ]


def _build(doc: ScheduleDocument, target: Any, pages: int) -> int:
    label = gettext_in(doc.lang, "Page {page} of {pages}")
    return build_pdf(target, _story(doc), pagesize=landscape(A4), margin=MARGIN, title=doc.title, author=doc.office,
                     lang=doc.lang, footer_size=8, page_label=lambda page: label.format(page=page, pages=pages))


def write_schedule_pdf(doc: ScheduleDocument, path: Path) -> None:
    """Lay ``doc`` out on A4 landscape pages and write it to ``path`` (the caller makes that atomic)."""
    register_fonts()
    pages = _build(doc, io.BytesIO(), 0)
    _build(doc, str(path), pages)
