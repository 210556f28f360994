"""`pedesk teachers find` on a small demo region: name fragments in another case, IIN prefixes, text and
JSON output, the limit, nothing found, and usage errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from pedesk.models import Teacher
from pedesk.models.database import Database
from pedesk.services.common.text import fold, name_order
from pedesk.services.demo.region import generate_demo
from tests.builders import run_main

KAZAKH_CAPITALS = "ӘҒҚҢӨҰҮҺІ"


run = run_main


@pytest.fixture
def demo_db(database: Database) -> tuple[str, list[Teacher]]:
    generate_demo(database, teachers=300, today=date(2026, 11, 25))
    with database.reading() as session:
        order = (name_order(Teacher.surname), name_order(Teacher.name), name_order(Teacher.patronymic), Teacher.id)
        teachers = list(session.scalars(select(Teacher).order_by(*order)))  # the registry's order
    return database.url, teachers


def _expected(teachers: list[Teacher], fragment: str) -> list[str]:
    """The IINs a search for ``fragment`` must list, worked out here without SQL."""
    return [t.iin for t in teachers if fold(fragment) in fold(f"{t.surname} {t.name} {t.patronymic} {t.iin}")]


def test_find_a_kazakh_fragment_in_another_case(capsys: pytest.CaptureFixture[str],
                                                demo_db: tuple[str, list[Teacher]]) -> None:
    path, teachers = demo_db
    surname = next(t.surname for t in teachers if t.surname[0] in KAZAKH_CAPITALS)
    fragment = surname[:3].lower()  # "әлі" for "Әлібеков"
    expected = _expected(teachers, fragment)
    code, out, err = run(capsys, "--lang", "en", "--db", path, "teachers", "find", fragment, "--json",
                         "--limit", "300")
    assert code == 0 and err == ""
    found = json.loads(out)
    assert [row["iin"] for row in found] == expected and expected
    first = next(t for t in teachers if t.iin == expected[0])
    assert found[0] | {"id": 0} == {
        "id": 0, "iin": first.iin, "surname": first.surname, "name": first.name, "patronymic": first.patronymic,
        "birth_date": first.birth_date.isoformat(), "position": first.position, "workplace": first.workplace,
        "category": found[0]["category"], "phone": first.phone, "email": first.email,
    }
    assert found[0]["category"]  # every demo teacher has a category, named in the chosen language


def test_find_by_iin_prefix_as_text(capsys: pytest.CaptureFixture[str], demo_db: tuple[str, list[Teacher]]) -> None:
    path, teachers = demo_db
    prefix = teachers[0].iin[:4]
    expected = sorted(t.iin for t in teachers if t.iin.startswith(prefix))
    code, out, _err = run(capsys, "--lang", "en", "--db", path, "teachers", "find", prefix)
    assert code == 0
    lines = out.splitlines()
    assert [line.split("  ")[0] for line in lines] == expected
    assert teachers[0].full_name in out


def test_the_limit_and_its_notice(capsys: pytest.CaptureFixture[str], demo_db: tuple[str, list[Teacher]]) -> None:
    path, teachers = demo_db
    code, out, _err = run(capsys, "--lang", "en", "--db", path, "teachers", "find", "а", "--limit", "2")
    lines = out.splitlines()
    total = len(_expected(teachers, "а"))
    assert code == 0 and len(lines) == 3 and total > 2
    assert lines[-1].startswith(f"Shown 2 of {total} teachers")
    code, out, _err = run(capsys, "--db", path, "teachers", "find", "а", "--limit", "2", "--json")
    assert code == 0 and len(json.loads(out)) == 2  # JSON carries the rows only


def test_nothing_found_is_a_clear_line_and_exit_0(capsys: pytest.CaptureFixture[str],
                                                  demo_db: tuple[str, list[Teacher]]) -> None:
    path, _teachers = demo_db
    code, out, _err = run(capsys, "--lang", "en", "--db", path, "teachers", "find", "Zzyzx")
    assert code == 0 and out.strip() == 'No teacher matches "Zzyzx". Search by a part of the name or by the first digits of the IIN.'
    code, out, _err = run(capsys, "--db", path, "teachers", "find", "Zzyzx", "--json")
    assert code == 0 and json.loads(out) == []


@pytest.mark.parametrize("argv", [("teachers", "find"), ("teachers", "find", "а", "--limit", "0"), ("teachers",)])
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...]) -> None:
    code, out, err = run(capsys, "--lang", "en", "--db", str(tmp_path / "d.sqlite3"), *argv)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_find_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--lang", "en", "teachers", "find", "--help")
    assert code == 0 and "--limit" in out and "the first digits of the IIN" in out
    code, out, _err = run(capsys, "--lang", "en", "--help")
    assert code == 0 and "the teachers' registry" in out
