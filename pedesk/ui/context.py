"""What every page shares: the database, the background runner and the app-wide signals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal

from pedesk.i18n import current_language
from pedesk.models.database import Database
from pedesk.models.database import current_user as login_name
from pedesk.ui.widgets.tasks import TaskRunner


class AppContext(QObject):
    #: the UI language changed (kk, ru, en): pages retranslate their labels
    language_changed = Signal(str)
    #: records of a kind changed ("cohort", "school", "office", ...): lists showing them refresh
    data_changed = Signal(str)

    def __init__(self, database: Database, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.database = database
        self.today = today
        self.user = login_name()
        self.runner = TaskRunner(self)

    @property
    def lang(self) -> str:
        return current_language()

    def changed(self, kind: str) -> None:
        self.data_changed.emit(kind)
