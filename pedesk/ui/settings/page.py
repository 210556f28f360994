"""Settings (Баптаулар / Настройки): the office's own data, kept in the database because certificates and
data packages carry it: code and names, the head and the acting head who signs in the head's absence
(п.32), the certificate numbering pattern and the authorised body's name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _
from pedesk.models.enums import SignerCapacity
from pedesk.models.organisations import DEFAULT_NUMBERING_PATTERN
from pedesk.services.access import Action
from pedesk.services.common import Problem, ValidationError
from pedesk.services.reference import (
    OfficeSettings,
    load_office_settings,
    save_office_settings,
    signer,
    validate_office_settings,
)
from pedesk.services.rules import format_certificate_number, validate_pattern
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import (
    ERROR_COLOUR,
    OK_COLOUR,
    combo,
    combo_value,
    fill_combo,
    note_label,
    region_items,
)
from pedesk.ui.widgets.forms import show_under_fields, with_error_line
from pedesk.ui.widgets.permissions import require

__all__ = ["SettingsPage"]

TEXT_FIELDS: tuple[str, ...] = (
    "code", "name_kk", "name_ru", "city_kk", "city_ru", "head_name", "head_position_kk", "head_position_ru",
    "acting_head_name", "acting_head_position_kk", "acting_head_position_ru", "numbering_pattern",
    "authorised_body_kk", "authorised_body_ru",
)
#: The groups of the form: (title, [(field, label)]), English sources.
GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (N_("The office"), (
        ("code", N_("Office code")),
        ("name_kk", N_("Office name in Kazakh")),
        ("name_ru", N_("Office name in Russian")),
        ("city_kk", N_("City in Kazakh")),
        ("city_ru", N_("City in Russian")),
        ("region_id", N_("Region")),
    )),
    (N_("Head and acting head"), (
        ("head_name", N_("Head's full name")),
        ("head_position_kk", N_("Head's position in Kazakh")),
        ("head_position_ru", N_("Head's position in Russian")),
        ("head_absent", ""),
        ("acting_head_name", N_("Acting head's full name")),
        ("acting_head_position_kk", N_("Acting head's position in Kazakh")),
        ("acting_head_position_ru", N_("Acting head's position in Russian")),
    )),
    (N_("Certificates"), (("numbering_pattern", N_("Certificate numbering pattern")),)),
    (N_("Authorised body"), (
        ("authorised_body_kk", N_("Authorised body in Kazakh")),
        ("authorised_body_ru", N_("Authorised body in Russian")),
    )),
)
GROUP_COLUMNS = (0, 1, 0, 1)  # the column of each group: the office and certificates left, the heads right
SAMPLE_SEQ = 1


class SettingsPage(QWidget):
    """The office's settings form: Save validates the whole form and shows each problem under its field."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.stored: OfficeSettings | None = None
        self.loading = False
        self.showing_problems = False
        self.heading = QLabel()
        self.intro = note_label()
        self.edits: dict[str, QLineEdit] = {name: QLineEdit() for name in TEXT_FIELDS}
        self.region = combo(24)
        self.head_absent = QCheckBox()
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, tuple[QLabel, str]] = {}
        self.groups: list[tuple[QGroupBox, str]] = []
        self.example = QLabel()
        self.example.setWordWrap(True)
        self.pattern_help = note_label()
        self.acting_note = note_label()
        self.signer_line = QLabel()
        self.signer_line.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.saved = QLabel()
        self.saved.setStyleSheet(f"color: {OK_COLOUR}; font-weight: bold;")
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        require(context, Action.SETTINGS, self.save_button)
        self._build()
        self._connect_edits()
        context.language_changed.connect(self.retranslate)
        context.data_changed.connect(self._data_changed)
        self.load()
        self.retranslate()

    # building ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        columns = (QVBoxLayout(), QVBoxLayout())
        for (title, fields), column in zip(GROUPS, GROUP_COLUMNS, strict=True):
            box = QGroupBox()
            form = QFormLayout(box)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name, label in fields:
                self._add_field(form, name, label)
            self.groups.append((box, title))
            columns[column].addWidget(box)
        side_by_side = QHBoxLayout()
        for column_layout in columns:
            column_layout.addStretch(1)
            side_by_side.addLayout(column_layout, 1)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.intro)
        inner.addLayout(side_by_side, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addWidget(self.saved)
        bar.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.signer_line)
        layout.addLayout(bar)

    def _data_changed(self, kind: str) -> None:
        if kind == "office":
            self.load()

    def _widget(self, name: str) -> QWidget:
        if name == "region_id":
            return self.region
        if name == "head_absent":
            return self.head_absent
        return self.edits[name]

    def _add_field(self, form: QFormLayout, name: str, label: str) -> None:
        notes = {"numbering_pattern": (self.example,), "head_absent": (self.acting_note,)}.get(name, ())
        container, self.errors[name] = with_error_line(self._widget(name), *notes)
        if not label:
            form.addRow(container)
            return
        text = QLabel()
        text.setBuddy(self._widget(name))
        self.labels[name] = (text, label)
        form.addRow(text, container)
        if name == "numbering_pattern":
            form.addRow(self.pattern_help)

    def _connect_edits(self) -> None:
        for name, edit in self.edits.items():
            edit.textChanged.connect(self._edited(name))
        self.region.currentIndexChanged.connect(self._edited("region_id"))
        self.head_absent.toggled.connect(self._edited("head_absent"))
        self.edits["code"].textChanged.connect(lambda _text: self.update_example())
        self.edits["numbering_pattern"].textChanged.connect(lambda _text: self.update_example())

    def _edited(self, name: str) -> Callable[[Any], None]:
        def edited(_value: Any) -> None:
            if self.loading:
                return
            self.saved.clear()
            self.errors[name].clear()  # the user is correcting it
            self.errors[name].hide()

        return edited

    # loading and saving --------------------------------------------------------------------------------
    def load(self) -> None:
        """Show the stored settings (an empty form with the default pattern the first time)."""
        with self.context.database.reading() as session:
            self.stored = load_office_settings(session)
            regions = region_items(self.context, session)
        settings = self.stored
        self.loading = True
        for name, edit in self.edits.items():
            value = getattr(settings, name) if settings else ""
            edit.setText(value or (DEFAULT_NUMBERING_PATTERN if name == "numbering_pattern" else ""))
        self.head_absent.setChecked(bool(settings and settings.head_absent))
        fill_combo(self.region, regions, settings.region_id if settings else None, _("— choose the region —"))
        self.loading = False
        self.clear_problems()
        self.saved.clear()
        self.update_example()
        self.update_signer()

    def collect(self) -> OfficeSettings:
        texts = {name: edit.text() for name, edit in self.edits.items()}
        return OfficeSettings(region_id=combo_value(self.region), head_absent=self.head_absent.isChecked(),
                              **texts)

    def save(self) -> bool:
        """Validate and store the form in one transaction; on problems show each under its field."""
        try:
            with self.context.database.transaction(user=self.context.user) as session:
                save_office_settings(session, self.collect())
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return False
        self.context.changed("office")  # reloads this form too, with the cleaned values
        self.saved.setText(_("Saved."))
        return True

    def clear_problems(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.summary.clear()
        self.showing_problems = False

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        self.clear_problems()
        general = show_under_fields(self.errors, problems)
        if self.errors["numbering_pattern"].text():
            self.example.hide()  # the problem under the field says the same
        count = len(problems) - len(general)
        summary = [_("Not saved: correct the fields marked in red.")] if count else []
        self.summary.setText("\n".join(summary + general))
        self.saved.clear()
        self.showing_problems = bool(problems)

    # live texts ------------------------------------------------------------------------------------------
    def update_example(self) -> None:
        """The number the first certificate of this year would get, or what is wrong with the pattern."""
        pattern = self.edits["numbering_pattern"].text().strip()
        problem = validate_pattern(pattern)
        self.example.setVisible(not self.errors["numbering_pattern"].text())
        if problem:
            self.example.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.example.setText(problem)
            return
        code = self.edits["code"].text().strip() or _("CODE")
        year = self.context.today().year
        self.example.setStyleSheet("")
        self.example.setText(_("Example: the first certificate of {year} gets the number {number}.").format(
            year=year, number=format_certificate_number(pattern, code, year, SAMPLE_SEQ)))

    def update_signer(self) -> None:
        """п.32: who signs certificates with the stored settings."""
        if self.stored is None:
            self.signer_line.setText(_("The office is not set up yet: certificates cannot be issued until "
                                       "these settings are saved."))
            return
        name, position_kk, position_ru, capacity = signer(self.stored)
        position = position_kk if self.context.lang == "kk" else position_ru
        if capacity == SignerCapacity.ACTING_HEAD:
            text = _("The certificates of the office's own cohorts are signed now by the acting head (п.32): {name}, "
                     "{position}. Another provider's cohorts are signed by that provider's head.")
        else:
            text = _("The certificates of the office's own cohorts are signed now by the head: {name}, {position}. "
                     "Another provider's cohorts are signed by that provider's head.")
        self.signer_line.setText(f"<b>{text.format(name=name, position=position)}</b>")

    def retranslate(self, _lang: str = "") -> None:
        title = _("Settings")
        self.heading.setText(f"<h2>{title}</h2>")
        self.intro.setText(_("The office's own data. Certificates and data packages carry it, so fill in "
                             "every field and save."))
        for box, title in self.groups:
            box.setTitle(_(title))
        for label, source in self.labels.values():
            label.setText(_(source))
        self.head_absent.setText(_("The head is absent (the acting head signs, п.32)"))
        self.acting_note.setText(_("The acting head's fields may be filled in ahead; they are required "
                                   "only while the head is absent."))
        self.pattern_help.setText(_("Use {office} for the office code, {year} for the year of issue and "
                                    "{seq} for the number within the year; {seq:05} writes it with five "
                                    "digits."))
        self.edits["code"].setPlaceholderText(_("for example, KRG-MK"))
        self.save_button.setText(_("Save"))
        if self.saved.text():
            self.saved.setText(_("Saved."))
        self._refill_regions()
        self.update_example()
        self.update_signer()
        if self.showing_problems:  # shown in the old language: check again
            with self.context.database.reading() as session:
                self.show_problems(tuple(validate_office_settings(session, self.collect())))

    def _refill_regions(self) -> None:
        with self.context.database.reading() as session:
            regions = region_items(self.context, session)
        self.loading = True
        fill_combo(self.region, regions, combo_value(self.region), _("— choose the region —"))
        self.loading = False
