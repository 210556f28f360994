"""The office's own settings: validation naming each field, the signer rule (п.32), the code lock."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from pedesk.models import Certificate, Office, Region, Teacher
from pedesk.models.database import Database
from pedesk.models.enums import SignerCapacity
from pedesk.services.common.errors import ValidationError
from pedesk.services.reference.settings import (
    OfficeSettings,
    get_own_office,
    load_office_settings,
    require_own_office,
    save_office_settings,
    signer,
)


def _region_id(database: Database, code: str = "KARAGANDA") -> int:
    with database.reading() as session:
        return session.scalars(select(Region.id).where(Region.code == code)).one()


def _settings(region_id: int | None, **changes: object) -> OfficeSettings:
    base = OfficeSettings(
        code="KRG-MK",
        name_kk="Қарағанды облысының әдістемелік кабинеті",
        name_ru="Методический кабинет Карагандинской области",
        city_kk="Қарағанды",
        city_ru="Караганда",
        region_id=region_id,
        head_name="Ахметова Гүлнар Серікқызы",
        head_position_kk="Басшы",
        head_position_ru="Руководитель",
        acting_head_name="Омаров Ерлан",
        acting_head_position_kk="Басшының м.а.",
        acting_head_position_ru="И.о. руководителя",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _problems(database: Database, settings: OfficeSettings) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught, database.transaction() as session:
        save_office_settings(session, settings)
    return {problem.field: problem.message for problem in caught.value.problems}


def _office_count(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count(Office.id))) or 0)


def test_first_save_creates_the_own_office_and_later_saves_update_it(database: Database) -> None:
    region_id = _region_id(database)
    with database.reading() as session:
        assert load_office_settings(session) is None
    with database.transaction() as session:
        office = save_office_settings(session, _settings(region_id, name_ru="  Методический\u00a0кабинет  "))
        assert office.is_own is True
    with database.transaction() as session:
        save_office_settings(session, _settings(region_id, city_ru="Темиртау"))
    with database.reading() as session:
        loaded = load_office_settings(session)
    assert _office_count(database) == 1
    assert loaded is not None
    assert loaded.city_ru == "Темиртау"
    assert loaded.name_ru == "Методический кабинет Карагандинской области"
    assert loaded.code == "KRG-MK"
    assert loaded.region_id == region_id


def test_spaces_are_cleaned_when_saving(database: Database) -> None:
    region_id = _region_id(database)
    with database.transaction() as session:
        save_office_settings(session, _settings(region_id, name_ru="  Методический\u00a0 кабинет  "))
    with database.reading() as session:
        loaded = load_office_settings(session)
    assert loaded is not None and loaded.name_ru == "Методический кабинет"


def test_every_required_field_is_named(database: Database) -> None:
    problems = _problems(
        database,
        _settings(None, code="", name_kk=" ", name_ru="", city_kk="", city_ru="", head_name="",
                  head_position_kk="", head_position_ru=""),
    )
    assert set(problems) == {"code", "name_kk", "name_ru", "city_kk", "city_ru", "region_id", "head_name",
                             "head_position_kk", "head_position_ru"}
    assert problems["code"].startswith("Office code:")
    assert problems["name_kk"].startswith("Office name in Kazakh:")
    assert problems["region_id"].startswith("Region:")
    assert problems["head_position_ru"].startswith("Head's position in Russian:")
    assert _office_count(database) == 0


@pytest.mark.parametrize("code", ["K", "KRG MK", "KRG_MK", "KRG/MK", "-KRG", "X" * 21])
def test_bad_codes_are_refused(database: Database, code: str) -> None:
    problems = _problems(database, _settings(_region_id(database), code=code))
    assert list(problems) == ["code"]
    assert "2 to 20 letters, digits or dashes" in problems["code"]


@pytest.mark.parametrize("code", ["KR", "KRG-MK", "ҚРҒ-2", "X" * 20])
def test_good_codes_are_accepted(database: Database, code: str) -> None:
    with database.transaction() as session:
        assert save_office_settings(session, _settings(_region_id(database), code=code)).code == code


def test_unknown_region_is_refused(database: Database) -> None:
    problems = _problems(database, _settings(999_999))
    assert list(problems) == ["region_id"]
    assert "Choose one from the list" in problems["region_id"]


def test_acting_head_is_required_only_while_the_head_is_absent(database: Database) -> None:
    region_id = _region_id(database)
    empty_acting = _settings(region_id, acting_head_name="", acting_head_position_kk="", acting_head_position_ru="")
    with database.transaction() as session:
        save_office_settings(session, empty_acting)
    problems = _problems(database, replace(empty_acting, head_absent=True))
    assert set(problems) == {"acting_head_name", "acting_head_position_kk", "acting_head_position_ru"}
    assert problems["acting_head_name"].startswith("Acting head's full name:")


def test_numbering_pattern_is_checked(database: Database) -> None:
    problems = _problems(database, _settings(_region_id(database), numbering_pattern="{office}-{year}"))
    assert list(problems) == ["numbering_pattern"]
    assert problems["numbering_pattern"].startswith("Certificate numbering pattern:")
    assert "{seq}" in problems["numbering_pattern"]


def test_too_long_text_is_refused(database: Database) -> None:
    problems = _problems(database, _settings(_region_id(database), city_ru="К" * 101))
    assert list(problems) == ["city_ru"]
    assert "101 characters" in problems["city_ru"]


def test_signer_is_the_head_or_the_acting_head(database: Database) -> None:
    settings = _settings(1)
    assert signer(settings) == ("Ахметова Гүлнар Серікқызы", "Басшы", "Руководитель", SignerCapacity.HEAD)
    assert signer(replace(settings, head_absent=True)) == (
        "Омаров Ерлан", "Басшының м.а.", "И.о. руководителя", SignerCapacity.ACTING_HEAD
    )


def _issue_certificate(database: Database) -> None:
    with database.transaction() as session:
        office = get_own_office(session)
        assert office is not None
        teacher = Teacher(iin="791028302728", surname="Әлібеков", name="Ерлан", birth_date=date(1979, 10, 28))
        session.add(
            Certificate(office_id=office.id, number="KRG-MK-2026-00001", year=2026, seq=1,
                        verification_code="ABCDE12345", teacher=teacher, issue_date=date(2026, 3, 1),
                        valid_until=date(2031, 3, 1), academic_hours=72)
        )


def test_code_can_change_before_any_certificate(database: Database) -> None:
    region_id = _region_id(database)
    with database.transaction() as session:
        save_office_settings(session, _settings(region_id))
    with database.transaction() as session:
        assert save_office_settings(session, _settings(region_id, code="KRG-2")).code == "KRG-2"


def test_code_change_is_refused_once_certificates_carry_it(database: Database) -> None:
    region_id = _region_id(database)
    with database.transaction() as session:
        save_office_settings(session, _settings(region_id))
    _issue_certificate(database)
    problems = _problems(database, _settings(region_id, code="KRG-2"))
    assert list(problems) == ["code"]
    assert "1 certificates" in problems["code"] and "KRG-MK" in problems["code"]
    with database.transaction() as session:  # other changes with the same code still save
        save_office_settings(session, _settings(region_id, head_name="Жаңа Басшы"))
    with database.reading() as session:
        loaded = load_office_settings(session)
    assert loaded is not None and loaded.code == "KRG-MK" and loaded.head_name == "Жаңа Басшы"


def test_code_of_another_office_is_refused(database: Database) -> None:
    with database.transaction() as session:
        session.add(Office(code="AST-MK", is_own=False, name_kk="Астана", name_ru="Астана кабинет"))
    problems = _problems(database, _settings(_region_id(database), code="AST-MK"))
    assert list(problems) == ["code"]
    assert "Астана кабинет" in problems["code"]


def test_require_own_office_tells_to_fill_in_settings(database: Database) -> None:
    with pytest.raises(ValidationError) as caught, database.reading() as session:
        require_own_office(session)
    assert caught.value.problems[0].field == "office"
    assert "Open Settings" in caught.value.problems[0].message
