"""Maintain the translation catalogues: ``python -m pedesk.catalogs update`` extracts every marked string
from the source (``_``, ``N_``, ``ngettext``, ``pgettext``, ``gettext_in``) into resources/translations/*.po,
keeping existing translations; ``check`` lists what is missing or broken (the test suite runs the same)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from pedesk.paths import resources_dir

SOURCE_DIR = Path(__file__).resolve().parent
TRANSLATED = ("kk", "ru")
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "gettext_in": (2,),
}
_PLACEHOLDER = re.compile(r"\{[a-zA-Z_][a-zA-Z0-9_]*(?:[:!][^}]*)?\}|%\([a-z_]+\)[a-z]|%[sdr]")


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def extract() -> Catalog:
    catalog = Catalog(project="pedesk", msgid_bugs_address="", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SOURCE_DIR), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        path = f"pedesk/{filename}"
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(lang: str) -> Path:
    return resources_dir() / "translations" / f"{lang}.po"


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, project="pedesk")
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


def update() -> None:
    template = extract()
    for lang in TRANSLATED:
        catalog = load(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".po.part")
        with partial.open("wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False, sort_output=False, include_previous=False)
        partial.replace(path)


def _key(message: Message) -> tuple[str | None, str]:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return message.context, msgid


def problems(lang: str) -> Iterator[str]:
    """Every source string that lacks a translation in ``lang`` or whose placeholders differ."""
    catalog = load(lang)
    for message in extract():
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        label = _key(message)[1]
        if found is None or not found.string or (isinstance(found.string, tuple) and not all(found.string)):
            yield f"{lang}: not translated: {label!r}"
            continue
        if found.fuzzy:
            yield f"{lang}: fuzzy: {label!r}"
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [found.string] if isinstance(found.string, str) else list(found.string)
        wanted = placeholders(ids[-1])
        for string in strings:
            if placeholders(string) != wanted:
                yield f"{lang}: placeholders differ in {label!r}: {placeholders(string)} != {wanted}"


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
        return 0
    found = [problem for lang in TRANSLATED for problem in problems(lang)]
    print("\n".join(found) or "catalogues complete")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
