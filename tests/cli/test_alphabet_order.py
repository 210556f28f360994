"""The command line answers in the Kazakh alphabet too: ``certificates issue`` numbers a cohort in it and
``teachers find`` lists the registry in it (JSON read back)."""

from __future__ import annotations

import json

import pytest

from pedesk.cli import main
from pedesk.models.database import Database
from tests.builders import ALPHABETICAL, alphabet_cohort


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_issue_and_find_answer_in_the_alphabet(capsys: pytest.CaptureFixture[str], database: Database) -> None:
    with database.transaction() as session:
        world = alphabet_cohort(session)
    path = database.url
    issued = _json(capsys, "--db", path, "certificates", "issue", "--cohort", world.code, "--date", "2026-11-25",
                   "--json")
    rows = issued["issued"]  # type: ignore[index]
    assert [row["holder"].split(" ")[0] for row in rows] == list(ALPHABETICAL)
    assert [row["number"] for row in rows] == sorted(row["number"] for row in rows)
    found = _json(capsys, "--db", path, "teachers", "find", "айгүл", "--json")
    assert [row["surname"] for row in found] == list(ALPHABETICAL)  # type: ignore[union-attr, index]
