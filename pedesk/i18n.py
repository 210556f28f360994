"""Translations for every user-facing string: ``from pedesk.i18n import _``.

English is the source language; Kazakh (the default) and Russian come from the babel catalogues in
``resources/translations``. ``_`` looks the language up at call time, so switching the language at
run time changes every string produced after the switch. No Qt here.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from pedesk.paths import resources_dir

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"
LANGUAGE_NAMES: dict[str, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

_state: dict[str, object] = {"lang": DEFAULT_LANGUAGE}


class MissingCatalogue(RuntimeError):
    """A language's catalogue is not where the install puts it (``pedesk.paths.missing_resources`` finds it at
    start-up, before anything is said)."""

    def __init__(self, path: object) -> None:
        super().__init__(f"the translations {path} are missing: install pedesk again")
        self.path = path


@cache
def _translations(lang: str) -> NullTranslations:
    if lang == "en":
        return NullTranslations()
    po_path = resources_dir() / "translations" / f"{lang}.po"
    if not po_path.exists():  # never English in silence: an install without its catalogues is broken
        raise MissingCatalogue(po_path)
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)


def set_language(lang: str) -> None:
    """Switch every later ``_()`` call to ``lang`` (kk, ru or en)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _state["lang"] = lang


def current_language() -> str:
    return str(_state["lang"])


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language asked for by ``PEDESK_LANG``, else by the system locale, else Kazakh."""
    env = os.environ if environ is None else environ
    explicit = env.get("PEDESK_LANG", "").strip().lower()
    if explicit in LANGUAGES:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").strip().lower()
        prefix = value[:2]
        if prefix in LANGUAGES and value not in ("c", "posix"):
            return prefix
    return DEFAULT_LANGUAGE


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return str(_translations(current_language()).pgettext(context, message))


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now (translate it later with ``_``)."""
    return message


def gettext_in(lang: str, message: str) -> str:
    """Translate ``message`` into a given language, whatever the current one (bilingual documents)."""
    return _translations(lang).gettext(message)


def babel_locale(lang: str | None = None) -> Locale:
    return _locale(lang or current_language())


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


#: CLDR's Russian dates end in "г." ("30 нояб. 2026 г."), which doubles the full stop of every sentence
#: that ends with a date; pedesk writes them without it, as Russian interfaces commonly do.
_PATTERNS = {("ru", "medium"): "d MMM y", ("ru", "long"): "d MMMM y"}


def format_date(value: date | datetime | None, fmt: str = "medium", lang: str | None = None) -> str:
    """A date for people, in the current (or given) language; empty for ``None``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    code = lang or current_language()
    pattern = _PATTERNS.get((code, fmt), fmt)
    return babel_dates.format_date(value, format=pattern, locale=babel_locale(code))


def format_datetime(value: datetime | None, fmt: str = "medium", lang: str | None = None) -> str:
    if value is None:
        return ""
    return babel_dates.format_datetime(value, format=fmt, locale=babel_locale(lang))


def format_number(value: int | float | Decimal, lang: str | None = None) -> str:
    return babel_numbers.format_decimal(value, locale=babel_locale(lang))


def clear_cache() -> None:
    """Forget loaded catalogues (after the .po files change, e.g. in tests)."""
    _translations.cache_clear()


__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "N_",
    "_",
    "babel_locale",
    "clear_cache",
    "current_language",
    "format_date",
    "format_datetime",
    "format_number",
    "gettext_in",
    "language_from_environment",
    "ngettext",
    "pgettext",
    "set_language",
]

