"""`pedesk package ...` on two demo offices: export each, import both into an empty regional database (dry run
first), the history and the consolidation; exit 1 for a conflict, exit 2 for a refused package that changes
nothing, and a bad --period named with the form it expects."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from pedesk.cli import main
from pedesk.models.schema import open_database
from pedesk.services.rules.paragraphs import half_year_of
from tests.backends import Backend
from tests.builders import Template, demo_template, stored
from tests.cli.test_core import run

DEMO_TODAY = date(2026, 11, 25)
PERIOD = half_year_of(DEMO_TODAY)  # the demo's records are entered on its day


@pytest.fixture(scope="module")
def demos(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Template]:
    return {code: demo_template(backend, tmp_path_factory, f"package-demo-{code}", DEMO_TODAY, teachers=200,
                                seed=seed, office_code=code)
            for code, seed in (("KRG-MK", 5), ("AKM-MK", 6))}


@pytest.fixture(scope="module")
def packages(demos: dict[str, Template], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each office's package of the current half-year, written by the CLI from a copy of its demo."""
    folder = tmp_path_factory.mktemp("packages")
    written = {}
    for code, demo in demos.items():
        copy = demo.copy(folder, f"{code}.sqlite3")  # used up here: dropped after this test
        written[code] = folder / f"{code}.zip"
        assert main(["--lang", "en", "--db", copy, "package", "export", "--period", PERIOD,
                     "--out", str(written[code])]) == 0
    return written


@pytest.fixture
def region(backend: Backend, tmp_path: Path) -> str:
    """An empty database: the regional administration's before any package arrived."""
    return backend.migrated(tmp_path, "region.sqlite3")


def _scalar(db: str, sql: str) -> object:
    database, _report = open_database(db)
    try:
        with database.engine.connect() as connection:
            return connection.execute(text(sql)).scalar()
    finally:
        database.dispose()


def _execute(db: str, sql: str) -> None:
    database, _report = open_database(db)
    try:
        with database.engine.begin() as connection:
            connection.execute(text(sql))
    finally:
        database.dispose()


def test_export_prints_where_the_file_went_and_its_counts(capsys: pytest.CaptureFixture[str],
                                                          demos: dict[str, Template], tmp_path: Path) -> None:
    db = demos["KRG-MK"].copy(tmp_path, "krg.sqlite3")
    out_file = tmp_path / "krg.zip"
    code, out, err = run(capsys, "--lang", "en", "--db", db, "package", "export", "--period", PERIOD,
                         "--out", str(out_file), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert Path(data["path"]) == out_file and out_file.is_file() and len(data["sha256"]) == 64
    assert data["counts"]["teachers"] > 0 and data["counts"]["certificates"] > 0
    assert data["period"]["label"] == PERIOD and data["office"] == "KRG-MK" and not data["consolidated"]
    assert {"manifest.json", "data.xlsx"} <= set(zipfile.ZipFile(out_file).namelist())
    code, out, err = run(capsys, "--lang", "en", "--db", db, "package", "export", "--from", "2026-01-01",
                         "--to", "2026-03-31", "--out", str(tmp_path / "q1.zip"))
    assert code == 0, err
    assert str(tmp_path / "q1.zip") in out and "Teachers:" in out
    code, out, _err = run(capsys, "--lang", "en", "--db", db, "package", "history", "--json")
    assert [row["direction"] for row in json.loads(out)] == ["export", "export"]


def test_import_both_offices_into_an_empty_region(capsys: pytest.CaptureFixture[str], packages: dict[str, Path],
                                                   region: str, tmp_path: Path) -> None:
    code, out, err = run(capsys, "--lang", "en", "--db", region, "package", "import", str(packages["KRG-MK"]),
                         "--dry-run", "--json")
    assert code == 0, err
    preview = json.loads(out)
    assert preview["applied"] is False and preview["added"]["teachers"] > 0
    assert {"added", "updated", "unchanged", "conflicts", "rejected", "problems"} <= set(preview)
    assert _scalar(region, "SELECT count(*) FROM teacher") == 0  # a dry run changes nothing
    receipt = tmp_path / "receipt.xlsx"
    for office, more in (("KRG-MK", ()), ("AKM-MK", ("--receipt", str(receipt)))):
        code, out, err = run(capsys, "--lang", "en", "--db", region, "package", "import", str(packages[office]),
                             "--json", *more)
        assert code == 0, err
        assert json.loads(out)["applied"] is True
    assert receipt.is_file()
    assert preview["added"]["teachers"] <= int(_scalar(region, "SELECT count(*) FROM teacher"))  # type: ignore[arg-type]
    code, out, _err = run(capsys, "--lang", "en", "--db", region, "package", "history", "--json")
    history = json.loads(out)
    assert [(row["direction"], row["office"]) for row in history] == [("import", "AKM-MK"), ("import", "KRG-MK")]
    assert history[0]["totals"]["added"] > 0 and history[0]["receipt"] == str(receipt)
    assert history[1]["receipt"] is None
    code, out, _err = run(capsys, "--lang", "en", "--db", region, "package", "summary", "--json")
    summary = json.loads(out)
    by_office = {row["office"]: row for row in summary["offices"]}
    assert set(by_office) == {"KRG-MK", "AKM-MK"}
    assert all(row["listeners"] > 0 and row["certificates"] > 0 for row in by_office.values())
    assert summary["total"]["certificates"] == sum(row["certificates"] for row in by_office.values())
    code, out, _err = run(capsys, "--lang", "en", "--db", region, "package", "summary", "--office", "AKM-MK")
    assert code == 0 and "AKM-MK" in out and "KRG-MK" not in out and "Total" in out


def test_a_local_change_then_the_same_package_again_is_a_conflict(capsys: pytest.CaptureFixture[str],
                                                                  packages: dict[str, Path], region: str) -> None:
    package = str(packages["KRG-MK"])
    assert run(capsys, "--db", region, "package", "import", package)[0] == 0
    code, out, _err = run(capsys, "--db", region, "package", "import", package, "--json")
    assert code == 0 and not any(json.loads(out)["added"].values())  # twice: nothing new
    iin = _scalar(region, "SELECT iin FROM teacher ORDER BY iin LIMIT 1")
    _execute(region, f"UPDATE teacher SET phone = '+7 701 000 00 00', updated_at = '2999-01-01 00:00:00' "
                     f"WHERE iin = '{iin}'")
    code, out, err = run(capsys, "--lang", "en", "--db", region, "package", "import", package, "--json")
    assert code == 1, err
    summary = json.loads(out)
    assert summary["conflicts"]["teachers"] == 1
    assert [c["key"] for c in summary["conflict_list"]] == [iin]
    assert _scalar(region, f"SELECT phone FROM teacher WHERE iin = '{iin}'") == "+7 701 000 00 00"  # kept
    code, out, err = run(capsys, "--lang", "en", "--db", region, "package", "import", package)
    assert code == 1 and iin in out and "Some records differ" in err


def test_a_corrupt_package_is_refused_and_changes_nothing(capsys: pytest.CaptureFixture[str],
                                                          packages: dict[str, Path], region: str,
                                                          tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(packages["KRG-MK"].read_bytes()[:2000])  # truncated
    before = stored(region)
    code, out, err = run(capsys, "--lang", "en", "--db", region, "package", "import", str(broken), "--json")
    assert code == 2
    data = json.loads(out)
    assert data["applied"] is False and data["refused"] is True and data["problems"]
    assert {"sheet", "row", "message"} <= set(data["problems"][0])
    code, out, err = run(capsys, "--lang", "en", "--db", region, "package", "import", str(broken))
    assert code == 2 and out == ""
    assert "nothing was changed" in err and all(line.startswith("pedesk: error:") for line in err.splitlines())
    assert stored(region) == before


def test_a_bad_period_names_the_argument_and_the_form(capsys: pytest.CaptureFixture[str], region: str,
                                                      tmp_path: Path) -> None:
    code, out, err = run(capsys, "--lang", "en", "--db", region, "package", "export", "--period", "2026-H3",
                         "--out", str(tmp_path / "x.zip"))
    assert code == 2 and out == "" and "--period" in err and "2026-H1" in err and len(err.splitlines()) == 1
    code, _out, err = run(capsys, "--lang", "en", "--db", region, "package", "export", "--from", "2026-01-01",
                          "--out", str(tmp_path / "x.zip"))
    assert code == 2 and "--to" in err
    code, _out, err = run(capsys, "--lang", "en", "--db", region, "package", "summary", "--from", "2026-06-30",
                          "--to", "2026-01-01")
    assert code == 2 and "before it starts" in err
    code, _out, err = run(capsys, "--lang", "en", "--db", region, "package", "summary", "--office", "XYZ")
    assert code == 2 and "XYZ" in err
    assert not (tmp_path / "x.zip").exists()


_STOPPED_MID_IMPORT = """
import sys, time
from pedesk.cli import main
from pedesk.services.packages import importing

applied = importing._Run.sheet

def sheet(self, spec):
    if spec.name == "teachers":  # the sheets before were written in the transaction: now wait for Ctrl+C
        print("READY", flush=True)
        time.sleep(60)
    applied(self, spec)

importing._Run.sheet = sheet
sys.exit(main(sys.argv[1:]))
"""


def test_ctrl_c_during_an_import_stops_at_once_and_changes_nothing(packages: dict[str, Path], region: str) -> None:
    import signal
    import subprocess
    import sys
    import time

    def rows() -> dict[str, object]:  # a PostgreSQL sequence moves on even in a transaction rolled back
        return {name: value for name, value in stored(region).items() if name != "(sequences)"}

    before = rows()
    child = subprocess.Popen([sys.executable, "-c", _STOPPED_MID_IMPORT, "--lang", "en", "--db", region, "package",
                              "import", str(packages["KRG-MK"])], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "READY"
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=30)
        stopped_after = time.monotonic() - sent
    finally:
        child.kill()
    assert child.returncode == 1, err
    assert "Stopped; nothing was changed." in err and "Traceback" not in err, err
    assert stopped_after < 5  # within a second on an idle machine; the margin is for a busy one
    assert rows() == before


_STOPPED_MID_EXPORT = """
import sys, time
from pedesk.cli import main
from pedesk.services.packages import export

written = export._write_sheet

def sheet(session, workbook, spec, *args):
    if spec.name == "teachers":  # the sheets before are in the temporary workbook: now wait for Ctrl+C
        print("READY", flush=True)
        time.sleep(60)
    return written(session, workbook, spec, *args)

export._write_sheet = sheet
sys.exit(main(sys.argv[1:]))
"""


def test_ctrl_c_during_an_export_stops_at_once_and_writes_nothing(demos: dict[str, Template], tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    office = demos["KRG-MK"].copy(tmp_path, "office.sqlite3")
    out = tmp_path / "out"
    out.mkdir()
    child = subprocess.Popen([sys.executable, "-c", _STOPPED_MID_EXPORT, "--lang", "en", "--db", office, "package",
                              "export", "--period", PERIOD, "--out", str(out / "package.zip")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "READY"
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=30)
        stopped_after = time.monotonic() - sent
    finally:
        child.kill()
    assert child.returncode == 1, err
    assert "Stopped; nothing was written." in err and "Traceback" not in err, err
    assert stopped_after < 5  # within a second on an idle machine; the margin is for a busy one
    assert list(out.iterdir()) == []
    assert main(["--lang", "en", "--db", office, "package", "export", "--period", PERIOD,
                 "--out", str(out / "package.zip")]) == 0  # the database was released: the next export works
