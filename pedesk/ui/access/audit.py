"""The Audit page (Аудит): every change the audit trail recorded, newest first: when, who (and the computer's
account), what, the kind of record and its id, the reason; the old and the new values of the chosen change under
the list. Filters by user, kind of record and dates; Export to Excel writes the filtered trail in the background."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, ngettext
from pedesk.services import access
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import ERROR_COLOUR, combo, combo_value, fill_combo
from pedesk.ui.widgets.files import ask_save_file, tell_saved
from pedesk.ui.widgets.paged_model import Column, PagedTableModel
from pedesk.ui.widgets.records import get_date, optional_date_edit
from pedesk.ui.widgets.tables import list_table
from pedesk.ui.widgets.tasks import TaskHandle

__all__ = ["AuditPage"]

FOLDER_KEY = "audit/folder"
COLUMNS = (
    Column(N_("When"), lambda row: access.local_time(row.at)),
    Column(N_("Who"), lambda row: row.by),
    Column(N_("OS account"), lambda row: row.os_account),
    Column(N_("What"), lambda row: row.action_label),
    Column(N_("Kind of record"), lambda row: access.kind_label(row.entity)),
    Column(N_("Record"), lambda row: row.entity_id, align_right=True),
    Column(N_("Reason"), lambda row: row.reason),
)
COLUMN_WIDTHS = (130, 120, 150, 90, 170, 70)  # the reason takes the rest


class AuditPage(QWidget):
    """Filters on top, the paged trail, the chosen change's old and new values, Export to Excel."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.chosen = access.AuditFilter()
        self.stale = False
        self.handle: TaskHandle | None = None
        self.heading = QLabel()
        self.labels = {key: QLabel() for key in ("user", "kind", "start", "end")}
        self.user, self.kind = combo(16), combo(18)
        self.start, self.end = optional_date_edit(), optional_date_edit()
        self.count = QLabel()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self.export())
        filters = QHBoxLayout()
        for key, widget in (("user", self.user), ("kind", self.kind), ("start", self.start), ("end", self.end)):
            self.labels[key].setBuddy(widget)
            filters.addWidget(self.labels[key])
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count)
        filters.addWidget(self.export_button)
        self.model = PagedTableModel(context.database, self._page, COLUMNS)
        self.table = list_table(self.model, wrap=False)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self.show_values())
        self.model.modelReset.connect(self.show_values)
        self.captions = {key: QLabel() for key in ("before", "after")}
        self.values = {key: QPlainTextEdit() for key in ("before", "after")}
        panes = QHBoxLayout()
        for key in ("before", "after"):
            self.values[key].setReadOnly(True)
            self.values[key].setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            pane = QVBoxLayout()
            pane.addWidget(self.captions[key])
            pane.addWidget(self.values[key], 1)
            panes.addLayout(pane, 1)
        below = QWidget()
        below.setLayout(panes)
        panes.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self.fill_choices()
        for box in (self.user, self.kind):
            box.currentIndexChanged.connect(lambda _index: self.apply_filter())
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _date: self.apply_filter())
        context.language_changed.connect(self.retranslate)
        context.data_changed.connect(self._data_changed)
        self.retranslate()
        self.apply_filter()

    # the trail ----------------------------------------------------------------------------------------
    def _page(self, session: Session, _text: str, offset: int, limit: int) -> list[access.AuditRow]:
        return access.page_audit(session, self.chosen, offset=offset, limit=limit)

    def fill_choices(self) -> None:
        """The people and the kinds of record in the trail, keeping the choices."""
        with self.context.database.reading() as session:
            people, kinds = access.audit_choices(session)
        fill_combo(self.user, [(name, name) for name in people], combo_value(self.user), _("All users"))
        fill_combo(self.kind, [(kind, access.kind_label(kind)) for kind in kinds], combo_value(self.kind), _("All kinds"))

    def current_filter(self) -> access.AuditFilter:
        start: date | None = get_date(self.start)
        end: date | None = get_date(self.end)
        return access.AuditFilter(user=combo_value(self.user) or "", entity=combo_value(self.kind) or "",
                                  start=start, end=end)

    def apply_filter(self) -> None:
        self.chosen = self.current_filter()
        self.model.set_filter("")
        with self.context.database.reading() as session:
            total = access.count_audit(session, self.chosen)
        self.count.setText(ngettext("{count} change", "{count} changes", total).format(count=total))

    def refresh(self) -> None:
        self.stale = False
        self.fill_choices()
        self.apply_filter()

    def _data_changed(self, _kind: str) -> None:
        if self.isVisible():  # every change adds to the trail: read it again when it is seen
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def selected(self) -> access.AuditRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def show_values(self) -> None:
        row = self.selected()
        self.values["before"].setPlainText(access.values_text(row.before) if row is not None else "")
        self.values["after"].setPlainText(access.values_text(row.after) if row is not None else "")

    # export -------------------------------------------------------------------------------------------
    def export(self) -> TaskHandle | None:
        target = ask_save_file(self, _("Export the audit trail"), f"audit-{self.context.today().isoformat()}.xlsx",
                               _("Excel workbook (*.xlsx)"), FOLDER_KEY, (".xlsx",))
        if target is None:
            return None
        return self.export_to(target)

    def export_to(self, target: Path) -> TaskHandle:
        database, chosen = self.context.database, self.chosen

        def work(progress: Any) -> int:
            progress(0, 0, _("Writing the audit trail…"))
            with database.reading() as session:
                return access.write_audit_xlsx(session, target, chosen)

        self.status.hide()
        self.export_button.setEnabled(False)
        self.handle = self.context.runner.run(
            work, on_done=lambda count: self._exported(target, count), on_problem=self._failed, parent=self,
            title=_("Export the audit trail"), writes=False)
        self.handle.done.connect(lambda: self.export_button.setEnabled(True))
        return self.handle

    def _exported(self, target: Path, count: int) -> None:
        text = ngettext("{count} change was written to {path}.", "{count} changes were written to {path}.",
                        count).format(count=count, path=target)
        tell_saved(self, _("Export the audit trail"), text, target)

    def _failed(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    # language -----------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        self.heading.setText("<h2>{}</h2>".format(_("Audit trail")))
        for key, text in (("user", N_("User:")), ("kind", N_("Kind of record:")), ("start", N_("From")),
                          ("end", N_("To"))):
            self.labels[key].setText(_(text))
        self.captions["before"].setText("<b>{}</b>".format(_("Old values")))
        self.captions["after"].setText("<b>{}</b>".format(_("New values")))
        self.export_button.setText(_("Export to Excel…"))
        if _lang:
            self.fill_choices()  # "All users" in the new language
            self.apply_filter()
        self.model.retranslate()
