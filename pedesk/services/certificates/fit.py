"""Shrink to fit: a text on a certificate never overflows its box. The font size goes down step by step to the
element's minimum; then the text wraps onto the allowed lines (shrinking further if needed); as a last resort
the words are broken and what still does not fit is cut with "…". Pure functions over reportlab's metrics.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped, unused-ignore]

from pedesk.services.common import register_fonts

__all__ = ["ASCENT", "DESCENT", "FLOOR_SIZE", "Fitted", "block_height", "fit_text", "text_width"]

ASCENT, DESCENT = 0.93, 0.25
"""How far the drawn glyphs reach above and below the baseline, as a fraction of the size (Noto with the
accents of Ё and Й and the tails of Қ, Ң, у)."""
FLOOR_SIZE = 4.0
"""Below an element's min_size a text shrinks no further than this before it is cut (never overflows)."""


# --- Shrink to fit -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fitted:
    """A text laid out in its box: the size it is drawn at, its lines, and the distance between baselines."""

    size: float
    lines: tuple[str, ...]
    pitch: float


@lru_cache(maxsize=8192)
def _unit_width(text: str, font: str) -> float:
    register_fonts()
    return float(stringWidth(text, font, 1000.0)) / 1000.0


def text_width(text: str, font: str, size: float, tracking: float = 0.0) -> float:
    """The drawn width of one line (reportlab adds ``tracking`` after every character, the last too)."""
    return _unit_width(text, font) * size + tracking * len(text)


def block_height(lines: int, size: float, leading: float) -> float:
    """From the top of the first line's accents to the bottom of the last line's descenders."""
    return ((lines - 1) * leading + ASCENT + DESCENT) * size


def _wrap(words: list[str], font: str, size: float, tracking: float, width: float) -> list[str] | None:
    """Greedy word wrap, or None when a single word is wider than the box."""
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, font, size, tracking) <= width:
            current = candidate
            continue
        if not current or text_width(word, font, size, tracking) > width:
            return None
        lines.append(current)
        current = word
    return [*lines, current] if current else lines


def _sizes(start: float, stop: float, step: float = 0.5) -> list[float]:
    """``start``, ``start - step`` ... down to and including ``stop``."""
    return [round(start - index * step, 2) for index in range(int((start - stop) / step + 1e-9))] + [stop]


@lru_cache(maxsize=4096)
def fit_text(text: str, font: str, width: float, height: float, size: float, min_size: float,
             max_lines: int = 1, leading: float = 1.2, tracking: float = 0.0) -> Fitted:
    """Lay ``text`` out in a box of ``width`` x ``height`` points without ever leaving it.

    First one line, the size reduced step by step from ``size`` to ``min_size``; then wrapped onto up to
    ``max_lines`` lines, again from ``size`` down to ``min_size``; then smaller still, down to
    :data:`FLOOR_SIZE`; as a last resort the words are broken and what still does not fit is cut with "…".
    """
    words = [word for word in text.split(" ") if word]  # no-break spaces stay inside their words
    pitch = leading
    for size_now in _sizes(size, min_size):
        if text_width(" ".join(words), font, size_now, tracking) <= width and block_height(1, size_now, pitch) <= height:
            return Fitted(size_now, (" ".join(words),), pitch * size_now)
    for size_now in _sizes(size, min_size) + _sizes(min_size, min(min_size, FLOOR_SIZE))[1:]:
        lines = _wrap(words, font, size_now, tracking, width)
        if lines is not None and len(lines) <= max_lines and block_height(len(lines), size_now, pitch) <= height:
            return Fitted(size_now, tuple(lines), pitch * size_now)
    return _cut(text, font, width, height, min(min_size, FLOOR_SIZE), max_lines, leading, tracking)


def _cut(text: str, font: str, width: float, height: float, size: float, max_lines: int, leading: float,
         tracking: float) -> Fitted:
    """Break anywhere, keep as many lines as fit the height and the count, and end the last with "…"."""
    room = max(1, min(max_lines, int((height / size - ASCENT - DESCENT) / leading + 1e-9) + 1))
    lines: list[str] = []
    current = ""
    for char in " ".join(word for word in text.split(" ") if word):
        if current and text_width(current + char, font, size, tracking) > width:
            lines.append(current)
            current = char.strip()
        else:
            current += char
    lines.append(current)
    if len(lines) > room:
        last = lines[room - 1]
        while last and text_width(last + "…", font, size, tracking) > width:
            last = last[:-1]
        lines = [*lines[:room - 1], last + "…"]
    return Fitted(size, tuple(lines), leading * size)
