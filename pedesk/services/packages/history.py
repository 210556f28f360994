"""History of the semi-annual data packages (п.17): the packages sent and received (the package log), what
each one carried or what its import did, the import run in one transaction, and where its receipt was saved.
No Qt.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, format_number, ngettext
from pedesk.models import PackageLog
from pedesk.models.database import Database
from pedesk.models.enums import PackageDirection
from pedesk.services.access import Action, guarded
from pedesk.services.common import ProgressCallback
from pedesk.services.packages.outcomes import ImportSummary
from pedesk.services.packages.overview import period_label

__all__ = [
    "OUTCOME_KINDS",
    "PackageLogRow",
    "history_counts",
    "outcome_label",
    "package_history",
    "record_receipt",
    "run_import",
]

OUTCOME_KINDS = ("added", "updated", "unchanged", "conflicts", "rejected")
"""What an import did to the rows of a package, in the order the summary lists them."""

#: The log's outcomes as the export and the import write them, with the English words shown for them.
OUTCOMES = {"exported": N_("exported"), "consolidated": N_("exported, all offices"), "applied": N_("imported"),
            "conflicts": N_("imported with conflicts")}


def outcome_label(outcome: str) -> str:
    return _(OUTCOMES[outcome]) if outcome in OUTCOMES else outcome


@dataclass(frozen=True)
class PackageLogRow:
    """A package sent (export) or received (import), with what it carried or what its import did.

    ``sheets`` is the rows per sheet of an export; ``totals`` sums the summary: for an export {"rows": n},
    for an import the rows per outcome (see :data:`OUTCOME_KINDS`)."""

    id: int
    at: datetime
    direction: PackageDirection
    by: str
    file_name: str
    sha256: str
    office_code: str
    period_from: date | None
    period_to: date | None
    outcome: str
    receipt_path: str
    sheets: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def period(self) -> str:
        if self.period_from is None or self.period_to is None:
            return ""
        return period_label(self.period_from, self.period_to)

    def as_json(self) -> dict[str, object]:
        return {"at": self.at.isoformat(timespec="seconds"), "direction": self.direction.value, "by": self.by,
                "file": self.file_name, "sha256": self.sha256, "office": self.office_code,
                "period": {"from": _iso(self.period_from), "to": _iso(self.period_to), "label": self.period},
                "outcome": self.outcome, "sheets": self.sheets, "totals": self.totals,
                "receipt": self.receipt_path or None}


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def package_history(session: Session, limit: int = 200) -> list[PackageLogRow]:
    """The packages sent and received, newest first (at most ``limit``)."""
    logs = session.scalars(select(PackageLog).order_by(PackageLog.at.desc(), PackageLog.id.desc()).limit(limit))
    return [_log_row(log) for log in logs]


def history_counts(row: PackageLogRow) -> str:
    """"1,234 rows" for a package sent; "added 3, updated 2, conflicts 1" (the kinds that happened) for one
    received."""
    if row.direction == PackageDirection.EXPORT:
        rows = row.totals.get("rows", 0)
        return ngettext("{rows} row", "{rows} rows", rows).format(rows=format_number(rows))
    words = {"added": _("added {count}"), "updated": _("updated {count}"), "unchanged": _("unchanged {count}"),
             "conflicts": _("conflicts {count}"), "rejected": _("rejected {count}")}
    parts = [words[kind].format(count=format_number(row.totals[kind])) for kind in OUTCOME_KINDS
             if row.totals.get(kind)]
    return ", ".join(parts) or _("no rows")


def _counts(value: object) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {str(key): int(count) for key, count in value.items() if isinstance(count, int)}


def _log_row(log: PackageLog) -> PackageLogRow:
    try:
        summary = json.loads(log.summary or "{}")
    except ValueError:
        summary = {}
    if not isinstance(summary, dict):
        summary = {}
    if log.direction == PackageDirection.EXPORT:
        sheets = _counts(summary.get("counts"))
        totals = {"rows": sum(sheets.values())}
    else:
        per_kind = {kind: _counts(summary.get(kind)) for kind in OUTCOME_KINDS}
        sheets = {}
        for counts in per_kind.values():
            for sheet, count in counts.items():
                sheets[sheet] = sheets.get(sheet, 0) + count
        totals = {kind: sum(counts.values()) for kind, counts in per_kind.items()}
    return PackageLogRow(log.id, log.at, log.direction, log.by, log.file_name, log.sha256, log.office_code,
                         log.period_from, log.period_to, log.outcome, log.receipt_path, sheets, totals)


class _DryRun(Exception):
    def __init__(self, summary: ImportSummary) -> None:
        super().__init__()
        self.summary = summary


@guarded(Action.PACKAGES)
def run_import(database: Database, path: Path, *, today: date, by: str, dry_run: bool = False,
               progress: ProgressCallback | None = None) -> ImportSummary:
    """import_package in one transaction that holds SQLite's write lock from the start; a dry run is always
    rolled back, so it can never change the database. Raises PackageRejected (nothing changed)."""
    from pedesk.services.packages.importing import (
        import_package,  # openpyxl and defusedxml: only when importing
    )

    try:
        with database.transaction(by, immediate=True) as session:
            summary = import_package(session, path, today=today, by=by, dry_run=dry_run, progress=progress)
            if dry_run:
                raise _DryRun(summary)
    except _DryRun as rolled_back:
        return rolled_back.summary
    return summary


@guarded(Action.PACKAGES)
def record_receipt(session: Session, *, sha256: str, path: Path) -> bool:
    """Note where the receipt of the latest import of the package ``sha256`` was saved; False when no import
    of it is logged (a dry run)."""
    log = session.scalars(select(PackageLog).where(PackageLog.direction == PackageDirection.IMPORT,
                                                   PackageLog.sha256 == sha256)
                          .order_by(PackageLog.at.desc(), PackageLog.id.desc()).limit(1)).first()
    if log is None:
        return False
    log.receipt_path = str(path)
    return True
