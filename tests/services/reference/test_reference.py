"""Reference data: regions on a date, districts, providers, schools and trainers (validation naming the
field), paged listings (count and page agree, stable order, one query) and Kazakh/Russian folding search."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pedesk.models import District, Provider, ProviderKind, Region, School, Trainer, TrainerKind
from pedesk.models.database import Database
from pedesk.services.common import kazakh_key
from pedesk.services.common.errors import ValidationError
from pedesk.services.reference import regions as ref
from pedesk.services.rules.iin import make_iin
from tests.builders import make_bin, statements


def _region(session: Session, code: str) -> int:
    return session.scalars(select(Region.id).where(Region.code == code)).one()


def _kind(session: Session, model: Any, code: str) -> int:
    return int(session.scalars(select(model.id).where(model.code == code)).one())


def _problems(database: Database, call: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught, database.transaction() as session:
        call(session)
    return {problem.field: problem.message for problem in caught.value.problems}


# --- Regions and districts ----------------------------------------------------------------------------------


def test_regions_are_named_as_on_the_date(database: Database) -> None:
    with database.reading() as session:
        in_2020 = {item.code: item.name for item in ref.list_regions(session, date(2020, 1, 1), "kk")}
        in_2023 = {item.code: item.name for item in ref.list_regions(session, date(2023, 1, 1), "ru")}
    assert in_2020["ASTANA"] == "Нұр-Сұлтан қаласы"
    assert "ABAI" not in in_2020 and "ULYTAU" not in in_2020
    assert len(in_2020) == 17
    assert in_2023["ASTANA"] == "город Астана"
    assert in_2023["ABAI"] == "Область Абай"
    assert len(in_2023) == 20


def test_regions_are_in_kazakh_alphabetical_order(database: Database) -> None:
    with database.reading() as session:
        names = [item.name for item in ref.list_regions(session, date(2024, 1, 1), "kk")]
    assert names == sorted(names, key=kazakh_key)
    assert names.index("Абай облысы") < names.index("Ақмола облысы") < names.index("Алматы облысы")
    assert names.index("Қарағанды облысы") < names.index("Қызылорда облысы") < names.index("Маңғыстау облысы")


def _district(region_id: int, kk: str, ru: str) -> ref.DistrictData:
    return ref.DistrictData(region_id=region_id, name_kk=kk, name_ru=ru)


def test_districts_are_unique_per_region_and_can_be_renamed(database: Database) -> None:
    with database.transaction() as session:
        karaganda, pavlodar = _region(session, "KARAGANDA"), _region(session, "PAVLODAR")
        saran = ref.save_district(session, _district(karaganda, "Сарань қаласы", "город Сарань"))
        ref.save_district(session, _district(karaganda, "Абай ауданы", "Абайский район"))
        ref.save_district(session, _district(pavlodar, "Сарань қаласы", "город Сарань"))  # another region
        saran_id = saran.id
    problems = _problems(database, lambda s: ref.save_district(s, _district(karaganda, "САРАНЬ ҚАЛАСЫ", "Сарань")))
    assert list(problems) == ["name_kk"]
    assert problems["name_kk"].startswith("District name in Kazakh:")
    assert "Сарань қаласы" in problems["name_kk"]
    with database.transaction() as session:
        ref.save_district(session, _district(karaganda, "Саран қ.ә.", "г.а. Сарань"), saran_id)
    with database.reading() as session:
        items = ref.list_districts(session, karaganda, "kk")
        assert [item.name for item in items] == ["Абай ауданы", "Саран қ.ә."]
        assert items[1].id == saran_id and items[1].name_ru == "г.а. Сарань"
        assert session.get(District, saran_id).name_en == "г.а. Сарань"  # type: ignore[union-attr]


def test_district_needs_names_and_a_region(database: Database) -> None:
    problems = _problems(database, lambda s: ref.save_district(s, ref.DistrictData(None, "", "")))
    assert set(problems) == {"name_kk", "name_ru", "region_id"}
    assert problems["region_id"].startswith("Region:")


def test_district_matcher_reads_spreadsheet_wordings(database: Database) -> None:
    with database.transaction() as session:
        kostanay = _region(session, "KOSTANAY")
        city = ref.save_district(session, _district(kostanay, "Қостанай қаласы", "город Костанай"))
        rural = ref.save_district(session, _district(kostanay, "Қостанай ауданы", "Костанайский район"))
        other = ref.save_district(session, _district(kostanay, "Бұқар жырау ауданы", "Бухар-Жырауский район"))
        ids = city.id, rural.id, other.id
    with database.reading() as session:
        assert ref.find_district(session, kostanay, "ҚОСТАНАЙ  ҚАЛАСЫ").id == ids[0]  # type: ignore[union-attr]
        assert ref.find_district(session, kostanay, "Костанайский р-н").id == ids[1]  # type: ignore[union-attr]
        assert ref.find_district(session, kostanay, "Костанайский район").id == ids[1]  # type: ignore[union-attr]
        assert ref.find_district(session, kostanay, "Бұқар-жырау").id == ids[2]  # type: ignore[union-attr]
        assert ref.find_district(session, kostanay, "Қостанай") is None  # city or district: ambiguous


# --- Providers --------------------------------------------------------------------------------------------


def test_provider_validation_names_each_field(database: Database) -> None:
    data = ref.ProviderData(name_kk="", name_ru=" ", bin="12345", kind_id=999, phone="call me")
    problems = _problems(database, lambda s: ref.save_provider(s, data))
    assert set(problems) == {"name_kk", "name_ru", "bin", "kind_id", "phone"}
    assert problems["name_kk"] == "Name in Kazakh: this field is required. Fill it in."
    assert problems["bin"].startswith("BIN:") and "has 5" in problems["bin"]
    assert problems["kind_id"].startswith("Kind of organisation:")
    assert problems["phone"].startswith('Phone: "call me"')


def test_bin_needs_twelve_digits_with_a_valid_check_digit(database: Database) -> None:
    good = make_bin(1)
    broken = good[:11] + str((int(good[11]) + 1) % 10)
    problems = _problems(database, lambda s: ref.save_provider(s, ref.ProviderData("А", "А", bin=broken)))
    assert "check-digit" in problems["bin"]
    problems = _problems(database, lambda s: ref.save_provider(s, ref.ProviderData("А", "А", bin="05034O001234")))
    assert "other than digits" in problems["bin"]
    with database.transaction() as session:
        saved = ref.save_provider(session, ref.ProviderData("Өрлеу", "Өрлеу", bin=f" {good[:4]} {good[4:]} "))
        assert saved.bin == good


def test_provider_bin_is_unique(database: Database) -> None:
    bin_value = make_bin(7)
    with database.transaction() as session:
        kind = _kind(session, ProviderKind, "orleu")
        first = ref.save_provider(session, ref.ProviderData("Өрлеу", "Өрлеу", bin=bin_value, kind_id=kind))
        first_id = first.id
    problems = _problems(database, lambda s: ref.save_provider(s, ref.ProviderData("Басқа", "Другой", bin=bin_value)))
    assert list(problems) == ["bin"] and '"Өрлеу"' in problems["bin"]
    with database.transaction() as session:  # saving the holder itself again is fine
        ref.save_provider(session, ref.ProviderData("Өрлеу ҰО", "Өрлеу НЦ", bin=bin_value, kind_id=kind), first_id)
    with database.reading() as session:
        assert ref.get_provider(session, first_id) == ref.ProviderData(
            "Өрлеу ҰО", "Өрлеу НЦ", bin=bin_value, kind_id=kind
        )
        rows = ref.page_providers(session, "нц", lang="ru")
        assert [(row.id, row.kind, row.bin) for row in rows] == [
            (first_id, "Национальный центр повышения квалификации \"Өрлеу\"", bin_value)
        ]


# --- Schools ----------------------------------------------------------------------------------------------


def _school(region_id: int, kk: str, ru: str, district_id: int | None = None, **more: Any) -> ref.SchoolData:
    return ref.SchoolData(name_kk=kk, name_ru=ru, region_id=region_id, district_id=district_id, **more)


def test_school_district_must_belong_to_its_region(database: Database) -> None:
    with database.transaction() as session:
        karaganda, pavlodar = _region(session, "KARAGANDA"), _region(session, "PAVLODAR")
        abai = ref.save_district(session, _district(karaganda, "Абай ауданы", "Абайский район")).id
    problems = _problems(database, lambda s: ref.save_school(s, _school(pavlodar, "№1 мектеп", "Школа №1", abai)))
    assert list(problems) == ["district_id"]
    assert problems["district_id"].startswith('District: "Абайский район" is in another region')


def test_school_name_is_unique_within_the_district(database: Database) -> None:
    with database.transaction() as session:
        karaganda = _region(session, "KARAGANDA")
        abai = ref.save_district(session, _district(karaganda, "Абай ауданы", "Абайский район")).id
        saran = ref.save_district(session, _district(karaganda, "Сарань қаласы", "город Сарань")).id
        ref.save_school(session, _school(karaganda, "№1 мектеп", "Школа №1", abai))
        ref.save_school(session, _school(karaganda, "№1 мектеп", "Школа №1", saran))  # another district
    problems = _problems(database, lambda s: ref.save_school(s, _school(karaganda, "Басқа", "ШКОЛА №1", abai)))
    assert list(problems) == ["name_ru"]
    assert problems["name_ru"].startswith("Name in Russian: the district already has a school")


def test_school_region_phone_and_missing_names(database: Database) -> None:
    problems = _problems(database, lambda s: ref.save_school(s, _school(None, "", "", phone="8 (7212) 41-23-45, x")))  # type: ignore[arg-type]
    assert set(problems) == {"name_kk", "name_ru", "region_id", "phone"}
    with database.transaction() as session:
        karaganda = _region(session, "KARAGANDA")
        school = ref.save_school(
            session, _school(karaganda, "Aбай мектебі", "Школа имени Aбая", phone="8 (7212) 41-23-45; +77012345678")
        )
        assert (school.name_kk, school.name_ru) == ("Абай мектебі", "Школа имени Абая")  # look-alikes fixed
        assert school.search_key == "абай мектебі школа имени абая"


def _fill_schools(database: Database) -> tuple[int, int, int, list[int]]:
    with database.transaction() as session:
        karaganda, astana = _region(session, "KARAGANDA"), _region(session, "ASTANA")
        abai = ref.save_district(session, _district(karaganda, "Абай ауданы", "Абайский район")).id
        saran = ref.save_district(session, _district(karaganda, "Сарань қаласы", "город Сарань")).id
        ids = []
        for n in range(1, 23):
            district = abai if n % 2 else saran
            ids.append(ref.save_school(session, _school(karaganda, f"№{n:02d} мектеп", f"Школа №{n:02d}", district)).id)
        # same Kazakh name in two districts: the order falls back to the id
        ids.append(ref.save_school(session, _school(karaganda, "№05 мектеп", "Школа №05 (бис)", saran)).id)
        ids.append(ref.save_school(session, _school(astana, "Әлібеков атындағы мектеп", "Средняя школа №5",
                                                    bin=make_bin(20))).id)
        ids.append(ref.save_school(session, _school(astana, "Мектеп-гимназия", "ШКОЛА-гимназия")).id)
    return karaganda, abai, astana, ids


def test_school_pages_agree_with_the_count_and_keep_a_stable_order(database: Database) -> None:
    karaganda, _abai, _astana, ids = _fill_schools(database)
    with database.reading() as session:
        total = ref.count_schools(session)
        pages = [ref.page_schools(session, "", offset, 10) for offset in (0, 10, 20)]
        again = [ref.page_schools(session, "", offset, 10) for offset in (0, 10, 20)]
        beyond = ref.page_schools(session, "", 30, 10)
        in_region = ref.count_schools(session, region_id=karaganda)
    assert total == 25 and in_region == 23
    assert [len(page) for page in pages] == [10, 10, 5]
    seen = [row.id for page in pages for row in page]
    assert sorted(seen) == sorted(ids) and len(set(seen)) == 25
    assert pages == again
    assert beyond == []
    names = [(row.name_kk, row.id) for page in pages for row in page]
    assert names == sorted(names, key=lambda item: (kazakh_key(item[0]), item[1]))
    fives = [row for page in pages for row in page if row.name_kk == "№05 мектеп"]
    assert [row.district for row in fives] == ["Абай ауданы", "Сарань қаласы"]
    assert fives[0].id < fives[1].id


def test_school_rows_show_district_region_and_bin(database: Database) -> None:
    _karaganda, abai, _astana, _ids = _fill_schools(database)
    with database.reading() as session:
        kk_rows = ref.page_schools(session, "әлібеков", lang="kk")
        ru_rows = ref.page_schools(session, "", 0, 3, district_id=abai, lang="ru")
        assert ref.count_schools(session, district_id=abai) == 11
    assert [(r.name_ru, r.district, r.region, r.bin) for r in kk_rows] == [
        ("Средняя школа №5", "", "Астана қаласы", make_bin(20))
    ]
    assert [(r.name_ru, r.district, r.region) for r in ru_rows] == [
        ("Школа №01", "Абайский район", "Карагандинская область"),
        ("Школа №03", "Абайский район", "Карагандинская область"),
        ("Школа №05", "Абайский район", "Карагандинская область"),
    ]


def test_school_search_folds_kazakh_and_russian_case(database: Database) -> None:
    _fill_schools(database)
    with database.reading() as session:
        def names(text: str) -> list[str]:
            rows = ref.page_schools(session, text, lang="ru")
            assert ref.count_schools(session, text) == len(rows)
            return [row.name_ru for row in rows]

        assert names("ШКОЛА-ГИМН") == ["ШКОЛА-гимназия"]
        assert names("ӘЛІ") == ["Средняя школа №5"]
        assert names("средняя ШКОЛА") == ["Средняя школа №5"]
        assert names("school") == []
        assert names("%") == []
        assert names(make_bin(20)[:6]) == ["Средняя школа №5"]
        assert len(names("школа")) == 25


def test_listing_is_one_query(database: Database) -> None:
    _fill_schools(database)
    with database.reading() as session:
        session.execute(select(1))  # the connection is open before counting
        with statements(database) as sent:
            rows = ref.page_schools(session, "мектеп", 0, 200, lang="ru")
        assert len(sent) == 1 and len(rows) == 25
        with statements(database) as sent:
            ref.count_schools(session, "мектеп")
        assert len(sent) == 1


# --- Trainers ----------------------------------------------------------------------------------------------


def test_industry_specialist_needs_three_years(database: Database) -> None:
    with database.reading() as session:
        industry = _kind(session, TrainerKind, "industry_specialist")
    problems = _problems(
        database, lambda s: ref.save_trainer(s, ref.TrainerData("Сейітов Асқар", industry, years_of_service=2))
    )
    assert list(problems) == ["years_of_service"]
    assert "at least 3 years" in problems["years_of_service"] and "п.19" in problems["years_of_service"]
    problems = _problems(database, lambda s: ref.save_trainer(s, ref.TrainerData("Сейітов Асқар", industry)))
    assert list(problems) == ["years_of_service"]
    with database.transaction() as session:
        trainer = ref.save_trainer(session, ref.TrainerData("Сейітов Асқар", industry, years_of_service=3))
        assert trainer.years_of_service == 3


def test_trainer_validation_names_each_field(database: Database) -> None:
    data = ref.TrainerData("", None, iin="791028302729", email="not-an-address", phone="12", years_of_service=-1)
    problems = _problems(database, lambda s: ref.save_trainer(s, data))
    assert set(problems) == {"full_name", "kind_id", "iin", "email", "phone", "years_of_service"}
    assert problems["full_name"].startswith("Full name:")
    assert problems["kind_id"].startswith("Kind of trainer:")
    assert "check-digit" in problems["iin"]
    assert problems["email"].startswith('E-mail: "not-an-address"')


def test_trainer_iin_is_unique_and_guest_lecturers_are_marked(database: Database) -> None:
    iin = make_iin(date(1980, 5, 17), "male", 123)
    with database.transaction() as session:
        certified = _kind(session, TrainerKind, "certified_trainer")
        guest = _kind(session, TrainerKind, "guest_lecturer")
        ref.save_trainer(session, ref.TrainerData("Әлібеков Ерлан", certified, iin=iin, email="e@orleu.kz"))
        lecturer = ref.save_trainer(session, ref.TrainerData("Иванова Анна", guest))
        assert lecturer.is_guest is True
    problems = _problems(database, lambda s: ref.save_trainer(s, ref.TrainerData("Басқа", certified, iin=iin)))
    assert list(problems) == ["iin"] and "Әлібеков Ерлан" in problems["iin"]


def test_trainer_search_finds_kazakh_names_in_any_case(database: Database) -> None:
    with database.transaction() as session:
        certified = _kind(session, TrainerKind, "certified_trainer")
        for name in ("Әлібеков Ерлан", "Алиев Руслан", "ӘЛІМЖАНОВА Гүлмира", "Иванов Пётр", "Сейітов Асқар"):
            ref.save_trainer(session, ref.TrainerData(name, certified, organisation="Өрлеу"))
    with database.reading() as session:
        def names(text: str, **filters: Any) -> list[str]:
            rows = ref.page_trainers(session, text, **filters)
            assert ref.count_trainers(session, text, **filters) == len(rows)
            return [row.full_name for row in rows]

        assert names("әлі") == ["Әлібеков Ерлан", "ӘЛІМЖАНОВА Гүлмира"]
        assert names("ерлан ӘЛІБ") == ["Әлібеков Ерлан"]
        assert names("петр") == ["Иванов Пётр"]  # ё folds to е
        everyone = names("өрлеу", kind_id=certified)
        assert everyone == ["Алиев Руслан", "Әлібеков Ерлан", "ӘЛІМЖАНОВА Гүлмира", "Иванов Пётр", "Сейітов Асқар"]
        assert everyone == sorted(everyone, key=kazakh_key)  # the Kazakh alphabet; case does not change it
        assert len(names("өрлеу")) == 5
        assert names("", is_guest=True) == []
        rows = ref.page_trainers(session, "сейітов", lang="ru")
        assert rows[0].kind == "Сертифицированный тренер"


# --- Closed lists -------------------------------------------------------------------------------------------


def test_reference_lists_for_combo_boxes(database: Database) -> None:
    with database.reading() as session:
        levels = ref.education_levels(session, "kk")
        formats = ref.course_formats(session, "ru")
        categories = ref.qualification_categories(session, "ru")
        trainer_kinds = ref.trainer_kinds(session, "en")
        provider_kinds = ref.provider_kinds(session, "kk")
    level_id, code, name = levels[0]
    assert (code, name) == ("preschool", "Мектепке дейінгі тәрбие және оқыту") and level_id > 0
    assert [item.code for item in levels][-1] == "postgraduate" and len(levels) == 7
    assert [(item.code, item.abroad) for item in formats] == [
        ("on_the_job", False), ("off_the_job", False), ("abroad", True)
    ]
    legacy = [item.legacy for item in categories]
    assert legacy == sorted(legacy) and legacy.count(True) == 4
    assert categories[0].name == "Педагог-стажер" and categories[-1].name == "Высшая категория"
    assert "industry_specialist" in [item.code for item in trainer_kinds]
    assert provider_kinds[-1].code == "foreign"


def test_nothing_is_left_after_a_refused_save(database: Database) -> None:
    with database.reading() as session:
        before = [session.scalar(select(func.count()).select_from(m)) for m in (Provider, School, Trainer, District)]
    _problems(database, lambda s: ref.save_provider(s, ref.ProviderData("", "")))
    _problems(database, lambda s: ref.save_school(s, ref.SchoolData("А", "А", None)))
    with database.reading() as session:
        after = [session.scalar(select(func.count()).select_from(m)) for m in (Provider, School, Trainer, District)]
    assert before == after == [0, 0, 0, 0]
