"""Where pedesk keeps its data and finds its resources. No Qt here."""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "pedesk"
APP_AUTHOR = "pedesk"


#: What pedesk cannot work without, relative to the resources folder: a missing one is an incomplete install.
REQUIRED_RESOURCES: tuple[str, ...] = (
    "translations/kk.po", "translations/ru.po", "forms/certificate.json", "forms/application.json",
    "forms/application_abroad.json", "forms/questionnaire.json", "forms/receipt.json", "forms/listeners_list.json",
    "import/headers.toml", "fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf", "fonts/NotoSerif-Regular.ttf",
    "fonts/NotoSerif-Bold.ttf",
)


def resources_dir() -> Path:
    """The folder with translations, forms, fonts and the import headings (``PEDESK_RESOURCES`` overrides it):
    the package ``pedesk.resources`` of an installed pedesk (the wheel maps the project's ``resources/`` there,
    see setup.py), else ``resources/`` beside the source tree (a checkout, an editable install)."""
    override = os.environ.get("PEDESK_RESOURCES")
    if override:
        return Path(override)
    installed = _installed_resources()
    if installed is not None:
        return installed
    return Path(__file__).resolve().parent.parent / "resources"


@cache
def _installed_resources() -> Path | None:
    try:
        spec = importlib.util.find_spec("pedesk.resources")
    except ImportError:
        return None
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    return Path(locations[0]) if locations else None


def missing_resources() -> list[str]:
    """The required resources that are not there (empty when the install is complete)."""
    folder = resources_dir()
    return [name for name in REQUIRED_RESOURCES if not (folder / name).is_file()]


def incomplete_install_message(missing: list[str]) -> str:
    """What to say when resources are missing. Not translated: the translations may be what is missing, so it
    says it in the three languages."""
    where = resources_dir()
    names = ", ".join(missing[:5]) + (f" (+{len(missing) - 5})" if len(missing) > 5 else "")
    return (f"pedesk орнатуы толық емес: {where} ішінде {names} жоқ. pedesk-ті қайта орнатыңыз.\n"
            f"Установка pedesk неполна: в {where} нет {names}. Переустановите pedesk.\n"
            f"The pedesk installation is incomplete: {names} missing in {where}. Install pedesk again.")


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
