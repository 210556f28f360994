"""What the checks of an incoming data package (п.17) share: the limits, the list of problems found, and the
words that say where a problem is. See :mod:`pedesk.services.packages.validation.check`. No Qt, no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from pedesk.i18n import _, ngettext
from pedesk.services.packages.outcomes import PackageProblem, PackageRejected

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_ENTRY_RATIO",
    "MAX_MANIFEST_BYTES",
    "MAX_PACKAGE_BYTES",
    "MAX_PROBLEMS",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "MAX_WORKBOOK_PARTS",
    "RATIO_CHECKED_FROM",
    "PackageRow",
    "ProblemLog",
    "ask_again",
]

MAX_PACKAGE_BYTES = 200 * 1024 * 1024
"""The package file itself. A region's half-year of 100,000 teachers is about 40 MB."""
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024
"""Everything a package (and, inside it, the workbook) unpacks to, added up. A consolidated package of a
whole 100,000-teacher region's history unpacks to about 850 MB; half-year packages to far less. Zip bombs
are caught by the ratio limit long before this."""
MAX_ENTRY_RATIO = 100
"""How much bigger than its compressed bytes an entry may unpack to. Worksheets compress about 15:1;
a "zip bomb" compresses a thousand to one and more."""
RATIO_CHECKED_FROM = 1024 * 1024
"""Entries that unpack to less than this are too small to harm, whatever their ratio."""
MAX_MANIFEST_BYTES = 1024 * 1024
"""The manifest is about 1.5 KB."""
MAX_WORKBOOK_PARTS = 1000
"""A package's workbook has about twenty parts (one per sheet, styles, relations ...)."""
MAX_ROWS = 1_000_000
"""Data rows per sheet: more than the teachers of the whole country."""
MAX_CELL_CHARS = 100_000
"""The longest text a cell may bring; no field in pedesk holds more."""
MAX_PROBLEMS = 200
"""Problems listed before the rest are only counted: a wholly wrong file would otherwise list millions."""


@dataclass(frozen=True)
class PackageRow:
    """One data row of a package's sheet: ``number`` is the row as a spreadsheet numbers it (3 is the first
    data row); ``values`` maps each column name to its typed value: ``str`` for text ("" when empty), ``int``,
    ``Decimal``, ``date``, ``datetime``, ``bool``, a 12-digit ``str`` for an IIN or BIN, the JSON text for a
    JSON column, and None for any other empty cell."""

    number: int
    values: dict[str, object]


def ask_again() -> str:
    """The usual way out for the receiving office."""
    return _("Ask the office that made the package to export it again and send the new file.")


class ProblemLog:
    """The problems found so far: the first :data:`MAX_PROBLEMS` are kept, the rest only counted."""

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.limit = limit
        self.problems: list[PackageProblem] = []
        self.more = 0

    def __bool__(self) -> bool:
        return bool(self.problems)

    @property
    def full(self) -> bool:
        return len(self.problems) >= self.limit

    def add(self, sheet: str, row: int | None, column: str, message: str) -> None:
        if self.full:
            self.more += 1
        else:
            self.problems.append(PackageProblem(sheet, row, column, message))

    def file(self, message: str) -> None:
        """A problem with the package file or its manifest, not with a sheet."""
        self.add("", None, "", message)

    def rejected(self) -> PackageRejected:
        problems = list(self.problems)
        if self.more:
            problems.append(PackageProblem("", None, "", ngettext(
                "... and {count} more problem, not listed. Correct the ones above first.",
                "... and {count} more problems, not listed. Correct the ones above first.",
                self.more).format(count=self.more)))
        return PackageRejected(problems)

    def stop_if_any(self) -> None:
        """Refuse the package now: used where going on would only pile up consequences of what was found."""
        if self.problems:
            raise self.rejected()

    def stop(self, message: str) -> NoReturn:
        """Refuse the package now with a problem of the whole file."""
        self.file(message)
        raise self.rejected()
