"""A thin table model over paged SQL: the first page on a filter change, more pages as the view scrolls.

The rows come from a service's ``page(session, text, offset, limit)``; nothing is kept but the rows already
shown. One page more than asked is never loaded: a page shorter than the page size ends the list. Its base,
``ColumnsModel``, shows any list of rows through ``Column``s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models.database import Database

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_OWN_ROLES = (Qt.ItemDataRole.UserRole, Qt.ItemDataRole.TextAlignmentRole)
PageQuery = Callable[[Session, str, int, int], Sequence[Any]]


@dataclass(frozen=True)
class Column:
    """A column: its header (an English source string, translated when shown) and how to show a row."""

    header: str
    value: Callable[[Any], object]
    align_right: bool = False


class ColumnsModel(QAbstractTableModel):
    """``rows`` shown through ``columns``: a cell's text is its column's value, right-aligned when the column
    says so, under the column's translated header; ``NUMBERED`` rows show their number in the vertical header.
    Subclasses fill ``rows`` and may answer more roles in ``role_data``."""

    NUMBERED = True

    def __init__(self, columns: Sequence[Column]) -> None:
        super().__init__()
        self.columns = list(columns)
        self.rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(self.columns):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text_of(index, row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self.role_data(row, role)

    def text_of(self, _index: Index, row: Any, column: Column) -> str:
        value = column.value(row)
        return "" if value is None else str(value)

    def role_data(self, _row: Any, _role: int) -> Any:
        """What a row gives for a role other than its text and alignment (None: nothing)."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return _(self.columns[section].header)
        if orientation == Qt.Orientation.Vertical and self.NUMBERED:
            return section + 1
        return None

    def retranslate(self) -> None:
        """Headers and translated cell texts follow the language: repaint them."""
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            last = self.index(len(self.rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class PagedTableModel(ColumnsModel):
    def __init__(self, database: Database, query: PageQuery, columns: Sequence[Column],
                 page_size: int = 200) -> None:
        super().__init__(columns)
        self.database = database
        self.query = query
        self.page_size = page_size
        self.text = ""
        self._complete = True
        self._resetting = False
        self._shown: dict[int, tuple[str, ...]] = {}  # display texts already formatted, per row
        self._plain_roles = type(self).role_data is PagedTableModel.role_data  # no roles of a subclass's own

    # loading -------------------------------------------------------------------------------------
    def _load(self, offset: int) -> list[Any]:
        with self.database.reading() as session:
            return list(self.query(session, self.text, offset, self.page_size))

    def set_filter(self, text: str) -> None:
        """Show the first page of rows matching ``text`` (the service folds case and script)."""
        rows = self._load_first(text)
        self._resetting = True  # views and testers may ask for more while the reset is announced
        self.beginResetModel()
        self.text = text
        self.rows = rows
        self._shown.clear()
        self._complete = len(rows) < self.page_size
        self.endResetModel()
        self._resetting = False

    def _load_first(self, text: str) -> list[Any]:
        with self.database.reading() as session:
            return list(self.query(session, text, 0, self.page_size))

    def refresh(self) -> None:
        self.set_filter(self.text)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and not self._complete and not self._resetting

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if parent.isValid() or self._complete or self._resetting:
            return
        more = self._load(len(self.rows))
        self._complete = len(more) < self.page_size
        if not more:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    # Qt's model interface ---------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == _DISPLAY:  # the role a paint asks of every cell: one lookup in the row's texts
            texts = self._shown.get(index.row())
            if texts is None:
                if not index.isValid() or not 0 <= index.row() < len(self.rows):
                    return None
                texts = self._format(index)
            column = index.column()
            return texts[column] if 0 <= column < len(texts) else None
        if self._plain_roles and role not in _OWN_ROLES:  # the many other roles a paint asks: nothing
            return None
        return super().data(index, role)

    def _format(self, index: Index) -> tuple[str, ...]:
        """The row's texts, formatted (dates via babel) once however often views ask for its cells."""
        row = self.rows[index.row()]
        texts = self._shown[index.row()] = tuple(ColumnsModel.text_of(self, index, row, each) for each in self.columns)
        return texts

    def text_of(self, index: Index, row: Any, column: Column) -> str:
        texts = self._shown.get(index.row()) or self._format(index)
        return texts[index.column()]

    def role_data(self, row: Any, role: int) -> Any:
        return getattr(row, "id", None) if role == Qt.ItemDataRole.UserRole else None

    def retranslate(self) -> None:
        self._shown.clear()
        super().retranslate()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None
