"""The rows of a department's list whose IIN the registry holds under another surname, name, patronymic or
date of birth: both versions side by side and, per row, what to do with it (leave it out, keep the registry's
record, take the file's). Nothing is chosen for the user: a row stays out until a choice is made."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _
from pedesk.services.enrolment import Choice, ListenerRow

__all__ = ["ConflictsTable"]

HEADERS = (N_("Row"), N_("IIN"), N_("In the registry"), N_("In the file"), N_("What to do"))
CHOICES = ((Choice.LEAVE_OUT, N_("Leave the row out")), (Choice.KEEP_REGISTRY, N_("Keep the registry's record")),
           (Choice.TAKE_FILE, N_("Take the file's record")))
FIELDS = {"surname": N_("Surname"), "name": N_("First name"), "patronymic": N_("Patronymic"),
          "birth_date": N_("Date of birth")}


class ConflictsTable(QWidget):
    """A tab with one line per conflicting row in ``table``; ``choices()`` by Excel row. A choice outlives a new
    reading of the same file (the reason edited, the language changed) as long as the row holds the same IIN.
    (A widget around the table, so that the preview's tabs leave its column widths alone.)"""

    choice_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.rows: tuple[ListenerRow, ...] = ()
        self.combos: dict[int, QComboBox] = {}
        self._chosen: dict[tuple[int, str], Choice] = {}
        self.table = QTableWidget(0, len(HEADERS))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,) * 2
                                      + (QHeaderView.ResizeMode.Stretch,) * 2
                                      + (QHeaderView.ResizeMode.ResizeToContents,)):
            header.setSectionResizeMode(column, mode)
        self.retranslate()

    def set_conflicts(self, rows: tuple[ListenerRow, ...]) -> None:
        self.rows = rows
        self._fill()

    def choices(self) -> dict[int, Choice]:
        return {row.row: self._chosen.get((row.row, row.data.iin), Choice.LEAVE_OUT) for row in self.rows}

    def choose(self, row: int, choice: Choice) -> None:
        """Set the choice of an Excel row, as the user does with its list."""
        combo = self.combos[row]
        combo.setCurrentIndex(combo.findData(choice.value))

    def _fill(self) -> None:
        self.combos = {}
        self.table.setRowCount(len(self.rows))
        for line, row in enumerate(self.rows):
            texts = (str(row.row), row.data.iin, self._side(row, "registry"), self._side(row, "file"))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(line, column, item)
            self.table.setCellWidget(line, len(texts), self._combo(row))
        self.table.resizeRowsToContents()

    @staticmethod
    def _side(row: ListenerRow, side: str) -> str:
        return "\n".join(f"{_(FIELDS[conflict.field])}: {conflict.shown(side)}"  # type: ignore[arg-type]
                         for conflict in row.conflicts)

    def _combo(self, row: ListenerRow) -> QComboBox:
        combo = QComboBox()
        for choice, text in CHOICES:
            combo.addItem(_(text), choice.value)
        key = (row.row, row.data.iin)
        combo.setCurrentIndex(combo.findData(self._chosen.get(key, Choice.LEAVE_OUT).value))

        def chosen(_index: int) -> None:
            self._chosen[key] = Choice(combo.currentData())
            self.choice_changed.emit()

        combo.currentIndexChanged.connect(chosen)
        self.combos[row.row] = combo
        return combo

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_(text) for text in HEADERS])
        self._fill()
