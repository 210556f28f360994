"""The data package's format (п.17), one place for the exporter and the importer.

A package is a ZIP holding two files:

``manifest.json``
    ``{"format": "pedesk-package", "format_version": 1, "pedesk_version", "office": {"code", "name_kk",
    "name_ru", "region"}, "consolidated": bool, "period": {"from", "to", "label"}, "created_at",
    "files": {"data.xlsx": {"sha256", "size"}}, "counts": {sheet: rows}}``
``data.xlsx``
    one sheet per kind of record, in :data:`SHEETS` order. Row 1 holds the headings in Kazakh and Russian
    ("ЖСН / ИИН"), row 2 the stable column names (``iin``) that the importer reads by, data from row 3.
    Dates are real dates, IINs and codes text, and no cell is a formula.

Every sheet has a natural key (:attr:`SheetSpec.key`), so records merge across databases without ids:
an IIN; office + cohort code; office + certificate number; ... Every row also carries ``origin`` (the office
the record belongs to or came from) and ``created_at`` / ``updated_at``, so that an import can tell an update
from the owner from a conflicting copy sent by another office (:mod:`pedesk.services.packages.importing`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pedesk.i18n import _

__all__ = [
    "DATA_NAME",
    "FIRST_DATA_ROW",
    "MANIFEST_NAME",
    "SHEETS",
    "SPECS",
    "ColumnSpec",
    "Kind",
    "SheetSpec",
    "sheet_title",
]

MANIFEST_NAME = "manifest.json"
DATA_NAME = "data.xlsx"
FIRST_DATA_ROW = 3
"""Row 1: headings in Kazakh and Russian; row 2: column names; data from row 3."""

Kind = Literal["text", "iin", "int", "decimal", "date", "datetime", "bool", "json"]


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kk: str
    ru: str
    kind: Kind = "text"
    required: bool = False

    @property
    def heading(self) -> str:
        return self.kk if self.kk == self.ru else f"{self.kk} / {self.ru}"


@dataclass(frozen=True)
class SheetSpec:
    name: str
    kk: str
    ru: str
    key: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> ColumnSpec:
        return next(column for column in self.columns if column.name == name)


def _c(name: str, kk: str, ru: str, kind: Kind = "text", required: bool = False) -> ColumnSpec:
    return ColumnSpec(name, kk, ru, kind, required)


_OFFICE = _c("office", "Кабинет коды", "Код кабинета", required=True)
_IIN = _c("iin", "ЖСН", "ИИН", "iin", required=True)
_COHORT = _c("cohort", "Топ коды", "Код группы", required=True)
_CERTIFICATE = _c("certificate", "Сертификат нөмірі", "Номер сертификата", required=True)
_TAIL = (
    _c("origin", "Дереккөз (кабинет)", "Источник (кабинет)", required=True),
    _c("created_at", "Құрылған уақыты", "Время создания", "datetime", required=True),
    _c("updated_at", "Өзгертілген уақыты", "Время изменения", "datetime", required=True),
)


def _sheet(name: str, kk: str, ru: str, key: tuple[str, ...], *columns: ColumnSpec) -> SheetSpec:
    return SheetSpec(name, kk, ru, key, (*columns, *_TAIL))


SHEETS: tuple[SheetSpec, ...] = (
    _sheet("offices", "Кабинеттер", "Кабинеты", ("code",),
           _c("code", "Коды", "Код", required=True), _c("name_kk", "Атауы (қаз.)", "Наименование (каз.)", required=True),
           _c("name_ru", "Атауы (орыс.)", "Наименование (рус.)", required=True),
           _c("city_kk", "Қала (қаз.)", "Город (каз.)"), _c("city_ru", "Қала (орыс.)", "Город (рус.)"),
           _c("region", "Өңір коды", "Код региона")),
    _sheet("providers", "Ұйымдар", "Организации", ("name_ru",),
           _c("name_ru", "Атауы (орыс.)", "Наименование (рус.)", required=True),
           _c("name_kk", "Атауы (қаз.)", "Наименование (каз.)", required=True), _c("bin", "БСН", "БИН", "iin"),
           _c("region", "Өңір коды", "Код региона"), _c("head_name", "Басшысы", "Руководитель"),
           _c("address", "Мекенжайы", "Адрес"), _c("phone", "Телефоны", "Телефон"),
           _c("can_assess_externally", "Сырттай бағалай алады", "Проводит внешнюю аттестацию", "bool")),
    _sheet("schools", "Білім беру ұйымдары", "Организации образования", ("region", "district_ru", "name_ru"),
           _c("region", "Өңір коды", "Код региона"), _c("district_ru", "Аудан (орыс.)", "Район (рус.)"),
           _c("name_ru", "Атауы (орыс.)", "Наименование (рус.)", required=True),
           _c("district_kk", "Аудан (қаз.)", "Район (каз.)"),
           _c("name_kk", "Атауы (қаз.)", "Наименование (каз.)", required=True), _c("bin", "БСН", "БИН", "iin"),
           _c("address", "Мекенжайы", "Адрес"), _c("phone", "Телефоны", "Телефон")),
    _sheet("programmes", "Бағдарламалар", "Программы", ("office", "code"),
           _OFFICE, _c("code", "Коды", "Код", required=True),
           _c("title_kk", "Атауы (қаз.)", "Наименование (каз.)", required=True),
           _c("title_ru", "Атауы (орыс.)", "Наименование (рус.)", required=True),
           _c("hours", "Академиялық сағат", "Академических часов", "int", required=True),
           _c("kind", "Курс түрі", "Вид курса", required=True), _c("level", "Білім деңгейі", "Уровень образования", required=True),
           _c("format", "Оқыту нысаны", "Форма обучения", required=True), _c("abroad", "Шетелде", "За рубежом", "bool"),
           _c("abroad_months", "Шетелде (ай)", "За рубежом (мес.)", "int"),
           _c("language_course", "Тіл курсы", "Языковой курс", "bool"), _c("direction", "Бағыты", "Направление"),
           _c("active", "Белсенді", "Действует", "bool")),
    _sheet("cohorts", "Топтар", "Группы", ("office", "code"),
           _OFFICE, _c("code", "Коды", "Код", required=True),
           _c("programme", "Бағдарлама коды", "Код программы", required=True),
           _c("provider", "Ұйым", "Организация", required=True),
           _c("start_date", "Басталуы", "Начало", "date", required=True),
           _c("end_date", "Аяқталуы", "Окончание", "date", required=True),
           _c("language", "Оқыту тілі", "Язык обучения", required=True),
           _c("capacity", "Орын саны", "Мест", "int", required=True), _c("location", "Өтетін орны", "Место проведения"),
           _c("schedule_status", "Кесте мәртебесі", "Статус графика"), _c("agreed_on", "Келісілген күні", "Дата согласования", "date"),
           _c("agreed_with", "Кіммен келісілді", "С кем согласован"),
           _c("list_formed_on", "Тізім қалыптасқан күн", "Дата формирования списка", "date"),
           _c("enrolment_order_no", "Қабылдау бұйрығы №", "Приказ о зачислении №"),
           _c("enrolment_order_date", "Қабылдау бұйрығының күні", "Дата приказа о зачислении", "date"),
           _c("note", "Ескертпе", "Примечание")),
    _sheet("teachers", "Педагогтер", "Педагоги", ("iin",),
           _IIN, _c("surname", "Тегі", "Фамилия", required=True), _c("name", "Аты", "Имя", required=True),
           _c("patronymic", "Әкесінің аты", "Отчество"),
           _c("birth_date", "Туған күні", "Дата рождения", "date", required=True), _c("position", "Лауазымы", "Должность"),
           _c("education", "Білімі", "Образование"), _c("category", "Біліктілік санаты", "Квалификационная категория"),
           _c("category_valid_until", "Санаттың мерзімі", "Категория действует до", "date"),
           _c("school_region", "Мектеп өңірі", "Регион организации"),
           _c("school_district_ru", "Мектеп ауданы", "Район организации"),
           _c("school_name_ru", "Білім беру ұйымы", "Организация образования"),
           _c("workplace", "Жұмыс орны", "Место работы"), _c("workplace_region", "Жұмыс өңірі", "Регион работы"),
           _c("total_experience_years", "Жалпы еңбек өтілі", "Общий стаж", "int"),
           _c("teaching_experience_years", "Педагогтік өтілі", "Педагогический стаж", "int"),
           _c("instruction_language", "Оқыту тілі", "Язык обучения"), _c("home_address", "Үй мекенжайы", "Домашний адрес"),
           _c("phone", "Телефоны", "Телефон"), _c("email", "Эл. пошта", "Эл. почта"),
           _c("additional_info", "Қосымша мәлімет", "Дополнительные сведения")),
    _sheet("previous_courses", "Бұрынғы курстар", "Прежние курсы", ("iin", "topic", "start_date"),
           _IIN, _c("topic", "Тақырыбы", "Тема", required=True), _c("start_date", "Басталуы", "Начало", "date"),
           _c("end_date", "Аяқталуы", "Окончание", "date"), _c("place", "Өткен орны", "Место"),
           _c("hours", "Сағат", "Часов", "int"), _c("certificate_number", "Сертификат нөмірі", "Номер сертификата")),
    _sheet("enrolments", "Тыңдаушылар", "Слушатели", ("office", "cohort", "iin"),
           _OFFICE, _COHORT, _IIN, _c("status", "Мәртебесі", "Статус", required=True),
           _c("applied_on", "Өтініш күні", "Дата заявления", "date", required=True),
           _c("group_language", "Топ тілі", "Язык группы"), _c("abroad_country", "Ел", "Страна"),
           _c("abroad_months", "Мерзімі (ай)", "Срок (мес.)", "int"),
           _c("elig_education", "Білімі сәйкес", "Образование соответствует", "bool"),
           _c("elig_employment", "Жұмыс орны сәйкес", "Место работы соответствует", "bool"),
           _c("elig_legislation", "Заңнаманы біледі", "Знает законодательство", "bool"),
           _c("elig_english", "Ағылшын тілі", "Английский язык", "bool"),
           _c("referral_by", "Кім жіберді", "Кем направлен"), _c("referral_order_no", "Жіберу бұйрығы №", "Приказ о направлении №"),
           _c("referral_order_date", "Жіберу бұйрығының күні", "Дата приказа о направлении", "date"),
           _c("admin_letter_no", "Басқарма хаты №", "Письмо управления №"),
           _c("admin_letter_date", "Басқарма хатының күні", "Дата письма управления", "date"),
           _c("enrolment_order_no", "Қабылдау бұйрығы №", "Приказ о зачислении №"),
           _c("enrolment_order_date", "Қабылдау бұйрығының күні", "Дата приказа о зачислении", "date"),
           _c("contract_no", "Шарт №", "Договор №"), _c("contract_date", "Шарт күні", "Дата договора", "date"),
           _c("contract_amount", "Шарт сомасы", "Сумма договора", "decimal"),
           _c("late_addition_reason", "Кеш қосылу себебі", "Причина позднего включения"),
           _c("transferred_to", "Ауыстырылған топ", "Переведён в группу"),
           _c("transfer_reason", "Ауыстыру себебі", "Причина перевода"),
           _c("expulsion_order_no", "Шығару бұйрығы №", "Приказ об отчислении №"),
           _c("expulsion_order_date", "Шығару бұйрығының күні", "Дата приказа об отчислении", "date"),
           _c("commission_decision", "Комиссия шешімі", "Решение комиссии"),
           _c("repayment_amount", "Өтелетін сома", "Сумма возмещения", "decimal"), _c("note", "Ескертпе", "Примечание")),
    _sheet("assessments", "Қорытынды бағалау", "Итоговая аттестация", ("office", "cohort", "iin", "attempt"),
           _OFFICE, _COHORT, _IIN, _c("attempt", "Талпыныс", "Попытка", "int", required=True),
           _c("kind", "Түрі", "Вид", required=True), _c("mode", "Тәсілі", "Способ", required=True),
           _c("assessor", "Бағалаушы ұйым", "Организация, проводящая аттестацию"),
           _c("assessor_contract_no", "Шарт №", "Договор №"),
           _c("assessor_contract_date", "Шарт күні", "Дата договора", "date"),
           _c("expert_name", "Сарапшы", "Эксперт"), _c("expert_certificate", "Сарапшы сертификаты", "Сертификат эксперта"),
           _c("held_on", "Өткізілген күні", "Дата проведения", "date", required=True),
           _c("score", "Балл", "Балл", "decimal"), _c("max_score", "Ең жоғары балл", "Максимальный балл", "decimal"),
           _c("passed", "Өтті", "Сдал", "bool", required=True), _c("with_cohort", "Қай топпен", "С группой"),
           _c("supporting_documents", "Растайтын құжаттар", "Подтверждающие документы"), _c("note", "Ескертпе", "Примечание")),
    _sheet("certificates", "Сертификаттар", "Сертификаты", ("office", "number"),
           _OFFICE, _c("number", "Тіркеу нөмірі", "Регистрационный номер", required=True),
           _c("year", "Жылы", "Год", "int", required=True), _c("seq", "Реттік нөмірі", "Порядковый номер", "int"),
           _c("code", "Тексеру коды", "Код проверки", required=True), _c("cohort", "Топ коды", "Код группы"),
           _IIN, _c("issue_date", "Берілген күні", "Дата выдачи", "date", required=True),
           _c("valid_until", "Жарамдылық мерзімі", "Действителен до", "date", required=True),
           _c("hours", "Академиялық сағат", "Академических часов", "int", required=True),
           _c("signer_name", "Қол қойған", "Подписал"), _c("signer_position_kk", "Лауазымы (қаз.)", "Должность (каз.)"),
           _c("signer_position_ru", "Лауазымы (орыс.)", "Должность (рус.)"), _c("signer_capacity", "Өкілеттігі", "Полномочие"),
           _c("snapshot", "Басылған мәтін (JSON)", "Напечатанный текст (JSON)", "json"),
           _c("status", "Мәртебесі", "Статус", required=True), _c("external", "Шетелдік ұйымдікі", "Зарубежной организации", "bool"),
           _c("external_issuer", "Берген шетелдік ұйым", "Выдавшая зарубежная организация"),
           _c("external_topic", "Тақырыбы", "Тема"), _c("annulled_at", "Күші жойылған уақыты", "Время аннулирования", "datetime"),
           _c("annulled_by", "Күшін жойған", "Аннулировал"), _c("annul_reason", "Себебі", "Причина"),
           _c("annul_order_no", "Бұйрық №", "Приказ №"), _c("annul_order_date", "Бұйрық күні", "Дата приказа", "date"),
           _c("supersedes", "Орнына берілді", "Выдан взамен"), _c("superseded_by", "Орнына берілген", "Заменён на"),
           _c("issued_by", "Берген", "Выдал")),
    _sheet("post_course_works", "Курстан кейінгі жұмыстар", "Посткурсовые работы",
           ("office", "certificate", "held_on", "title"),
           _OFFICE, _CERTIFICATE, _c("held_on", "Өткізілген күні", "Дата проведения", "date", required=True),
           _c("title", "Атауы", "Наименование", required=True), _c("kind", "Түрі", "Вид", required=True),
           _c("place", "Өткізілген орны", "Место"), _c("evidence", "Дәлелдер", "Подтверждение"),
           _c("remote", "Қашықтықтан", "Дистанционно", "bool")),
    _sheet("monitoring", "Мониторинг", "Мониторинг", ("office", "certificate", "year_no"),
           _OFFICE, _CERTIFICATE,
           _c("year_no", "Жылы (1-3; 0 – қорытынды талдау)", "Год (1-3; 0 – итоговый анализ)", "int", required=True),
           _c("due_date", "Мерзімі", "Срок", "date", required=True), _c("done_on", "Өткізілген күні", "Дата проведения", "date"),
           _c("method", "Әдісі", "Метод"), _c("done_by", "Жүргізген", "Провёл"), _c("findings", "Қорытындылар", "Выводы"),
           _c("result", "Нәтижесі", "Результат")),
)
"""Every sheet, in the order they are written and applied (a sheet only refers to sheets before it)."""

SPECS: dict[str, SheetSpec] = {spec.name: spec for spec in SHEETS}


def sheet_title(sheet: str, lang: str) -> str:
    """The sheet's name for people, in Kazakh for ``kk`` and in Russian otherwise ("" names the file)."""
    if not sheet:
        return _("the package file")
    spec = SPECS.get(sheet)
    if spec is None:
        return sheet
    return spec.kk if lang == "kk" else spec.ru
