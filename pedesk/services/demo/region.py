"""Demo data: a realistic, deterministic region of teachers, courses and certificates in a new database.

``generate_demo(database, teachers=...)`` fills an empty migrated database with one office's region:
districts, schools, providers, trainers, programmes, teachers, five years of cohorts (and six months
ahead), enrolments, assessments, certificates, post-course support, monitoring and next year's plan.
The same seed and ``today`` give the same rows, apart from created_at/updated_at (the moment the demo
was made). Rows are plain dicts with primary keys assigned here, inserted in batches in one transaction
(see :class:`pedesk.services.demo.base.Writer`), so that 100,000 teachers take well under a minute.
"""

from __future__ import annotations

import gc
import time as clock
import zlib
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from datetime import date, datetime, time

from sqlalchemy import Connection, Integer, func, select, text

from pedesk.i18n import _, format_number
from pedesk.models.base import Base
from pedesk.models.database import Database
from pedesk.models.reference import Region, RegionName
from pedesk.services.access import Action, guarded
from pedesk.services.common import ProgressCallback
from pedesk.services.demo import names
from pedesk.services.demo.base import DemoContext, Writer
from pedesk.services.demo.courses import fill_cohorts, insert_programmes, number_cohorts, plan_cohorts
from pedesk.services.demo.enrolment import write_cohorts, write_enrolments
from pedesk.services.demo.loading import bulk_load, relaxed_journal
from pedesk.services.demo.organisations import (
    write_districts_and_schools,
    write_office,
    write_providers_and_trainers,
)
from pedesk.services.demo.people import make_teachers
from pedesk.services.demo.results import write_certificates, write_plans, write_support

__all__ = ["MAX_TEACHERS", "DemoError", "DemoSummary", "generate_demo", "region_for"]

MAX_TEACHERS = 1_000_000
MAX_OFFICE_CODE = 20
#: SQLite page cache while the demo is written (KiB): the indexes of a large demo stay in memory.
SQLITE_CACHE_KIB = 131_072
#: Tables that must be empty: demo data never mixes with real records.
_MUST_BE_EMPTY = (
    "office", "teacher", "district", "school", "provider", "trainer", "programme", "cohort", "enrolment",
    "certificate", "plan_entry",
)
_REFERENCE_TABLES = (
    "education_level", "course_format", "qualification_category", "trainer_kind", "provider_kind",
    "document_kind",
)


class DemoError(ValueError):
    """Demo data cannot be made: the message (translated) says why and what to do."""


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind were made, and how long it took."""

    offices: int
    districts: int
    schools: int
    providers: int
    trainers: int
    programmes: int
    teachers: int
    previous_courses: int
    cohorts: int
    cohort_trainers: int
    schedule_sessions: int
    enrolments: int
    enrolment_documents: int
    status_changes: int
    assessments: int
    certificates: int
    certificate_counters: int
    post_course_works: int
    monitoring_records: int
    plan_entries: int
    seconds: float

    def counts(self) -> dict[str, int]:
        """Record counts by kind (everything but ``seconds``)."""
        return {key: value for key, value in asdict(self).items() if key != "seconds"}


class _Progress:
    """Progress in per mille over weighted stages."""

    TOTAL = 1000

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.base = 0
        self.width = 0
        self.text = ""

    def stage(self, start: int, end: int, text: str) -> None:
        self.base, self.width, self.text = start, end - start, text
        self.part(0.0)

    def part(self, fraction: float) -> None:
        if self.callback is not None:
            done = self.base + int(self.width * min(max(fraction, 0.0), 1.0))
            self.callback(done, self.TOTAL, self.text)


@guarded(Action.DEMO)
def generate_demo(
    database: Database,
    *,
    teachers: int,
    seed: int = 1,
    office_code: str = "KRG-MK",
    office_name_kk: str | None = None,
    office_name_ru: str | None = None,
    today: date | None = None,
    progress: ProgressCallback | None = None,
) -> DemoSummary:
    """Fill an empty migrated database with a demo region of ``teachers`` teachers (see the module doc).

    Raises :class:`DemoError` (nothing written) when the database already holds data, when ``teachers``
    is not from 1 to 1,000,000 or when the office code is unusable.
    """
    if isinstance(teachers, bool) or not isinstance(teachers, int) or not 1 <= teachers <= MAX_TEACHERS:
        raise DemoError(
            _("The number of teachers must be a whole number from {minimum} to {maximum}, not {count}.").format(
                minimum=1, maximum=format_number(MAX_TEACHERS), count=teachers
            )
        )
    code = office_code.strip()
    if not code or len(code) > MAX_OFFICE_CODE:
        raise DemoError(
            _("The office code must have from 1 to {maximum} characters, for example KRG-MK.").format(
                maximum=MAX_OFFICE_CODE
            )
        )
    started = clock.perf_counter()
    steps = _Progress(progress)
    day = today or date.today()
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived rows: the cycle collector would only slow them down
    try:
        with database.engine.connect() as conn:
            cache_size = None
            if database.is_sqlite:
                conn = conn.execution_options(sqlite_begin="IMMEDIATE")
                cache_size = _sqlite_pragma(conn, "PRAGMA cache_size")
                _sqlite_pragma(conn, f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
            try:
                with relaxed_journal(conn) if database.is_sqlite else nullcontext(), conn.begin():
                    _refuse_unless_empty(conn)
                    ctx = _context(conn, day, seed, code)
                    with bulk_load(conn) if database.is_sqlite else nullcontext():
                        _generate(ctx, teachers, office_name_kk, office_name_ru, steps)
            finally:
                if cache_size is not None:
                    _sqlite_pragma(conn, f"PRAGMA cache_size={cache_size}")
    finally:
        if collecting:
            gc.enable()
    steps.stage(1000, 1000, _("Demo data is ready."))
    counts = ctx.writer.counts
    return DemoSummary(
        offices=counts["office"], districts=counts["district"], schools=counts["school"],
        providers=counts["provider"], trainers=counts["trainer"], programmes=counts["programme"],
        teachers=counts["teacher"], previous_courses=counts["previous_course"], cohorts=counts["cohort"],
        cohort_trainers=counts["cohort_trainer"], schedule_sessions=counts["schedule_session"],
        enrolments=counts["enrolment"], enrolment_documents=counts["enrolment_document"],
        status_changes=counts["status_change"], assessments=counts["assessment"],
        certificates=counts["certificate"], certificate_counters=counts["certificate_counter"],
        post_course_works=counts["post_course_work"], monitoring_records=counts["monitoring_record"],
        plan_entries=counts["plan_entry"], seconds=round(clock.perf_counter() - started, 3),
    )


def _sqlite_pragma(conn: Connection, statement: str) -> int | None:
    """Run a PRAGMA on the driver's connection (outside SQLAlchemy's transaction bookkeeping)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        row = cursor.execute(statement).fetchone()
    finally:
        cursor.close()
    return int(row[0]) if row else None


def _generate(
    ctx: DemoContext, teachers: int, office_name_kk: str | None, office_name_ru: str | None, steps: _Progress
) -> None:
    """Every stage, in the order of the foreign keys; rows reach the database through ``ctx.writer``."""
    steps.stage(0, 10, _("Creating the office, its districts and schools"))
    write_office(ctx, ctx.office_code, office_name_kk, office_name_ru)
    write_districts_and_schools(ctx, teachers)
    steps.stage(10, 20, _("Creating providers, trainers and programmes"))
    write_providers_and_trainers(ctx)
    insert_programmes(ctx)
    ctx.writer.flush()
    steps.stage(20, 200, _("Creating teachers"))
    make_teachers(ctx, teachers, steps.part)
    steps.stage(200, 240, _("Planning cohorts and their timetables"))
    pools = plan_cohorts(ctx)
    fill_cohorts(ctx, pools)
    number_cohorts(ctx)
    write_cohorts(ctx)
    steps.stage(240, 560, _("Enrolling teachers and recording final assessments"))
    outcomes = write_enrolments(ctx, steps.part)
    steps.stage(560, 760, _("Issuing certificates"))
    certificates = write_certificates(ctx, outcomes, steps.part)
    steps.stage(760, 960, _("Recording post-course support and monitoring"))
    write_support(ctx, certificates, steps.part)
    steps.stage(960, 995, _("Recording next year's plan of courses"))
    write_plans(ctx)
    ctx.writer.flush()
    _advance_sequences(ctx)


def _advance_sequences(ctx: DemoContext) -> None:
    """PostgreSQL: the ids were given here, so move each table's id sequence past them (SQLite needs
    nothing: it takes the next rowid from the table itself)."""
    conn = ctx.conn
    if conn.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        if ctx.writer.counts.get(table.name) and len(keys) == 1 and isinstance(keys[0].type, Integer):
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{keys[0].name}'), "
                    f"(SELECT COALESCE(MAX({keys[0].name}), 0) + 1 FROM {table.name}), false)"
                )
            )


def _refuse_unless_empty(conn: Connection) -> None:
    for name in _MUST_BE_EMPTY:
        table = Base.metadata.tables[name]
        if conn.execute(select(func.count()).select_from(table)).scalar_one():
            raise DemoError(
                _(
                    "This database already holds data (an office, teachers or courses). Demo data can only "
                    "go into a new, empty database: choose a new database file."
                )
            )


def region_for(office_code: str) -> names.RegionSpec:
    """The demo region of an office code: a known prefix (KRG- is Karaganda), else a checksum of the code."""
    upper = office_code.upper()
    wanted = next((region for prefix, region in names.REGION_PREFIXES if upper.startswith(prefix)), None)
    if wanted is None:
        return names.REGIONS[zlib.crc32(upper.encode("utf-8")) % len(names.REGIONS)]
    return next(spec for spec in names.REGIONS if spec.code == wanted)


def _context(conn: Connection, today: date, seed: int, office_code: str) -> DemoContext:
    refs: dict[str, dict[str, int]] = {}
    for name in _REFERENCE_TABLES:
        table = Base.metadata.tables[name]
        refs[name] = {str(row.code): int(row.id) for row in conn.execute(select(table.c.code, table.c.id))}
    spec = region_for(office_code)
    region_id = conn.execute(select(Region.id).where(Region.code == spec.code)).scalar_one()
    region_names = conn.execute(
        select(RegionName.name_kk, RegionName.name_ru)
        .where(RegionName.region_id == region_id)
        .order_by(RegionName.valid_from.desc().nulls_last())
    ).first()
    assert region_names is not None
    return DemoContext(
        conn, Writer(conn), today, seed, office_code, spec, region_id, region_names[0], region_names[1], refs,
        # records are entered "now" as the demo sees it: noon of its day (the same seed, the same data)
        datetime.combine(today, time(12, 0)),
    )
