"""The audit trail as people read it: who changed what and when, why, the old and the new values; filtered by
user, kind of record and dates, a page at a time, and written to an Excel workbook."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, format_datetime, pgettext
from pedesk.models import AuditEntry
from pedesk.services.common import put_cell, write_atomically

EXPORT_LIMIT = 1_000_000
#: the kinds of record (tables) as people call them; a table not named here shows its own name
KIND_LABELS = {
    "app_user": N_("user"), "assessment": N_("assessment"), "certificate": N_("certificate"),
    "certificate_duplicate": N_("duplicate of a certificate"), "certificate_print": N_("printing of a certificate"),
    "cohort": N_("cohort"), "cohort_trainer": N_("trainer of a cohort"), "district": N_("district"),
    "enrolment": N_("application (listener)"), "enrolment_document": N_("document of a listener"),
    "monitoring_record": N_("monitoring"), "office": N_("office"), "plan_entry": N_("application for the plan"),
    "post_course_work": N_("post-course work"), "previous_course": N_("earlier course"),
    "printer_offset": N_("printer offsets"), "programme": N_("programme"), "provider": N_("course provider"),
    "region": N_("region"), "schedule_session": N_("lesson of the schedule"), "school": N_("school"),
    "teacher": N_("teacher"), "trainer": N_("trainer"),
}  # more rows than an Excel sheet holds are not written


@dataclass(frozen=True)
class AuditFilter:
    user: str = ""
    entity: str = ""
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    by: str
    os_account: str
    action: str
    entity: str
    entity_id: int | None
    reason: str
    before: str
    after: str

    @property
    def action_label(self) -> str:
        # a record of the log: "added", "changed", "deleted" (the record, neuter in Russian)
        labels = {"insert": pgettext("audit", "added"), "update": pgettext("audit", "changed"),
                  "delete": pgettext("audit", "deleted")}
        return labels.get(self.action, self.action)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at.isoformat(timespec="seconds"), "by": self.by,
                "os_account": self.os_account, "action": self.action, "entity": self.entity,
                "entity_id": self.entity_id, "reason": self.reason,
                "before": json.loads(self.before) if self.before else {},
                "after": json.loads(self.after) if self.after else {}}


def kind_label(entity: str) -> str:
    """A kind of record (a table's name) as people call it."""
    return _(KIND_LABELS[entity]) if entity in KIND_LABELS else entity


def _filtered(query: Select[Any], chosen: AuditFilter) -> Select[Any]:
    if chosen.user:
        query = query.where(AuditEntry.by == chosen.user)
    if chosen.entity:
        query = query.where(AuditEntry.entity == chosen.entity)
    if chosen.start is not None:
        query = query.where(AuditEntry.at >= datetime.combine(chosen.start, time()))
    if chosen.end is not None:
        query = query.where(AuditEntry.at < datetime.combine(chosen.end + timedelta(days=1), time()))
    return query


def count_audit(session: Session, chosen: AuditFilter = AuditFilter()) -> int:  # noqa: B008 - frozen
    return int(session.scalar(_filtered(select(func.count()).select_from(AuditEntry), chosen)) or 0)


def page_audit(session: Session, chosen: AuditFilter = AuditFilter(), *, offset: int = 0,  # noqa: B008
               limit: int = 200) -> list[AuditRow]:
    """The newest changes first."""
    query = _filtered(select(AuditEntry), chosen).order_by(AuditEntry.id.desc()).offset(offset).limit(limit)
    return [AuditRow(entry.id, entry.at, entry.by, entry.os_account, entry.action, entry.entity, entry.entity_id,
                     entry.reason, entry.before, entry.after) for entry in session.scalars(query)]


def audit_choices(session: Session) -> tuple[list[str], list[str]]:
    """The people and the kinds of record that stand in the audit trail, for the filters."""
    people = sorted(name for name in session.scalars(select(AuditEntry.by).distinct()) if name)
    kinds = sorted(session.scalars(select(AuditEntry.entity).distinct()))
    return people, kinds


def last_change(session: Session, entity: str, entity_id: int) -> tuple[str, datetime] | None:
    """Who changed a record last, and when (UTC)."""
    found = session.execute(select(AuditEntry.by, AuditEntry.at).where(
        AuditEntry.entity == entity, AuditEntry.entity_id == entity_id).order_by(AuditEntry.id.desc()).limit(1)).first()
    return (found[0], found[1]) if found else None


def local_time(moment: datetime) -> str:
    """A UTC time of the database as the office's clock shows it."""
    return format_datetime(moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None), "short")


def values_text(data: str) -> str:
    """A JSON object of the log as "field: value" lines."""
    if not data:
        return ""
    values = json.loads(data)
    return "\n".join(f"{key}: {'' if value is None else value}" for key, value in values.items())


def write_audit_xlsx(session: Session, path: Path, chosen: AuditFilter = AuditFilter()) -> int:  # noqa: B008
    """The filtered audit trail into a workbook (newest first); the number of rows written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows: Sequence[AuditRow] = page_audit(session, chosen, limit=EXPORT_LIMIT)
    book = Workbook()
    sheet: Any = book.active
    sheet.title = _("Audit trail")
    headers = (_("When"), _("Who"), _("OS account"), _("What"), _("Kind of record"), _("Record"), _("Reason"),
               _("Old values"), _("New values"))
    for column, header in enumerate(headers, 1):
        put_cell(sheet, 1, column, header).font = Font(bold=True)
    for line, row in enumerate(rows, 2):
        values = (local_time(row.at), row.by, row.os_account, row.action_label, kind_label(row.entity),
                  row.entity_id, row.reason, values_text(row.before), values_text(row.after))
        for column, value in enumerate(values, 1):
            put_cell(sheet, line, column, value, text=isinstance(value, str)).alignment = Alignment(
                wrap_text=column >= 7, vertical="top")
    for letter, width in zip("ABCDEFGHI", (16, 16, 14, 10, 18, 9, 30, 40, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    book.properties.creator = "pedesk"
    write_atomically(path, lambda partial: book.save(partial))
    return len(rows)
