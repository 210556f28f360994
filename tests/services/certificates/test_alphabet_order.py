"""A cohort's certificates get their numbers in the Kazakh alphabet of the listeners' names (Әбдірахманов after
Абаев, not after Я), so the issue book and the printed certificates follow it too."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from pedesk.models.database import Database
from pedesk.services.certificates.issue_book import write_issue_book_pdf, write_issue_book_xlsx
from pedesk.services.certificates.issuing import issue_for_cohort
from pedesk.services.certificates.pdf import CertificatePrint, write_certificates_pdf
from pedesk.services.certificates.printing import issue_book_rows
from pedesk.services.certificates.queries import printable_certificates
from tests.builders import ALPHABETICAL, TODAY, USER, AlphabetCohort, alphabet_cohort


def _issued(database: Database) -> tuple[AlphabetCohort, list[tuple[str, str]]]:
    with database.transaction(USER, immediate=True) as session:
        world = alphabet_cohort(session)
        result = issue_for_cohort(session, world.cohort, on=TODAY, today=TODAY, by=USER)
        return world, [(certificate.number, certificate.teacher.surname) for certificate in result.issued]


def _surname(holder: str) -> str:
    return holder.split(" ")[0]


def test_a_cohorts_certificates_are_numbered_in_the_kazakh_alphabet(database: Database) -> None:
    _world, issued = _issued(database)
    numbers = [number for number, _surname in issued]
    assert numbers == sorted(numbers) and numbers[0].endswith("00001")
    assert [surname for _number, surname in issued] == list(ALPHABETICAL)


def test_the_issue_book_lists_them_in_that_order(database: Database, tmp_path: Path) -> None:
    _issued(database)
    with database.reading() as session:
        rows = issue_book_rows(session, date(2026, 1, 1), date(2026, 12, 31), "kk")
    assert [_surname(row.holder) for row in rows] == list(ALPHABETICAL)
    book = write_issue_book_xlsx(tmp_path / "book.xlsx", rows, office_name="Кабинет", start=date(2026, 1, 1),
                                 end=date(2026, 12, 31), lang="kk")
    sheet = load_workbook(book).active
    holders = [sheet.cell(row=row, column=4).value for row in range(6, 6 + len(ALPHABETICAL))]
    assert [_surname(str(holder)) for holder in holders] == list(ALPHABETICAL)
    pdf = write_issue_book_pdf(tmp_path / "book.pdf", rows, office_name="Кабинет", start=date(2026, 1, 1),
                               end=date(2026, 12, 31), lang="kk")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    places = [text.index(surname) for surname in ALPHABETICAL]
    assert places == sorted(places)


def test_the_printed_certificates_follow_the_alphabet_page_by_page(database: Database, tmp_path: Path) -> None:
    world, _issued_now = _issued(database)
    with database.reading() as session:
        items = printable_certificates(session, cohort_id=world.cohort)
    path = write_certificates_pdf(tmp_path / "certificates.pdf", [CertificatePrint(item.snapshot) for item in items])
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(path).pages]
    assert len(pages) == len(ALPHABETICAL)
    assert [next(s for s in ALPHABETICAL if s in page) for page in pages] == list(ALPHABETICAL)
