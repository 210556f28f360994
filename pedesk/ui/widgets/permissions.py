"""What the signed-in user may not do stays disabled: a page ties each of its changing buttons (or menu actions) to
the action of the permission table it needs (pedesk.services.access), and while the user may not do it the control
is disabled, its tooltip naming the role needed. The services refuse such a change anyway; this only spares the
user a refusal. The page keeps enabling and disabling its controls as before (a row chosen or not): a locked
control stays disabled whatever the page asks, and gets the page's state back once the user may (another user
signed in)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QHelpEvent
from PySide6.QtWidgets import QToolTip, QWidget

from pedesk.i18n import _
from pedesk.services import access
from pedesk.ui.context import AppContext

__all__ = ["locked_reason", "needs_role", "require"]

Target = QWidget | QAction


def needs_role(action: access.Action) -> str:
    """Who may do ``action``: "Only a user with the role «head of the office» may do this: annulling …"."""
    either = " " + _("or") + " "
    roles = either.join(f"«{access.role_label(role)}»" for role in access.roles_for(action))
    return _("Only a user with the role {roles} may do this: {what}.").format(
        roles=roles, what=access.action_label(action))


class _Lock(QObject):
    """Keeps ``target`` disabled while the context's user may not do ``action``."""

    def __init__(self, target: Target, context: AppContext, action: access.Action) -> None:
        super().__init__(target)
        self.target = target
        self.context = context
        self.action = action
        self.locked = False
        self.forcing = False
        self.wanted = self._explicitly_enabled()
        self.own_tip = target.toolTip() if isinstance(target, QAction) else ""
        if isinstance(target, QWidget):
            target.installEventFilter(self)
        else:
            target.changed.connect(self._action_changed)
        context.user_changed.connect(self.update)
        context.language_changed.connect(self.update)
        self.update()

    def _explicitly_enabled(self) -> bool:
        if isinstance(self.target, QWidget):
            return not self.target.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
        return self.target.isEnabled()

    def reason(self) -> str:
        return needs_role(self.action) if self.locked else ""

    def update(self, _lang: str = "") -> None:
        """Lock or unlock for the user signed in now; the page's own state is left alone otherwise."""
        was = self.locked
        self.locked = not self.context.may(self.action)
        if self.locked and not was:
            self.wanted = self._explicitly_enabled()
            self._apply(False)
        elif was and not self.locked:
            self._apply(self.wanted)
        if isinstance(self.target, QAction):
            tip = self.reason() or self.own_tip
            self.forcing = True
            self.target.setToolTip(tip)
            self.target.setStatusTip(self.reason())
            self.forcing = False

    def _apply(self, enabled: bool) -> None:
        self.forcing = True
        try:
            self.target.setEnabled(enabled)
        finally:
            self.forcing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.EnabledChange and not self.forcing and self.locked:
            self.wanted = self._explicitly_enabled()  # the page's own wish, kept for when the user may
            if self.wanted:
                self._apply(False)
        elif event.type() == QEvent.Type.ToolTip and self.locked and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self.reason(), self.target if isinstance(self.target, QWidget)
                              else None)
            return True
        return False

    def _action_changed(self) -> None:
        if not self.forcing and self.locked and self.target.isEnabled():
            self.wanted = True  # the page's own wish, kept for when the user may
            self._apply(False)


def require(context: AppContext, action: access.Action, *targets: Target | None) -> None:
    """Each of ``targets`` (buttons, menu actions; None is skipped) needs ``action``: disabled, with a tooltip
    naming the role needed, while the signed-in user may not do it."""
    for target in targets:
        if target is not None:
            _Lock(target, context, action)


def locked_reason(target: Target) -> str:
    """Why ``target`` is disabled for the signed-in user ("" when the user may use it)."""
    locks = [child for child in target.children() if isinstance(child, _Lock)]
    return next((lock.reason() for lock in locks if lock.locked), "")
