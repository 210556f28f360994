"""The column headings of the three imported lists are data (resources/import/headers.toml): every spelling
there, as the official forms word it with its case endings and abbreviations and in Russian, alone beside the
columns its list must have, in a real workbook, is read as its field (issue 14 point 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pedesk.services.common import header_aliases, not_imported_headers
from pedesk.services.common.headers import IMPORTS, _vocabulary, headers_file
from pedesk.services.common.spreadsheets import header_key
from pedesk.services.common.workbooks import Table, locate_table, read_workbook
from tests.builders import workbook

_REQUIRED = {"listeners": ("iin",), "schools": ("name_kk", "name_ru"), "results": ("iin",)}
_NEEDED = {"listeners": ("full_name", "surname", "name"), "schools": ("name_kk", "name_ru"), "results": ("passed",)}


def _spellings() -> list[tuple[str, str, str]]:
    return [(name, field, spelling) for name in IMPORTS for field, spellings in header_aliases(name).items()
            for spelling in dict.fromkeys(spellings)]


def _companions(name: str, field: str) -> list[str]:
    """The other headings a list needs so that a header row with ``field`` is that list."""
    if name == "listeners":
        return {"iin": ["ТАӘ"], "full_name": ["ЖСН"], "surname": ["ЖСН"], "name": ["ЖСН"],
                "patronymic": ["ЖСН", "Тегі"]}.get(field, ["ЖСН", "ТАӘ"])
    if name == "schools":
        return ["БСН"] if field in ("name_kk", "name_ru") else ["Атауы"]
    return {"iin": ["Нәтиже"], "passed": ["ЖСН"]}.get(field, ["ЖСН", "Нәтиже"])


def _located(name: str, path: Path) -> Table:
    table = locate_table(read_workbook(path), header_aliases(name), 2, required_any=_REQUIRED[name],
                         accept=lambda columns: any(field in columns.index for field in _NEEDED[name]),
                         file_name=path.name)
    assert table is not None
    return table


@pytest.mark.parametrize(("name", "field", "spelling"), _spellings(),
                         ids=[f"{n}-{f}-{s}" for n, f, s in _spellings()])
def test_every_spelling_is_read_as_its_field(name: str, field: str, spelling: str, tmp_path: Path) -> None:
    headings = [*_companions(name, field), spelling]
    path = workbook([["Тізім"], headings, ["1"] * len(headings)], tmp_path / "list.xlsx")
    assert _located(name, path).columns.index[field] == len(headings) - 1


@pytest.mark.parametrize(("field", "spelling"), [
    ("email", "Электронды поштасы"), ("full_name", "Тегі, аты, әкесінің аты"), ("phone", "Байланыс телефоны"),
    ("workplace", "Жұмыс орны (ұйымның толық атауы)"), ("email", "Электронная почта"), ("email", "E-mail"),
    ("full_name", "Фамилия, имя, отчество"), ("phone", "Контактный телефон"),
    ("workplace", "Место работы (полное наименование организации)"),
    ("home_address", "Үйінің мекенжайы"), ("category", "Біліктілік санаты (дейін жарамды)"),
])
def test_the_official_forms_wording_is_in_the_vocabulary(field: str, spelling: str) -> None:
    """The questionnaire's own headings (Appendix 3) and their Russian: the issue's e-mail column was dropped."""
    assert spelling in header_aliases("listeners")[field]


def test_no_heading_means_two_fields_of_one_list() -> None:
    for name in IMPORTS:
        owners: dict[str, set[str]] = {}
        for field, spellings in header_aliases(name).items():
            for spelling in spellings:
                owners.setdefault(header_key(spelling), set()).add(field)
        assert {key: fields for key, fields in owners.items() if len(fields) > 1} == {}, name


def test_the_results_take_the_listeners_iin_and_names() -> None:
    results, listeners = header_aliases("results"), header_aliases("listeners")
    assert results["iin"] == listeners["iin"]
    assert results["full_name"][:len(listeners["full_name"])] == listeners["full_name"]
    assert "Тыңдаушы" in results["full_name"] and "№" in not_imported_headers()


def test_a_spelling_added_to_the_file_is_read_without_a_change_of_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(headers_file().parent.parent, resources, ignore=shutil.ignore_patterns("fonts", "translations"))
    vocabulary = resources / "import" / "headers.toml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(text.replace('email = ["Электронды поштасы",', 'email = ["Е-поштасы",', 1),
                          encoding="utf-8")
    monkeypatch.setenv("PEDESK_RESOURCES", str(resources))
    _vocabulary.cache_clear()
    try:
        path = workbook([["ЖСН", "ТАӘ", "Е-поштасы"], ["1", "2", "a@b.kz"]], tmp_path / "list.xlsx")
        assert _located("listeners", path).columns.index["email"] == 2
    finally:
        _vocabulary.cache_clear()


def test_a_broken_vocabulary_names_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "import").mkdir()
    (tmp_path / "import" / "headers.toml").write_text("[listeners]\niin = 'ЖСН'\n", encoding="utf-8")
    monkeypatch.setenv("PEDESK_RESOURCES", str(tmp_path))
    _vocabulary.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="headers.toml"):
            header_aliases("listeners")
    finally:
        _vocabulary.cache_clear()
