"""Checking the access-log chains: any edited, removed or inserted row is reported."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from knutepunkt.audit.chain import link_hash
from knutepunkt.audit.models import GENESIS_HASH, AccessEvent, AuditChainHead
from knutepunkt.audit.services import canonical_content_of


@dataclass(frozen=True)
class ChainProblem:
    municipality_id: int
    seq: int
    kind: str  # "edited", "missing", "inserted", "head"
    detail: str

    def __str__(self) -> str:
        return f"municipality {self.municipality_id}, row {self.seq}: {self.kind}: {self.detail}"


@dataclass(frozen=True)
class ChainReport:
    rows_checked: int
    problems: list[ChainProblem]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_chains(*, municipality_id: int | None = None) -> ChainReport:
    heads = AuditChainHead.objects.order_by("municipality_id")
    municipality_ids = set(
        AccessEvent.objects.values_list("municipality_id", flat=True).distinct().order_by()
    )
    if municipality_id is not None:
        heads = heads.filter(municipality_id=municipality_id)
        municipality_ids &= {municipality_id}
    problems: list[ChainProblem] = []
    rows = 0
    head_by_municipality = {head.municipality_id: head for head in heads}
    for mid in sorted(municipality_ids | set(head_by_municipality)):
        checked, found = _verify_one(mid, head_by_municipality.get(mid))
        rows += checked
        problems.extend(found)
    return ChainReport(rows_checked=rows, problems=problems)


def _verify_one(municipality_id: int, head: AuditChainHead | None) -> tuple[int, list[ChainProblem]]:
    problems: list[ChainProblem] = []
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    for event in _events(municipality_id):
        checked += 1
        if event.seq > expected_seq:
            problems.append(
                ChainProblem(
                    municipality_id,
                    expected_seq,
                    "missing",
                    f"rows {expected_seq}..{event.seq - 1} are gone",
                )
            )
        if event.prev_hash != prev_hash:
            problems.append(
                ChainProblem(
                    municipality_id,
                    event.seq,
                    "inserted" if event.seq <= expected_seq else "missing",
                    "does not link to the row before it",
                )
            )
        if link_hash(event.prev_hash, canonical_content_of(event)) != event.hash:
            problems.append(
                ChainProblem(municipality_id, event.seq, "edited", "content does not match its hash")
            )
        prev_hash = event.hash
        expected_seq = event.seq + 1
    last_seq = expected_seq - 1
    if head is None:
        problems.append(ChainProblem(municipality_id, last_seq, "head", "the chain head is missing"))
    elif head.seq != last_seq or head.hash != prev_hash:
        problems.append(
            ChainProblem(
                municipality_id,
                head.seq,
                "head",
                f"the chain head says row {head.seq} is last, the table ends at row {last_seq}",
            )
        )
    return checked, problems


def _events(municipality_id: int) -> Iterator[AccessEvent]:
    return (
        AccessEvent.objects.filter(municipality_id=municipality_id).order_by("seq").iterator(chunk_size=5000)
    )
