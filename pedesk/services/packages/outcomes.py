"""The values that the data-package services (п.17) hand to the UI and the CLI: what an export wrote, what an
import did, and why a package was refused. No Qt, no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "Conflict",
    "ExportResult",
    "ImportSummary",
    "PackageProblem",
    "PackageRejected",
]

FORMAT_NAME = "pedesk-package"
"""The ``format`` of every package's manifest."""
FORMAT_VERSION = 1
"""The version of the package format this pedesk writes and reads."""


@dataclass(frozen=True)
class ExportResult:
    """A package written: where, its SHA-256, the rows per sheet, and the period it covers."""

    path: Path
    sha256: str
    counts: dict[str, int]
    start: date
    end: date
    label: str
    office_code: str


@dataclass(frozen=True)
class PackageProblem:
    """One thing wrong with a package: the sheet (or "" for the file itself / the manifest), the row as a
    spreadsheet numbers it (None for the whole sheet or file), the column heading ("" when none) and the
    translated message saying what is wrong and what to do."""

    sheet: str
    row: int | None
    column: str
    message: str

    def as_json(self) -> dict[str, object]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}


class PackageRejected(Exception):
    """The package cannot be imported; nothing was changed. ``problems`` say why."""

    def __init__(self, problems: list[PackageProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(problem.message for problem in problems))


@dataclass(frozen=True)
class Conflict:
    """A record whose natural key exists here with different data that came from another office: kept as it
    is, not overwritten. ``key`` is the natural key as text (an IIN, "KRG-MK / 2026-014", ...); ``fields``
    names the columns that differ; ``source`` is the office the package came from, ``holder`` the office the
    existing record came from."""

    sheet: str
    row: int
    key: str
    fields: tuple[str, ...]
    source: str
    holder: str

    def as_json(self) -> dict[str, object]:
        return {"sheet": self.sheet, "row": self.row, "key": self.key, "fields": list(self.fields),
                "source": self.source, "holder": self.holder}


@dataclass
class ImportSummary:
    """What an import did (or, with ``applied`` False, would do), per sheet: rows added, updated, unchanged,
    left as conflicts and rejected, with the problems and conflicts named."""

    file_name: str
    sha256: str
    office_code: str
    start: date
    end: date
    applied: bool
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    conflicts: dict[str, int] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)
    problems: list[PackageProblem] = field(default_factory=list)
    conflict_list: list[Conflict] = field(default_factory=list)

    @property
    def has_conflicts(self) -> bool:
        return any(self.conflicts.values())

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file_name, "sha256": self.sha256, "office": self.office_code,
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()}, "applied": self.applied,
            "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
            "conflicts": self.conflicts, "rejected": self.rejected,
            "problems": [problem.as_json() for problem in self.problems],
            "conflict_list": [conflict.as_json() for conflict in self.conflict_list],
        }
