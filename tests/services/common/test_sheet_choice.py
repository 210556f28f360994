"""The sheet of a workbook is chosen as a person would (issue 14 point 3): never a hidden or very hidden one, the
active sheet when it holds the list, else the only visible sheet that does; where several do and none is active
the user is asked, or names the sheet; a name that is not there, or is hidden, is refused naming the sheets."""

from __future__ import annotations

from pathlib import Path

import pytest

from pedesk.services.common import SheetChoiceNeeded, header_aliases
from pedesk.services.common.errors import ValidationError
from pedesk.services.common.previews import table_or_refuse
from pedesk.services.common.workbooks import Table
from tests.builders.spreadsheets import FORMATS, Sheet, spreadsheet

LIST = [["ТАӘ", "ЖСН"], ["Ахметов Ерлан", "850305300123"]]
OTHER = [["ТАӘ", "ЖСН"], ["Серікова Айым", "900101400456"]]
NOTES = [["Тізімді 1 қыркүйекке дейін жіберіңіз"]]
REFUSAL = "The file {name} has no list."


def _table(path: Path, sheet: str | None = None) -> Table:
    return table_or_refuse(path, header_aliases("listeners"), required_any=("iin",), refusal=REFUSAL, sheet=sheet)


def _refusal(path: Path, sheet: str | None = None) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        _table(path, sheet)
    return caught.value


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_hidden_or_very_hidden_list_is_never_read(suffix: str, tmp_path: Path) -> None:
    path = spreadsheet(tmp_path / f"list.{suffix}", [
        Sheet("Ескі тізім", OTHER, "hidden"), Sheet("Қызмет", OTHER, "veryHidden"), Sheet("Тізім", LIST)])
    table = _table(path)
    assert (table.sheet.name, table.candidates) == ("Тізім", ("Тізім",))
    only_hidden = spreadsheet(tmp_path / f"hidden.{suffix}", [Sheet("Ескі тізім", OTHER, "hidden"),
                                                              Sheet("Ескерту", NOTES)], active=1)
    refusal = _refusal(only_hidden)
    assert refusal.problems[0].field == "file" and str(refusal) == (
        f'The file {only_hidden.name} has no list. The file also has hidden sheets ("Ескі тізім"), which pedesk '
        "does not read: if the list is there, show the sheet in Excel (right-click a sheet tab > Unhide), save "
        "and choose the file again.")


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_active_sheet_wins_and_else_the_user_chooses(suffix: str, tmp_path: Path) -> None:
    sheets = [Sheet("Ескерту", NOTES), Sheet("Бірінші топ", LIST), Sheet("Екінші топ", OTHER)]
    active = spreadsheet(tmp_path / f"active.{suffix}", sheets, active=2)
    table = _table(active)
    assert (table.sheet.name, table.candidates) == ("Екінші топ", ("Бірінші топ", "Екінші топ"))
    asked = spreadsheet(tmp_path / f"asked.{suffix}", sheets, active=0)
    with pytest.raises(SheetChoiceNeeded) as caught:
        _table(asked)
    assert caught.value.sheets == ("Бірінші топ", "Екінші топ")
    assert [(p.field, p.message) for p in caught.value.problems] == [("sheet", (
        f'The file {asked.name} has a list on more than one sheet: "Бірінші топ", "Екінші топ". Choose the sheet '
        "to import."))]
    assert _table(asked, "Бірінші топ").sheet.name == "Бірінші топ"
    assert _table(asked, " екінші ТОП ").sheet.name == "Екінші топ"  # as typed on a command line


def test_one_visible_list_is_read_whichever_sheet_is_active(tmp_path: Path) -> None:
    path = spreadsheet(tmp_path / "list.xlsx", [Sheet("Ескерту", NOTES), Sheet("Тізім", LIST)], active=0)
    assert _table(path).sheet.name == "Тізім"


def test_a_named_sheet_that_is_not_there_or_is_hidden_is_refused(tmp_path: Path) -> None:
    path = spreadsheet(tmp_path / "list.ods", [Sheet("Тізім", LIST), Sheet("Ескі", OTHER, "hidden"),
                                               Sheet("Ескерту", NOTES)])
    missing = _refusal(path, "Топ 3")
    assert [(p.field, p.message) for p in missing.problems] == [("sheet", (
        'The file list.ods has no sheet "Топ 3". Its sheets are: "Тізім", "Ескерту".'))]
    hidden = _refusal(path, "Ескі")
    assert [(p.field, p.message) for p in hidden.problems] == [("sheet", (
        'The sheet "Ескі" of the file list.ods is hidden, and pedesk reads only the sheets you can see. Show it '
        'in Excel (right-click a sheet tab > Unhide), save and choose the file again, or choose one of "Тізім", '
        '"Ескерту".'))]
    not_a_list = _refusal(path, "Ескерту")
    assert [(p.field, p.message) for p in not_a_list.problems] == [("sheet", (
        'The sheet "Ескерту" of the file list.ods has no list: no row of it has the list\'s headings. The list is '
        'on "Тізім": choose that sheet.'))]
    lone = spreadsheet(tmp_path / "lone.ods", [Sheet("Ескерту", NOTES)])
    assert str(_refusal(lone, "Ескерту")) == "The file lone.ods has no list."
