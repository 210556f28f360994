"""Printer calibration for certificates: per printer, how far to shift the print (millimetres, right and down
positive) and whether the paper is a pre-printed blank form; a test page shows where the print lands."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QDoubleSpinBox, QPushButton, QWidget

from pedesk.i18n import N_, _
from pedesk.services.access import Action
from pedesk.services.certificates import (
    MAX_OFFSET_MM,
    PrinterSettings,
    load_printer_settings,
    save_printer_settings,
)
from pedesk.ui.certificates.printing import CertificatePrinter
from pedesk.ui.certificates.table import default_printer, printer_choices
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import combo, combo_value, fill_combo, note_label
from pedesk.ui.widgets.forms import TranslatedForm
from pedesk.ui.widgets.tasks import TaskHandle

OFFSET_STEP_MM = 0.5


def offset_box() -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
    box.setSingleStep(OFFSET_STEP_MM)
    box.setDecimals(1)
    return box


class CalibrationDialog(TranslatedForm):
    """The printer, its two shifts and the blank-form switch; Print test page…; Save."""

    ACTION = Action.PRINTER

    def __init__(self, context: AppContext, printer: CertificatePrinter, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Printer calibration"), parent)
        self.printer = printer
        self.handle: TaskHandle | None = None
        self.note = note_label()
        self.form.addRow(self.note)
        self.printer_name = self.field("printer", N_("Printer"), combo(30))
        self.x_mm = self.field("x_mm", N_("Shift to the right"), offset_box())
        self.y_mm = self.field("y_mm", N_("Shift down"), offset_box())
        self.blank_form = QCheckBox()
        self.add_field("blank_form", None, self.blank_form)
        self.test_button = QPushButton()
        self.button_box.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.test_button.clicked.connect(self.print_test_page)
        fill_combo(self.printer_name, printer_choices(), default_printer())
        self.printer_name.currentIndexChanged.connect(lambda _index: self.load())
        self.load()
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        self.note.setText(_("Print the test page on plain paper and lay it on a blank form against the light. "
                            "Enter how far the print must move to meet the form: to the right and down are "
                            "positive, to the left and up negative. Each printer keeps its own shifts."))
        self.blank_form.setText(_("Pre-printed blank forms: print only the filled-in text, not the frame and "
                                  "the labels"))
        self.test_button.setText(_("Print test page…"))
        suffix = " " + _("mm")
        for box in (self.x_mm, self.y_mm):
            box.setSuffix(suffix)
        choices = printer_choices()
        for index in range(min(self.printer_name.count(), len(choices))):
            self.printer_name.setItemText(index, choices[index][1])

    def chosen_printer(self) -> str:
        return str(combo_value(self.printer_name) or "")

    def load(self) -> None:
        """Show the stored shifts of the chosen printer (zero for one never calibrated)."""
        with self.context.database.reading() as session:
            settings = load_printer_settings(session, self.chosen_printer())
        self.x_mm.setValue(settings.x_mm)
        self.y_mm.setValue(settings.y_mm)
        self.blank_form.setChecked(settings.blank_form)
        self.clear_problems()

    def current(self) -> PrinterSettings:
        return PrinterSettings(self.chosen_printer(), self.x_mm.value(), self.y_mm.value(),
                               self.blank_form.isChecked())

    def print_test_page(self) -> TaskHandle:
        self.handle = self.printer.calibration(self.current(), self)
        return self.handle

    def save(self) -> Any:
        with self.context.database.transaction(self.context.user) as session:
            saved = save_printer_settings(session, self.current())
        self.context.changed("printer")
        return saved.printer
