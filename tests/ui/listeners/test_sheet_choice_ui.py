"""The list import's preview asks which sheet to read where several visible sheets of a workbook hold a list
and none is the active one (issue 14 point 3), reads .xls, .ods and .xlsb lists like .xlsx ones and offers them
in the open-file dialog (point 8), and names the column nobody reads (point 2)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import select

from pedesk import i18n
from pedesk.models import Enrolment, Teacher
from pedesk.models.database import Database
from pedesk.services.rules.iin import make_iin
from pedesk.ui.app import install_qt_translations
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.list_import import ListenerImportDialog
from pedesk.ui.widgets.import_preview import ask_workbook
from tests.builders import list_cohort
from tests.builders.spreadsheets import FORMATS, Sheet, spreadsheet
from tests.ui.conftest import show

HEADINGS = ["Тегі, аты, әкесінің аты", "ЖСН", "Туған күні", "Жеке куәлік нөмірі"]


def _person(surname: str, serial: int) -> list[object]:
    born = date(1985, 3, serial)
    return [f"{surname} Айгүл Серікқызы", make_iin(born, "female", serial), born.strftime("%d.%m.%Y"), "0123456"]


def _file(tmp_path: Path, suffix: str) -> Path:
    first = Sheet("1-топ", [HEADINGS, _person("Ахметова", 1), _person("Бекова", 2)])
    second = Sheet("2-топ", [HEADINGS, _person("Серікова", 3)])
    notes = Sheet("Ескерту", [["Тізімді 1 қыркүйекке дейін жіберіңіз"]])
    return spreadsheet(tmp_path / f"tizim.{suffix}", [notes, first, second], active=0)


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_preview_asks_for_the_sheet_and_imports_the_chosen_one(
    suffix: str, qtbot: Any, database: Database, context: AppContext, tmp_path: Path
) -> None:
    with database.transaction() as session:
        cohort_id = list_cohort(session).id
    dialog = show(qtbot, ListenerImportDialog(context, cohort_id, path=_file(tmp_path, suffix)), 1366, 768)
    qtbot.waitUntil(lambda: dialog.sheet_row.isVisible(), timeout=10_000)
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    assert "has a list on more than one sheet" in dialog.status.text()
    choice = dialog.sheet_choice
    assert [choice.itemText(index) for index in range(choice.count())] == ["1-топ", "2-топ"]
    assert choice.currentIndex() == -1 and dialog.sheet_label.text() == "Sheet:"
    choice.setCurrentIndex(1)
    choice.activated.emit(1)  # as a click on the item does
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.preview.sheet == "2-топ" and [row.row for row in dialog.preview.rows] == [2]
    assert dialog.sheet_row.isVisible() and choice.currentText() == "2-топ"
    warnings = dialog.models["warnings"].rows
    assert [(row[0], row[1]) for row in warnings] == [("", "D")]
    assert 'Column D "Жеке куәлік нөмірі" is not used' in warnings[0][2]
    if suffix == "xlsx":
        dialog.grab().save(str(tmp_path / "sheet-choice-en.png"))
    with qtbot.waitSignal(context.data_changed, timeout=10_000):
        dialog.import_button.click()
    assert dialog.result_counts is not None and dialog.result_counts.imported == 1
    with database.reading() as session:
        surnames = session.scalars(select(Teacher.surname).join(Enrolment).where(
            Enrolment.cohort_id == cohort_id)).all()
    assert surnames == ["Серікова"]


def test_a_new_file_forgets_the_sheet_of_the_last(qtbot: Any, database: Database, context: AppContext,
                                                  tmp_path: Path) -> None:
    with database.transaction() as session:
        cohort_id = list_cohort(session).id
    dialog = show(qtbot, ListenerImportDialog(context, cohort_id, path=_file(tmp_path, "xlsx")), 1366, 768)
    qtbot.waitUntil(lambda: dialog.sheet_row.isVisible(), timeout=10_000)
    dialog.sheet_choice.activated.emit(0)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.sheet == "1-топ"
    single = spreadsheet(tmp_path / "one.ods", [Sheet("Тізім", [HEADINGS, _person("Дәулетова", 4)])])
    dialog.set_file(single)
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.sheet == "Тізім", timeout=10_000)
    assert dialog.sheet is None and not dialog.sheet_row.isVisible()


def test_the_open_file_dialog_offers_every_format_that_is_read(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    asked: list[str] = []

    def answer(_parent: object, _title: str, _folder: str, filters: str) -> tuple[str, str]:
        asked.append(filters)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    assert ask_workbook(None, "Choose", "test-import") is None  # type: ignore[arg-type]
    first = asked[0].split(";;")[0]
    assert all(f"*.{suffix}" in first for suffix in (*FORMATS, "xlsm")) and first.startswith("Spreadsheets (")


def test_the_sheet_choice_speaks_kazakh_and_russian(qtbot: Any, database: Database, context: AppContext,
                                                    tmp_path: Path, english_afterwards: None) -> None:
    with database.transaction() as session:
        cohort_id = list_cohort(session).id
    dialog = show(qtbot, ListenerImportDialog(context, cohort_id, path=_file(tmp_path, "ods")), 1366, 768)
    qtbot.waitUntil(lambda: dialog.sheet_row.isVisible(), timeout=10_000)
    for lang, label, asked, status in (
            ("kk", "Парақ:", "Тізімі бар парақты таңдаңыз", "tizim.ods файлында тізім бірнеше парақта бар"),
            ("ru", "Лист:", "Выберите лист со списком", "В файле tizim.ods список есть на нескольких листах")):
        i18n.set_language(lang)
        install_qt_translations(QApplication.instance(), lang)  # type: ignore[arg-type]
        context.language_changed.emit(lang)
        qtbot.waitUntil(lambda label=label: dialog.sheet_label.text() == label, timeout=10_000)
        assert dialog.sheet_choice.placeholderText() == asked
        qtbot.waitUntil(lambda status=status: dialog.status.text().startswith(status), timeout=10_000)
        assert dialog.sheet_row.isVisible() and dialog.sheet_choice.count() == 2
        assert all(kind in dialog.intro.text() for kind in (".xlsx", ".xls,", ".ods", ".xlsb"))
        qtbot.wait(50)  # the layout takes the new texts' widths
        dialog.grab().save(str(tmp_path / f"sheet-choice-{lang}.png"))
