"""What the database already holds, in the package's own terms, and how an incoming row relates to it (п.17).

``existing_rows`` reads every record of a sheet with the exporter's own row query, so a record here and a
row of a package compare column by column in the same form. ``decide`` says whether an incoming row is new,
the same, an update from the office that owns it, or a conflict (another office's different data, or older
data than ours). No Qt.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Literal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pedesk.services.packages.rows import ROW_QUERIES, TABLES
from pedesk.services.packages.spec import SheetSpec

__all__ = ["TECHNICAL", "Decision", "data_columns", "decide", "existing_rows", "norm", "row_key"]

TECHNICAL = ("origin", "created_at", "updated_at")
"""Columns that say where and when a row comes from, not what it holds."""

Decision = Literal["add", "unchanged", "update", "conflict"]


class _Everything:
    """A stand-in for the exporter's selection that takes every record of each sheet."""

    def ids(self, name: str) -> Select[Any]:
        return select(TABLES[name].id)


def norm(kind: str, value: object) -> object:
    """One comparable form of a value of a column ``kind`` (from the database or from a package)."""
    if isinstance(value, Enum):
        value = value.value
    if kind in ("text", "iin", "json"):
        return "" if value is None else str(value).rstrip()
    if value is None or value == "":
        return None
    if kind == "decimal":
        try:
            return Decimal(str(value)).normalize()
        except InvalidOperation:
            return value
    if kind == "datetime" and isinstance(value, datetime):
        return value.replace(microsecond=0)
    if kind == "date" and isinstance(value, datetime):
        return value.date()
    if kind == "bool":
        return bool(value)
    return value


def row_key(spec: SheetSpec, values: dict[str, object]) -> tuple[object, ...]:
    return tuple(norm(spec.column(name).kind, values.get(name)) for name in spec.key)


def data_columns(spec: SheetSpec) -> tuple[str, ...]:
    return tuple(name for name in spec.names if name not in TECHNICAL)


def existing_rows(session: Session, spec: SheetSpec) -> dict[tuple[object, ...], dict[str, object]]:
    """Every record of the sheet here, keyed by its natural key, as the exporter would write it."""
    query = ROW_QUERIES[spec.name](_Everything())  # type: ignore[arg-type]
    rows: dict[tuple[object, ...], dict[str, object]] = {}
    for values in session.execute(query):
        row = {column.name: norm(column.kind, value) for column, value in zip(spec.columns, values, strict=True)}
        rows[row_key(spec, row)] = row
    return rows


def _newer(incoming: object, current: object) -> bool:
    if isinstance(incoming, datetime | date) and isinstance(current, datetime | date):
        return incoming >= current
    return True


def decide(spec: SheetSpec, incoming: dict[str, object], current: dict[str, object] | None,
           own_code: str) -> tuple[Decision, tuple[str, ...]]:
    """What to do with an incoming row, and the columns that differ.

    * no record with its key here: add;
    * the same data: unchanged (the times and the origin do not count);
    * different data from the office the record belongs to, not older than ours: update;
    * otherwise a conflict, left as it is: our own record changed by another office's package, a record
      that came from another office, or older data than ours.
    """
    if current is None:
        return "add", ()
    differ = tuple(name for name in data_columns(spec)
                   if norm(spec.column(name).kind, incoming.get(name)) != current.get(name))
    if not differ:
        return "unchanged", ()
    incoming_origin, current_origin = str(incoming.get("origin") or ""), str(current.get("origin") or "")
    if current_origin != incoming_origin:
        return "conflict", differ
    if not _newer(norm("datetime", incoming.get("updated_at")), current.get("updated_at")):
        return "conflict", differ
    return "update", differ
