"""The use cases of pedesk by the stages of the Rules, one package a stage; no Qt. Each package's ``__init__``
names what the rest of pedesk may call: typed imports for readers and mypy, and a ``_HOME`` table of the module
that holds each name, read by :func:`lazy_exports`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, home: dict[str, str]) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package``: a name of ``home`` is imported from its module when it is first
    used (and kept in the package), so that a command loads only the modules it needs (the CLI starts without
    reportlab or openpyxl)."""

    def __getattr__(name: str) -> Any:
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{home[name]}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
