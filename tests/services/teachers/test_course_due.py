"""Teachers due for a course (п.21, 32): certificates running out within 12 months (the boundary days, the
longest-lasting certificate only, annulled and expired ones left out, a teacher already on a cohort's list), and
the Dashboard's worklists of post-course support and courses due."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from pedesk.models import Certificate, Cohort, Enrolment, Programme, Teacher
from pedesk.models.database import Database
from pedesk.models.enums import EnrolmentStatus, Language
from pedesk.services.certificates.issuing import annul_certificate
from pedesk.services.reports.attention import worklists
from pedesk.services.support.records import WorkData, record_work
from pedesk.services.teachers.course_due import certificates_expiring, count_certificates_expiring
from tests.services.support.test_support import ISSUED, USER, World
from tests.services.support.test_support import world as world  # noqa: F401 - the fixture

VALID_UNTIL = date(2031, 11, 25)  # issued 25 November 2026, five years (п.32)


def _listed(database: Database, today: date, text: str = "") -> dict[int, object]:
    with database.reading() as session:
        return {row.id: row for row in certificates_expiring(session, today, text)}


def test_certificates_running_out_within_twelve_months(database: Database, world: World) -> None:  # noqa: F811
    regular, second, abroad = (world.certificates[key] for key in ("regular", "second", "abroad"))
    assert not _listed(database, date(2030, 11, 24))  # 25 November 2031 is 12 months and a day away
    on_the_day = _listed(database, date(2030, 11, 25))
    assert set(on_the_day) == {regular, second, abroad}  # a foreign organisation's certificate runs out too
    assert _listed(database, date(2031, 11, 24))[regular].days_left == 1  # type: ignore[attr-defined]
    assert not _listed(database, date(2031, 11, 25))  # expired on its valid-until day
    with database.transaction(USER) as session:
        annul_certificate(session, second, reason="қате", order_no="12", order_date=ISSUED, today=ISSUED, by=USER)
    assert set(_listed(database, date(2031, 6, 1))) == {regular, abroad}
    with database.reading() as session:
        iin = session.scalars(select(Teacher.iin).join(Certificate).where(Certificate.id == regular)).one()
        assert count_certificates_expiring(session, date(2031, 6, 1)) == 2
        assert count_certificates_expiring(session, date(2031, 6, 1), within_days=90) == 0
        assert count_certificates_expiring(session, date(2031, 9, 1), within_days=90) == 2
    assert set(_listed(database, date(2031, 6, 1), iin[:6])) == {regular}


def test_a_later_certificate_or_a_place_on_a_list_is_shown(database: Database, world: World) -> None:  # noqa: F811
    regular, abroad = world.certificates["regular"], world.certificates["abroad"]
    with database.transaction(USER) as session:
        certificate = session.get(Certificate, regular)
        assert certificate is not None
        later = Certificate(office_id=certificate.office_id, number="EXT-9", year=2029, verification_code="EXT9",
                            teacher_id=certificate.teacher_id, issue_date=date(2029, 5, 1),
                            valid_until=date(2034, 5, 1), academic_hours=72, external=True)
        session.add(later)
        programme = session.scalars(select(Programme).where(Programme.code == "P72")).one()
        abroad_holder = session.get(Certificate, abroad)
        assert abroad_holder is not None
        start = date(2031, 9, 7)
        cohort = Cohort(office_id=certificate.office_id, code="K-2031-1", programme=programme,
                        provider_id=session.scalars(select(Cohort.provider_id)).first(), start_date=start,
                        end_date=start + timedelta(11), language=Language.KK, capacity=30)
        session.add(Enrolment(cohort=cohort, teacher_id=abroad_holder.teacher_id, status=EnrolmentStatus.ENROLLED,
                              applied_on=date(2031, 6, 1)))
    listed = _listed(database, date(2031, 9, 1))
    assert regular not in listed  # holds a certificate lasting beyond the 12 months
    planned = listed[abroad]
    assert planned.enrolled_in == "K-2031-1" and not planned.overdue  # type: ignore[attr-defined]
    assert listed[world.certificates["second"]].overdue  # type: ignore[attr-defined] # 85 days, on no list
    with database.reading() as session:
        assert count_certificates_expiring(session, date(2031, 9, 1), within_days=90) == 2
        assert count_certificates_expiring(session, date(2031, 9, 1), within_days=90, unplanned=True) == 1


def test_dashboard_worklists_follow_the_works(database: Database, world: World) -> None:  # noqa: F811
    regular = world.certificates["regular"]
    today = date(2027, 10, 20)  # the works of the 30 October 2026 course are due by 30 October 2027
    with database.reading() as session:
        lines = {line.key: line for line in worklists(session, today)}
    assert (lines["works"].count, lines["works"].urgent, lines["works"].tab) == (2, 0, "due")
    assert "2 listeners have fewer than three works" in lines["works"].message
    assert lines["hours"].count == 1  # the leap-day teacher: the course ends in 2028, the others have 72 hours
    assert "monitoring" not in lines and "expiring" not in lines
    with database.transaction(USER) as session:
        for held in (date(2026, 12, 1), date(2027, 2, 1), date(2027, 5, 1)):
            record_work(session, regular, WorkData("independent_work", held, "Ашық сабақ"), today=today)
    with database.reading() as session:
        lines = {line.key: line for line in worklists(session, today)}
        assert lines["works"].count == 1
        late = {line.key: line for line in worklists(session, date(2027, 12, 1))}
    assert (late["works"].count, late["works"].urgent) == (1, 1) and late["monitoring"].urgent == 2


def test_a_certificate_issued_on_29_february(database: Database, world: World) -> None:  # noqa: F811
    leap = world.certificates["leap"]  # issued 29 February 2028: valid until 1 March 2033 (п.32 DECISION)
    assert leap not in _listed(database, date(2032, 2, 29))  # 12 months on is 28 February 2033
    listed = _listed(database, date(2032, 3, 1))
    assert leap in listed and listed[leap].valid_until == date(2033, 3, 1)  # type: ignore[attr-defined]
    assert listed[leap].days_left == 365  # type: ignore[attr-defined]
