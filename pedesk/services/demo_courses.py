"""Demo data, shared part and courses: the bulk writer, the context, programmes and cohorts.

Rows are plain dicts with primary keys assigned here, inserted in batches with SQLAlchemy Core in
the order of the foreign keys, all in the caller's one transaction. Used only by
:mod:`pedesk.services.demo`.
"""

from __future__ import annotations

import math
import random
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Date, DateTime, Executable, Float, Numeric, Time
from sqlalchemy.types import TypeEngine

from pedesk.models.base import Base
from pedesk.models.enums import CourseKind
from pedesk.services.demo_names import RegionSpec
from pedesk.services.rules import add_months, add_years_rule, list_formation_date
from pedesk.services.text import search_key

if TYPE_CHECKING:
    from _typeshed import SupportsLenAndGetItem

T = TypeVar("T")
Row = dict[str, Any]
ONE_DAY = timedelta(days=1)
BATCH_ROWS = 20_000

# Cohort phases relative to "today".
FINISHED, RUNNING, SOON, LATER = "finished", "running", "soon", "later"
# Teacher groups: who takes which programmes.
PRESCHOOL, PRIMARY, SECONDARY, COLLEGE = 0, 1, 2, 3
#: Public holidays of Kazakhstan with a fixed date: no classes.
HOLIDAYS = frozenset(
    {(1, 1), (1, 2), (3, 8), (3, 21), (3, 22), (3, 23), (5, 1), (5, 7), (5, 9), (7, 6), (8, 30), (10, 25),
     (12, 16)}
)


class DemoRandom(random.Random):
    """random.Random with quick ``randint``/``choice`` (one ``random()`` call each) and ``weighted``.

    Hundreds of thousands of rows draw millions of numbers; the standard methods' exact uniformity is
    not needed here, their speed is.
    """

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: SupportsLenAndGetItem[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def weighted(self, population: Sequence[T], cumulative: Sequence[float]) -> T:
        """One item, drawn with cumulative weights (see :func:`cumulative`)."""
        return population[bisect(cumulative, self.random() * cumulative[-1])]


def cumulative(weights: Sequence[float]) -> tuple[float, ...]:
    total = 0.0
    out = []
    for weight in weights:
        total += weight
        out.append(total)
    return tuple(out)


#: SQLite: insert through the driver with the values stored as SQLAlchemy would store them (dates as ISO
#: text, decimals as floats), without SQLAlchemy's per-value processing: a quarter of the time of a large
#: demo. Other databases (and the test that compares both ways) use SQLAlchemy Core inserts.
SQLITE_FAST_PATH = True


def _iso_datetime(value: datetime) -> str:
    return value.isoformat(" ", "microseconds")


def _iso_time(value: time) -> str:
    return value.isoformat("microseconds")


def _iso_date(value: date) -> str:
    return value.isoformat()


def _converter(column_type: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    """How SQLAlchemy's SQLite dialect stores a Python value of this column type (None: as it is)."""
    if isinstance(column_type, DateTime):
        return _iso_datetime
    if isinstance(column_type, Date):
        return _iso_date
    if isinstance(column_type, Time):
        return _iso_time
    if isinstance(column_type, Numeric) and not isinstance(column_type, Float):
        return float
    return None


class Writer:
    """Buffers rows per table and inserts them in batches (executemany), parents before children."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.tables = {table.name: table for table in Base.metadata.sorted_tables}
        self.order = [table.name for table in Base.metadata.sorted_tables]
        self.buffers: dict[str, list[Row]] = {name: [] for name in self.order}
        self.counts: dict[str, int] = dict.fromkeys(self.order, 0)
        self.pending = 0
        self.fast = SQLITE_FAST_PATH and conn.dialect.name == "sqlite"
        self._plans: dict[tuple[str, tuple[str, ...]], tuple[str, list[tuple[int, Callable[[Any], Any]]]]] = {}

    def add(self, table: str, row: Row) -> None:
        """Buffer a row; it reaches the database at the next :meth:`tick` past the batch size."""
        self.buffers[table].append(row)
        self.pending += 1

    def tick(self) -> None:
        """A safe point (every row a buffered row refers to is buffered too): flush a full batch."""
        if self.pending >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        """Insert every buffered row, parents first."""
        for name in self.order:
            rows = self.buffers[name]
            if rows:
                self._insert(name, rows)
                self.counts[name] += len(rows)
                self.buffers[name] = []
        self.pending = 0

    def execute(self, statement: Executable, parameters: list[Row]) -> None:
        """Run a statement (executemany) after every row buffered so far."""
        self.flush()
        self.conn.execute(statement, parameters)

    def _insert(self, name: str, rows: list[Row]) -> None:
        if not self.fast:
            self.conn.execute(self.tables[name].insert(), rows)
            return
        keys = tuple(rows[0])
        plan = self._plans.get((name, keys))
        if plan is None:
            quote = self.conn.dialect.identifier_preparer.quote
            table = self.tables[name]
            sql = (f"INSERT INTO {quote(name)} ({', '.join(quote(key) for key in keys)}) "
                   f"VALUES ({', '.join('?' for _key in keys)})")
            converters = [(i, convert) for i, key in enumerate(keys)
                          if (convert := _converter(table.c[key].type)) is not None]
            plan = self._plans[(name, keys)] = (sql, converters)
        sql, converters = plan
        data: list[tuple[Any, ...]] = []
        for row in rows:
            values = [row[key] for key in keys]
            for index, convert in converters:
                value = values[index]
                if value is not None:
                    values[index] = convert(value)
            data.append(tuple(values))
        self.conn.exec_driver_sql(sql, data)


@dataclass(frozen=True)
class OfficeInfo:
    id: int
    code: str
    name_kk: str
    name_ru: str
    city_kk: str
    city_ru: str
    head_name: str
    head_position_kk: str
    head_position_ru: str
    acting_name: str
    acting_position_kk: str
    acting_position_ru: str
    authorised_body_kk: str
    authorised_body_ru: str
    administration_kk: str
    administration_ru: str


@dataclass(frozen=True)
class ProviderInfo:
    id: int
    role: str
    name_kk: str
    name_ru: str
    address_kk: str
    address_ru: str


@dataclass(frozen=True)
class ProgrammeInfo:
    id: int
    code: str
    title_kk: str
    title_ru: str
    hours: int
    kind: str
    level: str
    format: str
    abroad: bool
    months: int | None
    language_course: bool
    direction: str
    groups: tuple[int, ...]
    weight: float


@dataclass(slots=True)
class SchoolInfo:
    id: int
    district: int
    kind: str
    name_kk: str
    name_ru: str


@dataclass(slots=True)
class TeacherInfo:
    id: int
    iin: str
    surname: str
    name: str
    patronymic: str
    lang: str
    group: int
    school: int
    certified_before: bool
    courses: list[tuple[date, date, int]] | None = None

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.name, self.patronymic) if part)


@dataclass(slots=True)
class CohortInfo:
    programme: ProgrammeInfo
    provider: ProviderInfo
    start: date
    end: date
    days: list[tuple[date, int]]
    language: str
    capacity: int
    phase: str
    fill: float
    distance: bool
    forced: bool = False
    order: int = 0
    id: int = 0
    code: str = ""
    members: list[int] = field(default_factory=list)
    trainers: list[int] = field(default_factory=list)
    order_no: str = ""
    order_date: date | None = None


@dataclass
class DemoContext:
    conn: Connection
    writer: Writer
    today: date
    seed: int
    office_code: str
    region: RegionSpec
    region_id: int
    region_name_kk: str
    region_name_ru: str
    refs: dict[str, dict[str, int]]
    #: created_at/updated_at of every row: the moment the demo was made (UTC)
    now: datetime
    office: OfficeInfo | None = None
    providers: dict[str, ProviderInfo] = field(default_factory=dict)
    programmes: list[ProgrammeInfo] = field(default_factory=list)
    trainers: list[int] = field(default_factory=list)
    guests: list[int] = field(default_factory=list)
    district_ids: list[int] = field(default_factory=list)
    schools: list[SchoolInfo] = field(default_factory=list)
    teachers: list[TeacherInfo] = field(default_factory=list)
    cohorts: list[CohortInfo] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)
    experts: list[str] = field(default_factory=list)

    def rng(self, stream: str) -> DemoRandom:
        """An independent random stream per part, so that one part's changes leave the others alone."""
        return DemoRandom(f"pedesk-demo:{self.seed}:{stream}")

    @property
    def window_start(self) -> date:
        """The first day of the five years the demo covers."""
        return add_years_rule(self.today, -5)


# --- Programmes ---------------------------------------------------------------------------------------------

S, L = CourseKind.SHORT.value, CourseKind.LONG.value
ON, OFF, ABROAD = "on_the_job", "off_the_job", "abroad"
#: title kk, title ru, hours, kind, level, format, abroad months, language course, direction
PROGRAMMES: tuple[tuple[str, str, int, str, str, str, int | None, bool, str], ...] = (
    ("Мектепке дейінгі тәрбие мен оқытудың үлгілік оқу бағдарламасын іске асыру",
     "Реализация типовой учебной программы дошкольного воспитания и обучения", 36, S, "preschool", ON, None,
     False, "Мектепке дейінгі білім / Дошкольное образование"),
    ("Мектепке дейінгі ұйымдарда балалардың танымдық белсенділігін дамыту әдістемесі",
     "Методика развития познавательной активности детей в дошкольных организациях", 72, S, "preschool", OFF,
     None, False, "Мектепке дейінгі білім / Дошкольное образование"),
    ("Мектепке дейінгі білім беру педагогтерінің кәсіби құзыреттілігін дамыту",
     "Развитие профессиональной компетентности педагогов дошкольного образования", 120, L, "preschool", OFF,
     None, False, "Мектепке дейінгі білім / Дошкольное образование"),
    ("Бастауыш сынып оқушыларының функционалдық сауаттылығын дамыту",
     "Развитие функциональной грамотности учащихся начальных классов", 72, S, "primary", ON, None, False,
     "Функционалдық сауаттылық / Функциональная грамотность"),
    ("Бастауыш сыныпта оқу сауаттылығын қалыптастыру", "Формирование читательской грамотности в начальной школе",
     36, S, "primary", ON, None, False, "Функционалдық сауаттылық / Функциональная грамотность"),
    ("Бастауыш білім берудің жаңартылған мазмұны аясында оқыту мен бағалау",
     "Обучение и оценивание в рамках обновлённого содержания начального образования", 144, L, "primary", OFF,
     None, False, "Пәндік әдістеме / Предметная методика"),
    ("Жаңартылған білім беру мазмұны аясында пәндік құзыреттілікті дамыту",
     "Развитие предметных компетенций в рамках обновлённого содержания образования", 72, S,
     "basic_secondary", ON, None, False, "Пәндік әдістеме / Предметная методика"),
    ("Педагогтің цифрлық сауаттылығы: қашықтықтан оқыту құралдары",
     "Цифровая грамотность педагога: инструменты дистанционного обучения", 36, S, "basic_secondary", ON, None,
     False, "Цифрлық сауаттылық / Цифровая грамотность"),
    ("Инклюзивті білім беру жағдайында ерекше білім беру қажеттіліктері бар балаларды оқыту",
     "Обучение детей с особыми образовательными потребностями в условиях инклюзивного образования", 108, L,
     "basic_secondary", OFF, None, False, "Инклюзивті білім беру / Инклюзивное образование"),
    ("Критериалды бағалау: тапсырмаларды құрастыру және модерациялау",
     "Критериальное оценивание: разработка заданий и модерация", 48, S, "secondary", ON, None, False,
     "Бағалау / Оценивание"),
    ("STEM-білім беру: жаратылыстану пәндерін кіріктіріп оқыту",
     "STEM-образование: интегрированное обучение естественнонаучным предметам", 72, S, "secondary", OFF, None,
     False, "STEM"),
    ("Мектептегі тәрбие жұмысы және сынып жетекшісінің рөлі",
     "Воспитательная работа в школе и роль классного руководителя", 54, S, "secondary", ON, None, False,
     "Тәрбие / Воспитание"),
    ("Мектеп басшыларының көшбасшылығы және білім беру ұйымын басқару",
     "Лидерство руководителей школ и управление организацией образования", 180, L, "secondary", OFF, None,
     False, "Басқару / Менеджмент"),
    ("Оқушылардың функционалдық сауаттылығын дамыту: PISA тәжірибесі",
     "Развитие функциональной грамотности учащихся: опыт PISA", 108, L, "secondary", ON, None, False,
     "Функционалдық сауаттылық / Функциональная грамотность"),
    ("Техникалық және кәсіптік білім беруде дуалды оқытуды ұйымдастыру",
     "Организация дуального обучения в техническом и профессиональном образовании", 72, S, "post_secondary",
     ON, None, False, "ТжКБ / ТиПО"),
    ("Колледж педагогтерінің модульдік-құзыреттілік тәсіл негізінде білім беру бағдарламаларын әзірлеуі",
     "Разработка образовательных программ колледжа на основе модульно-компетентностного подхода", 120, L,
     "post_secondary", OFF, None, False, "ТжКБ / ТиПО"),
    ("Жоғары оқу орнында цифрлық білім беру ресурстарын әзірлеу",
     "Разработка цифровых образовательных ресурсов в вузе", 54, S, "higher", ON, None, False,
     "Цифрлық сауаттылық / Цифровая грамотность"),
    ("Жоғары мектеп педагогикасы және оқытудың белсенді әдістері",
     "Педагогика высшей школы и активные методы обучения", 144, L, "higher", OFF, None, False,
     "Жоғары мектеп педагогикасы / Педагогика высшей школы"),
    ("Ғылыми-педагогикалық зерттеулердің әдіснамасы", "Методология научно-педагогических исследований", 36, S,
     "postgraduate", ON, None, False, "Зерттеу / Исследование"),
    ("Магистратура мен докторантурадағы ғылыми жетекшілік", "Научное руководство в магистратуре и докторантуре",
     216, L, "postgraduate", OFF, None, False, "Зерттеу / Исследование"),
    ("Педагогтерге арналған ағылшын тілі: CLIL әдістемесі (B1 деңгейі)",
     "Английский язык для педагогов: методика CLIL (уровень B1)", 72, S, "secondary", OFF, None, True,
     "Тілдік құзыреттілік / Языковая компетенция"),
    ("Шетелдегі тағылымдама: оқытудың заманауи тәсілдері",
     "Зарубежная стажировка: современные подходы к обучению", 72, S, "secondary", ABROAD, 3, False,
     "Шетелде оқыту / Обучение за рубежом"),
    ("Шетелде біліктілікті арттыру: білім беру менеджменті",
     "Повышение квалификации за рубежом: менеджмент в образовании", 480, L, "secondary", ABROAD, 6, False,
     "Шетелде оқыту / Обучение за рубежом"),
    ("Мектепке дейінгі ұйымдағы инклюзивті орта", "Инклюзивная среда в дошкольной организации", 54, S,
     "preschool", ON, None, False, "Инклюзивті білім беру / Инклюзивное образование"),
)
LEVEL_GROUPS = {
    "preschool": (PRESCHOOL,), "primary": (PRIMARY,), "basic_secondary": (SECONDARY,),
    "secondary": (SECONDARY,), "post_secondary": (COLLEGE,), "higher": (COLLEGE,), "postgraduate": (COLLEGE,),
}
#: (kk, ru) module topics of a timetable; the last day is the final assessment.
MODULES = (
    ("Нормативтік-құқықтық негіздер", "Нормативно-правовые основы"),
    ("Бағдарламаның мазмұны және оқу мақсаттары", "Содержание программы и цели обучения"),
    ("Оқыту әдістері мен тәсілдері", "Методы и приёмы обучения"),
    ("Оқу нәтижелерін бағалау", "Оценивание результатов обучения"),
    ("Цифрлық білім беру ресурстары", "Цифровые образовательные ресурсы"),
    ("Сабақты жоспарлау және талдау", "Планирование и анализ урока"),
    ("Практикум: тәжірибе алмасу", "Практикум: обмен опытом"),
)
FINAL_TOPIC = ("Қорытынды аттестаттау", "Итоговая аттестация")


def insert_programmes(ctx: DemoContext) -> None:
    office = ctx.office
    assert office is not None
    stamp = ctx.now
    for number, (kk, ru, hours, kind, level, fmt, months, language, direction) in enumerate(PROGRAMMES, 1):
        abroad = fmt == ABROAD
        groups = (SECONDARY, COLLEGE) if abroad or language else LEVEL_GROUPS[level]
        weight = 0.05 if abroad else 0.3 if language else 1.0 if kind == S else 0.6
        info = ProgrammeInfo(number, f"PRG-{number:02d}", kk, ru, hours, kind, level, fmt, abroad, months,
                             language, direction, groups, weight)
        ctx.programmes.append(info)
        ctx.writer.add("programme", {
            "id": info.id, "office_id": office.id, "code": info.code, "title_kk": kk, "title_ru": ru,
            "academic_hours": hours, "kind": kind, "level_id": ctx.refs["education_level"][level],
            "format_id": ctx.refs["course_format"][fmt], "abroad": abroad, "abroad_months": months,
            "language_course": language, "direction": direction, "active": True,
            "search_key": search_key(info.code, kk, ru), "created_at": stamp, "updated_at": stamp,
        })


# --- Cohorts -------------------------------------------------------------------------------------------------


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def next_monday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


def split_hours(hours: int, rng: random.Random) -> list[int]:
    """A programme's academic hours as 6-8 hours a day over as many days as that takes."""
    low = math.ceil(hours / 8)
    high = max(low, hours // 6)
    days = rng.randint(low, high)
    base, extra = divmod(hours, days)
    return [base + 1] * extra + [base] * (days - extra)


def school_days(start: date, hours: list[int]) -> list[tuple[date, int]]:
    """The weekdays (public holidays skipped) from ``start`` carrying ``hours``, one day each."""
    days: list[tuple[date, int]] = []
    day = start
    while len(days) < len(hours):
        if day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS:
            days.append((day, hours[len(days)]))
        day += ONE_DAY
    return days


def _phase(ctx: DemoContext, start: date, end: date) -> str:
    if end < ctx.today:
        return FINISHED
    if start <= ctx.today:
        return RUNNING
    return SOON if list_formation_date(start) <= ctx.today else LATER


def _pick_provider(ctx: DemoContext, programme: ProgrammeInfo, rng: random.Random) -> ProviderInfo:
    if programme.abroad:
        return ctx.providers["foreign"]
    if programme.kind == S and programme.level in ("higher", "postgraduate"):
        return ctx.providers["university"]
    roll = rng.random()
    return ctx.providers["office" if roll < 0.6 else "orleu" if roll < 0.85 else "nis"]


def make_cohort(
    ctx: DemoContext, programme: ProgrammeInfo, start: date, language: str, rng: random.Random, fill: float = 1.0
) -> CohortInfo:
    if programme.abroad and programme.kind == L:
        end = add_months(start, programme.months or 6) - ONE_DAY
        days: list[tuple[date, int]] = []
    else:
        days = school_days(start, split_hours(programme.hours, rng))
        end = days[-1][0]
    phase = _phase(ctx, start, end)
    distance = programme.format == ON and rng.random() < 0.3
    return CohortInfo(programme, _pick_provider(ctx, programme, rng), start, end, [] if programme.abroad else days,
                      language, rng.randint(20, 30), phase, fill if phase == LATER else 1.0, distance)


def _random_start(ctx: DemoContext, rng: random.Random) -> date:
    low = next_monday(ctx.window_start + timedelta(days=7)).toordinal()
    high = add_months(ctx.today, 6).toordinal()
    day = date.fromordinal(low)
    for _attempt in range(20):  # summer holidays: few courses in July and August
        day = monday_of(date.fromordinal(rng.randint(low, high)))
        day = day if day.toordinal() >= low else day + timedelta(days=7)
        if day.month not in (7, 8):
            break
    return day


def _forced(ctx: DemoContext, rng: random.Random, groups: dict[str, int]) -> list[CohortInfo]:
    """Cohorts every demo has, whatever its size: running, just finished, soon, later, abroad."""
    today = ctx.today
    out: list[CohortInfo] = []

    def programmes(group: int, kind: str, abroad: bool = False) -> list[ProgrammeInfo]:
        found = [p for p in ctx.programmes if group in p.groups and p.kind == kind and p.abroad == abroad
                 and not p.language_course]
        return found or [p for p in ctx.programmes if p.kind == kind and p.abroad == abroad]

    kk, ru = groups.get("kk", SECONDARY), groups.get("ru", SECONDARY)
    long_kk = programmes(kk, L)[0]
    short_ru = max(programmes(ru, S), key=lambda p: (p.hours, -p.id))
    out.append(make_cohort(ctx, long_kk, monday_of(today) - timedelta(days=7), "kk", rng))
    out.append(make_cohort(ctx, short_ru, monday_of(today), "ru", rng))
    # two cohorts that ended within the last 31 days: assessed, certificates not issued yet
    for language, group in (("kk", kk), ("ru", ru)):
        programme = min(programmes(group, S), key=lambda p: (p.hours, p.id))
        start = monday_of(today) - timedelta(days=7 * (2 if language == "kk" else 3))
        cohort = make_cohort(ctx, programme, start, language, rng)
        while cohort.end >= today:
            start -= timedelta(days=7)
            cohort = make_cohort(ctx, programme, start, language, rng)
        out.append(cohort)
    out.append(make_cohort(ctx, programmes(kk, S)[0], next_monday(today + timedelta(days=15)), "kk", rng))
    out.append(make_cohort(ctx, programmes(ru, L)[0], next_monday(today + timedelta(days=36)), "ru", rng))
    later = add_months(today, 2)
    out.append(make_cohort(ctx, programmes(kk, S)[-1], next_monday(later + timedelta(days=7)), "kk", rng, 0.0))
    out.append(make_cohort(ctx, programmes(ru, S)[-1], next_monday(later + timedelta(days=42)), "ru", rng, 0.0))
    out.append(make_cohort(ctx, programmes(kk, L)[-1], next_monday(later + timedelta(days=84)), "kk", rng, 0.5))
    abroad_short = programmes(SECONDARY, S, abroad=True)[0]
    abroad_long = programmes(SECONDARY, L, abroad=True)[0]
    out.append(make_cohort(ctx, abroad_short, monday_of(add_months(today, -14)), "ru", rng))
    out.append(make_cohort(ctx, programmes(ru, L)[-1], monday_of(add_months(today, -15)), "ru", rng))
    out.append(make_cohort(ctx, abroad_long, monday_of(add_months(today, -11)), "kk", rng))
    for cohort in out:
        cohort.forced = True
    return out


def build_pools(ctx: DemoContext) -> dict[tuple[int, str], list[int]]:
    """Every teacher takes 0, 1 or 2 courses in the five years: one pool entry per course to take."""
    rng = ctx.rng("pools")
    pools: dict[tuple[int, str], list[int]] = {}
    for index, teacher in enumerate(ctx.teachers):
        roll = rng.random()
        times = 0 if roll < 0.28 else 1 if roll < 0.74 else 2
        if times:
            pools.setdefault((teacher.group, teacher.lang), []).extend([index] * times)
    for key in sorted(pools):
        rng.shuffle(pools[key])
    return pools


def plan_cohorts(ctx: DemoContext) -> dict[tuple[int, str], list[int]]:
    """Decide every cohort (programme, dates, language, capacity); ids and codes in start order."""
    rng = ctx.rng("cohorts")
    pools = build_pools(ctx)
    biggest: dict[str, int] = {}
    for lang in ("kk", "ru"):
        sizes = sorted(((len(pool), -group) for (group, language), pool in pools.items() if language == lang))
        if sizes:
            biggest[lang] = -sizes[-1][1]
    cohorts = _forced(ctx, rng, biggest)
    forced_in = {(biggest.get(c.language, SECONDARY), c.language) for c in cohorts}
    for key in sorted(pools):
        group, language = key
        count = math.ceil(len(pools[key]) / 25) - (5 if key in forced_in else 0)
        candidates = [p for p in ctx.programmes if group in p.groups]
        weights = [p.weight for p in candidates]
        for _number in range(max(0, count)):
            programme = rng.choices(candidates, weights)[0]
            fill = 0.0 if rng.random() < 0.4 else rng.uniform(0.3, 0.9)
            cohorts.append(make_cohort(ctx, programme, _random_start(ctx, rng), language, rng, fill))
    ctx.cohorts = cohorts
    return pools


def number_cohorts(ctx: DemoContext) -> None:
    """Drop the cohorts that found no listeners (upcoming ones may stay empty, and the ones every demo
    has stay), then number the rest in start order: ids, and codes "2025-042" per start year."""
    kept = [c for c in ctx.cohorts if c.members or c.phase == LATER or c.forced]
    kept.sort(key=lambda c: (c.start, c.order))
    per_year: dict[int, int] = {}
    for position, cohort in enumerate(kept, 1):
        cohort.id = position
        per_year[cohort.start.year] = per_year.get(cohort.start.year, 0) + 1
        cohort.code = f"{cohort.start.year}-{per_year[cohort.start.year]:03d}"
    ctx.cohorts = kept


def fill_cohorts(ctx: DemoContext, pools: dict[tuple[int, str], list[int]]) -> None:
    """Fill each cohort up to capacity (upcoming ones partly or not at all).

    The cohorts every demo has come first (in a small demo with a share of the listeners each), then
    running and upcoming ones, then the past from the most recent back.
    """
    rank = {RUNNING: 0, SOON: 1, FINISHED: 2, LATER: 3}
    for number, cohort in enumerate(ctx.cohorts):
        cohort.order = number
    order = sorted(ctx.cohorts, key=lambda c: (not c.forced, rank[c.phase], -c.start.toordinal(), c.order))
    supply = sum(len(pool) for pool in pools.values())
    demand = sum(round(c.capacity * c.fill) for c in ctx.cohorts if c.forced)
    share = min(1.0, supply / (2 * demand)) if demand else 1.0
    forced = [c for c in order if c.forced]
    targets = {c.order: max(2, round(c.capacity * c.fill * share)) if c.fill else 0 for c in forced}
    growing = True
    while growing:  # one listener at a time, so that cohorts drawing on the same teachers share them
        growing = False
        for cohort in forced:
            if len(cohort.members) < targets[cohort.order]:
                before = len(cohort.members)
                _fill(ctx, cohort, pools, before + 1)
                growing = growing or len(cohort.members) > before
    for cohort in order:
        if not cohort.forced:
            _fill(ctx, cohort, pools, round(cohort.capacity * cohort.fill))


def _fill(ctx: DemoContext, cohort: CohortInfo, pools: dict[tuple[int, str], list[int]], want: int) -> None:
    """Take ``want`` listeners from the pools of the cohort's groups and language, skipping a teacher
    already in the cohort, busy with another course then, or past 180 academic hours in five years."""
    teachers = ctx.teachers
    keys = [(group, cohort.language) for group in cohort.programme.groups if (group, cohort.language) in pools]
    members = cohort.members
    chosen = set(members)
    deferred: list[tuple[tuple[int, str], int]] = []
    hours = cohort.programme.hours
    rejects = 0
    while len(members) < want and rejects < 60:
        live = [key for key in keys if pools[key]]
        if not live:
            break
        key = max(live, key=lambda k: (len(pools[k]), k))
        index = pools[key].pop()
        taken = teachers[index].courses
        if index in chosen or (taken and not _fits(taken, cohort.start, cohort.end, hours)):
            deferred.append((key, index))
            rejects += 1
            continue
        chosen.add(index)
        members.append(index)
        if taken is None:
            teachers[index].courses = [(cohort.start, cohort.end, hours)]
        else:
            taken.append((cohort.start, cohort.end, hours))
    for key, index in deferred:
        pools[key].insert(0, index)


def _fits(taken: list[tuple[date, date, int]], start: date, end: date, hours: int) -> bool:
    """No overlap with the teacher's other course, and at most 180 academic hours in the five years."""
    total = hours
    for other_start, other_end, other_hours in taken:
        if other_start <= end and start <= other_end:
            return False
        total += other_hours
    return total <= 180
