"""The command line is a contract: every command's --help in kk, ru and en and the JSON of every listing
command on a seeded demo stay byte for byte what tests/fixtures/cli_contract.json recorded.

Run with PEDESK_RECORD_CONTRACT=1 to record the fixture anew (only when a change of the contract is meant:
new commands and options are added, never renamed or removed).
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine

from pedesk import i18n
from pedesk.cli import build_parser, main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "cli_contract.json"
DEMO_DAY = "2026-06-15"
TODAY = "2026-06-15 10:00:00+05:00"


def _command_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield prefix
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _command_paths(sub, (*prefix, name))


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict[str, object]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return {"argv": argv, "code": code, "stdout": out, "stderr": err}


def _record(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> dict[str, object]:
    i18n.set_language("en")
    paths = sorted(_command_paths(build_parser()))
    helps = {
        f"{lang} {' '.join(path)}".strip(): _run(capsys, ["--lang", lang, *path, "--help"])
        for lang in ("kk", "ru", "en")
        for path in paths
    }
    base = ["--lang", "en", "--db", db]
    made = _run(capsys, [*base, "demo", "--teachers", "300", "--seed", "7", "--today", DEMO_DAY])
    made["stdout"] = re.sub(r"in \d+(?:[.,]\d+)? s\b", "in N s", str(made["stdout"]))  # the time it took varies
    numbers = json.loads(_run(capsys, [*base, "certificates", "list", "--json"])["stdout"])  # type: ignore[arg-type]
    first = numbers[0]["number"] if numbers else "none"
    listings = [
        ["iin", "check", "900101300011", "900101300012", "--json"],
        ["cohorts", "list", "--json"],
        ["cohorts", "list", "--status", "running", "--json"],
        ["teachers", "find", "ер", "--json", "--limit", "5"],
        ["teachers", "find", "9", "--json", "--limit", "3"],
        ["certificates", "list", "--json"],
        ["certificates", "verify", first, "--json"],
        ["certificates", "verify", "NO-SUCH-1", "--json"],
        ["package", "history", "--json"],
        ["package", "summary", "--json"],
        ["package", "summary", "--period", "2026-H1", "--json"],
        ["support", "due", "--json", "--today", DEMO_DAY],
        ["support", "due", "--json", "--month", "2026-09", "--today", DEMO_DAY],
        ["cohorts", "list", "--status", "someday"],
        ["certificates", "verify"],
    ]
    results = {" ".join(argv): _run(capsys, [*base, *argv]) for argv in listings}
    for lang in ("kk", "ru"):
        results[f"{lang} cohorts list"] = _run(capsys, ["--lang", lang, "--db", db, "cohorts", "list"])
    for value in (*helps.values(), made, *results.values()):
        value["argv"] = [str(a).replace(db, "DB") for a in value["argv"]]  # type: ignore[attr-defined]
    return {"help": helps, "demo": made, "listings": results}


def test_cli_contract_is_unchanged(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, db_url: str
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    with time_machine.travel(TODAY, tick=False):
        recorded = _record(capsys, db_url, tmp_path)
    if os.environ.get("PEDESK_RECORD_CONTRACT") == "1":
        FIXTURE.write_text(json.dumps(recorded, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    expected = json.loads(FIXTURE.read_text("utf-8"))
    assert set(recorded["help"]) == set(expected["help"]), "commands were added or removed"  # type: ignore[arg-type]
    for key, value in expected["help"].items():
        assert recorded["help"][key] == value, f"--help of '{key}' changed"  # type: ignore[index]
    assert recorded["demo"] == expected["demo"]
    for key, value in expected["listings"].items():
        assert recorded["listings"][key] == value, f"'{key}' changed"  # type: ignore[index]
