"""The certificate's layout as data (``resources/forms/certificate.json``) and the shrink-to-fit of its text.

The layout is one JSON object, checked on load so that an office that edits it by hand learns which
element and which key is wrong (:class:`~pedesk.services.forms.layout.LayoutError`, in English):

``page``
    ``{"size": "A4", "orientation": "landscape" | "portrait"}``
``title``
    the PDF's title (metadata)
``date_format``
    ``"long"`` ("2026 ж. 20 қараша", "20 ноября 2026"), ``"medium"`` or ``"numeric"`` (20.11.2026)
``units``
    ``{"hours": {"kk": {"other": "{n} академиялық сағат"}, "ru": {"one": ..., "few": ..., "many": ...}}}``,
    the counted words by babel's plural category
``calibration``
    ``{"instruction": {"kk": ..., "ru": ...}}``: the instruction printed on the calibration page
``elements``
    what is drawn; every element has a unique ``name``, a ``type`` and may be ``static`` (pre-printed on
    a blank form: the frame, the word СЕРТИФИКАТ, the labels; left out with ``blank_form``) or printed
    only ``"when": "duplicate"``. Positions are millimetres from the top left corner of the page.

    ``text``: ``x_mm``, ``y_mm``, ``width_mm``, ``height_mm`` and/or ``max_lines``, ``text`` (a template
    with ``{fields}``), ``lang`` (``kk``/``ru``: which language ``{programme}``, ``{hours}``, ``{issued}``
    ... are filled in), ``font`` (``serif``/``sans``), ``bold``, ``italic``, ``size``, ``min_size``
    (points), ``leading`` (a multiple of the size), ``align`` (left/center/right), ``valign``
    (top/middle/bottom), ``colour`` (``#RRGGBB``), ``tracking`` (extra points between letters),
    ``border_pt`` (a frame round the box, as for the duplicate mark).
    ``qr``: ``x_mm``, ``y_mm``, ``size_mm``, ``text``, ``colour``.
    ``line``: ``x_mm``, ``y_mm``, ``x2_mm``, ``y2_mm``, ``width_pt``, ``colour``, ``dash`` (points).
    ``circle``: ``x_mm``, ``y_mm`` (the centre), ``radius_mm``, ``width_pt``, ``colour``, ``dash``.
    ``frame``: ``inset_mm`` (from the page edge), ``band_mm``, ``colour``, ``accent``: the border.

The fields are the keys of :func:`~pedesk.services.rules.numbering.certificate_snapshot`, ``code_print``
(XXXXX-XXXXX), ``qr`` (the QR text) and, for kk and ru, ``hours_kk``, ``course_start_kk``,
``course_end_kk``, ``issued_kk``, ``valid_until_kk`` ...; in an element with a ``lang`` a field without
the suffix takes that language (``{programme}`` is ``{programme_kk}`` in a ``"lang": "kk"`` element).
"""

from __future__ import annotations

import inspect
import json
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, A5, landscape, portrait  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]

from pedesk.services.certificates.fit import ASCENT, DESCENT, Fitted, block_height, fit_text, text_width
from pedesk.services.common import FAMILIES, SANS
from pedesk.services.forms import LayoutError, layout_path
from pedesk.services.rules import certificate_snapshot

__all__ = [
    "ASCENT",
    "DATE_FIELDS",
    "DESCENT",
    "FIELDS",
    "LANGS",
    "SNAPSHOT_FIELDS",
    "CertificateLayout",
    "Element",
    "Fitted",
    "block_height",
    "fit_text",
    "load_certificate_layout",
    "parse_layout",
    "text_width",
]

LANGS = ("kk", "ru")
SNAPSHOT_FIELDS: tuple[str, ...] = tuple(inspect.signature(certificate_snapshot).parameters)
LOCALISED_FIELDS = ("hours", "course_start", "course_end", "issued", "valid_until")
DATE_FIELDS = ("course_start", "course_end", "issued", "valid_until")
FIELDS: frozenset[str] = frozenset(
    SNAPSHOT_FIELDS + ("code_print", "qr") + tuple(f"{name}_{lang}" for name in LOCALISED_FIELDS for lang in LANGS)
)
"""Every field a template may name (besides the language-less forms in an element with ``lang``)."""

_SIZES = {"A4": A4, "A5": A5}
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_COMMON = {"name", "type", "static", "when", "description"}
_KEYS = {
    "text": _COMMON | {"x_mm", "y_mm", "width_mm", "height_mm", "max_lines", "text", "lang", "font", "bold",
                       "italic", "size", "min_size", "leading", "align", "valign", "colour", "tracking",
                       "border_pt"},
    "qr": _COMMON | {"x_mm", "y_mm", "size_mm", "text", "colour"},
    "line": _COMMON | {"x_mm", "y_mm", "x2_mm", "y2_mm", "width_pt", "colour", "dash"},
    "circle": _COMMON | {"x_mm", "y_mm", "radius_mm", "width_pt", "colour", "dash"},
    "frame": _COMMON | {"inset_mm", "band_mm", "colour", "accent"},
}
_ALIGN = ("left", "center", "right")
_VALIGN = ("top", "middle", "bottom")


@dataclass(frozen=True)
class Element:
    """One thing drawn on the certificate, in points, with y measured down from the top of the page.

    ``box`` is ``(x, y, width, height)``; what else applies depends on ``kind`` (see the module's text).
    """

    name: str
    kind: str
    static: bool
    when: str | None
    box: tuple[float, float, float, float]
    template: str = ""
    lang: str | None = None
    font: str = SANS
    size: float = 10.0
    min_size: float = 10.0
    leading: float = 1.2
    max_lines: int = 1
    align: str = "left"
    valign: str = "middle"
    colour: tuple[float, float, float] = (0.0, 0.0, 0.0)
    accent: tuple[float, float, float] = (0.0, 0.0, 0.0)
    tracking: float = 0.0
    line_width: float = 0.0
    dash: tuple[float, ...] = ()
    band: float = 0.0


@dataclass(frozen=True)
class CertificateLayout:
    path: Path | None
    page_size: tuple[float, float]
    title: str
    date_format: str
    units: dict[str, dict[str, str]]
    instruction: dict[str, str]
    elements: tuple[Element, ...]


def load_certificate_layout(path: Path | None = None) -> CertificateLayout:
    """The certificate's layout, by default ``resources/forms/certificate.json``, read afresh and checked.

    Raises :class:`LayoutError` naming the element and the key that is wrong.
    """
    source = path or layout_path("certificate")
    try:
        raw = json.loads(Path(source).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise LayoutError(f"{source}: the file is missing") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LayoutError(f"{source}: {error}") from error
    return parse_layout(raw, Path(source))


def parse_layout(raw: object, path: Path | None = None) -> CertificateLayout:
    top = _object(raw, "the file")
    elements = top.get("elements")
    if not isinstance(elements, list) or not elements:
        raise LayoutError("elements: expected a non-empty list")
    page = _page(top.get("page", {}))
    parsed = tuple(_element(spec, index, page) for index, spec in enumerate(elements, start=1))
    names = [element.name for element in parsed]
    doubles = sorted({name for name in names if names.count(name) > 1})
    if doubles:
        raise LayoutError(f"element {doubles[0]!r}: the name is used twice")
    date_format = top.get("date_format", "long")
    if date_format not in ("long", "medium", "numeric"):
        raise LayoutError("date_format: must be long, medium or numeric")
    return CertificateLayout(path, page, _both(top.get("title", "СЕРТИФИКАТ"), "title"),
                             str(date_format), _units(top.get("units")), _instruction(top.get("calibration")),
                             parsed)


def _object(raw: object, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise LayoutError(f"{where}: expected an object")
    return raw


def _both(raw: object, where: str) -> str:
    """A text that is the same in kk and ru, or ``{"kk": ..., "ru": ...}`` joined with " / "."""
    if isinstance(raw, str):
        return raw
    spec = _object(raw, where)
    if not all(isinstance(spec.get(lang), str) for lang in LANGS):
        raise LayoutError(f"{where}: expected a text, or an object with a 'kk' and a 'ru' text")
    return " / ".join(dict.fromkeys(str(spec[lang]) for lang in LANGS))


def _page(raw: object) -> tuple[float, float]:
    page = _object(raw, "page")
    size = _SIZES.get(str(page.get("size", "A4")))
    orientation = page.get("orientation", "landscape")
    if size is None or orientation not in ("portrait", "landscape"):
        raise LayoutError(f"page: size must be one of {', '.join(_SIZES)}; orientation portrait or landscape")
    oriented = landscape(size) if orientation == "landscape" else portrait(size)
    return float(oriented[0]), float(oriented[1])


def _units(raw: object) -> dict[str, dict[str, str]]:
    hours = _object(_object(raw or {}, "units").get("hours"), "units hours")
    forms: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        words = _object(hours.get(lang), f"units hours {lang}")
        if not isinstance(words.get("other"), str) or not all(isinstance(v, str) for v in words.values()):
            raise LayoutError(f"units hours {lang}: expected texts by plural category, with at least 'other'")
        forms[lang] = {str(key): str(value) for key, value in words.items()}
    return forms


def _instruction(raw: object) -> dict[str, str]:
    spec = _object(_object(raw or {}, "calibration").get("instruction", {}), "calibration instruction")
    if not all(isinstance(value, str) for value in spec.values()):
        raise LayoutError("calibration instruction: expected a 'kk' and a 'ru' text")
    return {str(key): str(value) for key, value in spec.items()}


class _Spec:
    """Checked access to one element's keys; every message names the element and the key."""

    def __init__(self, raw: dict[str, Any], where: str) -> None:
        self.raw = raw
        self.where = where

    def error(self, key: str, problem: str) -> LayoutError:
        return LayoutError(f"{self.where}: {key} {problem}")

    def number(self, key: str, default: float | None = None, *, positive: bool = False) -> float:
        value = self.raw.get(key, default)
        if value is None:
            raise self.error(key, "is missing")
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or (positive and value == 0):
            raise self.error(key, f"must be a number {'> 0' if positive else '>= 0'}")
        return float(value)

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.raw.get(key, default)
        if value not in choices:
            raise self.error(key, f"must be one of {', '.join(choices)}")
        return str(value)

    def flag(self, key: str) -> bool:
        value = self.raw.get(key, False)
        if not isinstance(value, bool):
            raise self.error(key, "must be true or false")
        return value

    def colour(self, key: str, default: str = "#000000") -> tuple[float, float, float]:
        value = self.raw.get(key, default)
        if not isinstance(value, str) or not _COLOUR.match(value):
            raise self.error(key, "must be a colour written #RRGGBB")
        return tuple(int(value[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]

    def dash(self) -> tuple[float, ...]:
        value = self.raw.get("dash", [])
        if not isinstance(value, list) or not all(isinstance(v, int | float) and v > 0 for v in value):
            raise self.error("dash", "must be a list of lengths in points, e.g. [3, 2]")
        return tuple(float(v) for v in value)

    def template(self, lang: str | None) -> str:
        value = self.raw.get("text")
        if not isinstance(value, str):
            raise self.error("text", "must be a text (a template with {fields})")
        try:
            names = [field for _text, field, _spec, _conv in string.Formatter().parse(value) if field is not None]
        except ValueError as error:
            raise self.error("text", f"is not a valid template ({error}); write a curly bracket twice") from None
        if names and self.raw.get("static"):
            raise self.error("text", f"names {{{names[0]}}}, but a static element is the same on every certificate")
        for name in names:
            if name not in FIELDS and not (lang and f"{name}_{lang}" in FIELDS):
                raise self.error("text", f"names an unknown field {{{name}}}")
        return value


def _element(raw: object, index: int, page: tuple[float, float]) -> Element:
    spec = _object(raw, f"element {index}")
    name = spec.get("name")
    if not isinstance(name, str) or not name.strip():
        raise LayoutError(f"element {index}: name is missing")
    kind = spec.get("type", "text")
    where = f"element {name!r}"
    if kind not in _KEYS:
        raise LayoutError(f"{where}: type must be one of {', '.join(_KEYS)}")
    unknown = sorted(set(spec) - _KEYS[kind])
    if unknown:
        raise LayoutError(f"{where}: unknown key {unknown[0]!r} (a {kind} element knows {', '.join(sorted(_KEYS[kind]))})")
    checked = _Spec(spec, where)
    when = spec.get("when")
    if when not in (None, "duplicate"):
        raise checked.error("when", "must be \"duplicate\" or left out")
    common = {"name": name, "kind": kind, "static": checked.flag("static"), "when": when}
    if common["static"] and (when or kind == "qr"):
        raise checked.error("static", "cannot be true for a QR code or a \"when\" element (static is pre-printed)")
    if kind == "frame":
        return _frame(checked, common, page)
    return {"text": _text, "qr": _qr, "line": _line, "circle": _circle}[kind](checked, common)


def _text(spec: _Spec, common: dict[str, Any]) -> Element:
    lang = spec.raw.get("lang")
    if lang not in (None, *LANGS):
        raise spec.error("lang", "must be kk or ru, or left out")
    size = spec.number("size", 10, positive=True)
    min_size = spec.number("min_size", size, positive=True)
    if min_size > size:
        raise spec.error("min_size", "must not be larger than size")
    leading = spec.number("leading", 1.2, positive=True)
    max_lines_raw = spec.raw.get("max_lines")
    if max_lines_raw is not None and (not isinstance(max_lines_raw, int) or isinstance(max_lines_raw, bool)
                                      or max_lines_raw < 1):
        raise spec.error("max_lines", "must be a whole number >= 1")
    if "height_mm" in spec.raw:
        height = spec.number("height_mm", positive=True) * mm
        max_lines = max_lines_raw or max(1, int(height / (min_size * leading)))
    elif max_lines_raw is not None:
        max_lines, height = max_lines_raw, max_lines_raw * size * leading
    else:
        raise spec.error("height_mm", "is missing (give height_mm or max_lines)")
    if block_height(1, min_size, leading) > height:
        raise spec.error("height_mm", f"is too small for one line at min_size {min_size:g}")
    family = spec.choice("font", tuple(FAMILIES), "sans")
    regular, bold, italic = FAMILIES[family]
    font = bold if spec.flag("bold") else italic if spec.flag("italic") else regular
    box = (spec.number("x_mm") * mm, spec.number("y_mm") * mm, spec.number("width_mm", positive=True) * mm, height)
    return Element(**common, box=box, template=spec.template(lang), lang=lang, font=font, size=size,
                   min_size=min_size, leading=leading, max_lines=max_lines, align=spec.choice("align", _ALIGN, "left"),
                   valign=spec.choice("valign", _VALIGN, "middle"), colour=spec.colour("colour"),
                   tracking=spec.number("tracking", 0), line_width=spec.number("border_pt", 0))


def _qr(spec: _Spec, common: dict[str, Any]) -> Element:
    side = spec.number("size_mm", positive=True) * mm
    return Element(**common, box=(spec.number("x_mm") * mm, spec.number("y_mm") * mm, side, side),
                   template=spec.template(None), colour=spec.colour("colour"))


def _line(spec: _Spec, common: dict[str, Any]) -> Element:
    x1, y1 = spec.number("x_mm") * mm, spec.number("y_mm") * mm
    x2, y2 = spec.number("x2_mm") * mm, spec.number("y2_mm") * mm
    # The box runs from the first point to the second (a negative width or height for a line drawn back).
    return Element(**common, box=(x1, y1, x2 - x1, y2 - y1), colour=spec.colour("colour"),
                   line_width=spec.number("width_pt", 0.5, positive=True), dash=spec.dash())


def _circle(spec: _Spec, common: dict[str, Any]) -> Element:
    radius = spec.number("radius_mm", positive=True) * mm
    box = (spec.number("x_mm") * mm - radius, spec.number("y_mm") * mm - radius, 2 * radius, 2 * radius)
    return Element(**common, box=box, colour=spec.colour("colour"),
                   line_width=spec.number("width_pt", 0.5, positive=True), dash=spec.dash())


def _frame(spec: _Spec, common: dict[str, Any], page: tuple[float, float]) -> Element:
    inset = spec.number("inset_mm", 8) * mm
    if 2 * inset >= min(page):
        raise spec.error("inset_mm", "leaves no room inside the frame")
    return Element(**common, box=(inset, inset, page[0] - 2 * inset, page[1] - 2 * inset),
                   colour=spec.colour("colour", "#1F3B5C"), accent=spec.colour("accent", "#B08D3C"),
                   band=spec.number("band_mm", 4) * mm)
