"""Applications and enrolments: the rules for adding a teacher to a cohort (places, one application per
cohort, the п.12 list, Appendix 2 for abroad, п.7.4 English, the п.21 180 hours), the п.8 documents, the
status flow with its StatusChange rows and every refusal, and the cohort's list."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.models import AuditEntry, Cohort, Enrolment, Office, Programme, StatusChange
from pedesk.models.database import Database
from pedesk.models.enums import CourseKind, EnrolmentStatus, Language
from pedesk.services.common.errors import ValidationError
from pedesk.services.enrolment import (
    ApplicationData,
    change_status,
    cohort_listeners,
    count_places,
    document_checklist,
    enrol_teacher,
    record_document,
    update_application,
)
from tests.builders import cohort, own_office, programme, provider, teacher

S = EnrolmentStatus
ON = date(2026, 3, 2)
USER = "aigul"
REQUIRED = ("application", "questionnaire", "id_copy")


@dataclass
class World:
    cohorts: dict[str, int]
    teachers: list[int]


def _programme(session: Session, office: Office, code: str, hours: int, **extra: Any) -> Programme:
    return programme(session, office, code, code, code, hours, kind=CourseKind.SHORT, **extra)


@pytest.fixture
def world(database: Database) -> World:
    """Cohorts: OPEN (list not formed on ON), LATE (formed), NEXT_YEAR, ABROAD, ENGLISH, SMALL (2 places),
    PAST (finished), BIG (120 h, finished long ago) and OVERLAP; ten teachers."""
    with database.transaction() as session:
        office = own_office(session, name_kk="Кабинет", name_ru="Кабинет")
        host = provider(session)
        regular = _programme(session, office, "P72", 72)
        abroad = _programme(session, office, "ABR", 120, abroad=True)
        english = _programme(session, office, "ENG", 72, language_course=True)
        big = _programme(session, office, "P108", 108)
        specs = {
            "OPEN": (regular, date(2026, 6, 1), 25), "LATE": (regular, date(2026, 4, 15), 25),
            "NEXT_YEAR": (regular, date(2027, 1, 11), 25), "ABROAD": (abroad, date(2026, 9, 1), 10),
            "ENGLISH": (english, date(2026, 6, 1), 25), "SMALL": (regular, date(2026, 6, 1), 2),
            "PAST": (regular, date(2026, 1, 12), 25), "BIG": (big, date(2024, 2, 1), 25),
            "OVERLAP": (regular, date(2026, 6, 8), 25), "BIG2": (big, date(2025, 2, 1), 25),
        }
        cohorts = {}
        for code, (course, start, capacity) in specs.items():
            made = cohort(session, office, course, code, start + timedelta(days=11), host=host, capacity=capacity)
            session.flush()
            cohorts[code] = made.id
        teachers = []
        for serial in range(10):
            person = teacher(session, serial, f"Әлімова{chr(ord('а') + serial)}", "Айгүл",
                             birth=date(1980, 1, 1) + timedelta(days=400 * serial), workplace="№1 мектеп")
            session.flush()
            teachers.append(person.id)
        return World(cohorts, teachers)


def _enrol(database: Database, world: World, cohort: str, teacher: int = 0, *, on: date = ON, reason: str = "",
           data: ApplicationData | None = None) -> tuple[int, tuple[str, ...]]:
    with database.transaction(user=USER) as session:
        result = enrol_teacher(session, world.cohorts[cohort], world.teachers[teacher], on=on, reason=reason,
                               data=data)
        return result.enrolment.id, result.warnings


def _refused(database: Database, call: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught, database.transaction(user=USER) as session:
        call(session)
    return {problem.field: problem.message for problem in caught.value.problems}


def _form(world: World, cohort: str, teacher: int = 0, **changes: Any) -> ApplicationData:
    base = ApplicationData(world.cohorts[cohort], world.teachers[teacher], applied_on=ON, group_language="kk")
    return replace(base, **changes)


def _change(database: Database, enrolment_id: int, to: EnrolmentStatus, on: date, reason: str = "",
            **details: Any) -> None:
    with database.transaction(user=USER) as session:
        change_status(session, enrolment_id, to, on=on, reason=reason, **details)


def _documents(database: Database, enrolment_id: int, kinds: tuple[str, ...] = REQUIRED) -> None:
    with database.transaction(user=USER) as session:
        for kind in kinds:
            record_document(session, enrolment_id, kind, ON)


def _changes(database: Database, enrolment_id: int) -> list[tuple[Any, ...]]:
    with database.reading() as session:
        rows = session.scalars(select(StatusChange).where(StatusChange.enrolment_id == enrolment_id)
                               .order_by(StatusChange.at, StatusChange.id))
        return [(row.from_status, row.to_status, row.at.date(), row.by, row.reason) for row in rows]


# --- Adding a teacher ------------------------------------------------------------------------------------


def test_enrol_starts_at_applied_with_a_status_change(database: Database, world: World) -> None:
    enrolment_id, warnings = _enrol(database, world, "OPEN")
    assert warnings == ()
    with database.reading() as session:
        enrolment = session.get(Enrolment, enrolment_id)
        assert enrolment is not None
        assert (enrolment.status, enrolment.applied_on, enrolment.group_language) == (S.APPLIED, ON, Language.KK)
    assert _changes(database, enrolment_id) == [(None, S.APPLIED, ON, USER, "")]


def test_capacity_reached_says_how_many_places_are_taken(database: Database, world: World) -> None:
    first, _ = _enrol(database, world, "SMALL", 0)
    _enrol(database, world, "SMALL", 1)
    problems = _refused(database, lambda s: enrol_teacher(s, world.cohorts["SMALL"], world.teachers[2], on=ON))
    assert set(problems) == {"cohort_id"}
    assert "full" in problems["cohort_id"] and "2 of its 2 places" in problems["cohort_id"]
    with database.reading() as session:
        assert count_places(session, world.cohorts["SMALL"]) == (2, 2)
    _change(database, first, S.WITHDRAWN, ON, "ауырып қалды")  # a withdrawn application frees its place
    _enrol(database, world, "SMALL", 2)


def test_one_application_per_cohort_names_its_status(database: Database, world: World) -> None:
    enrolment_id, _ = _enrol(database, world, "OPEN")
    problems = _refused(database, lambda s: enrol_teacher(s, world.cohorts["OPEN"], world.teachers[0], on=ON))
    assert set(problems) == {"teacher_id"} and '"applied"' in problems["teacher_id"]
    _documents(database, enrolment_id)
    _change(database, enrolment_id, S.DOCUMENTS_COMPLETE, ON)
    problems = _refused(database, lambda s: enrol_teacher(s, world.cohorts["OPEN"], world.teachers[0], on=ON))
    assert '"documents complete"' in problems["teacher_id"]


def test_a_withdrawn_application_is_reopened(database: Database, world: World) -> None:
    enrolment_id, _ = _enrol(database, world, "OPEN")
    _change(database, enrolment_id, S.WITHDRAWN, ON, "өз өтініші")
    again, warnings = _enrol(database, world, "OPEN", on=ON + timedelta(days=3))
    assert again == enrolment_id and "reopened" in warnings[0]
    assert [(row[0], row[1]) for row in _changes(database, enrolment_id)] == [
        (None, S.APPLIED), (S.APPLIED, S.WITHDRAWN), (S.WITHDRAWN, S.APPLIED)]


def test_late_addition_needs_a_reason(database: Database, world: World) -> None:
    # LATE starts on 15 April: its list is formed on 15 February (п.12), before ON
    problems = _refused(database, lambda s: enrol_teacher(s, world.cohorts["LATE"], world.teachers[0], on=ON))
    assert set(problems) == {"late_addition_reason"} and "п.12" in problems["late_addition_reason"]
    enrolment_id, _ = _enrol(database, world, "LATE", reason="Ауырған педагогтің орнына")
    with database.reading() as session:
        enrolment = session.get(Enrolment, enrolment_id)
        assert enrolment is not None and enrolment.late_addition_reason == "Ауырған педагогтің орнына"
    assert _changes(database, enrolment_id)[0][4] == "Ауырған педагогтің орнына"
    with database.reading() as session:  # the audit log keeps the why of a late change too (п.12)
        audited = session.scalars(select(AuditEntry.reason).where(
            AuditEntry.entity == "enrolment", AuditEntry.entity_id == enrolment_id)).all()
    assert audited and set(audited) == {"Ауырған педагогтің орнына"}


def test_a_reason_given_before_the_list_is_formed_is_not_a_late_addition(database: Database, world: World) -> None:
    enrolment_id, _ = _enrol(database, world, "OPEN", reason="Бөлім жіберді")
    with database.reading() as session:
        assert session.get_one(Enrolment, enrolment_id).late_addition_reason == ""
    assert _changes(database, enrolment_id)[0][4] == "Бөлім жіберді"


def test_late_addition_boundary_and_an_early_formed_list(database: Database, world: World) -> None:
    # OPEN starts on 1 June: the list is formed on 1 April
    _enrol(database, world, "OPEN", 0, on=date(2026, 3, 31))
    problems = _refused(database, lambda s: enrol_teacher(s, world.cohorts["OPEN"], world.teachers[1],
                                                          on=date(2026, 4, 1)))
    assert set(problems) == {"late_addition_reason"}
    with database.transaction() as session:
        session.get_one(Cohort, world.cohorts["OPEN"]).list_formed_on = date(2026, 3, 1)
    problems = _refused(database, lambda s: enrol_teacher(s, world.cohorts["OPEN"], world.teachers[2], on=ON))
    assert set(problems) == {"late_addition_reason"}


def test_a_finished_cohort_takes_nobody(database: Database, world: World) -> None:
    problems = _refused(database, lambda s: enrol_teacher(s, world.cohorts["PAST"], world.teachers[0], on=ON,
                                                          reason="кеш"))
    assert set(problems) == {"cohort_id"} and "ended" in problems["cohort_id"]


def test_abroad_needs_country_and_months_only_for_abroad_programmes(database: Database, world: World) -> None:
    call = lambda data: lambda s: enrol_teacher(s, data.cohort_id, data.teacher_id, on=ON, data=data)  # noqa: E731
    assert set(_refused(database, call(_form(world, "ABROAD")))) == {"abroad_country", "abroad_months"}
    assert set(_refused(database, call(_form(world, "ABROAD", abroad_country="Ұлыбритания",
                                               abroad_months=13)))) == {"abroad_months"}
    assert set(_refused(database, call(_form(world, "OPEN", abroad_country="Ұлыбритания")))) == {"abroad_country"}
    assert set(_refused(database, call(_form(world, "OPEN", abroad_months=3)))) == {"abroad_months"}
    _enrol(database, world, "ABROAD", 0, data=_form(world, "ABROAD", 0, abroad_country="Ұлыбритания",
                                                       abroad_months=12))
    # a list import (no form) is added, told to complete Appendix 2, and gets the programme's length
    enrolment_id, warnings = _enrol(database, world, "ABROAD", 1)
    assert any("Appendix 2" in warning for warning in warnings)
    with database.reading() as session:
        assert session.get_one(Enrolment, enrolment_id).abroad_months == 3


def test_english_is_asked_only_for_language_courses(database: Database, world: World) -> None:
    data = _form(world, "OPEN", elig_english=True)
    problems = _refused(database, lambda s: enrol_teacher(s, data.cohort_id, data.teacher_id, on=ON, data=data))
    assert set(problems) == {"elig_english"} and "п.7" in problems["elig_english"]
    _enrol(database, world, "ENGLISH", data=_form(world, "ENGLISH", elig_english=True))


def test_other_form_fields(database: Database, world: World) -> None:
    data = _form(world, "OPEN", group_language="ru", referral_order_no="12-ж", admin_letter_date=ON,
                 applied_on=ON + timedelta(days=1), referral_by="ministry")
    problems = _refused(database, lambda s: enrol_teacher(s, data.cohort_id, data.teacher_id, on=ON, data=data))
    assert set(problems) == {"group_language", "referral_order_date", "admin_letter_no", "applied_on",
                             "referral_by"}
    with pytest.raises(ValueError), database.transaction() as session:
        enrol_teacher(session, world.cohorts["LATE"], world.teachers[0], on=ON, data=data)


def test_warning_past_180_hours_in_five_years(database: Database, world: World) -> None:
    with database.transaction() as session:  # teachers 0 and 1 completed 108 hours in 2024
        for teacher in (0, 1):
            session.add(Enrolment(cohort_id=world.cohorts["BIG"], teacher_id=world.teachers[teacher],
                                  status=S.COMPLETED, applied_on=date(2023, 11, 1)))
        session.add(Enrolment(cohort_id=world.cohorts["BIG2"], teacher_id=world.teachers[1],
                              status=S.COMPLETED, applied_on=date(2024, 11, 1)))
    _id, warnings = _enrol(database, world, "OPEN", 0)  # 108 + 72 = 180: not more than 180
    assert warnings == ()
    _id, warnings = _enrol(database, world, "OPEN", 1)  # 216 + 72 = 288
    assert len(warnings) == 1 and "288" in warnings[0] and "180" in warnings[0] and "п.21" in warnings[0]


def test_warning_for_an_overlapping_cohort(database: Database, world: World) -> None:
    _enrol(database, world, "OPEN", 0)
    _id, warnings = _enrol(database, world, "OVERLAP", 0)
    assert len(warnings) == 1 and "OPEN" in warnings[0] and "overlap" in warnings[0]
    _id, warnings = _enrol(database, world, "ENGLISH", 1)
    assert warnings == ()


def test_update_application(database: Database, world: World) -> None:
    enrolment_id, _ = _enrol(database, world, "LATE", reason="Орнына")
    data = _form(world, "LATE", referral_order_no="15-ж", referral_order_date=date(2026, 2, 20),
                 late_addition_reason="Орнына", note="Ескерту")
    with database.transaction() as session:
        update_application(session, enrolment_id, data)
    with database.reading() as session:
        enrolment = session.get_one(Enrolment, enrolment_id)
        assert (enrolment.referral_order_no, enrolment.note, enrolment.status) == ("15-ж", "Ескерту", S.APPLIED)
    problems = _refused(database, lambda s: update_application(s, enrolment_id, replace(
        data, cohort_id=world.cohorts["OPEN"], late_addition_reason="")))
    assert set(problems) == {"cohort_id", "late_addition_reason"}
    assert "transferred" in problems["cohort_id"]


# --- Documents (п.8) ---------------------------------------------------------------------------------------


def test_checklist_and_documents(database: Database, world: World) -> None:
    home, _ = _enrol(database, world, "OPEN", 0)
    abroad, _ = _enrol(database, world, "ABROAD", 1)
    with database.reading() as session:
        items = document_checklist(session, home, lang="en")
        assert [(item.kind, item.required, item.received_on) for item in items] == [
            ("application", True, None), ("questionnaire", True, None), ("id_copy", True, None),
            ("certificate_copies", False, None)]
        assert items[0].name == "Application (Appendix 1 or 2)"
        assert [item.kind for item in document_checklist(session, abroad) if item.required] == [
            "application", "questionnaire", "id_copy", "motivation_letter"]
    problems = _refused(database, lambda s: record_document(s, home, "motivation_letter", ON))
    assert set(problems) == {"kind_code"} and "abroad" in problems["kind_code"]
    assert set(_refused(database, lambda s: record_document(s, home, "passport", ON))) == {"kind_code"}
    _documents(database, abroad, ("motivation_letter",))
    with database.reading() as session:
        letter = [item for item in document_checklist(session, abroad) if item.kind == "motivation_letter"]
        assert letter[0].received_on == ON


# --- The status flow ----------------------------------------------------------------------------------------


def test_the_whole_flow_writes_every_change(database: Database, world: World) -> None:
    enrolment_id, _ = _enrol(database, world, "OPEN")
    _documents(database, enrolment_id, (*REQUIRED, "certificate_copies"))
    _change(database, enrolment_id, S.DOCUMENTS_COMPLETE, date(2026, 3, 5))
    with database.transaction() as session:  # п.16: the cohort's enrolment order
        cohort = session.get_one(Cohort, world.cohorts["OPEN"])
        cohort.enrolment_order_no, cohort.enrolment_order_date = "45-Қ", date(2026, 5, 25)
    _change(database, enrolment_id, S.ENROLLED, date(2026, 5, 25))
    _change(database, enrolment_id, S.IN_TRAINING, date(2026, 6, 1))
    _change(database, enrolment_id, S.COMPLETED, date(2026, 6, 12), "қорытынды аттестаттаудан өтті")
    assert _changes(database, enrolment_id) == [
        (None, S.APPLIED, ON, USER, ""),
        (S.APPLIED, S.DOCUMENTS_COMPLETE, date(2026, 3, 5), USER, ""),
        (S.DOCUMENTS_COMPLETE, S.ENROLLED, date(2026, 5, 25), USER, ""),
        (S.ENROLLED, S.IN_TRAINING, date(2026, 6, 1), USER, ""),
        (S.IN_TRAINING, S.COMPLETED, date(2026, 6, 12), USER, "қорытынды аттестаттаудан өтті"),
    ]
    with database.reading() as session:
        enrolment = session.get_one(Enrolment, enrolment_id)
        assert (enrolment.enrolment_order_no, enrolment.enrolment_order_date) == ("45-Қ", date(2026, 5, 25))
    problems = _refused(database, lambda s: change_status(s, enrolment_id, S.WITHDRAWN, on=date(2026, 7, 1)))
    assert set(problems) == {"status"} and "final" in problems["status"]


def test_flow_refusals(database: Database, world: World) -> None:
    enrolment_id, _ = _enrol(database, world, "OPEN")
    refuse = lambda to, on=ON, reason="", **details: _refused(  # noqa: E731
        database, lambda s: change_status(s, enrolment_id, to, on=on, reason=reason, **details))
    problems = refuse(S.ENROLLED)
    assert set(problems) == {"status"} and '"documents complete"' in problems["status"]
    problems = refuse(S.DOCUMENTS_COMPLETE)
    assert set(problems) == {"documents"} and "Copy of the ID document" in problems["documents"]
    assert "п.8" in problems["documents"]
    assert set(refuse(S.DOCUMENTS_COMPLETE, on=ON - timedelta(days=1))) == {"on"}
    _documents(database, enrolment_id)
    with database.transaction() as session:
        session.get_one(Enrolment, enrolment_id).elig_legislation = False
    assert set(refuse(S.DOCUMENTS_COMPLETE)) == {"elig_legislation"}
    with database.transaction() as session:
        session.get_one(Enrolment, enrolment_id).elig_legislation = True
    _change(database, enrolment_id, S.DOCUMENTS_COMPLETE, ON)
    assert set(_refused(database, lambda s: record_document(s, enrolment_id, "id_copy", None))) == {"received_on"}
    problems = refuse(S.ENROLLED)
    assert set(problems) == {"enrolment_order_no", "enrolment_order_date"} and "п.16" in problems["enrolment_order_no"]
    _change(database, enrolment_id, S.ENROLLED, ON, enrolment_order_no="7-Қ", enrolment_order_date=ON)
    problems = refuse(S.IN_TRAINING)
    assert set(problems) == {"on"} and "starts" in problems["on"]
    _change(database, enrolment_id, S.IN_TRAINING, date(2026, 6, 1))
    assert set(refuse(S.COMPLETED, on=date(2026, 6, 11))) == {"on"}
    assert set(refuse(S.WITHDRAWN, on=date(2026, 6, 2))) == {"status"}
    problems = refuse(S.EXPELLED, on=date(2026, 6, 5))
    assert set(problems) == {"expulsion_order_no", "expulsion_order_date", "commission_decision"}
    assert "п.31" in problems["commission_decision"]
    problems = refuse(S.EXPELLED, on=date(2026, 6, 5), expulsion_order_no="3" * 61, expulsion_order_date=date(2026, 6, 5),
                      commission_decision="Сабаққа қатыспады")
    assert problems == {"expulsion_order_no": "Number of the expulsion order: the text is too long (61 characters). "
                                              "Shorten it to 60 characters or fewer."}
    problems = refuse(S.TRANSFERRED, on=date(2026, 6, 5))
    assert set(problems) == {"to_cohort_id", "reason"}
    problems = refuse(S.TRANSFERRED, on=date(2026, 6, 5), reason="ауырды", to_cohort_id=world.cohorts["NEXT_YEAR"])
    assert set(problems) == {"to_cohort_id"} and "п.30" in problems["to_cohort_id"]
    assert set(refuse(S.TRANSFERRED, on=date(2026, 6, 5), reason="ауырды",
                      to_cohort_id=world.cohorts["OPEN"])) == {"to_cohort_id"}
    with pytest.raises(TypeError), database.transaction() as session:
        change_status(session, enrolment_id, S.COMPLETED, on=date(2026, 6, 12), to_cohort_id=1)
    _change(database, enrolment_id, S.EXPELLED, date(2026, 6, 5), expulsion_order_no="3-Ш",
            expulsion_order_date=date(2026, 6, 5), commission_decision="Сабаққа қатыспады", repayment_amount=15000)
    with database.reading() as session:
        enrolment = session.get_one(Enrolment, enrolment_id)
        assert (enrolment.status, enrolment.expulsion_order_no, int(enrolment.repayment_amount or 0)) == (
            S.EXPELLED, "3-Ш", 15000)


def test_transfer_moves_the_listener_with_the_documents(database: Database, world: World) -> None:
    enrolment_id, _ = _enrol(database, world, "OPEN")
    _documents(database, enrolment_id)
    _change(database, enrolment_id, S.DOCUMENTS_COMPLETE, ON)
    _change(database, enrolment_id, S.ENROLLED, ON, enrolment_order_no="7-Қ", enrolment_order_date=ON)
    _change(database, enrolment_id, S.IN_TRAINING, date(2026, 6, 1))
    _change(database, enrolment_id, S.TRANSFERRED, date(2026, 6, 3), "Ауырды, анықтама бар",
            to_cohort_id=world.cohorts["ABROAD"])
    with database.reading() as session:
        old = session.get_one(Enrolment, enrolment_id)
        assert (old.status, old.transfer_reason) == (S.TRANSFERRED, "Ауырды, анықтама бар")
        new = session.get_one(Enrolment, old.transferred_to_id)
        assert (new.cohort_id, new.status, new.late_addition_reason) == (world.cohorts["ABROAD"], S.APPLIED, "")
        assert [(c.from_status, c.to_status, c.reason) for c in new.status_changes] == [
            (None, S.APPLIED, "Ауырды, анықтама бар")]
        received = {item.kind for item in document_checklist(session, new.id) if item.received_on}
        assert received == set(REQUIRED)
    assert _changes(database, enrolment_id)[-1][:2] == (S.IN_TRAINING, S.TRANSFERRED)


def test_cohort_listeners(database: Database, world: World) -> None:
    second, _ = _enrol(database, world, "OPEN", 1)
    first, _ = _enrol(database, world, "OPEN", 0)
    _documents(database, first)
    _change(database, second, S.WITHDRAWN, ON)
    with database.reading() as session:
        rows = cohort_listeners(session, world.cohorts["OPEN"])
        assert count_places(session, world.cohorts["OPEN"]) == (1, 25)
    assert [(row.enrolment_id, row.status, row.documents_complete) for row in rows] == [
        (first, S.APPLIED, True), (second, S.WITHDRAWN, False)]
    assert rows[0].full_name.startswith("Әлімоваа") and rows[0].workplace == "№1 мектеп"
    assert set(_refused(database, lambda s: cohort_listeners(s, 999_999))) == {"cohort_id"}
