"""Demo data (pedesk.services.demo.region): a realistic, deterministic region that follows the Rules."""

from __future__ import annotations

from collections import Counter, defaultdict, namedtuple
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from pedesk.models.base import Base
from pedesk.models.database import Database
from pedesk.models.people import Teacher
from pedesk.models.schema import open_database
from pedesk.services.common.text import search_key
from pedesk.services.demo import base as demo_base
from pedesk.services.demo.region import DemoError, DemoSummary, generate_demo, region_for
from pedesk.services.rules.iin import check_iin
from pedesk.services.rules.numbering import DEFAULT_PATTERN, VERIFICATION_ALPHABET, format_certificate_number
from pedesk.services.rules.paragraphs import (
    add_months,
    add_years_rule,
    certificate_valid_until,
    list_formation_date,
    monitoring_due_dates,
    works_due_date,
)
from tests.backends import Backend

TODAY = date(2026, 11, 25)
TEACHERS = 400
STAMPS = {"created_at", "updated_at"}
#: the joins the queries below share: an enrolment e's cohort c, a cohort's programme p, a certificate x's
#: enrolment e
COHORT = "JOIN cohort c ON c.id = e.cohort_id"
PROGRAMME = "JOIN programme p ON p.id = c.programme_id"
CERTIFIED = "JOIN enrolment e ON e.id = x.enrolment_id"



def _make(url: str, *, seed: int = 1, teachers: int = TEACHERS, **options: Any) -> tuple[Database, DemoSummary]:
    database, _report = open_database(url)
    summary = generate_demo(database, teachers=teachers, seed=seed, today=TODAY, **options)
    return database, summary


@pytest.fixture(scope="module")
def demo(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    database, summary = _make(backend.migrated(tmp_path_factory.mktemp("demo"), "demo.sqlite3", keep=True))
    yield database, summary
    database.dispose()


def rows(engine: Engine, sql: str, **params: Any) -> list[Any]:
    """The rows of plain SQL as SQLite gives them on either back-end: a date as ISO text."""
    with engine.connect() as conn:
        result = conn.execute(text(sql), params)
        found = list(result)
    if engine.dialect.name == "sqlite":
        return found
    stored = namedtuple("Row", list(result.keys()), rename=True)  # type: ignore[misc]
    return [stored(*(_as_stored(value) for value in row)) for row in found]


def _as_stored(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) and not isinstance(value, datetime) else value


def table_contents(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every table but the timestamps, in primary-key order."""
    contents = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            columns = [column for column in table.columns if column.name not in STAMPS]
            query = select(*columns).order_by(*table.primary_key.columns)
            contents[table.name] = [tuple(row) for row in conn.execute(query)]
    return contents


# --- determinism ---------------------------------------------------------------------------------------------


def test_same_seed_gives_the_same_rows_and_another_seed_does_not(backend: Backend, tmp_path: Path) -> None:
    first, _ = _make(backend.migrated(tmp_path, "a.sqlite3"), seed=5)
    second, _ = _make(backend.migrated(tmp_path, "b.sqlite3"), seed=5)
    other, _ = _make(backend.migrated(tmp_path, "c.sqlite3"), seed=6)
    teachers = "SELECT iin, surname, name, patronymic, birth_date FROM teacher ORDER BY id"
    certificates = "SELECT number, verification_code FROM certificate ORDER BY id"
    try:
        assert rows(first.engine, teachers) == rows(second.engine, teachers)
        assert rows(first.engine, certificates) == rows(second.engine, certificates)
        assert rows(first.engine, certificates)
        assert table_contents(first.engine) == table_contents(second.engine)
        assert rows(first.engine, teachers) != rows(other.engine, teachers)
        assert rows(first.engine, certificates) != rows(other.engine, certificates)
    finally:
        for database in (first, second, other):
            database.dispose()


def stored_contents(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every table as SQLite stores it (no type conversion on reading), timestamps left out."""
    contents = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            names = ", ".join(column.name for column in table.columns if column.name not in STAMPS)
            keys = ", ".join(column.name for column in table.primary_key.columns)
            contents[table.name] = [tuple(row) for row in conn.exec_driver_sql(
                f"SELECT {names} FROM {table.name} ORDER BY {keys}")]
    return contents


@pytest.mark.sqlite_only("SQLite's own fast path of the demo's inserts")
def test_sqlite_fast_path_stores_exactly_what_core_inserts_store(
    backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, _ = _make(backend.migrated(tmp_path, "fast.sqlite3"), teachers=120)
    monkeypatch.setattr(demo_base, "SQLITE_FAST_PATH", False)
    core, _ = _make(backend.migrated(tmp_path, "core.sqlite3"), teachers=120)
    try:
        stored = stored_contents(fast.engine)
        assert stored == stored_contents(core.engine)
        assert stored["certificate"] and stored["assessment"] and stored["schedule_session"]
        with fast.engine.connect() as a, core.engine.connect() as b:
            for table in ("teacher", "certificate", "enrolment"):
                query = f"SELECT created_at, typeof(created_at) FROM {table} LIMIT 1"
                left, right = a.exec_driver_sql(query).one(), b.exec_driver_sql(query).one()
                assert left[1] == right[1] == "text" and len(left[0]) == len(right[0]) == 26
    finally:
        fast.dispose()
        core.dispose()


def test_summary_counts_every_table(demo: tuple[Database, DemoSummary]) -> None:
    database, summary = demo
    tables = {
        "offices": "office", "districts": "district", "schools": "school", "providers": "provider",
        "trainers": "trainer", "programmes": "programme", "teachers": "teacher",
        "previous_courses": "previous_course", "cohorts": "cohort", "cohort_trainers": "cohort_trainer",
        "schedule_sessions": "schedule_session", "enrolments": "enrolment",
        "enrolment_documents": "enrolment_document", "status_changes": "status_change",
        "assessments": "assessment", "certificates": "certificate", "certificate_counters": "certificate_counter",
        "post_course_works": "post_course_work", "monitoring_records": "monitoring_record",
        "plan_entries": "plan_entry",
    }
    counts = summary.counts()
    assert set(counts) == set(tables)
    for key, table in tables.items():
        assert counts[key] == rows(database.engine, f"SELECT count(*) FROM {table}")[0][0], key
    assert counts["teachers"] == TEACHERS
    assert all(counts[key] > 0 for key in counts)
    assert summary.seconds > 0


# --- organisations -------------------------------------------------------------------------------------------


def test_office_region_and_providers(demo: tuple[Database, DemoSummary]) -> None:
    engine = demo[0].engine
    (office,) = rows(engine, "SELECT o.*, r.code AS region FROM office o JOIN region r ON r.id = o.region_id")
    assert office.is_own and office.code == "KRG-MK" and office.region == "KARAGANDA"
    assert office.name_kk == "Қарағанды облысының әдістемелік кабинеті"
    assert office.name_ru == "Методический кабинет Карагандинской области"
    assert office.numbering_pattern == DEFAULT_PATTERN
    assert office.head_name and office.acting_head_name and office.head_position_kk and office.head_position_ru
    assert office.authorised_body_kk == "Қазақстан Республикасы Оқу-ағарту министрлігі"
    kinds = {row.code: row for row in rows(engine, "SELECT pk.code, p.can_assess_externally, p.region_id "
                                                   "FROM provider p JOIN provider_kind pk ON pk.id = p.kind_id")}
    assert set(kinds) == {"methodological_office", "orleu", "university", "nis", "foreign"}
    assert kinds["university"].can_assess_externally and kinds["foreign"].region_id is None
    districts = rows(engine, "SELECT name_kk, department_name_kk, department_name_ru FROM district")
    assert 10 <= len(districts) <= 16
    assert all(d.department_name_kk.endswith("білім бөлімі") for d in districts)
    assert all(d.department_name_ru.startswith("Отдел образования") for d in districts)
    schools = rows(engine, "SELECT name_ru, district_id, region_id FROM school")
    assert len(schools) == max(3, round(TEACHERS / 40))
    assert all(s.district_id and s.region_id == office.region_id for s in schools)
    trainer_kinds = {row[0] for row in rows(engine, "SELECT tk.code FROM trainer t JOIN trainer_kind tk "
                                                    "ON tk.id = t.kind_id")}
    assert trainer_kinds == {"experienced_teacher", "certified_trainer", "industry_specialist",
                             "university_faculty", "guest_lecturer"}


def test_office_code_picks_the_region() -> None:
    assert region_for("KRG-MK").code == "KARAGANDA"
    assert region_for("pvl-1").code == "PAVLODAR"
    assert region_for("XYZ") == region_for("XYZ")


def test_custom_office_names_and_code(backend: Backend, tmp_path: Path) -> None:
    database, _ = _make(backend.migrated(tmp_path, "d.sqlite3"), teachers=5, office_code="AKM-01", office_name_kk="Кабинет",
                        office_name_ru="Кабинет РУ")
    try:
        (office,) = rows(database.engine, "SELECT o.code, o.name_kk, o.name_ru, r.code AS region FROM office o "
                                          "JOIN region r ON r.id = o.region_id")
        assert tuple(office) == ("AKM-01", "Кабинет", "Кабинет РУ", "AKMOLA")
        numbers = [row[0] for row in rows(database.engine, "SELECT number FROM certificate WHERE NOT external")]
        assert all(number.startswith("AKM-01-") for number in numbers)
    finally:
        database.dispose()


def test_programmes_cover_every_level_format_and_kind(demo: tuple[Database, DemoSummary]) -> None:
    programmes = rows(demo[0].engine, "SELECT p.*, l.code AS level, f.code AS fmt FROM programme p "
                                      "JOIN education_level l ON l.id = p.level_id JOIN course_format f "
                                      "ON f.id = p.format_id")
    assert 20 <= len(programmes) <= 30
    assert len({p.code for p in programmes}) == len(programmes)
    for level in {p.level for p in programmes}:
        kinds = {p.kind for p in programmes if p.level == level}
        assert kinds == {"short", "long"}, level
    assert {p.fmt for p in programmes} == {"on_the_job", "off_the_job", "abroad"}
    for p in programmes:
        if p.abroad:
            assert p.fmt == "abroad" and 3 <= p.abroad_months <= 12
        elif p.kind == "short":
            assert 36 <= p.academic_hours <= 72
        else:
            assert 108 <= p.academic_hours <= 240
    assert {p.kind for p in programmes if p.abroad} == {"short", "long"}
    assert any(p.language_course for p in programmes)


# --- teachers -------------------------------------------------------------------------------------------------


def test_every_iin_is_valid_and_agrees_with_birth_date_and_sex(demo: tuple[Database, DemoSummary]) -> None:
    teachers = rows(demo[0].engine, "SELECT * FROM teacher")
    assert len({t.iin for t in teachers}) == TEACHERS
    sexes: Counter[str] = Counter()
    for t in teachers:
        info = check_iin(t.iin)
        assert info.valid, t.iin
        assert info.birth_date == date.fromisoformat(t.birth_date)
        if t.patronymic.endswith(("ұлы", "ович", "евич")):
            assert info.sex == "male", (t.iin, t.patronymic)
        else:
            assert t.patronymic.endswith(("қызы", "овна", "евна")), t.patronymic
            assert info.sex == "female", (t.iin, t.patronymic)
        sexes[info.sex] += 1
        born = date.fromisoformat(t.birth_date)
        assert add_years_rule(TODAY, -64) < born <= add_years_rule(TODAY, -22)
        age = TODAY.year - born.year
        assert 0 <= t.teaching_experience_years <= t.total_experience_years <= age - 19
        assert t.search_key == search_key(t.surname, t.name, t.patronymic, t.iin)
        assert t.phone.startswith("+7 7") and len(t.phone) == 16 and "@" in t.email
        assert t.instruction_language in ("kk", "ru") and t.school_id and t.workplace
    assert sexes["male"] and sexes["female"]
    kazakh = sum(t.patronymic.endswith(("ұлы", "қызы")) for t in teachers)
    assert 0.5 < kazakh / TEACHERS < 0.8


# --- cohorts ---------------------------------------------------------------------------------------------------


def _cohorts(engine: Engine) -> list[Any]:
    return rows(engine, "SELECT c.*, p.academic_hours, p.abroad, p.kind, "
                        "(SELECT count(*) FROM enrolment e WHERE e.cohort_id = c.id) AS listeners, "
                        "(SELECT sum(academic_hours) FROM schedule_session s WHERE s.cohort_id = c.id) AS hours "
                        f"FROM cohort c {PROGRAMME}")


def test_cohorts_past_running_and_upcoming(demo: tuple[Database, DemoSummary]) -> None:
    cohorts = _cohorts(demo[0].engine)
    window = add_months(TODAY, 2)
    start = {c.id: date.fromisoformat(c.start_date) for c in cohorts}
    end = {c.id: date.fromisoformat(c.end_date) for c in cohorts}
    finished = [c for c in cohorts if end[c.id] < TODAY]
    running = [c for c in cohorts if start[c.id] <= TODAY <= end[c.id]]
    soon = [c for c in cohorts if TODAY < start[c.id] <= window]
    later = [c for c in cohorts if start[c.id] > window]
    assert len(finished) >= 5 and len(running) >= 2 and len(soon) >= 2 and len(later) >= 2
    assert any(c.listeners == 0 for c in later) and any(c.listeners for c in soon)
    assert all(c.listeners for c in finished + running)
    assert all(add_years_rule(TODAY, -5) <= start[c.id] <= add_months(TODAY, 6) for c in cohorts)
    assert all(c.listeners <= c.capacity and 20 <= c.capacity <= 30 for c in cohorts)
    assert len({c.code for c in cohorts}) == len(cohorts)
    assert all(c.code.startswith(f"{start[c.id].year}-") for c in cohorts)
    late = [c for c in soon if list_formation_date(start[c.id]) <= TODAY and c.list_formed_on is None]
    assert late, "some lists inside the two-month window are left unformed for the dashboard's warning"
    for c in cohorts:
        formed = list_formation_date(start[c.id]) <= TODAY and c not in late
        assert (c.list_formed_on is not None) == formed, c.code
        if c in finished or c in running:
            assert c.schedule_status == "agreed" and c.enrolment_order_no and c.agreed_on
    assert {c.schedule_status for c in later} >= {"draft"}


def test_timetables_add_up_to_the_programme_hours(demo: tuple[Database, DemoSummary]) -> None:
    engine = demo[0].engine
    cohorts = _cohorts(engine)
    domestic = [c for c in cohorts if not c.abroad]
    assert domestic and all(c.hours == c.academic_hours for c in domestic)
    sessions = rows(engine, "SELECT s.*, c.start_date, c.end_date FROM schedule_session s JOIN cohort c "
                            "ON c.id = s.cohort_id")
    for s in sessions:
        day = date.fromisoformat(s.day)
        assert 6 <= s.academic_hours <= 8 and day.weekday() < 5
        assert s.start_date <= s.day <= s.end_date
    trainers = rows(engine, "SELECT cohort_id, count(*) AS n FROM cohort_trainer GROUP BY cohort_id")
    assert len(trainers) == len(cohorts) and all(t.n >= 2 for t in trainers)


# --- enrolments ------------------------------------------------------------------------------------------------


def test_enrolments_follow_the_cohort_phase(demo: tuple[Database, DemoSummary]) -> None:
    engine = demo[0].engine
    enrolments = rows(engine, "SELECT e.*, c.start_date, c.end_date, p.language_course, p.abroad "
                              f"FROM enrolment e {COHORT} {PROGRAMME}")
    per_teacher = Counter(e.teacher_id for e in enrolments)
    assert max(per_teacher.values()) <= 2
    for e in enrolments:
        start, end = date.fromisoformat(e.start_date), date.fromisoformat(e.end_date)
        if end < TODAY:
            assert e.status in ("completed", "not_certified", "expelled")
        elif start <= TODAY:
            assert e.status == "in_training"
        else:
            assert e.status in ("enrolled", "documents_complete", "applied")
        assert date.fromisoformat(e.applied_on) <= TODAY
        assert (e.elig_english is not None) == bool(e.language_course and e.elig_education is not None)
    statuses = Counter(e.status for e in enrolments)
    assert statuses["completed"] and statuses["not_certified"] and statuses["in_training"]
    documents = rows(engine, "SELECT d.enrolment_id, k.code, p.abroad FROM enrolment_document d "
                             "JOIN document_kind k ON k.id = d.kind_id JOIN enrolment e ON e.id = d.enrolment_id "
                             f"{COHORT} {PROGRAMME}")
    kinds = defaultdict(set)
    for d in documents:
        kinds[d.enrolment_id].add(d.code)
        assert d.code != "motivation_letter" or d.abroad
    for e in enrolments:
        if e.status != "applied":
            assert {"application", "questionnaire", "id_copy"} <= kinds[e.id]
            assert ("motivation_letter" in kinds[e.id]) == bool(e.abroad)
    changes = rows(engine, "SELECT s.to_status, e.status FROM status_change s JOIN enrolment e "
                           "ON e.id = s.enrolment_id")
    assert len(changes) == len(enrolments) and all(c.to_status == c.status for c in changes)


# --- assessments and certificates -------------------------------------------------------------------------------


def test_failures_retakes_and_assessment_kinds(demo: tuple[Database, DemoSummary]) -> None:
    engine = demo[0].engine
    assessments = rows(engine, "SELECT a.*, p.kind AS course, c.end_date, e.status FROM assessment a "
                               f"JOIN enrolment e ON e.id = a.enrolment_id {COHORT} {PROGRAMME}")
    (university,) = rows(engine, "SELECT p.id FROM provider p JOIN provider_kind k ON k.id = p.kind_id "
                                 "WHERE k.code = 'university'")
    for a in assessments:
        assert (a.score >= 50) == bool(a.passed) and 0 <= a.score <= a.max_score == 100
        if a.course == "short":
            assert a.kind == "internal"
        else:
            assert a.kind == "external" and a.assessor_provider_id == university.id
            assert a.assessor_contract_no and a.assessor_contract_date and a.expert_name
    failed = [a for a in assessments if a.attempt == 1 and not a.passed]
    retakes = [a for a in assessments if a.attempt == 2]
    assert failed and retakes and any(a.passed for a in retakes)
    for a in retakes:
        assert a.mode == "reassessment"
        end = date.fromisoformat(a.end_date)
        assert add_months(end, 1) <= date.fromisoformat(a.held_on) <= add_months(end, 6) + timedelta(days=5)
        assert a.status == ("completed" if a.passed else "not_certified")
    certified = {row[0] for row in rows(engine, "SELECT enrolment_id FROM certificate")}
    assert any(a.enrolment_id in certified for a in retakes if a.passed)
    assert len(failed) < len(assessments) * 0.2


def test_recently_ended_cohorts_are_assessed_but_not_certified(demo: tuple[Database, DemoSummary]) -> None:
    engine = demo[0].engine
    recent = rows(engine, "SELECT c.id, "
                          "(SELECT count(*) FROM assessment a JOIN enrolment e ON e.id = a.enrolment_id "
                          " WHERE e.cohort_id = c.id AND a.passed) AS passed, "
                          f"(SELECT count(*) FROM certificate x {CERTIFIED} WHERE e.cohort_id = c.id) "
                          "AS certificates "
                          f"FROM cohort c {PROGRAMME} "
                          "WHERE NOT p.abroad AND c.end_date < :today AND c.end_date >= :cutoff",
                  today=TODAY.isoformat(), cutoff=(TODAY - timedelta(days=31)).isoformat())
    assert recent
    assert all(c.passed > 0 and c.certificates == 0 for c in recent)
    older = rows(engine, f"SELECT count(*) FROM certificate x {CERTIFIED} {COHORT} "
                         "WHERE c.end_date < :cutoff",
                 cutoff=(TODAY - timedelta(days=31)).isoformat())
    assert older[0][0] > 0


def test_certificate_numbers_are_gap_free_and_match_the_counters(demo: tuple[Database, DemoSummary]) -> None:
    engine = demo[0].engine
    certificates = rows(engine, f"SELECT x.*, c.end_date FROM certificate x {CERTIFIED} {COHORT} "
                                "ORDER BY x.id")
    own = [c for c in certificates if not c.external]
    by_year = defaultdict(list)
    for c in own:
        by_year[c.year].append(c)
        assert c.year == date.fromisoformat(c.issue_date).year
        assert c.number == format_certificate_number(DEFAULT_PATTERN, "KRG-MK", c.year, c.seq)
        assert date.fromisoformat(c.issue_date) > date.fromisoformat(c.end_date)
        assert date.fromisoformat(c.issue_date) <= TODAY
        assert c.signer_name and c.signer_capacity in ("head", "acting_head")
        assert f'"number": "{c.number}"' in c.snapshot and c.verification_code in c.snapshot
    counters = {row.year: row.last_seq for row in rows(engine, "SELECT * FROM certificate_counter")}
    assert set(counters) == set(by_year)
    for year, items in by_year.items():
        issued = sorted(items, key=lambda c: (c.issue_date, c.id))
        assert [c.seq for c in issued] == list(range(1, len(items) + 1))
        assert counters[year] == len(items)
    for c in certificates:
        assert date.fromisoformat(c.valid_until) == certificate_valid_until(date.fromisoformat(c.issue_date))
        assert len(c.verification_code) == 10 and set(c.verification_code) <= set(VERIFICATION_ALPHABET)
    assert len({c.verification_code for c in certificates}) == len(certificates)
    assert any(c.external for c in certificates)
    annulled = [c for c in own if c.status == "superseded"]
    assert annulled
    by_id = {c.id: c for c in certificates}
    for c in annulled:
        replacement = by_id[c.superseded_by_id]
        assert replacement.supersedes_id == c.id and replacement.status == "issued"
        assert replacement.enrolment_id == c.enrolment_id and c.annul_reason and c.annulled_at


def test_post_course_support_and_monitoring(demo: tuple[Database, DemoSummary]) -> None:
    engine = demo[0].engine
    abroad = rows(engine, "SELECT (SELECT count(*) FROM post_course_work w "
                          "JOIN certificate x ON x.id = w.certificate_id "
                          f"{CERTIFIED} {COHORT} {PROGRAMME} WHERE p.abroad), "
                          "(SELECT count(*) FROM monitoring_record m JOIN certificate x ON x.id = m.certificate_id "
                          f"{CERTIFIED} {COHORT} {PROGRAMME} WHERE p.abroad)")
    assert tuple(abroad[0]) == (0, 0)
    assert rows(engine, f"SELECT count(*) FROM certificate x {CERTIFIED} {COHORT} {PROGRAMME} "
                        "WHERE p.abroad")[0][0] > 0
    works = rows(engine, "SELECT w.held_on, c.end_date FROM post_course_work w JOIN certificate x "
                         f"ON x.id = w.certificate_id {CERTIFIED} {COHORT}")
    assert works
    for w in works:
        held, end = date.fromisoformat(w.held_on), date.fromisoformat(w.end_date)
        assert end < held <= min(works_due_date(end), TODAY)
    per_certificate = rows(engine, "SELECT certificate_id, count(*) AS n FROM post_course_work "
                                   "GROUP BY certificate_id")
    assert max(p.n for p in per_certificate) <= 4
    monitoring = rows(engine, "SELECT m.*, x.issue_date, x.status FROM monitoring_record m JOIN certificate x "
                              "ON x.id = m.certificate_id")
    records = defaultdict(list)
    for m in monitoring:
        assert m.status == "issued"
        records[m.certificate_id].append(m)
        if m.done_on is not None:
            assert m.method and m.done_by and m.result and m.findings
            assert date.fromisoformat(m.done_on) <= TODAY
    finals = 0
    for items in records.values():
        due = monitoring_due_dates(date.fromisoformat(items[0].issue_date))
        yearly = sorted((m.year_no, m.due_date) for m in items if m.year_no)
        assert yearly == [(n, d.isoformat()) for n, d in enumerate(due, 1)]
        final = [m for m in items if m.year_no == 0]
        if final:  # п.35: the final analysis, after the three visits, due with the third
            finals += 1
            visits = [m.done_on for m in items if m.year_no]
            assert all(visits) and final[0].done_on >= max(visits) and final[0].due_date == due[-1].isoformat()
    assert finals
    due_now = [m for m in monitoring if m.due_date <= TODAY.isoformat()]
    assert any(m.done_on for m in due_now) and any(m.done_on is None for m in due_now)


def test_next_years_plan(demo: tuple[Database, DemoSummary]) -> None:
    entries = rows(demo[0].engine, "SELECT * FROM plan_entry")
    stages = Counter(e.stage for e in entries)
    assert stages["school_application"] and stages["district_plan"] and stages["region_plan"] == 2
    assert {e.plan_year for e in entries} == {TODAY.year + 1}
    applications = [e for e in entries if e.stage == "school_application"]
    assert all(e.school_id and e.district_id and e.programme_id for e in applications)
    received = [e.received_on for e in applications]
    assert all(day is None or day <= f"{TODAY.year}-08-01" for day in received)
    assert all(received) == (date(TODAY.year, 8, 1) <= TODAY)
    region = {e.course_kind: e.teachers_count for e in entries if e.stage == "region_plan"}
    assert region["short"] + region["long"] == sum(e.teachers_count for e in applications)


# --- refusals ------------------------------------------------------------------------------------------------------


def test_a_database_with_data_is_refused_and_left_unchanged(demo: tuple[Database, DemoSummary]) -> None:
    database = demo[0]
    before = table_contents(database.engine)
    with pytest.raises(DemoError, match="choose a new database file"):
        generate_demo(database, teachers=10, today=TODAY)
    assert table_contents(database.engine) == before


def test_a_database_with_only_a_teacher_is_refused(backend: Backend, tmp_path: Path) -> None:
    database, _ = open_database(backend.migrated(tmp_path, "e.sqlite3"))
    try:
        with database.transaction() as session:
            session.add(Teacher(iin="850101300012", surname="Иванов", name="Иван", birth_date=date(1985, 1, 1)))
        with pytest.raises(DemoError):
            generate_demo(database, teachers=10, today=TODAY)
        with database.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(Base.metadata.tables["office"])).scalar() == 0
            assert conn.execute(text("SELECT count(*) FROM teacher")).scalar() == 1
    finally:
        database.dispose()


@pytest.mark.parametrize("count", [0, -1, 1_000_001, True, 2.5])
def test_teacher_count_out_of_range_is_refused(backend: Backend, tmp_path: Path, count: Any) -> None:
    database, _ = open_database(backend.migrated(tmp_path, "f.sqlite3"))
    try:
        with pytest.raises(DemoError, match="from 1 to"):
            generate_demo(database, teachers=count, today=TODAY)
        assert rows(database.engine, "SELECT count(*) FROM office")[0][0] == 0
    finally:
        database.dispose()


def test_one_teacher_and_progress(backend: Backend, tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    database, summary = _make(backend.migrated(tmp_path, "g.sqlite3"), teachers=1,
                              progress=lambda done, total, stage: seen.append((done, total, stage)))
    try:
        assert summary.teachers == 1 and summary.offices == 1
        assert seen and seen[-1][0] == seen[-1][1] and all(t == seen[0][1] for _d, t, _s in seen)
        assert [d for d, _t, _s in seen] == sorted(d for d, _t, _s in seen)
        assert all(stage for _d, _t, stage in seen)
    finally:
        database.dispose()
