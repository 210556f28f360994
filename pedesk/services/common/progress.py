"""Progress and cancellation for long work (printing, imports, exports), with no Qt.

A service takes ``progress: ProgressCallback | None`` and calls it as it goes; the UI's callback raises
``Cancelled`` when the user pressed Cancel, which unwinds the service and rolls its transaction back.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressCallback = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The user cancelled; nothing was changed."""


def report(progress: ProgressCallback | None, done: int, total: int, stage: str = "") -> None:
    if progress is not None:
        progress(done, total, stage)
