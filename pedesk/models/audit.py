"""The audit log: every insert, update and delete of a domain record, with who, when, before and after, and why
when a service says so (:func:`audit_reason`: an annulment, a reissue, a duplicate, a late change of a list)."""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from pedesk.models.base import Base, utcnow
from pedesk.models.logs import AuditEntry

#: Tables whose rows are themselves a log or a counter: auditing them would only repeat them.
NOT_AUDITED = frozenset({"audit_log", "status_change", "certificate_counter", "package_log"})
SKIPPED_COLUMNS = frozenset({"created_at", "updated_at", "search_key"})
#: Columns whose value never goes into the log: only that they changed
HIDDEN_COLUMNS = frozenset({"password_hash"})
HIDDEN = "***"


def _plain(value: Any, key: str = "") -> Any:
    if key in HIDDEN_COLUMNS:
        return HIDDEN
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _state(obj: Base) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {
        col.key: _plain(getattr(obj, col.key), col.key)
        for col in mapper.column_attrs
        if col.key not in SKIPPED_COLUMNS
    }


def _changes(obj: Base) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in SKIPPED_COLUMNS:
            continue
        history = state.attrs[attr.key].history
        if history.has_changes():
            before[attr.key] = _plain(history.deleted[0], attr.key) if history.deleted else None
            after[attr.key] = _plain(history.added[0], attr.key) if history.added else None
    return before, after


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True) if data else ""


def _on_after_flush(session: Session, _context: Any) -> None:
    rows: list[dict[str, Any]] = []
    user = str(session.info.get("user", ""))
    account = str(session.info.get("os_account", ""))
    reason = str(session.info.get("reason", ""))
    now = utcnow()

    def add(action: str, obj: Base, before: dict[str, Any], after: dict[str, Any]) -> None:
        table = obj.__table__.name  # type: ignore[attr-defined]
        if table in NOT_AUDITED:
            return
        identity = inspect(obj).mapper.primary_key_from_instance(obj)
        entity_id = identity[0] if len(identity) == 1 and isinstance(identity[0], int) else None
        rows.append(
            {
                "at": now,
                "by": user,
                "os_account": account,
                "action": action,
                "entity": table,
                "entity_id": entity_id,
                "before": _dump(before),
                "after": _dump(after),
                "reason": reason,
            }
        )

    for obj in session.new:
        if isinstance(obj, Base):
            add("insert", obj, {}, _state(obj))
    for obj in session.dirty:
        if isinstance(obj, Base) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if after:
                add("update", obj, before, after)
    for obj in session.deleted:
        if isinstance(obj, Base):
            add("delete", obj, _state(obj), {})
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


#: the hooks on each session factory. Not ``event.contains``: SQLAlchemy keys its registry by ``id()``, so a new
#: factory at the address of one collected before looks as if it had the hook, and its changes went unchecked.
_HOOKS: weakref.WeakKeyDictionary[sessionmaker[Session], set[tuple[str, Any]]] = weakref.WeakKeyDictionary()


def listen_once(factory: sessionmaker[Session], identifier: str, hook: Any) -> None:
    """``event.listen(factory, identifier, hook)`` unless that hook is on that factory already."""
    hooks = _HOOKS.setdefault(factory, set())
    if (identifier, hook) not in hooks:
        event.listen(factory, identifier, hook)
        hooks.add((identifier, hook))


def install_audit(factory: sessionmaker[Session]) -> None:
    listen_once(factory, "after_flush", _on_after_flush)


@contextmanager
def audit_reason(session: Session, reason: str) -> Iterator[None]:
    """The changes flushed inside the block are audited with ``reason``; what was changed before it is flushed
    first, with the reason it had. Blocks may nest: the outer reason comes back afterwards, and an empty
    ``reason`` leaves the outer one."""
    if not reason:
        yield
        session.flush()
        return
    session.flush()
    previous = session.info.get("reason")
    session.info["reason"] = reason
    try:
        yield
        session.flush()
    finally:
        if previous is None:
            session.info.pop("reason", None)
        else:
            session.info["reason"] = previous
