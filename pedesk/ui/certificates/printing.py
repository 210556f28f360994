"""Printing certificates: the chosen ones (a cohort's, the selected rows, a period's, one duplicate) are laid
out into one PDF in the background with the offsets of the printer they are meant for, then shown in the
preview; the calibration page goes the same way."""

from __future__ import annotations

import itertools
import shutil
import tempfile
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from pedesk.i18n import N_, _, format_number, ngettext
from pedesk.services import access
from pedesk.services.certificates import (
    CertificatePrint,
    PrinterSettings,
    load_printer_settings,
    printable_certificates,
    record_printing,
    render_calibration_page,
    write_certificates_pdf,
)
from pedesk.services.common import ProgressCallback, ValidationError, write_atomically
from pedesk.ui.certificates.preview import PreviewDialog
from pedesk.ui.certificates.table import default_printer
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.tasks import TaskHandle


@dataclass(frozen=True)
class Selection:
    """Which certificates a print run covers (printable_certificates' filters) and the file's name."""

    name: str
    cohort_id: int | None = None
    ids: tuple[int, ...] = ()
    issued_from: date | None = None
    issued_to: date | None = None
    duplicate: bool = False


@dataclass(frozen=True)
class Rendered:
    """A laid-out PDF in the print folder: how many certificates, their numbers, for which printer."""

    path: Path
    numbers: tuple[str, ...]
    settings: PrinterSettings


def summary_text(rendered: Rendered, duplicate: bool) -> str:
    count = len(rendered.numbers)
    if duplicate:
        return _("A duplicate of certificate {number}, marked as a duplicate.").format(number=rendered.numbers[0])
    if count == 1:
        return _("Certificate {number}: one page.").format(number=rendered.numbers[0])
    return ngettext("{count} certificate, {first} – {last}: one page each.",
                    "{count} certificates, {first} – {last}: one page each.", count).format(
        count=format_number(count), first=rendered.numbers[0], last=rendered.numbers[-1])


def calibration_summary() -> str:
    return _("Print this page on plain paper, lay it on a blank form against the light and measure how far the "
             "crosses are from the form's marks: to the right and down are positive shifts.")


class CertificatePrinter(QObject):
    """Lays certificates out in a private print folder (removed when the page goes) and opens the preview."""

    def __init__(self, context: AppContext, widget: QWidget) -> None:
        super().__init__(widget)
        self.context = context
        self.widget = widget
        self.folder = Path(tempfile.mkdtemp(prefix="pedesk-print-"))
        self._finalizer = weakref.finalize(self, shutil.rmtree, self.folder, True)
        self._serial = itertools.count(1)
        self.handle: TaskHandle | None = None
        self.preview: PreviewDialog | None = None

    def settings_for(self, printer: str) -> PrinterSettings:
        with self.context.database.reading() as session:
            return load_printer_settings(session, printer)

    def _new_file(self, name: str) -> Path:
        """A new name each time: the preview may still show the previous file."""
        return self.folder / f"{name}-{next(self._serial)}.pdf"

    # certificates -------------------------------------------------------------------------------------
    def start(self, selection: Selection) -> TaskHandle:
        """Lay the chosen certificates out for the default printer, then show the preview."""
        def preview(rendered: Rendered) -> None:
            self.show_preview(selection, rendered)

        return self.render(selection, self.settings_for(default_printer()), preview, self.widget)

    def render(self, selection: Selection, settings: PrinterSettings, then: Callable[[Rendered], None],
               parent: QWidget) -> TaskHandle:
        database, target = self.context.database, self._new_file(selection.name)

        def work(progress: ProgressCallback) -> Rendered:
            progress(0, 0, _("Finding the certificates…"))
            with database.reading() as session:
                access.check(session, access.Action.PRINT)  # only a user who may print gets the pages
                items = printable_certificates(session, cohort_id=selection.cohort_id, ids=selection.ids,
                                               issued_from=selection.issued_from, issued_to=selection.issued_to)
            if not items:
                raise ValidationError.single("certificates", _(
                    "No valid certificate of this office matches the choice, so there is nothing to print. "
                    "Annulled and replaced certificates are not printed, nor those of foreign organisations."))
            prints = [CertificatePrint(item.snapshot, duplicate=selection.duplicate) for item in items]
            write_certificates_pdf(target, prints, offset_mm=settings.offset_mm, blank_form=settings.blank_form,
                                   progress=progress)
            with database.transaction(immediate=True) as session:  # who printed what, and for which printer
                record_printing(session, [item.id for item in items], settings.printer)
            return Rendered(target, tuple(item.number for item in items), settings)

        self.handle = self.context.runner.run(work, on_done=then, parent=parent,
                                              title=_("Preparing the certificates for printing…"))
        return self.handle

    def show_preview(self, selection: Selection, rendered: Rendered) -> PreviewDialog:
        def rerender(settings: PrinterSettings, then: Callable[[Path], None], parent: QWidget) -> None:
            self.render(selection, settings, lambda again: then(again.path), parent)

        title = N_("Print a duplicate") if selection.duplicate else N_("Print certificates")
        return self._open(PreviewDialog(
            self.context, rendered.path, title=title, summary=lambda: summary_text(rendered, selection.duplicate),
            settings=rendered.settings, file_name=f"{selection.name}.pdf", rerender=rerender, parent=self.widget))

    def _open(self, dialog: PreviewDialog) -> PreviewDialog:
        self.preview = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: PreviewDialog) -> None:
        if self.preview is dialog:
            self.preview = None  # it deletes itself

    # calibration --------------------------------------------------------------------------------------
    def calibration(self, settings: PrinterSettings, parent: QWidget) -> TaskHandle:
        """The test page with ``settings``' offsets (not yet saved), shown in the preview."""
        target = self._new_file("calibration")

        def work(progress: ProgressCallback) -> Path:
            progress(0, 1, _("Preparing the test page…"))
            return write_atomically(target, lambda partial: render_calibration_page(
                partial, offset_mm=settings.offset_mm))

        def done(path: Path) -> None:
            self._open(PreviewDialog(
                self.context, path, title=N_("Printer test page"), file_name="calibration.pdf",
                settings=PrinterSettings(settings.printer, settings.x_mm, settings.y_mm),  # blank forms do not apply
                summary=calibration_summary, parent=parent))

        self.handle = self.context.runner.run(work, on_done=done, parent=parent, writes=False,
                                              title=_("Preparing the test page…"))
        return self.handle
