"""Files the user picks: the save-file dialog in the folder last used for such files (remembered in the window
settings), and the message that says where a written file went, with Open folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from pedesk.i18n import _
from pedesk.ui.window_settings import window_settings

__all__ = ["ask_save_file", "remember_folder", "remembered_folder", "tell_saved"]


def remembered_folder(key: str, *, documents: bool = True) -> str:
    """The folder last used under ``key``; before the first use the user's Documents (or "" with
    ``documents`` False: the dialog's own choice)."""
    fallback = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) if documents else ""
    return str(window_settings().value(key, "") or fallback)


def remember_folder(key: str, path: Path) -> None:
    """Remember the folder of ``path`` under ``key``."""
    settings = window_settings()
    settings.setValue(key, str(path.parent))
    settings.sync()


def ask_save_file(parent: QWidget, title: str, file_name: str, file_filter: str, folder_key: str,
                  suffixes: tuple[str, ...]) -> Path | None:
    """The save-file dialog offering ``file_name`` in the folder last used under ``folder_key``; the first of
    ``suffixes`` (".pdf") is added when the name ends in none of them. None when cancelled."""
    path, _chosen = QFileDialog.getSaveFileName(parent, title, str(Path(remembered_folder(folder_key)) / file_name),
                                                file_filter)
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() not in suffixes:
        target = target.with_name(f"{target.name}{suffixes[0]}")
    remember_folder(folder_key, target)
    return target


def tell_saved(parent: QWidget, title: str, text: str, path: Path) -> None:
    """Say that a file was written (``text`` names it); Open folder shows the folder it is in."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    folder_button = box.addButton(_("Open folder"), QMessageBox.ButtonRole.ActionRole)
    box.exec()
    if box.clickedButton() is folder_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
