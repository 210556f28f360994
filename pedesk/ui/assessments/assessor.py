"""The external assessor of a long course (п.27): the organisation (not the cohort's own provider), the
contract with it and its certified expert. In a dialog each field shows its problems under it; on the page
(``compact``) the fields sit in two lines and a field with a problem has its name in red, the message in
its tooltip and in the page's list of problems."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget

from pedesk.i18n import N_, _
from pedesk.services.assessments import AssessorInput
from pedesk.services.common import Problem
from pedesk.ui.widgets.editors import Item, combo, combo_value, fill_combo, note_label
from pedesk.ui.widgets.forms import ERROR_STYLE, with_error_line
from pedesk.ui.widgets.records import get_date, optional_date_edit, set_date

__all__ = ["AssessorBox"]

LABELS = {
    "assessor_provider_id": N_("Assessing organisation"),
    "assessor_contract_no": N_("Contract number"),
    "assessor_contract_date": N_("Contract date"),
    "expert_name": N_("Expert"),
    "expert_certificate": N_("Expert's certificate"),
}
#: (row, column) of each field in the compact layout; the organisation spans the first line
_PLACES = {"assessor_provider_id": (0, 0), "assessor_contract_no": (0, 2), "assessor_contract_date": (0, 4),
           "expert_name": (1, 0), "expert_certificate": (1, 4)}


class AssessorBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.compact = compact
        self.organisation = combo(30)
        self.contract_no = QLineEdit()
        self.contract_date = optional_date_edit()
        self.expert_name = QLineEdit()
        self.expert_certificate = QLineEdit()
        self.empty_note = note_label()
        self.widgets: dict[str, QWidget] = {
            "assessor_provider_id": self.organisation, "assessor_contract_no": self.contract_no,
            "assessor_contract_date": self.contract_date, "expert_name": self.expert_name,
            "expert_certificate": self.expert_certificate,
        }
        self.labels = {key: QLabel() for key in self.widgets}
        self.errors: dict[str, QLabel] = {}
        if compact:
            self._lay_out_compact()
        else:
            self._lay_out_form()
        self.retranslate()

    def _lay_out_compact(self) -> None:
        grid = QGridLayout(self)
        grid.addWidget(self.empty_note, 2, 0, 1, 6)
        for key, (row, column) in _PLACES.items():
            grid.addWidget(self.labels[key], row, column)
            span = 3 if key == "expert_name" else 1
            grid.addWidget(self.widgets[key], row, column + 1, 1, span)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)

    def _lay_out_form(self) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.empty_note)
        for key, widget in self.widgets.items():
            holder, self.errors[key] = with_error_line(widget)
            form.addRow(self.labels[key], holder)

    def fill(self, choices: list[Item], value: AssessorInput | None) -> None:
        """Offer ``choices`` (the organisations that may assess) and show ``value`` (None: keep the typed)."""
        selected = value.provider_id if value is not None else combo_value(self.organisation)
        fill_combo(self.organisation, choices, selected, "")
        self.empty_note.setVisible(not choices)
        if value is not None:
            self.contract_no.setText(value.contract_no)
            set_date(self.contract_date, value.contract_date)
            self.expert_name.setText(value.expert_name)
            self.expert_certificate.setText(value.expert_certificate)

    def value(self) -> AssessorInput:
        provider = combo_value(self.organisation)
        return AssessorInput(provider if isinstance(provider, int) else None, self.contract_no.text(),
                             get_date(self.contract_date), self.expert_name.text(), self.expert_certificate.text())

    def clear_problems(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        for key, widget in self.widgets.items():
            widget.setToolTip("")
            self.labels[key].setStyleSheet("")

    def show_problems(self, problems: tuple[Problem, ...] | list[Problem]) -> list[Problem]:
        """Show the problems of the box's fields; returns the others (all of them when ``compact``: the page
        lists every problem)."""
        self.clear_problems()
        rest = []
        for problem in problems:
            if problem.field not in self.widgets:
                rest.append(problem)
                continue
            self.labels[problem.field].setStyleSheet(ERROR_STYLE)
            widget = self.widgets[problem.field]
            widget.setToolTip("\n".join(filter(None, [widget.toolTip(), problem.message])))
            label = self.errors.get(problem.field)
            if label is None:
                rest.append(problem)
                continue
            label.setText("\n".join(filter(None, [label.text(), problem.message])))
            label.show()
        return rest

    def retranslate(self) -> None:
        self.setTitle(_("External final assessment (п.27): the organisation, the contract and the expert"))
        self.empty_note.setText(_("No organisation is marked as holding external final assessments. Mark one under "
                                  "Reference data, Providers (the cohort's own provider cannot assess it)."))
        for key, source in LABELS.items():
            self.labels[key].setText(_(source))
