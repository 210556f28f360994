"""Consolidation per office (п.17) on a small hand-built region of two offices, and the package history."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.models import (
    Certificate,
    Cohort,
    CourseFormat,
    EducationLevel,
    Enrolment,
    MonitoringRecord,
    Office,
    PackageLog,
    PostCourseWork,
    Programme,
    Provider,
    Teacher,
)
from pedesk.models.database import Database
from pedesk.models.enums import (
    CertificateStatus,
    CourseKind,
    EnrolmentStatus,
    Language,
    PackageDirection,
    SupportKind,
)
from pedesk.services.common.errors import ValidationError
from pedesk.services.packages.history import (
    history_counts,
    outcome_label,
    package_history,
    record_receipt,
)
from pedesk.services.packages.overview import (
    OfficeSummary,
    consolidation,
    package_file_name,
    package_period,
    period_label,
)
from pedesk.services.rules.iin import make_iin

H1 = (date(2026, 1, 1), date(2026, 6, 30))
S = EnrolmentStatus


class Region:
    """Builds offices, cohorts, enrolments and certificates with as few words as a test can bear."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.teachers: dict[int, Teacher] = {}
        self.provider = Provider(name_kk="«Өрлеу»", name_ru="«Өрлеу»")
        self.level = session.scalars(select(EducationLevel)).first()
        self.format = session.scalars(select(CourseFormat)).first()
        self.serial = 0

    def teacher(self, n: int) -> Teacher:
        if n not in self.teachers:
            birth = date(1980, 1, 1) + timedelta(days=97 * n)
            self.teachers[n] = Teacher(iin=make_iin(birth, "female", n), surname=f"Әлібекова{n}", name="Гүлнар",
                                       birth_date=birth)
        return self.teachers[n]

    def cohort(self, office: Office, code: str, end: date, listeners: dict[int, EnrolmentStatus]) -> dict[int, Enrolment]:
        programme = Programme(office=office, code=f"P-{code}", title_kk="Бағдарлама", title_ru="Программа",
                              academic_hours=72, kind=CourseKind.SHORT, level=self.level, format=self.format)
        cohort = Cohort(office=office, code=code, programme=programme, provider=self.provider,
                        start_date=end - timedelta(days=11), end_date=end, language=Language.KK, capacity=25)
        enrolments = {n: Enrolment(cohort=cohort, teacher=self.teacher(n), status=status, applied_on=end)
                      for n, status in listeners.items()}
        self.session.add_all(enrolments.values())
        return enrolments

    def certificate(self, office: Office, teacher: int, issued: date, *, works: int = 0, external: bool = False,
                    status: CertificateStatus = CertificateStatus.ISSUED,
                    monitoring: tuple[tuple[date, date | None], ...] = ()) -> Certificate:
        self.serial += 1
        certificate = Certificate(office=office, number=f"{office.code}-{self.serial:05d}", year=issued.year,
                                  verification_code=f"CODE{self.serial:04d}", teacher=self.teacher(teacher),
                                  issue_date=issued, valid_until=issued.replace(year=issued.year + 5),
                                  academic_hours=72, external=external, status=status)
        self.session.add(certificate)
        for i in range(works):
            self.session.add(PostCourseWork(certificate=certificate, kind=SupportKind.INDEPENDENT_WORK,
                                            held_on=issued + timedelta(days=30 * (i + 1)), title=f"Work {i}"))
        for year_no, (due, done) in enumerate(monitoring, start=1):
            self.session.add(MonitoringRecord(certificate=certificate, year_no=year_no, due_date=due, done_on=done))
        return certificate


@pytest.fixture
def region(database: Database) -> Database:
    """KRG (ours) and AKM (imported). Teacher 1 studied with both offices."""
    with database.transaction() as session:
        build = Region(session)
        krg = Office(code="KRG", is_own=True, name_kk="Қарағанды ӘК", name_ru="Карагандинский МК")
        akm = Office(code="AKM", name_kk="Ақмола ӘК", name_ru="Акмолинский МК")
        build.cohort(krg, "K-1", date(2026, 3, 10), {1: S.COMPLETED, 2: S.COMPLETED, 3: S.WITHDRAWN,
                                                      4: S.EXPELLED, 7: S.TRANSFERRED, 8: S.APPLIED})
        build.cohort(krg, "K-2", date(2026, 8, 1), {5: S.COMPLETED})  # ends in H2
        build.cohort(akm, "A-1", date(2026, 5, 20), {1: S.COMPLETED, 6: S.COMPLETED})
        build.certificate(krg, 1, date(2026, 3, 15), works=2,
                          monitoring=((date(2026, 5, 1), date(2026, 5, 3)), (date(2026, 9, 1), None)))
        build.certificate(krg, 2, date(2026, 3, 15), monitoring=((date(2026, 6, 1), None),))
        build.certificate(krg, 4, date(2026, 3, 20), works=1, status=CertificateStatus.ANNULLED,
                          monitoring=((date(2026, 4, 1), None),))
        build.certificate(krg, 1, date(2026, 4, 1), works=1, external=True)
        build.certificate(krg, 5, date(2026, 8, 5))
        akm_certificate = build.certificate(akm, 6, date(2026, 5, 25), works=1)
        # a final analysis (year 0, п.35) is not a yearly monitoring (п.37): not counted below
        session.add(MonitoringRecord(certificate=akm_certificate, year_no=0, due_date=date(2026, 6, 1),
                                     done_on=date(2026, 6, 2)))
    return database


def _by_code(rows: list[OfficeSummary]) -> dict[str, OfficeSummary]:
    return {row.office_code or "total": row for row in rows}


def _counts(row: OfficeSummary) -> tuple[int, ...]:
    return (row.listeners, row.completed, row.certificates, row.with_works, row.monitoring_due, row.monitoring_done)


def test_consolidation_of_a_half_year_per_office_and_in_total(region: Database) -> None:
    with region.reading() as session:
        rows = consolidation(session, start=H1[0], end=H1[1])
    assert [row.office_code for row in rows] == ["KRG", "AKM", ""]  # ours first, the totals line last
    by_code = _by_code(rows)
    # KRG: listeners 1, 2 and the expelled 4 (not the withdrawn, transferred or mere applicant); the annulled,
    # the external and the H2 certificates left out; monitoring due in H1 of standing certificates only
    assert _counts(by_code["KRG"]) == (3, 2, 2, 1, 2, 1)
    assert by_code["KRG"].coverage == 50.0 and by_code["KRG"].is_own
    assert _counts(by_code["AKM"]) == (2, 2, 1, 1, 0, 0) and by_code["AKM"].coverage == 100.0
    total = by_code["total"]
    assert total.is_total and _counts(total) == (4, 4, 3, 2, 2, 1)  # teacher 1 counted once
    assert total.coverage == pytest.approx(66.7)


def test_consolidation_without_a_period_counts_everything(region: Database) -> None:
    with region.reading() as session:
        rows = _by_code(consolidation(session))
    assert _counts(rows["KRG"]) == (4, 3, 3, 1, 3, 1)
    assert _counts(rows["total"]) == (5, 5, 4, 2, 3, 1)


def test_consolidation_of_one_office_and_refusals(region: Database) -> None:
    with region.reading() as session:
        rows = consolidation(session, office_code="AKM", start=H1[0], end=H1[1])
        assert [row.office_code for row in rows] == ["AKM", ""]
        assert _counts(rows[1]) == _counts(rows[0])
        assert rows[0].as_json()["coverage_percent"] == 100.0 and rows[0].name("kk") == "Ақмола ӘК"
        with pytest.raises(ValidationError) as unknown:
            consolidation(session, office_code="XYZ")
        assert unknown.value.problems[0].field == "office" and "XYZ" in str(unknown.value)
        with pytest.raises(ValidationError) as backwards:
            consolidation(session, start=H1[1], end=H1[0])
        assert backwards.value.problems[0].field == "period"


def test_an_office_without_records_shows_zeros_and_no_coverage(database: Database) -> None:
    with database.transaction() as session:
        session.add(Office(code="KRG", is_own=True, name_kk="ӘК", name_ru="МК"))
    with database.reading() as session:
        rows = consolidation(session, start=H1[0], end=H1[1])
    assert [_counts(row) for row in rows] == [(0,) * 6, (0,) * 6]
    assert rows[0].coverage is None


def test_package_period_is_the_half_year_of_the_coming_package_month() -> None:
    assert package_period(date(2027, 1, 20)) == "2026-H2"  # the January package: July-December before
    assert package_period(date(2026, 6, 10)) == "2026-H1"
    assert package_period(date(2026, 2, 1)) == "2026-H1"
    assert package_period(date(2026, 11, 25)) == "2026-H2"


def test_period_labels_and_file_names() -> None:
    assert period_label(*H1) == "2026-H1"
    assert period_label(date(2026, 7, 1), date(2026, 12, 31)) == "2026-H2"
    assert period_label(date(2026, 1, 1), date(2026, 3, 31)) == "2026-01-01_2026-03-31"
    assert package_file_name("KRG-MK", *H1) == "pedesk-KRG-MK-2026-H1.zip"
    assert package_file_name("KRG-MK", *H1, consolidated=True) == "pedesk-KRG-MK-2026-H1-all.zip"
    assert package_file_name("", *H1, consolidated=True) == "pedesk-all-offices-2026-H1.zip"
    assert (outcome_label("conflicts"), outcome_label("consolidated")) == ("imported with conflicts",
                                                                          "exported, all offices")


def _log(session: Session, direction: PackageDirection, at: datetime, summary: dict[str, object],
         sha: str = "") -> None:
    session.add(PackageLog(direction=direction, at=at, by="aigul", file_name=f"{direction.value}.zip", sha256=sha,
                           office_code="AKM", period_from=H1[0], period_to=H1[1], outcome="applied",
                           summary=json.dumps(summary)))


def test_history_newest_first_with_counts_and_receipt(database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        _log(session, PackageDirection.EXPORT, datetime(2026, 6, 20, 9),
             {"counts": {"teachers": 10, "certificates": 4}})
        _log(session, PackageDirection.IMPORT, datetime(2026, 6, 25, 9),
             {"added": {"teachers": 3}, "updated": {"teachers": 1, "cohorts": 1}, "unchanged": {},
              "conflicts": {"teachers": 2}, "rejected": {}}, sha="ab" * 32)
        session.add(PackageLog(direction=PackageDirection.IMPORT, at=datetime(2026, 6, 1), file_name="old.zip",
                               summary="not json"))
    with database.reading() as session:
        rows = package_history(session)
        assert package_history(session, limit=1)[0].file_name == "import.zip"
    assert [row.file_name for row in rows] == ["import.zip", "export.zip", "old.zip"]
    received, sent, broken = rows
    assert received.totals == {"added": 3, "updated": 2, "unchanged": 0, "conflicts": 2, "rejected": 0}
    assert received.sheets == {"teachers": 6, "cohorts": 1} and received.period == "2026-H1"
    assert sent.sheets == {"teachers": 10, "certificates": 4} and sent.totals == {"rows": 14}
    assert broken.totals["added"] == 0 and broken.period == ""
    assert (history_counts(received), history_counts(sent)) == ("added 3, updated 2, conflicts 2", "14 rows")
    assert history_counts(broken) == "no rows"
    assert sent.as_json()["period"] == {"from": "2026-01-01", "to": "2026-06-30", "label": "2026-H1"}
    receipt = tmp_path / "receipt.pdf"
    with database.transaction() as session:
        assert record_receipt(session, sha256="ab" * 32, path=receipt)
        assert not record_receipt(session, sha256="cd" * 32, path=receipt)
    with database.reading() as session:
        assert package_history(session)[0].receipt_path == str(receipt)
