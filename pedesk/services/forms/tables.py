"""The tabular blocks of a form layout: captioned ``lines``, label/value ``fields`` and list ``table``s.

Each is one reportlab ``Table`` whose cells hold Paragraphs, so long text wraps inside its cell instead
of running off the page. See :mod:`~pedesk.services.forms.pdf` for the keys of each block.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Spacer, Table, TableStyle  # type: ignore[import-untyped, unused-ignore]

from pedesk.services.forms.layout import Filler, FormData, Layout, LayoutError, Segment, plain

__all__ = ["Renderer", "fields_table", "lines_table", "list_table"]

_RULE = colors.black
_FONT_KEYS = ("size", "bold", "italic")


class Renderer(Protocol):
    """What the tables need from the layout interpreter."""

    layout: Layout
    data: FormData
    filler: Filler
    fonts: tuple[str, str, str]
    size: float

    def style(self, spec: dict[str, Any], where: str, *, size: float | None = None, bold: bool = False,
              align: str = "left") -> Any: ...

    def paragraph(self, segments: Sequence[Segment], style: Any, underline: bool = False,
                  ruled: bool = False) -> Any: ...

    def text(self, spec: object, where: str) -> str: ...


def _font_of(spec: dict[str, Any]) -> dict[str, Any]:
    return {key: spec[key] for key in _FONT_KEYS if key in spec}


def _widths(layout: Layout, weights: object, width: float, where: str) -> list[float]:
    """Relative column widths scaled to ``width``."""
    if not isinstance(weights, list) or not weights:
        raise LayoutError(f"{where}: widths must be a non-empty list of numbers")
    numbers = [layout.number({"width": weight}, "width", 1, where) for weight in weights]
    total = sum(numbers)
    if total <= 0:
        raise LayoutError(f"{where}: widths must not all be 0")
    return [width * number / total for number in numbers]


def _grid(r: Renderer, padding: float = 3) -> list[tuple[Any, ...]]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), r.fonts[0]),  # empty cells too: the default is Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding * 0.7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]


# --- lines: values on ruled lines with small captions under them -------------------------------------------


def _row_cells(row: object, where: str) -> tuple[list[Any], dict[str, Any]]:
    if isinstance(row, list):
        return row, {}
    if isinstance(row, dict) and isinstance(row.get("cells"), list):
        return row["cells"], row
    raise LayoutError(f"{where}: a row must be a list of cells or an object with cells")


def _line_row(r: Renderer, spec: dict[str, Any], cells: list[Any], where: str,
              caption_size: float) -> tuple[list[Any], list[Any] | None]:
    values: list[Any] = []
    captions: list[Any] = []
    for column, cell in enumerate(cells):
        here = f"{where} cell {column + 1}"
        if not isinstance(cell, dict) or not ("value" in cell or "text" in cell):
            raise LayoutError(f"{here}: a cell needs a text or a value")
        kind = "value" if "value" in cell else "text"
        style = r.style({**_font_of(spec), **cell}, here, align="center" if kind == "value" else "left")
        segments = r.filler.value(cell[kind], here, blank="")
        values.append(r.paragraph(segments, style, ruled=kind == "value"))
        caption = cell.get("caption")
        if caption is not None:
            caption_style = r.style({"size": caption_size, "align": cell.get("caption_align", "center")}, here)
            captions.append(r.paragraph([(r.text(caption, here), False)], caption_style))
        else:
            captions.append("")
    has_captions = any(caption != "" for caption in captions)
    return values, captions if has_captions else None


def lines_table(r: Renderer, spec: dict[str, Any], where: str, width: float) -> Any:
    columns = _widths(r.layout, spec.get("widths", [1]), width, where)
    rows = spec.get("rows")
    if not isinstance(rows, list):
        raise LayoutError(f"{where}: rows must be a list")
    caption_size = r.layout.number(spec, "caption_size", round(r.size * 0.7, 1), where)
    gap = r.layout.number(spec, "gap_mm", 2, where) * mm
    data: list[list[Any]] = []
    commands = _grid(r, 1.5)
    for number, row in enumerate(rows, start=1):
        here = f"{where} row {number}"
        cells, options = _row_cells(row, here)
        if not r.filler.shown(options, here):
            continue
        if not cells or len(cells) > len(columns):
            raise LayoutError(f"{here}: 1 to {len(columns)} cells (one per width)")
        values, captions = _line_row(r, spec, cells, here, caption_size)
        padding = [""] * (len(columns) - len(cells))
        spans = [("SPAN", (len(cells) - 1, len(data)), (-1, len(data)))] if padding else []
        commands += spans + [("VALIGN", (0, len(data)), (-1, len(data)), "BOTTOM"),
                                             ("TOPPADDING", (0, len(data)), (-1, len(data)), gap if data else 0)]
        data.append(values + padding)
        if captions is not None:
            commands += [("SPAN", (len(cells) - 1, len(data)), (-1, len(data)))] if padding else []
            commands += [("TOPPADDING", (0, len(data)), (-1, len(data)), 0.5),
                         ("BOTTOMPADDING", (0, len(data)), (-1, len(data)), 0)]
            data.append(captions + padding)
    if not data:
        return Spacer(0, 0)
    return Table(data, colWidths=columns, style=TableStyle(commands))


# --- fields: a label and a value per row ------------------------------------------------------------------


def fields_table(r: Renderer, spec: dict[str, Any], where: str, width: float) -> Any:
    rows = spec.get("rows")
    if not isinstance(rows, list):
        raise LayoutError(f"{where}: rows must be a list")
    share = r.layout.number(spec, "label_width", 0.4, where)
    if not 0 < share < 1:
        raise LayoutError(f"{where}: label_width must be a fraction between 0 and 1")
    font = _font_of(spec)
    label_style = r.style({**font, "bold": spec.get("label_bold", False)}, f"{where} label")
    value_style = r.style({**font, "bold": spec.get("value_bold", False)}, f"{where} value")
    min_height = r.layout.number(spec, "min_height_mm", 0, where) * mm
    data: list[list[Any]] = []
    for number, row in enumerate(rows, start=1):
        here = f"{where} row {number}"
        if not isinstance(row, dict) or "label" not in row or "value" not in row:
            raise LayoutError(f"{here}: a row needs a label and a value")
        if not r.filler.shown(row, here):
            continue
        label = r.paragraph([(r.text(row["label"], here), False)], label_style)
        segments = r.filler.value(row["value"], here, blank="")
        empty = not plain(segments).strip()
        value = Spacer(0, min_height) if empty and min_height else r.paragraph(segments, value_style)
        data.append([label, value])
    if not data:
        return Spacer(0, 0)
    commands = _grid(r)
    if spec.get("grid", True):
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, _RULE))
    else:  # without a grid the labels start at the margin, under the text above them
        commands.append(("LEFTPADDING", (0, 0), (0, -1), 0))
    # splitInRow: a value longer than a page (additional information, say) continues on the next one
    return Table(data, colWidths=[width * share, width * (1 - share)], style=TableStyle(commands), splitInRow=1)


# --- table: one row per item of a list --------------------------------------------------------------------


def _columns(spec: dict[str, Any], where: str) -> list[dict[str, Any]]:
    columns = spec.get("columns")
    if not isinstance(columns, list) or not columns:
        raise LayoutError(f"{where}: columns must be a non-empty list")
    for number, column in enumerate(columns, start=1):
        if not isinstance(column, dict) or "header" not in column or "value" not in column:
            raise LayoutError(f"{where} column {number}: a column needs a header and a value")
    return columns


def _body(r: Renderer, spec: dict[str, Any], columns: list[dict[str, Any]], where: str,
          size: float) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    items = r.data.tables.get(str(spec.get("source")))
    if items is None:
        raise LayoutError(f"{where}: source must be one of {', '.join(r.data.tables) or '(none)'}")
    numbered = bool(spec.get("numbered", True))
    span = len(columns) + numbered
    if items:
        date_format = r.layout.date_format(spec, where)
        number_style = r.style({"size": size, "align": "center"}, where)
        rows = []
        for number, item in enumerate(items, start=1):
            filler = r.filler.with_values(item, date_format)
            cells = [r.paragraph(filler.value(column["value"], f"{where} column {index}", blank=""),
                                 r.style({"size": size, "align": column.get("align", "left")}, where))
                     for index, column in enumerate(columns, start=1)]
            rows.append(([r.paragraph([(str(number), False)], number_style)] if numbered else []) + cells)
        return rows, []
    if "empty" in spec and not r.data.blank:
        text = r.paragraph([(r.text(spec["empty"], where), False)], r.style({"size": size, "italic": True}, where))
        return [[text] + [""] * (span - 1)], [("SPAN", (0, 1), (-1, 1))]
    height = r.layout.number(spec, "blank_row_height_mm", 8, where) * mm
    count = int(r.layout.number(spec, "blank_rows", 3, where))
    return [[Spacer(0, height)] + [""] * (span - 1) for _row in range(count)], []


def list_table(r: Renderer, spec: dict[str, Any], where: str, width: float) -> Any:
    columns = _columns(spec, where)
    numbered = bool(spec.get("numbered", True))
    size = r.layout.number(spec, "size", r.size - 1, where)
    header_size = r.layout.number(spec, "header_size", size, where)
    header_style = r.style({"size": header_size, "bold": True, "align": "center"}, f"{where} header")
    headers = ([spec.get("number_header", "№")] if numbered else []) + [column["header"] for column in columns]
    weights = ([spec.get("number_width", 0.6)] if numbered else []) + [column.get("width", 1) for column in columns]
    header = [r.paragraph([(r.text(label, where), False)], header_style) for label in headers]
    body, commands = _body(r, spec, columns, where, size)
    style = _grid(r) + [("GRID", (0, 0), (-1, -1), 0.5, _RULE), ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
    return Table([header] + body, colWidths=_widths(r.layout, weights, width, where), repeatRows=1,
                 style=TableStyle(style + commands), splitInRow=1)
