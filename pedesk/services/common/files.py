"""Writing the files pedesk makes (PDFs, workbooks, packages, backups) so that a failure never leaves half a file:
checked before anything is written, written under a temporary name in the target folder, then renamed into place.
Whatever stops the writing (a full disk, a read-only folder, a drive that is gone, Ctrl+C), the temporary file and
its SQLite companions are removed; a fault of the machine becomes a :class:`Fault` that names the target."""

from __future__ import annotations

import contextlib
import inspect
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from pedesk.i18n import _
from pedesk.services.common.errors import ValidationError
from pedesk.services.common.faults import write_fault

__all__ = ["check_target", "remove_partial", "write_atomically"]

# what SQLite may leave beside a database file it was writing (a backup's copy)
_COMPANIONS = ("", "-journal", "-wal", "-shm")


def remove_partial(partial: Path) -> None:
    """Remove a half-written file and what SQLite may have left beside it; a file already gone is no error."""
    for suffix in _COMPANIONS:
        with contextlib.suppress(OSError):
            partial.with_name(partial.name + suffix).unlink()


def _close_streams(error: BaseException) -> None:
    """Close what a failed writer left open in the frames of ``error``: the generators through which openpyxl
    streams each sheet, and zip archives. Collected later, each would try to finish its file on the full disk
    and print a traceback."""
    trace = error.__traceback__
    while trace is not None:
        for value in list(trace.tb_frame.f_locals.values()):
            members = list(vars(value).values()) if hasattr(value, "__dict__") else []
            for stream in (value, *members):
                if (inspect.isgenerator(stream) and stream.gi_frame is not None) or isinstance(stream, zipfile.ZipFile):
                    with contextlib.suppress(Exception):
                        stream.close()
        trace = trace.tb_next


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write`` with a temporary file in ``path``'s folder, then rename it to ``path``.

    Raises :class:`~pedesk.services.common.faults.Fault` when the machine stops it (nothing is left behind);
    anything else ``write`` raises goes on as it is, after the temporary file is removed."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise (write_fault(path, exc) or exc) from exc
    os.close(handle)
    partial = Path(name)
    try:
        write(partial)
        os.replace(partial, path)
    except OSError as exc:
        _close_streams(exc)
        remove_partial(partial)
        fault = write_fault(path, exc)
        if fault is None:
            raise
        raise fault from exc
    except BaseException as exc:  # a refusal, Ctrl+C, the database read by ``write`` locked or gone: said as it is
        _close_streams(exc)
        remove_partial(partial)
        raise
    return path


def check_target(path: Path, folder_message: str | None = None) -> Path:
    """The file to write, refused before anything is written when it is a folder or its folder is missing.

    ``folder_message`` (translated, with ``{path}``) names what the file is, e.g. the schedule or a form.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        message = folder_message or _("{path} is a folder; give a file name for the schedule.")
        raise ValidationError.single("path", message.format(path=target))
    if not target.parent.is_dir():
        raise ValidationError.single("path", _(
            "The folder {path} does not exist; create it or choose another."
        ).format(path=target.parent))
    return target
