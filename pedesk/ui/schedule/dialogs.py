"""The small dialogs of a cohort's timetable: one session (day, time, hours, topic, trainer, room), agreeing
the schedule and reopening it with a reason (п.13)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from pedesk.i18n import N_, _, format_date
from pedesk.services.access import Action
from pedesk.services.rules import ACADEMIC_HOUR_MINUTES
from pedesk.services.schedule import (
    MAX_SESSION_HOURS,
    SessionData,
    SessionRow,
    add_session,
    agree_schedule,
    reopen_schedule,
    session_span,
    update_session,
)
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.choices import (
    Choice,
    combo_id,
    date_edit,
    fill_combo,
    from_qdate,
    from_qtime,
    to_qdate,
    to_qtime,
    trainer_choices,
)
from pedesk.ui.widgets.forms import TranslatedForm

DEFAULT_START = time(9, 0)
DEFAULT_HOURS = 2


@dataclass(frozen=True)
class CohortFacts:
    """What the dialogs need to know about the cohort whose timetable they change."""

    id: int
    code: str
    start: date
    end: date
    trainer_ids: tuple[int, ...]


class SessionDialog(TranslatedForm):
    """Add (``row`` None) or change one timetable entry; problems appear under their fields."""

    ACTION = Action.SCHEDULE

    def __init__(self, context: AppContext, cohort: CohortFacts, row: SessionRow | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Session"), parent)
        self.cohort = cohort
        self.row = row
        self.day = self.field("day", N_("Day"), date_edit(row.day if row else cohort.start))
        self.day.setDateRange(to_qdate(cohort.start), to_qdate(cohort.end))
        self.start_time = self.field("start_time", N_("Start time"), QTimeEdit(to_qtime(
            row.start_time if row else DEFAULT_START)))
        self.start_time.setDisplayFormat("HH:mm")
        self.hours = self.field("academic_hours", N_("Academic hours"), QSpinBox())
        self.hours.setRange(1, MAX_SESSION_HOURS)
        self.hours.setValue(row.academic_hours if row else DEFAULT_HOURS)
        self.ends = self.field("ends", N_("Ends at"), QLabel())
        self.topic = self.field("topic", N_("Topic"), QLineEdit(row.topic if row else ""))
        self.trainer = self.field("trainer_id", N_("Trainer"), QComboBox())
        self.room = self.field("room", N_("Room"), QLineEdit(row.room if row else ""))
        self.distance = self.field("distance", N_("Distance"), QCheckBox())
        self.distance.setChecked(bool(row and row.distance))
        self.distance.toggled.connect(self._distance_toggled)
        self.start_time.timeChanged.connect(lambda _value: self._show_end())
        self.hours.valueChanged.connect(lambda _value: self._show_end())
        self._load_trainers(row.trainer_id if row else None)
        self._distance_toggled(self.distance.isChecked())
        self.retranslate()

    def _load_trainers(self, selected: int | None) -> None:
        keep = (selected,) if selected is not None else ()
        with self.context.database.reading() as session:
            choices = trainer_choices(session, self.context.lang, keep + self.cohort.trainer_ids)
        # the cohort's own trainers and guest lecturers first, then everyone else
        ordered = sorted(choices, key=lambda choice: choice.id not in self.cohort.trainer_ids)
        self.trainer_choices: list[Choice] = ordered
        fill_combo(self.trainer, ordered, selected, _("— no trainer —"))

    def _distance_toggled(self, checked: bool) -> None:
        self.room.setEnabled(not checked)

    def _show_end(self) -> None:
        day = from_qdate(self.day.date())
        begins, ends = session_span(day, from_qtime(self.start_time.time()), self.hours.value())
        text = ends.strftime("%H:%M")
        if ends.date() != begins.date():
            text += " " + _("(after midnight)")
        minutes = _("{hours} × {minutes} min").format(hours=self.hours.value(), minutes=ACADEMIC_HOUR_MINUTES)
        self.ends.setText(f"{text}  ({minutes})")

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate()
        self.setWindowTitle(_("Session of cohort {code}").format(code=self.cohort.code) if self.row is None
                            else _("Edit session of cohort {code}").format(code=self.cohort.code))
        self.distance.setText(_("held remotely; no room needed"))
        self.room.setPlaceholderText(_("e.g. 204"))
        if self.trainer.count():
            self.trainer.setItemText(0, _("— no trainer —"))
        self._show_end()

    def data(self) -> SessionData:
        return SessionData(
            day=from_qdate(self.day.date()),
            start_time=from_qtime(self.start_time.time()),
            academic_hours=self.hours.value(),
            topic=self.topic.text(),
            trainer_id=combo_id(self.trainer),
            room="" if self.distance.isChecked() else self.room.text(),
            distance=self.distance.isChecked(),
        )

    def save(self) -> int:
        data = self.data()
        with self.context.database.transaction(user=self.context.user) as session:
            if self.row is None:
                return add_session(session, self.cohort.id, data).session_id
            return update_session(session, self.row.id, data).session_id


class AgreeDialog(TranslatedForm):
    """п.13: record that the schedule was agreed, on which day and with whom."""

    ACTION = Action.SCHEDULE

    def __init__(self, context: AppContext, cohort: CohortFacts, agreed_with: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Agree the schedule"), parent)
        self.cohort = cohort
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form.addRow(self.intro)
        self.agreed_on = self.field("agreed_on", N_("Agreed on"), date_edit(context.today()))
        self.agreed_with = self.field("agreed_with", N_("Agreed with"), QLineEdit(agreed_with),
                                      N_("e.g. Ministry of Education; regional education administration"))
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate()
        self.intro.setText(_(
            "Cohort {code}: record that its schedule was agreed with the authorised body and the regional "
            "education administration (п.13). Once agreed, its sessions are locked until it is reopened."
        ).format(code=self.cohort.code))
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(_("Agree"))

    def save(self) -> int:
        with self.context.database.transaction(user=self.context.user) as session:
            agree_schedule(session, self.cohort.id, from_qdate(self.agreed_on.date()), self.agreed_with.text())
        return self.cohort.id


class ReopenDialog(TranslatedForm):
    """п.13: put an agreed schedule back to draft; the reason is required and kept with the cohort."""

    ACTION = Action.SCHEDULE

    def __init__(self, context: AppContext, cohort: CohortFacts, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Reopen the schedule"), parent)
        self.cohort = cohort
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form.addRow(self.intro)
        self.reason = self.field("reason", N_("Reason"), QPlainTextEdit(),
                                 N_("e.g. the trainer is ill; sessions move to the next week"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate()
        self.intro.setText(_(
            "Cohort {code}: the agreed schedule goes back to draft so that its sessions can change; agree it "
            "again afterwards. The reason is kept with the cohort, dated {today}."
        ).format(code=self.cohort.code, today=format_date(self.context.today())))
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(_("Reopen"))

    def save(self) -> int:
        with self.context.database.transaction(user=self.context.user) as session:
            reopen_schedule(session, self.cohort.id, self.reason.toPlainText(), on=self.context.today())
        return self.cohort.id
