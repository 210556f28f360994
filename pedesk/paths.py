"""Where pedesk keeps its data and finds its resources. No Qt here."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "pedesk"
APP_AUTHOR = "pedesk"


def resources_dir() -> Path:
    """The folder with translations, forms and fonts (``PEDESK_RESOURCES`` overrides it)."""
    override = os.environ.get("PEDESK_RESOURCES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The user's data folder (``PEDESK_DATA_DIR`` overrides it, for tests and portable installs)."""
    override = os.environ.get("PEDESK_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "pedesk.sqlite3"


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
