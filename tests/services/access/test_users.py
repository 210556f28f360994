"""Users in the services: the lock after five wrong passwords ends after 15 minutes, a late change of a formed
list is the head's to approve, and the audit trail names the signed-in user beside the OS account."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from pedesk.models import AuditEntry, PrinterOffset
from pedesk.models.base import utcnow
from pedesk.models.database import Database, current_user
from pedesk.services import access, certificates, enrolment
from pedesk.services.access import Role
from pedesk.services.common import ValidationError
from tests.builders import PASSWORD, TODAY, add_users, cohort, own_office, programme, sign_in, teacher


def test_the_lock_ends_after_fifteen_minutes_and_a_right_password_then_resets_the_count(database: Database) -> None:
    add_users(database, {"zhanar": {Role.REGISTRAR}})
    start = utcnow()
    for attempt in range(access.MAX_FAILED):
        with pytest.raises(access.SignInRefused) as refused:
            access.sign_in(database, "zhanar", "wrong password", now=start + timedelta(seconds=attempt))
    assert "locked until" in str(refused.value)
    during = start + timedelta(minutes=access.LOCK_MINUTES - 1)
    with pytest.raises(access.SignInRefused, match="locked after 5 wrong passwords"):
        access.sign_in(database, "zhanar", PASSWORD, now=during)
    after = start + timedelta(minutes=access.LOCK_MINUTES, seconds=access.MAX_FAILED)
    actor = access.sign_in(database, "zhanar", PASSWORD, now=after)
    assert actor.name == "zhanar" and actor.roles == frozenset({Role.REGISTRAR})
    with pytest.raises(access.SignInRefused, match="Wrong user name or password"):  # the count starts again
        access.sign_in(database, "zhanar", "wrong password", now=after)
    with pytest.raises(access.SignInRefused, match="Wrong user name or password"):  # an unknown name reads alike
        access.sign_in(database, "nobody", PASSWORD, now=after)


def test_a_user_name_and_a_password_must_be_fit(database: Database) -> None:
    add_users(database, {})
    sign_in(database, "admin")
    with pytest.raises(ValidationError) as refused, database.transaction() as session:
        access.add_user(session, "Ай гүл", {Role.VIEWER}, "short")
    fields = {problem.field for problem in refused.value.problems}
    assert fields == {"name", "password"}
    with pytest.raises(ValidationError, match="already a user 'admin'"), database.transaction() as session:
        access.add_user(session, "ADMIN", {Role.VIEWER}, PASSWORD)


def test_the_audit_trail_names_the_signed_in_user_beside_the_os_account(database: Database) -> None:
    add_users(database, {"saule": {Role.REGISTRAR}})
    sign_in(database, "saule")
    with database.transaction("someone else") as session:
        certificates.save_printer_settings(session, certificates.PrinterSettings("Canon LBP", 1.5, -0.5))
    with database.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "printer_offset")).one()
        assert session.get(PrinterOffset, "Canon LBP") is not None
    assert (entry.by, entry.os_account) == ("saule", current_user())
    with database.reading() as session:
        page = access.page_audit(session, access.AuditFilter(user="saule"))
        assert access.count_audit(session, access.AuditFilter(user="saule")) == 2
        people, kinds = access.audit_choices(session)
    # newest first: the printer's offsets, then the sign-in (the time of it, on the user's record)
    assert [(row.entity, row.action) for row in page] == [("printer_offset", "insert"), ("app_user", "update")]
    assert "last_sign_in_at" in page[1].after
    assert "saule" in people and {"printer_offset", "app_user"} <= set(kinds)


def test_a_late_change_of_a_formed_list_is_the_heads_to_approve(database: Database) -> None:
    with database.transaction() as session:
        office = own_office(session)
        course = programme(session, office, "P36", "Бағдарлама", "Программа", 36)
        group = cohort(session, office, course, "LATE", TODAY + timedelta(days=20))  # its list is formed
        person = teacher(session, 7)
        session.flush()
        ids = group.id, person.id
    add_users(database, {"zhanar": {Role.REGISTRAR}, "bolat": {Role.HEAD}})
    sign_in(database, "zhanar")
    with pytest.raises(access.AccessDenied, match="approving a late change of a list needs the role «head"), \
            database.transaction() as session:
        enrolment.enrol_teacher(session, *ids, on=TODAY, reason="Ауысқан мұғалім")
    sign_in(database, "bolat")
    with database.transaction() as session:
        result = enrolment.enrol_teacher(session, *ids, on=TODAY, reason="Ауысқан мұғалім")
    assert result is not None
