"""The bundled Noto fonts (OFL) for every PDF pedesk makes, registered with reportlab once.

reportlab's built-in fonts (Helvetica, Times) know only Latin-1 and draw boxes for Kazakh letters
(Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі), so every PDF embeds a TrueType font from ``resources/fonts`` (found via
``pedesk.paths.resources_dir()``). Call :func:`register_fonts` before building a document; it is cheap
after the first call. :func:`font_covers` checks a string before drawing it, and :func:`covering_font`
picks the first font that can draw it.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable

from reportlab.lib.fonts import addMapping  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped, unused-ignore]

from pedesk.paths import resources_dir

SANS = "PedeskSans"
SANS_BOLD = "PedeskSans-Bold"
SANS_ITALIC = "PedeskSans-Italic"
SERIF = "PedeskSerif"
SERIF_BOLD = "PedeskSerif-Bold"
SERIF_ITALIC = "PedeskSerif-Italic"

#: reportlab font name -> file under resources/fonts.
FONT_FILES: dict[str, str] = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_ITALIC: "NotoSans-Italic.ttf",
    SERIF: "NotoSerif-Regular.ttf",
    SERIF_BOLD: "NotoSerif-Bold.ttf",
    SERIF_ITALIC: "NotoSerif-Italic.ttf",
}

FAMILIES: dict[str, tuple[str, str, str]] = {
    "serif": (SERIF, SERIF_BOLD, SERIF_ITALIC),
    "sans": (SANS, SANS_BOLD, SANS_ITALIC),
}
"""The font family a layout names -> its (regular, bold, italic) fonts; reportlab knows each family by its
regular font's name. There is no bold italic file, so bold italic falls back to bold."""

_lock = threading.Lock()
_registered: set[str] = set()


def register_fonts() -> None:
    """Register the bundled fonts and their families (so ``<b>`` and ``<i>`` work in Paragraphs).

    Safe to call from several threads and many times; a missing font file raises ``FileNotFoundError``
    naming it (a broken installation).
    """
    with _lock:
        if _registered == set(FONT_FILES):
            return
        folder = resources_dir() / "fonts"
        for name, file_name in FONT_FILES.items():
            if name in _registered:
                continue
            path = folder / file_name
            if not path.is_file():
                raise FileNotFoundError(f"pedesk's font {path} is missing; reinstall pedesk")
            pdfmetrics.registerFont(TTFont(name, str(path)))
            _registered.add(name)
        for normal, bold, italic in FAMILIES.values():
            addMapping(normal, 0, 0, normal)
            addMapping(normal, 1, 0, bold)
            addMapping(normal, 0, 1, italic)
            addMapping(normal, 1, 1, bold)


def _drawn(text: str) -> Iterable[str]:
    """The characters that are drawn: control characters (line breaks, tabs) are layout, not glyphs."""
    return (char for char in text if unicodedata.category(char) != "Cc")


def font_covers(font_name: str, text: str) -> bool:
    """True when the font has a glyph for every character of ``text`` that is drawn.

    Registers the bundled fonts first. For a TrueType font the font's character map decides; for
    reportlab's standard Type 1 fonts, the characters of their single-byte encoding. An unknown font
    name raises ``KeyError`` (a programming error, not a question of coverage).
    """
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    if isinstance(font, TTFont):
        glyphs = font.face.charToGlyph
        return all(ord(char) in glyphs for char in _drawn(text))
    encoding = "cp1252" if "WinAnsi" in str(getattr(font.encoding, "name", "")) else "latin-1"
    try:
        "".join(_drawn(text)).encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def covering_font(text: str, candidates: Iterable[str] = (SANS, SERIF)) -> str | None:
    """The first of ``candidates`` that can draw all of ``text``, or None when none can."""
    return next((name for name in candidates if font_covers(name, text)), None)


def printable(font_name: str, text: str) -> str:
    """``text`` with each space the font cannot draw (babel's narrow no-break space, say) made ordinary.

    Other characters are left alone: check them with :func:`font_covers`.
    """
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, TTFont):
        return text
    glyphs = font.face.charToGlyph
    return "".join(
        " " if char.isspace() and char not in "\n\t" and ord(char) not in glyphs else char for char in text
    )


def legible(font_name: str, text: str) -> str:
    """``text`` as the font draws it: spaces it cannot draw made ordinary (:func:`printable`), any other
    character it has no glyph for shown as "?"."""
    text = printable(font_name, text)
    if font_covers(font_name, text):
        return text
    return "".join(char if font_covers(font_name, char) else "?" for char in text)
