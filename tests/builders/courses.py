"""The office and its courses: the office, providers, programmes, trainers, teachers, cohorts with listeners,
passed assessments and certificates, and the schedule's small world.

Each builder adds to the caller's session and returns the object; keyword arguments change what a test
cares about and leave the rest at the usual values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.models import (
    Assessment,
    Certificate,
    Cohort,
    CourseFormat,
    EducationLevel,
    Enrolment,
    Office,
    Programme,
    Provider,
    Teacher,
    Trainer,
    TrainerKind,
)
from pedesk.models.enums import AssessmentKind, CourseKind, EnrolmentStatus, Language
from pedesk.services.certificates.issuing import issue_certificate
from pedesk.services.common.text import search_key
from pedesk.services.rules.iin import make_iin

#: who records things in the tests, the usual cohort's last day and the usual "today" (the day certificates
#: for that cohort are issued, and the demo's day)
USER = "aigul"
COURSE_END = date(2026, 10, 30)
TODAY = date(2026, 11, 25)
KARAGANDA_OFFICE = {"name_kk": "Қарағанды әдістемелік кабинеті", "name_ru": "Карагандинский методический кабинет"}
#: an office that signs certificates (п.32): the regional name, the city, the head and the head's position
SIGNING_OFFICE = {"name_kk": "Қарағанды облыстық әдістемелік кабинеті",
                  "name_ru": "Карагандинский областной методический кабинет", "city_kk": "Қарағанды",
                  "city_ru": "Караганда", "head_name": "Сәрсенбаева Гүлнар Әбілқызы", "head_position_kk": "Басшы",
                  "head_position_ru": "Руководитель"}
ACTING_HEAD = {"acting_head_name": "Омаров Ерлан Бекұлы", "acting_head_position_kk": "Басшының міндетін атқарушы",
               "acting_head_position_ru": "Исполняющий обязанности руководителя"}


def own_office(session: Session, code: str = "KRG", **fields: Any) -> Office:
    """The office pedesk runs in (``is_own``), named as Karaganda's unless ``fields`` say otherwise."""
    office = Office(code=code, is_own=True, **{**KARAGANDA_OFFICE, **fields})
    session.add(office)
    return office


def signing_office(session: Session, *, acting: bool = False, **fields: Any) -> Office:
    """Our office as it signs certificates (п.32): ``SIGNING_OFFICE``, with ``ACTING_HEAD`` when ``acting``."""
    return own_office(session, **{**SIGNING_OFFICE, **(ACTING_HEAD if acting else {}), **fields})


#: a provider that signs the certificates of the cohorts it delivers (п.29, п.32): its head and city
PROVIDER_SIGNER = {"head_name": "Жақсыбекова Айнұр Серікқызы", "head_position_kk": "Филиал директоры",
                   "head_position_ru": "Директор филиала", "city_kk": "Қарағанды", "city_ru": "Караганда"}


def provider(session: Session, name: str = "Өрлеу", name_ru: str | None = None, **fields: Any) -> Provider:
    """A provider that is not the office, with its own head and city (``PROVIDER_SIGNER``) unless ``fields`` say
    otherwise."""
    made = Provider(name_kk=name, name_ru=name_ru or name, **{**PROVIDER_SIGNER, **fields})
    session.add(made)
    return made


def office_provider(session: Session, office: Office, **fields: Any) -> Provider:
    """The office's own entry among the providers (its name): the office delivers the course and signs."""
    made = Provider(name_kk=office.name_kk, name_ru=office.name_ru, **fields)
    session.add(made)
    return made


def orleu(session: Session, **fields: Any) -> Provider:
    """The provider certificates name: «Өрлеу» БАҰО (НЦПК «Өрлеу»)."""
    return provider(session, "«Өрлеу» БАҰО", "НЦПК «Өрлеу»", **fields)


def first_provider(session: Session) -> Provider:
    """The provider already stored, or a new «Өрлеу»."""
    return session.scalars(select(Provider)).first() or provider(session, "«Өрлеу»")


def education_level(session: Session, code: str = "primary") -> EducationLevel:
    return session.scalars(select(EducationLevel).where(EducationLevel.code == code)).one()


def course_format(session: Session, code: str = "on_the_job") -> CourseFormat:
    return session.scalars(select(CourseFormat).where(CourseFormat.code == code)).one()


def programme(session: Session, office: Office, code: str, kk: str | None = None, ru: str | None = None,
              hours: int = 72, *, abroad: bool = False, **fields: Any) -> Programme:
    """A programme of ``hours`` academic hours: short below 108, long from 108 (п.22); abroad for 3 months."""
    kk = kk or f"Бағдарлама {code}"
    ru = ru or f"Программа {code}"
    values: dict[str, Any] = {
        "kind": CourseKind.SHORT if hours < 108 else CourseKind.LONG,
        "level": education_level(session),
        "format": course_format(session, "abroad" if abroad else "on_the_job"),
        "abroad": abroad, "abroad_months": 3 if abroad else None, "search_key": search_key(code, kk, ru),
    }
    made = Programme(office=office, code=code, title_kk=kk, title_ru=ru, academic_hours=hours, **{**values, **fields})
    session.add(made)
    return made


def trainer(session: Session, name: str, kind: str = "certified_trainer", **fields: Any) -> Trainer:
    trainer_kind = session.scalars(select(TrainerKind).where(TrainerKind.code == kind)).one()
    made = Trainer(full_name=name, kind=trainer_kind, search_key=search_key(name), **fields)
    session.add(made)
    return made


def teacher(session: Session, serial: int, surname: str = "Әлібекова", name: str = "Гүлнар", *,
            patronymic: str | None = None, sex: str = "female", birth: date | None = None, iin: str | None = None,
            **fields: Any) -> Teacher:
    """A teacher with a valid IIN that agrees with the birth date and sex (unless ``iin`` is given); ``serial``
    keeps them apart."""
    birth = birth or date(1980, 1, 1) + timedelta(days=101 * serial)
    iin = iin or make_iin(birth, sex, serial)
    names = [surname, name, *([patronymic] if patronymic else [])]
    made = Teacher(iin=iin, surname=surname, name=name, patronymic=patronymic, birth_date=birth,
                   search_key=search_key(*names, iin), **fields)
    session.add(made)
    return made


def cohort(session: Session, office: Office, course: Programme, code: str, end: date, *,
           start: date | None = None, host: Provider | None = None, **fields: Any) -> Cohort:
    """A cohort of ``course`` ending on ``end`` (twelve days long unless ``start`` is given)."""
    values: dict[str, Any] = {"language": Language.KK, "capacity": 30}
    made = Cohort(office=office, code=code, programme=course, provider=host or first_provider(session),
                  start_date=start or end - timedelta(11), end_date=end, **{**values, **fields})
    session.add(made)
    return made


def listener(session: Session, group: Cohort, person: Teacher,
             status: EnrolmentStatus = EnrolmentStatus.COMPLETED, **fields: Any) -> Enrolment:
    """``person`` on the list of ``group``, applied on the cohort's last day unless told otherwise."""
    made = Enrolment(cohort=group, teacher=person, status=status, **{"applied_on": group.end_date, **fields})
    session.add(made)
    session.flush()
    return made


def assessed(session: Session, enrolment: Enrolment, held_on: date, *, passed: bool = True) -> Assessment:
    """The first attempt at an internal final assessment (п.28): 80 of 100 passed, 20 failed."""
    made = Assessment(enrolment_id=enrolment.id, attempt=1, kind=AssessmentKind.INTERNAL, held_on=held_on,
                      passed=passed, score=80 if passed else 20, max_score=100)
    session.add(made)
    return made


def trained(session: Session, group: Cohort, person: Teacher, status: EnrolmentStatus = EnrolmentStatus.COMPLETED,
            *, passed: bool | None = True, **fields: Any) -> Enrolment:
    """``person`` on the list of ``group`` from its first day and, unless ``passed`` is None, assessed on its
    last day (passed or failed)."""
    enrolment = listener(session, group, person, status, **{"applied_on": group.start_date, **fields})
    if passed is not None:
        assessed(session, enrolment, group.end_date, passed=passed)
    return enrolment


def recorded_certificate(session: Session, enrolment: Enrolment, number: str, issued: date, *,
                         code: str | None = None, valid_until: date | None = None, hours: int = 72,
                         external: bool = True) -> Certificate:
    """A certificate written down rather than issued by pedesk: a foreign organisation's (п.25) unless
    ``external`` is false; valid five years; ``code`` (its verification code) is the number unless given."""
    made = Certificate(office_id=enrolment.cohort.office_id, number=number, year=issued.year,
                       verification_code=code or number, enrolment_id=enrolment.id, teacher_id=enrolment.teacher_id,
                       issue_date=issued, valid_until=valid_until or issued + timedelta(days=1826),
                       academic_hours=hours, external=external)
    session.add(made)
    session.flush()
    return made


def certified(session: Session, group: Cohort, person: Teacher, issued: date, serial: int, by: str) -> int:
    """``person`` completed ``group`` and holds its certificate issued on ``issued``: pedesk's after a passed
    assessment, or for a course abroad the foreign one «UCAM-serial» (п.25); the certificate's id."""
    enrolment = listener(session, group, person)
    if group.programme.abroad:
        return recorded_certificate(session, enrolment, f"UCAM-{serial}", issued, code=f"X{serial}").id
    assessed(session, enrolment, group.end_date)
    return issue_certificate(session, enrolment.id, on=issued, today=issued, by=by).id


@dataclass(frozen=True)
class ScheduleWorld:
    """The office's two programmes (36 and 108 academic hours), a provider and two certified trainers."""

    office: int
    provider: int
    kazakh: int  # 36 academic hours
    maths: int  # 108 academic hours
    trainer_a: int
    trainer_b: int


def schedule_world(session: Session) -> ScheduleWorld:
    office = own_office(session)
    host = provider(session)
    kazakh = programme(session, office, "P-KAZ", "Қазақ тілін оқыту әдістемесі",
                       "Методика преподавания казахского языка", 36)
    maths = programme(session, office, "P-MAT", "Математиканы оқыту", "Обучение математике", 108)
    trainer_a = trainer(session, "Әлібеков Ерлан")
    trainer_b = trainer(session, "Сейітова Гүлнар")
    session.flush()
    return ScheduleWorld(office.id, host.id, kazakh.id, maths.id, trainer_a.id, trainer_b.id)
