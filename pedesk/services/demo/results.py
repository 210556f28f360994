"""Demo data, results: certificates with gap-free numbers, post-course support, monitoring and the plan.

Used only by :mod:`pedesk.services.demo.region`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import cast

from sqlalchemy import Table, bindparam, update

from pedesk.models.enums import CertificateStatus, MonitoringResult, PlanStage, SignerCapacity, SupportKind
from pedesk.models.results import Certificate
from pedesk.services.demo.base import (
    COLLEGE,
    PRESCHOOL,
    PRIMARY,
    SECONDARY,
    CohortInfo,
    DemoContext,
    TeacherInfo,
    cumulative,
)
from pedesk.services.demo.courses import MODULES
from pedesk.services.demo.enrolment import DEMO_USER, Outcome
from pedesk.services.rules import (
    DEFAULT_PATTERN,
    FINAL_ANALYSIS_YEAR,
    certificate_snapshot,
    certificate_valid_until,
    final_analysis_due,
    format_certificate_number,
    monitoring_due_dates,
    new_verification_code,
    works_due_date,
)

#: Certificates of cohorts that ended this many days ago or less are not issued yet in the demo.
NOT_ISSUED_DAYS = 31


@dataclass(slots=True)
class IssuedCertificate:
    cohort: CohortInfo
    teacher: TeacherInfo
    enrolment_id: int
    issue: date
    acting: bool
    original: IssuedCertificate | None = None
    annulled_on: date | None = None
    id: int = 0


def _at(day: date, hour: int = 11) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0)


def write_certificates(
    ctx: DemoContext, outcomes: list[Outcome], progress: Callable[[float], None] | None = None
) -> list[IssuedCertificate]:
    """Our certificates (numbered per year in issue order), a few annulled and re-issued, and the foreign
    organisation's certificates for courses abroad; returns ours for the post-course stage."""
    rng = ctx.rng("certificates")
    today, office = ctx.today, ctx.office
    assert office is not None
    oldest_pending = today - timedelta(days=NOT_ISSUED_DAYS)
    own: list[IssuedCertificate] = []
    abroad: list[Outcome] = []
    acting_by_cohort: dict[int, bool] = {}
    for outcome in outcomes:
        if outcome.cohort.programme.abroad:
            abroad.append(outcome)
            continue
        if outcome.cohort.end >= oldest_pending:
            continue
        issue = outcome.passed_on + timedelta(days=rng.randint(2, 7))
        if issue > today:
            continue
        if outcome.retake:
            acting = rng.random() < 0.05
        else:
            acting = acting_by_cohort.setdefault(outcome.cohort.id, rng.random() < 0.05)
        own.append(IssuedCertificate(outcome.cohort, outcome.teacher, outcome.enrolment_id, issue, acting))
    eligible = [cert for cert in own if cert.issue + timedelta(days=10) <= today]
    if eligible:
        for position in sorted(rng.sample(range(len(eligible)), min(len(eligible), max(1, len(own) // 2000)))):
            original = eligible[position]
            original.annulled_on = min(original.issue + timedelta(days=rng.randint(7, 60)), today)
            own.append(IssuedCertificate(original.cohort, original.teacher, original.enrolment_id,
                                         original.annulled_on, False, original=original))
    own.sort(key=lambda c: (c.issue, c.cohort.code, c.teacher.id, c.original is not None))
    codes_rng = ctx.rng("codes")
    used_codes: set[str] = set()

    def code() -> str:
        value = new_verification_code(codes_rng)
        while value in used_codes:
            value = new_verification_code(codes_rng)
        used_codes.add(value)
        return value

    last_seq: dict[int, int] = {}
    replaced: list[dict[str, int]] = []
    annulments = 0
    for number, cert in enumerate(own, 1):
        cert.id = number
        year = cert.issue.year
        seq = last_seq[year] = last_seq.get(year, 0) + 1
        cohort, programme, provider = cert.cohort, cert.cohort.programme, cert.cohort.provider
        kk = cohort.language == "kk"
        cert_number = format_certificate_number(DEFAULT_PATTERN, office.code, year, seq)
        verification = code()
        valid_until = certificate_valid_until(cert.issue)
        capacity = SignerCapacity.ACTING_HEAD if cert.acting else SignerCapacity.HEAD
        if provider.head[0]:  # a provider that delivered the course signs its certificates (п.29, п.32)
            signer, city = (provider.acting if cert.acting else provider.head), (provider.city_kk, provider.city_ru)
        else:  # the office's own cohort
            signer = ((office.acting_name, office.acting_position_kk, office.acting_position_ru) if cert.acting
                      else (office.head_name, office.head_position_kk, office.head_position_ru))
            city = (office.city_kk, office.city_ru)
        snapshot = certificate_snapshot(
            number=cert_number, code=verification, holder=cert.teacher.full_name, iin=cert.teacher.iin,
            office_name_kk=office.name_kk, office_name_ru=office.name_ru, provider_name_kk=provider.name_kk,
            provider_name_ru=provider.name_ru, programme_kk=programme.title_kk, programme_ru=programme.title_ru,
            hours=programme.hours, course_start=cohort.start, course_end=cohort.end, city_kk=city[0],
            city_ru=city[1], issued=cert.issue, valid_until=valid_until, signer_name=signer[0],
            signer_position_kk=signer[1], signer_position_ru=signer[2], signer_capacity=capacity.value,
        )
        annulled = cert.annulled_on is not None
        if annulled:
            annulments += 1
        if cert.original is not None:
            replaced.append({"old": cert.original.id, "new": cert.id})
        ctx.writer.add("certificate", {
            "id": cert.id, "office_id": office.id, "number": cert_number, "year": year, "seq": seq,
            "verification_code": verification, "enrolment_id": cert.enrolment_id, "teacher_id": cert.teacher.id,
            "issue_date": cert.issue, "valid_until": valid_until, "academic_hours": programme.hours,
            "signer_name": signer[0], "signer_position_kk": signer[1], "signer_position_ru": signer[2],
            "signer_capacity": capacity.value, "snapshot": json.dumps(snapshot, ensure_ascii=False),
            "status": (CertificateStatus.SUPERSEDED if annulled else CertificateStatus.ISSUED).value,
            "external": False, "external_issuer": "", "external_topic": "",
            "annulled_at": _at(cert.annulled_on) if cert.annulled_on else None,
            "annulled_by": DEMO_USER if annulled else "",
            "annul_reason": ("Тегі қате жазылған, сертификат қайта берілді" if kk else
                             "Ошибка в написании фамилии, сертификат выдан повторно") if annulled else "",
            "annul_order_no": f"{annulments}-А" if annulled else "",
            "annul_order_date": cert.annulled_on, "supersedes_id": cert.original.id if cert.original else None,
            "superseded_by_id": None, "issued_by": DEMO_USER, "created_at": ctx.now,
            "updated_at": ctx.now,
        })
        ctx.writer.tick()
        if progress is not None and number % 5000 == 0:
            progress(number / len(own))
    next_id = len(own)
    foreign = ctx.providers["foreign"]
    for number, outcome in enumerate(abroad, 1):
        next_id += 1
        issue, kk = outcome.cohort.end, outcome.cohort.language == "kk"
        programme = outcome.cohort.programme
        ctx.writer.add("certificate", {
            "id": next_id, "office_id": office.id, "number": f"UCAM-{issue.year}-{number:04d}",
            "year": issue.year, "seq": None, "verification_code": code(), "enrolment_id": outcome.enrolment_id,
            "teacher_id": outcome.teacher.id, "issue_date": issue, "valid_until": certificate_valid_until(issue),
            "academic_hours": programme.hours, "signer_name": "", "signer_position_kk": "",
            "signer_position_ru": "", "signer_capacity": SignerCapacity.HEAD.value, "snapshot": "{}",
            "status": CertificateStatus.ISSUED.value, "external": True,
            "external_issuer": foreign.name_kk if kk else foreign.name_ru,
            "external_topic": programme.title_kk if kk else programme.title_ru, "annulled_at": None,
            "annulled_by": "", "annul_reason": "", "annul_order_no": "", "annul_order_date": None,
            "supersedes_id": None, "superseded_by_id": None, "issued_by": DEMO_USER,
            "created_at": ctx.now, "updated_at": ctx.now,
        })
    for year in sorted(last_seq):
        ctx.writer.add("certificate_counter", {"office_id": office.id, "series": "", "year": year,
                                               "last_seq": last_seq[year]})
    if replaced:  # after both rows are in: the old certificate points to its replacement
        table = cast(Table, Certificate.__table__)
        ctx.writer.execute(
            update(table).where(table.c.id == bindparam("old")).values(superseded_by_id=bindparam("new")),
            replaced,
        )
    return own


_WORKS: dict[SupportKind, tuple[tuple[str, str], ...]] = {
    SupportKind.INDEPENDENT_WORK: (
        ("Ашық сабақ: «{topic}»", "Открытый урок: «{topic}»"),
        ("Шеберлік сынып: «{topic}»", "Мастер-класс: «{topic}»"),
        ("Семинар-практикум: «{topic}»", "Семинар-практикум: «{topic}»"),
        ("Әдістемелік ұсыным: «{topic}»", "Методические рекомендации: «{topic}»"),
    ),
    SupportKind.EXCHANGE_EVENT: (
        ("Аудандық тәжірибе алмасу семинарындағы баяндама", "Доклад на районном семинаре по обмену опытом"),
        ("Облыстық педагогикалық оқулардағы баяндама", "Доклад на областных педагогических чтениях"),
    ),
    SupportKind.RECOGNITION: (
        ("Облыстық газетте мақала жариялау", "Публикация статьи в областной газете"),
        ("Білім бөлімінің алғыс хаты", "Благодарственное письмо отдела образования"),
    ),
    SupportKind.PROGRAMME_CORRECTION: (
        ("Курс бағдарламасын жетілдіру бойынша ұсыныстар", "Предложения по совершенствованию программы курса"),
    ),
}
_WORK_KINDS = tuple(_WORKS)
_WORK_WEIGHTS = cumulative((70, 15, 10, 5))
_WORK_COUNTS = (0, 1, 2, 3, 4)
_WORK_COUNT_WEIGHTS = cumulative((10, 15, 25, 35, 15))
_EVIDENCE = (("Сабақ жоспары, фотоесеп", "План урока, фотоотчёт"), ("Бағдарлама, қатысушылар тізімі",
             "Программа, список участников"), ("Жарияланымның сілтемесі", "Ссылка на публикацию"))
_METHODS = (("Сабаққа қатысу және талдау", "Посещение и анализ урока"), ("Сауалнама", "Анкетирование"),
            ("Портфолионы талдау", "Анализ портфолио"), ("Әңгімелесу", "Собеседование"))
_FINDINGS = {
    MonitoringResult.POSITIVE: ("Курста алған білімін сабақта жүйелі қолданады",
                                "Системно применяет полученные на курсах знания на уроках"),
    MonitoringResult.PARTIAL: ("Жаңа тәсілдерді ішінара қолданады, әдістемелік көмек қажет",
                               "Частично применяет новые подходы, нужна методическая помощь"),
    MonitoringResult.NO_CHANGE: ("Тәжірибесінде өзгеріс байқалмады", "Изменений в практике не выявлено"),
}
_RESULTS = tuple(_FINDINGS)
_FINAL_METHODS = (("Үш жылдың мониторинг нәтижелерін талдау", "Анализ результатов мониторинга за три года"),
                  ("Портфолио мен сабақтарды талдау", "Анализ портфолио и уроков"))
_FINAL_FINDINGS = {
    MonitoringResult.POSITIVE: ("Үш жыл ішінде курста алған тәсілдер педагогтің тұрақты тәжірибесіне енді",
                                "За три года подходы, полученные на курсах, вошли в устойчивую практику педагога"),
    MonitoringResult.PARTIAL: ("Жаңа тәсілдер ішінара енгізілді; әдістемелік қолдауды жалғастыру ұсынылады",
                               "Новые подходы внедрены частично; рекомендуется продолжить методическое сопровождение"),
    MonitoringResult.NO_CHANGE: ("Тәжірибеде елеулі өзгеріс болмады; келесі курсқа жіберу ұсынылады",
                                 "Существенных изменений в практике нет; рекомендуется направить на следующий курс"),
}
_RESULT_WEIGHTS = cumulative((65, 28, 7))


def write_support(
    ctx: DemoContext, certificates: list[IssuedCertificate], progress: Callable[[float], None] | None = None
) -> None:
    """п.35-37: up to four works within 12 months of the course's end, three yearly monitoring records, and the
    final analysis of most of those whose three visits are done (its own random stream)."""
    rng, final_rng = ctx.rng("support"), ctx.rng("final-analysis")
    today, writer = ctx.today, ctx.writer
    work_id = monitoring_id = 0
    for number, cert in enumerate(certificates, 1):
        if progress is not None and number % 5000 == 0:
            progress(number / len(certificates))
        cohort = cert.cohort
        if cert.annulled_on is not None or cohort.programme.abroad:
            continue
        kk = cohort.language == "kk"
        school = ctx.schools[cert.teacher.school]
        end = cohort.end
        span = (works_due_date(end) - end).days
        count = rng.weighted(_WORK_COUNTS, _WORK_COUNT_WEIGHTS)
        seen: set[tuple[date, str]] = set()  # a work is known by its day and title (the package's key)
        for held in sorted(end + timedelta(days=rng.randint(14, span)) for _i in range(count)):
            kind = rng.weighted(_WORK_KINDS, _WORK_WEIGHTS)
            title = rng.choice(_WORKS[kind])[0 if kk else 1].format(topic=rng.choice(MODULES)[0 if kk else 1])
            if held > today or (held, title) in seen:
                continue
            seen.add((held, title))
            work_id += 1
            writer.add("post_course_work", {
                "id": work_id, "certificate_id": cert.id, "kind": kind.value, "held_on": held, "title": title,
                "place": school.name_kk if kk else school.name_ru,
                "evidence": rng.choice(_EVIDENCE)[0 if kk else 1], "remote": rng.random() < 0.15,
                "created_at": ctx.now, "updated_at": ctx.now,
            })
        visits: list[tuple[date | None, MonitoringResult | None]] = []
        for year_no, due in enumerate(monitoring_due_dates(cert.issue), 1):
            done = due <= today and rng.random() < 0.85
            done_on = min(max(cert.issue, due - timedelta(days=rng.randint(0, 30))), today) if done else None
            result = rng.weighted(_RESULTS, _RESULT_WEIGHTS) if done else None
            method = rng.choice(_METHODS)[0 if kk else 1]
            monitoring_id += 1
            writer.add("monitoring_record", {
                "id": monitoring_id, "certificate_id": cert.id, "year_no": year_no, "due_date": due,
                "done_on": done_on, "method": method if done else "",
                "done_by": rng.choice(ctx.staff) if done else "",
                "findings": _FINDINGS[result][0 if kk else 1] if result else "",
                "result": result.value if result else None, "created_at": ctx.now,
                "updated_at": ctx.now,
            })
            visits.append((done_on, result))
        last_visit = max((day for day, _result in visits if day is not None), default=None)
        if len([day for day, _result in visits if day]) == len(visits) and last_visit and final_rng.random() < 0.8:
            done_on = min(last_visit + timedelta(days=final_rng.randint(3, 40)), today)
            result = visits[-1][1]  # the overall result is where the third year left the teacher
            assert result is not None
            monitoring_id += 1
            writer.add("monitoring_record", {
                "id": monitoring_id, "certificate_id": cert.id, "year_no": FINAL_ANALYSIS_YEAR,
                "due_date": final_analysis_due(cert.issue), "done_on": done_on,
                "method": final_rng.choice(_FINAL_METHODS)[0 if kk else 1], "done_by": final_rng.choice(ctx.staff),
                "findings": _FINAL_FINDINGS[result][0 if kk else 1], "result": result.value,
                "created_at": ctx.now, "updated_at": ctx.now,
            })
        writer.tick()


def write_plans(ctx: DemoContext) -> None:
    """п.9-11 for next year: schools' applications (by 1 August), district plans (by 1 September) and the
    region's plan (by 1 November), split into short and long courses; dates after today are not yet set."""
    rng = ctx.rng("plans")
    today = ctx.today
    year = today.year
    plan_year = year + 1
    staff: dict[int, list[int]] = {}
    for index, teacher in enumerate(ctx.teachers):
        staff.setdefault(teacher.school, []).append(index)
    by_group = {group: [p for p in ctx.programmes if group in p.groups and not p.abroad]
                for group in (PRESCHOOL, PRIMARY, SECONDARY, COLLEGE)}
    totals: dict[tuple[int, str], int] = {}
    entry_id = 0

    def when(month: int, low: int, high: int) -> date | None:
        day = date(year, month, rng.randint(low, high))
        return day if day <= today else None

    def add(stage: PlanStage, kind: str, count: int, received: date | None, forwarded: date | None,
            school_id: int | None = None, district_id: int | None = None, programme_id: int | None = None,
            direction: str = "", iins: str = "") -> None:
        nonlocal entry_id
        entry_id += 1
        ctx.writer.add("plan_entry", {
            "id": entry_id, "plan_year": plan_year, "stage": stage.value, "school_id": school_id,
            "district_id": district_id, "programme_id": programme_id, "direction": direction,
            "course_kind": kind, "teachers_count": count, "teacher_iins": iins, "received_on": received,
            "forwarded_on": forwarded, "note": "", "created_at": ctx.now, "updated_at": ctx.now,
        })

    for index, school in enumerate(ctx.schools):
        if index >= 3 and rng.random() >= 0.3:
            continue
        group = {"kindergarten": PRESCHOOL, "college": COLLEGE}.get(school.kind, rng.choice((PRIMARY, SECONDARY)))
        received = when(7, 1, 31)
        for _line in range(rng.randint(1, 3)):
            programme = rng.choice(by_group[group])
            members = staff.get(index, [])
            count = rng.randint(1, 6)
            listed = rng.sample(members, min(count, len(members)))
            count = len(listed) or count
            iins = ",".join(ctx.teachers[i].iin for i in listed)
            district_id = ctx.district_ids[school.district]
            totals[(district_id, programme.kind)] = totals.get((district_id, programme.kind), 0) + count
            add(PlanStage.SCHOOL_APPLICATION, programme.kind, count, received, None, school.id, district_id,
                programme.id, programme.direction, iins)
    for (district_id, kind), count in sorted(totals.items()):
        add(PlanStage.DISTRICT_PLAN, kind, count, when(8, 2, 20), when(8, 21, 31), district_id=district_id)
    for kind in ("short", "long"):
        count = sum(value for (_district, k), value in totals.items() if k == kind)
        add(PlanStage.REGION_PLAN, kind, count, when(9, 1, 20), when(10, 15, 31))
