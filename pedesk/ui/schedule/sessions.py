"""The rows of a cohort's timetable (Кесте) as a table model: day, time from-to, academic hours, topic,
trainer, room and form; the sessions in a double booking are flagged."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyle

from pedesk.i18n import N_, _, format_date
from pedesk.services.schedule import Conflict, SessionRow
from pedesk.ui.widgets.choices import CONFLICT_BACKGROUND

Index = QModelIndex | QPersistentModelIndex

SESSION_HEADERS = (N_("Day"), N_("Time"), N_("Hours"), N_("Topic"), N_("Trainer"), N_("Room"), N_("Form"))
TOPIC_COLUMN = 3


class SessionTableModel(QAbstractTableModel):
    """The timetable's rows; a row in a double booking is shaded, with a warning icon and the conflict as
    its tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SessionRow] = []
        self.conflicts: dict[int, list[str]] = {}

    def set_rows(self, rows: Sequence[SessionRow], conflicts: Sequence[Conflict]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.conflicts = {}
        for conflict in conflicts:
            for side in (conflict.first, conflict.second):
                self.conflicts.setdefault(side.session_id, []).append(conflict.message)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SESSION_HEADERS)

    def _text(self, row: SessionRow, column: int) -> str:
        values = (
            format_date(row.day, "EEE, d MMM"),
            f"{row.start_time:%H:%M}–{row.end_time:%H:%M}",
            str(row.academic_hours),
            row.topic,
            row.trainer,
            row.room,
            _("distance") if row.distance else _("classroom"),
        )
        return values[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(SESSION_HEADERS):
            return None
        row = self.rows[index.row()]
        problems = self.conflicts.get(row.id, [])
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(problems) if problems else (row.topic or None)
        if role == Qt.ItemDataRole.BackgroundRole and problems:
            return QColor(CONFLICT_BACKGROUND)
        if role == Qt.ItemDataRole.DecorationRole and problems and index.column() == 0:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == 2:
            return _("Academic hours (45 minutes each)")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(SESSION_HEADERS):
            return _(SESSION_HEADERS[section])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(SESSION_HEADERS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(SESSION_HEADERS) - 1))

    def session_at(self, row: int) -> SessionRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
