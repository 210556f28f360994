"""The printer calibration page for certificates on pre-printed blank forms: millimetre rulers, crosshairs
at known distances from the corners and the outline of every element of the certificate layout, with the
instruction in Kazakh and Russian. Printed with the same ``offset_mm`` as certificates, so a second print
shows whether the offsets are right.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]

from pedesk.services.certificates.layout import LANGS, CertificateLayout, Element, load_certificate_layout
from pedesk.services.certificates.pdf import canvas_for, draw_text
from pedesk.services.common import SANS, register_fonts

__all__ = ["render_calibration_page"]


def render_calibration_page(target: Path | BinaryIO, *, offset_mm: tuple[float, float] = (0.0, 0.0),
                            layout: CertificateLayout | None = None) -> None:
    """A page to calibrate a printer on blank forms: rulers, crosshairs and every element's box, with the
    instruction in Kazakh and Russian, all moved by ``offset_mm`` as certificates would be."""
    layout = layout or load_certificate_layout()
    register_fonts()
    canvas = canvas_for(target, layout)
    canvas.saveState()
    canvas.translate(offset_mm[0] * mm, -offset_mm[1] * mm)
    _draw_calibration(canvas, layout)
    canvas.restoreState()
    canvas.showPage()
    canvas.save()


# --- Calibration page --------------------------------------------------------------------------------

_GUIDE = (0.1, 0.35, 0.75)
_PREPRINTED = (0.55, 0.55, 0.55)
_CROSSES_MM = (20.0, 50.0)


def _draw_calibration(canvas: Any, layout: CertificateLayout) -> None:
    """Every element's box (blue: printed on a blank form; grey: pre-printed), rulers and crosshairs."""
    width, height = layout.page_size
    canvas.setLineWidth(0.3)
    canvas.setFont(SANS, 5.5)
    for element in layout.elements:
        colour = _PREPRINTED if element.static else _GUIDE
        canvas.setStrokeColorRGB(*colour)
        canvas.setFillColorRGB(*colour)
        canvas.setDash([0.6, 1.2] if element.static else [2, 1.2])
        x, y, dx, dy = element.box
        if element.kind == "line":
            canvas.line(x, height - y, x + dx, height - y - dy)
        else:
            canvas.rect(x, height - y - dy, dx, dy, stroke=1, fill=0)
        canvas.drawString(x + 0.8, height - y - 5.5, element.name)
    canvas.setDash([])
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setFillColorRGB(0, 0, 0)
    _rulers(canvas, width, height)
    for distance in _CROSSES_MM:
        for from_x, from_y in ((distance, distance), (width / mm - distance, distance),
                               (distance, height / mm - distance), (width / mm - distance, height / mm - distance)):
            _crosshair(canvas, from_x, from_y, layout.page_size)
    _instruction(canvas, layout)


def _rulers(canvas: Any, width: float, height: float) -> None:
    """Millimetre scales along the top and the left edge, on a line 5 mm in (a printer leaves the very edge
    blank); the numbers are millimetres from the page's left or top edge."""
    edge = 5 * mm
    canvas.setLineWidth(0.25)
    canvas.setFont(SANS, 5)
    path = canvas.beginPath()
    path.moveTo(10 * mm, height - edge)
    path.lineTo(width, height - edge)
    path.moveTo(edge, height - 10 * mm)
    path.lineTo(edge, 0)
    for position in range(10, int(max(width, height) / mm) + 1):
        length = (4 if position % 10 == 0 else 2.5 if position % 5 == 0 else 1.5) * mm
        if position * mm <= width:
            path.moveTo(position * mm, height - edge)
            path.lineTo(position * mm, height - edge - length)
        if position * mm <= height:
            path.moveTo(edge, height - position * mm)
            path.lineTo(edge + length, height - position * mm)
        if position % 10 == 0 and position * mm <= width:
            canvas.drawCentredString(position * mm, height - edge - 6.3 * mm, str(position))
        if position % 10 == 0 and position * mm <= height:
            canvas.drawString(edge + 4.6 * mm, height - position * mm - 1.7, str(position))
    canvas.drawPath(path, stroke=1, fill=0)


def _crosshair(canvas: Any, x_mm: float, y_mm: float, page: tuple[float, float]) -> None:
    """A cross at (x_mm, y_mm) from the left and top edges, labelled with those distances."""
    x, y = x_mm * mm, page[1] - y_mm * mm
    canvas.setLineWidth(0.35)
    canvas.line(x - 6 * mm, y, x + 6 * mm, y)
    canvas.line(x, y - 6 * mm, x, y + 6 * mm)
    canvas.circle(x, y, 2.5 * mm, stroke=1, fill=0)
    canvas.setFont(SANS, 6.5)
    label = f"X {x_mm:g} · Y {y_mm:g} мм"
    right = x > page[0] / 2
    (canvas.drawRightString if right else canvas.drawString)(x + (-3.2 if right else 3.2) * mm, y - 4.8 * mm, label)


def _instruction(canvas: Any, layout: CertificateLayout) -> None:
    """The instruction (kk, then ru) in a pale box in the middle of the page, over the element boxes."""
    width, height = layout.page_size
    box = (60 * mm, height / 2 - 22 * mm, width - 120 * mm, 44 * mm)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFillAlpha(0.9)
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.6)
    canvas.rect(box[0] - 3 * mm, box[1] - 3 * mm, box[2] + 6 * mm, box[3] + 6 * mm, stroke=1, fill=1)
    canvas.restoreState()
    for index, lang in enumerate(LANGS):
        element = Element(name=f"instruction_{lang}", kind="text", static=True, when=None,
                          box=(box[0], height - box[1] - box[3] + index * box[3] / 2, box[2], box[3] / 2 - 1 * mm),
                          font=SANS, size=8, min_size=5, max_lines=8, valign="top", leading=1.25)
        draw_text(canvas, element, layout.instruction.get(lang, ""), height)
