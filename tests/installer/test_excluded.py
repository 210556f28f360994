"""The installer leaves out the parts of Qt that pedesk never loads (installer/excluded.txt, issue 15 point 2);
this finds every Qt module pedesk imports, and every Qt library those need (read off the Linux build's own
libraries: a module's dependencies are the same on Windows), and proves that no exclusion drops one of them,
nor the Windows platform plugin, styles, image formats and print support that a window needs."""

from __future__ import annotations

import ast
import fnmatch
import re
import shutil
import subprocess
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parents[2]
PYSIDE = Path(PySide6.__file__).resolve().parent


def _exclusions() -> list[re.Pattern[str]]:
    """installer/excluded.txt as pynsist applies it (nsist.wheels.make_exclude_regexen)."""
    patterns = [line.strip() for line in (ROOT / "installer" / "excluded.txt").read_text("utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    regexen = set()
    for pattern in patterns:
        regexen.add(fnmatch.translate(pattern))
        if not pattern.endswith("*"):
            regexen.add(fnmatch.translate(pattern + ("*" if pattern.endswith("/") else "/*")))
    return [re.compile(text) for text in sorted(regexen)]


def imported_qt_modules() -> set[str]:
    """Every PySide6 module pedesk imports, anywhere (inside functions too)."""
    found: set[str] = set()
    for path in (ROOT / "pedesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            found.update(name.split(".")[1] for name in names if name.startswith("PySide6.Qt"))
    return found


def _needed(library: Path) -> set[str]:
    """The Qt libraries ``library`` links against (libQt6Network.so.6 -> Network)."""
    said = subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"\[libQt6(\w+)\.so", said))


def qt_libraries(modules: set[str]) -> set[str]:
    """The Qt libraries the modules need, all the way down."""
    libraries = PYSIDE / "Qt" / "lib"
    todo = set().union(*(_needed(PYSIDE / f"{module}.abi3.so") for module in modules))
    done: set[str] = set()
    while todo:
        name = todo.pop()
        done.add(name)
        todo |= _needed(libraries / f"libQt6{name}.so.6") - done
    return done


@pytest.mark.skipif(shutil.which("readelf") is None, reason="readelf (binutils) is not installed")
def test_no_exclusion_drops_what_pedesk_loads() -> None:
    modules = imported_qt_modules()
    assert {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPrintSupport"} <= modules  # the scan works
    libraries = qt_libraries(modules)
    assert "Network" in libraries  # QtPdf needs it: found through the libraries, not the imports
    kept = [f"pkgs/PySide6/{module}.pyd" for module in modules]
    kept += [f"pkgs/PySide6/Qt6{library}.dll" for library in libraries]
    kept += ["pkgs/PySide6/__init__.py", "pkgs/shiboken6/shiboken6.abi3.dll", "pkgs/shiboken6/Shiboken.pyd",
             "pkgs/PySide6/plugins/platforms/qwindows.dll", "pkgs/PySide6/plugins/styles/qmodernwindowsstyle.dll",
             "pkgs/PySide6/plugins/imageformats/qjpeg.dll", "pkgs/PySide6/plugins/imageformats/qico.dll",
             "pkgs/PySide6/translations/qtbase_kk.qm", "pkgs/PySide6/translations/qtbase_ru.qm",
             "pkgs/PySide6/pyside6.abi3.dll", "pkgs/pedesk/resources/translations/kk.po"]
    exclusions = _exclusions()
    dropped = [path for path in kept if any(pattern.match(path) for pattern in exclusions)]
    assert dropped == []


def test_the_exclusions_take_away_what_the_issue_names() -> None:
    exclusions = _exclusions()
    for path in ("pkgs/PySide6/Qt6WebEngineCore.dll", "pkgs/PySide6/Qt6Quick.dll", "pkgs/PySide6/Qt6Qml.dll",
                 "pkgs/PySide6/Qt63DRender.dll", "pkgs/PySide6/Qt6Multimedia.dll", "pkgs/PySide6/avcodec-61.dll",
                 "pkgs/PySide6/Qt6Designer.dll", "pkgs/PySide6/designer.exe", "pkgs/PySide6/opengl32sw.dll",
                 "pkgs/PySide6/qml/QtQuick/Controls/qmldir"):
        assert any(pattern.match(path) for pattern in exclusions), path
