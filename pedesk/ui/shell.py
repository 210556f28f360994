"""The app from the start to Quit: on a database that has users, the sign-in first (Quit there ends the app); then
the main window (over it the office's setup while the office is not set up and the user may set it up); File >
Sign out closes the window and asks for a sign-in again. A database without users opens the window at once."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from pedesk.services import access
from pedesk.ui.access.sign_in import SignInDialog
from pedesk.ui.context import AppContext
from pedesk.ui.main_window import MainWindow
from pedesk.ui.settings.first_start import FirstStartDialog, needs_first_start

__all__ = ["Shell"]


class Shell(QObject):
    """Who is signed in and the window they work in; ``quit_requested`` when the sign-in was left with Quit."""

    quit_requested = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)  # lives as long as the context
        self.context = context
        self.window: MainWindow | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.setup_dialog: FirstStartDialog | None = None

    def start(self) -> Shell:
        if self.context.actor is None and access.database_has_users(self.context.database):
            self.ask_sign_in()
        else:
            self.open_window()
        return self

    def ask_sign_in(self) -> SignInDialog:
        dialog = SignInDialog(self.context)
        dialog.signed_in.connect(lambda _actor: self.open_window())
        dialog.rejected.connect(self.quit_requested.emit)
        self.sign_in_dialog = dialog
        dialog.open()
        return dialog

    def open_window(self) -> MainWindow:
        window = MainWindow(self.context)
        window.sign_out_requested.connect(self.sign_out)
        self.window = window
        window.show()
        if self.context.may(access.Action.SETTINGS) and needs_first_start(self.context):
            self.setup_dialog = FirstStartDialog(self.context, window)
            self.setup_dialog.open()
        return window

    def sign_out(self) -> SignInDialog:
        """Close the window and forget the user; the sign-in is shown first, so the app does not end."""
        window, self.window = self.window, None
        dialog = self.ask_sign_in()
        if window is not None:
            window.close()
        self.context.set_actor(None)
        if window is not None:
            window.deleteLater()
        return dialog
