"""Writing the files pedesk makes (PDFs, workbooks, packages) so that a failure never leaves half a file: checked
before anything is written, written under a temporary name in the target folder, then renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from pedesk.i18n import _
from pedesk.services.common.errors import ValidationError

__all__ = ["check_target", "write_atomically"]


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write`` with a temporary file in ``path``'s folder, then rename it to ``path``."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    partial = Path(name)
    try:
        write(partial)
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
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
