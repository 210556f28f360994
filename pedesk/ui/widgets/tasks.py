"""One way to run long work off the UI thread, with a progress dialog and Cancel.

The work is a plain function ``work(progress) -> result`` that never touches widgets; it reports through
the ``progress(done, total, stage)`` callback it is given, which raises ``Cancelled`` once the user has
pressed Cancel. Results and errors come back on the UI thread through callbacks. Work that writes to the
database runs on a single writer thread, so two writes never race.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from pedesk.i18n import _
from pedesk.services.common import Cancelled, ProgressCallback, ValidationError, fault_message

Work = Callable[[ProgressCallback], Any]
UPDATE_INTERVAL = 0.1  # the dialog is updated at most ten times a second
SHOW_AFTER_MS = 500


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, work: Work, signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.work = work
        self.signals = signals
        self.cancel = cancel
        self._last = 0.0

    def _progress(self, done: int, total: int, stage: str) -> None:
        if self.cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if now - self._last >= UPDATE_INTERVAL or done >= total:
            self._last = now
            self.signals.progress.emit(done, total, stage)

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the UI thread
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.finished.emit(result)


class TaskHandle(QObject):
    """A running job: ``cancel()`` asks it to stop; ``done`` fires once it ended, whatever the outcome."""

    done = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self.signals = _Signals()
        self.dialog: QProgressDialog | None = None
        self.running = True

    def cancel(self) -> None:
        self.cancel_event.set()


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.readers = QThreadPool(self)
        self.readers.setMaxThreadCount(2)
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)
        self.pending = 0  # jobs started whose end has not reached the UI thread yet

    @property
    def idle(self) -> bool:
        """No job is running or waiting for its answer on the UI thread (tests wait for this)."""
        return self.pending == 0

    def run(
        self,
        work: Work,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_problem: Callable[[str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        parent: QWidget | None = None,
        title: str = "",
        writes: bool = True,
        show_progress: bool = True,
    ) -> TaskHandle:
        handle = TaskHandle(self)
        self.pending += 1
        handle.done.connect(self._ended)
        if show_progress and parent is not None:
            handle.dialog = _progress_dialog(parent, title, handle)
        handle.signals.progress.connect(lambda d, t, s: _update(handle, d, t, s))
        handle.signals.finished.connect(lambda result: _end(handle, lambda: on_done and on_done(result)))
        def failed(exc: BaseException, trace: str) -> None:
            text = problem_text(exc) if on_problem is not None else None
            if on_problem is not None and text is not None:
                on_problem(text)
            else:
                (on_error or _default_error(parent, trace))(exc)

        handle.signals.failed.connect(lambda exc, trace: _end(handle, lambda: failed(exc, trace)))
        handle.signals.cancelled.connect(lambda: _end(handle, lambda: on_cancelled and on_cancelled()))
        pool = self.writer if writes else self.readers
        pool.start(_Job(work, handle.signals, handle.cancel_event))
        return handle

    def _ended(self) -> None:
        self.pending -= 1

    def wait(self, msecs: int = 30_000) -> bool:
        return bool(self.writer.waitForDone(msecs) and self.readers.waitForDone(msecs))


def _progress_dialog(parent: QWidget, title: str, handle: TaskHandle) -> QProgressDialog:
    dialog = QProgressDialog(title or _("Working…"), _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title or _("Working…"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(handle.cancel)
    return dialog


def _update(handle: TaskHandle, done: int, total: int, stage: str) -> None:
    dialog = handle.dialog
    if dialog is None:
        return
    # a modal dialog's setValue runs the event loop, where the job's end can close the dialog: the label first
    if stage:
        dialog.setLabelText(stage)
    dialog.setMaximum(max(total, 0))
    if handle.dialog is dialog:
        dialog.setValue(min(done, total) if total else 0)


def _end(handle: TaskHandle, then: Callable[[], object]) -> None:
    handle.running = False
    if handle.dialog is not None:
        handle.dialog.canceled.disconnect(handle.cancel)
        handle.dialog.close()
        handle.dialog.deleteLater()
        handle.dialog = None
    try:
        then()
    finally:
        handle.done.emit()


def problem_text(exc: BaseException) -> str | None:
    """What to tell the user of a failure they can mend (``run``'s ``on_problem``): a refusal, or a file that could
    not be written (open in Excel, a folder without rights, a full disk); None for anything else, which gets the
    error dialog with the details."""
    if isinstance(exc, ValidationError):
        return str(exc)
    if not isinstance(exc, OSError) and (fault := fault_message(exc)) is not None:
        return fault  # the database is locked by another program, or its drive is gone
    if isinstance(exc, OSError):
        return _("The file could not be written: {error}. If it is open in another program (Excel, a PDF viewer), "
                 "close it and try again, or choose another folder.").format(error=exc.strerror or exc)
    return None


def _default_error(parent: QWidget | None, trace: str) -> Callable[[BaseException], None]:
    def show(exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            QMessageBox.warning(parent, _("Please check"), str(exc))
            return
        if (fault := fault_message(exc)) is not None:  # a full disk, a locked database: no details needed
            QMessageBox.warning(parent, _("Please check"), fault)
            return
        box = QMessageBox(QMessageBox.Icon.Critical, _("Something went wrong"),
                          _("The work stopped because of an error; nothing was changed.\n{error}").format(error=exc),
                          QMessageBox.StandardButton.Ok, parent)
        box.setDetailedText(trace)
        box.exec()

    return show
