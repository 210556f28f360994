"""The database's own guards (migration 0007) as a refusal in the user's language: its triggers refuse to delete a
certificate that was issued (п.32: it is annulled or superseded instead) and to change or delete the audit log,
whichever program asks. The trigger's error names the trigger ("certificate_kept: ..."); this finds the name in
what SQLite or PostgreSQL said and gives the sentence for the user. No Qt.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from pedesk.i18n import _
from pedesk.services.common.errors import ValidationError

__all__ = ["guard_refusal"]


def _messages() -> dict[str, tuple[str, str]]:
    return {
        "certificate_kept": ("certificate", _(
            "A certificate that was issued is never deleted (п.32 of the Rules): the database refused it. Annul "
            "the certificate, or reissue it, instead; nothing was changed.")),
        "audit_log_kept": ("audit_log", _(
            "The audit log is never changed or deleted: the database refused it. Nothing was changed.")),
    }


def guard_refusal(error: BaseException) -> ValidationError | None:
    """The refusal for an error raised by one of the database's guards, or None for any other error."""
    if not isinstance(error, DBAPIError):
        return None
    said = str(error.orig)
    for trigger, (field, message) in _messages().items():
        if f"{trigger}:" in said:
            return ValidationError.single(field, message)
    return None
