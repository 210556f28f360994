"""The house keeps its rooms: no import cycle anywhere in pedesk (imports inside functions counted), nothing
outside a services package reaches into its modules, no section imports the main window, and folders,
files and module names stay the size and shape ARCHITECTURE.md describes."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pedesk"
MAX_MODULES_IN_A_FOLDER = 20
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
PACKAGES = {name for name, path in MODULES.items() if path.name == "__init__.py"}
SERVICE_PACKAGES = {name for name in PACKAGES if name.startswith("pedesk.services.")}


def imports_of(name: str, source: str | None = None) -> set[str]:
    """Every pedesk module that `name` imports, at the top or inside a function: `from a import b` counts
    as importing a.b when that is a module, else a."""
    path = MODULES.get(name)
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if name in PACKAGES else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            submodules = {f"{base}.{alias.name}" for alias in node.names} & MODULES.keys()
            found.update(submodules)
            if len(submodules) < len(node.names):
                found.add(base)
    return {target for target in found if target in MODULES and target != name}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each strongly connected group of more than one module, as one concrete cycle (a -> b -> ... -> a)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(start: str) -> None:  # iterative Tarjan: deep import chains need no recursion limit
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    if len(group) > 1 or node in graph[node]:
                        groups.append(group)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return [_one_cycle(graph, group) for group in groups]


def _one_cycle(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & group):
            if child == start:
                return [*paths[node], start]
            if child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    raise AssertionError(group)


def test_the_cycle_finder_finds_a_cycle_hidden_in_a_function() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []
    hidden = "def later():\n    from pedesk.ui.main_window import MainWindow\n"
    assert "pedesk.ui.main_window" in imports_of("pedesk.ui.certificates.page", hidden)


def test_there_is_no_import_cycle_in_pedesk() -> None:
    graph = {name: imports_of(name) for name in MODULES}
    cycles = [" -> ".join(cycle) for cycle in find_cycles(graph)]
    assert cycles == []


def _boundary(target: str, importer: str) -> str | None:
    """The services package that `importer` must import `target` through (None: it may import it directly)."""
    parts = target.split(".")
    for end in range(3, len(parts)):
        package = ".".join(parts[:end])
        if package in SERVICE_PACKAGES and not (importer == package or importer.startswith(package + ".")):
            return package
    return None


def test_nothing_outside_a_services_package_imports_its_modules() -> None:
    offenders = []
    for importer in MODULES:
        for target in imports_of(importer):
            package = _boundary(target, importer)
            if package is not None and package != target:
                offenders.append(f"{importer} imports {target}: import it from {package}")
    assert offenders == []
    assert _boundary("pedesk.services.certificates.pdf", "pedesk.cli.certificates") == "pedesk.services.certificates"
    assert _boundary("pedesk.services.certificates.pdf", "pedesk.services.certificates.issuing") is None


@pytest.mark.parametrize("package", sorted(SERVICE_PACKAGES))
def test_a_services_package_says_what_it_owns_and_exports_what_it_names(package: str) -> None:
    module = importlib.import_module(package)
    assert module.__doc__ and len(module.__doc__.strip().splitlines()) <= 3
    exported = set(module.__all__)
    homes = set(module._HOME)
    assert exported == homes
    typed = imports_of(package)
    for name in sorted(exported):
        home = f"{package}.{module._HOME[name]}"
        assert home in typed, f"{package}.{name}: its module {home} is not among the typed imports"
        assert getattr(importlib.import_module(home), name) is getattr(module, name)


def test_no_section_imports_the_main_window() -> None:
    offenders = [
        f"{name} imports {target}"
        for name in MODULES
        if name.startswith("pedesk.ui.") and name.count(".") >= 3
        for target in imports_of(name)
        if target in {"pedesk.ui.main_window", "pedesk.ui.sections", "pedesk.main"}
    ]
    assert offenders == []


def test_folders_files_and_names_stay_small_and_plain() -> None:
    problems = []
    for folder in sorted({p.parent for p in PACKAGE.rglob("*.py")}):
        if "migrations" in folder.parts:
            continue
        modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        if len(modules) > MAX_MODULES_IN_A_FOLDER:
            problems.append(f"{folder.relative_to(ROOT)} holds {len(modules)} modules")
        for path in modules:
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                problems.append(f"{path.relative_to(ROOT)} has {lines} lines")
            for prefix in {folder.name, folder.name.rstrip("s")}:
                if path.stem.startswith(prefix + "_") and folder != PACKAGE:
                    problems.append(f"{path.relative_to(ROOT)} repeats its folder's name")
    assert problems == []
