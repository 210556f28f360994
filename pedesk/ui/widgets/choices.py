"""What the Schedule (Кесте / График) screens share: date conversions, the choices of the combo boxes,
colours, checkable lists and a form dialog whose labels follow the language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QListWidget,
    QListWidgetItem,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _
from pedesk.models import Programme, Provider, Trainer
from pedesk.services.common import kazakh_key
from pedesk.services.reference import page_providers, page_trainers
from pedesk.services.schedule import page_programmes

ALL_ROWS = 5000
"""The most rows a combo box asks for (the services' page limit)."""
DATE_FORMAT = "dd.MM.yyyy"
WARNING_COLOUR = "#9a3412"
ERROR_COLOUR = "#b00020"
OK_COLOUR = "#166534"
CONFLICT_BACKGROUND = "#fde2e1"

#: The cohort's language of instruction (the service's codes) with its English source name.
LANGUAGE_CHOICES: tuple[tuple[str, str], ...] = (("kk", N_("Kazakh")), ("ru", N_("Russian")), ("en", N_("English")))


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def from_qtime(value: QTime) -> time:
    return time(value.hour(), value.minute())


def date_edit(value: date) -> QDateEdit:
    """A date field with a calendar popup, shown as 02.03.2026 (the usual form in Kazakhstan)."""
    edit = QDateEdit(to_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit


def coloured(text: str, colour: str) -> str:
    from html import escape

    return f'<span style="color: {colour};">{escape(text)}</span>'


# --- Choices for the combo boxes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


def _title(kk: str, ru: str, lang: str) -> str:
    first, second = (kk, ru) if lang == "kk" else (ru, kk)
    return first or second


def programme_choices(session: Session, lang: str, keep: int | None = None) -> list[Choice]:
    """The office's active programmes (code — title, hours), and ``keep`` even when it is not among them."""
    rows = page_programmes(session, "", 0, ALL_ROWS, active=True, lang=lang)
    choices = [Choice(row.id, _("{code} — {title} ({hours} h)").format(
        code=row.code, title=_title(row.title_kk, row.title_ru, lang), hours=row.hours)) for row in rows]
    if keep is not None and keep not in {choice.id for choice in choices}:
        programme = session.get(Programme, keep)
        if programme is not None:
            choices.insert(0, Choice(programme.id, _("{code} — {title} ({hours} h)").format(
                code=programme.code, title=_title(programme.title_kk, programme.title_ru, lang),
                hours=programme.academic_hours)))
    return choices


def provider_choices(session: Session, lang: str, keep: int | None = None) -> list[Choice]:
    rows = page_providers(session, "", 0, ALL_ROWS, lang=lang)
    choices = [Choice(row.id, _title(row.name_kk, row.name_ru, lang)) for row in rows]
    if keep is not None and keep not in {choice.id for choice in choices}:
        provider = session.get(Provider, keep)
        if provider is not None:
            choices.insert(0, Choice(provider.id, _title(provider.name_kk, provider.name_ru, lang)))
    return choices


def trainer_choices(session: Session, lang: str, keep: tuple[int, ...] = ()) -> list[Choice]:
    """Active trainers by name, and the ones in ``keep`` (already chosen) even when no longer active."""
    choices = [Choice(row.id, row.full_name) for row in page_trainers(session, "", 0, ALL_ROWS, active=True,
                                                                        lang=lang)]
    missing = set(keep) - {choice.id for choice in choices}
    if missing:
        extra = session.scalars(select(Trainer).where(Trainer.id.in_(missing)))
        choices += [Choice(trainer.id, trainer.full_name) for trainer in extra]
    return sorted(choices, key=lambda choice: kazakh_key(choice.label))  # Ә after А, not after Я


def fill_combo(combo: QComboBox, choices: list[Choice], selected: int | None, empty: str) -> None:
    """Put ``choices`` in ``combo`` after an empty first item (``empty``), selecting ``selected``."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(empty, None)
    for choice in choices:
        combo.addItem(choice.label, choice.id)
    index = combo.findData(selected) if selected is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def combo_id(combo: QComboBox) -> int | None:
    value = combo.currentData()
    return int(value) if isinstance(value, int) else None


# --- Checkable list of trainers -----------------------------------------------------------------------------


def fill_checklist(widget: QListWidget, choices: list[Choice], checked: tuple[int, ...]) -> None:
    widget.clear()
    for choice in choices:
        item = QListWidgetItem(choice.label)
        item.setToolTip(choice.label)
        item.setData(Qt.ItemDataRole.UserRole, choice.id)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if choice.id in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)


def checked_ids(widget: QListWidget) -> tuple[int, ...]:
    return tuple(
        int(widget.item(row).data(Qt.ItemDataRole.UserRole))
        for row in range(widget.count())
        if widget.item(row).checkState() == Qt.CheckState.Checked
    )


def set_checked(widget: QListWidget, ids: tuple[int, ...]) -> None:
    for row in range(widget.count()):
        item = widget.item(row)
        wanted = item.data(Qt.ItemDataRole.UserRole) in ids
        item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
