"""The cohort editor (топ / группа): the cohort's fields on the left, its timetable (Кесте) on the right.

Save writes the fields in one transaction and keeps the dialog open, so that a new cohort's timetable can
be drafted straight away; Close asks before it drops unsaved changes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _
from pedesk.models import Cohort
from pedesk.services.access import Action, version_of
from pedesk.services.common import ValidationError
from pedesk.services.rules import add_months
from pedesk.services.schedule import MAX_CAPACITY, CohortData, cohort_data, save_cohort
from pedesk.ui.context import AppContext
from pedesk.ui.schedule.timetable import TimetablePanel
from pedesk.ui.widgets.choices import (
    LANGUAGE_CHOICES,
    OK_COLOUR,
    checked_ids,
    combo_id,
    date_edit,
    fill_checklist,
    fill_combo,
    from_qdate,
    programme_choices,
    provider_choices,
    set_checked,
    to_qdate,
    trainer_choices,
)
from pedesk.ui.widgets.forms import TranslatedForm

DEFAULT_CAPACITY = 25
DEFAULT_DAYS = 4  # a new cohort runs Monday to Friday unless the user says otherwise
LIST_HEIGHT = 96
#: what an agreed schedule keeps (the service refuses changing them, п.13)
AGREED_LOCKS = ("programme_id", "start_date", "end_date")


class CohortEditor(TranslatedForm):
    """Create (``cohort_id`` None) or change a cohort; a saved cohort also shows its timetable."""

    ACTION = Action.SCHEDULE

    def __init__(self, context: AppContext, cohort_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("New cohort"), parent)
        self.cohort_id = cohort_id
        self.read_only = False
        self._replace_form()
        self._build_fields()
        self.panel = TimetablePanel(context, on_refreshed=self._apply_read_only)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.fields_box)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([460, 700])
        self.notice = QLabel()
        self.notice.setStyleSheet(f"color: {OK_COLOUR};")
        self.notice.hide()
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertWidget(1, self.notice)
        outer.insertWidget(2, splitter, 1)
        self.setMinimumWidth(900)
        self.resize(1180, 720)
        #: the cohort's save counter when the form was filled: a save over another seat's later change is refused
        self.version: int | None = None
        self.saved_data = self._load(cohort_id)
        self.panel.set_cohort(cohort_id)
        context.data_changed.connect(self._changed_here)
        self.retranslate()

    def _changed_here(self, kind: str) -> None:
        """A change of a cohort made in this window (the timetable's agreement, say) is this seat's own."""
        if kind == "cohort" and self.cohort_id is not None:
            with self.context.database.reading() as session:
                self.version = version_of(session, Cohort, self.cohort_id)

    # building ---------------------------------------------------------------------------------------------------
    def _replace_form(self) -> None:
        """FormDialog's form goes into a scrollable box beside the timetable."""
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.removeItem(self.form)
        self.form.setParent(None)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 4, 0)
        column.addLayout(self.form)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        self.fields_box = QGroupBox()
        self.fields_box.setMinimumWidth(380)
        QVBoxLayout(self.fields_box).addWidget(scroll)

    def _build_fields(self) -> None:
        today = self.context.today()
        start = add_months(today, 2)
        self.code = self.field("code", N_("Cohort code"), QLineEdit())
        self.code.setPlaceholderText(f"{start.year}-001")
        self.programme = self.field("programme_id", N_("Programme"), QComboBox())
        self.provider = self.field("provider_id", N_("Provider"), QComboBox())
        for combo in (self.programme, self.provider):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)
        self.start = self.field("start_date", N_("Start"), date_edit(start))
        self.end = self.field("end_date", N_("End"), date_edit(start + timedelta(days=DEFAULT_DAYS)))
        self.language = self.field("language", N_("Language of instruction"), QComboBox())
        for code, _name in LANGUAGE_CHOICES:
            self.language.addItem("", code)
        self.capacity = self.field("capacity", N_("Places"), QSpinBox())
        self.capacity.setRange(1, MAX_CAPACITY)
        self.capacity.setValue(DEFAULT_CAPACITY)
        self.location = self.field("location", N_("Location"), QLineEdit())
        self.trainers = self.field("trainer_ids", N_("Trainers"), QListWidget())
        self.guests = self.field("guest_trainer_ids", N_("Guest lecturers"), QListWidget())
        for widget in (self.trainers, self.guests):
            widget.setFixedHeight(LIST_HEIGHT)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.hints = {key: QLabel() for key in ("programme_id", "provider_id", "trainer_ids")}
        for key, hint in self.hints.items():
            hint.setWordWrap(True)
            hint.setStyleSheet("color: palette(mid);")
            container = getattr(self, {"programme_id": "programme", "provider_id": "provider",
                                       "trainer_ids": "trainers"}[key]).parentWidget()
            container.layout().addWidget(hint)

    def _load(self, cohort_id: int | None) -> CohortData:
        """Fill the fields from the database (or the defaults) and return what they hold."""
        lang = self.context.lang
        with self.context.database.reading() as session:
            if cohort_id is None:
                data = self.data()
            else:
                data = cohort_data(session, cohort_id)
                self.version = version_of(session, Cohort, cohort_id)
                cohort = session.get(Cohort, cohort_id)
                self.read_only = cohort is not None and not cohort.office.is_own
            programmes = programme_choices(session, lang, data.programme_id or None)
            providers = provider_choices(session, lang, data.provider_id or None)
            trainers = trainer_choices(session, lang, data.trainer_ids + data.guest_trainer_ids)
        fill_combo(self.programme, programmes, data.programme_id or None, _("— choose a programme —"))
        fill_combo(self.provider, providers, data.provider_id or None, _("— choose a provider —"))
        if len(providers) == 1 and cohort_id is None:
            self.provider.setCurrentIndex(1)
        fill_checklist(self.trainers, trainers, data.trainer_ids)
        fill_checklist(self.guests, trainers, data.guest_trainer_ids)
        self.hints["programme_id"].setVisible(not programmes)
        self.hints["provider_id"].setVisible(not providers)
        self.hints["trainer_ids"].setVisible(not trainers)
        if cohort_id is not None:
            self._show(data)
        self._apply_read_only()
        return self.data()

    def _show(self, data: CohortData) -> None:
        self.code.setText(data.code)
        self.start.setDate(to_qdate(data.start_date))
        self.end.setDate(to_qdate(data.end_date))
        self.language.setCurrentIndex(max(self.language.findData(data.language), 0))
        self.capacity.setValue(data.capacity)
        self.location.setText(data.location)
        set_checked(self.trainers, data.trainer_ids)
        set_checked(self.guests, data.guest_trainer_ids)

    def _apply_read_only(self) -> None:
        """Another office's cohort is read-only; an agreed schedule keeps its dates and programme (п.13)."""
        state = self.panel.state if hasattr(self, "panel") else None
        agreed = state is not None and state.agreed
        for key, (container, _label) in self.labels.items():
            locked = self.read_only or (agreed and key in AGREED_LOCKS)
            container.setEnabled(not locked)
            container.setToolTip(_("The schedule is agreed: reopen it to change this.") if locked and not
                                 self.read_only else "")
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setEnabled(not self.read_only)

    def _reload_choices(self) -> None:
        """Programme titles and provider names are shown in the interface's language (kk, else ru)."""
        lang = self.context.lang
        programme, provider = combo_id(self.programme), combo_id(self.provider)
        with self.context.database.reading() as session:
            programmes = programme_choices(session, lang, programme)
            providers = provider_choices(session, lang, provider)
        fill_combo(self.programme, programmes, programme, _("— choose a programme —"))
        fill_combo(self.provider, providers, provider, _("— choose a provider —"))

    # language ---------------------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        super().retranslate()
        if _lang:
            self._reload_choices()
        code = self.saved_code() if hasattr(self, "saved_data") else ""
        self.setWindowTitle(_("Cohort {code}").format(code=code) if self.cohort_id else _("New cohort"))
        self.fields_box.setTitle(_("Cohort"))
        for index, (_code, name) in enumerate(LANGUAGE_CHOICES):
            self.language.setItemText(index, _(name))
        self.location.setPlaceholderText(_("e.g. Karaganda, 20 Erubaev St."))
        self.hints["programme_id"].setText(_("No programmes yet: add the office's programmes first."))
        self.hints["provider_id"].setText(_("No providers yet: add them in Reference data first."))
        self.hints["trainer_ids"].setText(_("No trainers yet: add them in Reference data first."))
        for combo, empty in ((self.programme, _("— choose a programme —")),
                             (self.provider, _("— choose a provider —"))):
            if combo.count():
                combo.setItemText(0, empty)
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Close"))
        if self.notice.isVisible():
            self.notice.setText(_("The cohort is saved."))

    def saved_code(self) -> str:
        return self.saved_data.code if self.cohort_id else ""

    # saving -----------------------------------------------------------------------------------------------------
    def data(self) -> CohortData:
        return CohortData(
            code=self.code.text(),
            programme_id=combo_id(self.programme) or 0,
            provider_id=combo_id(self.provider) or 0,
            start_date=from_qdate(self.start.date()),
            end_date=from_qdate(self.end.date()),
            language=str(self.language.currentData() or ""),
            capacity=self.capacity.value(),
            location=self.location.text(),
            trainer_ids=checked_ids(self.trainers),
            guest_trainer_ids=checked_ids(self.guests),
        )

    def save(self) -> int:
        data = self.data()
        if self.cohort_id is not None:
            data = replace(data, note=self.saved_data.note)
        with self.context.database.transaction(user=self.context.user) as session:
            return save_cohort(session, data, id=self.cohort_id, version=self.version).id

    def try_save(self) -> None:
        """Save and stay open: the timetable of a new cohort can be drafted right away."""
        self.notice.hide()
        try:
            cohort_id = self.save()
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        self.clear_problems()
        self.cohort_id = self.saved_id = cohort_id
        with self.context.database.reading() as session:
            self.saved_data = cohort_data(session, cohort_id)
            self.version = version_of(session, Cohort, cohort_id)
        self.notice.setText(_("The cohort is saved."))
        self.notice.show()
        self.context.changed("cohort")
        self.panel.set_cohort(cohort_id)
        self.retranslate()

    def has_changes(self) -> bool:
        if self.read_only:
            return False
        current = self.data()
        if self.cohort_id is not None:
            current = replace(current, note=self.saved_data.note)
        return current != self.saved_data

    def reject(self) -> None:
        if self.has_changes():
            answer = QMessageBox.question(self, _("Close"), _("The cohort has unsaved changes. Close without "
                                                              "saving them?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
