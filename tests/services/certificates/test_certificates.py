"""Certificates (п.29, 32): issuing with gap-free numbers (also under two issuing runs at once), the signer rule,
the validity edge, annulment, reissue, duplicates, verification of every status, printing selections, printer
offsets and the issue book."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pedesk.models import (
    AuditEntry,
    Certificate,
    CertificateDuplicate,
    Cohort,
    Enrolment,
    Office,
    Programme,
    Provider,
    Teacher,
)
from pedesk.models.database import Database
from pedesk.models.enums import CourseKind, EnrolmentStatus
from pedesk.models.schema import open_database
from pedesk.services.certificates.issuing import (
    annul_certificate,
    issue_certificate,
    issue_for_cohort,
    record_duplicate,
    reissue_certificate,
)
from pedesk.services.certificates.printing import (
    PrinterSettings,
    issue_book_rows,
    load_printer_settings,
    save_printer_settings,
)
from pedesk.services.certificates.queries import (
    Validity,
    cohorts_awaiting_certificates,
    count_certificates,
    list_certificates,
    page_certificates,
    printable_certificates,
)
from pedesk.services.certificates.verification import verify_certificate
from pedesk.services.common.errors import ValidationError
from pedesk.services.rules.numbering import format_code_for_print, qr_payload
from tests.builders import COURSE_END as END
from tests.builders import TODAY, USER, cohort, office_provider, programme, signing_office, teacher, trained


@dataclass
class World:
    cohorts: dict[str, int]
    enrolments: dict[str, list[int]]  # cohort code -> enrolment ids in surname order


def _programme(session: Session, office: Office, code: str, hours: int, *, abroad: bool = False) -> Programme:
    return programme(session, office, code, f"Бағдарлама {code}: оқытудағы жаңа тәсілдер",
                     f"Программа {code}: новые подходы в обучении", hours, abroad=abroad, kind=CourseKind.SHORT)


def _listener(session: Session, group: Cohort, serial: int, status: EnrolmentStatus, passed: bool | None) -> int:
    person = teacher(session, serial, f"Нұрғалиева{serial:03d}", "Әйгерім", patronymic="Серікқызы",
                     sex="female" if serial % 2 else "male", birth=date(1975, 1, 1) + timedelta(days=97 * serial))
    return trained(session, group, person, status, passed=passed).id


def _cohort(session: Session, office: Office, host: Provider, course: Programme, code: str, end: date) -> Cohort:
    made = cohort(session, office, course, code, end, host=host, capacity=40)
    session.flush()
    return made


@pytest.fixture
def world(database: Database) -> World:
    """A: 3 passed, 1 failed, 1 still in training; B and C: 15 passed each; ABROAD: 1 completed; LEAP: 1 passed
    (ends 2028-02-25)."""
    with database.transaction() as session:
        office = signing_office(session, acting=True)
        host = office_provider(session, office)  # the office delivers these courses and signs (п.29, п.32)
        regular = _programme(session, office, "P72", 72)
        cohorts = {code: _cohort(session, office, host, regular, code, END) for code in ("A", "B", "C")}
        cohorts["ABROAD"] = _cohort(session, office, host, _programme(session, office, "ABR", 120, abroad=True),
                                    "ABROAD", END)
        cohorts["LEAP"] = _cohort(session, office, host, regular, "LEAP", date(2028, 2, 25))
        S = EnrolmentStatus
        plan = {"A": [(S.COMPLETED, True)] * 3 + [(S.NOT_CERTIFIED, False), (S.IN_TRAINING, None)],
                "B": [(S.COMPLETED, True)] * 15, "C": [(S.COMPLETED, True)] * 15,
                "ABROAD": [(S.COMPLETED, True)], "LEAP": [(S.COMPLETED, True)]}
        serial = 0
        enrolments: dict[str, list[int]] = {}
        for code, listeners in plan.items():
            enrolments[code] = []
            for status, passed in listeners:
                serial += 1
                enrolments[code].append(_listener(session, cohorts[code], serial, status, passed))
        return World({code: cohort.id for code, cohort in cohorts.items()}, enrolments)


def _issue_cohort(database: Database, world: World, code: str, on: date = TODAY, today: date = TODAY) -> list[str]:
    with database.transaction(USER, immediate=True) as session:
        result = issue_for_cohort(session, world.cohorts[code], on=on, today=today, by=USER)
        return [certificate.number for certificate in result.issued]


def _refused(database: Database, call: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught, database.transaction(USER, immediate=True) as session:
        call(session)  # type: ignore[operator]
    return {problem.field: problem.message for problem in caught.value.problems}


def _audited(database: Database, entity: str, entity_id: int) -> list[tuple[str, str]]:
    """(action, reason) of the audit log's entries on one record, oldest first (п.32: the why stays on record)."""
    with database.reading() as session:
        return [(entry.action, entry.reason) for entry in session.scalars(
            select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.id))]


def _certificate(database: Database, number: str) -> Certificate:
    with database.reading() as session:
        return session.scalars(select(Certificate).where(Certificate.number == number)).one()


def test_cohort_issue_gives_passed_listeners_gap_free_numbers_and_a_frozen_snapshot(
        database: Database, world: World) -> None:
    assert _issue_cohort(database, world, "A") == ["KRG-2026-00001", "KRG-2026-00002", "KRG-2026-00003"]
    first = _certificate(database, "KRG-2026-00001")
    snapshot = json.loads(first.snapshot)
    assert snapshot["holder"] == "Нұрғалиева001 Әйгерім Серікқызы"
    assert snapshot["programme_kk"].startswith("Бағдарлама P72") and snapshot["hours"] == 72
    assert (snapshot["course_start"], snapshot["course_end"]) == ("2026-10-19", "2026-10-30")
    assert snapshot["issued"] == "2026-11-25" and snapshot["valid_until"] == "2031-11-25"
    assert snapshot["signer_name"] == "Сәрсенбаева Гүлнар Әбілқызы" and snapshot["signer_capacity"] == "head"
    assert snapshot["provider_name_ru"] == "Карагандинский областной методический кабинет"
    assert snapshot["city_kk"] == "Қарағанды"
    assert first.valid_until == date(2031, 11, 25) and first.issued_by == USER
    # a second run issues nothing new and counts those who already hold one
    with database.transaction(USER, immediate=True) as session:
        again = issue_for_cohort(session, world.cohorts["A"], on=TODAY, today=TODAY, by=USER)
    assert again.issued == () and again.already == 3 and again.skipped == ()
    # the snapshot does not follow later renames: a reprint years later is identical
    with database.transaction() as session:
        teacher = session.get(Enrolment, world.enrolments["A"][0]).teacher  # type: ignore[union-attr]
        teacher.surname = "Жаңатегі"
    with database.reading() as session:
        printed = printable_certificates(session, cohort_id=world.cohorts["A"])
    assert [p.snapshot["holder"] for p in printed][0] == "Нұрғалиева001 Әйгерім Серікқызы"


def test_only_listeners_who_passed_get_certificates(database: Database, world: World) -> None:
    failed, in_training = world.enrolments["A"][3], world.enrolments["A"][4]
    for enrolment_id in (failed, in_training):
        problems = _refused(database, lambda s, e=enrolment_id: issue_certificate(s, e, on=TODAY, today=TODAY, by=USER))
        assert "has not passed the final assessment" in problems["enrolment_id"]
    abroad = world.enrolments["ABROAD"][0]
    problems = _refused(database, lambda s: issue_certificate(s, abroad, on=TODAY, today=TODAY, by=USER))
    assert "foreign organisation's own certificate" in problems["enrolment_id"]
    passed = world.enrolments["A"][0]
    problems = _refused(database, lambda s: issue_certificate(s, passed, on=END - timedelta(1), today=TODAY, by=USER))
    assert "cannot be dated earlier" in problems["enrolment_id"]
    problems = _refused(database, lambda s: issue_certificate(s, passed, on=TODAY + timedelta(1), today=TODAY, by=USER))
    assert "in the future" in problems["enrolment_id"]
    with database.transaction(USER, immediate=True) as session:
        issue_certificate(session, passed, on=TODAY, today=TODAY, by=USER)
    problems = _refused(database, lambda s: issue_certificate(s, passed, on=TODAY, today=TODAY, by=USER))
    assert "already holds certificate KRG-2026-00001" in problems["enrolment_id"]
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(Certificate)) == 1


def test_the_database_refuses_a_second_live_certificate_for_one_listener(database: Database, world: World) -> None:
    _issue_cohort(database, world, "A")
    first = _certificate(database, "KRG-2026-00001")
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(Certificate(office_id=first.office_id, number="X-1", year=2026, seq=None, verification_code="X1",
                                enrolment_id=first.enrolment_id, teacher_id=first.teacher_id, issue_date=TODAY,
                                valid_until=TODAY, academic_hours=72))


def _issue_in_thread(url: str, cohort_id: int, barrier: threading.Barrier, out: list[object]) -> None:
    database, _report = open_database(url)
    try:
        barrier.wait()
        with database.transaction(USER, immediate=True) as session:
            result = issue_for_cohort(session, cohort_id, on=TODAY, today=TODAY, by=USER)
            out.extend(certificate.number for certificate in result.issued)
    except Exception as exc:  # noqa: BLE001 - reported to the test
        out.append(exc)
    finally:
        database.dispose()


@pytest.mark.parametrize("codes", [("B", "C"), ("B", "B")], ids=["two-cohorts", "same-cohort"])
def test_two_issuing_runs_at_once_leave_no_gap_and_no_duplicate(
        database: Database, db_url: str, world: World, codes: tuple[str, str]) -> None:
    barrier = threading.Barrier(2)
    outputs: list[list[object]] = [[], []]
    threads = [threading.Thread(target=_issue_in_thread, args=(db_url, world.cohorts[code], barrier, out))
               for code, out in zip(codes, outputs, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    numbers = [item for out in outputs for item in out]
    assert all(isinstance(item, str) for item in numbers), numbers
    expected = 30 if codes[0] != codes[1] else 15
    assert sorted(numbers) == [f"KRG-2026-{seq:05d}" for seq in range(1, expected + 1)]
    with database.reading() as session:
        live = session.execute(select(Certificate.enrolment_id, func.count()).group_by(Certificate.enrolment_id)).all()
    assert len(live) == expected and all(count == 1 for _e, count in live)


def test_numbers_restart_each_year_and_follow_the_pattern(database: Database, world: World) -> None:
    with database.transaction() as session:
        office = session.scalars(select(Office)).one()
        office.numbering_pattern = "{year}/{office}/{seq:04}"
    assert _issue_cohort(database, world, "B", on=date(2026, 12, 31), today=date(2026, 12, 31))[:2] == ["2026/KRG/0001", "2026/KRG/0002"]
    assert _issue_cohort(database, world, "C", on=date(2027, 1, 4), today=date(2027, 1, 4))[:2] == [
        "2027/KRG/0001", "2027/KRG/0002"]


def test_the_acting_head_signs_while_the_head_is_absent(database: Database, world: World) -> None:
    with database.transaction() as session:
        session.scalars(select(Office)).one().head_absent = True
    _issue_cohort(database, world, "A")
    certificate = _certificate(database, "KRG-2026-00001")
    assert (certificate.signer_name, certificate.signer_capacity) == ("Омаров Ерлан Бекұлы", "acting_head")
    assert json.loads(certificate.snapshot)["signer_position_ru"] == "Исполняющий обязанности руководителя"
    with database.transaction() as session:
        session.scalars(select(Office)).one().acting_head_name = ""
    problems = _refused(database, lambda s: issue_for_cohort(s, world.cohorts["B"], on=TODAY, today=TODAY, by=USER))
    assert "acting head" in problems["signer"] and "Settings" in problems["signer"]
    with database.transaction() as session:
        session.scalars(select(Office)).one().head_absent = False
    assert len(_issue_cohort(database, world, "B")) == 15  # the head signs again
    assert _certificate(database, "KRG-2026-00004").signer_capacity == "head"


def test_issued_on_29_february_is_valid_until_1_march(database: Database, world: World) -> None:
    leap_day = date(2028, 2, 29)
    numbers = _issue_cohort(database, world, "LEAP", on=leap_day, today=leap_day)
    certificate = _certificate(database, numbers[0])
    assert certificate.valid_until == date(2033, 3, 1)
    with database.reading() as session:
        assert verify_certificate(session, numbers[0], date(2033, 2, 28)).status == Validity.VALID
        expired = verify_certificate(session, numbers[0], date(2033, 3, 1))
    assert expired.status == Validity.EXPIRED and "Expired" in expired.summary()


def test_annulment_keeps_the_record_with_reason_order_and_who(database: Database, world: World) -> None:
    _issue_cohort(database, world, "A")
    certificate = _certificate(database, "KRG-2026-00002")
    problems = _refused(database, lambda s: annul_certificate(s, certificate.id, reason=" ", order_no="", order_date=None,
                                                              today=TODAY, by=USER))
    assert set(problems) == {"reason", "order_no", "order_date"}
    with database.transaction(USER) as session:
        annul_certificate(session, certificate.id, reason="Құжаттар жалған болып шықты", order_no="15-Ө",
                          order_date=TODAY, today=TODAY, by=USER)
    annulled = _certificate(database, "KRG-2026-00002")
    assert (annulled.status, annulled.annul_order_no, annulled.annulled_by) == ("annulled", "15-Ө", USER)
    assert _audited(database, "certificate", certificate.id) == [
        ("insert", ""), ("update", "Құжаттар жалған болып шықты")]
    problems = _refused(database, lambda s: annul_certificate(s, certificate.id, reason="x", order_no="1",
                                                              order_date=TODAY, today=TODAY, by=USER))
    assert "already annulled" in problems["certificate"]
    problems = _refused(database, lambda s: annul_certificate(  # longer than the column: refused, not cut
        s, _certificate(database, "KRG-2026-00001").id, reason="x", order_no="1" * 61, order_date=TODAY,
        today=TODAY, by=USER))
    assert problems == {"order_no": "Order number: the text is too long (61 characters). Shorten it to 60 "
                                    "characters or fewer."}
    with database.reading() as session:
        answer = verify_certificate(session, "KRG-2026-00002", TODAY)
        assert session.scalar(select(func.count()).select_from(Certificate)) == 3  # nothing deleted
    assert answer.status == Validity.ANNULLED and answer.reason == "Құжаттар жалған болып шықты"
    assert answer.as_json()["reason"] == "Құжаттар жалған болып шықты" and "Annulled" in answer.summary()
    with database.reading() as session:
        problems_print = pytest.raises(ValidationError, printable_certificates, session, numbers=["KRG-2026-00002"])
    assert "annulled and is not printed" in str(problems_print.value)
    with database.reading() as session:
        assert [p.number for p in printable_certificates(session, cohort_id=world.cohorts["A"])] == [
            "KRG-2026-00001", "KRG-2026-00003"]


def test_reissue_after_a_correction_gives_a_new_number_and_links_both(database: Database, world: World) -> None:
    _issue_cohort(database, world, "A")
    old = _certificate(database, "KRG-2026-00001")
    with database.transaction() as session:
        session.get(Teacher, old.teacher_id).surname = "Нұрғали"  # type: ignore[union-attr]
    later = TODAY + timedelta(days=3)
    with database.transaction(USER, immediate=True) as session:
        new = reissue_certificate(session, old.id, on=later, reason="Тегі қате жазылған", order_no="16-Ө",
                                  order_date=later, today=later, by=USER)
        new_id, new_number = new.id, new.number
    assert new_number == "KRG-2026-00004"
    old, new = _certificate(database, "KRG-2026-00001"), _certificate(database, new_number)
    assert (old.status, old.superseded_by_id, new.supersedes_id) == ("superseded", new_id, old.id)
    assert _audited(database, "certificate", old.id)[-1] == ("update", "Тегі қате жазылған")
    assert {reason for _action, reason in _audited(database, "certificate", new_id)} == {"Тегі қате жазылған"}
    assert json.loads(new.snapshot)["holder"].startswith("Нұрғали Әйгерім")
    assert json.loads(old.snapshot)["holder"].startswith("Нұрғалиева001")
    assert new.valid_until == old.valid_until == date(2031, 11, 25)
    with database.reading() as session:
        answer = verify_certificate(session, old.verification_code, later)
        assert verify_certificate(session, new_number, later).status == Validity.VALID
    assert answer.status == Validity.SUPERSEDED and answer.new_number == new_number
    assert answer.as_json()["new_number"] == new_number and new_number in answer.summary()
    problems = _refused(database, lambda s: reissue_certificate(s, old.id, on=later, reason="x", order_no="1",
                                                                order_date=later, today=later, by=USER))
    assert "replaced by a new certificate" in problems["certificate"]


def test_duplicate_keeps_the_number_and_is_recorded(database: Database, world: World) -> None:
    _issue_cohort(database, world, "A")
    certificate = _certificate(database, "KRG-2026-00003")
    assert "reason" in _refused(database, lambda s: record_duplicate(s, certificate.id, reason="", by=USER))
    assert "too long (61 characters)" in _refused(database, lambda s: record_duplicate(
        s, certificate.id, reason="Жоғалған", application_no="4" * 61, by=USER))["application_no"]
    with database.transaction(USER) as session:
        record_duplicate(session, certificate.id, reason="Жоғалған", application_no="42", by=USER,
                         at=datetime(2026, 11, 25, 9, 30))
    with database.reading() as session:
        duplicate = session.scalars(select(CertificateDuplicate)).one()
        printed = printable_certificates(session, numbers=["krg-2026-00003"])
        rows = issue_book_rows(session, TODAY, TODAY, "ru")
        answer = verify_certificate(session, "KRG-2026-00003", TODAY)
    assert (duplicate.reason, duplicate.application_no, duplicate.by) == ("Жоғалған", "42", USER)
    assert _audited(database, "certificate_duplicate", duplicate.id) == [("insert", "Жоғалған")]
    assert printed[0].snapshot == json.loads(certificate.snapshot)
    assert answer.duplicates == 1
    assert [row.number for row in rows] == ["KRG-2026-00001", "KRG-2026-00002", "KRG-2026-00003", "KRG-2026-00003"]
    assert rows[-1].status == "дубликат: Жоғалған"  # the book speaks its own language
    with database.transaction(USER) as session:
        annul_certificate(session, certificate.id, reason="x", order_no="1", order_date=TODAY, today=TODAY, by=USER)
    problems = _refused(database, lambda s: record_duplicate(s, certificate.id, reason="Жоғалған", by=USER))
    assert "only of a valid certificate" in problems["certificate"]


def test_verification_by_number_code_and_scanned_qr(database: Database, world: World) -> None:
    _issue_cohort(database, world, "A")
    certificate = _certificate(database, "KRG-2026-00001")
    code = certificate.verification_code
    typed = format_code_for_print(code).lower().replace("0", "o")
    with database.reading() as session:
        answers = [verify_certificate(session, text, TODAY) for text in (
            " krg-2026-00001 ", code, typed, qr_payload(certificate.number, code))]
        unknown = verify_certificate(session, "KRG-2026-99999", TODAY)
        empty = verify_certificate(session, "  ", TODAY)
    for answer in answers:
        data = answer.as_json()
        assert data["status"] == "valid" and data["number"] == "KRG-2026-00001" and data["code"] == code
        assert data["holder"] == "Нұрғалиева001 Әйгерім Серікқызы" and data["hours"] == 72
        assert (data["course_start"], data["course_end"], data["issued"], data["valid_until"]) == (
            "2026-10-19", "2026-10-30", "2026-11-25", "2031-11-25")
        assert data["signer"] == "Сәрсенбаева Гүлнар Әбілқызы" and data["programme_ru"].startswith("Программа")
    assert unknown.status == empty.status == Validity.UNKNOWN and unknown.as_json()["holder"] is None
    assert "No certificate" in unknown.summary()


def test_lists_search_and_the_print_range(database: Database, world: World) -> None:
    _issue_cohort(database, world, "A", on=date(2026, 11, 2))
    _issue_cohort(database, world, "B")
    with database.reading() as session:
        rows = list_certificates(session, today=TODAY, lang="kk", cohort_code="A")
        assert [row.number for row in rows] == ["KRG-2026-00001", "KRG-2026-00002", "KRG-2026-00003"]
        assert rows[0].as_json()["status"] == "valid" and rows[0].programme.startswith("Бағдарлама")
        assert count_certificates(session) == 18
        assert [r.number for r in page_certificates(session, "нұрғалиева002", 0, 10, today=TODAY, lang="ru")] == [
            "KRG-2026-00002"]
        assert count_certificates(session, "00017") == 1
        ranged = printable_certificates(session, issued_from=date(2026, 11, 1), issued_to=date(2026, 11, 10))
    assert [p.number for p in ranged] == ["KRG-2026-00001", "KRG-2026-00002", "KRG-2026-00003"]


def test_printer_offsets_are_kept_per_printer_and_bounded(database: Database) -> None:
    with database.transaction() as session:
        save_printer_settings(session, PrinterSettings("HP LaserJet 1020", 2.34, -1.5, True))
    with database.reading() as session:
        assert load_printer_settings(session, "HP LaserJet 1020") == PrinterSettings("HP LaserJet 1020", 2.3, -1.5, True)
        assert load_printer_settings(session, "Canon") == PrinterSettings("Canon")
    problems = _refused(database, lambda s: save_printer_settings(s, PrinterSettings("HP", 45.0, float("nan"))))
    assert "45.0 mm is too far" in problems["x_mm"] and "y_mm" in problems


def test_cohorts_awaiting_certificates(database: Database, world: World) -> None:
    with database.reading() as session:
        waiting = {row.code: row.waiting for row in cohorts_awaiting_certificates(session, lang="kk")}
    assert waiting == {"A": 3, "B": 15, "C": 15, "LEAP": 1}  # not ABROAD: the foreign organisation certifies
    _issue_cohort(database, world, "A")
    with database.reading() as session:
        assert "A" not in {row.code for row in cohorts_awaiting_certificates(session, lang="ru")}


def test_the_summary_speaks_the_window_language_without_double_dots(database: Database, world: World) -> None:
    from pedesk.i18n import set_language

    _issue_cohort(database, world, "A")
    certificate = _certificate(database, "KRG-2026-00001")
    with database.transaction(USER) as session:
        annul_certificate(session, certificate.id, reason="Қате.", order_no="1", order_date=TODAY, today=TODAY, by=USER)
        answer = verify_certificate(session, certificate.number, TODAY)
    set_language("kk")
    try:
        kazakh = answer.summary("kk")
    finally:
        set_language("en")
    assert "Бағдарлама P72" in kazakh and ".." not in kazakh and kazakh.endswith("Қате.")
    assert "Программа P72" in answer.summary("ru") and "Nov 25, 2026" not in answer.summary("ru")


def test_a_foreign_certificate_is_not_printed_by_pedesk(database: Database, world: World) -> None:
    with database.transaction() as session:
        enrolment = session.get(Enrolment, world.enrolments["ABROAD"][0])
        assert enrolment is not None
        foreign = Certificate(office_id=enrolment.cohort.office_id, number="UCAM-2026-0001", year=2026, seq=None,
                              verification_code="F0REIGN001", enrolment_id=enrolment.id,
                              teacher_id=enrolment.teacher_id, issue_date=END, valid_until=date(2031, 10, 30),
                              academic_hours=120, external=True, external_issuer="University of Cambridge",
                              external_topic="Leadership in education")
        session.add(foreign)
        session.flush()
        foreign_id = foreign.id
    with database.reading() as session:
        with pytest.raises(ValidationError) as caught:
            printable_certificates(session, ids=[foreign_id])
        assert printable_certificates(session, cohort_id=world.cohorts["ABROAD"]) == []
        answer = verify_certificate(session, "UCAM-2026-0001", TODAY)
    assert "foreign organisation" in str(caught.value)
    assert (answer.status, answer.issuer, answer.programme_ru) == (
        Validity.VALID, "University of Cambridge", "Leadership in education")
