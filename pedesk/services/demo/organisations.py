"""Demo data, organisations: the office (its head, acting head and staff), the region's districts and
schools, the course providers and the trainers. Used only by :mod:`pedesk.services.demo.region`.
"""

from __future__ import annotations

from pedesk.services.common import search_key
from pedesk.services.demo import names
from pedesk.services.demo.base import DemoContext, OfficeInfo, ProviderInfo, SchoolInfo
from pedesk.services.demo.people import make_bin, person, phone
from pedesk.services.rules import DEFAULT_PATTERN

__all__ = ["AUTHORISED_BODY", "write_districts_and_schools", "write_office", "write_providers_and_trainers"]

AUTHORISED_BODY = ("Қазақстан Республикасы Оқу-ағарту министрлігі", "Министерство просвещения Республики Казахстан")


def write_office(ctx: DemoContext, code: str, name_kk: str | None, name_ru: str | None) -> None:
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


def write_districts_and_schools(ctx: DemoContext, teachers: int) -> None:
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


#: the head's and the acting head's positions (kk, ru, kk, ru) of the providers that sign their own certificates
_HEAD_POSITIONS = {
    "orleu": ("Филиал директоры", "Директор филиала", "Филиал директорының міндетін атқарушы",
              "Исполняющий обязанности директора филиала"),
    "university": ("Басқарма төрағасы – ректор", "Председатель правления – ректор",
                   "Ректордың міндетін атқарушы", "Исполняющий обязанности ректора"),
    "nis": ("Филиал директоры", "Директор филиала", "Филиал директорының міндетін атқарушы",
            "Исполняющий обязанности директора филиала"),
}


def write_providers_and_trainers(ctx: DemoContext) -> None:
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
    heads = ctx.rng("provider heads")  # a stream of its own: the rest of the demo stays as it was
    for number, (role, name_kk, name_ru, kind, head, assesses) in enumerate(entries, 1):
        foreign = role == "foreign"
        street, house = names.STREETS[(number * 7 + ctx.seed) % len(names.STREETS)], rng.randint(1, 90)
        address_kk = "Кембридж, Ұлыбритания" if foreign else f"{spec.city_kk} қ., {street[0]} көшесі, {house}"
        address_ru = "Кембридж, Великобритания" if foreign else f"г. {spec.city_ru}, ул. {street[1]}, {house}"
        signs = role in _HEAD_POSITIONS  # the office's entry is signed for by Settings; abroad, by no one of ours
        positions = _HEAD_POSITIONS.get(role, ("", "", "", ""))
        acting = " ".join(person(heads)[:3]) if signs else ""
        info = ProviderInfo(number, role, name_kk, name_ru, address_kk, address_ru,
                            (head, *positions[:2]) if signs else ("", "", ""),
                            (acting, *positions[2:]) if signs else ("", "", ""),
                            office.city_kk if signs else "", office.city_ru if signs else "")
        ctx.providers[role] = info
        bin_ = None if foreign else make_bin(rng, used_bins, rng.randint(1995, 2012))
        ctx.writer.add("provider", {
            "id": number, "bin": bin_, "name_kk": name_kk, "name_ru": name_ru,
            "kind_id": ctx.refs["provider_kind"][kind], "region_id": None if foreign else ctx.region_id,
            "head_name": head, "head_position_kk": info.head[1], "head_position_ru": info.head[2],
            "head_absent": False, "acting_head_name": info.acting[0], "acting_head_position_kk": info.acting[1],
            "acting_head_position_ru": info.acting[2], "city_kk": info.city_kk, "city_ru": info.city_ru,
            "numbering_pattern": "", "address": address_kk, "phone": "+44 1223 767600" if foreign else phone(rng),
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
