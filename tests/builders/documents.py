"""Reading documents back and writing spreadsheets to import: whitespace-normalised text, the text and fonts
of a PDF, and a workbook of given rows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
from pypdf import PdfReader


def workbook(rows: list[list[object]], path: Path, *merges: str) -> Path:
    """An xlsx file at ``path`` whose first sheet holds ``rows``, with the ``merges`` ("A1:N1") merged."""
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def flat(text: str) -> str:
    """Whitespace normalised (line breaks of wrapped text, babel's narrow no-break spaces), nothing else."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> tuple[str, PdfReader]:
    """The text of every page, whitespace normalised, and the reader for the rest."""
    reader = PdfReader(path)
    return flat(" ".join(page.extract_text() for page in reader.pages)), reader


def pdf_fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font the pages use -> whether a TrueType font file (/FontFile2) is embedded for it."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            parts = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            descriptors = [p["/FontDescriptor"].get_object() for p in parts if "/FontDescriptor" in p]
            found[str(font["/BaseFont"])] = any("/FontFile2" in d for d in descriptors)
    return found

