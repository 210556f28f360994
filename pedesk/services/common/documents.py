"""Laying out the PDF documents pedesk writes as flowing pages (the issue book, the schedule, the monitoring
card): the page template in the bundled font and the footer on every page. No Qt, no database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import SimpleDocTemplate  # type: ignore[import-untyped, unused-ignore]

from pedesk.services.common.fonts import SANS, printable

__all__ = ["build_pdf"]


def build_pdf(target: Any, story: list[Any], *, pagesize: tuple[float, float], margin: float, title: str,
              author: str, lang: str, footer_size: float, running: str = "",
              page_label: Callable[[int], str] | None = None) -> int:
    """Lay ``story`` out on pages of ``pagesize`` with ``margin`` all round and write it to ``target`` (a path
    or a file object); the footer of every page says ``running`` on the left and ``page_label`` of the page's
    number on the right. Returns the number of pages (lay a document out twice to say "page N of M")."""
    document = SimpleDocTemplate(
        target, pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin,
        title=title, author=author, creator="pedesk", lang=lang,
        initialFontName=SANS)  # else every page names Helvetica, a font that is not embedded

    def footer(canvas: Any, template: Any) -> None:
        canvas.saveState()
        canvas.setFont(SANS, footer_size)
        if running:
            canvas.drawString(margin, margin / 2, printable(SANS, running))
        if page_label is not None:
            label = printable(SANS, page_label(canvas.getPageNumber()))
            canvas.drawRightString(template.pagesize[0] - margin, margin / 2, label)
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return int(document.page)
