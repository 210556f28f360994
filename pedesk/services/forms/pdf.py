"""The interpreter of form layouts: each block of a layout becomes reportlab platypus flowables.

Blocks (every block may carry ``space_before_mm``, ``space_after_mm``, ``size``, ``bold``, ``italic``,
``align`` ("left", "center", "right", "justify"), ``box`` (``{"width_mm": 90, "align": "right"}``: the
block is drawn in a column of that width, at that side of the page), ``keep_with_next`` (not left alone
at the foot of a page), ``lang`` (drawn only in that document language) and ``when`` (a field name, or a
list: drawn only when one of them is not empty)):

``text``
    a paragraph: ``text`` (a value, see :mod:`~pedesk.services.forms.layout`), ``indent_mm`` (first
    line), ``underline_values`` (default true); an empty field prints as a "____" run to write on
``spacer``
    ``height_mm``
``lines``
    captioned lines, as in the addressee corner and the signature rows of official forms: ``widths``
    (relative column widths) and ``rows``; a row is a list of cells, or ``{"cells": [...], "lang": ...,
    "when": ...}``; a cell is ``{"text": ...}`` (a label) or ``{"value": ..., "caption": ..., "align": ...}``
    (written on a ruled line with a small caption under it); ``gap_mm`` between rows, ``caption_size``
``fields``
    a two-column table of labels and values: ``rows`` of ``{"label", "value", "when", "lang"}``,
    ``label_width`` (a fraction of the width), ``grid`` (default true), ``label_bold``, ``value_bold``,
    ``min_height_mm`` (the height left for writing by hand when a value is empty)
``table``
    one row per item of a list: ``source`` (the list's name), ``columns`` of ``{"header", "value",
    "width", "align"}``, ``size`` and ``header_size``, ``numbered`` (adds a № column: ``number_header``,
    ``number_width``), ``blank_rows`` (rows to fill by hand on a blank form, or when the list is empty
    and there is no ``empty`` text), ``blank_row_height_mm``, ``empty`` (the text of an empty list),
    ``date_format``; the header row repeats on every page

Text that the font cannot draw is made safe first; long text wraps inside its cell or column.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib.enums import (  # type: ignore[import-untyped, unused-ignore]
    TA_CENTER,
    TA_JUSTIFY,
    TA_LEFT,
    TA_RIGHT,
)
from reportlab.lib.pagesizes import A4, A5, landscape, portrait  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
)

from pedesk.services.common import FAMILIES, legible, printable, register_fonts
from pedesk.services.forms.layout import Filler, FormData, Layout, LayoutError, Segment, localised, plain
from pedesk.services.forms.tables import fields_table, lines_table, list_table

__all__ = ["write_form_pdf"]

_ALIGN: dict[str, Literal[0, 1, 2, 4]] = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT,
                                          "justify": TA_JUSTIFY}
_SIZES = {"A4": A4, "A5": A5}


def _safe(text: str, font: str) -> str:
    """Text the font can draw (unknown spaces made ordinary, other missing glyphs "?"), XML-escaped."""
    return escape(legible(font, text))


class _RuledParagraph(Paragraph):
    """Text written on ruled lines, as on a paper form: a rule under each of its lines, across the width."""

    def draw(self) -> None:
        super().draw()
        size = float(self.style.fontSize)
        leading = float(self.style.leading)
        laid_out = getattr(self, "blPara", None)  # set by wrap()
        lines = len(getattr(laid_out, "lines", ())) or 1
        baseline = float(self.height) - float(getattr(laid_out, "ascent", size))
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(0.6)
        for index in range(lines):
            y = baseline - index * leading - 0.22 * size  # just under the descenders, clear of the next line
            canvas.line(0, y, float(self.width), y)
        canvas.restoreState()


class _Renderer:
    """Turns one layout, filled in one language, into a list of flowables (the story)."""

    def __init__(self, layout: Layout, data: FormData, lang: str) -> None:
        self.layout = layout
        self.data = data
        self.lang = lang
        font = layout.section("font")
        family = font.get("family", "serif")
        if family not in FAMILIES:
            raise LayoutError(f"font: family must be one of {', '.join(FAMILIES)}")
        self.fonts = FAMILIES[family]
        self.size = layout.number(font, "size", 12, "font")
        self.leading = layout.number(font, "leading", 1.25, "font")
        self.filler = Filler(layout, lang, data.values, layout.date_format({}, "layout"))
        self.page_size, self.margins = _page(layout)
        self.width = self.page_size[0] - self.margins[1] - self.margins[3]

    # --- styles ---------------------------------------------------------------------------------------

    def font(self, spec: dict[str, Any], bold: bool = False) -> str:
        normal, bold_font, italic = self.fonts
        if spec.get("bold", bold):
            return bold_font
        return italic if spec.get("italic") else normal

    def style(self, spec: dict[str, Any], where: str, *, size: float | None = None, bold: bool = False,
              align: str = "left") -> Any:
        size = self.layout.number(spec, "size", size or self.size, where)
        alignment = spec.get("align", align)
        if alignment not in _ALIGN:
            raise LayoutError(f"{where}: align must be one of {', '.join(_ALIGN)}")
        return ParagraphStyle(
            where, fontName=self.font(spec, bold), fontSize=size, leading=size * self.leading,
            alignment=_ALIGN[alignment], firstLineIndent=self.layout.number(spec, "indent_mm", 0, where) * mm,
        )

    def paragraph(self, segments: Sequence[Segment], style: Any, underline: bool = False,
                  ruled: bool = False) -> Any:
        """A Paragraph of filled text; values underlined (``underline``) or every line ruled (``ruled``)."""
        parts = []
        for text, is_value in segments:
            safe = _safe(text.replace("\r\n", "\n"), style.fontName).replace("\n", "<br/>")  # keeps its lines
            parts.append(f"<u>{safe}</u>" if is_value and underline else safe)
        return (_RuledParagraph if ruled else Paragraph)("".join(parts) or "\u00a0", style)

    def text(self, spec: object, where: str) -> str:
        return localised(spec, self.lang, where)

    # --- blocks ---------------------------------------------------------------------------------------

    def story(self) -> list[Any]:
        story: list[Any] = []
        keep = False  # the previous block keeps with this one (a heading with its table)
        for number, spec in enumerate(self.layout.blocks, start=1):
            where = f"block {number} ({spec['type']})"
            if not self.filler.shown(spec, where):
                continue
            draw: Callable[[dict[str, Any], str, float], list[Any]] = getattr(self, f"block_{spec['type']}")
            width, side = self.box(spec, where)
            flowables = draw(spec, where, width)
            for flowable in flowables:
                flowable.hAlign = side  # a table narrower than the page keeps to its side
            if spec["type"] == "lines":  # a signature row or an addressee is not split across pages
                flowables = [KeepTogether(flowables)]
            before = self.layout.number(spec, "space_before_mm", 0, where) * mm
            after = self.layout.number(spec, "space_after_mm", 0, where) * mm
            head = [Spacer(0, before)] if before else []
            tail = [Spacer(0, after)] if after else []
            for flowable in head if keep else []:
                flowable.keepWithNext = True
            keep = bool(spec.get("keep_with_next", False))
            for flowable in flowables + tail if keep else []:
                flowable.keepWithNext = True
            story += head + flowables + tail
        return story

    def box(self, spec: dict[str, Any], where: str) -> tuple[float, str]:
        """The width a block is drawn in and its side of the page (``box``; the whole width without)."""
        box = spec.get("box")
        if not box:
            return self.width, "CENTER"
        if not isinstance(box, dict):
            raise LayoutError(f"{where}: box must be an object with width_mm and align")
        side = str(box.get("align", "right")).upper()
        if side not in ("LEFT", "CENTER", "RIGHT"):
            raise LayoutError(f"{where}: box align must be left, center or right")
        return min(self.layout.number(box, "width_mm", 0, where) * mm or self.width, self.width), side

    def indents(self, width: float, side: str) -> tuple[float, float]:
        """Left and right indents that put a paragraph of ``width`` at ``side`` of the page."""
        free = self.width - width
        return {"LEFT": (0.0, free), "CENTER": (free / 2, free / 2), "RIGHT": (free, 0.0)}[side]

    def block_spacer(self, spec: dict[str, Any], where: str, width: float) -> list[Any]:
        return [Spacer(0, self.layout.number(spec, "height_mm", 5, where) * mm)]

    def block_text(self, spec: dict[str, Any], where: str, width: float) -> list[Any]:
        if "text" not in spec:
            raise LayoutError(f"{where}: text is missing")
        segments = self.filler.value(spec["text"], where)
        style = self.style(spec, where)
        style.leftIndent, style.rightIndent = self.indents(width, self.box(spec, where)[1])
        return [self.paragraph(segments, style, spec.get("underline_values", True))]

    def block_lines(self, spec: dict[str, Any], where: str, width: float) -> list[Any]:
        return [lines_table(self, spec, where, width)]

    def block_fields(self, spec: dict[str, Any], where: str, width: float) -> list[Any]:
        return [fields_table(self, spec, where, width)]

    def block_table(self, spec: dict[str, Any], where: str, width: float) -> list[Any]:
        return [list_table(self, spec, where, width)]


def _page(layout: Layout) -> tuple[tuple[float, float], tuple[float, float, float, float]]:
    page = layout.section("page")
    size = _SIZES.get(str(page.get("size", "A4")))
    orientation = page.get("orientation", "portrait")
    if size is None or orientation not in ("portrait", "landscape"):
        raise LayoutError(f"page: size must be one of {', '.join(_SIZES)}; orientation portrait or landscape")
    margins = _object_or_empty(page.get("margins_mm"))
    top, right, bottom, left = (layout.number(margins, side, 20, "page margins_mm") * mm
                                for side in ("top", "right", "bottom", "left"))
    oriented = landscape(size) if orientation == "landscape" else portrait(size)
    return (float(oriented[0]), float(oriented[1])), (top, right, bottom, left)


def _object_or_empty(raw: object) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise LayoutError("page: margins_mm must be an object with top, right, bottom and left")
    return raw


def _footer(renderer: _Renderer, pages: int) -> Callable[[Any, Any], None]:
    spec = renderer.layout.raw.get("page_numbers")

    def draw(canvas: Any, template: Any) -> None:
        if spec is None:
            return
        label = renderer.text(spec, "page_numbers")
        text = label.replace("{page}", str(canvas.getPageNumber())).replace("{pages}", str(pages))
        canvas.saveState()
        canvas.setFont(renderer.fonts[0], 8)
        canvas.drawRightString(template.pagesize[0] - renderer.margins[1], renderer.margins[2] / 2,
                               printable(renderer.fonts[0], text))
        canvas.restoreState()

    return draw


def _build(renderer: _Renderer, target: Any, pages: int) -> int:
    top, right, bottom, left = renderer.margins
    width, height = renderer.page_size
    title = plain(renderer.filler.value(renderer.layout.raw.get("title", ""), "title", blank=""))
    template = BaseDocTemplate(
        target, pagesize=renderer.page_size, leftMargin=left, rightMargin=right, topMargin=top,
        bottomMargin=bottom, title=title, creator="pedesk", lang=renderer.lang,
        initialFontName=renderer.fonts[0],  # else every page names Helvetica, a font that is not embedded
    )
    # No frame padding: the layout's margins are where the text starts, and blocks fill the width.
    frame = Frame(left, bottom, width - left - right, height - top - bottom, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="body")
    template.addPageTemplates([PageTemplate(id="form", frames=[frame], onPage=_footer(renderer, pages))])
    template.build(renderer.story())
    return int(template.page)


def write_form_pdf(layout: Layout, data: FormData, lang: str, path: Path) -> None:
    """Lay the filled ``layout`` out and write the PDF to ``path`` (the caller makes that atomic)."""
    register_fonts()
    renderer = _Renderer(layout, data, lang)
    pages = _build(renderer, io.BytesIO(), 0) if "page_numbers" in layout.raw else 0
    _build(renderer, str(path), pages)
