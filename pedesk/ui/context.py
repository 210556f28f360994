"""What every page shares: the database, the background runner, the signed-in user and the app-wide signals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal

from pedesk.i18n import current_language
from pedesk.models.database import Database
from pedesk.models.database import current_user as login_name
from pedesk.services import access
from pedesk.ui.widgets.tasks import TaskRunner


class AppContext(QObject):
    #: the UI language changed (kk, ru, en): pages retranslate their labels
    language_changed = Signal(str)
    #: records of a kind changed ("cohort", "school", "office", ...): lists showing them refresh
    data_changed = Signal(str)
    #: someone signed in or out (or the first administrator was added): pages check again what the user may do
    user_changed = Signal()

    def __init__(self, database: Database, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.database = database
        self.today = today
        self.os_user = login_name()
        self.user = database.actor.name if database.actor is not None else self.os_user
        self.runner = TaskRunner(self)
        self._may: dict[access.Action, bool] = {}

    @property
    def lang(self) -> str:
        return current_language()

    @property
    def actor(self) -> access.Actor | None:
        """The signed-in user (None on a database without users, or before signing in)."""
        actor = self.database.actor
        return actor if isinstance(actor, access.Actor) else None

    def set_actor(self, actor: access.Actor | None) -> None:
        """``actor`` signs in (None: signs out): the database's transactions act as them from now on."""
        self.database.actor = actor
        self.user = actor.name if actor is not None else self.os_user
        self._may.clear()
        self.user_changed.emit()

    def may(self, action: access.Action) -> bool:
        """Whether the signed-in user may do ``action`` (the services' own answer, asked once a user); the UI
        disables what the user may not do, the services refuse it anyway."""
        if action not in self._may:
            self._may[action] = access.may(self.database, action)
        return self._may[action]

    def changed(self, kind: str) -> None:
        self.data_changed.emit(kind)
