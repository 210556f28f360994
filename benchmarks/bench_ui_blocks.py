"""The longest time the UI thread is held, per section's first screen and per main action or dialog.

    .venv/bin/python benchmarks/bench_ui_blocks.py [--teachers 100000] [--only post_course,planning]

Goal (issue 17 point 3): no page, dialog or action holds the UI thread more than 100 ms at 100,000 teachers.
A heartbeat timer ticks every 5 ms on the UI thread while each step runs and while its background work ends;
the longest gap between two ticks (or the step's own synchronous call, if longer) is the block. The floor,
measured in the same run: 200 rows put into a QStandardItemModel under a QTableView, shown and painted.
Each figure is the median of three runs; the ratio is pedesk's block over the floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # this checkout's pedesk

from common import DEMO_TODAY, demo_database  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QTableView, QWidget  # noqa: E402

from pedesk.i18n import set_language  # noqa: E402
from pedesk.ui.context import AppContext  # noqa: E402

SETTLE_S = 1.5  # how long background work may take after a step before the gaps stop being counted
GOAL_MS = 100


class Heartbeat:
    """Ticks on the UI thread; ``longest`` is the widest gap between ticks since ``reset``."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = 0
        self.longest = 0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.last = self.clock.elapsed()
        self.longest = 0


def settle(app: QApplication, context: AppContext | None, seconds: float = SETTLE_S) -> None:
    """Run the event loop until the background jobs ended (and ``seconds`` at most)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if context is not None and context.runner.readers.activeThreadCount() == 0 \
                and context.runner.writer.activeThreadCount() == 0 and time.monotonic() > end - seconds + 0.2:
            app.processEvents()
            break
        time.sleep(0.002)


def block_of(app: QApplication, beat: Heartbeat, context: AppContext | None, step: Callable[[], object]) -> float:
    """The longest UI-thread block of ``step`` and what it leaves for the event loop, in ms."""
    app.processEvents()
    beat.reset()
    started = time.perf_counter()
    step()
    own = (time.perf_counter() - started) * 1000
    settle(app, context)
    return max(own, float(beat.longest))


def floor_ms(app: QApplication, beat: Heartbeat) -> float:
    def step() -> None:
        model = QStandardItemModel(200, 6)
        for row in range(200):
            for column in range(6):
                model.setItem(row, column, QStandardItem(f"cell {row}:{column} Әлихан Бөкейхан"))
        view = QTableView()
        view.setModel(model)
        view.resize(1280, 800)
        view.show()
        app.processEvents()
        view.grab()
        view.close()
        view.deleteLater()

    return statistics.median(block_of(app, beat, None, step) for _ in range(3))


def show_page(app: QApplication, page: QWidget) -> None:
    page.resize(1280, 800)
    page.show()
    app.processEvents()
    page.grab()


def close_dialogs() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def open_dialog(app: QApplication, opener: Callable[[], object]) -> Callable[[], object]:
    """A step that opens a modal dialog through ``opener`` and closes it once it is painted."""
    def step() -> None:
        def close_when_shown() -> None:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog) and widget.isVisible():
                    widget.grab()
                    widget.reject()
        QTimer.singleShot(0, close_when_shown)
        opener()
    return step


def steps_of(app: QApplication, context: AppContext) -> dict[str, list[tuple[str, Callable[[QWidget], object]]]]:
    """Per section: its actions after the first screen, each a function of the page."""
    def tab(i: int) -> Callable[[QWidget], object]:
        return lambda page: page.tabs.setCurrentIndex(i)  # type: ignore[attr-defined]

    def search(attr: str, text: str) -> Callable[[QWidget], object]:
        def step(page: QWidget) -> None:
            lst = getattr(page, attr)
            lst.search.setText(text)
            lst.apply_filter()
        return step

    def refresh(kind: str) -> Callable[[QWidget], object]:
        return lambda _page: context.changed(kind)

    return {
        "post_course": [("tab: due", tab(1)), ("tab: expiring", tab(2)), ("tab: hours", tab(3)),
                        ("search listeners", search("listeners", "Ә")),
                        ("support report dialog", lambda page: open_dialog(app, page.ask_report)()),  # type: ignore[attr-defined]
                        ("data changed: support", refresh("support"))],
        "planning": [("data changed: plan", refresh("plan"))],
        "schedule": [("data changed: cohort", refresh("cohort"))],
        "dashboard": [("data changed: cohort", refresh("cohort"))],
        "listeners": [("data changed: teacher", refresh("teacher"))],
        "certificates": [("data changed: certificate", refresh("certificate"))],
        "assessments": [("data changed: cohort", refresh("cohort"))],
        "reference": [("data changed: school", refresh("school"))],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--only", default="", help="comma-separated section keys (default: every section)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    set_language("kk")
    database = demo_database(args.teachers)
    app = QApplication.instance() or QApplication([])
    beat = Heartbeat()
    context = AppContext(database, today=lambda: DEMO_TODAY)
    from pedesk.ui.sections import FACTORIES

    floor = floor_ms(app, beat)
    print(f"database: {database.path.name if database.path else database}")
    print(f"floor: 200 rows into a QTableView, shown and painted: {floor:.1f} ms (median of 3)")
    print(f"{'section':<13} {'step':<28} {'pedesk ms':>10} {'floor ms':>9} {'ratio':>7} {'goal ms':>8}")
    wanted = [key for key in FACTORIES if not args.only or key in args.only.split(",")]
    steps = steps_of(app, context)
    worst: list[tuple[float, str]] = []
    for key in wanted:
        timings: dict[str, list[float]] = {}
        for _ in range(args.repeat):
            holder: list[QWidget] = []

            def first(key: str = key, holder: list[QWidget] = holder) -> None:
                page = FACTORIES[key](context)
                holder.append(page)
                show_page(app, page)

            timings.setdefault("first screen", []).append(block_of(app, beat, context, first))
            page = holder[0]
            for name, step in steps.get(key, []):
                timings.setdefault(name, []).append(block_of(app, beat, context,
                                                                      lambda step=step, page=page: step(page)))
                close_dialogs()
            page.close()
            page.deleteLater()
            settle(app, context, 0.3)
        for name, values in timings.items():
            value = statistics.median(values)
            worst.append((value, f"{key} / {name}"))
            mark = "" if value <= GOAL_MS else "  > goal"
            print(f"{key:<13} {name:<28} {value:>10.1f} {floor:>9.1f} {value / floor:>7.1f} {GOAL_MS:>8}{mark}",
                  flush=True)
    worst.sort(reverse=True)
    print("longest blocks: " + "; ".join(f"{label} {value:.0f} ms" for value, label in worst[:5]))
    context.runner.wait()
    database.dispose()


if __name__ == "__main__":
    main()
