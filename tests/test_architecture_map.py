"""ARCHITECTURE.md stays true: under 200 lines, every paragraph of the Rules (п.3-37, Appendices 1-4) has a
row, and every module, resource and test it names exists (a test by the name given)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAP = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")


def _rows() -> dict[str, str]:
    return {m.group(1).strip(): m.group(0) for m in re.finditer(r"^\| (\d+(?:-\d+)?|App\. \d|IIN) \|.*$", MAP, re.M)}


def test_the_map_is_short_and_linked_from_the_readme() -> None:
    assert len(MAP.splitlines()) < 200
    assert "(ARCHITECTURE.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_paragraph_of_the_rules_has_a_row() -> None:
    covered: set[str] = set()
    for key in _rows():
        if "-" in key:
            first, last = map(int, key.split("-"))
            covered.update(str(n) for n in range(first, last + 1))
        else:
            covered.add(key)
    wanted = {str(n) for n in range(3, 38)} | {f"App. {n}" for n in range(1, 5)}
    assert wanted - covered == set()


def test_every_named_module_resource_and_test_exists() -> None:
    missing = []
    for row in [*_rows().values(), MAP]:
        for name in re.findall(r"`((?:services|models|cli|ui)/[\w/]+(?:\.py|/))", row):
            if not (ROOT / "pedesk" / name).exists():
                missing.append(name)
        for name in re.findall(r"`(resources/[\w/.]+)`", row):
            if not (ROOT / name).exists():
                missing.append(name)
    for row in _rows().values():
        current = None
        for path, test in re.findall(r"`(tests/[\w/]+\.py)?(?:::(\w+))?`", row):
            if path:
                current = ROOT / path
                if not current.exists():
                    missing.append(path)
                    continue
            if test and current is not None and not re.search(rf"^def {test}\(", current.read_text("utf-8"), re.M):
                missing.append(f"{current.relative_to(ROOT)}::{test}")
    assert missing == []
