"""Whose consent is still missing, shared by both countries.

Guardians are counted, not named (the contract gives only numbers), so "second_guardian" means
"one more is needed after the first", whichever parent that is.
"""

from __future__ import annotations

from knutepunkt.jurisdictions.base import FamilyFacts
from knutepunkt.jurisdictions.legal import UNVERIFIED_RULES


def guardian_consent_missing(
    family: FamilyFacts, *, all_must_consent: bool, applied: set[str], rule: str
) -> list[str]:
    """Whose consent is still missing among the guardians with parental responsibility.

    ``rule`` is the unverified rule's name, recorded in ``applied`` when two or more hold parental
    responsibility: the only case where "all must consent" and "one is enough" differ.
    """
    holders = family.guardians_with_responsibility
    consenting = family.guardians_consenting or 0
    if holders is not None and holders >= 2:
        applied.add(rule)
    if not all_must_consent and consenting >= 1:
        return []
    if not holders:
        # Unknown, or nobody holds parental responsibility: nobody is known to consent for the child.
        return ["guardian_consent"]
    needed = holders if all_must_consent else 1
    missing: list[str] = []
    for position in range(consenting + 1, needed + 1):
        if position == 1:
            missing.append("first_guardian")
        elif position == 2:
            missing.append("second_guardian")
        else:
            # Parental responsibility is held by at most two parents; anything more is odd
            # enough to state once rather than invent "third_guardian".
            missing.append("guardian_consent")
            break
    return missing


def child_welfare_consent_missing(family: FamilyFacts) -> list[str]:
    """Child welfare consents where it has care ([U]); the contract has no separate field, so
    ``guardians_consenting >= 1`` is read as its consent."""
    return [] if (family.guardians_consenting or 0) >= 1 else ["child_welfare"]


def ordered_unverified(applied: set[str]) -> tuple[str, ...]:
    return tuple(name for name in UNVERIFIED_RULES if name in applied)
