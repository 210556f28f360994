"""Opening the workbook of an incoming data package (п.17) safely: the workbook is itself a ZIP, so its parts are
checked against "zip bombs" as the package's entries are, any XML part that declares entities or a DTD (an
"XML bomb") is refused; python-calamine reads the values, and the scan for formulas parses through
defusedxml. No Qt, no database.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl  # type: ignore[import-untyped, unused-ignore]
from defusedxml import DefusedXmlException  # type: ignore[import-untyped, unused-ignore]

from pedesk.i18n import _
from pedesk.services.packages.spec import DATA_NAME
from pedesk.services.packages.validation.archive import central_directory, shown, size_problems
from pedesk.services.packages.validation.problems import MAX_WORKBOOK_PARTS, ProblemLog, ask_again
from pedesk.services.packages.validation.values import BookValues, read_book

__all__ = ["is_xml_bomb", "open_workbook", "workbook_damaged", "xml_bomb"]

_MAX_DIRECTORY = 1024 * 1024
_CHUNK = 1 << 20
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_XML_PARTS = (".xml", ".rels", ".vml")


def workbook_damaged() -> str:
    return _("The workbook inside the package ({entry}) is damaged and cannot be read, although it matches the "
             "manifest: it was probably damaged before it was packed. {advice}").format(entry=DATA_NAME,
                                                                                       advice=ask_again())


def xml_bomb(part: str) -> str:
    return _('The workbook inside the package declares XML entities or a DTD in "{part}". Spreadsheets never need '
             'them, and they can make a small file expand without limit (an "XML bomb"), so the package is not '
             "opened. {advice}").format(part=shown(part), advice=ask_again())


def is_xml_bomb(error: BaseException) -> bool:
    """True when defusedxml refused what openpyxl parsed (openpyxl wraps the error in its own)."""
    seen: BaseException | None = error
    for _depth in range(10):
        if seen is None:
            return False
        if isinstance(seen, DefusedXmlException):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _declares_entities(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """The whole part is scanned, streamed: a DTD may hide after a long comment, and calamine (which reads the
    values) would only call the part damaged."""
    tail = b""
    with archive.open(info) as part:
        for block in iter(lambda: part.read(_CHUNK), b""):
            if _DECLARATION.search(tail + block):
                return True
            tail = block[-16:]
    return False


def _check_parts(path: Path, log: ProblemLog) -> None:
    directory = central_directory(path)
    if directory is None:
        log.stop(workbook_damaged())
    if directory[0] > MAX_WORKBOOK_PARTS or directory[1] > _MAX_DIRECTORY:
        log.stop(_("The workbook inside the package ({entry}) has more parts than a spreadsheet of a package "
                   "ever has. {advice}").format(entry=DATA_NAME, advice=ask_again()))
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            for problem in size_problems(infos, DATA_NAME + ": "):
                log.file(problem)
            log.stop_if_any()
            for info in infos:
                if info.filename.lower().endswith(_XML_PARTS) and _declares_entities(archive, info):
                    log.stop(xml_bomb(info.filename))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError, OSError):
        log.stop(workbook_damaged())


@contextmanager
def open_workbook(path: Path, log: ProblemLog) -> Iterator[BookValues]:
    """The workbook at ``path``: its values read by python-calamine and its formula cells found by a scan of
    the sheets' XML (:mod:`.values`), closed on leaving; refuses (``PackageRejected``) a workbook that cannot
    be opened safely."""
    if not openpyxl.DEFUSEDXML:
        log.stop(_("pedesk cannot read packages safely because the defusedxml package is missing. Reinstall "
                   "pedesk, then import the package again."))
    _check_parts(path, log)
    import python_calamine

    with path.open("rb") as handle:
        failure = ""
        try:
            book = python_calamine.CalamineWorkbook.from_filelike(handle)
        except Exception:  # noqa: BLE001 - calamine raises many kinds for a broken file
            book, failure = None, workbook_damaged()
        if book is None:
            log.stop(failure)
        try:
            try:
                values = read_book(path, book)
            except Exception as error:  # noqa: BLE001 - XML and zip errors of a damaged (or hostile) part
                failure = xml_bomb(DATA_NAME) if is_xml_bomb(error) else workbook_damaged()
            if failure:
                log.stop(failure)
            yield values
        finally:
            book.close()
