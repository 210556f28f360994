"""Read-only tables: a model of plain rows under translated headers, the view over it, and columns fitted to
their texts without one long text pushing the others away."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from pedesk.i18n import _
from pedesk.ui.widgets.paged_model import Index

__all__ = ["MAX_LIST_COLUMN", "StaticTableModel", "fit_columns", "fit_to_contents", "list_table", "read_only_table"]

MIN_COLUMN_CAP = 240  # px: the narrowest a capped table column gets
MAX_LIST_COLUMN = 320  # px: the widest a list's column starts


class StaticTableModel(QAbstractTableModel):
    """Rows of texts under translated headers (English sources); ``colour`` paints every row's text."""

    def __init__(self, headers: Sequence[str], colour: str | None = None) -> None:
        super().__init__()
        self.headers = list(headers)
        self.rows: list[tuple[str, ...]] = []
        self.colour = QColor(colour) if colour else None

    def set_rows(self, rows: Iterable[Sequence[object]]) -> None:
        self.beginResetModel()
        self.rows = [tuple("" if value is None else str(value) for value in row) for row in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(self.headers):
            return None
        row = self.rows[index.row()]
        text = row[index.column()] if index.column() < len(row) else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.ForegroundRole and self.colour is not None:
            return self.colour
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return _(self.headers[section])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def retranslate(self) -> None:
        if self.headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)


def read_only_table(model: QAbstractTableModel) -> QTableView:
    """A table of whole-row selection over ``model`` whose long texts wrap."""
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def list_table(model: QAbstractTableModel, *, wrap: bool = True) -> QTableView:
    """A ``read_only_table`` in which one row is chosen at a time and the columns are resized by hand;
    ``wrap`` False keeps every row to one line."""
    table = read_only_table(model)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(wrap)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


FIT_ROWS = 200
"""Columns and row heights fit the first rows only."""


def fit_columns(view: QWidget | None) -> None:
    """Columns as wide as their texts but no wider than a third of the table; longer texts wrap."""
    if not isinstance(view, QTableView):
        return
    view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)  # measuring every row of a region costs seconds
    view.resizeColumnsToContents()
    widest = max(MIN_COLUMN_CAP, view.viewport().width() // 3)
    for column in range(view.model().columnCount()):
        view.setColumnWidth(column, min(view.columnWidth(column), widest))
    for row in range(min(view.model().rowCount(), FIT_ROWS)):  # the rows a user sees first; the rest keep one line
        view.resizeRowToContents(row)


def fit_to_contents(table: QTableView, widest: int, keep: tuple[int, ...] = ()) -> None:
    """Columns as wide as their texts, none wider than ``widest`` px; the columns in ``keep`` are left as wide
    as their texts."""
    table.resizeColumnsToContents()
    for column in range(table.model().columnCount()):
        if column not in keep:
            table.setColumnWidth(column, min(table.columnWidth(column), widest))
