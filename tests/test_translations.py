"""Every marked string has a Kazakh and a Russian translation with the same placeholders."""

from __future__ import annotations

import pytest

from pedesk import catalogs, i18n


@pytest.mark.parametrize("lang", catalogs.TRANSLATED)
def test_catalogue_is_complete_and_placeholders_match(lang: str) -> None:
    assert list(catalogs.problems(lang)) == []


def test_placeholder_check_catches_a_broken_translation() -> None:
    assert catalogs.placeholders("{iin}: valid, born {birth_date}") == ["{birth_date}", "{iin}"]
    assert catalogs.placeholders("%(prog)s: %s") == ["%(prog)s", "%s"]
    assert catalogs.placeholders("{iin}: дұрыс, {birthdate}") != catalogs.placeholders("{iin}: valid, {birth_date}")


def test_language_switch_changes_later_strings() -> None:
    i18n.set_language("kk")
    assert i18n._("Certificates") == "Сертификаттар"
    i18n.set_language("ru")
    assert i18n._("Certificates") == "Сертификаты"
    i18n.set_language("en")
    assert i18n._("Certificates") == "Certificates"


def test_gettext_in_ignores_the_current_language() -> None:
    i18n.set_language("ru")
    assert i18n.gettext_in("kk", "Certificates") == "Сертификаттар"


def test_dates_follow_the_language() -> None:
    from datetime import date

    assert i18n.format_date(date(2026, 2, 28), "long", "ru") == "28 февраля 2026"
    assert i18n.format_date(date(2026, 11, 30), "medium", "ru") == "30 нояб. 2026"
    assert "ақпан" in i18n.format_date(date(2026, 2, 28), "long", "kk")


def test_language_from_environment() -> None:
    assert i18n.language_from_environment({"PEDESK_LANG": "ru"}) == "ru"
    assert i18n.language_from_environment({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert i18n.language_from_environment({"LANG": "C.UTF-8"}) == "kk"
    assert i18n.language_from_environment({}) == "kk"


def test_no_literal_message_inside_an_f_string() -> None:
    """Babel cannot see ``_("...")`` written inside an f-string on Python 3.11: such a text would stay
    English in kk and ru without any catalogue test noticing. Translate it into a variable first."""
    import ast
    from pathlib import Path

    found = []
    for path in Path(catalogs.SOURCE_DIR).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                        and call.func.id in {"_", "N_", "ngettext", "pgettext"}
                        and any(isinstance(arg, ast.Constant) for arg in call.args)):
                    found.append(f"{path.name}:{call.lineno}")
    assert found == []
