"""What the Certificates (Сертификаттар / Сертификаты) screens share: the list's columns and colours, the
cohorts that wait for certificates, the printers to choose from, the remembered folder and an atomic copy."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QWidget

from pedesk.i18n import N_, _, format_date, ngettext
from pedesk.services.certificates import AwaitingCohort, CertificateRow, Validity, validity_label
from pedesk.ui.widgets.files import ask_save_file
from pedesk.ui.widgets.paged_model import Column, Index, PagedTableModel

FOLDER_KEY = "certificates/folder"
#: The calibration entry for "no printer, a PDF file" (stored under this name; no system printer has it).
PDF_PRINTER = "pedesk:pdf-file"
ERROR_COLOUR = "#b00020"
WARNING_COLOUR = "#9a3412"
OK_COLOUR = "#166534"
MUTED_COLOUR = "#6b7280"

#: How a certificate's row and its verification answer are coloured: valid green, expired amber, the rest red.
VALIDITY_COLOURS: dict[Validity, str] = {
    Validity.VALID: OK_COLOUR,
    Validity.EXPIRED: WARNING_COLOUR,
    Validity.ANNULLED: ERROR_COLOUR,
    Validity.SUPERSEDED: ERROR_COLOUR,
    Validity.UNKNOWN: ERROR_COLOUR,
}
#: The list paints the whole row of a certificate that is no longer valid.
ROW_COLOURS: dict[Validity, str] = {
    Validity.EXPIRED: MUTED_COLOUR,
    Validity.ANNULLED: ERROR_COLOUR,
    Validity.SUPERSEDED: MUTED_COLOUR,
}
STATUS_COLUMN = 8


def _status(row: CertificateRow) -> str:
    label = validity_label(row.validity)
    return _("{status} (foreign organisation)").format(status=label) if row.external else label


CERTIFICATE_COLUMNS = (
    Column(N_("Number"), lambda row: row.number),
    Column(N_("Holder"), lambda row: row.holder),
    Column(N_("IIN"), lambda row: row.iin),
    Column(N_("Cohort"), lambda row: row.cohort_code),
    Column(N_("Programme"), lambda row: row.programme),
    Column(N_("Hours"), lambda row: row.hours, align_right=True),
    Column(N_("Issued"), lambda row: format_date(row.issued)),
    Column(N_("Valid until"), lambda row: format_date(row.valid_until)),
    Column(N_("Status"), _status),
    Column(N_("Duplicates"), lambda row: row.duplicates or "", align_right=True),
)


class CertificateTableModel(PagedTableModel):
    """The paged certificates with the rows of annulled, replaced and expired ones coloured."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            row = self.row_at(index.row())
            colour = ROW_COLOURS.get(row.validity) if isinstance(row, CertificateRow) else None
            if colour is not None:
                return QColor(colour)
            if isinstance(row, CertificateRow) and index.column() == STATUS_COLUMN:
                return QColor(OK_COLOUR)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)

    def rows_for(self, rows: Sequence[int]) -> list[CertificateRow]:
        return [row for row in (self.row_at(number) for number in sorted(set(rows))) if row is not None]


# --- Cohorts that wait for certificates ------------------------------------------------------------------------


def awaiting_label(cohort: AwaitingCohort) -> str:
    """A cohort waiting for certificates as the Issue dialog lists it."""
    count = ngettext("{count} listener waits for a certificate", "{count} listeners wait for a certificate",
                     cohort.waiting).format(count=cohort.waiting)
    return _("{code} — {programme}, {start} – {end}: {count}").format(
        code=cohort.code, programme=cohort.programme, start=format_date(cohort.start), end=format_date(cohort.end),
        count=count)


# --- Printers ----------------------------------------------------------------------------------------------------


def printer_choices() -> list[tuple[str, str]]:
    """(the name settings are stored under, the text shown): a PDF file first, then the system's printers."""
    return [(PDF_PRINTER, _("PDF file (no printer)"))] + [(name, name) for name in QPrinterInfo.availablePrinterNames()]


def default_printer() -> str:
    """The system's default printer, or the PDF entry on a computer without one."""
    return QPrinterInfo.defaultPrinterName() or PDF_PRINTER


def printer_label(name: str) -> str:
    return _("PDF file (no printer)") if name == PDF_PRINTER else name


# --- Files ---------------------------------------------------------------------------------------------------------


def ask_save_path(parent: QWidget, title: str, file_name: str, suffix: str, file_filter: str) -> Path | None:
    """The save-file dialog in the last folder used for certificates (remembered in the window settings); the
    suffix is added when the name has none."""
    return ask_save_file(parent, title, file_name, file_filter, FOLDER_KEY, (f".{suffix}",))

