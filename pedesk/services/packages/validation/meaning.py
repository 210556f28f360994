"""What the records of an incoming data package (п.17) say, checked once every cell is what its column holds: dates
that life and the Rules allow. Any problem refuses the whole package, named by sheet, row and column as the
structural checks name theirs.

* A cohort (and a previous course) does not end before it starts.
* A certificate is valid after its issue, and for the five years of п.32 (until the same day and month five
  years later, :func:`~pedesk.services.rules.certificate_valid_until`); a reissued certificate (one that
  ``supersedes`` another) keeps the validity of the one it replaces, so it is valid for five years at most. A
  foreign organisation's certificate (п.25) is only checked to be valid after its issue.
* A final assessment is not held before its cohort started.
* A monitoring record (п.37) is of year 1, 2 or 3 (0 is the final analysis, п.35), falls due within the three
  years counted from the certificate's issue, and was not done before that issue. After a reissue the years
  count from the first certificate's issue (as pedesk counts them); a record counted from the reissue's own
  issue date (as older data may be) is accepted too, up to three years after that date.

A cohort or certificate a row names may be in the package or, held already, in the database: the importer passes
what it holds (:func:`wanted`, :func:`meaning_problems`). No Qt, no database.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from pedesk.i18n import _, format_date
from pedesk.services.packages.outcomes import PackageProblem
from pedesk.services.packages.spec import SPECS
from pedesk.services.packages.validation.check import OpenedPackage
from pedesk.services.packages.validation.problems import PackageRow
from pedesk.services.packages.validation.sheets import where
from pedesk.services.rules import (
    CERTIFICATE_VALID_YEARS,
    FINAL_ANALYSIS_YEAR,
    MONITORING_YEARS,
    add_years_rule,
    certificate_valid_until,
)

__all__ = ["HeldCertificate", "Key", "meaning_problems", "wanted"]

Key = tuple[object, ...]
"""A natural key: (office code, cohort code) or (office code, certificate number)."""


@dataclass(frozen=True)
class HeldCertificate:
    """What the monitoring checks need of a certificate: its issue, its validity and the one it replaced ("")."""

    issue_date: date
    valid_until: date
    supersedes: str = ""


def _advice() -> str:
    return _("Ask the office that made the package to correct the record and export the package again.")


def _cohort_starts(opened: OpenedPackage) -> dict[Key, date]:
    return {(row.values["office"], row.values["code"]): row.values["start_date"]  # type: ignore[misc]
            for row in opened.sheets["cohorts"] if isinstance(row.values.get("start_date"), date)}


def _certificates(opened: OpenedPackage) -> dict[Key, HeldCertificate]:
    found: dict[Key, HeldCertificate] = {}
    for row in opened.sheets["certificates"]:
        issued, until = row.values.get("issue_date"), row.values.get("valid_until")
        if isinstance(issued, date) and isinstance(until, date):
            found[(row.values["office"], row.values["number"])] = HeldCertificate(
                issued, until, str(row.values.get("supersedes") or ""))
    return found


def wanted(opened: OpenedPackage) -> tuple[set[Key], set[Key]]:
    """The cohorts and the certificates that rows of the package name but the package does not hold: the
    importer looks them up in the database."""
    cohorts: set[Key] = {(row.values["office"], row.values["cohort"]) for row in opened.sheets["assessments"]}
    certificates: set[Key] = {(row.values["office"], row.values["certificate"]) for row in opened.sheets["monitoring"]}
    certificates |= {(key[0], held.supersedes) for key, held in _certificates(opened).items() if held.supersedes}
    return cohorts - _cohort_starts(opened).keys(), certificates - _certificates(opened).keys()


class _Checker:
    def __init__(self, opened: OpenedPackage, cohorts: Mapping[Key, date],
                 certificates: Mapping[Key, HeldCertificate]) -> None:
        self.opened = opened
        self.cohorts = {**cohorts, **_cohort_starts(opened)}
        self.certificates = {**certificates, **_certificates(opened)}
        self.problems: list[PackageProblem] = []

    def add(self, sheet: str, row: PackageRow, column: str, message: str) -> None:
        heading = SPECS[sheet].column(column).heading
        title = str(self.opened.manifest["sheets"][sheet])
        at = where(title, row.number, self.opened.positions.get(sheet, {}).get(column, 0), heading)
        self.problems.append(PackageProblem(sheet, row.number, heading, _("{where}: {problem}").format(
            where=at, problem=f"{message} {_advice()}")))

    def rows(self, sheet: str) -> Iterator[tuple[PackageRow, dict[str, object]]]:
        for row in self.opened.sheets[sheet]:
            yield row, row.values

    def periods(self) -> None:
        for sheet in ("cohorts", "previous_courses"):
            for row, values in self.rows(sheet):
                start, end = values.get("start_date"), values.get("end_date")
                if isinstance(start, date) and isinstance(end, date) and end < start:
                    self.add(sheet, row, "end_date", _("the course ends on {end}, before it starts ({start}).").format(
                        end=format_date(end), start=format_date(start)))

    def certificates_valid(self) -> None:
        for row, values in self.rows("certificates"):
            issued, until = values.get("issue_date"), values.get("valid_until")
            if not isinstance(issued, date) or not isinstance(until, date):
                continue
            rule = certificate_valid_until(issued)
            if until <= issued:
                self.add("certificates", row, "valid_until", _(
                    "the certificate is valid until {until}, which is not after its issue on {issued}.").format(
                    until=format_date(until), issued=format_date(issued)))
            elif values.get("external"):
                continue  # a foreign organisation's certificate is valid as that organisation says (п.25)
            elif values.get("supersedes") and until > rule:
                self.add("certificates", row, "valid_until", _(
                    "the reissued certificate is valid until {until}, more than five years after its issue on "
                    "{issued}; a reissued certificate keeps the validity of the one it replaces (п.32 of the "
                    "Rules).").format(until=format_date(until), issued=format_date(issued)))
            elif not values.get("supersedes") and until != rule:
                self.add("certificates", row, "valid_until", _(
                    "the certificate issued on {issued} is valid until {until}, but a certificate is valid for five "
                    "years from its issue, until {expected} (п.32 of the Rules).").format(
                    issued=format_date(issued), until=format_date(until), expected=format_date(rule)))

    def assessments(self) -> None:
        for row, values in self.rows("assessments"):
            held_on = values.get("held_on")
            start = self.cohorts.get((values["office"], values["cohort"]))
            if isinstance(held_on, date) and start is not None and held_on < start:
                self.add("assessments", row, "held_on", _(
                    "the final assessment was held on {held}, before its cohort {cohort} started ({start}).").format(
                    held=format_date(held_on), cohort=values["cohort"], start=format_date(start)))

    def since(self, office: object, number: object) -> date | None:
        """The day the monitoring years of a certificate count from: the first issue of its lineage."""
        held = self.certificates.get((office, number))
        seen: set[str] = set()
        while held is not None and held.supersedes and held.supersedes not in seen:
            seen.add(held.supersedes)
            earlier = self.certificates.get((office, held.supersedes))
            if earlier is None:  # replaced a certificate not at hand: it kept that one's validity
                return min(held.issue_date, add_years_rule(held.valid_until, -CERTIFICATE_VALID_YEARS))
            held = earlier
        return held.issue_date if held is not None else None

    def monitoring(self) -> None:
        for row, values in self.rows("monitoring"):
            year = values.get("year_no")
            if isinstance(year, int) and not FINAL_ANALYSIS_YEAR <= year <= MONITORING_YEARS:
                self.add("monitoring", row, "year_no", _(
                    "monitoring year {year} is not one of the three years of monitoring: 1, 2 or 3, and 0 for the "
                    "final analysis (п.35, п.37 of the Rules).").format(year=year))
                continue
            since = self.since(values["office"], values["certificate"])
            own = self.certificates.get((values["office"], values["certificate"]))
            if since is None or own is None:
                continue
            # counted from the first issue (as pedesk does); counted from a reissue's own, the years end later
            last = add_years_rule(max(since, own.issue_date), MONITORING_YEARS)
            due, done = values.get("due_date"), values.get("done_on")
            if isinstance(due, date) and not since < due <= last:
                self.add("monitoring", row, "due_date", _(
                    "the monitoring falls due on {due}, outside the three years of monitoring of certificate {number} "
                    "(from {since} to {last}, п.37 of the Rules).").format(
                    due=format_date(due), number=values["certificate"], since=format_date(since),
                    last=format_date(last)))
            if isinstance(done, date) and done < since:
                self.add("monitoring", row, "done_on", _(
                    "the monitoring was done on {done}, before certificate {number} was issued ({since}).").format(
                    done=format_date(done), number=values["certificate"], since=format_date(since)))


def meaning_problems(opened: OpenedPackage, cohorts: Mapping[Key, date] | None = None,
                     certificates: Mapping[Key, HeldCertificate] | None = None) -> list[PackageProblem]:
    """Every record of ``opened`` whose dates the Rules do not allow (see the module's docstring). ``cohorts``
    (start dates) and ``certificates`` are what the database holds of those :func:`wanted` names."""
    checker = _Checker(opened, cohorts or {}, certificates or {})
    checker.periods()
    checker.certificates_valid()
    checker.assessments()
    checker.monitoring()
    return checker.problems
