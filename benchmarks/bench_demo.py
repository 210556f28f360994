"""`pedesk demo --teachers N` into a new database, against a plain sqlite3 load of as many rows.

    .venv/bin/python benchmarks/bench_demo.py [--teachers 400000] [--repeat 1]

pedesk: the command itself (`python -m pedesk demo --teachers N --db FILE`, a new file each run), its
wall-clock time and the peak memory of its process. Floor, in the same run: plain sqlite3 executemany of
the same number of rows as the demo wrote (all its tables together) into one table of ten columns (an
integer key, five texts, three integers, a real), in one transaction, the same journal settings as the
demo's load (journal in memory, no syncing). Goal at 400,000 teachers: under 150 s. Medians over
``--repeat`` runs, pedesk and the floor taking turns. The files go to PEDESK_BENCH_DIR (or
benchmarks/.cache) and are removed after.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("PEDESK_BENCH_DIR", ROOT / "benchmarks" / ".cache"))
GOAL_S = 150.0


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def run_demo(teachers: int, path: Path) -> tuple[float, int]:
    """(seconds, rows written) of one `pedesk demo` into a new file."""
    _remove(path)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pedesk", "--db", str(path), "demo", "--teachers", str(teachers),
                    "--today", "2026-11-25"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    with sqlite3.connect(path) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
            "AND name NOT LIKE 'teacher_fts%' AND name NOT LIKE 'sqlite_%'")]
        rows = sum(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables)
    conn.close()
    return seconds, rows


def floor(rows: int, path: Path) -> float:
    """Plain sqlite3: ``rows`` rows of ten columns by executemany in batches, one transaction."""
    _remove(path)
    started = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=MEMORY")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("CREATE TABLE row (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f INTEGER, "
                 "g INTEGER, h INTEGER, i REAL)")
    conn.execute("BEGIN")
    batch = 20_000
    for start in range(0, rows, batch):
        conn.executemany("INSERT INTO row VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (
            (n, f"Сейітова {n}", "2026-11-25 12:00:00.000000", f"KRG-MK-2026-{n:06}", "passed", "kk", n % 97, n % 13,
             n // 7, n * 0.5) for n in range(start + 1, min(rows, start + batch) + 1)))
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teachers", type=int, default=400_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    demo_path, floor_path = CACHE / "bench-demo.sqlite3", CACHE / "bench-demo-floor.sqlite3"
    pedesk_times, floor_times, rows = [], [], 0
    try:
        for _ in range(args.repeat):
            seconds, rows = run_demo(args.teachers, demo_path)
            pedesk_times.append(seconds)
            size = demo_path.stat().st_size
            floor_times.append(floor(rows, floor_path))
    finally:
        _remove(demo_path)
        _remove(floor_path)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pedesk, plain = statistics.median(pedesk_times), statistics.median(floor_times)
    print(f"demo of {args.teachers} teachers ({rows} rows, {size / 2**20:.0f} MB), median of {args.repeat} runs")
    print(f"{'pedesk demo':<28} {pedesk:>8.1f} s  peak {peak:.0f} MB  (goal < {GOAL_S:.0f} s at 400,000)")
    print(f"{'sqlite3 executemany floor':<28} {plain:>8.1f} s")
    print(f"{'ratio pedesk / floor':<28} {pedesk / plain:>8.2f}")


if __name__ == "__main__":
    main()
