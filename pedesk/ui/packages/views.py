"""What the Packages pages share: the two small table models (history and consolidation), labels for
directions and outcomes, and the package file dialogs in the last folder used."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QFileDialog, QWidget

from pedesk.i18n import N_, _, current_language, format_datetime, format_number
from pedesk.models.enums import PackageDirection
from pedesk.services.packages import OfficeSummary, PackageLogRow, history_counts, outcome_label
from pedesk.ui.widgets.files import ask_save_file, remember_folder, remembered_folder
from pedesk.ui.widgets.paged_model import Column, ColumnsModel

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


class RowsModel(ColumnsModel):
    """A short list of rows held whole (at most a few hundred): the history or the consolidation table; the
    total row in bold on its own background, a history row's file and checksum in its tooltip."""

    NUMBERED = False

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def role_data(self, row: Any, role: int) -> Any:
        total = bool(getattr(row, "is_total", False))
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(row, PackageLogRow):
            return "\n".join(filter(None, [row.file_name, row.receipt_path and _("Receipt: {path}").format(
                path=row.receipt_path), _("SHA-256: {sha}").format(sha=row.sha256) if row.sha256 else ""]))
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and total:
            return QColor(TOTAL_BACKGROUND)
        return None


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
