"""What the Packages pages share: the two small table models (history and consolidation), labels for
directions and outcomes, and the package file dialogs in the last folder used."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QFileDialog, QWidget

from pedesk.i18n import N_, _, current_language, format_datetime, format_number
from pedesk.models.enums import PackageDirection
from pedesk.services.packages import OfficeSummary, PackageLogRow, history_counts, outcome_label
from pedesk.ui.widgets.files import ask_save_file, remember_folder, remembered_folder
from pedesk.ui.widgets.paged_model import Column

Index = QModelIndex | QPersistentModelIndex
FOLDER_KEY = "packages/folder"
ERROR_COLOUR = "#b00020"
WARNING_COLOUR = "#9a3412"
OK_COLOUR = "#166534"
TOTAL_BACKGROUND = "#eef2f7"
PACKAGE_FILTER = N_("Data packages (*.zip)")

def direction_label(direction: PackageDirection) -> str:
    return _("Sent") if direction == PackageDirection.EXPORT else _("Received")


def coverage_text(row: OfficeSummary) -> str:
    return "—" if row.coverage is None else f"{format_number(row.coverage)} %"


HISTORY_COLUMNS = (
    Column(N_("Date"), lambda row: format_datetime(row.at, "short")),
    Column(N_("Direction"), lambda row: direction_label(row.direction)),
    Column(N_("Office"), lambda row: row.office_code or "—"),
    Column(N_("Period"), lambda row: row.period),
    Column(N_("Outcome"), lambda row: outcome_label(row.outcome)),
    Column(N_("Rows"), history_counts),
    Column(N_("File"), lambda row: Path(row.file_name).name),
)

CONSOLIDATION_COLUMNS = (
    Column(N_("Office"), lambda row: _("Total") if row.is_total else row.office_code),
    Column(N_("Name"), lambda row: "" if row.is_total else row.name(current_language())),
    Column(N_("Listeners"), lambda row: format_number(row.listeners), align_right=True),
    Column(N_("Completed"), lambda row: format_number(row.completed), align_right=True),
    Column(N_("Certificates"), lambda row: format_number(row.certificates), align_right=True),
    Column(N_("With post-course works"), lambda row: format_number(row.with_works), align_right=True),
    Column(N_("Coverage"), coverage_text, align_right=True),
    Column(N_("Monitoring due"), lambda row: format_number(row.monitoring_due), align_right=True),
    Column(N_("Monitoring done"), lambda row: format_number(row.monitoring_done), align_right=True),
)


class RowsModel(QAbstractTableModel):
    """A short list of rows held whole (at most a few hundred): the history or the consolidation table."""

    def __init__(self, columns: Sequence[Column]) -> None:
        super().__init__()
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(self.columns):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        total = bool(getattr(row, "is_total", False))
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(row, PackageLogRow):
            return "\n".join(filter(None, [row.file_name, row.receipt_path and _("Receipt: {path}").format(
                path=row.receipt_path), _("SHA-256: {sha}").format(sha=row.sha256) if row.sha256 else ""]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and total:
            return QColor(TOTAL_BACKGROUND)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return _(self.columns[section].header)
        return None

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))


def ask_save_path(parent: QWidget, title: str, file_name: str, file_filter: str, suffixes: tuple[str, ...]) -> Path | None:
    """The save-file dialog in the last folder used for packages; the first suffix is added when the name has
    none of ``suffixes``."""
    return ask_save_file(parent, title, file_name, file_filter, FOLDER_KEY, suffixes)


def ask_package_to_open(parent: QWidget) -> Path | None:
    path, _chosen = QFileDialog.getOpenFileName(parent, _("Import a data package"), remembered_folder(FOLDER_KEY),
                                                _(PACKAGE_FILTER))
    if not path:
        return None
    remember_folder(FOLDER_KEY, Path(path))
    return Path(path)
