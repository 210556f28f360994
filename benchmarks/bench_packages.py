"""Data package EXPORT (п.17, issue 17 point 1) on a big region: pedesk's ``export_package`` against its floor.

    .venv/bin/python benchmarks/bench_packages.py [--teachers 100000] [--repeat 1]

The import and re-import of a package are measured by benchmarks/bench_package_import.py (they were here
before). The package is a consolidated export of the widest period (2000-01-01 to 2100-12-31), everything the
demo made for the whole region. Every run is a fresh Python process running only that operation (the clock
starts after the imports and after opening the database), which gives its peak resident memory (``ru_maxrss``).
Figures are medians of ``--repeat`` runs, the floor and pedesk interleaved.

* floor: XlsxWriter in ``constant_memory`` writing the same rows: the same ``Selection`` materialised, the same
  ``ROW_QUERIES`` SQL streamed with ``yield_per``, each row put with ``write_row`` after the two heading rows,
  the workbook closed and put into a deflated ZIP. No manifest, no hashes, no conversions beyond XlsxWriter's.
* pedesk: ``export_package`` (consolidated) in a session that is rolled back (the cached demo stays as it was).
  Goal: within 1.5x of the floor, peak memory under 500 MB.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

try:
    import resource
except ImportError:  # Windows: no peak memory figures
    resource = None  # type: ignore[assignment]

EXPORT_GOAL, MEMORY_GOAL_MB = 1.5, 500
WIDE = (date(2000, 1, 1), date(2100, 12, 31))


def _peak_mb() -> float | None:
    if resource is None:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _rss_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _timed(action: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    ready = _rss_mb()
    started = time.perf_counter()
    counts = action()
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "ready_mb": ready, "counts": counts}


def _open(path: Path) -> Any:
    from pedesk.models.schema import open_database

    database, _report = open_database(f"sqlite:///{path}")
    return database


def export_pedesk(db: Path, out: Path, start: date, end: date) -> Callable[[], dict[str, Any]]:
    from pedesk.services.packages import export_package

    database = _open(db)

    def run() -> dict[str, Any]:
        session = database.sessions()
        session.info["user"] = "bench"
        try:
            result = export_package(session, out, start=start, end=end, label="bench", by="bench",
                                    consolidated=True)
        finally:
            session.rollback()  # the export's PackageLog row: keep the cached demo database as it was
            session.close()
            database.dispose()
        return dict(result.counts)

    return run


def export_floor(db: Path, out: Path, start: date, end: date) -> Callable[[], dict[str, Any]]:
    from xlsxwriter import Workbook

    from pedesk.services.packages import DATA_NAME, ROW_QUERIES, SHEETS, Selection

    database = _open(db)

    def run() -> dict[str, Any]:
        session = database.sessions()
        counts: dict[str, int] = {}
        try:
            with tempfile.TemporaryDirectory(prefix="bench-export-") as folder:
                data = Path(folder) / DATA_NAME
                workbook = Workbook(str(data), {"constant_memory": True, "tmpdir": folder})
                selection = Selection(start, end, consolidated=True)
                selection.materialise(session)
                for spec in SHEETS:
                    sheet = workbook.add_worksheet(spec.kk[:31])
                    sheet.write_row(0, 0, [column.heading for column in spec.columns])
                    sheet.write_row(1, 0, list(spec.names))
                    number = 1
                    query = ROW_QUERIES[spec.name](selection)
                    for number, row in enumerate(session.execute(query, execution_options={"yield_per": 2000}), 2):
                        sheet.write_row(number, 0, row)
                    counts[spec.name] = number - 1
                selection.release(session)
                workbook.close()
                with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                    archive.write(data, DATA_NAME)
        finally:
            session.rollback()
            session.close()
            database.dispose()
        return counts

    return run


def child(args: argparse.Namespace) -> None:
    kind, paths = args.child[0], [Path(value) for value in args.child[1:]]
    action = {"pedesk": export_pedesk, "floor": export_floor}[kind]
    print(json.dumps(_timed(action(paths[0], paths[1], args.start, args.end))))


def spawn(args: argparse.Namespace, kind: str, *paths: Path) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *map(str, paths),
               "--from", args.start.isoformat(), "--to", args.end.isoformat()]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"{kind} failed (exit {done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [run[key] for run in runs if run[key] is not None]
    return statistics.median(values) if values else None


def _line(name: str, runs: list[dict[str, Any]], ratio: str = "", goal: str = "") -> None:
    peak = _median(runs, "peak_mb")
    each = ", ".join(f"{run['seconds']:.1f}" for run in runs)
    print(f"{name:<34} {_median(runs, 'seconds') or 0:>8.1f} {ratio:>7} {goal:>8} "
          f"{'n/a' if peak is None else f'{peak:.0f}':>9}   runs: {each}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--from", dest="start", type=date.fromisoformat, default=WIDE[0])
    parser.add_argument("--to", dest="end", type=date.fromisoformat, default=WIDE[1])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    from common import demo_database

    began = time.perf_counter()
    database = demo_database(args.teachers)
    db = database.path
    database.dispose()
    assert db is not None
    work = Path(tempfile.mkdtemp(prefix="bench-packages-"))
    try:
        print(f"database: {db.name}; consolidated package of {args.start} - {args.end}; median of {args.repeat} "
              "run(s) each, every run a fresh process")
        floors, exports = [], []
        for index in range(args.repeat):
            floors.append(spawn(args, "floor", db, work / f"floor-{index}.zip"))
            exports.append(spawn(args, "pedesk", db, work / f"package-{index}.zip"))
        counts = exports[0]["counts"]
        print(f"rows: {sum(counts.values()):,}; package {(work / 'package-0.zip').stat().st_size / 1e6:.1f} MB, "
              f"floor's ZIP {(work / 'floor-0.zip').stat().st_size / 1e6:.1f} MB")
        if floors[0]["counts"] != counts:
            print(f"!! the floor wrote other rows: {floors[0]['counts']}")
        ratio = (_median(exports, "seconds") or 0) / (_median(floors, "seconds") or 1)
        peak = _median(exports, "peak_mb")
        print(f"{'':<34} {'seconds':>8} {'ratio':>7} {'goal':>8} {'peak MB':>9}")
        _line("floor: xlsxwriter constant_memory", floors)
        _line("pedesk export_package", exports, f"{ratio:.2f}", f"<={EXPORT_GOAL}")
        within = ratio <= EXPORT_GOAL and (peak is None or peak < MEMORY_GOAL_MB)
        print(f"export: {ratio:.2f}x the floor, peak {'n/a' if peak is None else f'{peak:.0f}'} MB "
              f"({'within' if within else 'NOT within'} the goal of {EXPORT_GOAL}x and {MEMORY_GOAL_MB} MB); "
              f"{time.perf_counter() - began:.0f} s in all")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
