"""What the machine, not the input, can do to a piece of work: a full disk, a file too large for the file system, a
read-only or forbidden folder, a drive that is gone, a database locked by another program. Each becomes one
translated sentence that names the file and says what to do; the UI and the CLI show it as they show a refusal.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from pedesk.i18n import _, format_number
from pedesk.models.database import MOVED, busy_timeout_ms
from pedesk.services.common.errors import Problem, ValidationError
from pedesk.services.common.guards import guard_refusal

__all__ = ["Fault", "fault_message", "write_fault"]


class Fault(ValidationError):
    """A file or the database could not be used because of the machine; nothing was changed. A refusal of its
    own kind, so that every place that shows a refusal shows it too (the CLI exits 2, the UI says it)."""

    def __init__(self, message: str, field: str = "path") -> None:
        super().__init__([Problem(field, message)])
        self.message = message


_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_GONE = frozenset({errno.ENOENT, errno.ENOTDIR})
_UNREACHABLE = frozenset(getattr(errno, name) for name in (
    "EIO", "ENXIO", "ENODEV", "ESTALE", "EREMOTEIO", "ENOTCONN", "EHOSTDOWN", "EHOSTUNREACH", "ENETDOWN",
    "ENETUNREACH", "ETIMEDOUT", "ENOLINK") if hasattr(errno, name))
_IN_USE = frozenset({errno.EBUSY, errno.ETXTBSY})
# Windows: the sharing and lock violations (a file open in Excel), a drive not ready, a network path gone
_WINDOWS_IN_USE = frozenset({32, 33})
_WINDOWS_UNREACHABLE = frozenset({21, 51, 53, 59, 64, 67, 1231})
_PG_LOCK_NOT_AVAILABLE = "55P03"


def _reason(kind: str) -> str:
    """The cause and the remedy, as the middle of a sentence (after "Could not write X:")."""
    reasons = {
        "full": _("the disk is full; free some space or choose another disk"),
        "too_large": _("the file is larger than this disk allows (a FAT32 memory stick takes files up to 4 GB); "
                       "choose another disk"),
        "read_only": _("the disk or folder is read-only; choose another folder"),
        "denied": _("pedesk may not write there, or the file is open in another program (Excel, a PDF viewer); "
                    "close it or choose another folder"),
        "gone": _("the folder is missing, or the network or removable drive it is on is not connected; connect it "
                  "or choose another folder"),
        "unreachable": _("the disk reported an input/output error: its network or removable drive may have been "
                         "disconnected, or the disk is full; check the drive and try again"),
        "in_use": _("the file is open in another program; close it and try again"),
        "locked": _("another program (another pedesk, a backup or a synchronisation tool) kept it locked for longer "
                    "than {seconds} s; close that program or wait, then try again").format(
                        seconds=format_number(round(busy_timeout_ms() / 1000, 1))),
        "read_only_database": _("the file or its folder is read-only, or the file was moved or deleted while pedesk "
                                "was working; check the drive and the file, then try again"),
        "moved": _("the file was moved or deleted, or its drive was disconnected, while pedesk was working; connect "
                   "the drive or put the file back, then start pedesk again"),
        "cannot_open": _("it cannot be opened: its folder is missing or read-only, or its drive is not connected; "
                         "connect the drive or choose another database file"),
        "not_database": _("the file is not a database or it is damaged; choose another file or restore it from a "
                          "backup"),
    }
    return reasons[kind]


def _os_kind(error: OSError) -> str | None:
    winerror = getattr(error, "winerror", None)
    if winerror in _WINDOWS_IN_USE:
        return "in_use"
    if winerror in _WINDOWS_UNREACHABLE:
        return "unreachable"
    code = error.errno
    for kinds, kind in ((_FULL, "full"), (_GONE, "gone"), (_UNREACHABLE, "unreachable"), (_IN_USE, "in_use")):
        if code in kinds:
            return kind
    return {errno.EFBIG: "too_large", errno.EROFS: "read_only", errno.EACCES: "denied",
            errno.EPERM: "denied"}.get(code) if code is not None else None


def _sqlite_kind(error: sqlite3.Error) -> str | None:
    """SQLite says what went wrong by its result code (Python 3.11+) and in its message."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    table = (
        ("SQLITE_BUSY", "is locked", "locked"), ("SQLITE_LOCKED", "table is locked", "locked"),
        ("SQLITE_FULL", "disk is full", "full"), ("SQLITE_READONLY_DBMOVED", MOVED, "moved"),
        ("SQLITE_READONLY", "readonly database", "read_only_database"),
        ("SQLITE_CANTOPEN", "unable to open", "cannot_open"), ("SQLITE_IOERR", "disk i/o error", "unreachable"),
        ("SQLITE_NOTADB", "not a database", "not_database"), ("SQLITE_CORRUPT", "malformed", "not_database"),
    )
    return next((kind for code, words, kind in table if name.startswith(code) or words in text), None)


def _kind(error: BaseException) -> tuple[str, bool] | None:
    """The kind of fault, and whether the database (not a file) said it; None when it is no fault of the machine."""
    if isinstance(error, DBAPIError):
        original = error.orig
        if isinstance(original, sqlite3.Error):
            kind = _sqlite_kind(original)
            return (kind, True) if kind else None
        if getattr(original, "sqlstate", None) == _PG_LOCK_NOT_AVAILABLE:
            return "locked", True  # PostgreSQL: another writer held the lock past the lock timeout
        if error.connection_invalidated or type(original).__name__ == "OperationalError":
            return "server", True  # PostgreSQL: the server did not answer
        return None
    if isinstance(error, sqlite3.Error):
        kind = _sqlite_kind(error)
        return (kind, True) if kind else None
    if isinstance(error, OSError) and not isinstance(error, BrokenPipeError):
        kind = _os_kind(error)
        return (kind, False) if kind else None
    return None


def blames_database(error: BaseException) -> bool:
    """Whether ``error`` says the database is locked, damaged or not a database (rather than the disk written)."""
    found = _kind(error)
    return found is not None and found[0] in ("locked", "not_database")


def _elsewhere(path: Path, error: BaseException, kind: str) -> bool:
    """An error about another file than the one written (a missing font, a folder of resources): not a write fault
    of ``path``, whatever its kind, unless it is the disk itself (full, too large, failing)."""
    name = getattr(error, "filename", None)
    if not isinstance(error, OSError) or name is None or kind in ("full", "too_large", "unreachable"):
        return False
    return Path(str(name)).parent.resolve() != Path(path).parent.resolve()


def write_fault(path: Path, error: BaseException) -> Fault | None:
    """The fault that kept ``path`` from being written, named by ``path`` (not by the temporary file)."""
    found = _kind(error)
    if found is None or found[0] == "server" or _elsewhere(path, error, found[0]):
        return None
    kind = found[0]
    if kind == "cannot_open":  # SQLite could not create the copy (a backup)
        kind = "denied" if Path(path).parent.is_dir() else "gone"
    kind = {"read_only_database": "read_only", "locked": "in_use", "moved": "gone"}.get(kind, kind)
    return Fault(_("Could not write {path}: {reason}. Nothing was changed.").format(path=path, reason=_reason(kind)))


def _shown(database: str) -> str:
    """A database for the user: its file, or its URL without the password."""
    try:
        url = make_url(database)
    except Exception:  # noqa: BLE001 - a plain path
        return database
    if url.get_backend_name() == "sqlite":
        return url.database or database
    return url.render_as_string(hide_password=True)


def fault_message(error: BaseException, database: str | None = None) -> str | None:
    """One sentence for a fault of the machine (``database``: the file or URL in use, when known), or None when
    ``error`` is something else. A :class:`Fault` says its own message, and so does a refusal of the database's
    own guards (:func:`~pedesk.services.common.guards.guard_refusal`)."""
    if isinstance(error, Fault):
        return error.message
    refusal = guard_refusal(error)
    if refusal is not None:
        return refusal.problems[0].message
    found = _kind(error)
    if found is None:
        return None
    kind, from_database = found
    if kind == "server":
        detail = str(getattr(error, "orig", error)).strip().splitlines()
        reason = _("the database server did not answer ({error}); check the network and the server, then try "
                   "again").format(error=detail[0] if detail else "")
    else:
        reason = _reason(kind)
    if from_database:
        if database is None:
            return _("Could not use the database: {reason}. Nothing was changed.").format(reason=reason)
        return _("Could not use the database {path}: {reason}. Nothing was changed.").format(
            path=_shown(database), reason=reason)
    assert isinstance(error, OSError)
    where = error.filename or database
    if where is None:
        return _("Could not use a file: {reason}. Nothing was changed.").format(reason=reason)
    return _("Could not use {path}: {reason}. Nothing was changed.").format(path=where, reason=reason)
