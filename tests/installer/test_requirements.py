"""The installer's pinned Windows wheels cover every package pedesk needs at run time (pyproject.toml's
dependencies), each with a hash: a dependency added to pyproject.toml and forgotten here would leave the
installed pedesk without it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_every_run_time_dependency_is_pinned_with_a_hash_for_windows() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    needed = {_name(requirement) for requirement in project["project"]["dependencies"]}
    text = (ROOT / "installer" / "requirements-win.txt").read_text("utf-8")
    pinned = dict(re.findall(r"^([A-Za-z0-9_.-]+)==\S+ \\\n    --hash=sha256:([0-9a-f]{64})$", text, re.M))
    assert needed - {name.lower() for name in pinned} == set()
    assert {"argon2-cffi", "argon2-cffi-bindings", "cffi"} <= set(pinned)
