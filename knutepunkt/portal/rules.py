"""The age rules of the family's pages (DOMAIN.md, "How it goes" 4; Iceland: custodians consent
under 16 for health).

The sign-in age is the municipality's practice ([U]: no law sets when a child gets its own
account), kept in ``PortalSettings``; the age from which a young person may keep things from their
parents is the health-majority age, which the law sets.
"""

from __future__ import annotations

import datetime
from typing import Final

from knutepunkt.people.models import Child

# [U] The municipality's practice: a child may have its own sign-in from this age. 16 matches the
# health-majority age below, so by default no child under it has an account of its own.
DEFAULT_CHILD_SIGN_IN_AGE: Final = 16

# Of age for health matters at 16 (pbrl § 4-3); in Iceland custodians consent for a child under
# 16 in health matters. From this age a young person may keep a conversation from their parents.
HEALTH_MAJORITY_AGE: Final = 16

# [U] No law sets a time for the decision; the family's page shows this target, marked as the
# municipality's practice ("without undue delay").
DEFAULT_DECISION_TARGET_DAYS: Final = 30

# How long an invitation link works before a new one must be issued.
DEFAULT_INVITATION_DAYS: Final = 14


def may_keep_from_guardians(child: Child, day: datetime.date) -> bool:
    age = child.age_on(day)
    return age is not None and age >= HEALTH_MAJORITY_AGE
