"""The Post-course section's forms: a work of post-course support (add or correct, п.36), a monitoring visit of
one of the three years (п.37) and the final analysis at their end (п.35)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from pedesk.i18n import _
from pedesk.models.enums import SupportKind
from pedesk.models.support import MonitoringRecord, PostCourseWork
from pedesk.services.access import Action
from pedesk.services.rules import FINAL_ANALYSIS_YEAR
from pedesk.services.support import (
    KIND_LABELS,
    RESULT_LABELS,
    MonitoringData,
    WorkData,
    record_final_analysis,
    record_monitoring,
    record_work,
    update_work,
)
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import combo, combo_value, fill_combo
from pedesk.ui.widgets.forms import FormDialog
from pedesk.ui.widgets.records import get_date, optional_date_edit

__all__ = ["KIND_LABELS", "RESULT_LABELS", "MonitoringDialog", "WorkDialog"]

def _text_edit(text: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(72)
    return edit


class WorkDialog(FormDialog):
    """Add a work to a certificate, or correct ``work`` (works are corrected, never deleted)."""

    ACTION = Action.SUPPORT

    def __init__(self, context: AppContext, certificate_id: int, work: PostCourseWork | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, _("Correct the work") if work else _("Add a work"), parent)
        self.certificate_id = certificate_id
        self.work_id = work.id if work else None
        self.kind = combo(30)
        fill_combo(self.kind, [(kind.value, _(label)) for kind, label in KIND_LABELS.items()],
                   work.kind.value if work else SupportKind.INDEPENDENT_WORK.value)
        self.held_on = optional_date_edit(work.held_on if work else None)
        self.title = QLineEdit(work.title if work else "")
        self.place = QLineEdit(work.place if work else "")
        self.evidence = _text_edit(work.evidence if work else "")
        self.remote = QCheckBox(_("Held remotely"))
        self.remote.setChecked(bool(work and work.remote))
        self.add_field("kind", _("Kind"), self.kind)
        self.add_field("held_on", _("Held on"), self.held_on)
        self.add_field("title", _("Title"), self.title)
        self.add_field("place", _("Where held"), self.place)
        self.add_field("evidence", _("Evidence"), self.evidence)
        self.add_field("remote", None, self.remote)

    def data(self) -> WorkData:
        return WorkData(kind=combo_value(self.kind), held_on=get_date(self.held_on), title=self.title.text(),
                        place=self.place.text(), evidence=self.evidence.toPlainText(),
                        remote=self.remote.isChecked())

    def save(self) -> Any:
        today = self.context.today()
        with self.context.database.transaction() as session:
            if self.work_id is None:
                return record_work(session, self.certificate_id, self.data(), today=today).id
            return update_work(session, self.work_id, self.data(), today=today).id


class MonitoringDialog(FormDialog):
    """Record (or correct) the monitoring visit of year ``year_no``, or with year 0 the final analysis (п.35)."""

    ACTION = Action.SUPPORT

    def __init__(self, context: AppContext, certificate_id: int, year_no: int,
                 record: MonitoringRecord | None = None, parent: QWidget | None = None) -> None:
        final = year_no == FINAL_ANALYSIS_YEAR
        title = _("Final analysis after three years of monitoring") if final else _("Monitoring, year {n}").format(
            n=year_no)
        super().__init__(context, title, parent)
        self.certificate_id, self.year_no = certificate_id, year_no
        self.done_on = optional_date_edit(record.done_on if record else None)
        self.method = QLineEdit(record.method if record else "")
        self.done_by = QLineEdit(record.done_by if record else "")
        self.findings = _text_edit(record.findings if record else "")
        self.result_box = combo(30)
        fill_combo(self.result_box, [(result.value, _(label)) for result, label in RESULT_LABELS.items()],
                   record.result.value if record and record.result else None, empty=" ")
        if final:
            self.findings.setFixedHeight(120)
            self.add_field("done_on", _("Date of the analysis"), self.done_on)
            self.add_field("method", _("Method (optional)"), self.method)
            self.add_field("done_by", _("Done by"), self.done_by)
            self.add_field("findings", _("Changes in the teacher's practice over the three years"), self.findings)
            self.add_field("result", _("Overall result"), self.result_box)
        else:
            self.add_field("done_on", _("Date of the visit"), self.done_on)
            self.add_field("method", _("Method"), self.method)
            self.add_field("done_by", _("Done by"), self.done_by)
            self.add_field("findings", _("Changes in the teacher's practice"), self.findings)
            self.add_field("result", _("Result"), self.result_box)

    def data(self) -> MonitoringData:
        return MonitoringData(done_on=get_date(self.done_on), method=self.method.text(),
                              done_by=self.done_by.text(), findings=self.findings.toPlainText(),
                              result=combo_value(self.result_box))

    def save(self) -> Any:
        with self.context.database.transaction() as session:
            if self.year_no == FINAL_ANALYSIS_YEAR:
                return record_final_analysis(session, self.certificate_id, self.data(), today=self.context.today()).id
            return record_monitoring(session, self.certificate_id, self.year_no, self.data(),
                                     today=self.context.today()).id
