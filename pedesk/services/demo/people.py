"""Demo data, people: names with matching IINs, and the teachers with every questionnaire field.

Used only by :mod:`pedesk.services.demo.region`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from pedesk.services.common import search_key
from pedesk.services.demo import names
from pedesk.services.demo.base import (
    COLLEGE,
    PRESCHOOL,
    PRIMARY,
    SECONDARY,
    DemoContext,
    TeacherInfo,
    cumulative,
)
from pedesk.services.rules import add_years_rule, iin_check_digit, make_iin

_VOWELS = frozenset("аеиоуыіәөүұэюя")


def _kazakh_surname(root: str) -> tuple[str, str]:
    """(male, female) forms: -ов/-ова after a consonant, -ев/-ева after a vowel or й."""
    if root.endswith("й"):
        male = root[:-1] + "ев"
    elif root[-1] in _VOWELS:
        male = root + "ев"
    else:
        male = root + "ов"
    return male, male + "а"


def _russian_female(surname: str) -> str:
    return surname + "а" if surname.endswith(("ов", "ев", "ёв", "ин", "ын")) else surname


KAZAKH_SURNAMES = tuple(_kazakh_surname(root) for root in names.KAZAKH_SURNAME_ROOTS)
RUSSIAN_SURNAMES = tuple((surname, _russian_female(surname)) for surname in names.RUSSIAN_SURNAMES)


def names_for(rng: random.Random, kazakh: bool, female: bool) -> tuple[str, str, str]:
    """(surname, name, patronymic): Kazakh -ұлы/-қызы or Russian -ович/-овна, -евич/-евна."""
    choice = rng.choice
    if kazakh:
        name = choice(names.KAZAKH_FEMALE if female else names.KAZAKH_MALE)
        patronymic = choice(names.KAZAKH_FATHERS) + ("қызы" if female else "ұлы")
        if rng.random() < 0.1:
            surname = choice(names.KAZAKH_PLAIN_SURNAMES)
        else:
            surname = choice(KAZAKH_SURNAMES)[1 if female else 0]
    else:
        name = choice(names.RUSSIAN_FEMALE if female else names.RUSSIAN_MALE)
        patronymic = choice(names.RUSSIAN_PATRONYMICS)[1 if female else 0]
        surname = choice(RUSSIAN_SURNAMES)[1 if female else 0]
    return surname, name, patronymic


def unique_iin(rng: random.Random, used: set[str], birth: date, female: bool) -> str:
    iin = make_iin(birth, "female" if female else "male", int(rng.random() * 10000))
    while iin in used:
        iin = make_iin(birth, "female" if female else "male", int(iin[7:11]) + 1)
    used.add(iin)
    return iin


def person(
    rng: random.Random,
    female: bool | None = None,
    *,
    used_iins: set[str] | None = None,
    today: date | None = None,
) -> tuple[str, str, str, str | None]:
    """(surname, name, patronymic, IIN or None) of a grown-up, for staff, trainers and experts."""
    is_female = rng.random() < 0.6 if female is None else female
    surname, name, patronymic = names_for(rng, rng.random() < 0.65, is_female)
    iin = None
    if used_iins is not None and today is not None:
        birth = today - timedelta(days=rng.randint(28 * 365, 60 * 365))
        iin = unique_iin(rng, used_iins, birth, is_female)
    return surname, name, patronymic, iin


def phone(rng: random.Random) -> str:
    """A Kazakh mobile number: +7 7xx xxx xx xx."""
    code = rng.choice(names.PHONE_CODES)
    number = 1_000_000 + int(rng.random() * 8_999_999)
    return f"+7 {code} {number // 10_000 % 1000:03d} {number // 100 % 100:02d} {number % 100:02d}"


def make_bin(rng: random.Random, used: set[str], year: int) -> str:
    """A BIN of a resident legal entity registered in ``year``, with a valid check digit."""
    while True:
        first11 = f"{year % 100:02d}{rng.randint(1, 12):02d}40{rng.randint(0, 99999):05d}"
        check = iin_check_digit(first11)
        if check is not None and first11 + str(check) not in used:
            used.add(first11 + str(check))
            return first11 + str(check)


_CURRENT_CATEGORIES = ("pedagog", "pedagog_moderator", "pedagog_expert", "pedagog_researcher", "pedagog_master")
_CURRENT_WEIGHTS = cumulative((0.3, 0.3, 0.22, 0.13, 0.05))
_LEGACY_CATEGORIES = ("none", "second", "first", "highest")
_FEMALE_SHARE = {PRESCHOOL: 0.97, PRIMARY: 0.88, SECONDARY: 0.74, COLLEGE: 0.62}
_PREVIOUS_TOPICS = (
    ("Қазақстан Республикасы педагогтерінің біліктілігін арттыру курстарының деңгейлік бағдарламасы "
     "(үшінші деңгей)", "Уровневые программы повышения квалификации педагогов Республики Казахстан (третий уровень)",
     240),
    ("Жаңартылған білім беру мазмұны аясында пән бойынша білім беру бағдарламасы",
     "Образовательная программа по предмету в рамках обновления содержания образования", 120),
    ("Критериалды бағалау жүйесі", "Система критериального оценивания", 72),
)


def make_teachers(ctx: DemoContext, count: int, progress: Callable[[float], None]) -> None:
    """``count`` teachers with valid, unique IINs agreeing with birth date and sex; 30% with a past course."""
    rng = ctx.rng("teachers")
    rand, choice = rng.random, rng.choice
    today, writer = ctx.today, ctx.writer
    stamp = ctx.now
    low = (add_years_rule(today, -64) + timedelta(days=1)).toordinal()
    span = add_years_rule(today, -22).toordinal() - low + 1
    categories = ctx.refs["qualification_category"]
    districts = ctx.region.districts
    region_id = ctx.region_id
    schools = ctx.schools
    used_iins: set[str] = set()
    city_kk, city_ru = ctx.region.city_kk, ctx.region.city_ru
    previous_id = 0
    for index in range(count):
        school = schools[int(rand() * len(schools))]
        if school.kind == "kindergarten":
            group = PRESCHOOL
        elif school.kind == "college":
            group = COLLEGE
        else:
            group = PRIMARY if rand() < 0.3 else SECONDARY
        kazakh = rand() < 0.65
        female = rand() < _FEMALE_SHARE[group]
        surname, name, patronymic = names_for(rng, kazakh, female)
        lang = ("kk" if rand() < 0.85 else "ru") if kazakh else ("ru" if rand() < 0.93 else "kk")
        birth = date.fromordinal(low + int(rand() * span))
        iin = unique_iin(rng, used_iins, birth, female)
        age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
        start_age = 20 if group == PRESCHOOL else 22
        total = max(0, age - start_age - int(rand() * 4))
        teaching = max(0, total - int(rand() * 3))
        kk = lang == "kk"
        # position and education
        if group == SECONDARY and rand() < 0.08:
            position = choice(names.SCHOOL_STAFF_POSITIONS)[0 if kk else 1]
            subject = choice(names.SUBJECTS)
            specialty = subject[2] if kk else subject[3]
        elif group == SECONDARY:
            subject = choice(names.SUBJECTS)
            position = f"{subject[0]} пәнінің мұғалімі" if kk else f"учитель {subject[1]}"
            specialty = subject[2] if kk else subject[3]
        elif group == PRIMARY:
            position = names.PRIMARY_POSITIONS[0][0 if kk else 1]
            specialty = names.PRIMARY_SPECIALTY[0 if kk else 1]
        elif group == PRESCHOOL:
            position = choice(names.PRESCHOOL_POSITIONS)[0 if kk else 1]
            specialty = names.PRESCHOOL_SPECIALTY[0 if kk else 1]
        else:
            position = choice(names.COLLEGE_POSITIONS)[0 if kk else 1]
            subject = choice(names.SUBJECTS)
            specialty = subject[2] if kk else subject[3]
        graduated = birth.year + start_age
        if group == PRESCHOOL and rand() < 0.4:
            education = (f"Техникалық және кәсіптік, {city_kk} жоғары педагогикалық колледжі, {graduated - 2} ж., "
                         f"«{specialty}» мамандығы" if kk else
                         f"Техническое и профессиональное, Высший педагогический колледж г. {city_ru}, "
                         f"{graduated - 2} г., специальность «{specialty}»")
        else:
            university = choice(names.UNIVERSITIES)
            education = (f"Жоғары, {university[0]}, {graduated} ж., «{specialty}» мамандығы" if kk else
                         f"Высшее, {university[1]}, {graduated} г., специальность «{specialty}»")
        # qualification category
        valid_until: date | None
        if teaching < 2:
            category, valid_until = "pedagog_stazher", None
        elif rand() < 0.08:
            category = choice(_LEGACY_CATEGORIES)
            valid_until = None if category == "none" else today + timedelta(days=int(rand() * 800) - 400)
        else:
            category = rng.weighted(_CURRENT_CATEGORIES, _CURRENT_WEIGHTS)
            valid_until = add_years_rule(today - timedelta(days=int(rand() * 1900)), 5)
        district = districts[school.district]
        street = choice(names.STREETS)
        house = int(rand() * 120) + 1
        flat = int(rand() * 150) + 1 if rand() < 0.6 else 0
        if kk:
            address = f"{district.town_kk}, {street[0]} көшесі, {house}-үй" + (f", {flat}-пәтер" if flat else "")
        else:
            address = f"{district.town_ru}, ул. {street[1]}, д. {house}" + (f", кв. {flat}" if flat else "")
        email = f"{names.latin(name)}.{names.latin(surname)}{birth.year % 100:02d}@{choice(names.EMAIL_DOMAINS)}"
        teacher_id = index + 1
        had_course = rand() < 0.3
        writer.add("teacher", {
            "id": teacher_id, "iin": iin, "surname": surname, "name": name, "patronymic": patronymic,
            "birth_date": birth, "position": position, "education": education,
            "category_id": categories[category], "category_valid_until": valid_until, "school_id": school.id,
            "workplace": school.name_kk if kk else school.name_ru, "workplace_region_id": region_id,
            "total_experience_years": total, "teaching_experience_years": teaching, "instruction_language": lang,
            "home_address": address, "phone": phone(rng), "email": email, "additional_info": "",
            "search_key": search_key(surname, name, patronymic, iin), "created_at": stamp, "updated_at": stamp,
        })
        if had_course:
            previous_id += 1
            topic = choice(_PREVIOUS_TOPICS)
            started = today - timedelta(days=365 * 5 + 30 + int(rand() * 1500))
            writer.add("previous_course", {
                "id": previous_id, "teacher_id": teacher_id, "topic": topic[0 if kk else 1],
                "place": "«Өрлеу» БАҰО» АҚ" if rand() < 0.6 else "«НЗМ» ДББҰ ПШО",
                "start_date": started, "end_date": started + timedelta(days=topic[2] // 8 + 4),
                "academic_hours": topic[2], "certificate_number": f"{int(rand() * 10**7):07d}",
                "created_at": stamp, "updated_at": stamp,
            })
        ctx.teachers.append(
            TeacherInfo(teacher_id, iin, surname, name, patronymic, lang, group, school.id - 1, had_course)
        )
        writer.tick()
        if index % 5000 == 4999:
            progress((index + 1) / count)
