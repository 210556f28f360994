"""The domain model: natural keys, constraints, timestamps and the audit log."""

from __future__ import annotations

import gc
import json
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pedesk.models import AuditEntry, Base, Cohort, Enrolment, PrinterOffset, Teacher, User
from pedesk.models.database import Database
from pedesk.models.enums import EnrolmentStatus, Language
from tests.builders import cohort, own_office, programme, provider


def _teacher(iin: str = "791028302728") -> Teacher:
    return Teacher(iin=iin, surname="Әлібеков", name="Ерлан", patronymic="Серікұлы",
                   birth_date=date(1979, 10, 28))


def _cohort(session: Session) -> Cohort:
    office = own_office(session, name_kk="Кабинет", name_ru="Кабинет")
    course = programme(session, office, "P1", "Бағдарлама", "Программа", 72)
    return cohort(session, office, course, "2026-001", date(2026, 3, 13), start=date(2026, 3, 2),
                  host=provider(session), capacity=25)


def test_iin_is_unique(database: Database) -> None:
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add_all([_teacher(), _teacher()])
    with database.reading() as session:
        assert session.scalars(select(Teacher)).all() == []


def test_one_enrolment_per_teacher_and_cohort(database: Database) -> None:
    with database.transaction() as session:
        cohort = _cohort(session)
        teacher = _teacher()
        session.add(Enrolment(cohort=cohort, teacher=teacher, applied_on=date(2026, 1, 5)))
    with pytest.raises(IntegrityError), database.transaction() as session:
        cohort = session.scalars(select(Cohort)).one()
        teacher = session.scalars(select(Teacher)).one()
        session.add(Enrolment(cohort=cohort, teacher=teacher, applied_on=date(2026, 1, 6)))


def test_cohort_code_unique_per_office(database: Database) -> None:
    with database.transaction() as session:
        cohort = _cohort(session)
    with pytest.raises(IntegrityError), database.transaction() as session:
        first = session.get(Cohort, cohort.id)
        assert first is not None
        session.add(Cohort(office_id=first.office_id, code=first.code, programme_id=first.programme_id,
                           provider_id=first.provider_id, start_date=date(2026, 5, 1),
                           end_date=date(2026, 5, 10), language=Language.RU, capacity=20))


def test_foreign_keys_are_enforced(database: Database) -> None:
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.add(Enrolment(cohort_id=999, teacher_id=999, applied_on=date(2026, 1, 1)))


def test_audit_log_records_who_what_before_and_after(database: Database) -> None:
    with database.transaction(user="aigerim") as session:
        session.add(_teacher())
    with database.transaction(user="oleg") as session:
        teacher = session.scalars(select(Teacher)).one()
        teacher.surname = "Әлібекова"
        teacher.phone = "+7 701 000 00 00"
    with database.transaction(user="oleg") as session:
        session.delete(session.scalars(select(Teacher)).one())
    with database.reading() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "teacher")
                                  .order_by(AuditEntry.id)).all()
    assert [(e.action, e.by) for e in entries] == [("insert", "aigerim"), ("update", "oleg"), ("delete", "oleg")]
    insert, update, delete = entries
    assert json.loads(insert.after)["iin"] == "791028302728"
    assert json.loads(insert.after)["birth_date"] == "1979-10-28"
    assert json.loads(update.before) == {"surname": "Әлібеков", "phone": ""}
    assert json.loads(update.after) == {"surname": "Әлібекова", "phone": "+7 701 000 00 00"}
    assert json.loads(delete.before)["surname"] == "Әлібекова"
    assert insert.entity_id == update.entity_id == delete.entity_id is not None


def test_every_new_database_audits_even_where_a_collected_one_was() -> None:
    """SQLAlchemy keys its event registry by ``id()``: a session factory made at the address of one collected
    before looked as if it had the audit hook already, and its changes went unaudited."""
    tables = [AuditEntry.__table__, PrinterOffset.__table__, User.__table__]  # users: the access hook asks
    for attempt in range(100):
        database = Database("sqlite://")
        try:
            Base.metadata.create_all(database.engine, tables=tables)  # type: ignore[arg-type]
            with database.transaction(user="aigerim") as session:
                session.add(PrinterOffset(printer=f"Canon {attempt}", x_mm=0.0, y_mm=0.0))
            with database.reading() as session:
                assert session.scalars(select(AuditEntry.entity)).all() == ["printer_offset"], attempt
        finally:
            database.dispose()
        del database
        gc.collect(1)  # the young objects only: the factory just made and its class, cheap to collect


def test_rolled_back_change_leaves_no_audit(database: Database) -> None:
    with pytest.raises(RuntimeError), database.transaction() as session:
        session.add(_teacher())
        session.flush()
        raise RuntimeError("cancelled")
    with database.reading() as session:
        assert session.scalars(select(AuditEntry)).all() == []


def test_timestamps_and_status_default(database: Database) -> None:
    with database.transaction() as session:
        cohort = _cohort(session)
        enrolment = Enrolment(cohort=cohort, teacher=_teacher(), applied_on=date(2026, 1, 5))
        session.add(enrolment)
    with database.reading() as session:
        stored = session.scalars(select(Enrolment)).one()
        assert stored.status is EnrolmentStatus.APPLIED
        assert stored.created_at is not None and stored.updated_at >= stored.created_at
        first_update = stored.updated_at
    with database.transaction() as session:
        again = session.scalars(select(Enrolment)).one()
        again.status = EnrolmentStatus.ENROLLED
    with database.reading() as session:
        assert session.scalars(select(Enrolment)).one().updated_at > first_update
