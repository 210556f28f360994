"""The Reference data page and the school import as a user drives them: add a school and find it by a
Kazakh fragment in another case, problems under their fields (BIN, п.19), districts, the import of a
department's spreadsheet (preview by row and column, import, cancel, a refused file), language switch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
)
from sqlalchemy import func, select

from pedesk import i18n
from pedesk.models import District, Provider, School, Trainer, TrainerKind
from pedesk.models.database import Database
from pedesk.services.reference import regions as ref
from pedesk.ui.app import install_qt_translations
from pedesk.ui.context import AppContext
from pedesk.ui.reference.page import ReferencePage
from pedesk.ui.reference.school_import import FOLDER_KEY, SchoolImportDialog
from pedesk.ui.widgets.editors import EditorDialog
from pedesk.ui.window_settings import window_settings
from tests.builders import karaganda_districts, make_bin
from tests.ui.conftest import Messages, show
from tests.ui.keys import retype

BIN_NEW = make_bin(200)
BIN_OLD = make_bin(100)


@pytest.fixture
def region_id(database: Database) -> int:
    """Karaganda region with two districts and one stored school."""
    with database.transaction() as session:
        ids = karaganda_districts(session)
        ref.save_school(session, ref.SchoolData("№5 жалпы білім беретін мектеп", "Общеобразовательная школа №5",
                                                ids["region"], ids["abai"], bin=BIN_OLD))
        return ids["region"]


@pytest.fixture
def page(qtbot: Any, context: AppContext, region_id: int) -> ReferencePage:
    return show(qtbot, ReferencePage(context))  # type: ignore[return-value]




def tick(qtbot: Any, box: QCheckBox) -> None:
    """Click the check box's square (a wide check box ignores clicks beyond its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert box.isChecked()


def save(qtbot: Any, dialog: EditorDialog) -> None:
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def school_count(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count(School.id))) or 0)


# --- Schools ------------------------------------------------------------------------------------------------


def test_add_a_school_and_find_it_by_a_kazakh_fragment(
    qtbot: Any, qtmodeltester: Any, page: ReferencePage, region_id: int, database: Database
) -> None:
    tab = page.schools
    qtbot.mouseClick(tab.add_record, Qt.MouseButton.LeftButton)
    dialog: Any = tab.editor
    assert dialog is not None and dialog.isVisible()
    retype(qtbot, dialog.name_kk, "Әлібеков атындағы №12 мектеп-гимназия")
    retype(qtbot, dialog.name_ru, "Школа-гимназия №12 имени Алибекова")
    dialog.region.setCurrentIndex(dialog.region.findData(region_id))
    assert dialog.district.isEnabled() and dialog.district.count() == 3  # none + the region's two
    dialog.district.setCurrentIndex(1)
    retype(qtbot, dialog.bin, BIN_NEW)
    with qtbot.waitSignal(page.context.data_changed, check_params_cb=lambda kind: kind == "school"):
        save(qtbot, dialog)
    assert school_count(database) == 2
    for fragment in ("әлі", "ӘЛІ"):
        retype(qtbot, tab.search, fragment)
        qtbot.waitUntil(lambda typed=fragment: tab.model.text == typed)
        assert [row.name_kk for row in tab.model.rows] == ["Әлібеков атындағы №12 мектеп-гимназия"]
    qtmodeltester.check(tab.model)


def test_an_invalid_bin_is_shown_under_the_bin_field(
    qtbot: Any, page: ReferencePage, region_id: int, database: Database
) -> None:
    qtbot.mouseClick(page.schools.add_record, Qt.MouseButton.LeftButton)
    dialog: Any = page.schools.editor
    assert dialog is not None
    retype(qtbot, dialog.name_kk, "Жаңа мектеп")
    retype(qtbot, dialog.name_ru, "Новая школа")
    dialog.region.setCurrentIndex(dialog.region.findData(region_id))
    retype(qtbot, dialog.bin, "12345")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors["bin"].isVisible()
    assert dialog.errors["bin"].text() == (
        "BIN: a BIN has exactly 12 digits, but 12345 has 5. Check it against the organisation's "
        "registration documents."
    )
    assert school_count(database) == 1


def test_the_filters_narrow_the_list(qtbot: Any, page: ReferencePage, region_id: int) -> None:
    tab = page.schools
    assert tab.model.rowCount() == 1 and not tab.district.isEnabled()
    tab.region.setCurrentIndex(tab.region.findData(region_id))
    assert tab.district.isEnabled()
    tab.district.setCurrentIndex(tab.district.findText("Бухар-Жырауский район"))  # English shows ru
    assert tab.model.rowCount() == 0
    tab.district.setCurrentIndex(0)
    assert tab.model.rowCount() == 1


# --- Trainers, providers, districts ----------------------------------------------------------------------------


def test_an_industry_specialist_needs_three_years(qtbot: Any, qtmodeltester: Any, page: ReferencePage,
                                                  database: Database) -> None:
    page.tabs.setCurrentWidget(page.trainers)
    qtbot.mouseClick(page.trainers.add_record, Qt.MouseButton.LeftButton)
    dialog: Any = page.trainers.editor
    assert dialog is not None
    with database.reading() as session:
        kind = session.scalars(select(TrainerKind.id).where(TrainerKind.code == "industry_specialist")).one()
    retype(qtbot, dialog.full_name, "Сейітов Нұрлан")
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(kind))
    dialog.years.lineEdit().selectAll()
    qtbot.keyClicks(dialog.years, "2")
    assert dialog.years.value() == 2
    save(qtbot, dialog)
    assert dialog.errors["years_of_service"].isVisible()
    assert dialog.errors["years_of_service"].text().startswith(
        "Years of service: an industry specialist may teach a course only with at least 3 years' service "
        "(п.19 of the Rules)."
    )
    dialog.years.lineEdit().selectAll()
    qtbot.keyClicks(dialog.years, "3")
    save(qtbot, dialog)
    with database.reading() as session:
        assert session.scalars(select(Trainer.years_of_service)).all() == [3]
    assert [row.full_name for row in page.trainers.model.rows] == ["Сейітов Нұрлан"]
    qtmodeltester.check(page.trainers.model)


def test_a_provider_is_added_and_edited(qtbot: Any, qtmodeltester: Any, page: ReferencePage) -> None:
    tab = page.providers
    qtbot.mouseClick(tab.add_record, Qt.MouseButton.LeftButton)
    dialog: Any = tab.editor
    assert dialog is not None
    retype(qtbot, dialog.name_kk, "\"Өрлеу\" ұлттық орталығы")
    retype(qtbot, dialog.name_ru, "НЦПК \"Өрлеу\"")
    retype(qtbot, dialog.phone, "abc")
    save(qtbot, dialog)
    assert dialog.errors["phone"].text().startswith('Phone: "abc" does not look like a phone number.')
    retype(qtbot, dialog.phone, "+7 701 234 56 78")
    save(qtbot, dialog)
    assert [row.phone for row in tab.model.rows] == ["+7 701 234 56 78"]
    assert tab.edit_record.isEnabled()  # the saved row is selected
    qtbot.mouseClick(tab.edit_record, Qt.MouseButton.LeftButton)
    editor: Any = tab.editor
    assert editor is not None and editor is not dialog
    assert editor.name_ru.text() == "НЦПК \"Өрлеу\""
    qtmodeltester.check(tab.model)


def test_a_providers_signature_block_is_saved_and_checked(qtbot: Any, page: ReferencePage,
                                                          database: Database) -> None:
    """The head, the acting head, the city and the numbering series a provider signs its certificates with
    (п.29, п.32): problems under their fields, the values kept."""
    tab = page.providers
    qtbot.mouseClick(tab.add_record, Qt.MouseButton.LeftButton)
    dialog: Any = tab.editor
    retype(qtbot, dialog.name_kk, "Қарағанды университеті")
    retype(qtbot, dialog.name_ru, "Карагандинский университет")
    retype(qtbot, dialog.head_name, "Дүйсенбаев Асқар Болатұлы")
    retype(qtbot, dialog.signature["head_position_kk"], "Ректор")
    retype(qtbot, dialog.signature["head_position_ru"], "Ректор")
    tick(qtbot, dialog.head_absent)
    retype(qtbot, dialog.numbering_pattern, "KU-{year}")
    save(qtbot, dialog)
    assert dialog.errors["acting_head_name"].text().startswith("Acting head's full name")
    assert "{seq}" in dialog.errors["numbering_pattern"].text()
    for name, value in (("acting_head_name", "Мұқанова Ләззат"), ("acting_head_position_kk", "Ректордың м.а."),
                        ("acting_head_position_ru", "И.о. ректора"), ("city_kk", "Қарағанды"),
                        ("city_ru", "Караганда")):
        retype(qtbot, dialog.acting[name], value)
    retype(qtbot, dialog.numbering_pattern, "KU-{year}-{seq:04}")
    save(qtbot, dialog)
    with database.reading() as session:
        stored = session.scalars(select(Provider)).one()
        assert (stored.head_absent, stored.acting_head_position_ru, stored.city_kk, stored.numbering_pattern) == (
            True, "И.о. ректора", "Қарағанды", "KU-{year}-{seq:04}")
    qtbot.mouseClick(tab.edit_record, Qt.MouseButton.LeftButton)
    editor: Any = tab.editor
    assert editor.head_absent.isChecked() and editor.acting["city_ru"].text() == "Караганда"
    assert editor.signature["head_position_kk"].text() == "Ректор"


def test_districts_are_added_and_renamed(qtbot: Any, qtmodeltester: Any, page: ReferencePage,
                                         region_id: int) -> None:
    tab = page.districts
    tab.region.setCurrentIndex(tab.region.findData(region_id))
    assert [row.name_kk for row in tab.model.rows] == ["Абай ауданы", "Бұқар жырау ауданы"]
    qtbot.mouseClick(tab.add_record, Qt.MouseButton.LeftButton)
    dialog: Any = tab.editor
    assert dialog is not None
    retype(qtbot, dialog.name_kk, "Абай ауданы")
    retype(qtbot, dialog.name_ru, "Новый район")
    save(qtbot, dialog)
    assert "the region already has the district" in dialog.errors["name_kk"].text()
    retype(qtbot, dialog.name_kk, "Нұра ауданы")
    save(qtbot, dialog)
    assert [row.name_kk for row in tab.model.rows] == ["Абай ауданы", "Бұқар жырау ауданы", "Нұра ауданы"]
    assert page.schools.district.count() == 1  # the schools' district filter waits for a region ...
    page.schools.region.setCurrentIndex(page.schools.region.findData(region_id))
    assert page.schools.district.findText("Новый район") > 0  # ... and then offers the new district
    tab.table.selectRow(2)
    qtbot.mouseClick(tab.edit_record, Qt.MouseButton.LeftButton)
    renamer: Any = tab.editor
    assert renamer is not None and renamer.name_kk.text() == "Нұра ауданы"
    retype(qtbot, renamer.name_ru, "Нуринский район")
    save(qtbot, renamer)
    assert [row.name_ru for row in tab.model.rows][2] == "Нуринский район"
    retype(qtbot, tab.search, "нұра")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    qtmodeltester.check(tab.model)


# --- School import ---------------------------------------------------------------------------------------------


def department_file(folder: Path) -> Path:
    """Kazakh headers under a merged title row, a bad BIN, an unknown district, a row to update."""
    workbook = openpyxl.Workbook()
    sheet = workbook.worksheets[0]
    rows: list[list[object]] = [
        ["Қарағанды облысы білім беру ұйымдарының тізімі"],
        [],
        ["№", "Атауы (қазақ тілінде)", "Атауы (орыс тілінде)", "Аудан (қала)", "БСН", "Мекенжайы"],
        [1, "Ботақара жалпы орта мектебі", "Ботакаринская средняя школа", "Бұқар жырау ауданы", BIN_NEW,
         "Ботақара к., Мектеп к-сі 1"],
        [2, "№5 жалпы білім беретін мектеп", "Общеобразовательная школа №5", "Абай ауданы", BIN_OLD,
         "Абай қ., Жеңіс к-сі 5"],
        [3, "Қарабас мектебі", "Карабасская школа", "Абай ауданы", "12345", ""],
        [4, "Жаңа мектеп", "Новая школа", "Жаңа аудан", "", "Жаңа к."],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A1:F1")
    path = folder / "mektepter.xlsx"
    workbook.save(path)
    return path


def open_import(qtbot: Any, page: ReferencePage, monkeypatch: pytest.MonkeyPatch, path: Path,
                region_id: int) -> SchoolImportDialog:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(path), ""))
    page.schools.region.setCurrentIndex(page.schools.region.findData(region_id))
    qtbot.mouseClick(page.schools.import_button, Qt.MouseButton.LeftButton)
    dialog = page.schools.importer
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_import_shows_every_problem_and_imports_the_good_rows(
    qtbot: Any, qtmodeltester: Any, page: ReferencePage, region_id: int, database: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_import(qtbot, page, monkeypatch, department_file(tmp_path), region_id)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert window_settings().value(FOLDER_KEY) == str(tmp_path)
    assert [row[:2] for row in dialog.models["problems"].rows] == [("6", "E"), ("7", "D")]
    assert dialog.models["problems"].rows[0][2].startswith("Row 6, column E (БСН): BIN: a BIN has exactly 12")
    assert dialog.tabs.currentWidget() is dialog.views["problems"]
    assert dialog.tabs.tabText(dialog.tabs.indexOf(dialog.views["problems"])) == "Problems (2)"
    assert ("B", "Атауы (қазақ тілінде)", "Name in Kazakh") in dialog.models["columns"].rows
    assert [row[0] for row in dialog.models["add"].rows] == ["4"]
    assert dialog.models["update"].rows[0][3] == "Address: — → Абай қ., Жеңіс к-сі 5"
    assert dialog.create_districts.isVisible()
    assert "Жаңа аудан" in dialog.create_districts.text()
    for model in dialog.models.values():
        qtmodeltester.check(model)
    tick(qtbot, dialog.create_districts)
    with qtbot.waitSignal(page.context.data_changed, check_params_cb=lambda kind: kind == "school",
                          timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result_counts is not None
    assert (dialog.result_counts.added, dialog.result_counts.updated, dialog.result_counts.districts_created) == (
        2, 1, 1)
    assert dialog.outcome.text().startswith("Imported. Schools added: 2; updated: 1;")
    assert not dialog.import_button.isVisible()
    with database.reading() as session:
        names = set(session.scalars(select(School.name_ru)))
        stored = session.scalars(select(School).where(School.bin == BIN_OLD)).one()
        new_district = session.scalars(select(District).where(District.name_kk == "Жаңа аудан")).one()
        assert new_district.region_id == region_id
        assert stored.address == "Абай қ., Жеңіс к-сі 5"
    assert names == {"Общеобразовательная школа №5", "Ботакаринская средняя школа", "Новая школа"}
    assert page.schools.model.rowCount() == 3


def test_the_preview_follows_a_language_switch_and_cancel_changes_nothing(
    qtbot: Any, page: ReferencePage, region_id: int, database: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, english_afterwards: None,
) -> None:
    dialog = open_import(qtbot, page, monkeypatch, department_file(tmp_path), region_id)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    english = (dialog.windowTitle(), dialog.tabs.tabText(5), dialog.models["problems"].rows[0][2])
    install_qt_translations(QApplication.instance(), "ru")  # type: ignore[arg-type]
    page.context.language_changed.emit("ru")
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)  # read again, worded in Russian
    russian = (dialog.windowTitle(), dialog.tabs.tabText(5), dialog.models["problems"].rows[0][2])
    assert [pair for pair in zip(english, russian, strict=True) if pair[0] == pair[1]] == []
    assert russian[1] == i18n._("Problems ({count})").format(count=2)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert school_count(database) == 1
    with database.reading() as session:
        assert int(session.scalar(select(func.count(District.id))) or 0) == 2


def test_a_rejected_file_is_shown_as_a_message(
    qtbot: Any, context: AppContext, region_id: int, database: Database, tmp_path: Path, messages: Messages,
) -> None:
    shown = messages.shown
    wrong = tmp_path / "schools.xlsx"
    wrong.write_text("Атауы;Аудан\nМектеп;Абай\n", encoding="utf-8")
    dialog = SchoolImportDialog(context, None, region_id=region_id, path=wrong)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "is not an Excel workbook (.xlsx)" in shown[0]
    assert dialog.status.text() == shown[0]
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    assert school_count(database) == 1


# --- Language ----------------------------------------------------------------------------------------------------


def test_a_language_switch_retranslates_the_page(
    qtbot: Any, page: ReferencePage, context: AppContext, english_afterwards: None
) -> None:
    tab = page.schools
    qtbot.mouseClick(tab.add_record, Qt.MouseButton.LeftButton)
    dialog: Any = tab.editor
    assert dialog is not None

    def texts() -> list[str]:
        return [
            page.heading.text(), page.tabs.tabText(0), page.tabs.tabText(3), tab.add_record.text(),
            tab.search.placeholderText(), tab.region.itemText(0), tab.filter_labels[0][0].text(),
            str(tab.model.headerData(0, Qt.Orientation.Horizontal)), dialog.windowTitle(),
            dialog.field_label("name_kk").text(), dialog.region.itemText(0),
        ]

    english = texts()
    region_before = tab.region.itemText(1)
    install_qt_translations(QApplication.instance(), "ru")  # type: ignore[arg-type]
    context.language_changed.emit("ru")
    now = texts()
    assert [pair for pair in zip(english, now, strict=True) if pair[0] == pair[1]] == []
    assert now[1] == i18n._("Schools") and now[7] == i18n._("Name in Kazakh")
    assert tab.region.itemText(1) != region_before  # region names come in Russian now
