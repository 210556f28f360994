"""What the Settings, Reference data and Programmes screens share: combo boxes filled from the reference
lists, a small read-only table model, a form dialog whose labels follow the language, and a list tab with
filters and Add / Edit buttons."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QWidget,
)
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _
from pedesk.services.access import Action
from pedesk.services.common import Problem
from pedesk.services.reference import list_districts, list_regions, load_office_settings
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.forms import ListPage, TranslatedForm
from pedesk.ui.widgets.paged_model import Index, PagedTableModel
from pedesk.ui.widgets.tables import MAX_LIST_COLUMN, fit_to_contents

ERROR_COLOUR = "#b00020"
OK_COLOUR = "#166534"
MUTED_COLOUR = "#6b7280"
NOTE_STYLE = f"color: {MUTED_COLOUR};"

Item = tuple[Any, str]  # (the id stored in the combo box, the text shown)
Stored = TypeVar("Stored")


def in_language(kk: str, ru: str, lang: str) -> str:
    """The Kazakh text in Kazakh, else the Russian one (there is no English name), else the other."""
    first, second = (kk, ru) if lang == "kk" else (ru, kk)
    return first or second


def yes(value: bool) -> str:
    """A tick column: "Yes" or nothing, so that the marked rows stand out."""
    return _("Yes") if value else ""


def note_label(text: str = "") -> QLabel:
    """A grey explanatory line that wraps (Kazakh sentences are long)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


# --- Combo boxes -------------------------------------------------------------------------------------------


def fill_combo(combo: QComboBox, items: Iterable[Item], selected: Any = None, empty: str | None = None) -> None:
    """Put ``items`` into ``combo`` (after an ``empty`` first item meaning None, when given), keeping
    ``selected`` chosen; no signals are sent while filling."""
    combo.blockSignals(True)
    combo.clear()
    if empty is not None:
        combo.addItem(empty, None)
    for value, text in items:
        combo.addItem(text, value)
    index = combo.findData(selected) if selected is not None else -1
    combo.setCurrentIndex(index if index >= 0 else 0 if combo.count() else -1)
    combo.blockSignals(False)


def combo_value(combo: QComboBox) -> Any:
    return combo.currentData() if combo.currentIndex() >= 0 else None


def region_items(context: AppContext, session: Session) -> list[Item]:
    """The regions as they are named today, in the current language."""
    return [(item.id, item.name) for item in list_regions(session, context.today(), context.lang)]


def district_items(context: AppContext, session: Session, region_id: int | None) -> list[Item]:
    if region_id is None:
        return []
    return [(item.id, item.name) for item in list_districts(session, region_id, context.lang)]


def office_region_id(context: AppContext) -> int | None:
    """The own office's region (the usual choice for new records), None before Settings are saved."""
    with context.database.reading() as session:
        settings = load_office_settings(session)
    return settings.region_id if settings else None


def combo(minimum_chars: int = 0) -> QComboBox:
    """A combo box that grows with its longest item instead of cutting Kazakh names."""
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(minimum_chars)
    return box


class GreyInactiveModel(PagedTableModel):
    """A paged model whose rows with ``active`` False are shown greyed."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            row = self.row_at(index.row())
            if row is not None and not getattr(row, "active", True):
                return QColor(MUTED_COLOUR)
        return super().data(index, role)


# --- A form dialog whose labels follow the language ----------------------------------------------------------


class EditorDialog(TranslatedForm):
    """A form dialog for one record: ``collect()`` reads the form into the service's dataclass, which the
    service's ``checker(session, data, record_id)`` checks and ``saver(session, data, record_id)`` stores
    (class attributes). Saving runs in one transaction and then announces ``kind`` through
    ``context.changed``. Labels, hints, titles and shown problems follow a language switch."""

    kind = ""
    checker: Callable[[Session, Any, int | None], list[Problem]] | None = None
    saver: Callable[[Session, Any, int | None], Any] | None = None

    def __init__(self, context: AppContext, title: str, record_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(context, title, parent)
        self.record_id = record_id
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.check_texts: dict[QCheckBox, str] = {}
        self.showing_problems = False

    def field(self, key: str, label: str, widget: Any, hint: str = "") -> Any:
        """Add ``widget`` under the English ``label``; problems named ``key`` appear under it; ``hint`` (English)
        is a line edit's placeholder. A check box takes the whole row and carries the label itself (a separate
        label would squeeze Kazakh texts)."""
        if not isinstance(widget, QCheckBox):
            return super().field(key, label, widget, hint)
        self.add_field(key, None, widget)
        self.check_texts[widget] = label
        return widget

    def load(self, get: Callable[[Session, int], Stored | None], empty: Stored) -> Stored:
        """The stored record (``get(session, record_id)``), else ``empty``: a new one, or one gone meanwhile."""
        if self.record_id is None:
            return empty
        with self.context.database.reading() as session:
            data = get(session, self.record_id)
        return data or empty

    # saving --------------------------------------------------------------------------------------------
    def collect(self) -> Any:
        raise NotImplementedError

    def check(self, session: Session, data: Any) -> list[Problem]:
        assert self.checker is not None
        return self.checker(session, data, self.record_id)

    def store(self, session: Session, data: Any) -> int:
        assert self.saver is not None
        return int(self.saver(session, data, self.record_id).id)

    def save(self) -> Any:
        data = self.collect()
        with self.context.database.transaction(user=self.context.user) as session:
            saved = self.store(session, data)
        self.context.changed(self.kind)
        return saved

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        super().show_problems(problems)
        self.showing_problems = bool(problems)

    def clear_problems(self) -> None:
        super().clear_problems()
        self.showing_problems = False

    # language ------------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        for check, source in self.check_texts.items():
            check.setText(_(source))
        if self.showing_problems:  # the shown problems were worded in the old language
            with self.context.database.reading() as session:
                self.show_problems(tuple(self.check(session, self.collect())))


# --- A list tab with filters and Add / Edit ------------------------------------------------------------------


class EditableListTab(ListPage):
    """A ListPage without its heading (the tab says it), with filter combos beside the search field and
    Add / Edit buttons that open ``make_editor()`` (Add needs ``ACTION``). The query reads ``filters`` (set
    before this ``__init__``), which the combos of ``filter_combo`` keep; subclasses refill them in
    ``refill_filters``. ``SEARCH_HINT`` (English) says what the search finds."""

    SEARCH_HINT = ""
    #: what adding and saving a record does in the permission table (None: anyone)
    ACTION: Action | None = None
    filters: dict[str, Any]

    def __init__(self, context: AppContext, title: str, model: PagedTableModel, kinds: tuple[str, ...]) -> None:
        self.ready = False
        super().__init__(context, title, model, kinds)
        self.heading.hide()
        self.filter_labels: list[tuple[QLabel, str]] = []
        self.filter_boxes: dict[str, QComboBox] = {}
        self.filter_row = QHBoxLayout()
        page_layout = self.layout()
        assert page_layout is not None
        first = page_layout.itemAt(0)
        top = first.layout() if first is not None else None
        assert isinstance(top, QHBoxLayout)
        top.insertLayout(0, self.filter_row)
        top.setStretch(top.indexOf(self.heading), 0)
        self.editor: EditorDialog | None = None
        self.add_record = self.add_button(N_("Add…"), lambda: self.open_editor(None), self.ACTION)
        self.edit_record = self.add_button(N_("Edit…"), self.edit_selected)
        self.activated.connect(lambda record_id: record_id is not None and self.open_editor(record_id))
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.update_buttons())
        self.model.modelReset.connect(self.update_buttons)
        self.update_buttons()

    def add_filter(self, label: str, widget: QWidget, on_change: Callable[[], Any]) -> None:
        text = QLabel(_(label))
        self.filter_labels.append((text, label))
        self.filter_row.addWidget(text)
        self.filter_row.addWidget(widget)
        if isinstance(widget, QComboBox):
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            widget.currentIndexChanged.connect(lambda _index: on_change())

    def filter_combo(self, key: str, label: str, minimum_chars: int,
                     on_change: Callable[[], Any] | None = None) -> QComboBox:
        """A combo box under the English ``label`` whose chosen id is ``filters[key]`` (None: all); a change
        reads every filter combo into ``filters`` and filters the list, unless ``on_change`` is given."""
        box = combo(minimum_chars)
        self.filter_boxes[key] = box
        self.add_filter(label, box, on_change or self.filters_changed)
        return box

    def filters_changed(self) -> None:
        for key, box in self.filter_boxes.items():
            self.filters[key] = combo_value(box)
        self.apply_filter()

    def finish(self) -> None:
        """Call at the end of a subclass's ``__init__``: fills the filters and translates the tab."""
        self.ready = True
        self.retranslate()

    def update_buttons(self) -> None:
        self.edit_record.setEnabled(self.table.selectionModel().hasSelection() and self.selected_id() is not None)

    def edit_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.open_editor(record_id)

    def make_editor(self, record_id: int | None) -> EditorDialog:
        raise NotImplementedError

    def open_editor(self, record_id: int | None) -> EditorDialog:
        editor = self.make_editor(record_id)
        editor.accepted.connect(lambda: self.select_id(editor.saved_id))
        self.editor = editor
        editor.open()
        return editor

    def select_id(self, record_id: Any) -> None:
        for row, record in enumerate(self.model.rows):
            if getattr(record, "id", None) == record_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return

    def refill_filters(self) -> None:
        """Fill the filter combos in the current language, keeping the choices."""

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        if not getattr(self, "ready", False):  # ListPage calls this before the tab is built
            return
        for label, source in self.filter_labels:
            label.setText(_(source))
        self.refill_filters()
        if self.SEARCH_HINT:
            self.search.setPlaceholderText(_(self.SEARCH_HINT))
        if _lang:  # names of regions, kinds and levels come from the query in the language
            self.model.refresh()
        fit_to_contents(self.table, MAX_LIST_COLUMN)  # long names must not push the others away
