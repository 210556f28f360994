"""Certificates (Appendix 4, п.29 and п.32) as PDF: one A4 page each, in Kazakh and Russian.

Everything printed comes from the layout (:mod:`~pedesk.services.certificates.layout`,
``resources/forms/certificate.json``) and the frozen snapshot of each certificate
(:func:`~pedesk.services.rules.numbering.certificate_snapshot`), so a reprint years later is the same page.
The static parts (frame, the word СЕРТИФИКАТ, labels) are drawn once per document as a form XObject and
placed on every page; ``blank_form`` leaves them out for offices that print on pre-printed forms, and
``offset_mm`` moves everything printed to match a printer (see :mod:`~pedesk.services.certificates.calibration`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence, Sized
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]

from pedesk.i18n import _, babel_locale, format_date
from pedesk.services.certificates.layout import (
    ASCENT,
    DATE_FIELDS,
    LANGS,
    SNAPSHOT_FIELDS,
    CertificateLayout,
    Element,
    block_height,
    fit_text,
    load_certificate_layout,
    text_width,
)
from pedesk.services.certificates.qr import qr_path
from pedesk.services.common import (
    SANS,
    ProgressCallback,
    ValidationError,
    check_target,
    covering_font,
    font_covers,
    legible,
    printable,
    register_fonts,
    report,
    write_atomically,
)
from pedesk.services.rules import format_code_for_print, qr_payload

__all__ = [
    "STATIC_FORM",
    "CertificatePrint",
    "canvas_for",
    "certificate_values",
    "drawable",
    "load_certificate_layout",
    "render_certificates",
    "write_certificates_pdf",
]

STATIC_FORM = "pedesk-certificate-static"
_SPACES = re.compile(r"[ \t\r\n]+")  # not the no-break spaces babel puts into dates ("2026\u202fж.")


@dataclass(frozen=True)
class CertificatePrint:
    """One certificate to print: its snapshot (dates as ISO strings) and whether it is a duplicate."""

    snapshot: Mapping[str, object]
    duplicate: bool = False  # a duplicate of a lost certificate: prints ТЕЛНҰСҚА / ДУБЛИКАТ


def _in_language(values: dict[str, str], lang: str | None) -> dict[str, str]:
    """The values for an element in ``lang``: a field without the language's suffix takes that language."""
    if lang is None:
        return values
    suffix = f"_{lang}"
    return {**values, **{key[:-len(suffix)]: value for key, value in values.items() if key.endswith(suffix)}}


def _iso_date(value: object, key: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"the certificate snapshot's {key} is not a date: {value!r}") from None


def certificate_values(snapshot: Mapping[str, object], layout: CertificateLayout) -> dict[str, str]:
    """Every field a layout's templates may name, filled from one snapshot (both languages)."""
    missing = [key for key in SNAPSHOT_FIELDS if key not in snapshot]
    if missing:
        raise ValueError(f"the certificate snapshot has no {missing[0]!r}")
    values = {key: str(snapshot[key]).strip() for key in SNAPSHOT_FIELDS}
    values["code_print"] = format_code_for_print(values["code"])
    values["qr"] = qr_payload(values["number"], values["code"])
    hours = int(str(snapshot["hours"]))
    for lang in LANGS:
        forms = layout.units[lang]
        values[f"hours_{lang}"] = forms.get(babel_locale(lang).plural_form(hours), forms["other"]).replace(
            "{n}", str(hours))
        for key in DATE_FIELDS:
            values[f"{key}_{lang}"] = _date_text(_iso_date(snapshot[key], key), layout.date_format, lang)
    return values


@lru_cache(maxsize=8192)
def _date_text(day: date, date_format: str, lang: str) -> str:
    """A date as printed (babel's formatting takes a third of a page's own work; dates repeat by cohort)."""
    return f"{day:%d.%m.%Y}" if date_format == "numeric" else format_date(day, date_format, lang)


# --- Drawing -----------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def drawable(text: str, font: str) -> tuple[str, str]:
    """``text`` and a font that draws every letter: the element's own, else the first bundled font that
    covers it, else the element's font with "?" for what none can draw."""
    text = printable(font, _SPACES.sub(" ", text).strip(" "))
    if font_covers(font, text):
        return text, font
    other = covering_font(text)
    if other is not None:
        return printable(other, text), other
    return legible(font, text), font


def draw_text(canvas: Any, element: Element, text: str, page_height: float) -> None:
    x, y, width, height = element.box
    pad = element.line_width + 1.2 * mm if element.line_width else 0.0
    text, font = drawable(text, element.font)
    inner_width, inner_height = width - 2 * pad, height - 2 * pad
    fitted = fit_text(text, font, inner_width, inner_height, element.size, element.min_size, element.max_lines,
                      element.leading, element.tracking)
    block = block_height(len(fitted.lines), fitted.size, element.leading)
    top = y + pad + {"top": 0.0, "middle": (inner_height - block) / 2, "bottom": inner_height - block}[element.valign]
    canvas.setFillColorRGB(*element.colour)
    canvas.setFont(font, fitted.size)
    for index, line in enumerate(fitted.lines if text else ()):
        # reportlab puts the letter spacing after the last letter too: leave it out when centring.
        drawn = text_width(line, font, fitted.size, element.tracking) - element.tracking
        free = inner_width - drawn
        left = x + pad + {"left": 0.0, "center": free / 2, "right": free}[element.align]
        baseline = top + ASCENT * fitted.size + index * fitted.pitch
        canvas.drawString(left, page_height - baseline, line, charSpace=element.tracking)
    if element.line_width:
        canvas.setStrokeColorRGB(*element.colour)
        canvas.setLineWidth(element.line_width)
        canvas.rect(x, page_height - y - height, width, height, stroke=1, fill=0)


def draw_qr(canvas: Any, element: Element, payload: str, page_height: float) -> None:
    """The QR code as vectors, one filled path (written directly: reportlab's path objects format every
    number, ten times slower)."""
    x, y, side, _side = element.box
    modules, path = qr_path(payload)
    canvas.saveState()
    canvas.translate(x, page_height - y)
    canvas.scale(side / modules, -side / modules)
    canvas.setFillColorRGB(*element.colour)
    canvas.addLiteral(path)
    canvas.restoreState()


def draw_line(canvas: Any, element: Element, page_height: float) -> None:
    x, y, dx, dy = element.box
    canvas.setStrokeColorRGB(*element.colour)
    canvas.setLineWidth(element.line_width)
    canvas.setDash(list(element.dash))
    if element.kind == "circle":
        canvas.circle(x + dx / 2, page_height - y - dy / 2, dx / 2, stroke=1, fill=0)
    else:
        canvas.line(x, page_height - y, x + dx, page_height - y - dy)
    canvas.setDash([])


def draw_frame(canvas: Any, element: Element, page_height: float) -> None:
    """A double rule with a band of small diamonds between, rosettes at the corners and curls inside."""
    x, y, width, height = element.box
    bottom, band = page_height - y - height, element.band
    canvas.setStrokeColorRGB(*element.colour)
    canvas.setLineWidth(2.2)
    canvas.rect(x, bottom, width, height)
    canvas.setLineWidth(0.9)
    canvas.rect(x + band, bottom + band, width - 2 * band, height - 2 * band)
    canvas.setFillColorRGB(*element.accent)
    _band_diamonds(canvas, x + band / 2, bottom + band / 2, width - band, height - band, band * 0.28)
    for sx, sy, cx, cy in ((1, 1, x, bottom), (-1, 1, x + width, bottom), (1, -1, x, bottom + height),
                           (-1, -1, x + width, bottom + height)):
        canvas.saveState()
        canvas.translate(cx, cy)
        canvas.scale(sx, sy)
        _corner(canvas, element, band)
        canvas.restoreState()


def _band_diamonds(canvas: Any, x: float, y: float, width: float, height: float, half: float) -> None:
    path = canvas.beginPath()
    for length, place in ((width, lambda t: ((x + t, y), (x + t, y + height))),
                          (height, lambda t: ((x, y + t), (x + width, y + t)))):
        count = max(2, round(length / (4.2 * half)))
        for step in range(1, count):
            for cx, cy in place(length * step / count):
                path.moveTo(cx - half, cy)
                path.lineTo(cx, cy + half * 0.8)
                path.lineTo(cx + half, cy)
                path.lineTo(cx, cy - half * 0.8)
                path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _corner(canvas: Any, element: Element, band: float) -> None:
    """One corner, drawn at the origin with the page's inside up and to the right."""
    canvas.setFillColorRGB(*element.colour)
    canvas.rect(0, 0, band, band, stroke=0, fill=1)
    canvas.setFillColorRGB(*element.accent)
    half = band / 2
    path = canvas.beginPath()
    path.moveTo(half, half * 0.3)
    path.lineTo(band - half * 0.3, half)
    path.lineTo(half, band - half * 0.3)
    path.lineTo(half * 0.3, half)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.setStrokeColorRGB(*element.accent)
    canvas.setLineWidth(1.0)
    canvas.setLineCap(1)
    start = band + 2.2 * mm
    curls = canvas.beginPath()
    for flip in (False, True):  # a ram's horn (қошқар мүйіз) each way along the corner's diagonal
        points = [(start, start), (start + 4 * mm, start + 5.5 * mm), (start + 12 * mm, start + 3.5 * mm),
                  (start + 11 * mm, start + 0.4 * mm), (start + 10 * mm, start - 2 * mm),
                  (start + 6 * mm, start - 1.2 * mm), (start + 7 * mm, start + 1.2 * mm)]
        if flip:
            points = [(b, a) for a, b in points]
        curls.moveTo(*points[0])
        curls.curveTo(*points[1], *points[2], *points[3])
        curls.curveTo(*points[4], *points[5], *points[6])
    curls.moveTo(band, band)
    curls.lineTo(start, start)
    canvas.drawPath(curls, stroke=1, fill=0)


def _draw_element(canvas: Any, element: Element, values: Mapping[str, str] | None, page_height: float) -> None:
    if element.kind == "frame":
        draw_frame(canvas, element, page_height)
    elif element.kind in ("line", "circle"):
        draw_line(canvas, element, page_height)
    elif element.kind == "qr":
        draw_qr(canvas, element, element.template.format_map(values or {}), page_height)
    else:
        text = element.template.format_map(values or {})  # a static text has no fields, only {{ and }}
        draw_text(canvas, element, text, page_height)


# --- Documents ---------------------------------------------------------------------------------------


def canvas_for(target: Path | BinaryIO, layout: CertificateLayout) -> Any:
    canvas = Canvas(str(target) if isinstance(target, Path) else target, pagesize=layout.page_size,
                    pageCompression=1,
                    initialFontName=SANS)  # type: ignore[arg-type, unused-ignore] # else pages name Helvetica
    canvas.setTitle(layout.title)
    canvas.setCreator("pedesk")
    return canvas


def _define_static(canvas: Any, layout: CertificateLayout) -> None:
    """Draw the static elements once, as a form XObject placed on every page (a tenth of the work)."""
    width, height = layout.page_size
    canvas.beginForm(STATIC_FORM, 0, 0, width, height)
    for element in layout.elements:
        if element.static:
            _draw_element(canvas, element, None, height)
    canvas.endForm()


def _draw_page(canvas: Any, layout: CertificateLayout, item: CertificatePrint, offset: tuple[float, float],
               blank_form: bool) -> None:
    values = certificate_values(item.snapshot, layout)
    by_language = {lang: _in_language(values, lang) for lang in (None, *LANGS)}
    canvas.saveState()
    canvas.translate(offset[0] * mm, -offset[1] * mm)
    if not blank_form:
        canvas.doForm(STATIC_FORM)
    for element in layout.elements:
        if element.static or (element.when == "duplicate" and not item.duplicate):
            continue
        _draw_element(canvas, element, by_language[element.lang], layout.page_size[1])
    canvas.restoreState()


def render_certificates(items: Iterable[CertificatePrint], target: Path | BinaryIO, *, total: int | None = None,
                        offset_mm: tuple[float, float] = (0.0, 0.0), blank_form: bool = False,
                        layout: CertificateLayout | None = None, progress: ProgressCallback | None = None) -> int:
    """Draw one page per certificate into ``target`` and return the number of pages.

    ``offset_mm`` = (dx, dy) moves everything printed dx mm right and dy mm down (the printer's
    calibration); ``blank_form`` prints only what changes from certificate to certificate. ``progress``
    is called with (done, total, "") after each page; ``Cancelled`` raised from it stops the work before
    anything is written. ``total`` defaults to ``len(items)`` when ``items`` has a length.
    """
    layout = layout or load_certificate_layout()
    register_fonts()
    count = total if total is not None else len(items) if isinstance(items, Sized) else 0
    canvas = canvas_for(target, layout)
    if not blank_form:
        _define_static(canvas, layout)
    report(progress, 0, count)
    pages = 0
    for item in items:
        _draw_page(canvas, layout, item, offset_mm, blank_form)
        canvas.showPage()
        pages += 1
        report(progress, pages, max(count, pages))
    if not pages:
        raise ValidationError.single("certificates", _("There is no certificate to print."))
    canvas.save()
    return pages


def write_certificates_pdf(path: Path, items: Sequence[CertificatePrint], *,
                           offset_mm: tuple[float, float] = (0.0, 0.0), blank_form: bool = False,
                           layout: CertificateLayout | None = None, progress: ProgressCallback | None = None) -> Path:
    """:func:`render_certificates` into ``path``, written under a temporary name and renamed into place."""
    target = check_target(path, _("{path} is a folder; give a file name for the certificates."))
    layout = layout or load_certificate_layout()

    def write(partial: Path) -> None:
        render_certificates(items, partial, total=len(items), offset_mm=offset_mm, blank_form=blank_form,
                            layout=layout, progress=progress)

    return write_atomically(target, write)
