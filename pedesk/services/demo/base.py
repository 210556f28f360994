"""Demo data, shared part: the bulk writer, the seeded random streams and the context every stage uses.

Rows are plain dicts with primary keys assigned by the stages, inserted in batches in the order of the
foreign keys, all in the caller's one transaction. Used only by :mod:`pedesk.services.demo.region` and its
``demo_*`` parts.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Date, DateTime, Executable, Float, Numeric, Time
from sqlalchemy.types import TypeEngine

from pedesk.models.base import Base
from pedesk.services.demo.names import RegionSpec
from pedesk.services.rules import add_years_rule

if TYPE_CHECKING:
    from _typeshed import SupportsLenAndGetItem

T = TypeVar("T")
Row = dict[str, Any]
ONE_DAY = timedelta(days=1)
BATCH_ROWS = 20_000

# Cohort phases relative to "today".
FINISHED, RUNNING, SOON, LATER = "finished", "running", "soon", "later"
# Teacher groups: who takes which programmes.
PRESCHOOL, PRIMARY, SECONDARY, COLLEGE = 0, 1, 2, 3
#: Public holidays of Kazakhstan with a fixed date: no classes.
HOLIDAYS = frozenset(
    {(1, 1), (1, 2), (3, 8), (3, 21), (3, 22), (3, 23), (5, 1), (5, 7), (5, 9), (7, 6), (8, 30), (10, 25),
     (12, 16)}
)


class DemoRandom(random.Random):
    """random.Random with quick ``randint``/``choice`` (one ``random()`` call each) and ``weighted``.

    Hundreds of thousands of rows draw millions of numbers; the standard methods' exact uniformity is
    not needed here, their speed is.
    """

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: SupportsLenAndGetItem[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def weighted(self, population: Sequence[T], cumulative: Sequence[float]) -> T:
        """One item, drawn with cumulative weights (see :func:`cumulative`)."""
        return population[bisect(cumulative, self.random() * cumulative[-1])]


def cumulative(weights: Sequence[float]) -> tuple[float, ...]:
    total = 0.0
    out = []
    for weight in weights:
        total += weight
        out.append(total)
    return tuple(out)


#: SQLite: insert through the driver with the values stored as SQLAlchemy would store them (dates as ISO
#: text, decimals as floats), without SQLAlchemy's per-value processing: a quarter of the time of a large
#: demo. Other databases (and the test that compares both ways) use SQLAlchemy Core inserts.
SQLITE_FAST_PATH = True


def _iso_datetime(value: datetime) -> str:
    return value.isoformat(" ", "microseconds")


def _iso_time(value: time) -> str:
    return value.isoformat("microseconds")


def _iso_date(value: date) -> str:
    return value.isoformat()


def _converter(column_type: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    """How SQLAlchemy's SQLite dialect stores a Python value of this column type (None: as it is)."""
    if isinstance(column_type, DateTime):
        return _iso_datetime
    if isinstance(column_type, Date):
        return _iso_date
    if isinstance(column_type, Time):
        return _iso_time
    if isinstance(column_type, Numeric) and not isinstance(column_type, Float):
        return float
    return None


#: table -> the row's own date that says when the record was made (the first one set is used)
_MADE_ON: dict[str, tuple[str, ...]] = {
    "enrolment": ("applied_on",), "assessment": ("held_on",), "certificate": ("issue_date",),
    "post_course_work": ("held_on",), "monitoring_record": ("done_on",), "plan_entry": ("received_on",),
}
#: table -> the row's own date of its last change, when later than when it was made
_CHANGED_ON: dict[str, tuple[str, ...]] = {"certificate": ("annul_order_date",), "plan_entry": ("forwarded_on",)}


def _first_date(row: Row, names: tuple[str, ...]) -> datetime | None:
    for name in names:
        value = row.get(name)
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day, 10, 0)
    return None


def stamp_when_it_happened(table: str, row: Row) -> None:
    """Demo records are stamped with the day they would have been entered (an application on the day it
    came in, a certificate on its issue date), never later than the demo's "now", so that a half-year's data
    package (п.17) holds that half-year's records."""
    now = row.get("created_at")
    made = _first_date(row, _MADE_ON.get(table, ()))
    if not isinstance(now, datetime) or made is None:
        return
    made = min(made, now)
    changed = _first_date(row, _CHANGED_ON.get(table, ()))
    row["created_at"] = made
    row["updated_at"] = min(max(made, changed), now) if changed else made


class Writer:
    """Buffers rows per table and inserts them in batches (executemany), parents before children."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.tables = {table.name: table for table in Base.metadata.sorted_tables}
        self.order = [table.name for table in Base.metadata.sorted_tables]
        self.buffers: dict[str, list[Row]] = {name: [] for name in self.order}
        self.counts: dict[str, int] = dict.fromkeys(self.order, 0)
        self.pending = 0
        self.fast = SQLITE_FAST_PATH and conn.dialect.name == "sqlite"
        self._plans: dict[tuple[str, tuple[str, ...]], tuple[str, list[tuple[int, Callable[[Any], Any]]]]] = {}

    def add(self, table: str, row: Row) -> None:
        """Buffer a row; it reaches the database at the next :meth:`tick` past the batch size."""
        stamp_when_it_happened(table, row)
        self.buffers[table].append(row)
        self.pending += 1

    def tick(self) -> None:
        """A safe point (every row a buffered row refers to is buffered too): flush a full batch."""
        if self.pending >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        """Insert every buffered row, parents first."""
        for name in self.order:
            rows = self.buffers[name]
            if rows:
                self._insert(name, rows)
                self.counts[name] += len(rows)
                self.buffers[name] = []
        self.pending = 0

    def execute(self, statement: Executable, parameters: list[Row]) -> None:
        """Run a statement (executemany) after every row buffered so far."""
        self.flush()
        self.conn.execute(statement, parameters)

    def _insert(self, name: str, rows: list[Row]) -> None:
        if not self.fast:
            self.conn.execute(self.tables[name].insert(), rows)
            return
        keys = tuple(rows[0])
        plan = self._plans.get((name, keys))
        if plan is None:
            quote = self.conn.dialect.identifier_preparer.quote
            table = self.tables[name]
            sql = (f"INSERT INTO {quote(name)} ({', '.join(quote(key) for key in keys)}) "
                   f"VALUES ({', '.join('?' for _key in keys)})")
            converters = [(i, convert) for i, key in enumerate(keys)
                          if (convert := _converter(table.c[key].type)) is not None]
            plan = self._plans[(name, keys)] = (sql, converters)
        sql, converters = plan
        data: list[tuple[Any, ...]] = []
        for row in rows:
            values = [row[key] for key in keys]
            for index, convert in converters:
                value = values[index]
                if value is not None:
                    values[index] = convert(value)
            data.append(tuple(values))
        self.conn.exec_driver_sql(sql, data)


@dataclass(frozen=True)
class OfficeInfo:
    id: int
    code: str
    name_kk: str
    name_ru: str
    city_kk: str
    city_ru: str
    head_name: str
    head_position_kk: str
    head_position_ru: str
    acting_name: str
    acting_position_kk: str
    acting_position_ru: str
    authorised_body_kk: str
    authorised_body_ru: str
    administration_kk: str
    administration_ru: str


@dataclass(frozen=True)
class ProviderInfo:
    id: int
    role: str
    name_kk: str
    name_ru: str
    address_kk: str
    address_ru: str
    #: who signs the certificates of the cohorts it delivers (п.29, п.32): (name, position kk, position ru) of
    #: the head and of the acting head, and its city; empty for the office (its Settings sign) and abroad
    head: tuple[str, str, str] = ("", "", "")
    acting: tuple[str, str, str] = ("", "", "")
    city_kk: str = ""
    city_ru: str = ""


@dataclass(frozen=True)
class ProgrammeInfo:
    id: int
    code: str
    title_kk: str
    title_ru: str
    hours: int
    kind: str
    level: str
    format: str
    abroad: bool
    months: int | None
    language_course: bool
    direction: str
    groups: tuple[int, ...]
    weight: float


@dataclass(slots=True)
class SchoolInfo:
    id: int
    district: int
    kind: str
    name_kk: str
    name_ru: str


@dataclass(slots=True)
class TeacherInfo:
    id: int
    iin: str
    surname: str
    name: str
    patronymic: str
    lang: str
    group: int
    school: int
    certified_before: bool
    courses: list[tuple[date, date, int]] | None = None

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.name, self.patronymic) if part)


@dataclass(slots=True)
class CohortInfo:
    programme: ProgrammeInfo
    provider: ProviderInfo
    start: date
    end: date
    days: list[tuple[date, int]]
    language: str
    capacity: int
    phase: str
    fill: float
    distance: bool
    forced: bool = False
    #: an upcoming cohort whose list the office has not formed in time (п.12), for the dashboard's warning
    late_list: bool = False
    order: int = 0
    id: int = 0
    code: str = ""
    members: list[int] = field(default_factory=list)
    trainers: list[int] = field(default_factory=list)
    order_no: str = ""
    order_date: date | None = None


@dataclass
class DemoContext:
    conn: Connection
    writer: Writer
    today: date
    seed: int
    office_code: str
    region: RegionSpec
    region_id: int
    region_name_kk: str
    region_name_ru: str
    refs: dict[str, dict[str, int]]
    #: created_at/updated_at of every row: the moment the demo was made (UTC)
    now: datetime
    office: OfficeInfo | None = None
    providers: dict[str, ProviderInfo] = field(default_factory=dict)
    programmes: list[ProgrammeInfo] = field(default_factory=list)
    trainers: list[int] = field(default_factory=list)
    guests: list[int] = field(default_factory=list)
    district_ids: list[int] = field(default_factory=list)
    schools: list[SchoolInfo] = field(default_factory=list)
    teachers: list[TeacherInfo] = field(default_factory=list)
    cohorts: list[CohortInfo] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)
    experts: list[str] = field(default_factory=list)

    def rng(self, stream: str) -> DemoRandom:
        """An independent random stream per part, so that one part's changes leave the others alone."""
        return DemoRandom(f"pedesk-demo:{self.seed}:{stream}")

    @property
    def window_start(self) -> date:
        """The first day of the five years the demo covers."""
        return add_years_rule(self.today, -5)
