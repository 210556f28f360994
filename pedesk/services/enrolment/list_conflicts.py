"""A department's list against the registry: a row whose IIN the registry holds under another surname, name,
patronymic or date of birth is a conflict, not an update (the file may be right: a married name; or wrong:
a typo, or the IIN of somebody else). The preview shows both versions side by side and the import changes
nothing for such a row until the user chooses: keep the registry's record (and enrol that teacher) or take
the file's (the registry is updated, the audit log keeps the old values). Differences of case and spacing
only (:func:`pedesk.services.common.fold`) are no conflict and change nothing; a field the registry leaves
empty is filled in. Used by :mod:`pedesk.services.enrolment.list_preview` and ``list_import``. No Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from pedesk.i18n import _, format_date
from pedesk.models import Teacher
from pedesk.services.common import CellProblem, ImportColumns, fold
from pedesk.services.teachers import TeacherData

__all__ = [
    "IDENTITY_FIELDS",
    "Choice",
    "RegistryConflict",
    "choices_for",
    "compare_with_registry",
    "conflict_problem",
    "registry_version",
]

IdentityField = Literal["surname", "name", "patronymic", "birth_date"]
IDENTITY_FIELDS: tuple[IdentityField, ...] = ("surname", "name", "patronymic", "birth_date")
"""The fields that tell who a person is, beside the IIN: a list may not change them on its own."""

# The column that holds each identity field, when the list writes the names in one column.
_NAME_FIELDS = ("surname", "name", "patronymic")


class Choice(StrEnum):
    """What the user chose for a conflicting row: leave it out (the default), keep the registry's record, or
    take the file's."""

    LEAVE_OUT = "leave_out"
    KEEP_REGISTRY = "keep_registry"
    TAKE_FILE = "take_file"


@dataclass(frozen=True)
class RegistryConflict:
    """One field where the registry and the file disagree: the ``registry``'s value and the ``file``'s."""

    field: IdentityField
    registry: str | date
    file: str | date

    def shown(self, side: Literal["registry", "file"]) -> str:
        value = getattr(self, side)
        return format_date(value) if isinstance(value, date) else str(value)


def compare_with_registry(
    teacher: Teacher, data: TeacherData
) -> tuple[TeacherData, tuple[RegistryConflict, ...]]:
    """``data`` with the identity fields that differ from ``teacher``'s in case or spacing only set to the
    registry's (so they change nothing), and the conflicts: fields both give and that differ."""
    same: dict[str, Any] = {}
    conflicts: list[RegistryConflict] = []
    for field in IDENTITY_FIELDS:
        mine, stored = getattr(data, field), getattr(teacher, field)
        if mine in (None, "") or stored in (None, "") or mine == stored:
            continue
        if isinstance(mine, str) and isinstance(stored, str) and fold(mine) == fold(stored):
            same[field] = stored
        else:
            conflicts.append(RegistryConflict(field, stored, mine))
    return replace(data, **same) if same else data, tuple(conflicts)


def registry_version(data: TeacherData, conflicts: tuple[RegistryConflict, ...]) -> TeacherData:
    """``data`` with the registry's values of the conflicting fields (the user kept the registry's record)."""
    values: dict[str, Any] = {conflict.field: conflict.registry for conflict in conflicts}
    return replace(data, **values)


def _who(conflicts: tuple[RegistryConflict, ...], side: Literal["registry", "file"]) -> str:
    return "; ".join(f"{_label(conflict.field)} {conflict.shown(side)}" for conflict in conflicts)


def _label(field: str) -> str:
    return {"surname": _("surname"), "name": _("name"), "patronymic": _("patronymic"),
            "birth_date": _("date of birth")}[field]


def conflict_problem(
    columns: ImportColumns, row: int, iin: str, conflicts: tuple[RegistryConflict, ...]
) -> CellProblem:
    """The conflict as a preview and a skipped row report it: "Row 5, column A (ТАӘ): the registry holds the
    IIN ... with surname Ахметова; the file has surname Серікова ..."."""
    field: str = conflicts[0].field
    if field not in columns.index:
        field = "full_name" if field in _NAME_FIELDS and "full_name" in columns.index else "iin"
    return columns.problem(row, field, _(
        "the registry holds the IIN {iin} with {registry}; the file has {file}. Nothing is changed for this row "
        "until you choose which is right: keep the registry's record, or take the file's. If the IIN is wrong, "
        "correct the file."
    ).format(iin=iin, registry=_who(conflicts, "registry"), file=_who(conflicts, "file")))


def choices_for(conflict_rows: tuple[int, ...], choices: Mapping[int, Choice] | Choice) -> dict[int, Choice]:
    """Each conflicting row's choice: ``choices`` by row (missing rows are left out), or one for all."""
    if isinstance(choices, Choice):
        return dict.fromkeys(conflict_rows, choices)
    return {row: choices.get(row, Choice.LEAVE_OUT) for row in conflict_rows}
