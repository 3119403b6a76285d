"""Writing to the access log. Callers are selectors and services, never views directly."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.audit.chain import canonical_content, link_hash
from knutepunkt.audit.models import (
    ACCESS_EVENT_COLUMNS,
    AccessAction,
    AccessEvent,
    AuditChainHead,
    Purpose,
)
from knutepunkt.people.models import Child, Family


@dataclass(frozen=True)
class Access:
    """One read or change to log: whose data, which object."""

    family: Family
    obj: models.Model
    child: Child | None = None


def record_access(
    *,
    actor: Actor,
    family: Family,
    obj: models.Model,
    action: AccessAction,
    purpose: Purpose,
    child: Child | None = None,
) -> None:
    """Append one entry to the family's municipality's chain, in the caller's transaction."""
    record_accesses(actor=actor, accesses=[Access(family, obj, child)], action=action, purpose=purpose)


@dataclass(frozen=True)
class _Entry:
    actor: Actor
    access: Access
    action: AccessAction
    purpose: Purpose


@dataclass
class _Batch:
    entries: list[_Entry]
    depth: int  # how many transactions were open when the batch began


_batch: ContextVar[_Batch | None] = ContextVar("access_log_batch", default=None)


def _depth() -> int:
    return len(transaction.get_connection().atomic_blocks)


@contextmanager
def access_log_batch() -> Iterator[None]:
    """Write every read logged inside the block in one go when it ends.

    For a page put together from several selectors (the worklist's cases and complaints): one
    lock and one insert per municipality for the whole page, and the same number of queries
    whichever parts have rows. If the block fails, nothing was shown, and nothing is written.
    """
    batch = _Batch(entries=[], depth=_depth())
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
    _append(batch.entries)


def record_accesses(
    *,
    actor: Actor,
    accesses: Sequence[Access],
    action: AccessAction,
    purpose: Purpose,
) -> None:
    """Append one entry per access, with one lock and one insert per municipality.

    Lists log every child they show; batching keeps a page's query count flat however many
    rows it has.
    """
    entries = [_Entry(actor, access, action, purpose) for access in accesses]
    batch = _batch.get()
    # A change, or a read inside a transaction begun within the batch, is written at once, so it
    # commits or rolls back with what it logs.
    if batch is not None and action != AccessAction.CHANGE and _depth() == batch.depth:
        batch.entries.extend(entries)
    else:
        _append(entries)


def _append(entries: Sequence[_Entry]) -> None:
    # Plain SQL: the ORM's bulk insert took as long in Python as the database took to store the
    # row (0.6 of 1.9 ms for a page's one entry).
    if not entries:
        return
    now = timezone.now()
    by_municipality: dict[int, list[_Entry]] = {}
    for entry in entries:
        by_municipality.setdefault(entry.access.family.municipality_id, []).append(entry)
    # A read logged in a transaction of its own need not wait for the WAL flush: see
    # docs/adr/0011-reads-are-logged-without-waiting-for-the-disk.md. A change is logged inside
    # the change's own transaction and is as durable as the change.
    connection = transaction.get_connection()
    relaxed = (
        all(entry.action != AccessAction.CHANGE for entry in entries)
        and not settings.ACCESS_LOG_DURABLE_READS
        and not connection.in_atomic_block
        and connection.vendor == "postgresql"
    )
    # Only `make bench` can switch the log off (settings.ACCESS_LOG_ENABLED), to measure it.
    logging = settings.ACCESS_LOG_ENABLED
    stored_at = connection.ops.adapt_datetimefield_value(now)
    quote = connection.ops.quote_name
    insert = (
        f"INSERT INTO {quote(AccessEvent._meta.db_table)} "  # noqa: S608 - names from the model
        f"({', '.join(quote(c) for c in ACCESS_EVENT_COLUMNS)}) VALUES "
    )
    row = "(" + ", ".join(["%s"] * len(ACCESS_EVENT_COLUMNS)) + ")"
    with transaction.atomic(), connection.cursor() as cursor:
        for municipality_id in sorted(by_municipality):  # a fixed order cannot deadlock
            seq, prev_hash = _lock_head(municipality_id, relaxed=relaxed) if logging else (0, "")
            relaxed = False  # once per transaction is enough
            params: list[Any] = []
            for entry in by_municipality[municipality_id]:
                user, access = entry.actor.user, entry.access
                seq += 1
                values: dict[str, Any] = {
                    "municipality_id": municipality_id,
                    "seq": seq,
                    "actor_id": user.pk,
                    "actor_name": user.get_full_name() or user.username,
                    "actor_role": user.role,
                    "actor_unit": user.unit.name if user.unit_id and user.unit else "",
                    "family_id": access.family.pk,
                    "child_id": access.child.pk if access.child else None,
                    "object_type": access.obj._meta.label_lower,
                    "object_id": str(access.obj.pk),
                    "action": str(entry.action),
                    "purpose": str(entry.purpose),
                    "client_address": entry.actor.client_address,
                }
                digest = link_hash(prev_hash, canonical_content(occurred_at=now, **values))
                values.update(occurred_at=stored_at, prev_hash=prev_hash, hash=digest)
                params.extend(values[column] for column in ACCESS_EVENT_COLUMNS)
                prev_hash = digest
            if logging:
                count = len(by_municipality[municipality_id])
                cursor.execute(insert + ", ".join([row] * count), params)
                cursor.execute(
                    f"UPDATE {quote(AuditChainHead._meta.db_table)} "  # noqa: S608 - names from the model
                    "SET seq = %s, hash = %s WHERE municipality_id = %s",
                    [seq, prev_hash, municipality_id],
                )


def canonical_content_of(event: AccessEvent) -> str:
    return canonical_content(
        municipality_id=event.municipality_id,
        seq=event.seq,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        actor_name=event.actor_name,
        actor_role=event.actor_role,
        actor_unit=event.actor_unit,
        family_id=event.family_id,
        child_id=event.child_id,
        object_type=event.object_type,
        object_id=event.object_id,
        action=event.action,
        purpose=event.purpose,
        client_address=event.client_address,
    )


def _lock_head(municipality_id: int, *, relaxed: bool = False) -> tuple[int, str]:
    """The chain's last sequence number and hash, its row locked until the transaction ends."""
    connection = transaction.get_connection()
    # The row lock serialises appends per municipality, so two requests can never both take
    # the same sequence number; other municipalities' chains are not held up. SQLite has no
    # row locks: its transactions begin IMMEDIATE (settings), which locks the whole database.
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    # set_config(..., true) is SET LOCAL: it ends with this transaction. Asked for in the
    # locking query itself, so relaxing costs no extra round trip to the database.
    relax = ", set_config('synchronous_commit', 'off', true)" if relaxed else ""
    sql = (
        f"SELECT seq, hash{relax} FROM {connection.ops.quote_name(AuditChainHead._meta.db_table)} "  # noqa: S608 - names from the model
        f"WHERE municipality_id = %s{lock}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [municipality_id])
        found = cursor.fetchone()
        if found is None:
            try:
                with transaction.atomic():
                    AuditChainHead.objects.create(municipality_id=municipality_id)
            except IntegrityError:
                pass  # another request created it first; take the lock on theirs
            cursor.execute(sql, [municipality_id])
            found = cursor.fetchone()
    return int(found[0]), str(found[1])


def record_refused_attempt(
    *, actor: Actor, model: type[models.Model], object_id: int, purpose: Purpose
) -> None:
    """Log that someone asked for a child's or family's data and was refused.

    The person still gets the same 404 as for something that does not exist; the family and
    the municipality see the attempt in the log. Nothing is logged when there is no such object.
    """
    from knutepunkt.people.models import Child as ChildModel
    from knutepunkt.people.models import Family as FamilyModel

    obj = model._default_manager.filter(pk=object_id).first()
    if obj is None:
        return
    if isinstance(obj, ChildModel):
        family, child = obj.family, obj
    elif isinstance(obj, FamilyModel):
        family, child = obj, None
    else:
        family = obj.family  # type: ignore[attr-defined]
        child = getattr(obj, "child", None)
    record_access(
        actor=actor, family=family, obj=obj, child=child, action=AccessAction.DENIED, purpose=purpose
    )
