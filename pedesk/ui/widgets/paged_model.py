"""A thin table model over paged SQL: the first page on a filter change, more pages as the view scrolls.

The rows come from a service's ``page(session, text, offset, limit)``; nothing is kept but the rows already
shown. One page more than asked is never loaded: a page shorter than the page size ends the list. Its base,
``ColumnsModel``, shows any list of rows through ``Column``s. Given a ``runner`` (a list whose query takes
longer than a frame at the region's scale), every page is read off the UI thread: ``loading`` is true (and
``loading_changed`` says so) until the rows arrive; an answer to an older filter than the last is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models.database import Database
from pedesk.ui.widgets.tasks import TaskRunner, problem_text

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
    #: a read started (True) or ended (False); ``problem`` says why when it failed
    loading_changed = Signal(bool)

    def __init__(self, database: Database, query: PageQuery, columns: Sequence[Column],
                 page_size: int = 200, runner: TaskRunner | None = None) -> None:
        super().__init__(columns)
        self.database = database
        self.query = query
        self.page_size = page_size
        self.runner = runner
        self.text = ""
        self.loading = False
        self.problem = ""
        self._generation = 0  # a filter's answer is shown only if no later filter was asked for
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
        if self.runner is not None:
            self._read(text, 0)
            return
        self._show_first(text, self._load_first(text))

    def _show_first(self, text: str, rows: list[Any]) -> None:
        self._resetting = True  # views and testers may ask for more while the reset is announced
        self.beginResetModel()
        self.text = text
        self.rows = rows
        self._shown.clear()
        self._complete = len(rows) < self.page_size
        self.endResetModel()
        self._resetting = False

    def _read(self, text: str, offset: int) -> None:
        """Read a page off the UI thread: the first (a new filter) or the one after the rows shown."""
        assert self.runner is not None
        if offset == 0:
            self._generation += 1
        generation, database, query, size = self._generation, self.database, self.query, self.page_size

        def work(_progress: object) -> list[Any]:
            with database.reading() as session:
                return list(query(session, text, offset, size))

        self._set_loading(True)
        self.runner.run(work, on_done=lambda rows: self._arrived(generation, text, offset, rows),
                        on_error=lambda exc: self._failed(generation, exc), writes=False, show_progress=False)

    def _arrived(self, generation: int, text: str, offset: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return  # a later filter is being read
        if offset == 0:
            self._show_first(text, rows)
        else:
            self._append(rows)
        self.problem = ""
        self._set_loading(False)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.problem = problem_text(exc) or _("The list could not be read: {error}").format(error=exc)
            self._set_loading(False)

    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        self.loading_changed.emit(loading)

    def _load_first(self, text: str) -> list[Any]:
        with self.database.reading() as session:
            return list(self.query(session, text, 0, self.page_size))

    def refresh(self) -> None:
        self.set_filter(self.text)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and not self._complete and not self._resetting and not self.loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if parent.isValid() or self._complete or self._resetting or self.loading:
            return
        if self.runner is not None:
            self._read(self.text, len(self.rows))
            return
        self._append(self._load(len(self.rows)))

    def _append(self, more: list[Any]) -> None:
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
