"""The support report (xlsx) of the Post-course section: a cohort or a period, in Kazakh or Russian; coverage of
the three works and monitoring done against due (the same service as `pedesk support report`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import _
from pedesk.models.database import Database
from pedesk.services.rules import half_year_of, parse_period
from pedesk.services.support import SupportReportSummary, cohorts_with_support, write_support_report
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.choices import date_edit, from_qdate
from pedesk.ui.widgets.editors import combo, combo_value, fill_combo

__all__ = ["ReportRequest", "SupportReportDialog", "write_report"]


@dataclass(frozen=True)
class ReportRequest:
    """What the user chose: a cohort, or a period from ``start`` to ``end``; the document's language."""

    lang: str
    cohort_id: int | None = None
    start: date | None = None
    end: date | None = None

    def file_name(self, today: date) -> str:
        scope = f"cohort_{self.cohort_id}" if self.cohort_id is not None else f"{self.start}_{self.end}"
        return f"support_report_{scope}_{self.lang}_{today.isoformat()}.xlsx"


class SupportReportDialog(QDialog):
    """Choose the scope (a cohort, or a period: the current half-year by default) and the language."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Support report"))
        self.setMinimumWidth(560)
        today = context.today()
        self.by_cohort, self.by_period = QRadioButton(_("A cohort")), QRadioButton(_("A period"))
        group = QButtonGroup(self)
        group.addButton(self.by_cohort)
        group.addButton(self.by_period)
        self.cohort = combo(40)
        with context.database.reading() as session:
            fill_combo(self.cohort, cohorts_with_support(session, context.lang))
        first, last = parse_period(half_year_of(today))
        self.start, self.end = date_edit(first), date_edit(last)
        self.language = combo(12)
        fill_combo(self.language, [("kk", _("Kazakh")), ("ru", _("Russian"))], "ru" if context.lang == "ru" else "kk")
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel("–"))
        period.addWidget(self.end)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow(self.by_cohort, self.cohort)
        form.addRow(self.by_period, period)
        form.addRow(_("Language of the report"), self.language)
        self.note = QLabel(_(
            "A cohort: every certified listener of it, with works and monitoring as of today. A period: the listeners "
            "whose 12 months for the works end in it, and the monitoring due in it, done or not."))
        self.note.setWordWrap(True)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                           | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.button_box)
        self.by_cohort.toggled.connect(self._scope_changed)
        (self.by_cohort if self.cohort.count() else self.by_period).setChecked(True)
        self.by_cohort.setEnabled(self.cohort.count() > 0)
        self._scope_changed()

    def _scope_changed(self) -> None:
        cohort = self.by_cohort.isChecked()
        self.cohort.setEnabled(cohort)
        self.start.setEnabled(not cohort)
        self.end.setEnabled(not cohort)

    def request(self) -> ReportRequest:
        lang = str(combo_value(self.language) or "kk")
        if self.by_cohort.isChecked():
            return ReportRequest(lang, cohort_id=combo_value(self.cohort))
        return ReportRequest(lang, start=from_qdate(self.start.date()), end=from_qdate(self.end.date()))


def write_report(database: Database, today: date, request: ReportRequest, target: Path) -> SupportReportSummary:
    """The work of the background task: the report written by the service."""
    with database.reading() as session:
        return write_support_report(session, target, lang=request.lang, today=today,
                                    cohort_id=request.cohort_id, start=request.start, end=request.end)
