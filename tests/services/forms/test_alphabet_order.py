"""The printed list of listeners (п.16) numbers them in the Kazakh alphabet, read back from the PDF."""

from __future__ import annotations

from pathlib import Path

from pedesk.models.database import Database
from pedesk.services.forms.documents import render_listeners_list
from tests.builders import ALPHABETICAL, TODAY, alphabet_cohort, pdf_text


def test_the_printed_list_is_numbered_in_the_alphabet(database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        world = alphabet_cohort(session)
    with database.reading() as session:
        path = render_listeners_list(session, world.cohort, tmp_path / "list.pdf", "kk", on=TODAY)
    text, _reader = pdf_text(path)
    places = [text.find(f"{number} {surname} Айгүл") for number, surname in enumerate(ALPHABETICAL, start=1)]
    assert -1 not in places and places == sorted(places), places
