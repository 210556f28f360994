"""The final assessment and retakes (п.27-31): results for a whole cohort with their status changes, the
external assessor of a long course, dates and scores, all-or-nothing batches, corrections before and after
a certificate, every way of п.30 with its refusal and the date it becomes possible, and the sheet."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pedesk.i18n import format_date
from pedesk.models import Assessment, Certificate, Cohort, Enrolment, StatusChange, Teacher
from pedesk.models.database import Database
from pedesk.models.enums import AssessmentKind, CertificateStatus, EnrolmentStatus, RetakeMode
from pedesk.services.assessments import (
    AssessorInput,
    ResultInput,
    RetakeInput,
    RowAction,
    assessment_sheet,
    assessor_choices,
    page_assessment_cohorts,
    record_results,
    record_retake,
    retake_options,
)
from pedesk.services.common.errors import ValidationError
from pedesk.services.enrolment import change_status
from tests.backends import Backend
from tests.builders import (
    Template,
    cohort,
    copy_of,
    listener,
    own_office,
    prepare,
    programme,
    provider,
    teacher,
)

S = EnrolmentStatus
M = RetakeMode
TODAY = date(2026, 11, 25)
USER = "aigul"
HUNDRED = Decimal(100)
#: (programme, start, end, provider) of each cohort; SHORT's programme runs again in LATER, EARLY overlaps it
COHORTS = {
    "SHORT": ("P72", date(2026, 3, 2), date(2026, 3, 13)),
    "EARLY": ("P72", date(2026, 3, 9), date(2026, 3, 20)),
    "LATER": ("P72", date(2026, 4, 6), date(2026, 4, 17)),
    "OTHER": ("Q72", date(2026, 4, 6), date(2026, 4, 17)),
    "LONG": ("P108", date(2026, 2, 2), date(2026, 3, 6)),
    "COMING": ("P72", date(2026, 12, 7), date(2026, 12, 18)),
}


@dataclass
class World:
    cohorts: dict[str, int]
    providers: dict[str, int]
    #: the enrolments of each cohort, in the order of the teachers' names
    listeners: dict[str, list[int]]


def _teacher(session: Session, serial: int) -> Teacher:
    # the second teacher was born in 2001: her IIN starts with 0, which a number cell drops
    birth = date(2001, 5, 3) if serial == 1 else date(1980, 1, 1) + timedelta(days=300 * serial)
    return teacher(session, serial, f"Әлімова{chr(ord('а') + serial)}", "Айгүл", birth=birth, workplace="№1 мектеп")


def _listener(session: Session, group: Cohort, person: Teacher, status: EnrolmentStatus) -> Enrolment:
    enrolment = listener(session, group, person, status, applied_on=group.start_date)
    enrolment.status_changes.append(StatusChange(from_status=S.ENROLLED, to_status=status, by="seed",
                                                 at=datetime.combine(group.start_date, datetime.min.time())))
    return enrolment


def build_world(database: Database, sizes: dict[str, int] | None = None) -> World:
    """Providers OWN (runs every cohort), UNI (holds external assessments) and PLAIN (does not); the cohorts
    of ``COHORTS``; in training: 4 listeners of SHORT, 2 of LONG and 1 of LATER and OTHER (or ``sizes``)."""
    counts = {"SHORT": 4, "LONG": 2, "LATER": 1, "OTHER": 1} | (sizes or {})
    with database.transaction() as session:
        office = own_office(session, name_kk="Кабинет", name_ru="Кабинет")
        providers = {"OWN": provider(session),
                     "UNI": provider(session, "Қарағанды университеті", "Карагандинский университет",
                                     can_assess_externally=True),
                     "PLAIN": provider(session, "Бөбек", "Бобек")}
        programmes = {code: programme(session, office, code, f"{code} бағдарламасы", f"Программа {code}", hours)
                      for code, hours in (("P72", 72), ("Q72", 72), ("P108", 108))}
        cohorts = {code: cohort(session, office, programmes[course], code, end, start=start, host=providers["OWN"],
                                capacity=25)
                   for code, (course, start, end) in COHORTS.items()}
        serial = 0
        listeners: dict[str, list[int]] = {}
        for code, count in counts.items():
            listeners[code] = []
            for _index in range(count):
                person = _teacher(session, serial)
                serial += 1
                listeners[code].append(_listener(session, cohorts[code], person, S.IN_TRAINING).id)
        session.flush()
        return World({code: c.id for code, c in cohorts.items()}, {k: p.id for k, p in providers.items()},
                     listeners)


@pytest.fixture(scope="module")
def template(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> tuple[Template, World]:
    return prepare(backend, tmp_path_factory, "assessments", build_world)


@pytest.fixture
def database(template: tuple[Template, World], tmp_path: Path) -> Iterator[Database]:
    copied = copy_of(template[0], tmp_path)
    yield copied
    copied.dispose()


@pytest.fixture
def world(template: tuple[Template, World]) -> World:
    return template[1]


def expert(world: World, **changes: Any) -> AssessorInput:
    base = AssessorInput(world.providers["UNI"], "ШК-17", date(2026, 3, 1), "Серікова Дана", "ЭС-0042")
    return replace(base, **changes)


def _results(database: Database, world: World, cohort: str, results: list[ResultInput], *,
             held_on: date | None = None, assessor: AssessorInput | None = None, today: date = TODAY) -> None:
    with database.transaction(user=USER) as session:
        record_results(session, world.cohorts[cohort], results, held_on=held_on or COHORTS[cohort][2],
                       assessor=assessor, today=today)


def _refused(database: Database, call: Callable[[Session], object]) -> list[tuple[str, str, int | None]]:
    with pytest.raises(ValidationError) as caught, database.transaction(user=USER) as session:
        call(session)
    return [(problem.field, problem.message, problem.row) for problem in caught.value.problems]


def _attempts(database: Database, enrolment_id: int) -> list[tuple[Any, ...]]:
    with database.reading() as session:
        rows = session.scalars(select(Assessment).where(Assessment.enrolment_id == enrolment_id)
                               .order_by(Assessment.attempt))
        return [(row.attempt, row.mode, row.passed, row.held_on, row.score, row.max_score) for row in rows]


def _status(database: Database, enrolment_id: int) -> EnrolmentStatus:
    with database.reading() as session:
        return EnrolmentStatus(session.get_one(Enrolment, enrolment_id).status)


def _changes(database: Database, enrolment_id: int) -> list[tuple[Any, ...]]:
    with database.reading() as session:
        rows = session.scalars(select(StatusChange).where(StatusChange.enrolment_id == enrolment_id,
                                                          StatusChange.by != "seed")
                               .order_by(StatusChange.at, StatusChange.id))
        return [(row.from_status, row.to_status, row.at.date(), row.by, row.reason) for row in rows]


def _count(database: Database, model: Any) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def passed(enrolment_id: int, score: int = 80, row: int | None = None) -> ResultInput:
    return ResultInput(enrolment_id, Decimal(score), HUNDRED, True, row=row)


def failed(enrolment_id: int, score: int = 30, row: int | None = None) -> ResultInput:
    return ResultInput(enrolment_id, Decimal(score), HUNDRED, False, row=row)


# --- Results of a cohort (п.27-28) ---------------------------------------------------------------------------


def test_results_move_listeners_to_completed_or_not_certified(database: Database, world: World) -> None:
    first, second = world.listeners["SHORT"][:2]
    end = COHORTS["SHORT"][2]
    _results(database, world, "SHORT", [passed(first, 85), failed(second, 20)], held_on=end)
    assert _attempts(database, first) == [(1, M.FIRST, True, end, Decimal("85.00"), Decimal("100.00"))]
    assert _attempts(database, second) == [(1, M.FIRST, False, end, Decimal("20.00"), Decimal("100.00"))]
    assert (_status(database, first), _status(database, second)) == (S.COMPLETED, S.NOT_CERTIFIED)
    assert [row[:4] for row in _changes(database, first)] == [(S.IN_TRAINING, S.COMPLETED, end, USER)]
    assert [row[:4] for row in _changes(database, second)] == [(S.IN_TRAINING, S.NOT_CERTIFIED, end, USER)]
    with database.reading() as session:
        kind = session.scalars(select(Assessment.kind).where(Assessment.enrolment_id == first)).one()
    assert kind == AssessmentKind.INTERNAL


def test_a_batch_with_one_bad_row_writes_nothing_and_names_every_problem(database: Database, world: World) -> None:
    a, b, c, d = world.listeners["SHORT"]
    results = [passed(a, row=1), ResultInput(b, Decimal(120), HUNDRED, True, row=2),
               ResultInput(c, Decimal(50), None, None, row=3), ResultInput(d, Decimal(-1), HUNDRED, False, row=4)]
    problems = _refused(database, lambda s: record_results(s, world.cohorts["SHORT"], results,
                                                           held_on=date(2026, 3, 13), assessor=None, today=TODAY))
    assert [(field, row) for field, _message, row in problems] == [
        ("score", 2), ("passed", 3), ("max_score", 3), ("score", 4)]
    assert "120 is not between 0 and the maximum 100" in problems[0][1] and "Әлімоваб" in problems[0][1]
    assert _count(database, Assessment) == 0
    assert _status(database, a) == S.IN_TRAINING and _changes(database, a) == []


def test_the_date_is_on_or_after_the_end_and_not_in_the_future(database: Database, world: World) -> None:
    first = world.listeners["SHORT"][0]
    problems = _refused(database, lambda s: record_results(s, world.cohorts["SHORT"], [passed(first)],
                                                           held_on=date(2026, 3, 12), assessor=None, today=TODAY))
    assert problems[0][0] == "held_on" and format_date(date(2026, 3, 13)) in problems[0][1]
    assert "п.27-28" in problems[0][1]
    problems = _refused(database, lambda s: record_results(s, world.cohorts["SHORT"], [passed(first)],
                                                           held_on=TODAY + timedelta(days=1), assessor=None,
                                                           today=TODAY))
    assert problems[0][0] == "held_on" and format_date(TODAY) in problems[0][1]
    _results(database, world, "SHORT", [passed(first)], held_on=TODAY)
    assert _attempts(database, first)[0][3] == TODAY


def test_a_listener_not_in_training_is_refused_by_name(database: Database, world: World) -> None:
    first, second = world.listeners["SHORT"][:2]
    with database.transaction(user=USER) as session:
        change_status(session, second, S.EXPELLED, on=date(2026, 3, 5), expulsion_order_no="12-Ш",
                      expulsion_order_date=date(2026, 3, 5), commission_decision="Сабаққа қатыспады")
    problems = _refused(database, lambda s: record_results(s, world.cohorts["SHORT"], [passed(first),
                                                                                       passed(second)],
                                                           held_on=date(2026, 3, 13), assessor=None, today=TODAY))
    assert [field for field, _message, _row in problems] == ["enrolment_id"]
    assert "Әлімоваб" in problems[0][1] and '"expelled"' in problems[0][1]
    other = world.listeners["OTHER"][0]
    problems = _refused(database, lambda s: record_results(s, world.cohorts["SHORT"], [passed(other)],
                                                           held_on=date(2026, 3, 13), assessor=None, today=TODAY))
    assert "not in the cohort SHORT" in problems[0][1]


# --- The external assessment of a long course (п.27) -------------------------------------------------------


def test_a_long_course_needs_the_organisation_contract_and_certified_expert(database: Database, world: World) -> None:
    first = world.listeners["LONG"][0]

    def call(assessor: AssessorInput | None) -> list[tuple[str, str, int | None]]:
        return _refused(database, lambda s: record_results(s, world.cohorts["LONG"], [passed(first)],
                                                           held_on=date(2026, 3, 6), assessor=assessor,
                                                           today=TODAY))

    fields = [field for field, _message, _row in call(None)]
    assert fields == ["assessor_provider_id", "assessor_contract_no", "assessor_contract_date", "expert_name",
                      "expert_certificate"]
    own = call(expert(world, provider_id=world.providers["OWN"]))
    assert own[0][0] == "assessor_provider_id" and "runs the cohort LONG itself" in own[0][1]
    plain = call(expert(world, provider_id=world.providers["PLAIN"]))
    assert "not marked as holding external final assessments" in plain[0][1]
    late = call(expert(world, contract_date=date(2026, 3, 7)))
    assert late[0][0] == "assessor_contract_date"
    long = call(expert(world, contract_no="1" * 61, expert_name="Ә" * 301, expert_certificate="2" * 101))
    assert [(field, message.split(":")[0], "too long" in message) for field, message, _row in long] == [
        ("assessor_contract_no", "Contract number", True), ("expert_name", "Expert", True),
        ("expert_certificate", "Expert's certificate", True)]
    assert _count(database, Assessment) == 0
    _results(database, world, "LONG", [passed(first)], assessor=expert(world))
    with database.reading() as session:
        stored = session.scalars(select(Assessment).where(Assessment.enrolment_id == first)).one()
        assert stored.kind == AssessmentKind.EXTERNAL
        assert (stored.assessor_provider_id, stored.assessor_contract_no, stored.assessor_contract_date,
                stored.expert_name, stored.expert_certificate) == (
            world.providers["UNI"], "ШК-17", date(2026, 3, 1), "Серікова Дана", "ЭС-0042")


def test_a_short_course_takes_no_external_assessor(database: Database, world: World) -> None:
    first = world.listeners["SHORT"][0]
    problems = _refused(database, lambda s: record_results(s, world.cohorts["SHORT"], [passed(first)],
                                                           held_on=date(2026, 3, 13), assessor=expert(world),
                                                           today=TODAY))
    assert problems[0][0] == "assessor_provider_id" and "п.28" in problems[0][1]
    _results(database, world, "SHORT", [passed(first)], assessor=AssessorInput())  # an empty form is none
    with database.reading() as session:
        assert session.scalars(select(Assessment.assessor_provider_id)).one() is None


def test_assessor_choices_leave_out_the_cohorts_provider_and_unmarked_ones(database: Database, world: World) -> None:
    with database.reading() as session:
        assert assessor_choices(session, world.cohorts["LONG"], lang="ru") == [
            (world.providers["UNI"], "Карагандинский университет")]


# --- Corrections before and after a certificate --------------------------------------------------------------


def _certificate(database: Database, enrolment_id: int, status: CertificateStatus = CertificateStatus.ISSUED) -> None:
    with database.transaction() as session:
        enrolment = session.get_one(Enrolment, enrolment_id)
        session.add(Certificate(office_id=enrolment.cohort.office_id, number="KRG-2026-00001", year=2026, seq=1,
                                verification_code=f"V{enrolment_id}{status.value}", enrolment_id=enrolment_id,
                                teacher_id=enrolment.teacher_id, issue_date=date(2026, 3, 20),
                                valid_until=date(2031, 3, 20), academic_hours=72, status=status))


def test_a_first_result_is_corrected_until_a_certificate_exists(database: Database, world: World) -> None:
    first = world.listeners["SHORT"][0]
    _results(database, world, "SHORT", [passed(first, 55)])
    _results(database, world, "SHORT", [failed(first, 45)])
    assert _attempts(database, first) == [(1, M.FIRST, False, date(2026, 3, 13), Decimal("45.00"), HUNDRED)]
    assert _status(database, first) == S.NOT_CERTIFIED
    last = _changes(database, first)[-1]
    assert last[:4] == (S.COMPLETED, S.NOT_CERTIFIED, TODAY, USER) and "corrected: not passed" in last[4]
    _results(database, world, "SHORT", [passed(first, 60)])
    assert _status(database, first) == S.COMPLETED
    assert [row[1] for row in _changes(database, first)] == [S.COMPLETED, S.NOT_CERTIFIED, S.COMPLETED]
    _certificate(database, first)
    problems = _refused(database, lambda s: record_results(s, world.cohorts["SHORT"], [failed(first)],
                                                           held_on=date(2026, 3, 13), assessor=None, today=TODAY))
    assert "KRG-2026-00001" in problems[0][1] and "Annul the certificate first" in problems[0][1]
    assert _attempts(database, first)[0][2] is True


def test_an_annulled_certificate_no_longer_blocks_a_correction(database: Database, world: World) -> None:
    first = world.listeners["SHORT"][0]
    _results(database, world, "SHORT", [passed(first)])
    _certificate(database, first, CertificateStatus.ANNULLED)
    _results(database, world, "SHORT", [failed(first)])
    assert _status(database, first) == S.NOT_CERTIFIED


# --- Retakes (п.30) -------------------------------------------------------------------------------------------


def retake(mode: RetakeMode, held_on: date, ok: bool = True, **extra: Any) -> RetakeInput:
    return RetakeInput(mode, held_on, ok, Decimal(70 if ok else 30), HUNDRED, **extra)


def _retake(database: Database, enrolment_id: int, item: RetakeInput, today: date = TODAY) -> None:
    with database.transaction(user=USER) as session:
        record_retake(session, enrolment_id, item, today=today)


def _options(database: Database, enrolment_id: int, on: date) -> dict[RetakeMode, Any]:
    with database.reading() as session:
        return {option.mode: option for option in retake_options(session, enrolment_id, on)}


@pytest.fixture
def failure(database: Database, world: World) -> int:
    """The first listener of SHORT failed the final assessment on 13 March 2026."""
    first = world.listeners["SHORT"][0]
    _results(database, world, "SHORT", [failed(first)])
    return first


def test_a_second_reassessment_within_12_months_is_refused_until_its_date(database: Database, failure: int) -> None:
    _retake(database, failure, retake(M.REASSESSMENT, date(2026, 4, 1), ok=False))
    assert _status(database, failure) == S.NOT_CERTIFIED
    problems = _refused(database, lambda s: record_retake(s, failure, retake(M.REASSESSMENT, date(2026, 10, 1)),
                                                          today=TODAY))
    assert problems[0][0] == "held_on" and format_date(date(2027, 4, 1)) in problems[0][1]
    option = _options(database, failure, TODAY)[M.REASSESSMENT]
    assert (option.allowed, option.possible_from) == (False, date(2027, 4, 1))
    assert format_date(date(2027, 4, 1)) in option.reason
    assert _options(database, failure, date(2027, 4, 1))[M.REASSESSMENT].allowed
    _retake(database, failure, retake(M.REASSESSMENT, date(2027, 4, 1)), today=date(2027, 4, 1))
    assert [row[:3] for row in _attempts(database, failure)] == [
        (1, M.FIRST, False), (2, M.REASSESSMENT, False), (3, M.REASSESSMENT, True)]
    assert _status(database, failure) == S.COMPLETED
    assert _changes(database, failure)[-1][:3] == (S.NOT_CERTIFIED, S.COMPLETED, date(2027, 4, 1))


def test_a_reassessment_with_the_next_cohort_counts_for_the_12_months(database: Database, world: World,
                                                                     failure: int) -> None:
    _retake(database, failure, retake(M.NEXT_COHORT, date(2026, 4, 17), ok=False,
                                      with_cohort_id=world.cohorts["LATER"]))
    problems = _refused(database, lambda s: record_retake(s, failure, retake(M.REASSESSMENT, date(2026, 9, 1)),
                                                          today=TODAY))
    assert format_date(date(2027, 4, 17)) in problems[0][1]


def test_the_next_cohort_is_of_the_same_programme_and_later(database: Database, world: World, failure: int) -> None:
    def refused(cohort: str | None, held_on: date = date(2026, 4, 20)) -> list[tuple[str, str, int | None]]:
        item = retake(M.NEXT_COHORT, held_on, with_cohort_id=world.cohorts[cohort] if cohort else None)
        return _refused(database, lambda s: record_retake(s, failure, item, today=TODAY))

    other = refused("OTHER")
    assert other[0][0] == "with_cohort_id" and "another programme" in other[0][1]
    assert "The cohort LATER" in other[0][1]  # says which cohort would do
    early = refused("EARLY")
    assert "starts on" in early[0][1] and "LATER" in early[0][1]
    assert "choose the next cohort" in refused(None)[0][1]
    too_soon = refused("LATER", date(2026, 4, 16))
    assert too_soon[0][0] == "held_on" and format_date(date(2026, 4, 17)) in too_soon[0][1]
    _retake(database, failure, retake(M.NEXT_COHORT, date(2026, 4, 17), with_cohort_id=world.cohorts["LATER"]))
    with database.reading() as session:
        stored = session.scalars(select(Assessment).where(Assessment.attempt == 2)).one()
        assert (stored.mode, stored.with_cohort_id) == (M.NEXT_COHORT, world.cohorts["LATER"])
    assert _status(database, failure) == S.COMPLETED


def test_next_cohort_option_waits_for_the_next_cohort_to_end(database: Database, world: World, failure: int) -> None:
    option = _options(database, failure, date(2026, 4, 10))[M.NEXT_COHORT]
    assert (option.allowed, option.possible_from) == (False, date(2026, 4, 17))
    option = _options(database, failure, TODAY)[M.NEXT_COHORT]
    assert option.allowed and [cohort.code for cohort in option.cohorts] == ["LATER"]


def test_finishing_an_unfinished_course_needs_supporting_documents(database: Database, failure: int) -> None:
    problems = _refused(database, lambda s: record_retake(s, failure, retake(M.FINISH_UNFINISHED, date(2026, 5, 4)),
                                                          today=TODAY))
    assert [(field, "п.30.4" in message) for field, message, _row in problems] == [("supporting_documents", True)]
    documents = "Анықтама № 45, 02.04.2026 (емхана)"
    _retake(database, failure, retake(M.FINISH_UNFINISHED, date(2026, 5, 4), supporting_documents=documents))
    with database.reading() as session:
        stored = session.scalars(select(Assessment).where(Assessment.attempt == 2)).one()
        assert (stored.mode, stored.supporting_documents) == (M.FINISH_UNFINISHED, documents)


def test_a_listener_who_never_finished_finishes_in_training(database: Database, world: World) -> None:
    absent = world.listeners["SHORT"][1]
    options = _options(database, absent, TODAY)
    assert options[M.FINISH_UNFINISHED].allowed and options[M.TRANSFER].allowed
    assert not options[M.REASSESSMENT].allowed and "Enter the first result" in options[M.REASSESSMENT].reason
    _retake(database, absent, retake(M.FINISH_UNFINISHED, date(2026, 6, 1), supporting_documents="Анықтама № 7"))
    assert _attempts(database, absent)[0][:3] == (1, M.FINISH_UNFINISHED, True)
    assert _changes(database, absent)[0][:2] == (S.IN_TRAINING, S.COMPLETED)


def test_a_listener_who_passed_cannot_retake(database: Database, world: World) -> None:
    first = world.listeners["SHORT"][0]
    _results(database, world, "SHORT", [passed(first)])
    options = _options(database, first, TODAY)
    assert not any(option.allowed for option in options.values())
    assert "passed the final assessment" in options[M.REASSESSMENT].reason
    problems = _refused(database, lambda s: record_retake(s, first, retake(M.REASSESSMENT, date(2026, 4, 1)),
                                                          today=TODAY))
    assert problems[0][0] == "mode" and "passed" in problems[0][1]


def test_a_retake_comes_after_the_previous_attempt_and_transfer_is_a_status(database: Database, failure: int) -> None:
    problems = _refused(database, lambda s: record_retake(s, failure, retake(M.REASSESSMENT, date(2026, 3, 13)),
                                                          today=TODAY))
    assert problems[0][0] == "held_on" and "previous attempt" in problems[0][1]
    problems = _refused(database, lambda s: record_retake(s, failure, retake(M.TRANSFER, date(2026, 4, 1)),
                                                          today=TODAY))
    assert problems[0][0] == "mode" and '"transferred"' in problems[0][1]
    transfer = _options(database, failure, TODAY)[M.TRANSFER]
    assert transfer.allowed and [cohort.code for cohort in transfer.cohorts] == ["COMING"]  # this year, not over
    assert not _options(database, failure, date(2026, 12, 20))[M.TRANSFER].allowed


def test_a_failed_retake_of_a_long_course_needs_its_external_assessor(database: Database, world: World) -> None:
    first = world.listeners["LONG"][0]
    _results(database, world, "LONG", [failed(first)], assessor=expert(world))
    problems = _refused(database, lambda s: record_retake(s, first, retake(M.REASSESSMENT, date(2026, 5, 5)),
                                                          today=TODAY))
    assert "assessor_provider_id" in [field for field, _message, _row in problems]
    _retake(database, first, retake(M.REASSESSMENT, date(2026, 5, 5), ok=False, assessor=expert(world)))
    assert _status(database, first) == S.NOT_CERTIFIED and len(_attempts(database, first)) == 2


# --- The sheet and the cohorts ----------------------------------------------------------------------------------


def test_the_sheet_says_what_can_be_done_for_each_listener(database: Database, world: World) -> None:
    a, b, c, d = world.listeners["SHORT"]
    _results(database, world, "SHORT", [passed(a), failed(b), passed(c)])
    _certificate(database, c)
    with database.transaction(user=USER) as session:
        change_status(session, d, S.TRANSFERRED, on=date(2026, 3, 10), reason="Ауырды",
                      to_cohort_id=world.cohorts["LATER"])
    with database.reading() as session:
        sheet = assessment_sheet(session, world.cohorts["SHORT"], lang="en")
    rows = {row.enrolment_id: row for row in sheet.rows}
    assert [rows[key].action for key in (a, b, c, d)] == [RowAction.CORRECT, RowAction.RETAKE, RowAction.NONE,
                                                         RowAction.NONE]
    assert rows[c].has_certificate and "Annul the certificate" in rows[c].note
    assert '"transferred"' in rows[d].note
    assert sheet.held_on == date(2026, 3, 13) and sheet.cohort.assessment_kind == AssessmentKind.INTERNAL
    first = rows[b].first
    assert first is not None and first.score == Decimal(30)


def test_a_cohort_that_has_not_ended_waits_for_its_last_day(database: Database, world: World) -> None:
    with database.reading() as session:
        sheet = assessment_sheet(session, world.cohorts["SHORT"], lang="en", today=date(2026, 3, 10))
    assert {(row.action, row.editable, row.wait_until) for row in sheet.rows} == {
        (RowAction.WAIT, False, date(2026, 3, 13))}
    assert format_date(date(2026, 3, 13)) in sheet.rows[0].note


def test_the_cohorts_that_started_come_latest_end_first_with_their_counts(database: Database, world: World) -> None:
    _results(database, world, "SHORT", [passed(world.listeners["SHORT"][0])])
    with database.reading() as session:
        rows = page_assessment_cohorts(session, today=TODAY, lang="kk")
        found = page_assessment_cohorts(session, "q72", today=TODAY, lang="kk")
    assert [row.code for row in rows] == ["LATER", "OTHER", "EARLY", "SHORT", "LONG"]  # COMING has not started
    short = next(row for row in rows if row.code == "SHORT")
    assert (short.listeners, short.results, short.programme) == (4, 1, "P72 бағдарламасы")
    assert [row.code for row in found] == ["OTHER"]
