"""reference data: regions and cities, levels, formats, categories, trainer, provider and document kinds

The lists are frozen here, in the migration, so that a later change of them is a migration of its own.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from alembic import op

from pedesk.i18n import _
from pedesk.models.migrations.keep import every_table, refuse_losing

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NEW_REGIONS = date(2022, 6, 8)  # Abai, Jetisu, Ulytau formed (Decree of 03.05.2022, in force 08.06.2022)
SHYMKENT = date(2018, 6, 19)  # Shymkent a city of republican significance; South Kazakhstan -> Turkistan
NUR_SULTAN = date(2019, 3, 23)
ASTANA_AGAIN = date(2022, 9, 17)

# code, kind, valid_from, [(kk, ru, en, valid_from, valid_to)]
REGIONS: list[tuple[str, str, date | None, list[tuple[str, str, str, date | None, date | None]]]] = [
    ("ABAI", "oblys", NEW_REGIONS, [("Абай облысы", "Область Абай", "Abai Region", NEW_REGIONS, None)]),
    ("AKMOLA", "oblys", None, [("Ақмола облысы", "Акмолинская область", "Akmola Region", None, None)]),
    ("AKTOBE", "oblys", None, [("Ақтөбе облысы", "Актюбинская область", "Aktobe Region", None, None)]),
    ("ALMATY_REG", "oblys", None, [("Алматы облысы", "Алматинская область", "Almaty Region", None, None)]),
    ("ATYRAU", "oblys", None, [("Атырау облысы", "Атырауская область", "Atyrau Region", None, None)]),
    ("WKO", "oblys", None, [
        ("Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region", None, None)]),
    ("JAMBYL", "oblys", None, [("Жамбыл облысы", "Жамбылская область", "Jambyl Region", None, None)]),
    ("JETISU", "oblys", NEW_REGIONS, [("Жетісу облысы", "Область Жетісу", "Jetisu Region", NEW_REGIONS, None)]),
    ("KARAGANDA", "oblys", None, [("Қарағанды облысы", "Карагандинская область", "Karaganda Region", None, None)]),
    ("KOSTANAY", "oblys", None, [("Қостанай облысы", "Костанайская область", "Kostanay Region", None, None)]),
    ("KYZYLORDA", "oblys", None, [("Қызылорда облысы", "Кызылординская область", "Kyzylorda Region", None, None)]),
    ("MANGYSTAU", "oblys", None, [("Маңғыстау облысы", "Мангистауская область", "Mangystau Region", None, None)]),
    ("PAVLODAR", "oblys", None, [("Павлодар облысы", "Павлодарская область", "Pavlodar Region", None, None)]),
    ("NKO", "oblys", None, [
        ("Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region", None, None)]),
    ("TURKISTAN", "oblys", None, [
        ("Оңтүстік Қазақстан облысы", "Южно-Казахстанская область", "South Kazakhstan Region", None, SHYMKENT),
        ("Түркістан облысы", "Туркестанская область", "Turkistan Region", SHYMKENT, None)]),
    ("ULYTAU", "oblys", NEW_REGIONS, [("Ұлытау облысы", "Область Ұлытау", "Ulytau Region", NEW_REGIONS, None)]),
    ("EKO", "oblys", None, [
        ("Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region", None, None)]),
    ("ASTANA", "city", None, [
        ("Астана қаласы", "город Астана", "Astana", None, NUR_SULTAN),
        ("Нұр-Сұлтан қаласы", "город Нур-Султан", "Nur-Sultan", NUR_SULTAN, ASTANA_AGAIN),
        ("Астана қаласы", "город Астана", "Astana", ASTANA_AGAIN, None)]),
    ("ALMATY", "city", None, [("Алматы қаласы", "город Алматы", "Almaty", None, None)]),
    ("SHYMKENT", "city", SHYMKENT, [("Шымкент қаласы", "город Шымкент", "Shymkent", None, None)]),
]

EDUCATION_LEVELS = [  # п.3
    ("preschool", "Мектепке дейінгі тәрбие және оқыту", "Дошкольное воспитание и обучение",
     "Preschool education and training"),
    ("primary", "Бастауыш білім беру", "Начальное образование", "Primary education"),
    ("basic_secondary", "Негізгі орта білім беру", "Основное среднее образование", "Basic secondary education"),
    ("secondary", "Орта білім (жалпы орта білім беру, техникалық және кәсіптік білім беру)",
     "Среднее образование (общее среднее, техническое и профессиональное образование)",
     "Secondary education (general secondary, technical and vocational)"),
    ("post_secondary", "Орта білімнен кейінгі білім беру", "Послесреднее образование",
     "Post-secondary education"),
    ("higher", "Жоғары білім беру", "Высшее образование", "Higher education"),
    ("postgraduate", "Жоғары оқу орнынан кейінгі білім беру", "Послевузовское образование",
     "Postgraduate education"),
]

COURSE_FORMATS = [  # п.4: code, kk, ru, en, abroad
    ("on_the_job", "Еңбек қызметінен қол үзбей (оның ішінде қашықтықтан оқыту)",
     "Без отрыва от трудовой деятельности (в том числе дистанционно)",
     "Without leaving work (including distance learning)", False),
    ("off_the_job", "Еңбекақысын сақтай отырып, еңбек қызметінен қол үзіп немесе ішінара қол үзіп",
     "С отрывом или частичным отрывом от трудовой деятельности с сохранением заработной платы",
     "Leaving work fully or partly, with pay kept", False),
    ("abroad", "Шетелде, еңбек қызметінен 1 жылға дейінгі мерзімге қол үзіп",
     "За рубежом, с отрывом от трудовой деятельности на срок до 1 года",
     "Abroad, leaving work for up to one year", True),
]

CATEGORIES = [  # code, kk, ru, en, legacy
    ("pedagog_stazher", "Педагог-стажер", "Педагог-стажер", "Trainee teacher", False),
    ("pedagog", "Педагог", "Педагог", "Teacher", False),
    ("pedagog_moderator", "Педагог-модератор", "Педагог-модератор", "Teacher-moderator", False),
    ("pedagog_expert", "Педагог-сарапшы", "Педагог-эксперт", "Teacher-expert", False),
    ("pedagog_researcher", "Педагог-зерттеуші", "Педагог-исследователь", "Teacher-researcher", False),
    ("pedagog_master", "Педагог-шебер", "Педагог-мастер", "Master teacher", False),
    ("none", "Санатсыз", "Без категории", "No category", True),
    ("second", "Екінші санат", "Вторая категория", "Second category", True),
    ("first", "Бірінші санат", "Первая категория", "First category", True),
    ("highest", "Жоғары санат", "Высшая категория", "Highest category", True),
]

TRAINER_KINDS = [  # п.19
    ("experienced_teacher", "Курстық дайындық бейіні бойынша жұмыс тәжірибесі бар педагог",
     "Педагог, имеющий опыт работы по профилю курсовой подготовки",
     "Teacher experienced in the course profile"),
    ("certified_trainer", "Сертификатталған жаттықтырушы (тренер)", "Сертифицированный тренер",
     "Certified trainer"),
    ("industry_specialist", "Кемінде 3 жыл жұмыс өтілі бар өндірістік кәсіпорын маманы",
     "Специалист производственного предприятия со стажем не менее 3 лет",
     "Industry specialist with at least 3 years' service"),
    ("university_faculty", "Жоғары оқу орнының профессор-оқытушылар құрамы",
     "Профессорско-преподавательский состав вуза", "University faculty"),
    ("guest_lecturer", "Шақырылған дәріскер (20-тармақ)", "Приглашённый лектор (пункт 20)",
     "Guest lecturer (para. 20)"),
]

PROVIDER_KINDS = [  # п.5
    ("nis", "\"Назарбаев Зияткерлік мектептері\" ДББҰ", "АОО \"Назарбаев Интеллектуальные школы\"",
     "\"Nazarbayev Intellectual Schools\" AEO"),
    ("orleu", "\"Өрлеу\" біліктілікті арттыру ұлттық орталығы",
     "Национальный центр повышения квалификации \"Өрлеу\"", "\"Orleu\" National PD Centre"),
    ("bobek", "\"Бөбек\" ұлттық ғылыми-практикалық орталығы", "Национальный научно-практический центр \"Бөбек\"",
     "\"Bobek\" National Scientific and Practical Centre"),
    ("correctional", "Түзеу педагогикасы ұлттық ғылыми-практикалық орталығы",
     "Национальный научно-практический центр коррекционной педагогики",
     "National Centre for Correctional Pedagogy"),
    ("atameken", "\"Атамекен\" ҚР Ұлттық кәсіпкерлер палатасы", "НПП РК \"Атамекен\"",
     "\"Atameken\" National Chamber of Entrepreneurs"),
    ("university", "Жоғары оқу орны", "Высшее учебное заведение", "University"),
    ("legal_entity", "Жарғысы бойынша курстар өткізетін заңды тұлға",
     "Юридическое лицо, проводящее курсы согласно уставу", "Legal entity running courses under its charter"),
    ("methodological_office", "Әдістемелік кабинет", "Методический кабинет", "Methodological office"),
    ("foreign", "Шетелдік ұйым", "Зарубежная организация", "Foreign organisation"),
]

DOCUMENT_KINDS = [  # п.8: code, kk, ru, en, required, abroad_only, optional_if_none
    ("application", "Өтініш (1 немесе 2-қосымша)", "Заявление (приложение 1 или 2)",
     "Application (Appendix 1 or 2)", True, False, False),
    ("questionnaire", "Тыңдаушының сауалнамасы (3-қосымша)", "Анкета слушателя (приложение 3)",
     "Listener's questionnaire (Appendix 3)", True, False, False),
    ("id_copy", "Жеке басын куәландыратын құжаттың көшірмесі / ЖСН", "Копия документа, удостоверяющего личность / ИИН",
     "Copy of the ID document / IIN", True, False, False),
    ("certificate_copies", "Сертификат көшірмелері (болған жағдайда)", "Копии сертификатов (при наличии)",
     "Copies of earlier certificates (if any)", False, False, True),
    ("motivation_letter", "Қазақ немесе орыс тіліндегі уәждемелік хат", "Мотивационное письмо на казахском или русском языке",
     "Motivation letter in Kazakh or Russian", True, True, False),
]


def _reference(table: str, rows: list[dict[str, object]]) -> None:
    meta = sa.MetaData()
    tbl = sa.Table(table, meta, autoload_with=op.get_bind())
    op.bulk_insert(tbl, rows)


def upgrade() -> None:
    bind = op.get_bind()
    meta = sa.MetaData()
    region = sa.Table("region", meta, autoload_with=bind)
    region_name = sa.Table("region_name", meta, autoload_with=bind)
    for code, kind, valid_from, names in REGIONS:
        result = bind.execute(region.insert().values(code=code, kind=kind, valid_from=valid_from, valid_to=None))
        assert result.inserted_primary_key is not None
        region_id = result.inserted_primary_key[0]
        bind.execute(
            region_name.insert(),
            [
                {"region_id": region_id, "name_kk": kk, "name_ru": ru, "name_en": en,
                 "valid_from": start, "valid_to": end}
                for kk, ru, en, start, end in names
            ],
        )
    _reference("education_level", [
        {"code": c, "name_kk": kk, "name_ru": ru, "name_en": en, "sort_order": i, "active": True}
        for i, (c, kk, ru, en) in enumerate(EDUCATION_LEVELS, 1)
    ])
    _reference("course_format", [
        {"code": c, "name_kk": kk, "name_ru": ru, "name_en": en, "sort_order": i, "active": True, "abroad": a}
        for i, (c, kk, ru, en, a) in enumerate(COURSE_FORMATS, 1)
    ])
    _reference("qualification_category", [
        {"code": c, "name_kk": kk, "name_ru": ru, "name_en": en, "sort_order": i, "active": not legacy,
         "legacy": legacy}
        for i, (c, kk, ru, en, legacy) in enumerate(CATEGORIES, 1)
    ])
    _reference("trainer_kind", [
        {"code": c, "name_kk": kk, "name_ru": ru, "name_en": en, "sort_order": i, "active": True}
        for i, (c, kk, ru, en) in enumerate(TRAINER_KINDS, 1)
    ])
    _reference("provider_kind", [
        {"code": c, "name_kk": kk, "name_ru": ru, "name_en": en, "sort_order": i, "active": True}
        for i, (c, kk, ru, en) in enumerate(PROVIDER_KINDS, 1)
    ])
    _reference("document_kind", [
        {"code": c, "name_kk": kk, "name_ru": ru, "name_en": en, "sort_order": i, "active": True,
         "required": req, "abroad_only": abroad, "optional_if_none": optional}
        for i, (c, kk, ru, en, req, abroad, optional) in enumerate(DOCUMENT_KINDS, 1)
    ])


_REFERENCE_TABLES = ("document_kind", "provider_kind", "trainer_kind", "qualification_category", "course_format",
                     "education_level", "region_name", "region")


def downgrade() -> None:
    # the lists go only from a database where nothing refers to them and nothing was ever changed (no audit)
    refuse_losing("0002", every_table(*_REFERENCE_TABLES), _("the records of the office"))
    for table in _REFERENCE_TABLES:
        op.execute(sa.text(f"DELETE FROM {table}"))
