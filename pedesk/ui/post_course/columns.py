"""The columns of the Post-course section's lists: the certified listeners, what is due this month or overdue,
the certificates running out within 12 months, and the teachers under 36 academic hours in 5 years."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from pedesk.i18n import N_, _, format_date, ngettext
from pedesk.services.rules import FINAL_ANALYSIS_YEAR, MONITORING_YEARS, WORKS_REQUIRED
from pedesk.services.support import DueItem, SupportedRow
from pedesk.services.teachers import ExpiringCertificate
from pedesk.ui.widgets.editors import ERROR_COLOUR
from pedesk.ui.widgets.paged_model import Column, Index, PagedTableModel

__all__ = ["DUE_COLUMNS", "EXPIRING_COLUMNS", "HOURS_COLUMNS", "OVERDUE_COLOUR", "SUPPORTED_COLUMNS", "OverdueModel"]

OVERDUE_COLOUR = ERROR_COLOUR


def _works(row: SupportedRow) -> str:
    text = f"{row.works_done} / {WORKS_REQUIRED}"
    if row.works_late:
        text += " " + _("(+{n} late)").format(n=row.works_late)
    return text


def _monitoring(row: SupportedRow) -> str:
    text = f"{row.monitoring_done} / {MONITORING_YEARS}"
    return text + " " + _("+ analysis") if row.final_done else text


def _next(row: SupportedRow) -> str:
    return format_date(row.next_monitoring) if row.next_monitoring else _("all done")


SUPPORTED_COLUMNS = (
    Column(N_("Listener"), lambda row: row.holder),
    Column(N_("IIN"), lambda row: row.iin),
    Column(N_("Certificate"), lambda row: row.number),
    Column(N_("Course ended"), lambda row: format_date(row.course_end)),
    Column(N_("Works"), _works, align_right=True),
    Column(N_("Works due"), lambda row: format_date(row.works_due)),
    Column(N_("Monitoring"), _monitoring, align_right=True),
    Column(N_("Next monitoring"), _next),
)


def _what(item: DueItem) -> str:
    if item.kind == "works":
        return _("works: {done} of {required}").format(done=item.works_done, required=WORKS_REQUIRED)
    if item.year_no == FINAL_ANALYSIS_YEAR:
        return _("final analysis after three years")
    return _("monitoring, year {n}").format(n=item.year_no)


DUE_COLUMNS = (
    Column(N_("Due"), lambda item: format_date(item.due)),
    Column(N_("Listener"), lambda item: item.teacher),
    Column(N_("IIN"), lambda item: item.iin),
    Column(N_("Certificate"), lambda item: item.certificate),
    Column(N_("What is due"), _what),
    Column(N_("Overdue"), lambda item: _("overdue") if item.overdue else ""),
)


def _days_left(row: ExpiringCertificate) -> str:
    return ngettext("{n} day", "{n} days", row.days_left).format(n=row.days_left)


EXPIRING_COLUMNS = (
    Column(N_("Valid until"), lambda row: format_date(row.valid_until)),
    Column(N_("Left"), _days_left, align_right=True),
    Column(N_("Teacher"), lambda row: row.holder),
    Column(N_("IIN"), lambda row: row.iin),
    Column(N_("Certificate"), lambda row: row.number),
    Column(N_("Place of work"), lambda row: row.workplace),
    Column(N_("Already on the list of"), lambda row: row.enrolled_in),
)

HOURS_COLUMNS = (
    Column(N_("Teacher"), lambda row: " ".join(part for part in (row.surname, row.name, row.patronymic) if part)),
    Column(N_("IIN"), lambda row: row.iin),
    Column(N_("Hours in 5 years"), lambda row: str(row.hours), align_right=True),
    Column(N_("Place of work"), lambda row: row.workplace),
    Column(N_("Phone"), lambda row: row.phone),
)


class OverdueModel(PagedTableModel):
    """Rows whose ``overdue`` is true are painted red; the user role is the row's certificate (or teacher) id."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            row = self.row_at(index.row()) if index.isValid() else None
            return QColor(OVERDUE_COLOUR) if row is not None and getattr(row, "overdue", False) else None
        if role == Qt.ItemDataRole.UserRole and index.isValid():
            row = self.row_at(index.row())
            return getattr(row, "certificate_id", getattr(row, "id", None)) if row is not None else None
        return super().data(index, role)
