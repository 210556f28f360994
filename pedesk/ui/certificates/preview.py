"""The print preview of certificates (or of the calibration page): the PDF shown page by page, then sent to a
printer at the printer's resolution, full page, or saved as a PDF file. Both run in the background."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pedesk.i18n import _, format_number
from pedesk.services.certificates import PrinterSettings, load_printer_settings
from pedesk.services.common import Cancelled, ProgressCallback, ValidationError, write_atomically
from pedesk.ui.certificates.table import (
    ERROR_COLOUR,
    MUTED_COLOUR,
    OK_COLOUR,
    PDF_PRINTER,
    ask_save_path,
    printer_label,
)
from pedesk.ui.context import AppContext

#: A page is rendered at the printer's resolution, but not finer: an A4 page at 600 dpi is already a
#: 140 MB image, and office printers print text no sharper above it.
MAX_PRINT_DPI = 600
POINTS_PER_INCH = 72

#: Asks the owner to lay the same pages out for other printer settings, then calls back with the new PDF.
Rerender = Callable[[PrinterSettings, Callable[[Path], None], QWidget], Any]


def shift_text(settings: PrinterSettings) -> str:
    """"2.5 mm to the right, 1 mm up", or "no shift"."""
    parts = []
    if settings.x_mm:
        text = _("{mm} mm to the right") if settings.x_mm > 0 else _("{mm} mm to the left")
        parts.append(text.format(mm=format_number(abs(settings.x_mm))))
    if settings.y_mm:
        text = _("{mm} mm down") if settings.y_mm > 0 else _("{mm} mm up")
        parts.append(text.format(mm=format_number(abs(settings.y_mm))))
    return ", ".join(parts) if parts else _("no shift")


def settings_text(settings: PrinterSettings) -> str:
    """"Laid out for: <printer>; shifted 1.5 mm to the right; only the filled-in text, for blank forms"."""
    text = _("Laid out for: {printer}; shift: {shift}.").format(printer=printer_label(settings.printer),
                                                                shift=shift_text(settings))
    if settings.blank_form:
        text += " " + _("Only the filled-in text is printed, for pre-printed blank forms.")
    return text


def printer_name(printer: QPrinter) -> str:
    """The name the chosen printer's settings are stored under (a PDF file counts as the PDF entry)."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return PDF_PRINTER
    return printer.printerName() or PDF_PRINTER


def print_pdf(path: Path, printer: QPrinter, progress: ProgressCallback) -> int:
    """Draw every page of the PDF full-page on ``printer``; returns the number of pages. Runs off the UI
    thread (QPainter may paint on a QPrinter from a worker), so it makes its own QPdfDocument."""
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_:
        raise ValidationError.single("file", _("The prepared file {path} cannot be read any more. Prepare the "
                                               "certificates again.").format(path=path))
    total = document.pageCount()
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise ValidationError.single("printer", _(
            "The printer {printer} did not accept the job. Check that it is switched on and has paper, then "
            "try again.").format(printer=printer.printerName()))
    try:
        for page in range(total):
            progress(page, total, _("Printing page {page} of {total}…").format(page=page + 1, total=total))
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            image = document.render(page, QSize(round(points.width() * dpi / POINTS_PER_INCH),
                                                round(points.height() * dpi / POINTS_PER_INCH)))
            paper = printer.paperRect(QPrinter.Unit.DevicePixel)
            painter.drawImage(QRectF(0, 0, paper.width(), paper.height()), image)
        progress(total, total, "")
    except Cancelled:
        printer.abort()
        raise
    finally:
        painter.end()
    return total


def _copy_file(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)


class PreviewDialog(QDialog):
    """The pages as they will be printed, with Print… and Save as PDF…; ``summary`` says what they are (in
    the current language); ``rerender`` (None for the calibration page) lays the pages out again when the
    chosen printer has other offsets."""

    def __init__(self, context: AppContext, pdf: Path, *, title: str, summary: Callable[[], str],
                 settings: PrinterSettings,
                 file_name: str, rerender: Rerender | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context, self.pdf, self.settings = context, pdf, settings
        self.title_source, self.summary_source, self.file_name = title, summary, file_name
        self.rerender = rerender
        self.printed_pages = 0
        self.saved_to: Path | None = None
        self.document = QPdfDocument(self)
        self.document.load(str(pdf))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.layout_note = QLabel()
        self.layout_note.setWordWrap(True)
        self.layout_note.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.print_button, self.save_button, self.close_button = QPushButton(), QPushButton(), QPushButton()
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.layout_note)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(900, 760)
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_(self.title_source))
        self.summary.setText(self.summary_source())
        self.layout_note.setText(settings_text(self.settings))
        self.print_button.setText(_("Print…"))
        self.save_button.setText(_("Save as PDF…"))
        self.close_button.setText(_("Close"))

    def show_document(self, pdf: Path, settings: PrinterSettings) -> None:
        """Show the pages laid out anew (for another printer's offsets)."""
        self.pdf, self.settings = pdf, settings
        self.document.load(str(pdf))
        self.layout_note.setText(settings_text(settings))

    def _say(self, text: str, colour: str = OK_COLOUR) -> None:
        self.status.setStyleSheet(f"color: {colour};")
        self.status.setText(text)

    # printing -------------------------------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        """A printer full-page on the document's paper, the one the pages were laid out for preselected."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        if self.document.pageCount():
            points = self.document.pagePointSize(0)
            portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
            printer.setPageSize(QPageSize(portrait, QPageSize.Unit.Point))
            landscape = points.width() > points.height()
            printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                                       else QPageLayout.Orientation.Portrait)
        if self.settings.printer != PDF_PRINTER:
            printer.setPrinterName(self.settings.printer)
        return printer

    def ask_printer(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print certificates"))
        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_document(self) -> None:
        printer = self.make_printer()
        if not self.ask_printer(printer):
            return
        self.with_settings_of(printer_name(printer), lambda path: self.send(path, printer))

    def with_settings_of(self, name: str, then: Callable[[Path], None]) -> None:
        """Call ``then`` with pages laid out for ``name``'s stored offsets: the shown ones when they match."""
        with self.context.database.reading() as session:
            wanted = load_printer_settings(session, name)
        same = (wanted.x_mm, wanted.y_mm, wanted.blank_form) == self.settings.offset_mm + (self.settings.blank_form,)
        if same or self.rerender is None:
            then(self.pdf)
            return
        self._say(_("Laying the pages out for {printer}…").format(printer=printer_label(name)), MUTED_COLOUR)

        def laid_out(path: Path) -> None:
            self.show_document(path, wanted)
            then(path)

        self.rerender(wanted, laid_out, self)

    def send(self, path: Path, printer: QPrinter) -> None:
        def work(progress: ProgressCallback) -> int:
            return print_pdf(path, printer, progress)

        self.context.runner.run(work, on_done=self._printed, on_error=self._failed, parent=self,
                                title=_("Printing certificates…"), writes=False)

    def _printed(self, pages: int) -> None:
        self.printed_pages = pages
        self._say(_("{count} pages sent to the printer.").format(count=pages))

    def _failed(self, error: BaseException) -> None:
        self._say(str(error), ERROR_COLOUR)

    # saving ---------------------------------------------------------------------------------------------
    def save_pdf(self) -> None:
        target = ask_save_path(self, _("Save as PDF"), self.file_name, "pdf", _("PDF documents (*.pdf)"))
        if target is not None:
            self.with_settings_of(PDF_PRINTER, lambda path: self._copy(path, target))

    def _copy(self, path: Path, target: Path) -> None:
        try:
            self.saved_to = write_atomically(target, lambda partial: _copy_file(path, partial))
        except ValidationError as error:  # a full disk, a read-only folder, a drive that is gone
            self._say(str(error), ERROR_COLOUR)
            return
        except OSError as error:
            self._say(_("The file could not be saved to {path}: {error}. Choose another folder.").format(
                path=target, error=error.strerror or error), ERROR_COLOUR)
            return
        self._say(_("Saved to {path}.").format(path=target))
