"""Several seats on one database, on SQLite and on a real PostgreSQL server: four seats issuing certificates for
different cohorts and reissuing others at once (numbers unique and gap-free), two seats editing the same teacher
or cohort (the second save is refused with who changed it and when, and nothing is lost), and a seat importing a
package while another prints."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from pedesk.models import AuditEntry, Certificate, Cohort, Enrolment, PrintRecord, Teacher
from pedesk.models.database import Database
from pedesk.models.enums import CertificateStatus, CourseKind, EnrolmentStatus
from pedesk.models.schema import open_database
from pedesk.services import access, certificates, enrolment, schedule, teachers
from pedesk.services.common import ValidationError
from pedesk.services.demo import generate_demo
from pedesk.services.packages import run_import
from tests.backends import Backend
from tests.builders import (
    TODAY,
    add_users,
    cohort,
    exported_package,
    office_provider,
    programme,
    sign_in,
    signing_office,
    teacher,
    trained,
)

SEATS = 4
PER_COHORT = 6
H2 = (date(2026, 7, 1), date(2026, 12, 31))


@pytest.fixture
def url(backend: Backend, tmp_path: Path) -> str:
    """The shared database, on each back-end (tests/backends.py)."""
    return backend.empty(tmp_path, "shared.sqlite3")


@pytest.fixture
def office(url: str) -> dict[str, Any]:
    return _office(url)


def _office(url: str) -> dict[str, Any]:
    """The shared database: an office that signs, SEATS cohorts of passed listeners to issue, and one more cohort
    whose SEATS certificates are issued already (to reissue); a coming cohort with one place left and two
    teachers who want it."""
    database, _report = open_database(url)
    made: dict[str, Any] = {"cohorts": [], "reissue": []}
    with database.transaction("setup") as session:
        own = signing_office(session)
        host = office_provider(session, own)
        course = programme(session, own, "P72", "Бағдарлама", "Программа", 72, kind=CourseKind.SHORT)
        serial = 0
        for index in range(SEATS + 1):
            group = cohort(session, own, course, f"C{index}", TODAY - timedelta(days=20), host=host, capacity=40)
            session.flush()
            for _listener in range(PER_COHORT if index < SEATS else SEATS):
                serial += 1
                trained(session, group, teacher(session, serial, f"Серікова{serial:03d}", "Айгүл"),
                        EnrolmentStatus.COMPLETED, passed=True)
            made["cohorts"].append(group.id)
        person = teacher(session, 99, "Омарова", "Дана", birth=date(1985, 3, 4))
        coming = cohort(session, own, course, "C-LAST", TODAY + timedelta(days=120), host=host, capacity=1)
        wanting = [teacher(session, 100 + index, "Жақсыбекова", name) for index, name in enumerate(("Әсел", "Гүлім"))]
        session.flush()
        made["teacher"], made["coming"], made["wanting"] = person.id, coming.id, [one.id for one in wanting]
    with database.transaction("setup", immediate=True) as session:
        issued = certificates.issue_for_cohort(session, made["cohorts"][-1], on=TODAY, today=TODAY, by="setup")
        made["reissue"] = [certificate.id for certificate in issued.issued]
    database.dispose()
    return made


def _at_once(work: list[Callable[[], Any]]) -> list[Any]:
    """Run each piece of work on its own thread, all started together; their results, or the error each raised."""
    start = threading.Barrier(len(work))
    results: list[Any] = [None] * len(work)

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = work[index]()
        except Exception as error:  # noqa: BLE001 - the test looks at it
            results[index] = error

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_four_seats_issue_and_reissue_at_once_with_unique_gap_free_numbers(url: str, office: dict[str, Any]) -> None:
    seats = [Database(url) for _seat in range(SEATS)]

    def seat(index: int) -> Callable[[], tuple[int, str]]:
        def work() -> tuple[int, str]:
            database = seats[index]
            with database.transaction(f"seat{index}", immediate=True) as session:
                result = certificates.issue_for_cohort(session, office["cohorts"][index], on=TODAY, today=TODAY,
                                                       by=f"seat{index}")
            with database.transaction(f"seat{index}", immediate=True) as session:
                new = certificates.reissue_certificate(session, office["reissue"][index], on=TODAY, reason="Аты-жөні",
                                                       order_no=f"{index}", order_date=TODAY, today=TODAY,
                                                       by=f"seat{index}")
            return len(result.issued), new.number
        return work

    try:
        results = _at_once([seat(index) for index in range(SEATS)])
        assert [result if isinstance(result, Exception) else result[0] for result in results] == [PER_COHORT] * SEATS
        with seats[0].reading() as session:
            rows = session.execute(select(Certificate.seq, Certificate.number, Certificate.status)
                                   .where(Certificate.year == TODAY.year)).all()
    finally:
        for database in seats:
            database.dispose()
    total = SEATS * PER_COHORT + SEATS + SEATS  # issued now, issued before, and their replacements
    assert sorted(seq for seq, _number, _status in rows) == list(range(1, total + 1))
    assert len({number for _seq, number, _status in rows}) == total
    assert sum(status == CertificateStatus.SUPERSEDED for _seq, _number, status in rows) == SEATS


def _two_seats(url: str) -> tuple[Database, Database]:
    first, second = Database(url), Database(url)
    add_users(first, {"aigerim": {access.Role.REGISTRAR, access.Role.METHODOLOGIST},
                      "bolat": {access.Role.HEAD}})
    sign_in(first, "aigerim")
    sign_in(second, "bolat")
    return first, second


def test_the_second_save_of_a_teacher_is_refused_with_who_changed_it_and_nothing_is_lost(
        url: str, office: dict[str, Any]) -> None:
    first, second = _two_seats(url)
    try:
        teacher_id = office["teacher"]
        with first.reading() as session:  # both seats open the record
            form = teachers.get_teacher(session, teacher_id)
            opened = access.version_of(session, Teacher, teacher_id)
        assert form is not None and opened == 1
        with second.transaction() as session:
            teachers.save_teacher(session, replace(form, phone="+7 701 111 22 33"), teacher_id, today=TODAY,
                                  version=opened)
        with pytest.raises(ValidationError) as refused, first.transaction() as session:
            teachers.save_teacher(session, replace(form, email="omarova@mektep.kz"), teacher_id, today=TODAY,
                                  version=opened)
        message = str(refused.value)
        assert "changed by bolat at" in message and "reload" in message and "Nothing was saved" in message
        with first.reading() as session:
            saved = session.get(Teacher, teacher_id)
            assert saved is not None and (saved.phone, saved.email, saved.version) == ("+7 701 111 22 33", "", 2)
            form = teachers.get_teacher(session, teacher_id)
            reloaded = access.version_of(session, Teacher, teacher_id)
        assert form is not None
        with first.transaction() as session:  # reloaded, the change goes in beside the other seat's
            teachers.save_teacher(session, replace(form, email="omarova@mektep.kz"), teacher_id, today=TODAY,
                                  version=reloaded)
        with first.reading() as session:
            saved = session.get(Teacher, teacher_id)
            assert saved is not None and (saved.phone, saved.email) == ("+7 701 111 22 33", "omarova@mektep.kz")
            people = session.scalars(select(AuditEntry.by).where(AuditEntry.entity == "teacher",
                                                                 AuditEntry.entity_id == teacher_id,
                                                                 AuditEntry.action == "update")
                                     .order_by(AuditEntry.id)).all()
        assert people == ["bolat", "aigerim"]
    finally:
        first.dispose()
        second.dispose()


def test_the_second_save_of_a_cohort_is_refused_the_same_way(url: str, office: dict[str, Any]) -> None:
    first, second = _two_seats(url)
    try:
        cohort_id = office["cohorts"][0]
        with first.reading() as session:
            form = schedule.cohort_data(session, cohort_id)
            opened = access.version_of(session, Cohort, cohort_id)
        with second.transaction() as session:
            schedule.save_cohort(session, replace(form, location="Қарағанды, 12-кабинет"), cohort_id, version=opened)
        with pytest.raises(ValidationError, match="Cohort C0 was changed by bolat at"), \
                first.transaction() as session:
            schedule.save_cohort(session, replace(form, capacity=35), cohort_id, version=opened)
        with first.reading() as session:
            saved = session.get(Cohort, cohort_id)
            assert saved is not None and (saved.location, saved.capacity) == ("Қарағанды, 12-кабинет", 40)
    finally:
        first.dispose()
        second.dispose()


# SQLite lets one writer at a time: the second seat waits for the first and then sees its change (the test above);
# the race inside one instant is PostgreSQL's, where both seats read version 1 before either writes
def test_two_seats_saving_the_same_teacher_in_the_same_instant_one_wins_and_the_other_is_told(
        postgres_url: str) -> None:
    url, office = postgres_url, _office(postgres_url)
    first, second = _two_seats(url)
    teacher_id = office["teacher"]
    both_read = threading.Barrier(2)

    def save(database: Database, phone: str) -> str:
        with database.transaction() as session:
            form = teachers.get_teacher(session, teacher_id)
            assert form is not None
            both_read.wait()  # both hold version 1 in their transactions
            teachers.save_teacher(session, replace(form, phone=phone), teacher_id, today=TODAY, version=1)
        return phone

    try:
        results = _at_once([lambda: save(first, "+7 701 000 00 01"), lambda: save(second, "+7 701 000 00 02")])
        won = [result for result in results if isinstance(result, str)]
        lost = [result for result in results if isinstance(result, ValidationError)]
        assert len(won) == 1 and len(lost) == 1, results
        assert "was changed by" in str(lost[0]) and "reload" in str(lost[0])
        with first.reading() as session:
            saved = session.get(Teacher, teacher_id)
            assert saved is not None and (saved.phone, saved.version) == (won[0], 2)
    finally:
        first.dispose()
        second.dispose()


def test_two_seats_taking_the_last_place_of_a_cohort_at_once_overbook_it_never(postgres_url: str) -> None:
    """PostgreSQL reads what was committed when each statement starts: without the cohort's row lock both seats
    counted 0 of 1 places taken and both enrolled. Each seat waits (up to 2 s) after its enrolment for the other to
    have counted too, so a missing lock shows as two enrolments."""
    office = _office(postgres_url)
    first, second = _two_seats(postgres_url)
    counted = threading.Barrier(2, timeout=2)

    def enrol(database: Database, teacher_id: int) -> int:
        with database.transaction() as session:
            made = enrolment.enrol_teacher(session, office["coming"], teacher_id, on=TODAY).enrolment
            with contextlib.suppress(threading.BrokenBarrierError):
                counted.wait()  # the other seat waits for the lock, so this one goes on alone
            session.flush()
            return made.id

    try:
        results = _at_once([lambda: enrol(first, office["wanting"][0]), lambda: enrol(second, office["wanting"][1])])
        won = [result for result in results if isinstance(result, int)]
        lost = [result for result in results if isinstance(result, ValidationError)]
        assert len(won) == 1 and len(lost) == 1, results
        assert "is full: 1 of its 1 places are taken" in str(lost[0])
        with first.reading() as session:
            enrolled = session.scalars(select(Enrolment.id).where(Enrolment.cohort_id == office["coming"])).all()
        assert enrolled == won
    finally:
        first.dispose()
        second.dispose()


def test_a_seat_imports_a_package_while_another_prints(url: str, office: dict[str, Any], tmp_path: Path) -> None:
    source, _report = open_database(f"sqlite:///{tmp_path / 'district.sqlite3'}")
    try:
        generate_demo(source, teachers=120, seed=5, office_code="SRN-MK", today=TODAY)
        package = exported_package(source, tmp_path / "district.zip", *H2)
    finally:
        source.dispose()
    importing, printing = Database(url), Database(url)
    pdf = tmp_path / "print.pdf"

    def print_cohort() -> int:
        with printing.reading() as session:
            items = certificates.printable_certificates(session, ids=office["reissue"])
        certificates.write_certificates_pdf(pdf, [certificates.CertificatePrint(item.snapshot) for item in items])
        with printing.transaction("zhanar", immediate=True) as session:
            return certificates.record_printing(session, [item.id for item in items], "Canon LBP")

    try:
        summary, printed = _at_once([lambda: run_import(importing, package, today=TODAY, by="region"),
                                     print_cohort])
        assert printed == SEATS, printed
        assert not isinstance(summary, Exception), summary
        assert len(PdfReader(pdf).pages) == SEATS
        with importing.reading() as session:
            assert session.scalar(select(func.count()).select_from(PrintRecord)) == SEATS
            offices = session.scalar(select(func.count(func.distinct(Certificate.office_id))))
        assert offices == 2  # the district office's certificates are here beside the office's own
    finally:
        importing.dispose()
        printing.dispose()
