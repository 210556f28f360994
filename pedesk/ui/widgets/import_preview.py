"""What the import dialogs share (a department's list of listeners, a list of schools, a cohort's results):
choose the workbook, read it off the UI thread into the preview's tabs (recognised columns, rows, every problem
by row and column) under a status line, and Import; a reading started later wins over one still running."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import _
from pedesk.services.common import ProgressCallback, SheetChoiceNeeded, ValidationError
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import ERROR_COLOUR, OK_COLOUR, note_label
from pedesk.ui.widgets.files import remember_folder, remembered_folder
from pedesk.ui.widgets.tables import StaticTableModel, fit_columns, read_only_table

__all__ = [
    "SPREADSHEET_FILTER", "BackgroundImportDialog", "ImportPreviewDialog", "Tabs", "ask_workbook", "preview_tabs",
    "unexpected",
]

#: What the open-file dialog of an import offers: every format the imports read (python-calamine), .xlsx first.
SPREADSHEET_FILTER = "*.xlsx *.xlsm *.xls *.xlsb *.ods"

#: The preview's tabs: (key, English title with {count}, column headers); one of them is "problems".
Tabs = tuple[tuple[str, str, tuple[str, ...]], ...]
Found = TypeVar("Found")


def preview_tabs(tabs: Sequence[tuple[str, str, Sequence[str]]]
                 ) -> tuple[QTabWidget, dict[str, StaticTableModel], dict[str, QTableView]]:
    """The tabs of an import's preview: a read-only table per ``(key, title, headers)`` (titles are set by the
    dialog's retranslate), the "problems" one in the error colour; a table's long texts wrap once it is shown
    (a hidden table does not know its width)."""
    widget = QTabWidget()
    models: dict[str, StaticTableModel] = {}
    views: dict[str, QTableView] = {}
    for key, _title, headers in tabs:
        models[key] = StaticTableModel(headers, ERROR_COLOUR if key == "problems" else None)
        views[key] = read_only_table(models[key])
        widget.addTab(views[key], "")
    widget.currentChanged.connect(lambda _index: fit_columns(widget.currentWidget()))
    return widget, models, views


def ask_workbook(parent: QWidget, title: str, folder_key: str) -> Path | None:
    """The open-file dialog for a spreadsheet (Excel's .xlsx, .xlsm, .xls and .xlsb, and LibreOffice's .ods),
    in the folder last used under ``folder_key`` (remembered in the window settings)."""
    folder = remembered_folder(folder_key, documents=False)
    filters = ";;".join((_("Spreadsheets ({patterns})").format(patterns=SPREADSHEET_FILTER),
                         _("All files (*)")))
    path, _filter = QFileDialog.getOpenFileName(parent, title, folder, filters)
    if not path:
        return None
    remember_folder(folder_key, Path(path))
    return Path(path)


def unexpected(parent: QWidget, exc: BaseException) -> None:
    """The error box for a failure nobody can mend by editing the file."""
    QMessageBox.critical(parent, _("Something went wrong"),
                         _("The work stopped because of an error; nothing was changed.\n{error}").format(error=exc))


class ImportPreviewDialog(QDialog):
    """The frame of an import: a grey intro, the file chooser (with the dialog's other choices), a status line,
    the tabs of ``TABS`` and the buttons (``CLOSE_BUTTON`` and Import). A subclass lays it out with ``lay_out``,
    reads with ``read_file`` in its ``start_preview`` (passing ``self.sheet`` to the service) and calls
    ``retranslate_frame`` in its ``retranslate``.

    Where several visible sheets of the workbook hold a list, a "Sheet" choice appears under the file: empty,
    with the reason in the status line, when none of them is the active sheet (the service asks with
    ``SheetChoiceNeeded``), else on the sheet that was read; choosing another reads the file again."""

    TABS: Tabs = ()
    FOLDER_KEY = ""  # where the last folder of the open-file dialog is remembered
    CHOOSE_TITLE = ""  # the open-file dialog's title, English source
    FIELD_NAMES: Mapping[str, str] = {}  # what a recognised column is read as, English sources
    CLOSE_BUTTON = QDialogButtonBox.StandardButton.Cancel

    def __init__(self, context: AppContext, parent: QWidget | None, minimum: tuple[int, int], *,
                 selectable_status: bool = True) -> None:
        super().__init__(parent)
        self.context = context
        self.path: Path | None = None
        self.preview: Any = None
        self.generation = 0
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(*minimum)
        self.intro = note_label()
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.choose = QPushButton()
        self.choose.clicked.connect(self.choose_file)
        self.status = QLabel()
        self.status.setWordWrap(True)
        if selectable_status:
            self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self.CLOSE_BUTTON)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        self.tabs, self.models, self.views = preview_tabs(self.TABS)
        self.form_texts: tuple[str, ...] = ()
        self.form_labels: list[QLabel] = []
        self.sheet: str | None = None  # the sheet the user chose; None: the one a person would (see the service)
        self.sheet_label = QLabel()
        self.sheet_choice = QComboBox()
        self.sheet_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_choice.activated.connect(self._sheet_chosen)
        self.sheet_label.setBuddy(self.sheet_choice)
        self.sheet_row = QWidget()
        sheet_layout = QHBoxLayout(self.sheet_row)
        sheet_layout.setContentsMargins(0, 0, 0, 0)
        sheet_layout.addWidget(self.sheet_label)
        sheet_layout.addWidget(self.sheet_choice)
        sheet_layout.addStretch(1)
        self.sheet_row.hide()

    # layout ---------------------------------------------------------------------------------------------
    def file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.choose)
        return row

    def choices_form(self, texts: tuple[str, ...], *fields: QWidget) -> QFormLayout:
        """The file row under the first of ``texts`` (English sources), each of ``fields`` under the next."""
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_texts = texts
        self.form_labels = [QLabel() for _text in texts]
        form.addRow(self.form_labels[0], self.file_row())
        for label, field in zip(self.form_labels[1:], fields, strict=True):
            form.addRow(label, field)
        self.form = form
        return form

    def lay_out(self, choices: QLayout, *below: QWidget) -> None:
        """Intro, ``choices``, status, the tabs (taking the height), ``below`` and the buttons."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(choices)
        layout.addWidget(self.sheet_row)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        for widget in (*below, self.buttons):
            layout.addWidget(widget)

    # the file -------------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = ask_workbook(self, _(self.CHOOSE_TITLE), self.FOLDER_KEY)
        if path is not None:
            self.set_file(path)

    def set_file(self, path: Path) -> None:
        self.path = path
        self.sheet = None  # a new file: its own sheets
        self.offer_sheets((), None)
        self.file.setText(str(path))
        self.start_preview()

    # the sheet ------------------------------------------------------------------------------------------
    def offer_sheets(self, sheets: Sequence[str], current: str | None) -> None:
        """Show the "Sheet" choice with ``sheets`` (on ``current``; none chosen when None) where there are two or
        more to choose from, else hide it."""
        self.sheet_choice.blockSignals(True)
        self.sheet_choice.clear()
        self.sheet_choice.addItems(list(sheets))
        self.sheet_choice.setCurrentIndex(list(sheets).index(current) if current in sheets else -1)
        self.sheet_choice.blockSignals(False)
        self.sheet_row.setVisible(len(sheets) > 1)

    def found_preview(self, found: Any) -> Any:
        """The service's preview in what the background reading answered (a subclass may answer more)."""
        return found

    def _sheet_chosen(self, index: int) -> None:
        chosen = self.sheet_choice.itemText(index) if index >= 0 else None
        if chosen and chosen != self.sheet:
            self.sheet = chosen
            self.start_preview()

    def start_preview(self) -> None:
        raise NotImplementedError

    def run_import(self) -> None:
        raise NotImplementedError

    def read_file(self, work: Callable[[ProgressCallback], Found], done: Callable[[Found], None],
                  failed: Callable[[BaseException], None]) -> None:
        """Run ``work`` (reading ``self.path``) off the UI thread; its answer goes to ``done`` or ``failed``
        unless the file, the choices or the language changed meanwhile (``generation`` grew)."""
        assert self.path is not None
        generation = self.generation
        title = _("Reading {name}…").format(name=self.path.name)
        self.set_status(title)

        def answered(found: Found) -> None:
            if generation == self.generation:
                preview = self.found_preview(found)
                self.offer_sheets(getattr(preview, "sheets", ()), getattr(preview, "sheet", None))
                done(found)

        def refused(exc: BaseException) -> None:
            if generation == self.generation:
                if isinstance(exc, SheetChoiceNeeded):  # several sheets hold a list: the user picks one
                    self.offer_sheets(exc.sheets, None)
                failed(exc)

        self.context.runner.run(work, on_done=answered, on_error=refused, parent=self, title=title, writes=False)

    # the preview ----------------------------------------------------------------------------------------
    def show_tables(self, columns: Iterable[tuple[str, str, str]], problems: Iterable[Any],
                    main: str | None) -> None:
        """Fill the columns and problems tabs, fit every table and show the problems, else ``main``
        (None: keep the tab)."""
        self.fill_columns(columns)
        problems = tuple(problems)
        self.models["problems"].set_rows((problem.row or "", problem.column, problem.message)
                                         for problem in problems)
        for view in self.views.values():
            fit_columns(view)
        if main is not None:
            self.tabs.setCurrentWidget(self.views["problems" if problems else main])

    def fill_columns(self, columns: Iterable[tuple[str, str, str]]) -> None:
        """The recognised columns: (field, letter, header) -> letter, header, what it is read as."""
        self.models["columns"].set_rows((letter, header, _(self.FIELD_NAMES.get(field, field)))
                                        for field, letter, header in columns)

    def set_status(self, text: str, colour: str = "") -> None:
        self.status.setStyleSheet(f"color: {colour};" if colour else "")
        self.status.setText(text)

    # language -------------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        raise NotImplementedError

    def close_text(self) -> str:
        return _("Close")

    def retranslate_frame(self) -> None:
        """The form's labels and the buttons in the current language."""
        for label, text in zip(self.form_labels, self.form_texts, strict=True):
            label.setText(_(text))
        self.sheet_label.setText(_("Sheet:"))
        self.sheet_choice.setPlaceholderText(_("Choose the sheet with the list"))
        self.choose.setText(_("Choose a file…"))
        self.import_button.setText(_("Import"))
        self.buttons.button(self.CLOSE_BUTTON).setText(self.close_text())

    def retitle_tabs(self, counts: Mapping[str, int]) -> None:
        """Each tab's title with its count (0 when not in ``counts``); the problems tab red when there are any."""
        for index, (key, title, _headers) in enumerate(self.TABS):
            self.tabs.setTabText(index, _(title).format(count=counts.get(key, 0)))
            self.models[key].retranslate()
        colour = QColor(ERROR_COLOUR) if counts.get("problems") else self.palette().windowText().color()
        self.tabs.tabBar().setTabTextColor(self.tabs.indexOf(self.views["problems"]), colour)
        fit_columns(self.tabs.currentWidget())  # the headers may have changed language


class BackgroundImportDialog(ImportPreviewDialog):
    """An import written in one transaction off the UI thread (``import_in_background``): Cancel does nothing
    while it runs; then ``result_counts`` holds the service's result, the outcome line says it, the choices and
    Import are done with and Cancel reads Close. Subclasses say when Import may run (``can_import``), which
    fields are frozen with the file button (``choices``) and what the import changed (``changed_kinds``)."""

    def __init__(self, context: AppContext, parent: QWidget | None, minimum: tuple[int, int], *,
                 selectable_status: bool = True) -> None:
        super().__init__(context, parent, minimum, selectable_status=selectable_status)
        self.result_counts: Any = None
        self.importing = False
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setStyleSheet(f"color: {OK_COLOUR}; font-weight: bold;")

    @property
    def idle(self) -> bool:
        """Neither importing nor imported: the file and the choices may still change."""
        return not self.importing and self.result_counts is None

    def can_import(self) -> bool:
        raise NotImplementedError

    def choices(self) -> tuple[QWidget, ...]:
        return ()

    def changed_kinds(self, result: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(self.can_import() and self.idle)
        self.import_button.setVisible(self.result_counts is None)
        for widget in (self.choose, *self.choices()):
            widget.setEnabled(self.idle)

    def _refused(self, exc: BaseException) -> None:
        self.set_status(str(exc), ERROR_COLOUR)
        if isinstance(exc, SheetChoiceNeeded):  # the "Sheet" choice under the file asks; no box in the way
            self.sheet_choice.setFocus()
        elif isinstance(exc, ValidationError):
            QMessageBox.warning(self, _("The file cannot be imported"), str(exc))
        else:
            unexpected(self, exc)

    # import ---------------------------------------------------------------------------------------------
    def may_import(self) -> bool:
        return self.preview is not None and not self.importing and self.import_button.isEnabled()

    def import_in_background(self, work: Callable[[ProgressCallback], Any], title: str) -> None:
        self.importing = True
        self._update_buttons()
        handle = self.context.runner.run(work, on_done=self._imported, on_error=self._import_failed, parent=self,
                                         title=title, writes=True)
        handle.done.connect(self._ended)

    def _ended(self) -> None:
        if self.importing:  # cancelled: the transaction rolled back, nothing was written
            self.importing = False
            self.set_status(_("The import was cancelled; nothing was changed."), ERROR_COLOUR)
            self._update_buttons()

    def _imported(self, result: Any) -> None:
        self.importing = False
        self.result_counts = result
        for kind in self.changed_kinds(result):
            self.context.changed(kind)
        self._update_buttons()
        self.retranslate()

    def _import_failed(self, exc: BaseException) -> None:
        self.importing = False
        self._update_buttons()
        if isinstance(exc, ValidationError):
            QMessageBox.warning(self, _("Nothing was imported"), str(exc))
            self.start_preview()  # the stored records changed meanwhile: check the file anew
        else:
            self.import_crashed(exc)

    def import_crashed(self, exc: BaseException) -> None:
        unexpected(self, exc)

    def reject(self) -> None:
        if self.importing:  # the transaction is running; it ends by itself in a moment
            return
        self.generation += 1  # a preview still reading is forgotten
        super().reject()

    # language -------------------------------------------------------------------------------------------
    def close_text(self) -> str:
        return _("Close") if self.result_counts is not None else _("Cancel")
