"""The Assessments section (Қорытынды аттестаттау / Итоговая аттестация, п.27-31): choose a cohort that has
started, enter its listeners' results in one grid (with the external assessor of a long course), import
them from .xlsx or print the blank file, and for one listener a retake (п.30) or an expulsion (п.31)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, format_date
from pedesk.models.enums import AssessmentKind, EnrolmentStatus
from pedesk.services.access import Action
from pedesk.services.assessments import (
    AssessmentCohortRow,
    AssessmentSheet,
    AssessorInput,
    SheetRow,
    assessment_sheet,
    assessor_choices,
    kind_label,
    page_assessment_cohorts,
    record_results,
    write_results_template,
)
from pedesk.services.common import Problem, ProgressCallback, ValidationError
from pedesk.ui.assessments.assessor import AssessorBox
from pedesk.ui.assessments.model import (
    LATEST,
    MAXIMUM,
    PASSED,
    SCORE,
    ResultsModel,
    kind_text,
    results_table,
)
from pedesk.ui.assessments.results_import import FOLDER_KEY, ResultsImportDialog
from pedesk.ui.assessments.retake import RetakeDialog
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.actions import StatusDialog
from pedesk.ui.schedule.programmes import kind_name
from pedesk.ui.widgets.editors import OK_COLOUR, note_label
from pedesk.ui.widgets.forms import ERROR_STYLE, ListPage
from pedesk.ui.widgets.paged_model import Column, PagedTableModel
from pedesk.ui.widgets.permissions import require
from pedesk.ui.widgets.records import get_date, optional_date_edit, set_date
from pedesk.ui.widgets.tables import fit_to_contents
from pedesk.ui.window_settings import window_settings

__all__ = ["AssessmentsPage"]

COHORT_COLUMNS = (
    Column(N_("Cohort"), lambda row: row.code),
    Column(N_("Programme"), lambda row: row.programme),
    Column(N_("Dates"), lambda row: _("{start} – {end}").format(start=format_date(row.start),
                                                                end=format_date(row.end))),
    Column(N_("Course"), lambda row: kind_name(row.kind)),
    Column(N_("Results entered"), lambda row: _("{results} of {listeners}").format(
        results=row.results, listeners=row.listeners)),
)
BUTTONS = (("save", N_("Save results")), ("import", N_("Import from xlsx…")), ("template", N_("Blank template…")),
           ("retake", N_("Retake…")), ("expel", N_("Expel…")))
PROBLEMS_HEIGHT = 110  # px: the list of problems scrolls rather than squeezing the grid
CHECK_BOX_ROOM = 44  # px beside the text of the Passed column
SCORE_WIDTH = 80
LATEST_WIDTH = 260
MAX_COLUMN = 420  # px: a long programme title must not push the other columns away
REFRESH_KINDS = ("cohort", "enrolment", "assessment", "certificate", "provider", "teacher")

EXPEL_TITLE = N_("Expel the listener (п.31)")


class AssessmentsPage(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.sheet: AssessmentSheet | None = None
        self.dialog: Any = None
        self.heading = QLabel()

        def query(session: Session, text: str, offset: int, limit: int) -> list[AssessmentCohortRow]:
            return page_assessment_cohorts(session, text, offset, limit, today=context.today(), lang=context.lang)

        self.cohorts = ListPage(context, N_("Cohorts"), PagedTableModel(context.database, query, COHORT_COLUMNS),
                                kinds=REFRESH_KINDS)
        self.cohorts.heading.hide()
        cohorts_layout = self.cohorts.layout()
        if cohorts_layout is not None:
            cohorts_layout.setContentsMargins(0, 0, 0, 0)  # in line with the sheet below
        # the same cohort chosen again (its list refreshed) keeps what was typed; another one starts afresh
        self.cohorts.table.selectionModel().currentRowChanged.connect(lambda *_args: self.load_sheet(keep_changes=True))
        self.cohorts.model.modelReset.connect(self._reselect)
        self.chosen_cohort: int | None = None
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.cohorts)
        splitter.addWidget(self._build_sheet())
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([230, 570])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        context.language_changed.connect(self.retranslate)
        context.data_changed.connect(self._on_data_changed)
        self.retranslate()
        self._fit_cohort_columns()
        self.load_sheet()

    def _fit_cohort_columns(self) -> None:
        fit_to_contents(self.cohorts.table, MAX_COLUMN)

    def _build_sheet(self) -> QWidget:
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.assessor = AssessorBox(compact=True)
        self.model = ResultsModel()
        self.table = results_table(self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.update_buttons())
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.problems_area = QScrollArea()
        self.problems_area.setWidget(self.problems)
        self.problems_area.setWidgetResizable(True)
        self.problems_area.setFrameShape(QFrame.Shape.NoFrame)
        self.problems_area.setMaximumHeight(PROBLEMS_HEIGHT)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.info)
        layout.addLayout(self._build_date_row())
        layout.addWidget(self.assessor)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems_area)
        layout.addLayout(self._build_buttons())
        return holder

    def _build_date_row(self) -> QFormLayout:
        self.held_on = optional_date_edit()
        self.held_on_label = QLabel()
        self.held_on_error = QLabel()
        self.held_on_error.setStyleSheet(ERROR_STYLE)
        self.held_on_error.setWordWrap(True)
        self.held_on_note = note_label()
        dated = QWidget()
        box = QVBoxLayout(dated)
        box.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        line.addWidget(self.held_on)
        line.addWidget(self.held_on_note, 1)
        box.addLayout(line)
        box.addWidget(self.held_on_error)
        row = QFormLayout()
        row.addRow(self.held_on_label, dated)
        return row

    def _build_buttons(self) -> QHBoxLayout:
        self.buttons: dict[str, QPushButton] = {}
        actions = {"save": self.save_results, "import": self.import_results, "template": self.write_template,
                   "retake": self.retake, "expel": self.expel}
        row = QHBoxLayout()
        for key, _text in BUTTONS:
            self.buttons[key] = QPushButton()
            self.buttons[key].clicked.connect(lambda _checked=False, act=actions[key]: act())
            row.addWidget(self.buttons[key])
            if key == "template":  # the listener's actions stand apart, on the right
                row.addStretch(1)
        require(self.context, Action.ASSESSMENTS, self.buttons["save"], self.buttons["import"], self.buttons["retake"])
        require(self.context, Action.ENROLMENT, self.buttons["expel"])
        return row

    # the cohort ----------------------------------------------------------------------------------------
    def cohort_id(self) -> int | None:
        value = self.cohorts.selected_id()
        return value if isinstance(value, int) else None

    def select_cohort(self, cohort_id: int) -> bool:
        for row, record in enumerate(self.cohorts.model.rows):
            if record.id == cohort_id:
                self.cohorts.table.selectRow(row)
                self.cohorts.table.scrollTo(self.cohorts.model.index(row, 0))
                return True
        return False

    def _reselect(self) -> None:
        if self.chosen_cohort is not None and not self.select_cohort(self.chosen_cohort):
            self.load_sheet()

    def load_sheet(self, *, keep_changes: bool = False) -> None:
        cohort_id = self.cohort_id()
        if cohort_id != self.chosen_cohort:
            keep_changes = False
        self.chosen_cohort = cohort_id
        self.sheet = None
        choices: list[tuple[int, str]] = []
        if cohort_id is not None:
            with self.context.database.reading() as session:
                self.sheet = assessment_sheet(session, cohort_id, lang=self.context.lang, today=self.context.today())
                choices = assessor_choices(session, cohort_id, lang=self.context.lang)
        self.model.set_sheet(self.sheet, keep_changes=keep_changes)
        if not keep_changes:
            self._fill_form(choices)
        self.clear_problems()
        self._describe()
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN))
        wide = self.table.fontMetrics().horizontalAdvance(_("not passed")) + CHECK_BOX_ROOM
        self.table.setColumnWidth(PASSED, max(self.table.columnWidth(PASSED), wide))
        self.table.setColumnWidth(LATEST, min(self.table.columnWidth(LATEST), LATEST_WIDTH))  # the tooltip has it all
        for column in (SCORE, MAXIMUM):  # room to type a score such as 85,5
            self.table.setColumnWidth(column, max(self.table.columnWidth(column), SCORE_WIDTH))
        self.update_buttons()

    def _fill_form(self, choices: list[tuple[int, str]]) -> None:
        sheet = self.sheet
        external = sheet is not None and sheet.cohort.assessment_kind == AssessmentKind.EXTERNAL
        self.assessor.setVisible(external)
        if sheet is None:
            set_date(self.held_on, None)
            return
        today = self.context.today()
        set_date(self.held_on, sheet.held_on or (sheet.cohort.end if sheet.cohort.end <= today else None))
        if external:
            self.assessor.fill(choices, sheet.assessor or AssessorInput())

    def _describe(self) -> None:
        sheet = self.sheet
        if sheet is None:
            self.info.setText(_("Choose a cohort above: its listeners and their results appear here."))
            self.held_on_note.clear()
            return
        cohort = sheet.cohort
        self.info.setText(_("<b>{code}</b> — {programme}. A {kind} course, {start} – {end}, run by {provider}. "
                            "Final assessment: {assessment}.").format(
            code=cohort.code, programme=cohort.programme, kind=kind_text(cohort.kind),
            start=format_date(cohort.start), end=format_date(cohort.end), provider=cohort.provider,
            assessment=kind_label(cohort.assessment_kind)))
        self.held_on_note.setText(_("On or after the last day of the course ({end}); for the rows being saved.").format(
            end=format_date(cohort.end)))

    def selected_row(self) -> SheetRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.enrolment_at(index.row())

    def update_buttons(self) -> None:
        has_cohort = self.sheet is not None
        row = self.selected_row()
        for key in ("save", "import", "template"):
            self.buttons[key].setEnabled(has_cohort)
        self.buttons["retake"].setEnabled(row is not None and row.can_retake)
        self.buttons["expel"].setEnabled(row is not None and row.status == EnrolmentStatus.IN_TRAINING)

    def _on_data_changed(self, kind: str) -> None:
        if kind in REFRESH_KINDS and not self.model.has_changes:
            self.load_sheet()

    # problems ------------------------------------------------------------------------------------------
    def clear_problems(self) -> None:
        self.model.show_problems(())
        self.assessor.clear_problems()
        self.held_on_error.clear()
        self.held_on_error.hide()
        self.problems.clear()
        self.problems_area.hide()

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        """Each problem under its field, on its line of the grid (red, with the text in the tooltip), and
        every one in the list under the grid."""
        self.clear_problems()
        rest = self.assessor.show_problems(self.model.show_problems(problems))
        dated = [problem.message for problem in rest if problem.field == "held_on" and problem.row is None]
        if dated:
            self.held_on_error.setText("\n".join(dated))
            self.held_on_error.show()
        lines = [problem.message for problem in problems]
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.setText(_("Nothing was saved. Please check:") + "\n" + "\n".join(f"• {line}" for line in lines))
        self.problems_area.show()

    def _say(self, text: str) -> None:
        self.problems.setStyleSheet(f"color: {OK_COLOUR};")
        self.problems.setText(text)
        self.problems_area.show()

    # actions -------------------------------------------------------------------------------------------
    def inputs(self) -> tuple[Any, AssessorInput | None]:
        """The date and, for a long course, the external assessor as the form holds them."""
        external = self.sheet is not None and self.sheet.cohort.assessment_kind == AssessmentKind.EXTERNAL
        return get_date(self.held_on), self.assessor.value() if external else None

    def save_results(self) -> bool:
        if self.sheet is None:
            return False
        held_on, assessor = self.inputs()
        results = self.model.results()
        try:
            if held_on is None:
                raise ValidationError.single("held_on", _(
                    "Date of the assessment: enter the day the final assessment was held."))
            with self.context.database.transaction(user=self.context.user) as session:
                record_results(session, self.sheet.cohort.id, results, held_on=held_on, assessor=assessor,
                               today=self.context.today())
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return False
        self.model.set_sheet(None)  # saved: nothing is pending, and the signals below reload the sheet
        self.context.changed("assessment")
        self.context.changed("enrolment")
        self._say(_("Saved: {count} results.").format(count=len(results)))
        return True

    def _show(self, dialog: Any) -> Any:
        self.dialog = dialog
        dialog.open()
        return dialog

    def import_results(self) -> Any:
        if self.sheet is None:
            return None
        return self._show(ResultsImportDialog(self.context, self.sheet.cohort.id, self.inputs, self))

    def retake(self) -> Any:
        row = self.selected_row()
        if self.sheet is None or row is None:
            return None
        return self._show(RetakeDialog(self.context, self.sheet, row, self))

    def expel(self) -> Any:
        row = self.selected_row()
        if row is None:
            return None
        dialog = StatusDialog(self.context, row.enrolment_id, self)
        index = dialog.status.findData(EnrolmentStatus.EXPELLED.value)
        if index >= 0:
            dialog.status.setCurrentIndex(index)
            dialog.status.setEnabled(False)
        dialog.title_source = EXPEL_TITLE
        dialog.setWindowTitle(_(EXPEL_TITLE))
        return self._show(dialog)

    def write_template(self) -> bool:
        sheet = self.sheet
        if sheet is None:
            return False
        settings = window_settings()
        folder = Path(str(settings.value(FOLDER_KEY, "") or ""))
        name = _("results-{code}.xlsx").format(code=sheet.cohort.code)
        title = _("Save the blank template of results")
        chosen, _filter = QFileDialog.getSaveFileName(self, title, str(folder / name), _("Excel workbooks (*.xlsx)"))
        if not chosen:
            return False
        path = Path(chosen) if chosen.lower().endswith(".xlsx") else Path(chosen + ".xlsx")
        settings.setValue(FOLDER_KEY, str(path.parent))
        context, cohort_id, lang = self.context, sheet.cohort.id, self.context.lang

        def work(_progress: ProgressCallback) -> Path:
            with context.database.reading() as session:
                return write_results_template(session, cohort_id, path, lang=lang)

        def done(written: Path) -> None:
            QMessageBox.information(self, title, _("The template was saved to {path}. Fill in the results and "
                                                   "import it with Import from xlsx….").format(path=written))

        context.runner.run(work, on_done=done, parent=self, title=title, writes=False)
        return True

    # language ------------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        self.heading.setText("<h2>{}</h2>".format(_("Final assessment")))
        self.held_on_label.setText(_("Date of the assessment"))
        for key, text in BUTTONS:
            self.buttons[key].setText(_(text))
        self.cohorts.search.setPlaceholderText(_("Find a cohort by code or programme…"))
        self.model.retranslate()
        self.assessor.retranslate()
        if _lang:
            self._fit_cohort_columns()
            self.load_sheet(keep_changes=True)
        else:
            self._describe()

