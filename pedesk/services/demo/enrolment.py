"""Demo data, cohorts' records and enrolments: timetables, lists, documents, statuses and assessments.

Used only by :mod:`pedesk.services.demo.region`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from pedesk.models.enums import AssessmentKind, EnrolmentStatus, ReferralBy, RetakeMode, ScheduleStatus
from pedesk.services.demo.base import (
    FINISHED,
    LATER,
    RUNNING,
    SOON,
    CohortInfo,
    DemoContext,
    Row,
    TeacherInfo,
    cumulative,
)
from pedesk.services.demo.courses import FINAL_TOPIC, MODULES, ON
from pedesk.services.rules import add_months, list_formation_date

PASS_SCORE = 50
"""A final assessment is passed with at least 50 points of 100."""
RATE_PER_HOUR = 1_500
ABROAD_COST = {"short": Decimal("2850000.00"), "long": Decimal("14500000.00")}
DEMO_USER = "demo"
_HUNDRED = Decimal(100)
_REFERRALS = (ReferralBy.SCHOOL.value, ReferralBy.DEPARTMENT.value, ReferralBy.ADMINISTRATION.value)
_REFERRAL_WEIGHTS = cumulative((6, 3, 1))


@dataclass(slots=True)
class Outcome:
    """A listener who passed (or, abroad, completed): the certificate stage works from these."""

    enrolment_id: int
    cohort: CohortInfo
    teacher: TeacherInfo
    passed_on: date
    retake: bool


def write_cohorts(ctx: DemoContext) -> None:
    """Cohort rows with their agreement, list and order; trainers; one timetable row per day."""
    rng = ctx.rng("cohort-rows")
    office = ctx.office
    assert office is not None
    today, writer = ctx.today, ctx.writer
    orders: dict[int, int] = {}
    session_id = 0
    for cohort in ctx.cohorts:
        kk = cohort.language == "kk"
        start = cohort.start
        formation = list_formation_date(start)
        agreed = (
            cohort.phase in (FINISHED, RUNNING)
            or (cohort.phase == SOON and rng.random() < 0.8)
            or (cohort.phase == LATER and rng.random() < 0.25)
        )
        agreed_on = min(start - timedelta(days=rng.randint(20, 75)), today) if agreed else None
        if cohort.members:
            order_date = start - timedelta(days=rng.randint(3, 7))
            if order_date <= today:
                orders[order_date.year] = orders.get(order_date.year, 0) + 1
                cohort.order_no = f"{orders[order_date.year]}-Қ"
                cohort.order_date = order_date
        provider = cohort.provider
        if cohort.distance:
            location = "Қашықтықтан, Zoom платформасы" if kk else "Дистанционно, платформа Zoom"
        else:
            location = provider.address_kk if kk else provider.address_ru
        room = f"{rng.randint(1, 4)}{rng.randint(0, 2)}{rng.randint(1, 9)}"
        if not cohort.distance and not cohort.programme.abroad:
            location += f", {room}-аудитория" if kk else f", ауд. {room}"
        created = ctx.now
        writer.add("cohort", {
            "id": cohort.id, "office_id": office.id, "code": cohort.code, "programme_id": cohort.programme.id,
            "provider_id": provider.id, "start_date": start, "end_date": cohort.end, "language": cohort.language,
            "capacity": cohort.capacity, "location": location,
            "schedule_status": (ScheduleStatus.AGREED if agreed else ScheduleStatus.DRAFT).value,
            "agreed_on": agreed_on,
            "agreed_with": (f"{office.authorised_body_kk}; {office.administration_kk}" if kk else
                            f"{office.authorised_body_ru}; {office.administration_ru}") if agreed else "",
            "reopen_reason": "", "list_formed_on": _list_formed_on(cohort, formation, today),
            "enrolment_order_no": cohort.order_no, "enrolment_order_date": cohort.order_date, "note": "",
            "created_at": created, "updated_at": created,
        })
        cohort.trainers = rng.sample(ctx.trainers, rng.randint(2, 3))
        for trainer in cohort.trainers:
            writer.add("cohort_trainer", {"cohort_id": cohort.id, "trainer_id": trainer, "guest": False})
        if ctx.guests and rng.random() < 0.15:
            writer.add("cohort_trainer", {"cohort_id": cohort.id, "trainer_id": rng.choice(ctx.guests),
                                          "guest": True})
        starts_at = time(14, 0) if cohort.programme.format == ON else time(9, 0)
        last = len(cohort.days) - 1
        for number, (day, hours) in enumerate(cohort.days):
            topic = FINAL_TOPIC if number == last else MODULES[number * len(MODULES) // max(last, 1)]
            session_id += 1
            writer.add("schedule_session", {
                "id": session_id, "cohort_id": cohort.id, "day": day, "start_time": starts_at,
                "academic_hours": hours, "topic": topic[0 if kk else 1],
                "trainer_id": cohort.trainers[number % len(cohort.trainers)], "room": room,
                "distance": cohort.distance, "created_at": created, "updated_at": created,
            })
        writer.tick()


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0)


def _score(rng: random.Random, passed: bool) -> Decimal:
    if passed:
        return Decimal(int(rng.triangular(PASS_SCORE, 100, 86)))
    return Decimal(rng.randint(18, PASS_SCORE - 1))


class _Enrolments:
    """Writes one cohort's enrolments with documents, a status change and assessments."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.rng = ctx.rng("enrolments")
        self.docs = ctx.refs["document_kind"]
        self.ids = {"enrolment": 0, "enrolment_document": 0, "status_change": 0, "assessment": 0}
        self.outcomes: list[Outcome] = []
        self.external_contracts = 0
        self.forced: dict[int, str] = {}
        university = ctx.providers["university"]
        self.assessor_id = university.id
        self._choose_forced()

    def _next(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def _choose_forced(self) -> None:
        """Every demo shows a failure and a failure passed at a re-assessment (п.30)."""
        latest_end = add_months(self.ctx.today, -8)
        for cohort in self.ctx.cohorts:
            if (cohort.phase == FINISHED and not cohort.programme.abroad and len(cohort.members) >= 2
                    and cohort.end <= latest_end):
                self.forced = {cohort.members[0]: "retake", cohort.members[1]: "fail"}
                return

    def cohort(self, cohort: CohortInfo) -> None:
        ctx, rng = self.ctx, self.rng
        today = ctx.today
        formation = list_formation_date(cohort.start)
        letter = (f"03-11/{rng.randint(100, 3999)}", min(formation + timedelta(days=rng.randint(0, 10)), today))
        contract: tuple[str, date, str, str] | None = None
        if cohort.programme.kind == "long" and cohort.phase == FINISHED and not cohort.programme.abroad:
            self.external_contracts += 1
            contract = (f"{self.external_contracts}-СА", cohort.end - timedelta(days=rng.randint(10, 25)),
                        rng.choice(ctx.experts), f"№ {rng.randint(1000, 9999)}")
        for position, index in enumerate(cohort.members, 1):
            self.enrolment(cohort, position, index, formation, letter, contract)

    def enrolment(
        self, cohort: CohortInfo, position: int, index: int, formation: date, letter: tuple[str, date],
        contract: tuple[str, date, str, str] | None,
    ) -> None:
        ctx, rng, writer = self.ctx, self.rng, self.ctx.writer
        today, programme, teacher = ctx.today, cohort.programme, ctx.teachers[index]
        kk = cohort.language == "kk"
        enrolment_id = self._next("enrolment")
        late = cohort.phase != LATER and rng.random() < 0.02
        if cohort.phase == LATER:
            applied = today - timedelta(days=rng.randint(0, 40))
        elif late:
            applied = min(formation + timedelta(days=rng.randint(1, 20)), cohort.start - timedelta(days=1))
        else:
            applied = formation - timedelta(days=rng.randint(5, 45))
        applied = min(applied, today)
        late = late and applied > formation
        if cohort.phase == FINISHED:
            status = EnrolmentStatus.COMPLETED
        elif cohort.phase == RUNNING:
            status = EnrolmentStatus.IN_TRAINING
        elif cohort.phase == SOON:
            status = (EnrolmentStatus.ENROLLED if cohort.order_date else
                      EnrolmentStatus.DOCUMENTS_COMPLETE if rng.random() < 0.8 else EnrolmentStatus.APPLIED)
        else:
            status = EnrolmentStatus.APPLIED if rng.random() < 0.6 else EnrolmentStatus.DOCUMENTS_COMPLETE
        forced = self.forced.get(index) if cohort.phase == FINISHED else None
        expelled = cohort.phase == FINISHED and forced is None and rng.random() < 0.01
        contracted = status not in (EnrolmentStatus.APPLIED, EnrolmentStatus.DOCUMENTS_COMPLETE)
        amount = ABROAD_COST[programme.kind] if programme.abroad else Decimal(programme.hours * RATE_PER_HOUR)
        asked = status != EnrolmentStatus.APPLIED or rng.random() < 0.5
        referral = rng.weighted(_REFERRALS, _REFERRAL_WEIGHTS)
        formed = formation <= today
        row: Row = {
            "id": enrolment_id, "cohort_id": cohort.id, "teacher_id": teacher.id, "status": "",
            "applied_on": applied, "group_language": cohort.language,
            "abroad_country": ("Ұлыбритания" if kk else "Великобритания") if programme.abroad else "",
            "abroad_months": programme.months if programme.abroad else None,
            "elig_education": True if asked else None, "elig_employment": True if asked else None,
            "elig_legislation": True if asked else None,
            "elig_english": (True if asked else None) if programme.language_course else None,
            "referral_by": referral, "referral_order_no": f"{rng.randint(5, 320)}-ж",
            "referral_order_date": applied - timedelta(days=rng.randint(1, 12)),
            "admin_letter_no": letter[0] if formed else "", "admin_letter_date": letter[1] if formed else None,
            "enrolment_order_no": cohort.order_no if contracted else "",
            "enrolment_order_date": cohort.order_date if contracted else None,
            "contract_no": f"{cohort.code}/{position:02d}" if contracted else "",
            "contract_date": min(cohort.start - timedelta(days=rng.randint(1, 6)), today) if contracted else None,
            "contract_amount": amount if contracted else None,
            "late_addition_reason": ("Ауырған педагогтің орнына" if kk else "Взамен заболевшего педагога")
            if late else "",
            "transferred_to_id": None, "transfer_reason": "", "expulsion_order_no": "",
            "expulsion_order_date": None, "commission_decision": "", "repayment_amount": None, "note": "",
            "created_at": ctx.now, "updated_at": ctx.now,
        }
        status_on = applied
        if expelled:
            status = EnrolmentStatus.EXPELLED
            status_on = cohort.start + timedelta(days=max(1, (cohort.end - cohort.start).days // 2))
            row["expulsion_order_no"] = f"{rng.randint(10, 99)}-Ш"
            row["expulsion_order_date"] = status_on
            row["commission_decision"] = (
                "Өтініштер мен шағымдар жөніндегі комиссия сабаққа қатыспағаны үшін шығаруды және шығындарды "
                "өтеуді шешті" if kk else
                "Комиссия по заявлениям и жалобам решила отчислить за непосещение занятий и взыскать затраты")
            row["repayment_amount"] = (amount / 2).quantize(Decimal("0.01"))
        elif cohort.phase == FINISHED and programme.abroad:
            status_on = cohort.end
            self.outcomes.append(Outcome(enrolment_id, cohort, teacher, cohort.end, False))
        elif cohort.phase == FINISHED:
            status, status_on = self.assess(cohort, enrolment_id, teacher, contract, forced)
        elif status == EnrolmentStatus.IN_TRAINING:
            status_on = cohort.start
        elif status == EnrolmentStatus.ENROLLED and cohort.order_date:
            status_on = cohort.order_date
        row["status"] = status.value
        last_document = self.documents(cohort, enrolment_id, teacher, applied, status)
        if status == EnrolmentStatus.DOCUMENTS_COMPLETE:
            status_on = last_document
        writer.add("enrolment", row)
        writer.add("status_change", {
            "id": self._next("status_change"), "enrolment_id": enrolment_id,
            "from_status": previous.value if (previous := _PREVIOUS[status]) else None, "to_status": status.value,
            "at": _at(status_on), "by": DEMO_USER, "reason": row["commission_decision"],
        })
        writer.tick()

    def documents(
        self, cohort: CohortInfo, enrolment_id: int, teacher: TeacherInfo, applied: date, status: EnrolmentStatus
    ) -> date:
        """п.8 documents received; an applicant in status "applied" has handed in only some."""
        rng, today = self.rng, self.ctx.today
        kinds = ["application", "questionnaire", "id_copy"]
        earlier = teacher.certified_before or any(end < cohort.start for _s, end, _h in teacher.courses or ())
        if earlier:
            kinds.append("certificate_copies")
        if cohort.programme.abroad:
            kinds.append("motivation_letter")
        if status == EnrolmentStatus.APPLIED:
            kinds = kinds[: rng.randint(1, 2)]
        last = applied
        for kind in kinds:
            received = min(applied + timedelta(days=rng.randint(0, 6)), today)
            last = max(last, received)
            self.ctx.writer.add("enrolment_document", {
                "id": self._next("enrolment_document"), "enrolment_id": enrolment_id, "kind_id": self.docs[kind],
                "received_on": received, "note": "",
            })
        return last

    def assess(
        self, cohort: CohortInfo, enrolment_id: int, teacher: TeacherInfo,
        contract: tuple[str, date, str, str] | None, forced: str | None,
    ) -> tuple[EnrolmentStatus, date]:
        """The final assessment (п.27-28) and, for some failures, a re-assessment (п.30.1)."""
        rng, today = self.rng, self.ctx.today
        passed = forced is None and rng.random() >= 0.05
        self.assessment(enrolment_id, 1, cohort.end, passed, contract, RetakeMode.FIRST)
        if passed:
            self.outcomes.append(Outcome(enrolment_id, cohort, teacher, cohort.end, False))
            return EnrolmentStatus.COMPLETED, cohort.end
        if forced == "retake" or (forced is None and rng.random() < 0.6):
            held = add_months(cohort.end, 1 if forced else rng.randint(1, 6)) + timedelta(days=rng.randint(0, 5))
            if held <= today:
                again = forced == "retake" or rng.random() < 0.85
                self.assessment(enrolment_id, 2, held, again, contract, RetakeMode.REASSESSMENT)
                if again:
                    self.outcomes.append(Outcome(enrolment_id, cohort, teacher, held, True))
                    return EnrolmentStatus.COMPLETED, held
                return EnrolmentStatus.NOT_CERTIFIED, held
        return EnrolmentStatus.NOT_CERTIFIED, cohort.end

    def assessment(
        self, enrolment_id: int, attempt: int, held: date, passed: bool,
        contract: tuple[str, date, str, str] | None, mode: RetakeMode,
    ) -> None:
        external = contract is not None
        self.ctx.writer.add("assessment", {
            "id": self._next("assessment"), "enrolment_id": enrolment_id, "attempt": attempt,
            "kind": (AssessmentKind.EXTERNAL if external else AssessmentKind.INTERNAL).value, "mode": mode.value,
            "assessor_provider_id": self.assessor_id if external else None,
            "assessor_contract_no": contract[0] if contract else "",
            "assessor_contract_date": contract[1] if contract else None,
            "expert_name": contract[2] if contract else "", "expert_certificate": contract[3] if contract else "",
            "held_on": held, "score": _score(self.rng, passed), "max_score": _HUNDRED, "passed": passed,
            "with_cohort_id": None, "supporting_documents": "", "note": "",
            "created_at": self.ctx.now, "updated_at": self.ctx.now,
        })


_PREVIOUS: dict[EnrolmentStatus, EnrolmentStatus | None] = {
    EnrolmentStatus.APPLIED: None,
    EnrolmentStatus.DOCUMENTS_COMPLETE: EnrolmentStatus.APPLIED,
    EnrolmentStatus.ENROLLED: EnrolmentStatus.DOCUMENTS_COMPLETE,
    EnrolmentStatus.IN_TRAINING: EnrolmentStatus.ENROLLED,
    EnrolmentStatus.COMPLETED: EnrolmentStatus.IN_TRAINING,
    EnrolmentStatus.NOT_CERTIFIED: EnrolmentStatus.IN_TRAINING,
    EnrolmentStatus.EXPELLED: EnrolmentStatus.IN_TRAINING,
    EnrolmentStatus.TRANSFERRED: EnrolmentStatus.IN_TRAINING,
    EnrolmentStatus.WITHDRAWN: EnrolmentStatus.APPLIED,
}


def write_enrolments(ctx: DemoContext, progress: Callable[[float], None]) -> list[Outcome]:
    """All enrolments, in cohort order; returns who passed, for the certificates."""
    writer = _Enrolments(ctx)
    total = max(1, len(ctx.cohorts))
    for number, cohort in enumerate(ctx.cohorts, 1):
        writer.cohort(cohort)
        if number % 200 == 0:
            progress(number / total)
    return writer.outcomes


def _list_formed_on(cohort: CohortInfo, formation: date, today: date) -> date | None:
    """Lists are formed on their deadline (п.12), except a few upcoming ones an office is late with, so
    that the dashboard's warning has something to show."""
    late = cohort.late_list or cohort.id % 25 == 0
    if formation > today or (cohort.start > today and late):
        return None
    return formation
