"""A department's list against the registry (issue 14 point 5): a row whose IIN the registry holds under another
surname, name, patronymic or date of birth is a conflict shown with both versions, applied only as the user
chooses per row (or with --update-registry), and audited with the old values; case and spacing are no
conflict."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from pedesk.models import AuditEntry, Enrolment, Teacher
from pedesk.models.database import Database
from pedesk.services.enrolment import Choice, apply_listener_import, preview_listener_import
from pedesk.services.enrolment.list_conflicts import RegistryConflict
from pedesk.services.rules.iin import make_iin
from tests.builders import list_cohort, run_cli, teacher, workbook

TODAY = date.today()
MARRIED = date(1988, 4, 2)  # Ахметова, married since: Серікова in the file
TYPO = date(1990, 7, 7)  # Нұрланов in the registry, "Нурланов" in the file: the registry is right
CASE = date(1985, 2, 3)  # "ЖАҚСЫБЕКОВА  ДИНА" in the file: case and spaces only
WRONG_BIRTH = date(1979, 5, 20)  # the registry's date of birth was typed wrong; the IIN and the file agree


@pytest.fixture
def world(database: Database) -> dict[str, int]:
    with database.transaction() as session:
        group = list_cohort(session)
        made = {key: teacher(session, serial, surname, name, birth=born, sex=sex, position="мұғалім")
                for key, surname, name, born, sex, serial in (("married", "Ахметова", "Айгүл", MARRIED, "female", 1),
                                                              ("typo", "Нұрланов", "Ерлан", TYPO, "male", 2),
                                                              ("case", "Жақсыбекова", "Дина", CASE, "female", 3))}
        made["birth"] = teacher(session, 4, "Омаров", "Бауыржан", sex="male", birth=date(1979, 5, 2),
                                iin=make_iin(WRONG_BIRTH, "male", 4))
        session.flush()
        return {"cohort": group.id} | {key: person.id for key, person in made.items()}


def _iin(database: Database, teacher_id: int) -> str:
    with database.reading() as session:
        found = session.get(Teacher, teacher_id)
        assert found is not None
        return found.iin


def list_file(database: Database, world: dict[str, int], tmp_path: Path) -> Path:
    return workbook([
        ["ТАӘ", "ЖСН", "Туған күні", "Лауазымы"],
        ["Серікова Айгүл", _iin(database, world["married"]), MARRIED.strftime("%d.%m.%Y"), "директор"],
        ["Нурланов Ерлан", _iin(database, world["typo"]), None, "завуч"],
        ["ЖАҚСЫБЕКОВА  ДИНА", _iin(database, world["case"]), None, "әдіскер"],
        ["Омаров Бауыржан", _iin(database, world["birth"]), WRONG_BIRTH.strftime("%d.%m.%Y"), None],
    ], tmp_path / "conflicts.xlsx")


def _teacher(database: Database, teacher_id: int) -> Teacher:
    with database.reading() as session:
        found = session.get(Teacher, teacher_id)
        assert found is not None
        return found


def _enrolled(database: Database) -> set[int]:
    with database.reading() as session:
        return set(session.scalars(select(Enrolment.teacher_id)))


def test_other_names_or_birth_date_under_a_known_iin_are_conflicts_not_updates(
    database: Database, world: dict[str, int], tmp_path: Path
) -> None:
    with database.reading() as session:
        preview = preview_listener_import(session, list_file(database, world, tmp_path), world["cohort"], today=TODAY)
    assert preview.problems == ()
    assert [(row.row, row.conflicts) for row in preview.conflicts] == [
        (2, (RegistryConflict("surname", "Ахметова", "Серікова"),)),
        (3, (RegistryConflict("surname", "Нұрланов", "Нурланов"),)),
        (5, (RegistryConflict("birth_date", date(1979, 5, 2), WRONG_BIRTH),)),
    ]
    case_row = next(row for row in preview.rows if row.row == 4)
    assert case_row.conflicts == () and case_row.changes == ("position",)  # the registry's spelling is kept
    message = preview.conflict_problem(preview.conflicts[0]).message
    assert message.startswith(f"Row 2, column A (ТАӘ): the registry holds the IIN {_iin(database, world['married'])} "
                              "with surname Ахметова; the file has surname Серікова. Nothing is changed")
    assert "with date of birth May 2, 1979; the file has date of birth May 20, 1979." in preview.conflict_problem(
        preview.conflicts[2]).message
    with database.transaction() as session:
        result = apply_listener_import(session, preview, today=TODAY)  # nobody chose: the conflicts wait
    assert [(item.row, item.reasons) for item in result.skipped] == [
        (row.row, (preview.conflict_problem(row).message,)) for row in preview.conflicts]
    assert (result.imported, result.updated, result.registry_updated) == (1, 1, ())
    assert _enrolled(database) == {world["case"]}
    assert (_teacher(database, world["married"]).surname, _teacher(database, world["married"]).position) == (
        "Ахметова", "мұғалім")
    assert (_teacher(database, world["case"]).surname, _teacher(database, world["case"]).name) == ("Жақсыбекова", "Дина")


def test_the_user_chooses_per_row_and_the_change_is_audited_with_the_old_values(
    database: Database, world: dict[str, int], tmp_path: Path
) -> None:
    path = list_file(database, world, tmp_path)
    with database.reading() as session:
        preview = preview_listener_import(session, path, world["cohort"], today=TODAY)
    choices = {2: Choice.TAKE_FILE, 3: Choice.KEEP_REGISTRY, 5: Choice.TAKE_FILE}
    with database.transaction() as session:
        result = apply_listener_import(session, preview, today=TODAY, choices=choices)
    assert (result.skipped, result.registry_updated, result.imported) == ((), (2, 5), 4)
    married, typo, wrong = (_teacher(database, world[key]) for key in ("married", "typo", "birth"))
    assert (married.surname, married.name, married.position) == ("Серікова", "Айгүл", "директор")
    assert (typo.surname, typo.position) == ("Нұрланов", "завуч")  # the registry's name, the file's position
    assert wrong.birth_date == WRONG_BIRTH
    assert _enrolled(database) == {world[key] for key in ("married", "typo", "case", "birth")}
    with database.reading() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "teacher",
                                                           AuditEntry.action == "update")).all()
    by_id = {entry.entity_id: entry for entry in entries}
    assert json.loads(by_id[world["married"]].before) == {"surname": "Ахметова", "position": "мұғалім"}
    assert json.loads(by_id[world["married"]].after) == {"surname": "Серікова", "position": "директор"}
    assert by_id[world["married"]].reason == "Department list conflicts.xlsx, row 2"
    assert json.loads(by_id[world["birth"]].before) == {"birth_date": "1979-05-02"}


def test_cli_leaves_conflicts_out_until_update_registry(
    database: Database, world: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, db = list_file(database, world, tmp_path), database.url
    code, out, _err = run_cli(capsys, "--db", db, "listeners", "import", str(path), "--cohort", "L-01", "--json")
    data = json.loads(out)
    assert code == 1 and (data["imported"], data["skipped"]) == (1, 3)
    assert data["conflicts"][0] == {"row": 2, "iin": _iin(database, world["married"]), "applied": False,
                                    "fields": {"surname": {"old": "Ахметова", "new": "Серікова"}}}
    assert data["conflicts"][2]["fields"] == {"birth_date": {"old": "1979-05-02", "new": "1979-05-20"}}
    assert [problem["row"] for problem in data["problems"]] == [2, 3, 5]
    assert _teacher(database, world["married"]).surname == "Ахметова"
    code, out, _err = run_cli(capsys, "--db", db, "listeners", "import", str(path), "--cohort", "L-01")
    assert code == 1 and out.splitlines()[-1].endswith("import again with --update-registry.")
    code, out, _err = run_cli(capsys, "--db", db, "listeners", "import", str(path), "--cohort", "L-01",
                              "--update-registry", "--dry-run", "--json")
    dry = json.loads(out)
    assert code == 0 and dry["imported"] == 3 and [c["applied"] for c in dry["conflicts"]] == [True] * 3
    assert _teacher(database, world["married"]).surname == "Ахметова"  # a dry run changes nothing
    code, out, _err = run_cli(capsys, "--db", db, "listeners", "import", str(path), "--cohort", "L-01",
                              "--update-registry", "--json")
    data = json.loads(out)
    assert code == 0 and (data["imported"], data["skipped"], data["problems"]) == (3, 0, [])
    assert [c["applied"] for c in data["conflicts"]] == [True] * 3
    assert (_teacher(database, world["married"]).surname, _teacher(database, world["typo"]).surname) == (
        "Серікова", "Нурланов")
    with database.reading() as session:
        reasons = set(session.scalars(select(AuditEntry.reason).where(AuditEntry.entity == "teacher")))
    assert {"Department list conflicts.xlsx, row 2", "Department list conflicts.xlsx, row 3"} <= reasons


def test_a_field_the_registry_leaves_empty_is_filled_in_without_a_conflict(
    database: Database, tmp_path: Path
) -> None:
    born = TODAY - timedelta(days=365 * 40)
    with database.transaction() as session:
        group = list_cohort(session)
        stored = teacher(session, 9, "Бекова", "Сара", birth=born, patronymic=None)
        session.flush()
        ids = (group.id, stored.id, stored.iin)
    path = workbook([["Тегі", "Аты", "Әкесінің аты", "ЖСН"], ["Бекова", "Сара", "Асқарқызы", ids[2]]],
                    tmp_path / "patronymic.xlsx")
    with database.reading() as session:
        preview = preview_listener_import(session, path, ids[0], today=TODAY)
    assert preview.conflicts == () and preview.rows[0].changes == ("patronymic",)
