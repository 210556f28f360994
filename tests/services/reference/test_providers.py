"""A provider's signature block (п.29, п.32): its head, acting head, city and numbering series, saved and
checked like the office's Settings."""

from __future__ import annotations

import pytest

from pedesk.models import Office
from pedesk.models.database import Database
from pedesk.services.common.errors import ValidationError
from pedesk.services.reference import ProviderData, get_own_office, get_provider, is_the_office, save_provider
from tests.builders import SIGNING_OFFICE, signing_office

UNIVERSITY = ProviderData(
    "Қарағанды университеті", "Карагандинский университет", head_name="Дүйсенбаев Асқар Болатұлы",
    head_position_kk=" Ректор ", head_position_ru="Ректор", head_absent=True,
    acting_head_name="Мұқанова  Ләззат Серікқызы", acting_head_position_kk="Ректордың м.а.",
    acting_head_position_ru="И.о. ректора", city_kk="Қарағанды", city_ru="Караганда",
    numbering_pattern=" KU-{year}-{seq:04} ",
)


@pytest.fixture
def office(database: Database) -> None:
    with database.transaction() as session:
        signing_office(session, numbering_pattern="{office}-{year}-{seq:05}")


def _problems(database: Database, data: ProviderData) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught, database.transaction() as session:
        save_provider(session, data)
    return {problem.field: problem.message for problem in caught.value.problems}


def test_a_provider_keeps_its_head_acting_head_city_and_series(database: Database, office: None) -> None:
    with database.transaction() as session:
        provider_id = save_provider(session, UNIVERSITY).id
    with database.reading() as session:
        saved = get_provider(session, provider_id)
    assert saved is not None and saved.head_absent
    assert (saved.head_position_kk, saved.acting_head_name, saved.acting_head_position_ru) == (
        "Ректор", "Мұқанова Ләззат Серікқызы", "И.о. ректора")
    assert (saved.city_kk, saved.city_ru, saved.numbering_pattern) == ("Қарағанды", "Караганда", "KU-{year}-{seq:04}")


def test_an_absent_head_needs_the_acting_head(database: Database, office: None) -> None:
    problems = _problems(database, ProviderData("Өрлеу", "Өрлеу", head_absent=True, acting_head_position_kk="М.а."))
    assert set(problems) == {"acting_head_name", "acting_head_position_ru"}
    assert problems["acting_head_name"].startswith("Acting head's full name")


def test_a_numbering_pattern_is_checked_and_kept_apart_from_the_office(database: Database, office: None) -> None:
    for pattern, expected in (("KU-{year}", "{seq}"), ("{office}-{year}-{seq:05}", "the office's own pattern")):
        problems = _problems(database, ProviderData("Өрлеу", "Өрлеу", numbering_pattern=pattern))
        assert expected in problems["numbering_pattern"], pattern
    office_entry = ProviderData(SIGNING_OFFICE["name_kk"].upper(), "Другое", numbering_pattern="MK-{seq}")
    assert is_the_office(office_entry, _office(database))
    assert "the office itself" in _problems(database, office_entry)["numbering_pattern"]
    with database.transaction() as session:  # without a pattern, the office's entry is saved
        save_provider(session, ProviderData(office_entry.name_kk, office_entry.name_ru))


def test_lengths_follow_the_columns(database: Database, office: None) -> None:
    problems = _problems(database, ProviderData("Өрлеу", "Өрлеу", city_ru="Қ" * 101, head_position_kk="Д" * 301))
    assert set(problems) == {"city_ru", "head_position_kk"}


def _office(database: Database) -> Office:
    with database.reading() as session:
        found = get_own_office(session)
        assert found is not None
        session.expunge(found)
        return found
