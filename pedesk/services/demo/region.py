"""Demo data: a realistic, deterministic region of teachers, courses and certificates in a new database.

``generate_demo(database, teachers=...)`` fills an empty migrated database with one office's region:
districts, schools, providers, trainers, programmes, teachers, five years of cohorts (and six months
ahead), enrolments, assessments, certificates, post-course support, monitoring and next year's plan.
The same seed and ``today`` give the same rows, apart from created_at/updated_at (the moment the demo
was made). Rows are plain dicts with primary keys assigned here, inserted in batches in one transaction
(see :class:`pedesk.services.demo.base.Writer`), so that 100,000 teachers take well under a minute.
"""

from __future__ import annotations

import gc
import time as clock
import zlib
from dataclasses import asdict, dataclass
from datetime import date, datetime, time

from sqlalchemy import Connection, Integer, func, select, text

from pedesk.i18n import _, format_number
from pedesk.models.base import Base
from pedesk.models.database import Database
from pedesk.models.reference import Region, RegionName
from pedesk.services.common import ProgressCallback, search_key
from pedesk.services.demo import names
from pedesk.services.demo.base import DemoContext, OfficeInfo, ProviderInfo, SchoolInfo, Writer
from pedesk.services.demo.courses import fill_cohorts, insert_programmes, number_cohorts, plan_cohorts
from pedesk.services.demo.enrolment import write_cohorts, write_enrolments
from pedesk.services.demo.people import make_bin, make_teachers, person, phone
from pedesk.services.demo.results import write_certificates, write_plans, write_support
from pedesk.services.rules import DEFAULT_PATTERN

__all__ = ["MAX_TEACHERS", "DemoError", "DemoSummary", "generate_demo", "region_for"]

MAX_TEACHERS = 1_000_000
MAX_OFFICE_CODE = 20
#: SQLite page cache while the demo is written (KiB): the indexes of a large demo stay in memory.
SQLITE_CACHE_KIB = 131_072
#: Tables that must be empty: demo data never mixes with real records.
_MUST_BE_EMPTY = (
    "office", "teacher", "district", "school", "provider", "trainer", "programme", "cohort", "enrolment",
    "certificate", "plan_entry",
)
_REFERENCE_TABLES = (
    "education_level", "course_format", "qualification_category", "trainer_kind", "provider_kind",
    "document_kind",
)
AUTHORISED_BODY = ("Қазақстан Республикасы Оқу-ағарту министрлігі", "Министерство просвещения Республики Казахстан")


class DemoError(ValueError):
    """Demo data cannot be made: the message (translated) says why and what to do."""


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind were made, and how long it took."""

    offices: int
    districts: int
    schools: int
    providers: int
    trainers: int
    programmes: int
    teachers: int
    previous_courses: int
    cohorts: int
    cohort_trainers: int
    schedule_sessions: int
    enrolments: int
    enrolment_documents: int
    status_changes: int
    assessments: int
    certificates: int
    certificate_counters: int
    post_course_works: int
    monitoring_records: int
    plan_entries: int
    seconds: float

    def counts(self) -> dict[str, int]:
        """Record counts by kind (everything but ``seconds``)."""
        return {key: value for key, value in asdict(self).items() if key != "seconds"}


class _Progress:
    """Progress in per mille over weighted stages."""

    TOTAL = 1000

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.base = 0
        self.width = 0
        self.text = ""

    def stage(self, start: int, end: int, text: str) -> None:
        self.base, self.width, self.text = start, end - start, text
        self.part(0.0)

    def part(self, fraction: float) -> None:
        if self.callback is not None:
            done = self.base + int(self.width * min(max(fraction, 0.0), 1.0))
            self.callback(done, self.TOTAL, self.text)


def generate_demo(
    database: Database,
    *,
    teachers: int,
    seed: int = 1,
    office_code: str = "KRG-MK",
    office_name_kk: str | None = None,
    office_name_ru: str | None = None,
    today: date | None = None,
    progress: ProgressCallback | None = None,
) -> DemoSummary:
    """Fill an empty migrated database with a demo region of ``teachers`` teachers (see the module doc).

    Raises :class:`DemoError` (nothing written) when the database already holds data, when ``teachers``
    is not from 1 to 1,000,000 or when the office code is unusable.
    """
    if isinstance(teachers, bool) or not isinstance(teachers, int) or not 1 <= teachers <= MAX_TEACHERS:
        raise DemoError(
            _("The number of teachers must be a whole number from {minimum} to {maximum}, not {count}.").format(
                minimum=1, maximum=format_number(MAX_TEACHERS), count=teachers
            )
        )
    code = office_code.strip()
    if not code or len(code) > MAX_OFFICE_CODE:
        raise DemoError(
            _("The office code must have from 1 to {maximum} characters, for example KRG-MK.").format(
                maximum=MAX_OFFICE_CODE
            )
        )
    started = clock.perf_counter()
    steps = _Progress(progress)
    day = today or date.today()
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived rows: the cycle collector would only slow them down
    try:
        with database.engine.connect() as conn:
            cache_size = None
            if database.is_sqlite:
                conn = conn.execution_options(sqlite_begin="IMMEDIATE")
                cache_size = _sqlite_pragma(conn, "PRAGMA cache_size")
                _sqlite_pragma(conn, f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
            try:
                with conn.begin():
                    _refuse_unless_empty(conn)
                    ctx = _context(conn, day, seed, code)
                    _generate(ctx, teachers, office_name_kk, office_name_ru, steps)
            finally:
                if cache_size is not None:
                    _sqlite_pragma(conn, f"PRAGMA cache_size={cache_size}")
    finally:
        if collecting:
            gc.enable()
    steps.stage(1000, 1000, _("Demo data is ready."))
    counts = ctx.writer.counts
    return DemoSummary(
        offices=counts["office"], districts=counts["district"], schools=counts["school"],
        providers=counts["provider"], trainers=counts["trainer"], programmes=counts["programme"],
        teachers=counts["teacher"], previous_courses=counts["previous_course"], cohorts=counts["cohort"],
        cohort_trainers=counts["cohort_trainer"], schedule_sessions=counts["schedule_session"],
        enrolments=counts["enrolment"], enrolment_documents=counts["enrolment_document"],
        status_changes=counts["status_change"], assessments=counts["assessment"],
        certificates=counts["certificate"], certificate_counters=counts["certificate_counter"],
        post_course_works=counts["post_course_work"], monitoring_records=counts["monitoring_record"],
        plan_entries=counts["plan_entry"], seconds=round(clock.perf_counter() - started, 3),
    )


def _sqlite_pragma(conn: Connection, statement: str) -> int | None:
    """Run a PRAGMA on the driver's connection (outside SQLAlchemy's transaction bookkeeping)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        row = cursor.execute(statement).fetchone()
    finally:
        cursor.close()
    return int(row[0]) if row else None


def _generate(
    ctx: DemoContext, teachers: int, office_name_kk: str | None, office_name_ru: str | None, steps: _Progress
) -> None:
    """Every stage, in the order of the foreign keys; rows reach the database through ``ctx.writer``."""
    steps.stage(0, 10, _("Creating the office, its districts and schools"))
    _office(ctx, ctx.office_code, office_name_kk, office_name_ru)
    _districts_and_schools(ctx, teachers)
    steps.stage(10, 20, _("Creating providers, trainers and programmes"))
    _providers_and_trainers(ctx)
    insert_programmes(ctx)
    ctx.writer.flush()
    steps.stage(20, 200, _("Creating teachers"))
    make_teachers(ctx, teachers, steps.part)
    steps.stage(200, 240, _("Planning cohorts and their timetables"))
    pools = plan_cohorts(ctx)
    fill_cohorts(ctx, pools)
    number_cohorts(ctx)
    write_cohorts(ctx)
    steps.stage(240, 560, _("Enrolling teachers and recording final assessments"))
    outcomes = write_enrolments(ctx, steps.part)
    steps.stage(560, 760, _("Issuing certificates"))
    certificates = write_certificates(ctx, outcomes, steps.part)
    steps.stage(760, 960, _("Recording post-course support and monitoring"))
    write_support(ctx, certificates, steps.part)
    steps.stage(960, 995, _("Recording next year's plan of courses"))
    write_plans(ctx)
    ctx.writer.flush()
    _advance_sequences(ctx)


def _advance_sequences(ctx: DemoContext) -> None:
    """PostgreSQL: the ids were given here, so move each table's id sequence past them (SQLite needs
    nothing: it takes the next rowid from the table itself)."""
    conn = ctx.conn
    if conn.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        if ctx.writer.counts.get(table.name) and len(keys) == 1 and isinstance(keys[0].type, Integer):
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{keys[0].name}'), "
                    f"(SELECT COALESCE(MAX({keys[0].name}), 0) + 1 FROM {table.name}), false)"
                )
            )


def _refuse_unless_empty(conn: Connection) -> None:
    for name in _MUST_BE_EMPTY:
        table = Base.metadata.tables[name]
        if conn.execute(select(func.count()).select_from(table)).scalar_one():
            raise DemoError(
                _(
                    "This database already holds data (an office, teachers or courses). Demo data can only "
                    "go into a new, empty database: choose a new database file."
                )
            )


def region_for(office_code: str) -> names.RegionSpec:
    """The demo region of an office code: a known prefix (KRG- is Karaganda), else a checksum of the code."""
    upper = office_code.upper()
    wanted = next((region for prefix, region in names.REGION_PREFIXES if upper.startswith(prefix)), None)
    if wanted is None:
        return names.REGIONS[zlib.crc32(upper.encode("utf-8")) % len(names.REGIONS)]
    return next(spec for spec in names.REGIONS if spec.code == wanted)


def _context(conn: Connection, today: date, seed: int, office_code: str) -> DemoContext:
    refs: dict[str, dict[str, int]] = {}
    for name in _REFERENCE_TABLES:
        table = Base.metadata.tables[name]
        refs[name] = {str(row.code): int(row.id) for row in conn.execute(select(table.c.code, table.c.id))}
    spec = region_for(office_code)
    region_id = conn.execute(select(Region.id).where(Region.code == spec.code)).scalar_one()
    region_names = conn.execute(
        select(RegionName.name_kk, RegionName.name_ru)
        .where(RegionName.region_id == region_id)
        .order_by(RegionName.valid_from.desc().nulls_last())
    ).first()
    assert region_names is not None
    return DemoContext(
        conn, Writer(conn), today, seed, office_code, spec, region_id, region_names[0], region_names[1], refs,
        # records are entered "now" as the demo sees it: noon of its day (the same seed, the same data)
        datetime.combine(today, time(12, 0)),
    )


def _office(ctx: DemoContext, code: str, name_kk: str | None, name_ru: str | None) -> None:
    rng = ctx.rng("office")
    spec = ctx.region
    head = person(rng, female=True)
    acting = person(rng, female=False)
    ctx.staff = [" ".join(person(rng)[:3]) for _i in range(6)]
    ctx.experts = [" ".join(person(rng)[:3]) for _i in range(8)]
    office = OfficeInfo(
        id=1, code=code, name_kk=name_kk or f"{spec.genitive_kk} әдістемелік кабинеті",
        name_ru=name_ru or f"Методический кабинет {spec.genitive_ru}", city_kk=spec.city_kk,
        city_ru=spec.city_ru, head_name=" ".join(head[:3]), head_position_kk="Әдістемелік кабинеттің басшысы",
        head_position_ru="Руководитель методического кабинета", acting_name=" ".join(acting[:3]),
        acting_position_kk="Әдістемелік кабинет басшысының орынбасары",
        acting_position_ru="Заместитель руководителя методического кабинета",
        authorised_body_kk=AUTHORISED_BODY[0], authorised_body_ru=AUTHORISED_BODY[1],
        administration_kk=f"{spec.genitive_kk} білім басқармасы",
        administration_ru=f"Управление образования {spec.genitive_ru}",
    )
    ctx.office = office
    stamp = ctx.now
    ctx.writer.add("office", {
        "id": office.id, "code": office.code, "is_own": True, "name_kk": office.name_kk,
        "name_ru": office.name_ru, "city_kk": office.city_kk, "city_ru": office.city_ru,
        "region_id": ctx.region_id, "head_name": office.head_name, "head_position_kk": office.head_position_kk,
        "head_position_ru": office.head_position_ru, "head_absent": False, "acting_head_name": office.acting_name,
        "acting_head_position_kk": office.acting_position_kk, "acting_head_position_ru": office.acting_position_ru,
        "numbering_pattern": DEFAULT_PATTERN, "authorised_body_kk": AUTHORISED_BODY[0],
        "authorised_body_ru": AUTHORISED_BODY[1], "created_at": stamp, "updated_at": stamp,
    })


_SCHOOL_NAMES = {
    "general": ("№{n} жалпы білім беретін мектеп", "Общеобразовательная школа №{n}"),
    "gymnasium": ("№{n} гимназия", "Гимназия №{n}"),
    "lyceum": ("№{n} мектеп-лицей", "Школа-лицей №{n}"),
    "kindergarten": ("№{n} бөбекжай-бақша", "Ясли-сад №{n}"),
    "college": ("№{n} {profile_kk} колледж", "{profile_ru} колледж №{n}"),
}


def _districts_and_schools(ctx: DemoContext, teachers: int) -> None:
    rng = ctx.rng("schools")
    stamp = ctx.now
    used_bins: set[str] = set()
    districts = ctx.region.districts
    for number, spec in enumerate(districts, 1):
        ctx.district_ids.append(number)
        ctx.writer.add("district", {
            "id": number, "region_id": ctx.region_id, "name_kk": spec.name_kk, "name_ru": spec.name_ru,
            "name_en": spec.name_en, "department_name_kk": spec.department_kk,
            "department_name_ru": spec.department_ru, "created_at": stamp, "updated_at": stamp,
        })
    weights = [6 if i == 0 else 3 if spec.name_ru.startswith("город") else 1 for i, spec in enumerate(districts)]
    kinds = [kind for kind, _weight in names.SCHOOL_KINDS]
    kind_weights = [weight for _kind, weight in names.SCHOOL_KINDS]
    numbers: dict[tuple[int, str], int] = {}
    count = max(3, round(teachers / 40))
    for index in range(count):
        kind = kinds[index] if index < len(kinds) and count >= len(kinds) else rng.choices(kinds, kind_weights)[0]
        district = rng.choices(range(len(districts)), weights)[0]
        number = numbers.get((district, kind), 0) + rng.randint(1, 3)
        numbers[(district, kind)] = number
        profile = names.COLLEGE_PROFILES[number % len(names.COLLEGE_PROFILES)]
        kk_template, ru_template = _SCHOOL_NAMES[kind]
        name_kk = kk_template.format(n=number, profile_kk=profile[0])
        name_ru = ru_template.format(n=number, profile_ru=profile[1])
        spec = districts[district]
        bin_ = make_bin(rng, used_bins, rng.randint(1996, 2015))
        street = rng.choice(names.STREETS)
        school = SchoolInfo(index + 1, district, kind, name_kk, name_ru)
        ctx.schools.append(school)
        ctx.writer.add("school", {
            "id": school.id, "bin": bin_, "name_kk": name_kk, "name_ru": name_ru,
            "district_id": ctx.district_ids[district], "region_id": ctx.region_id,
            "address": f"{spec.town_kk}, {street[0]} көшесі, {rng.randint(1, 150)}",
            "phone": phone(rng), "note": "", "search_key": search_key(name_kk, name_ru, bin_),
            "created_at": stamp, "updated_at": stamp,
        })


_TRAINER_KINDS = ("experienced_teacher", "certified_trainer", "industry_specialist", "university_faculty")
_INDUSTRY = ("«Qarmet» АҚ", "«Қазақтелеком» АҚ", "«KEGOC» АҚ", "«ҚазМұнайГаз» ҰК» АҚ", "«Kaspi.kz» АҚ")
_SPECIALTIES = (
    "Пәндік әдістеме", "Критериалды бағалау", "Инклюзивті білім беру", "Цифрлық сауаттылық", "STEM",
    "Мектепке дейінгі білім", "Білім беру менеджменті", "Ағылшын тілі (CLIL)", "ТжКБ, дуалды оқыту",
)


def _providers_and_trainers(ctx: DemoContext) -> None:
    rng = ctx.rng("providers")
    office = ctx.office
    assert office is not None
    spec = ctx.region
    stamp = ctx.now
    used_bins: set[str] = set()
    entries = [
        ("office", office.name_kk, office.name_ru, "methodological_office", office.head_name, False),
        ("orleu", f"«Өрлеу» БАҰО» АҚ филиалы «{ctx.region_name_kk} бойынша кәсіби даму институты»",
         f"Филиал АО «НЦПК «Өрлеу» «Институт профессионального развития по {spec.genitive_ru}»",
         "orleu", " ".join(person(rng)[:3]), False),
        ("university", spec.university_kk, spec.university_ru, "university", " ".join(person(rng)[:3]), True),
        ("nis", f"«Назарбаев Зияткерлік мектептері» ДББҰ Педагогикалық шеберлік орталығының {spec.city_kk} "
         "қаласындағы филиалы",
         f"Филиал Центра педагогического мастерства АОО «Назарбаев Интеллектуальные школы» в городе {spec.city_ru}",
         "nis", " ".join(person(rng)[:3]), False),
        ("foreign", "Кембридж университетінің Білім беру факультеті (Ұлыбритания)",
         "Факультет образования Кембриджского университета (Великобритания)", "foreign", "", False),
    ]
    for number, (role, name_kk, name_ru, kind, head, assesses) in enumerate(entries, 1):
        foreign = role == "foreign"
        street, house = names.STREETS[(number * 7 + ctx.seed) % len(names.STREETS)], rng.randint(1, 90)
        address_kk = "Кембридж, Ұлыбритания" if foreign else f"{spec.city_kk} қ., {street[0]} көшесі, {house}"
        address_ru = "Кембридж, Великобритания" if foreign else f"г. {spec.city_ru}, ул. {street[1]}, {house}"
        ctx.providers[role] = ProviderInfo(number, role, name_kk, name_ru, address_kk, address_ru)
        bin_ = None if foreign else make_bin(rng, used_bins, rng.randint(1995, 2012))
        ctx.writer.add("provider", {
            "id": number, "bin": bin_, "name_kk": name_kk, "name_ru": name_ru,
            "kind_id": ctx.refs["provider_kind"][kind], "region_id": None if foreign else ctx.region_id,
            "head_name": head, "address": address_kk, "phone": "+44 1223 767600" if foreign else phone(rng),
            "can_assess_externally": assesses, "search_key": search_key(name_kk, name_ru, bin_),
            "created_at": stamp, "updated_at": stamp,
        })
    used_iins: set[str] = set()
    organisations = {
        "experienced_teacher": [school.name_kk for school in ctx.schools[:20]],
        "certified_trainer": [ctx.providers["nis"].name_kk, ctx.providers["orleu"].name_kk, office.name_kk],
        "industry_specialist": list(_INDUSTRY),
        "university_faculty": [spec.university_kk],
        "guest_lecturer": [spec.university_kk, ctx.providers["foreign"].name_kk],
    }
    for number in range(1, 43):
        guest = number > 40
        kind = "guest_lecturer" if guest else _TRAINER_KINDS[(number - 1) % len(_TRAINER_KINDS)]
        surname, name, patronymic, iin = person(rng, used_iins=used_iins, today=ctx.today)
        full_name = f"{surname} {name} {patronymic}"
        certificate = (f"Сертификат № {rng.randint(100, 9999)}, {rng.randint(2012, 2024)}"
                       if kind == "certified_trainer" else "")
        (ctx.guests if guest else ctx.trainers).append(number)
        ctx.writer.add("trainer", {
            "id": number, "full_name": full_name, "iin": iin, "kind_id": ctx.refs["trainer_kind"][kind],
            "organisation": rng.choice(organisations[kind]), "specialty": rng.choice(_SPECIALTIES),
            "certificate_info": certificate, "years_of_service": rng.randint(3, 35), "phone": phone(rng),
            "email": f"{names.latin(name)}.{names.latin(surname)}@mail.kz", "is_guest": guest, "active": True,
            "search_key": search_key(full_name, iin), "created_at": stamp, "updated_at": stamp,
        })

