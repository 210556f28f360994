"""Printed forms (Appendices 1-3, the receipt, the listeners list) as PDFs, read back with pypdf."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import format_date
from pedesk.models import (
    Cohort,
    DocumentKind,
    Enrolment,
    EnrolmentDocument,
    Office,
    PreviousCourse,
    Programme,
    Provider,
    ProviderKind,
    QualificationCategory,
    Region,
    Teacher,
)
from pedesk.models.database import Database
from pedesk.models.enums import EnrolmentStatus, Language
from pedesk.paths import resources_dir
from pedesk.services.common.errors import ValidationError
from pedesk.services.forms import documents as forms
from tests.builders import (
    cohort,
    education_level,
    flat,
    listener,
    own_office,
    pdf_fonts,
    pdf_text,
    programme,
    provider,
    ref_row,
    teacher,
)

NAME = "Әлібеков Ерлан Серікұлы"
IIN = "791028302728"
PROVIDER_KK = ("«Өрлеу» біліктілікті арттыру ұлттық орталығы» АҚ филиалы Қарағанды облысы бойынша "
               "педагогикалық қызметкерлердің біліктілігін арттыру институты")
PROVIDER_RU = ("Филиал АО «Национальный центр повышения квалификации «Өрлеу» Институт повышения "
               "квалификации педагогических работников по Карагандинской области")
HEAD = "Сейітова Гүлнар Қайратқызы"
OFFICE_KK = "Қарағанды облысының әдістемелік кабинеті"
OFFICE_RU = "Методический кабинет Карагандинской области"
OFFICE_HEAD = "Нұрланова Сәуле Ерболқызы"
FOREIGN_KK = "Хельсинки университеті (Финляндия)"
FOREIGN_RU = "Хельсинкский университет (Финляндия)"
PROGRAMME_KK = "Қазақ әдебиетін оқытудағы үздік тәжірибе: өлең және ұлттық құндылықтар"
PROGRAMME_RU = "Лучшая практика преподавания казахской литературы: поэзия и национальные ценности"
ABROAD_KK = "Ағылшын тілін оқытудың заманауи әдістемесі"
ABROAD_RU = "Современная методика преподавания английского языка"
POSITION = "Қазақ тілі мен әдебиеті мұғалімі"
WORKPLACE = "Қарағанды қаласының № 12 жалпы білім беретін мектебі"
APPLIED = date(2026, 1, 5)
TODAY = date(2026, 2, 25)
#: The listeners of cohort 2026-001 in Kazakh alphabetical order (А Ә Б ... О Ө ... У Ұ Ү).
LISTENERS = [
    ("Ахметова Айгүл Болатқызы", "850101400011"),
    (NAME, IIN),
    ("Бекова Дана Ержанқызы", "900202400022"),
    ("Өмірзақов Нұрлан Асқарұлы", "880303300033"),
    ("Ұлықпанова Жанар Серікқызы", "870404400044"),
]
WITHDRAWN = ("Ғабитов Самат Маратұлы", "860505300055")


@dataclass(frozen=True)
class World:
    enrolment: int
    abroad_enrolment: int
    teacher: int
    cohort: int
    empty_cohort: int


def _teacher(session: Session, full_name: str, iin: str) -> Teacher:
    surname, name, patronymic = full_name.split(" ")
    return teacher(session, 0, surname, name, patronymic=patronymic, birth=date(1985, 1, 1), iin=iin,
                   position="Мұғалім", workplace="Қарағанды қаласының № 5 мектеп-гимназиясы",
                   category=ref_row(session, QualificationCategory, "pedagog_moderator"))


def _main_teacher(session: Session) -> Teacher:
    person = teacher(
        session, 0, "Әлібеков", "Ерлан", patronymic="Серікұлы", birth=date(1979, 10, 28), iin=IIN,
        position=POSITION, education="Жоғары, Е.А. Бөкетов атындағы Қарағанды университеті, 2001",
        category=ref_row(session, QualificationCategory, "pedagog_expert"), category_valid_until=date(2028, 5, 31),
        workplace=WORKPLACE, workplace_region=ref_row(session, Region, "KARAGANDA"), total_experience_years=22,
        teaching_experience_years=21, instruction_language=Language.KK,
        home_address="Қарағанды қ., Бұқар жырау даңғылы, 45-12", phone="+7 701 123 45 67",
        email="alibekov@example.kz", additional_info="Ағылшын тілін базалық деңгейде біледі",
    )
    person.previous_courses = [
        PreviousCourse(topic="Жаңартылған білім беру мазмұны", place="«Өрлеу» БАҰО, Қарағанды",
                       start_date=date(2019, 6, 3), end_date=date(2019, 6, 14), academic_hours=80),
        PreviousCourse(topic="Цифрлық сауаттылық және STEM", place="НЗМ, Астана",
                       start_date=date(2022, 11, 1), end_date=date(2022, 11, 10), academic_hours=36),
    ]
    return person


def _programmes(session: Session, office: Office) -> tuple[Programme, Programme]:
    level = education_level(session, "basic_secondary")
    local = programme(session, office, "P1", PROGRAMME_KK, PROGRAMME_RU, 72, level=level)
    abroad = programme(session, office, "P2", ABROAD_KK, ABROAD_RU, 108, abroad=True, level=level, abroad_months=6,
                       language_course=True)
    return local, abroad


def _documents(session: Session, enrolment: Enrolment) -> None:
    received = {"application": date(2026, 1, 5), "questionnaire": date(2026, 1, 6), "id_copy": None,
                "certificate_copies": date(2026, 1, 8)}
    for code, day in received.items():
        enrolment.documents.append(EnrolmentDocument(kind=ref_row(session, DocumentKind, code), received_on=day))


def build_world(database: Database) -> World:
    with database.transaction() as session:
        office = own_office(session, name_kk=OFFICE_KK, name_ru=OFFICE_RU, head_name=OFFICE_HEAD)
        host = provider(session, PROVIDER_KK, PROVIDER_RU, head_name=HEAD)
        foreign = provider(session, FOREIGN_KK, FOREIGN_RU, kind=ref_row(session, ProviderKind, "foreign"))
        local, abroad = _programmes(session, office)
        group = cohort(session, office, local, "2026-001", date(2026, 3, 13), start=date(2026, 3, 2), host=host,
                       capacity=25, location="Қарағанды, Ерубаев көшесі, 20", enrolment_order_no="15-ө",
                       enrolment_order_date=date(2026, 2, 20))
        abroad_cohort = cohort(session, office, abroad, "2026-A01", date(2027, 2, 26), start=date(2026, 9, 1),
                               host=foreign, language=Language.EN, capacity=10)
        empty = cohort(session, office, local, "2026-002", date(2026, 4, 17), start=date(2026, 4, 6), host=host,
                       language=Language.RU, capacity=25)
        main = _main_teacher(session)
        enrolments = {}
        for full_name, iin in [LISTENERS[4], LISTENERS[2], WITHDRAWN, LISTENERS[0], LISTENERS[3], LISTENERS[1]]:
            person = main if iin == IIN else _teacher(session, full_name, iin)
            status = EnrolmentStatus.WITHDRAWN if iin == WITHDRAWN[1] else EnrolmentStatus.ENROLLED
            enrolments[iin] = listener(session, group, person, status, applied_on=APPLIED,
                                       group_language=Language.KK)
        _documents(session, enrolments[IIN])
        abroad_enrolment = listener(session, abroad_cohort, main, EnrolmentStatus.APPLIED,
                                    applied_on=date(2026, 4, 1), group_language=Language.EN,
                                    abroad_country="Финляндия", abroad_months=3)
        return World(enrolments[IIN].id, abroad_enrolment.id, main.id, group.id, empty.id)


@pytest.fixture
def world(database: Database) -> World:
    return build_world(database)


# --- reading the PDFs back ---------------------------------------------------------------------------------








def _kk_date(day: date) -> str:
    return flat(format_date(day, "long", "kk"))


def _render(database: Database, tmp_path: Path, kind: str, record: int | None, lang: str) -> tuple[str, PdfReader]:
    path = tmp_path / f"{kind}-{record}-{lang}.pdf"
    with database.reading() as session:
        if kind == "application":
            assert forms.render_application(session, record, path, lang) == path  # type: ignore[arg-type]
        elif kind == "questionnaire":
            forms.render_questionnaire(session, record, path, lang, on=TODAY)
        elif kind == "receipt":
            forms.render_receipt(session, record, path, lang, on=TODAY)  # type: ignore[arg-type]
        else:
            forms.render_listeners_list(session, record, path, lang, on=TODAY)  # type: ignore[arg-type]
    return pdf_text(path)


# --- Appendices 1 and 2: the application -------------------------------------------------------------------


def test_application_in_kazakh_is_filled_in_the_kazakh_wording(world: World, database: Database,
                                                               tmp_path: Path) -> None:
    text, reader = _render(database, tmp_path, "application", world.enrolment, "kk")
    assert "қағидаларына 1-қосымша Нысан" in text
    assert f"{PROVIDER_KK} (ұйымның атауы) басшысы {HEAD}" in text  # the addressee: organisation and head
    for value, caption in (("Әлібеков", "тегі"), ("Ерлан", "аты"), ("Серікұлы", "әкесінің аты (бар болса)"),
                           (POSITION, "қызметі")):
        assert f"{value} {caption}" in text
    assert (f"Өтініш Мен, {NAME} (Т.А.Ә.), «{PROGRAMME_KK}» білім беру бағдарламасы бойынша Қазақстан "
            "Республикасы педагогтерінің біліктілігін арттыру курстарында оқыту қазақ тілінде жүргізілетін "
            "топта оқу үшін менің кандидатурамды қарауыңызды өтінемін.") in text
    assert _kk_date(APPLIED) == "2026 ж. 5 қаңтар" and "2026 ж. 5 қаңтар" in text
    assert "(өтініш берушінің қолы)" in text and "(өтініш берілген күн)" in text
    assert "__" not in text  # every blank is filled
    assert PROGRAMME_RU not in text and "Заявление" not in text
    fonts = pdf_fonts(reader)
    assert any("NotoSerif" in name for name in fonts) and all(fonts.values()), fonts
    assert reader.metadata is not None and reader.metadata.title == "Өтініш (1-қосымша)"
    assert len(reader.pages) == 1


def test_application_in_russian(world: World, database: Database, tmp_path: Path) -> None:
    text, reader = _render(database, tmp_path, "application", world.enrolment, "ru")
    assert "Приложение 1 к Правилам организации и проведения курсов повышения квалификации педагогов" in text
    assert f"Руководителю {PROVIDER_RU} (наименование организации) {HEAD}" in text
    assert "от Әлібеков фамилия Ерлан имя Серікұлы отчество (при его наличии)" in text
    assert (f"Заявление Я, {NAME} (ФИО), прошу рассмотреть мою кандидатуру для обучения на курсах "
            "повышения квалификации педагогов Республики Казахстан по образовательной программе "
            f"«{PROGRAMME_RU}» в группе с казахским языком обучения.") in text
    assert "5 января 2026 (подпись заявителя) (дата подачи заявления)" in text
    assert PROGRAMME_KK not in text
    assert all(pdf_fonts(reader).values())


def _corner(text: str, start: str, end: str) -> str:
    """The addressee corner of an application: the text between the form's heading and its title."""
    return text.split(start, 1)[1].split(end, 1)[0].strip()


#: The captions under the head's line, as Appendices 1 and 2 print them.
HEAD_KK = "(тегі, аты, әкесінің аты бар болған жағдайда) (бұдан әрі – ТАӘ)"
HEAD_RU = "(фамилия, имя, отчество (при его наличии)) (далее – ФИО)"


def test_appendix_1_carries_only_the_lines_of_the_original(world: World, database: Database,
                                                           tmp_path: Path) -> None:
    """The corner of Appendix 1: the organisation's head, then the applicant's surname, name, patronymic and
    position, and nothing else (no "жұмыс орны" line: the original has none)."""
    text, _reader = _render(database, tmp_path, "application", world.enrolment, "kk")
    assert _corner(text, "Нысан", "Өтініш Мен,") == (
        f"{PROVIDER_KK} (ұйымның атауы) басшысы {HEAD} {HEAD_KK} Әлібеков тегі Ерлан аты "
        f"Серікұлы әкесінің аты (бар болса) {POSITION} қызметі")
    assert WORKPLACE not in text and "жұмыс орны" not in text
    text, _reader = _render(database, tmp_path, "application", world.enrolment, "ru")
    assert _corner(text, "Форма", "Заявление Я,") == (
        f"Руководителю {PROVIDER_RU} (наименование организации) {HEAD} {HEAD_RU} от Әлібеков фамилия Ерлан "
        f"имя Серікұлы отчество (при его наличии) {POSITION} должность")
    assert WORKPLACE not in text and "место работы" not in text


def test_application_abroad_is_appendix_2_with_country_and_months(world: World, database: Database,
                                                                  tmp_path: Path) -> None:
    """Appendix 2 word for word: addressed, like Appendix 1, to the head of the Ұйым that organises the course
    (the office: a foreign organisation only teaches it, п.5), the applicant's аты-жөні and position."""
    text, _reader = _render(database, tmp_path, "application", world.abroad_enrolment, "kk")
    assert "қағидаларына 2-қосымша" in text
    assert _corner(text, "Нысан", "Өтініш Мен,") == (
        f"{OFFICE_KK} (ұйымның атауы) басшысы {OFFICE_HEAD} {HEAD_KK} {NAME} аты-жөні {POSITION} қызметі")
    assert FOREIGN_KK not in text
    assert (f"Мен, {NAME} (Т.А.Ә.), шетелде Финляндия (оқитын ел) Қазақстан Республикасы педагогтерінің "
            "біліктілігін арттырудың 3 айлық курсында (3 айға дейін немесе 1 жылға дейін) оқу ағылшын тілінде "
            "жүргізілетін топта оқу үшін менің кандидатурамды қарауыңызды өтінемін.") in text
    assert "2026 ж. 1 сәуір" in text
    text, _reader = _render(database, tmp_path, "application", world.abroad_enrolment, "ru")
    assert "Приложение 2 к Правилам" in text
    assert _corner(text, "Форма", "Заявление Я,") == (
        f"Руководителю {OFFICE_RU} (наименование организации) {OFFICE_HEAD} {HEAD_RU} от {NAME} ФИО {POSITION} "
        "должность")
    assert FOREIGN_RU not in text
    assert ("для обучения за рубежом Финляндия (страна обучения) на 3-месячных курсах повышения "
            "квалификации педагогов Республики Казахстан (до 3 месяцев или до 1 года) в группе с английским "
            "языком обучения.") in text


def test_application_abroad_from_a_kazakh_organiser_is_addressed_to_it(world: World, database: Database,
                                                                       tmp_path: Path) -> None:
    """A course abroad that a Kazakh provider organises itself (НЗМ, п.5) is addressed to that provider."""
    with database.transaction() as session:
        enrolment = session.get(Enrolment, world.abroad_enrolment)
        assert enrolment is not None
        enrolment.cohort.provider = session.scalars(select(Provider).where(Provider.name_kk == PROVIDER_KK)).one()
    text, _reader = _render(database, tmp_path, "application", world.abroad_enrolment, "kk")
    assert _corner(text, "Нысан", "Өтініш Мен,").startswith(f"{PROVIDER_KK} (ұйымның атауы) басшысы {HEAD} ")


def test_missing_values_leave_a_line_to_write_on(world: World, database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        enrolment = session.get(Enrolment, world.abroad_enrolment)
        assert enrolment is not None
        enrolment.abroad_country, enrolment.abroad_months = "", None
        enrolment.cohort.programme.abroad_months = None
        enrolment.cohort.office.head_name = ""
    text, _reader = _render(database, tmp_path, "application", world.abroad_enrolment, "kk")
    assert "шетелде ______________________ (оқитын ел)" in text
    assert "арттырудың _____ айлық курсында" in text
    assert "басшысы (тегі, аты, әкесінің аты" in text  # an empty ruled line, nothing printed on it


# --- Appendix 3: the questionnaire --------------------------------------------------------------------------

KK_LABELS = ["Тегі, аты, әкесінің аты (бар болса)", "ЖСН", "Туған күні", "Лауазымы", "Білімі",
             "Біліктілік санаты (дейін жарамды)", "Жұмыс орны (өңірді көрсете отырып ұйымның толық атауы)",
             "Жалпы өтілі", "Педагогикалық өтілі", "Оқыту тілі", "Үйінің мекенжайы", "Байланыс телефоны",
             "Электронды поштасы", "Қосымша ақпарат",
             "Алдыңғы біліктілікті арттыру курстары: курс тақырыбы, өткен орны, мерзімі мен ұзақтығы."]
RU_LABELS = ["Фамилия, имя, отчество (при его наличии)", "ИИН", "Дата рождения", "Должность", "Образование",
             "Квалификационная категория (действительна до)",
             "Место работы (полное наименование организации с указанием региона)", "Общий стаж",
             "Педагогический стаж", "Язык обучения", "Домашний адрес", "Контактный телефон", "Электронная почта",
             "Дополнительная информация",
             "Предыдущие курсы повышения квалификации: тема курса, место прохождения, сроки и продолжительность."]
TEACHER_DATA = [NAME, IIN, "Әлібеков", POSITION, WORKPLACE, "Бөкетов", "Бұқар жырау", "+7 701", "alibekov@",
                "базалық деңгейде", "Жаңартылған білім", "STEM", "14.06.2019", "Педагог-"]


def test_questionnaire_in_kazakh_has_every_field(world: World, database: Database, tmp_path: Path) -> None:
    text, reader = _render(database, tmp_path, "questionnaire", world.teacher, "kk")
    assert ("Қазақстан Республикасы педагогтерінің біліктілігін арттыру курстары тыңдаушыларының "
            "сауалнамасы") in text
    expected = [
        NAME, IIN, _kk_date(date(1979, 10, 28)), POSITION, "Жоғары, Е.А. Бөкетов атындағы Қарағанды университеті, 2001",
        "Педагог-сарапшы, 2028 ж. 31 мамыр дейін жарамды", f"{WORKPLACE}, Қарағанды облысы", "22 жыл", "21 жыл",
        "қазақ тілі", "Қарағанды қ., Бұқар жырау даңғылы, 45-12", "+7 701 123 45 67", "alibekov@example.kz",
        "Ағылшын тілін базалық деңгейде біледі",
    ]
    for label, value in zip(KK_LABELS, expected, strict=False):
        assert f"{label} {value}" in text, label
    assert _kk_date(date(1979, 10, 28)) == "1979 ж. 28 қазан"
    assert KK_LABELS[-1] in text
    assert ("1 Жаңартылған білім беру мазмұны «Өрлеу» БАҰО, Қарағанды 03.06.2019 – 14.06.2019 80 "
            "2 Цифрлық сауаттылық және STEM НЗМ, Астана 01.11.2022 – 10.11.2022 36") in text
    assert all(pdf_fonts(reader).values()) and len(reader.pages) == 1


def test_questionnaire_in_russian(world: World, database: Database, tmp_path: Path) -> None:
    text, _reader = _render(database, tmp_path, "questionnaire", world.teacher, "ru")
    assert "Анкета слушателя курсов повышения квалификации педагогов Республики Казахстан" in text
    assert "Дата рождения 28 октября 1979" in text
    assert "Квалификационная категория (действительна до) Педагог-эксперт, действительна до 31 мая 2028" in text
    assert f"{WORKPLACE}, Карагандинская область" in text
    assert "Общий стаж 22 года Педагогический стаж 21 год Язык обучения казахский" in text
    assert all(label in text for label in RU_LABELS)


@pytest.mark.parametrize(("lang", "labels"), [("kk", KK_LABELS), ("ru", RU_LABELS)])
def test_blank_questionnaire_has_the_fields_and_no_teacher_data(world: World, database: Database,
                                                                tmp_path: Path, lang: str,
                                                                labels: list[str]) -> None:
    text, reader = _render(database, tmp_path, "questionnaire", None, lang)
    assert all(label in text for label in labels)
    for value in TEACHER_DATA + ["Жоқ", "Нет", "жыл", "года", "__"]:
        assert value not in text, value
    assert not re.search(r"\d{4}", text)  # no IIN, no date, no year
    assert all(pdf_fonts(reader).values()) and len(reader.pages) == 1


# --- the receipt --------------------------------------------------------------------------------------------


def _kind_names(database: Database, lang: str) -> dict[str, str]:
    with database.reading() as session:
        return {kind.code: kind.name(lang) for kind in session.scalars(select(DocumentKind))}


@pytest.mark.parametrize(("lang", "total", "dated"), [("kk", "Барлығы: 3 құжат.", "Күні: 2026 ж. 25 ақпан"),
                                                      ("ru", "Всего: 3 документа.", "Дата: 25 февраля 2026")])
def test_receipt_lists_only_the_received_documents(world: World, database: Database, tmp_path: Path,
                                                   lang: str, total: str, dated: str) -> None:
    text, reader = _render(database, tmp_path, "receipt", world.enrolment, lang)
    names = _kind_names(database, lang)
    assert (f"1 {names['application']} 05.01.2026 2 {names['questionnaire']} 06.01.2026 "
            f"3 {names['certificate_copies']} 08.01.2026 {total}") in text
    assert names["id_copy"] not in text and names["motivation_letter"] not in text  # not received
    assert NAME in text and IIN in text and "2026-001" in text
    assert (PROGRAMME_KK if lang == "kk" else PROGRAMME_RU) in text
    assert dated in text
    if lang == "kk":
        assert "ҚОЛХАТ" in text and "Құжаттарды тапсырды:" in text and "Құжаттарды қабылдады:" in text
        assert f"Құжаттарды тапсырды: {NAME} (қолы) (Т.А.Ә.)" in text
        assert "Оқу мерзімі 2026 ж. 2 наурыз – 2026 ж. 13 наурыз" in text
    else:
        assert "РАСПИСКА" in text and "Документы сдал(а):" in text and "Документы принял(а):" in text
    assert all(pdf_fonts(reader).values())


# --- the listeners list -------------------------------------------------------------------------------------


def test_listeners_list_in_kazakh(world: World, database: Database, tmp_path: Path) -> None:
    text, reader = _render(database, tmp_path, "listeners", world.cohort, "kk")
    assert PROVIDER_KK in text and "Қарағанды облысының әдістемелік кабинеті" in text
    assert "ТЫҢДАУШЫЛАР ТІЗІМІ" in text
    assert f"Топ 2026-001 Білім беру бағдарламасы {PROGRAMME_KK}, 72 академиялық сағат" in text
    assert "Оқу мерзімі 2026 ж. 2 наурыз – 2026 ж. 13 наурыз Оқыту тілі қазақ тілі" in text
    assert "Қабылдау туралы бұйрық № 15-ө, 2026 ж. 20 ақпан" in text  # п.16
    rows = [f"{number} {name} {iin}" for number, (name, iin) in enumerate(LISTENERS, start=1)]
    positions = [text.find(row) for row in rows]
    assert -1 not in positions and positions == sorted(positions), positions  # numbered, alphabetical
    assert all(text.count(iin) == 1 for _name, iin in LISTENERS)  # one row per listener
    assert WITHDRAWN[0] not in text and WITHDRAWN[1] not in text
    assert "Барлығы: 5 тыңдаушы." in text
    assert f"Ұйым басшысы {HEAD} (қолы) (Т.А.Ә.) М.О. Күні: 2026 ж. 25 ақпан" in text
    assert "Бет 1 / 1" in text and all(pdf_fonts(reader).values())


def test_listeners_list_in_russian(world: World, database: Database, tmp_path: Path) -> None:
    text, _reader = _render(database, tmp_path, "listeners", world.cohort, "ru")
    assert "СПИСОК СЛУШАТЕЛЕЙ курсов повышения квалификации педагогов" in text
    assert f"Образовательная программа {PROGRAMME_RU}, 72 академических часа" in text
    assert "Сроки обучения 2 марта 2026 – 13 марта 2026 Язык обучения казахский" in text
    assert "Приказ о зачислении № 15-ө от 20 февраля 2026" in text
    rows = [f"{number} {name} {iin}" for number, (name, iin) in enumerate(LISTENERS, start=1)]
    positions = [text.find(row) for row in rows]
    assert -1 not in positions and positions == sorted(positions), positions
    assert "Всего: 5 слушателей." in text and "Страница 1 из 1" in text


def test_listeners_list_without_an_order_or_listeners(world: World, database: Database, tmp_path: Path) -> None:
    text, _reader = _render(database, tmp_path, "listeners", world.empty_cohort, "ru")
    assert "Приказ о зачислении" not in text and "Место проведения" not in text
    assert "Слушателей нет" in text and "Всего: 0 слушателей." in text


def test_a_long_listeners_list_repeats_its_header_on_every_page(world: World, database: Database,
                                                                tmp_path: Path) -> None:
    with database.transaction() as session:
        cohort = session.get(Cohort, world.empty_cohort)
        for number in range(41):
            person = _teacher(session, f"Тыңдаушы{number:02} Аты{number:02} Әкесі", f"9001014{number:05}")
            session.add(Enrolment(cohort=cohort, teacher=person, applied_on=APPLIED, status=EnrolmentStatus.ENROLLED))
    path = tmp_path / "long.pdf"
    with database.reading() as session:
        forms.render_listeners_list(session, world.empty_cohort, path, "kk", on=TODAY)
    reader = PdfReader(path)
    pages = len(reader.pages)
    assert pages > 1
    for number, page in enumerate(reader.pages, start=1):
        page_text = flat(page.extract_text())
        if re.search(r"\d{12}", page_text):  # a page with listeners' rows
            assert "Тегі, аты, әкесінің аты ЖСН Лауазымы Жұмыс орны Санаты" in page_text
        assert f"Бет {number} / {pages}" in page_text
    last = flat(reader.pages[-1].extract_text())
    assert f"Ұйым басшысы {HEAD} (қолы) (Т.А.Ә.)" in last  # the signature row is kept in one piece
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    assert "Барлығы: 41 тыңдаушы." in text and "41 Тыңдаушы40 Аты40 Әкесі" in text


# --- every form: fonts, wrapping, refusals, layouts as data -------------------------------------------------

FORMS = [("application", "enrolment", "application"), ("application", "abroad_enrolment", "application_abroad"),
         ("questionnaire", "teacher", "questionnaire"), ("questionnaire", None, "questionnaire"),
         ("receipt", "enrolment", "receipt"), ("listeners", "cohort", "listeners_list")]


def _words(path: Path) -> tuple[float, list[tuple[float, float, str]]]:
    """The page width and every word's left and right edge, from ``pdftotext -bbox``."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    words = [(float(x0), float(x1), word)
             for x0, x1, word in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<',
                                            html)]
    return width, words


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize(("kind", "record", "layout"), FORMS)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_long_texts_wrap_inside_the_margins(world: World, database: Database, tmp_path: Path, kind: str,
                                            record: str | None, layout: str, lang: str) -> None:
    long_words = "Жалпы білім беретін мектеп-гимназиясы-интернаты-лицейі " * 3
    with database.transaction() as session:
        for programme in session.scalars(select(Programme)):
            programme.title_kk = programme.title_ru = programme.title_kk + " " + long_words
        teacher = session.get(Teacher, world.teacher)
        assert teacher is not None
        teacher.workplace = teacher.position = teacher.education = long_words
        teacher.additional_info = "Қосымша" * 30 + "\nекінші жол"  # a word wider than any column; 2 lines
    path = tmp_path / "long.pdf"
    with database.reading() as session:
        identifier = getattr(world, record) if record else None
        if kind == "application":
            forms.render_application(session, identifier, path, lang)  # type: ignore[arg-type]
        elif kind == "questionnaire":
            forms.render_questionnaire(session, identifier, path, lang)
        elif kind == "receipt":
            forms.render_receipt(session, identifier, path, lang)  # type: ignore[arg-type]
        else:
            forms.render_listeners_list(session, identifier, path, lang)  # type: ignore[arg-type]
    margins = json.loads((resources_dir() / "forms" / f"{layout}.json").read_text(encoding="utf-8"))["page"]
    left, right = margins["margins_mm"]["left"] * 72 / 25.4, margins["margins_mm"]["right"] * 72 / 25.4
    width, words = _words(path)
    assert words
    outside = [word for x0, x1, word in words if x0 < left - 1 or x1 > width - right + 1]
    assert outside == []
    text, reader = pdf_text(path)
    assert all(pdf_fonts(reader).values())
    assert float(reader.pages[0].mediabox.width) < float(reader.pages[0].mediabox.height)  # A4 portrait


def test_refusals_name_the_field_and_write_nothing(world: World, database: Database, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    existing = folder / "form.pdf"
    existing.write_bytes(b"previous")
    calls: dict[str, Callable[[Session], Path]] = {
        "lang": lambda s: forms.render_application(s, world.enrolment, existing, "en"),
        "enrolment": lambda s: forms.render_receipt(s, 9999, existing, "kk"),
        "teacher": lambda s: forms.render_questionnaire(s, 9999, existing, "ru"),
        "cohort": lambda s: forms.render_listeners_list(s, 9999, existing, "kk"),
        "path": lambda s: forms.render_application(s, world.enrolment, folder / "missing" / "x.pdf", "kk"),
    }
    for field, call in calls.items():
        with pytest.raises(ValidationError) as error, database.reading() as session:
            call(session)
        assert error.value.for_field(field), (field, error.value.problems)
    with pytest.raises(ValidationError) as error, database.reading() as session:
        forms.render_application(session, world.enrolment, folder, "kk")
    assert "is a folder" in error.value.for_field("path")[0]
    with pytest.raises(ValidationError) as error, database.reading() as session:
        forms.render_application(session, world.enrolment, existing, "de")
    assert error.value.for_field("lang") == ["Language of the document: choose Kazakh or Russian."]
    assert existing.read_bytes() == b"previous"
    assert sorted(p.name for p in folder.iterdir()) == ["form.pdf"]


@pytest.fixture
def own_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the resources whose layouts a test may edit (fonts and catalogues linked, not copied)."""
    copy = tmp_path / "resources"
    copy.mkdir()
    shutil.copytree(resources_dir() / "forms", copy / "forms")
    for name in ("fonts", "translations"):
        (copy / name).symlink_to(resources_dir() / name, target_is_directory=True)
    monkeypatch.setenv("PEDESK_RESOURCES", str(copy))
    return copy / "forms"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_office_changes_the_wording_without_code(world: World, database: Database, tmp_path: Path,
                                                    own_resources: Path) -> None:
    _edit(own_resources / "application.json", '"kk": "Өтініш", "ru": "Заявление"',
          '"kk": "ӨТІНІШ", "ru": "ЗАЯВЛЕНИЕ"')
    _edit(own_resources / "application.json", "менің кандидатурамды қарауыңызды өтінемін.",
          "менің кандидатурамды қарауыңызды сұраймын ({cohort_code} тобы).")
    text, _reader = _render(database, tmp_path, "application", world.enrolment, "kk")
    assert "ӨТІНІШ Мен," in text and "қарауыңызды сұраймын (2026-001 тобы)." in text


@pytest.mark.parametrize(("old", "new", "reason"), [
    ('"text": "{provider_name}"', '"text": "{provider_title}"', "unknown field {provider_title}"),
    ('"type": "fields"', '"type": "picture"', "type 'picture' is not one of"),
    ('"blocks": [', '"blocks": [,', "Expecting value"),
    ('"units": {', '"units": [], "old_units": {', "units: expected an object"),
    ('"date_format": "numeric"', '"date_format": "dd/mm"', "date_format must be one of"),
])
def test_a_broken_layout_is_refused_clearly(world: World, database: Database, tmp_path: Path,
                                            own_resources: Path, old: str, new: str, reason: str) -> None:
    _edit(own_resources / "receipt.json", old, new)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ValidationError) as error, database.reading() as session:
        forms.render_receipt(session, world.enrolment, folder / "receipt.pdf", "kk")
    message = error.value.for_field("layout")[0]
    assert "receipt.json" in message and reason in message
    assert list(folder.iterdir()) == []  # not even a temporary file is left


def test_every_bundled_layout_names_only_known_fields_in_both_languages(world: World, database: Database,
                                                                        tmp_path: Path) -> None:
    assert set(forms.FORM_NAMES) <= {path.stem for path in (resources_dir() / "forms").glob("*.json")}
    for kind, record, _layout in FORMS:
        for lang in ("kk", "ru"):
            text, _reader = _render(database, tmp_path, kind, getattr(world, record) if record else None, lang)
            assert "{" not in text and "}" not in text
