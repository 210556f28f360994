"""Building blocks for pages: a list page with search over a paged model, and a form dialog that shows
each problem under its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import _
from pedesk.services.access import Action
from pedesk.services.common import Problem, ValidationError
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.paged_model import PagedTableModel
from pedesk.ui.widgets.permissions import require
from pedesk.ui.widgets.tables import list_table

ERROR_STYLE = "color: #b00020;"
FILTER_DELAY_MS = 120
RESIZE_PRECISION_ROWS = 60  # columns fit the first rows; measuring all of a long list costs a paint


class ListPage(QWidget):
    """A heading, a search field, a table over paged SQL and the page's buttons. A model read in the background
    (its ``runner``) shows "Loading…" under the heading until its rows arrive, or what went wrong."""

    activated = Signal(object)  # the id of the row opened

    def __init__(self, context: AppContext, title: str, model: PagedTableModel, kinds: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.context = context
        self.title_source = title
        self.model = model
        self.heading = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.table = list_table(model)
        self.table.horizontalHeader().setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        self.table.doubleClicked.connect(lambda index: self.activated.emit(model.data(index, Qt.ItemDataRole.UserRole)))
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.search, 1)
        layout.addLayout(top)
        self.busy = QLabel()
        self.busy.setWordWrap(True)
        self.busy.hide()
        layout.addWidget(self.busy)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self._kinds = kinds
        context.language_changed.connect(self.retranslate)
        context.data_changed.connect(self._on_data_changed)
        self.retranslate()
        self._fitted = False
        self.model.loading_changed.connect(self._loading_changed)
        self.model.set_filter("")
        if self.model.runner is None:
            self._fit()

    def _fit(self) -> None:
        self._fitted = True
        self.table.resizeColumnsToContents()

    def _loading_changed(self, loading: bool) -> None:
        problem = self.model.problem if not loading else ""
        self.busy.setStyleSheet(ERROR_STYLE if problem else "")
        self.busy.setText(problem or _("Loading…"))
        self.busy.setVisible(loading or bool(problem))
        if not loading and not self._fitted and self.model.rows:
            self._fit()  # the columns fit the first rows once they arrived

    def add_button(self, text: str, slot: Callable[[], Any], needs: Action | None = None) -> QPushButton:
        """A button under the table; ``needs``: the action of the permission table it does (disabled for a user
        who may not)."""
        button = QPushButton(_(text))
        button.setProperty("source_text", text)
        button.clicked.connect(slot)
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        if needs is not None:
            require(self.context, needs, button)
        return button

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.search.text())

    def selected_id(self) -> Any:
        index = self.table.currentIndex()
        return self.model.data(index, Qt.ItemDataRole.UserRole) if index.isValid() else None

    def retranslate(self, _lang: str = "") -> None:
        self.heading.setText(f"<h2>{_(self.title_source)}</h2>")
        self.search.setPlaceholderText(_("Search…"))
        for i in range(self.buttons.count()):
            widget = self.buttons.itemAt(i).widget()
            if isinstance(widget, QPushButton) and widget.property("source_text"):
                widget.setText(_(widget.property("source_text")))
        self.model.retranslate()

    def _on_data_changed(self, kind: str) -> None:
        if kind in self._kinds:
            self.model.refresh()


class FormDialog(QDialog):
    """A form whose Save runs ``save()`` in one transaction; a ValidationError keeps the dialog open and
    shows every message under its field (or at the top when no field has that key). ``ACTION``: what Save
    does in the permission table; Save stays disabled for a user who may not do it (the form still shows the
    record)."""

    ACTION: Action | None = None

    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.errors: dict[str, QLabel] = {}
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.accepted.connect(self.try_save)
        self.button_box.rejected.connect(self.reject)
        if self.ACTION is not None:
            require(context, self.ACTION, self.button_box.button(QDialogButtonBox.StandardButton.Save))
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(self.form)
        layout.addWidget(self.button_box)
        self.saved_id: Any = None

    def add_field(self, key: str, label: str | None, widget: QWidget) -> QWidget:
        """Add ``widget`` with its error line under it; without a label it takes the whole row (check boxes
        carry their own text, which a separate label column would squeeze)."""
        container = self.field_container(key, widget)
        if label is None:
            self.form.addRow(container)
        else:
            self.form.addRow(label, container)
        return widget

    def field_container(self, key: str, widget: QWidget) -> QWidget:
        """``widget`` with the error line under it that shows the problems named ``key``."""
        container, self.errors[key] = with_error_line(widget)
        return container

    def show_field(self, widget: QWidget, visible: bool) -> None:
        """Show or hide the form's row of ``widget`` (a field added with ``add_field``) with its label."""
        container = widget.parentWidget()
        if container is not None:
            self.form.setRowVisible(container, visible)

    def clear_problems(self) -> None:
        for label in (*self.errors.values(), self.general_error):
            label.clear()
            label.hide()

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        self.clear_problems()
        general = show_under_fields(self.errors, problems)
        if general:
            self.general_error.setText("\n".join(general))
            self.general_error.show()

    def save(self) -> Any:
        """Write the form in the given transaction; return the saved record's id. Raise ValidationError."""
        raise NotImplementedError

    def try_save(self) -> None:
        try:
            self.saved_id = self.save()
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        self.accept()


# --- A form dialog whose labels follow the language ------------------------------------------------------------


class TranslatedForm(FormDialog):
    """A FormDialog that remembers each field's English label, so ``retranslate()`` can reset it; long
    (Kazakh) labels put their field on the next line instead of squeezing it."""

    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(context, _(title), parent)
        self.title_source = title
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.labels: dict[str, tuple[QWidget, str]] = {}
        self.placeholders: dict[QLineEdit | QPlainTextEdit, str] = {}
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        context.language_changed.connect(self.retranslate)

    def field(self, key: str, label: str, widget: QWidget, hint: str = "") -> Any:
        """Add ``widget`` under the English ``label`` with an error line for problems named ``key``; ``hint``
        (English) is a text field's placeholder."""
        if hint and isinstance(widget, QLineEdit | QPlainTextEdit):
            self.placeholders[widget] = hint
        self.add_field(key, _(label), widget)
        container = widget.parentWidget()
        assert container is not None  # add_field put the widget in a container with its error line
        self.labels[key] = (container, label)
        return widget

    def field_label(self, key: str) -> QLabel | None:
        if key not in self.labels:
            return None
        label = self.form.labelForField(self.labels[key][0])
        return label if isinstance(label, QLabel) else None

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        super().show_problems(problems)
        self.fit_height()

    def fit_height(self) -> None:
        """Grow to show every message under the fields (word-wrapped labels need the height for the width)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_(self.title_source))
        for key, (_container, source) in self.labels.items():
            label = self.field_label(key)
            if label is not None:
                label.setText(_(source))
        for edit, source in self.placeholders.items():
            edit.setPlaceholderText(_(source))


def show_under_fields(errors: dict[str, QLabel], problems: tuple[Problem, ...]) -> list[str]:
    """Each problem on the error line of its field (``errors`` by the problems' field keys, several lines
    when a field has several problems); the messages no field has are returned."""
    general: list[str] = []
    for problem in problems:
        label = errors.get(problem.field)
        if label is None:
            general.append(problem.message)
            continue
        label.setText("\n".join(filter(None, [label.text(), problem.message])))
        label.show()
    return general


def with_error_line(*widgets: QWidget) -> tuple[QWidget, QLabel]:
    """``widgets`` one under the other with a hidden error line under them (red, wrapping), and that line."""
    container = QWidget()
    box = QVBoxLayout(container)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    for widget in widgets:
        box.addWidget(widget)
    error = QLabel()
    error.setStyleSheet(ERROR_STYLE)
    error.setWordWrap(True)
    error.hide()
    box.addWidget(error)
    return container, error
