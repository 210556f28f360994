"""Region consolidation (issue 17 point 2): 17 office packages merged into an empty region database, then the
consolidated package of the region exported, against its floor.

    .venv/bin/python benchmarks/bench_consolidation.py [--teachers 100000] [--offices 17] [--repeat 1]

``--teachers`` is the region's size: each of the ``--offices`` demo offices has ``teachers / offices`` teachers
rounded to the thousand (6,000 each at 100,000). Each office's demo database is made once (in
``PEDESK_BENCH_DIR``) and its package of the widest period exported once, not measured. Then, each in a fresh
process (medians, peak memory):

* pedesk: ``import_package`` of the 17 packages one after the other into a fresh region database (a transaction
  each, as the region does it), then ``export_package(consolidated=True)`` of the widest period;
* floor: the same 17 packages read with python-calamine and inserted with sqlite3 ``executemany`` (``INSERT OR
  IGNORE``: the offices share schools and providers) into another fresh database, then the consolidated rows
  (pedesk's ``ROW_QUERIES`` over the same selection) written by xlsxwriter ``constant_memory`` into a zip.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_package_import as loads  # noqa: E402 - after the path is set
import package_runs as shared  # noqa: E402

WIDE = shared.WIDE


def office_database(cache: Path, number: int, teachers: int) -> Path:
    from common import DEMO_TODAY

    from pedesk.models.schema import open_database
    from pedesk.services.demo import generate_demo

    path = cache / f"office-{number:02d}-{teachers}.sqlite3"
    if not path.exists():
        partial = path.with_suffix(".part")
        partial.unlink(missing_ok=True)
        database, _report = open_database(f"sqlite:///{partial}")
        generate_demo(database, teachers=teachers, seed=100 + number, today=DEMO_TODAY,
                      office_code=f"O{number:02d}-MK")
        database.dispose()
        for suffix in ("-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        partial.replace(path)
    return path


def pedesk_run(region: Path, packages: list[Path], out: Path) -> Any:
    from common import DEMO_TODAY

    from pedesk.services.packages import export_package, import_package

    database = shared._open(region)
    shared.raise_size_limits()

    def run() -> dict[str, Any]:
        added = 0
        for package in packages:
            with database.transaction("bench", immediate=True) as session:
                summary = import_package(session, package, today=DEMO_TODAY, by="bench")
            added += sum(summary.added.values())
        with database.transaction("bench") as session:
            result = export_package(session, out, start=WIDE[0], end=WIDE[1], label="bench", by="bench",
                                    consolidated=True)
        database.dispose()
        return {"added": added, "exported": sum(result.counts.values())}

    return run


def floor_run(region: Path, packages: list[Path], out: Path) -> Any:
    import xlsxwriter

    from pedesk.services.packages import DATA_NAME, ROW_QUERIES, SHEETS, Selection

    def run() -> dict[str, Any]:
        added = 0
        for package in packages:
            added += sum(loads.floor(region, package, ignore=True)().values())
        database = shared._open(region)
        session = database.sessions()
        exported = 0
        with tempfile.TemporaryDirectory(prefix="bench-consolidation-") as folder:
            data = Path(folder) / DATA_NAME
            book = xlsxwriter.Workbook(str(data), {"constant_memory": True})
            selection = Selection(*WIDE, consolidated=True)
            selection.materialise(session)
            for spec in SHEETS:
                sheet = book.add_worksheet(spec.kk[:31])
                sheet.write_row(0, 0, [column.heading for column in spec.columns])
                sheet.write_row(1, 0, list(spec.names))
                for number, row in enumerate(session.execute(ROW_QUERIES[spec.name](selection),
                                                             execution_options={"yield_per": 2000}), 2):
                    sheet.write_row(number, 0, [loads._plain(value) for value in row])
                    exported += 1
            book.close()
            session.rollback()
            session.close()
            database.dispose()
            with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.write(data, DATA_NAME)
        return {"added": added, "exported": exported}

    return run


def child(args: argparse.Namespace) -> None:
    kind, region, out, *packages = (Path(value) for value in args.child[1:])
    action = pedesk_run if args.child[0] == "pedesk" else floor_run
    print(json.dumps(shared._timed(action(region, list(packages), out), None)))


def spawn(kind: str, region: Path, out: Path, packages: list[Path]) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(region), str(out),
               *map(str, packages)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"{kind} failed (exit {done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--offices", type=int, default=17)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--work", type=Path, help="folder for the packages and the databases (kept)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    from common import CACHE

    began = time.perf_counter()
    each = args.teachers // args.offices
    each = round(each, -3) if each >= 1000 else max(each, 20)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-consolidation-"))
    work.mkdir(parents=True, exist_ok=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    packages = []
    for number in range(1, args.offices + 1):
        package = work / f"office-{number:02d}-{each}.zip"
        if not package.exists():
            db = office_database(CACHE, number, each)
            shared._timed(shared.export_pedesk(db, package, *WIDE), None)
        packages.append(package)
    print(f"{args.offices} office packages of {each:,} teachers each (made, not measured) in "
          f"{time.perf_counter() - began:.0f} s")
    pedesk_runs, floor_runs = [], []
    for index in range(args.repeat):
        floor_runs.append(spawn("floor", shared.fresh_database(work, f"floor-{index}"), work / "floor.zip", packages))
        pedesk_runs.append(spawn("pedesk", shared.fresh_database(work, f"region-{index}"), work / "region.zip",
                                 packages))
    floor_s = statistics.median(run["seconds"] for run in floor_runs)
    print(f"pedesk: {pedesk_runs[0]['counts']}; floor: {floor_runs[0]['counts']}")
    print(f"{'measure':<40} {'median s':>9} {'ratio':>6} {'peak MB':>8}")
    for name, runs in (("pedesk: 17 imports + consolidated export", pedesk_runs),
                       ("floor: calamine+executemany, xlsxwriter", floor_runs)):
        seconds = statistics.median(run["seconds"] for run in runs)
        peak = statistics.median(run["peak_mb"] or 0 for run in runs)
        print(f"{name:<40} {seconds:>9.1f} {seconds / floor_s:>6.2f} {peak:>8.0f}")
    print(f"total benchmark time {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
