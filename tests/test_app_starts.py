"""The README's run command starts the app: `pedesk` with no command opens the window offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest


@pytest.mark.sqlite_only("the default database file in the data folder")
def test_pedesk_without_a_command_opens_the_window(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PEDESK_DATA_DIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "pedesk", "--lang", "kk"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        assert process.poll() is None, process.communicate()[1]
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    assert "Traceback" not in err
    assert (tmp_path / "pedesk.sqlite3").exists()


def test_main_window_shows_the_sections(qtbot, database) -> None:  # type: ignore[no-untyped-def]
    from pedesk import i18n
    from pedesk.ui.context import AppContext
    from pedesk.ui.main_window import MainWindow

    i18n.set_language("kk")
    window = MainWindow(AppContext(database))
    qtbot.addWidget(window)
    window.show()
    labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert labels[:2] == ["Басты бет", "Кесте"] and len(labels) == 12
    assert "кабинет бапталмаған" in window.windowTitle()
