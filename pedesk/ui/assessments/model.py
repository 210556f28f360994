"""The grid of a cohort's final assessment: one line per listener with an editable score, maximum and a
"passed" check box for those whose first result can be entered or corrected; the others greyed, with the
reason in their tooltip. Lines changed and not saved yet are tinted; lines with a problem are red."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRegularExpression, Qt
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from pedesk.i18n import N_, _, format_date, format_number
from pedesk.models.enums import CourseKind, RetakeMode
from pedesk.services.assessments import (
    AssessmentSheet,
    AttemptView,
    ResultInput,
    RowAction,
    SheetRow,
    mode_label,
)
from pedesk.services.common import Problem
from pedesk.services.enrolment import status_label
from pedesk.ui.widgets.editors import MUTED_COLOUR
from pedesk.ui.widgets.paged_model import Index

__all__ = ["COLUMNS", "LATEST", "ResultsModel", "ScoreDelegate", "attempt_text", "kind_text", "parse_score", "results_table", "score_text"]

COLUMNS = (N_("Listener"), N_("IIN"), N_("Status"), N_("Score"), N_("Max score"), N_("Passed"),
           N_("Last attempt"), N_("What can be done"))
NAME, IIN, STATUS, SCORE, MAXIMUM, PASSED, LATEST, ACTION = range(len(COLUMNS))
CHANGED_COLOUR = "#fff4cc"
PROBLEM_COLOUR = "#fde2e4"
_SCORE = re.compile(r"^[0-9]{1,4}(?:[.,][0-9]{0,2})?$")
ACTIONS = {RowAction.FIRST: N_("enter the result"), RowAction.WAIT: N_("results from {date}"), RowAction.CORRECT: N_("may be corrected"),
           RowAction.RETAKE: N_("a retake (п.30)"), RowAction.NONE: N_("nothing to enter")}


def parse_score(text: str) -> Decimal | None:
    """A score typed with a comma or a point; None when empty. Raises ValueError for anything else."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if not _SCORE.match(cleaned):
        raise ValueError(cleaned)
    return Decimal(cleaned.replace(",", ".").rstrip("."))


def score_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format_number(value.normalize() if value == value.to_integral_value() else value)


def kind_text(kind: CourseKind) -> str:
    return _("long") if CourseKind(kind) == CourseKind.LONG else _("short")


def attempt_text(attempt: AttemptView | None, *, brief: bool = False) -> str:
    """The attempt as a sentence; ``brief``: a first result only by its date (the grid shows the rest)."""
    if attempt is None:
        return ""
    if brief and attempt.attempt == 1 and attempt.mode == RetakeMode.FIRST:
        return format_date(attempt.held_on)
    result = _("passed") if attempt.passed else _("not passed")
    if attempt.score is not None and attempt.max_score is not None:
        result = _("{result}, {score} of {maximum}").format(result=result, score=score_text(attempt.score),
                                                           maximum=score_text(attempt.max_score))
    return _("attempt {number} ({way}), {date}: {result}").format(
        number=attempt.attempt, way=mode_label(attempt.mode), date=format_date(attempt.held_on), result=result)


@dataclass
class _Line:
    row: SheetRow
    score: str
    maximum: str
    passed: bool | None
    changed: bool = False
    problem: str = ""


def _line(row: SheetRow) -> _Line:
    first = row.first
    if first is None:
        return _Line(row, "", "", None)
    return _Line(row, score_text(first.score), score_text(first.max_score), first.passed)


class ScoreDelegate(QStyledItemDelegate):
    """Scores are typed as numbers with up to two decimals, with a comma or a point."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        editor.setValidator(QRegularExpressionValidator(QRegularExpression(r"^[0-9]{0,4}([.,][0-9]{0,2})?$"), editor))
        return editor


def results_table(model: ResultsModel) -> QTableView:
    """The grid: whole rows selected (for a retake or an expulsion), a score typed over the current cell."""
    table = QTableView()
    table.setModel(model)
    table.setItemDelegate(ScoreDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


class ResultsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[_Line] = []
        self.last_maximum = ""

    def set_sheet(self, sheet: AssessmentSheet | None, *, keep_changes: bool = False) -> None:
        """Show the sheet's rows; ``keep_changes`` keeps what was typed and not saved (a language switch)."""
        kept = {line.row.enrolment_id: line for line in self.lines if line.changed} if keep_changes else {}
        self.beginResetModel()
        self.lines = []
        for row in sheet.rows if sheet is not None else ():
            line = _line(row)
            old = kept.get(row.enrolment_id)
            if old is not None and row.editable:
                line.score, line.maximum, line.passed, line.changed = old.score, old.maximum, old.passed, True
            self.lines.append(line)
        self.endResetModel()

    # the grid's content ------------------------------------------------------------------------------
    def results(self) -> list[ResultInput]:
        """The changed lines as results (``row`` is the line's number, 1-based); a score that is not a
        number was refused while typing."""
        return [
            ResultInput(line.row.enrolment_id, parse_score(line.score), parse_score(line.maximum),
                        line.passed if line.passed is not None else False, row=number)
            for number, line in enumerate(self.lines, start=1) if line.changed
        ]

    @property
    def has_changes(self) -> bool:
        return any(line.changed for line in self.lines)

    def enrolment_at(self, row: int) -> SheetRow | None:
        return self.lines[row].row if 0 <= row < len(self.lines) else None

    def show_problems(self, problems: tuple[Problem, ...]) -> list[Problem]:
        """Mark the lines the problems name (by ``row``); returns the problems of no line."""
        for line in self.lines:
            line.problem = ""
        rest: list[Problem] = []
        for problem in problems:
            if problem.row is not None and 0 < problem.row <= len(self.lines):
                line = self.lines[problem.row - 1]
                line.problem = "\n".join(filter(None, [line.problem, problem.message]))
            else:
                rest.append(problem)
        self._repaint()
        return rest

    def _repaint(self) -> None:
        if self.lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, len(COLUMNS) - 1))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self._repaint()

    # Qt's model interface ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.lines[index.row()].row.editable:
            if index.column() in (SCORE, MAXIMUM):
                flags |= Qt.ItemFlag.ItemIsEditable
            elif index.column() == PASSED:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.lines) or index.column() >= len(COLUMNS):
            return None
        line, column = self.lines[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == PASSED and (line.row.editable or line.passed is not None):
            return Qt.CheckState.Checked if line.passed else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            full = attempt_text(line.row.latest) if column == LATEST else self._text(line, column)
            return "\n".join(filter(None, [line.problem, line.row.note])) or full
        if role == Qt.ItemDataRole.ForegroundRole and not line.row.editable:
            return QColor(MUTED_COLOUR)
        if role == Qt.ItemDataRole.BackgroundRole and (line.problem or line.changed):
            return QColor(PROBLEM_COLOUR if line.problem else CHANGED_COLOUR)
        if role == Qt.ItemDataRole.UserRole:
            return line.row.enrolment_id
        return None

    def _text(self, line: _Line, column: int) -> str:
        row = line.row
        texts = {NAME: row.full_name, IIN: row.iin, STATUS: status_label(row.status), SCORE: line.score,
                 MAXIMUM: line.maximum, LATEST: attempt_text(row.latest, brief=True)}
        if column == PASSED:
            return "" if line.passed is None else _("passed") if line.passed else _("not passed")
        if column == ACTION:
            if row.action == RowAction.NONE and row.has_certificate:
                return _("certificate issued")
            return _(ACTIONS[row.action]).format(date=format_date(row.wait_until))
        return texts.get(column, "")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or not self.flags(index) & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable):
            return False
        line, column = self.lines[index.row()], index.column()
        if column == PASSED and role == Qt.ItemDataRole.CheckStateRole:
            line.passed = Qt.CheckState(value) == Qt.CheckState.Checked
        elif column in (SCORE, MAXIMUM) and role == Qt.ItemDataRole.EditRole:
            text = str(value or "").strip()
            try:
                parse_score(text)
            except ValueError:
                return False
            if column == MAXIMUM:
                line.maximum = self.last_maximum = text
            else:
                line.score = text
                if text and not line.maximum and self.last_maximum:
                    line.maximum = self.last_maximum  # the same maximum as the line entered before
        else:
            return False
        if line.passed is None:
            line.passed = False
        line.changed = True
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        return section + 1 if orientation == Qt.Orientation.Vertical else None
