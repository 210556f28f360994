"""Demo data, courses: programmes, and cohorts with their dates, timetables and lists of listeners.

Used only by :mod:`pedesk.services.demo.region`.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from pedesk.models.enums import CourseKind
from pedesk.services.common import search_key
from pedesk.services.demo.base import (
    COLLEGE,
    FINISHED,
    HOLIDAYS,
    LATER,
    ONE_DAY,
    PRESCHOOL,
    PRIMARY,
    RUNNING,
    SECONDARY,
    SOON,
    CohortInfo,
    DemoContext,
    ProgrammeInfo,
    ProviderInfo,
)
from pedesk.services.rules import add_months, list_formation_date

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
    out[-1].late_list = True
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
