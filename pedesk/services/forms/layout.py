"""Form layouts as data (``resources/forms/<name>.json``) and the values that fill them.

A layout is one JSON object; an office may change its wording and spacing without touching code:

``page``
    ``{"size": "A4", "orientation": "portrait" | "landscape", "margins_mm": {"top", "right", "bottom",
    "left"}}``
``font``
    ``{"family": "serif" | "sans", "size": 12, "leading": 1.25}`` (leading as a multiple of the size)
``title``
    the PDF's title (metadata), localised
``date_format``
    how dates print: ``"long"`` ("2026 ж. 5 қаңтар", "5 января 2026"), ``"medium"``, ``"numeric"``
    (05.01.2026); a block may override it
``blank`` / ``blanks``
    how many "_" stand for an empty value inside running text: the default and per field
``terms``
    words for coded values, per document language: ``{"language": {"kk": {"kk": "қазақ", ...}, "ru": ...}}``
``units``
    counted words by plural category: ``{"years": {"kk": {"other": "{n} жыл"}, "ru": {"one": "{n} год",
    "few": "{n} года", "many": "{n} лет", "other": "{n} года"}}}``
``page_numbers``
    optional localised footer with ``{page}`` and ``{pages}``
``blocks``
    the sequence drawn from top to bottom, see :mod:`~pedesk.services.forms.pdf`.

A *localised text* is a string (the same in kk and ru) or ``{"kk": ..., "ru": ...}``. A *template* is a
localised text with ``{field}`` placeholders; a *value* is a template or ``{"parts": [template, ...],
"sep": ", "}``, whose parts are left out when every field they name is empty.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pedesk.i18n import babel_locale, format_date
from pedesk.paths import resources_dir

__all__ = [
    "BLOCK_TYPES",
    "Count",
    "Filler",
    "FormData",
    "Layout",
    "LayoutError",
    "Period",
    "Segment",
    "Term",
    "Value",
    "layout_path",
    "load_layout",
    "localised",
    "plain",
]

BLOCK_TYPES = ("text", "spacer", "lines", "fields", "table")
_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_DATE_FORMATS = ("long", "medium", "numeric")


class LayoutError(Exception):
    """A layout file that cannot be used; ``str()`` says where (English, for whoever edits the JSON)."""


@dataclass(frozen=True)
class Count:
    """A number with a counted word from the layout's ``units`` ("12 жыл", "12 лет", "3 слушателя")."""

    n: int
    unit: str


@dataclass(frozen=True)
class Term:
    """A coded value printed with the layout's word for it (``Term("language", "kk")`` -> "қазақ")."""

    vocabulary: str
    code: str


@dataclass(frozen=True)
class Period:
    start: date
    end: date


Value = str | int | date | Count | Term | Period | None
Segment = tuple[str, bool]
"""A piece of filled text and whether it came from a value (drawn underlined in running text)."""


@dataclass
class FormData:
    """What a form is filled with: single values, and rows for each table (``blank``: fill by hand)."""

    values: dict[str, Value]
    tables: dict[str, list[dict[str, Value]]] = field(default_factory=dict)
    blank: bool = False


def _object(raw: object, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise LayoutError(f"{where}: expected an object")
    return raw


def layout_path(name: str) -> Path:
    return resources_dir() / "forms" / f"{name}.json"


def load_layout(name: str) -> Layout:
    """The layout ``resources/forms/<name>.json``, read afresh (an office may have just edited it)."""
    path = layout_path(name)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise LayoutError("the file is missing") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LayoutError(str(error)) from error
    return Layout(path, _object(raw, "the file"))


class Layout:
    """One form's layout: checked accessors over the JSON, for one document language at a time."""

    def __init__(self, path: Path, raw: dict[str, Any]) -> None:
        self.path = path
        self.raw = raw
        blocks = raw.get("blocks")
        if not isinstance(blocks, list) or not blocks:
            raise LayoutError("blocks: expected a non-empty list")
        for number, block in enumerate(blocks, start=1):
            kind = _object(block, f"block {number}").get("type")
            if kind not in BLOCK_TYPES:
                raise LayoutError(f"block {number}: type {kind!r} is not one of {', '.join(BLOCK_TYPES)}")
        self.blocks: list[dict[str, Any]] = blocks

    def section(self, key: str) -> dict[str, Any]:
        return _object(self.raw.get(key, {}), key)

    def words(self, key: str, name: str, lang: str) -> dict[str, Any]:
        """``terms`` or ``units``: the words for ``name`` in ``lang`` (empty when the layout has none)."""
        entry = _object(self.section(key).get(name, {}), f"{key} {name}")
        return _object(entry.get(lang, {}), f"{key} {name} {lang}")

    def number(self, spec: Mapping[str, Any], key: str, default: float, where: str) -> float:
        value = spec.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise LayoutError(f"{where}: {key} must be a number >= 0")
        return float(value)

    def date_format(self, spec: Mapping[str, Any], where: str) -> str:
        value = spec.get("date_format", self.raw.get("date_format", "long"))
        if value not in _DATE_FORMATS:
            raise LayoutError(f"{where}: date_format must be one of {', '.join(_DATE_FORMATS)}")
        return str(value)

    def blank_length(self, name: str) -> int:
        default = self.number(self.raw, "blank", 20, "blank")
        return int(self.number(self.section("blanks"), name, default, "blanks"))


def localised(spec: object, lang: str, where: str) -> str:
    """A localised text in ``lang``: a plain string, or the ``lang`` entry of ``{"kk": ..., "ru": ...}``."""
    if isinstance(spec, str):
        return spec
    if isinstance(spec, dict) and isinstance(spec.get(lang), str):
        return str(spec[lang])
    raise LayoutError(f"{where}: expected a text, or an object with a {lang!r} text")


@dataclass(frozen=True)
class Filler:
    """Fills templates of one layout in one language from a set of values."""

    layout: Layout
    lang: str
    values: Mapping[str, Value]
    date_format: str = "long"

    def with_values(self, extra: Mapping[str, Value], date_format: str | None = None) -> Filler:
        return Filler(self.layout, self.lang, {**self.values, **extra}, date_format or self.date_format)

    def _value(self, name: str, where: str) -> Value:
        if name not in self.values:
            raise LayoutError(f"{where}: unknown field {{{name}}}")
        return self.values[name]

    def format(self, value: Value, where: str) -> str:
        if value is None:
            return ""
        if isinstance(value, Count):
            return self._count(value, where)
        if isinstance(value, Term):
            return str(self.layout.words("terms", value.vocabulary, self.lang).get(value.code, value.code))
        if isinstance(value, Period):
            return f"{self._date(value.start)} – {self._date(value.end)}"
        if isinstance(value, date):
            return self._date(value)
        return str(value).strip()

    def _date(self, value: date) -> str:
        if self.date_format == "numeric":
            return f"{value:%d.%m.%Y}"
        return format_date(value, self.date_format, self.lang)

    def _count(self, value: Count, where: str) -> str:
        forms = self.layout.words("units", value.unit, self.lang)
        if not forms:
            raise LayoutError(f"{where}: units has no {value.unit!r} words in {self.lang!r}")
        category = babel_locale(self.lang).plural_form(value.n)
        template = forms.get(category, forms.get("other", "{n}"))
        return str(template).replace("{n}", str(value.n))

    def is_empty(self, template: str, where: str) -> bool:
        """True when every field ``template`` names is empty (a template without fields is not)."""
        names = _FIELD.findall(template)
        return bool(names) and all(not self.format(self._value(name, where), where) for name in names)

    def fill(self, template: str, where: str, blank: str | None = None) -> list[Segment]:
        """``template`` with its fields filled; an empty field becomes ``blank`` (the field's "____" run
        when ``blank`` is None: running text keeps a line to write on)."""
        segments: list[Segment] = []
        position = 0
        for match in _FIELD.finditer(template):
            if match.start() > position:
                segments.append((template[position:match.start()], False))
            name = match.group(1)
            text = self.format(self._value(name, where), where)
            if text:
                segments.append((text, True))
            else:
                empty = "_" * self.layout.blank_length(name) if blank is None else blank
                if empty:
                    segments.append((empty, False))
            position = match.end()
        if position < len(template):
            segments.append((template[position:], False))
        return segments

    def value(self, spec: object, where: str, blank: str | None = None) -> list[Segment]:
        """A value spec filled: a template, or parts joined by ``sep`` with empty parts left out."""
        if isinstance(spec, dict) and "parts" in spec:
            parts = spec["parts"]
            if not isinstance(parts, Sequence) or isinstance(parts, str):
                raise LayoutError(f"{where}: parts must be a list")
            sep = localised(spec.get("sep", ", "), self.lang, where)
            templates = [localised(part, self.lang, where) for part in parts]
            kept = [template for template in templates if not self.is_empty(template, where)]
            if not kept:
                return self.fill(templates[0], where, blank) if templates and blank is None else []
            segments: list[Segment] = []
            for index, template in enumerate(kept):
                if index:
                    segments.append((sep, False))
                segments += self.fill(template, where, blank)
            return segments
        return self.fill(localised(spec, self.lang, where), where, blank)

    def shown(self, spec: Mapping[str, Any], where: str) -> bool:
        """A block or row is shown in this language (``lang``) and when a ``when`` field is not empty."""
        only = spec.get("lang")
        if only is not None and only != self.lang:
            return False
        when = spec.get("when")
        if when is None:
            return True
        names = [when] if isinstance(when, str) else when
        if not isinstance(names, list):
            raise LayoutError(f"{where}: when must be a field name or a list of them")
        return any(self.format(self._value(str(name), where), where) for name in names)


def plain(segments: Sequence[Segment]) -> str:
    return "".join(text for text, _is_value in segments)
