"""Real faults of the machine for pedesk in a child process (issue 14, points 10 and 11), not mocks: a file-size
limit (``ulimit -f``), a read-only folder and a small full disk (a mount namespace, which root and, where the
kernel lets them, ordinary users may make; else ``chmod`` for a user), a database locked by another connection
holding ``BEGIN EXCLUSIVE`` (with a short ``PEDESK_BUSY_TIMEOUT``), a reader that closes the pipe."""

from __future__ import annotations

import functools
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUSY_SECONDS = "0.3"


@dataclass(frozen=True)
class Finished:
    """How a child ended: its exit code and what it printed."""

    code: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def _environment() -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key != "PEDESK_LANG"}
    # no .pyc is written under a file-size limit (a write past it would end the child before pedesk starts)
    environment.update(PYTHONDONTWRITEBYTECODE="1", PEDESK_BUSY_TIMEOUT=BUSY_SECONDS, QT_QPA_PLATFORM="offscreen")
    return environment


def _file_limit(size: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def run_child(command: Sequence[str], *, file_limit: int | None = None, wrap: Sequence[str] = ()) -> Finished:
    """``command`` in a child process, inside ``wrap`` (a mount namespace), with files limited to ``file_limit``
    bytes (as ``ulimit -f``) when given."""
    done = subprocess.run([*wrap, *command], capture_output=True, text=True, cwd=ROOT, env=_environment(),
                          preexec_fn=_file_limit(file_limit) if file_limit else None, timeout=300, check=False)
    return Finished(done.returncode, done.stdout, done.stderr)


def run_pedesk(*args: str, file_limit: int | None = None, wrap: Sequence[str] = ()) -> Finished:
    """``pedesk --lang en ARGS`` as a user runs it."""
    return run_child([sys.executable, "-m", "pedesk", "--lang", "en", *args], file_limit=file_limit, wrap=wrap)


@functools.cache
def mount_namespaces() -> bool:
    """Whether this user may mount in a namespace of its own (``unshare -rm``): root may, and so may an ordinary
    user where the kernel allows unprivileged user namespaces."""
    with tempfile.TemporaryDirectory() as folder:
        try:
            done = subprocess.run(["unshare", "-rm", "sh", "-c", 'mount -t tmpfs -o size=64k tmpfs "$0"', folder],
                                  capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return False
    return done.returncode == 0


def read_only(folder: Path) -> list[str]:
    """The wrapper in which ``folder`` is read-only: bound read-only onto itself in a mount namespace (which binds
    root too), else made read-only with ``chmod`` (which binds every user but root); skipped when neither works."""
    if mount_namespaces():
        script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" || exit 99; exec "$@"'
        return ["unshare", "-rm", "sh", "-c", script, str(folder)]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return []
    pytest.skip("a read-only folder needs a mount namespace (unshare -rm) when the tests run as root")


def small_disk(folder: Path, size: str, listing: Path) -> list[str]:
    """The wrapper in which ``folder`` is a disk of ``size`` (tmpfs, e.g. ``48k``) of its own; what is left on it
    when the command has ended is written, one name a line, to ``listing`` (the disk goes with the namespace)."""
    if not mount_namespaces():
        pytest.skip("a small disk needs a mount namespace (unshare -rm), which this machine does not allow")
    script = ('d=$0 s=$1 l=$2; shift 2; mount -t tmpfs -o size="$s" tmpfs "$d" || exit 99; '
              '"$@"; c=$?; ls -A "$d" > "$l"; exit $c')
    return ["unshare", "-rm", "sh", "-c", script, str(folder), size, str(listing)]


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Another program holds the database's write lock (``BEGIN EXCLUSIVE``) while the block runs."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN EXCLUSIVE")
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


@contextmanager
def held_open(path: Path) -> Iterator[None]:
    """A reader keeps the database open, so that its shared-memory file (32 KB, beside the file) is already made
    and a small file-size limit falls on what a command writes, not on opening the database."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        yield
    finally:
        connection.close()


def first_lines_then_close(command: Sequence[str], lines: int = 1) -> Finished:
    """``command | head -n LINES``: read that many lines of its output, close the pipe, let it end."""
    child = subprocess.Popen([*command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                             env=_environment(), text=True)
    assert child.stdout is not None and child.stderr is not None
    read = "".join(child.stdout.readline() for _ in range(lines))
    child.stdout.close()
    stderr = child.stderr.read()
    child.stderr.close()
    return Finished(child.wait(timeout=300), read, stderr)


def names_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())
