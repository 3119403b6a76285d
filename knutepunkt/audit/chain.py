"""Canonical content and hashing of access-log rows: one definition for writer and verifier."""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any


def canonical_content(
    *,
    municipality_id: int,
    seq: int,
    occurred_at: datetime.datetime,
    actor_id: int | None,
    actor_name: str,
    actor_role: str,
    actor_unit: str,
    family_id: int,
    child_id: int | None,
    object_type: str,
    object_id: str,
    action: str,
    purpose: str,
    client_address: str | None,
) -> str:
    content: dict[str, Any] = {
        "municipality": municipality_id,
        "seq": seq,
        # Microsecond UTC ISO form, so both databases give back the very string hashed.
        "occurred_at": occurred_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor": actor_id,
        "actor_name": actor_name,
        "actor_role": actor_role,
        "actor_unit": actor_unit,
        "family": family_id,
        "child": child_id,
        "object_type": object_type,
        "object_id": object_id,
        "action": action,
        "purpose": purpose,
        "client_address": client_address,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link_hash(prev_hash: str, content: str) -> str:
    return hashlib.sha256((prev_hash + content).encode()).hexdigest()
