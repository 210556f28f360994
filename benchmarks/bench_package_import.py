"""Data package import (issue 17 point 1): import into an empty database and re-import of the same package, each
against its floor, python-calamine reading every sheet + sqlite3 executemany of the same rows into the same tables.

    .venv/bin/python benchmarks/bench_package_import.py [--teachers 100000] [--repeat 1] [--package FILE.zip]

The package is a consolidated export of the widest period of the demo (made with the current exporter once,
kept in ``--work``, or given with ``--package``). Every measured run is a fresh Python process running only
that operation (the clock starts after the imports and after opening the database), which also gives its peak
resident memory (``ru_maxrss``). Goals: import <= 3x the floor, re-import <= 2x, peak memory < 500 MB.

The floor reads ``data.xlsx`` with calamine (no checks of the zip, the manifest or the cells), maps each row to
the table's columns with pedesk's own ``table_values`` (references through dicts from ``key_ids``, read again
after each sheet) and inserts with the sqlite3 driver's ``executemany`` in one transaction; it compares nothing
and leaves the two self-references empty. ``PEDESK_ROOT=/work/main`` measures another checkout's pedesk (the
figures "before").
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, os.environ.get("PEDESK_ROOT") or str(Path(__file__).resolve().parents[1]))

import package_runs as shared  # noqa: E402 - after the path is set

if os.environ.get("PEDESK_ROOT"):  # bench_packages put this checkout first: the other one goes before it
    sys.path.insert(0, os.environ["PEDESK_ROOT"])

IMPORT_GOAL, REIMPORT_GOAL, MEMORY_GOAL_MB = 3.0, 2.0, 500


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def floor(db: Path, package: Path, *, ignore: bool = False) -> Any:
    """``ignore``: INSERT OR IGNORE (packages of several offices share records)."""
    import python_calamine
    from sqlalchemy.orm import Session

    from pedesk.services.packages import DATA_NAME, FIRST_DATA_ROW, SHEETS, TABLES, key_ids, table_values

    database = shared._open(db)

    def typed(kind: str, value: object) -> object:
        if value == "" or value is None:
            return "" if kind in ("text", "iin", "json") else None
        if kind == "date" and isinstance(value, datetime):
            return value.date()
        if kind == "decimal":
            return Decimal(str(value))
        if kind == "int" and isinstance(value, float):
            return int(value)
        if kind in ("text", "iin") and isinstance(value, float):
            return str(int(value)) if value.is_integer() else str(value)
        return value

    def run() -> dict[str, Any]:
        counts: dict[str, int] = {}
        with tempfile.TemporaryDirectory(prefix="bench-floor-") as folder:
            with zipfile.ZipFile(package) as archive:
                data = archive.extract(DATA_NAME, folder)
            book = python_calamine.load_workbook(data)
            with database.engine.begin() as connection:
                session = Session(bind=connection)
                raw = connection.connection.driver_connection
                ids = {name: key_ids(session, name) for name in ("regions", "levels", "formats", "categories",
                                                                 "districts")}
                for spec, title in zip(SHEETS, book.sheet_names, strict=True):
                    table = TABLES[spec.name].__table__
                    kinds = [column.kind for column in spec.columns]
                    names = spec.names
                    rows = [dict(zip(names, map(typed, kinds, cells), strict=False))
                            for cells in book.get_sheet_by_name(title).to_python()[FIRST_DATA_ROW - 1:]]
                    if spec.name == "schools":
                        _districts(session, ids, rows)
                    if rows:
                        columns = list(table_values(spec, rows[0], ids, ""))
                        defaults = [(column.name, column.default.arg) for column in table.c
                                    if column.name not in columns and column.default is not None
                                    and column.default.is_scalar]
                        names = columns + [name for name, _value in defaults]
                        extra = [value for _name, value in defaults]
                        sql = (f"INSERT {'OR IGNORE ' if ignore else ''}INTO {table.name} ({', '.join(names)}) "  # noqa: S608 - our own names
                               f"VALUES ({', '.join('?' for _ in names)})")
                        raw.executemany(sql, [[*map(_plain, table_values(spec, row, ids, "").values()), *extra]
                                              for row in rows])
                    counts[spec.name] = len(rows)
                    ids[spec.name] = key_ids(session, spec.name)
                session.close()
            book.close()
        database.dispose()
        return counts

    return run


def _districts(session: Any, ids: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    from sqlalchemy import insert

    from pedesk.models import District
    from pedesk.services.packages import key_ids

    wanted = {(row["region"], row["district_ru"]): {"region_id": ids["regions"][(row["region"],)],
                                                    "name_ru": row["district_ru"],
                                                    "name_kk": row["district_kk"] or row["district_ru"],
                                                    "name_en": row["district_ru"]}
              for row in rows if row["region"] and row["district_ru"]
              and (row["region"], row["district_ru"]) not in ids["districts"]}
    if wanted:
        session.execute(insert(District), list(wanted.values()))
        ids["districts"] = key_ids(session, "districts")


def child(args: argparse.Namespace) -> None:
    kind, db, package = args.child[0], Path(args.child[1]), Path(args.child[2])
    if kind == "pedesk":
        result = shared._timed(shared.import_pedesk(db, package, True), None)
    else:
        result = shared._timed(floor(db, package), None)
    print(json.dumps(result))


def spawn(kind: str, db: Path, package: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", kind, str(db), str(package)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"{kind} failed (exit {done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if "rejected_package" in result["counts"]:
        raise SystemExit("pedesk refused the package:\n" + "\n".join(result["counts"]["rejected_package"]))
    return result


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(run[key] for run in runs if run[key] is not None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--work", type=Path, help="folder for the package and the databases (kept)")
    parser.add_argument("--package", type=Path, help="the package to import (default: exported from the demo)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    from common import demo_database

    began = time.perf_counter()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-package-import-"))
    work.mkdir(parents=True, exist_ok=True)
    package = args.package or work / f"package-{args.teachers}.zip"
    if not package.exists():
        database = demo_database(args.teachers)
        db = database.path
        database.dispose()
        assert db is not None
        db = shared.unique_keys_copy(db, work)
        shared._timed(shared.export_pedesk(db, package, *shared.WIDE), None)
        print(f"made the package (not measured): {package}")
    imports, floors, reimports = [], [], []
    for index in range(args.repeat):
        floors.append(spawn("floor", shared.fresh_database(work, f"floor-{index}"), package))
        target = shared.fresh_database(work, f"import-{index}")
        imports.append(spawn("pedesk", target, package))
        reimports.append(spawn("pedesk", target, package))
    added, again = imports[0]["counts"]["added"], reimports[-1]["counts"]
    changed = sum(sum(again[name].values()) for name in ("added", "updated", "conflicts", "rejected"))
    print(f"package {package.name}: {sum(floors[0]['counts'].values()):,} rows; pedesk added "
          f"{sum(added.values()):,}; the re-import: {sum(again['unchanged'].values()):,} unchanged, {changed} other")
    floor_s = _median(floors, "seconds")
    print(f"{'measure':<30} {'median s':>9} {'ratio':>6} {'goal':>6} {'peak MB':>8}   runs")
    for name, runs, goal in (("import into an empty database", imports, IMPORT_GOAL),
                             ("re-import (nothing new)", reimports, REIMPORT_GOAL),
                             ("floor: calamine + executemany", floors, None)):
        seconds = _median(runs, "seconds")
        ratio = f"{seconds / floor_s:.2f}" if goal else ""
        print(f"{name:<30} {seconds:>9.1f} {ratio:>6} {goal or '':>6} {_median(runs, 'peak_mb'):>8.0f}   "
              + ", ".join(f"{run['seconds']:.1f}" for run in runs))
    print(f"goals: import <= {IMPORT_GOAL}x, re-import <= {REIMPORT_GOAL}x the floor, peak < {MEMORY_GOAL_MB} MB; "
          f"total benchmark time {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
