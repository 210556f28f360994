"""Start-up and close: the first paint of pedesk's main window on the demo database against a bare QMainWindow with
a QTableView (the floor), both in fresh processes of the same run; `pedesk --version` and `pedesk --help` against
`python -c pass`; and how long closing the window right after its first paint takes (background work cancelled).

    .venv/bin/python benchmarks/bench_startup.py [--teachers 100000] [--repeat 5]

First paint: from the moment the process is started to the first paint event of the window, and the process's
peak memory (RSS) then. Goals (issue 17, point 4): the first paint within 3x of the floor; --version and --help
under 0.3 s; a close right after the start returns at once. Medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parents[1]

# Each probe prints one JSON line: the wall-clock time of the first paint, the peak RSS (KiB) at that moment and,
# for the close probe, the time the close was asked for and how long `close()` took.
_PAINTED = """
import json, os, resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

CLOSE = os.environ.get("BENCH_CLOSE") == "1"

class FirstPaint(QObject):
    done = False

    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            self.done = True
            painted = time.time()
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            if not CLOSE:
                print(json.dumps({"painted": painted, "rss_kib": rss}), flush=True)
                os._exit(0)
            window = watched
            def close():
                asked = time.time()
                window.close()
                print(json.dumps({"painted": painted, "rss_kib": rss, "close_asked": asked,
                                  "close_ms": (time.time() - asked) * 1000}), flush=True)
            QTimer.singleShot(0, close)
        return False

app = QApplication(sys.argv[:1])
spy = FirstPaint()
app.installEventFilter(spy)
"""

PEDESK_PROBE = _PAINTED + """
from pedesk.cli import main
raise SystemExit(main([]))
"""

FLOOR_PROBE = _PAINTED + """
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView
window = QMainWindow()
model = QStandardItemModel(0, 5)
view = QTableView()
view.setModel(model)
window.setCentralWidget(view)
window.resize(1280, 800)
window.show()
app.exec()
"""


def _environment(database: Path, home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PEDESK_DB": str(database), "PEDESK_LANG": "kk", "QT_QPA_PLATFORM": "offscreen",
                "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"), "HOME": str(home)})
    return env


def _probe(code: str, env: dict[str, str]) -> dict[str, float]:
    """Run a probe in a fresh process; its figures, with the time from the start of the process to its first paint
    and (close probe) from the close asked for to the end of the process."""
    started = time.time()
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    ended = time.time()
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"the probe printed no figures (exit {done.returncode}):\n{done.stderr[-2000:]}")
    figures = json.loads(lines[-1])
    figures["paint_s"] = figures["painted"] - started
    if "close_asked" in figures:
        figures["close_to_exit_s"] = ended - figures["close_asked"]
    return figures


def _wall(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, timeout=60, check=True)
    return time.perf_counter() - started


def _median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from common import demo_database  # the demo made once (and migrated), in PEDESK_BENCH_DIR

    demo_database(args.teachers).dispose()
    from common import CACHE

    source = CACHE / f"demo-{args.teachers}-1.sqlite3"
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        home = Path(folder)
        database = home / source.name
        shutil.copyfile(source, database)  # the window may write (its settings); the cached demo stays as it was
        env = _environment(database, home)
        _probe(FLOOR_PROBE, env)  # warm the file cache for both
        _probe(PEDESK_PROBE, env)
        ours, floor = [], []
        for _ in range(args.repeat):  # alternated, so that both see the same machine
            floor.append(_probe(FLOOR_PROBE, env))
            ours.append(_probe(PEDESK_PROBE, env))
        closing = [_probe(PEDESK_PROBE, {**env, "BENCH_CLOSE": "1"}) for _ in range(args.repeat)]
        cli: dict[str, list[float]] = {"pass": [], "--version": [], "--help": []}
        for _ in range(max(args.repeat, 7)):
            cli["pass"].append(_wall([sys.executable, "-c", "pass"], env))
            cli["--version"].append(_wall([sys.executable, "-m", "pedesk", "--version"], env))
            cli["--help"].append(_wall([sys.executable, "-m", "pedesk", "--help"], env))

    paint, paint_floor = _median([f["paint_s"] for f in ours]), _median([f["paint_s"] for f in floor])
    rss, rss_floor = _median([f["rss_kib"] for f in ours]) / 1024, _median([f["rss_kib"] for f in floor]) / 1024
    print(f"first paint at {args.teachers} teachers (medians of {args.repeat}, fresh processes):")
    print(f"  pedesk      {paint:6.2f} s  {rss:6.0f} MB peak")
    print(f"  bare window {paint_floor:6.2f} s  {rss_floor:6.0f} MB peak")
    print(f"  ratio       {paint / paint_floor:6.1f}x  (goal: within 3x)   memory {rss / rss_floor:.1f}x")
    floor_cli = _median(cli["pass"])
    print("command line (medians):")
    print(f"  python -c pass    {floor_cli:6.3f} s")
    for name in ("--version", "--help"):
        value = _median(cli[name])
        print(f"  pedesk {name:<10} {value:6.3f} s  ({value / floor_cli:.1f}x the bare interpreter; goal: under 0.3 s)")
    close_ms = _median([f["close_ms"] for f in closing])
    to_exit = _median([f["close_to_exit_s"] for f in closing])
    print("closing the window right after its first paint (medians):")
    print(f"  close() returns in {close_ms:6.0f} ms; the process has ended {to_exit:5.2f} s after the close")


if __name__ == "__main__":
    main()
