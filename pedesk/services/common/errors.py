"""Refusals that the UI and the CLI show to the user as they are.

A service raises ``ValidationError`` before it changes anything (or inside the caller's transaction, which
then rolls back): every ``Problem`` names the field (or the row and column) and says what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: ``field`` is a stable key (the form field or column), ``message``
    the translated sentence for the user; ``row`` is set for spreadsheet rows (1-based, as Excel shows)."""

    field: str
    message: str
    row: int | None = None


class ValidationError(ValueError):
    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problem.message for problem in self.problems))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls([Problem(field, message)])

    def for_field(self, field: str) -> list[str]:
        return [problem.message for problem in self.problems if problem.field == field]


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)
