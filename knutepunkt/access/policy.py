"""The one access policy: which role sees which children and families, and may change them.

| role             | sees                                               | may change |
| ---------------- | -------------------------------------------------- | ---------- |
| officer          | every family of their municipality (they take the   | yes        |
|                  | requests in and decide, hol § 7-3)                  |            |
| coordinator      | the families they coordinate today (own cases)      | yes        |
| leader           | families coordinated by someone in the leader's     | no         |
|                  | unit (the unit's cases)                             |            |
| service contact  | families that consent today to share with the      | no         |
|                  | contact's unit — and only the consented categories |            |
| administrator    | nothing of a child's data: runs users and units     | no         |
| family member    | their own family only, on the family's pages        | a guardian |
|                  | (``own_families``); a young person only themselves  | acting for |
|                  | (``own_children``). Never the staff pages.          | the family |
| supervisor       | nothing of a child's data: national aggregated      | no         |
|                  | statistics only (``reporting``), no municipality    |            |

Everything is inside the user's own municipality; a user without one sees nothing.
"""

from __future__ import annotations

import enum

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from knutepunkt.consent.models import Category, SharingConsent
from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.people.models import Child, Family, Role, User
from knutepunkt.portal.models import FamilyAccount


class Scope(enum.Enum):
    MUNICIPALITY = "municipality"
    OWN_CASES = "own_cases"
    UNIT = "unit"
    CONSENTED = "consented"
    NONE = "none"


ROLE_SCOPE: dict[str, Scope] = {
    Role.OFFICER: Scope.MUNICIPALITY,
    Role.COORDINATOR: Scope.OWN_CASES,
    Role.LEADER: Scope.UNIT,
    Role.SERVICE_CONTACT: Scope.CONSENTED,
    Role.ADMINISTRATOR: Scope.NONE,
    Role.SUPERVISOR: Scope.NONE,
}

ROLES_THAT_CHANGE_CASES = frozenset({Role.OFFICER, Role.COORDINATOR})


def scope_of(user: User) -> Scope:
    if not user.is_authenticated or not user.is_active or user.municipality_id is None:
        return Scope.NONE
    return ROLE_SCOPE.get(user.role, Scope.NONE)


def visible_families(user: User, *, for_write: bool = False) -> QuerySet[Family]:
    """The families this user may see (or change, with ``for_write``)."""
    scope = scope_of(user)
    municipality_id = user.municipality_id
    if (
        municipality_id is None
        or scope is Scope.NONE
        or (for_write and user.role not in ROLES_THAT_CHANGE_CASES)
    ):
        return Family.objects.none()
    families = Family.objects.filter(municipality_id=municipality_id)
    if scope is Scope.MUNICIPALITY:
        return families
    assignments = CoordinatorAssignment.objects.active_on(timezone.localdate()).filter(
        family=OuterRef("pk"), municipality_id=municipality_id
    )
    if scope is Scope.OWN_CASES:
        return families.filter(Exists(assignments.filter(coordinator=user)))
    if scope is Scope.UNIT:
        if user.unit_id is None:
            return Family.objects.none()
        return families.filter(Exists(assignments.filter(coordinator__unit_id=user.unit_id)))
    if scope is Scope.CONSENTED:
        if user.unit_id is None:
            return Family.objects.none()
        # Read on every request, never cached: a withdrawal takes effect on the next one.
        consents = SharingConsent.objects.live_on(timezone.localdate()).filter(
            family=OuterRef("pk"), unit_id=user.unit_id
        )
        return families.filter(Exists(consents))
    raise AssertionError(f"unhandled scope {scope}")


ALL_CATEGORIES = frozenset(Category.values)


def shared_categories(user: User, family: Family) -> frozenset[str]:
    """What this user may see of a family they can see: everything for the case workers,
    only the consented categories for a service contact."""
    if scope_of(user) is not Scope.CONSENTED:
        return ALL_CATEGORIES
    if user.unit_id is None:
        return frozenset()
    consents = SharingConsent.objects.live_on(timezone.localdate()).filter(
        family=family, unit_id=user.unit_id
    )
    return frozenset(category for consent in consents for category in consent.categories)


def visible_children(user: User, *, for_write: bool = False) -> QuerySet[Child]:
    if user.municipality_id is None:
        return Child.objects.none()
    families = visible_families(user, for_write=for_write)
    # An IN-subquery keeps this one query, and lets the planner start from the municipality.
    return Child.objects.filter(municipality_id=user.municipality_id, family__in=families.values("pk"))


def visible_coordinators(user: User) -> QuerySet[User]:
    """Whose caseload this user may see: officers every coordinator of the municipality, a
    leader those of the leader's unit, a coordinator only their own."""
    scope = scope_of(user)
    if user.municipality_id is None:
        return User.objects.none()
    coordinators = User.objects.filter(
        municipality_id=user.municipality_id, role=Role.COORDINATOR, is_active=True
    )
    if scope is Scope.MUNICIPALITY:
        return coordinators
    if scope is Scope.UNIT:
        return coordinators.filter(unit_id=user.unit_id) if user.unit_id else User.objects.none()
    if scope is Scope.OWN_CASES:
        return coordinators.filter(pk=user.pk)
    return User.objects.none()


# --- The family scope: a family member on the family's pages -------------------------------
# Family members have no staff role, so ``scope_of`` gives them NONE and ``visible_*`` nothing:
# the staff pages stay closed to them. The family's pages use these instead.


def _family_accounts(user: User) -> QuerySet[FamilyAccount]:
    if not user.is_authenticated or not user.is_active or user.role or user.municipality_id is None:
        return FamilyAccount.objects.none()
    return FamilyAccount.objects.filter(user_id=user.pk, municipality_id=user.municipality_id)


def is_family_member(user: User) -> bool:
    return _family_accounts(user).exists()


def own_families(user: User, *, for_write: bool = False) -> QuerySet[Family]:
    """A family member's own family. ``for_write``: only a guardian who acts for the family
    (parental responsibility, or child welfare with care) may ask, complain or withdraw consent."""
    if user.municipality_id is None:
        return Family.objects.none()
    accounts = _family_accounts(user).filter(family=OuterRef("pk"))
    if for_write:
        accounts = accounts.filter(
            Q(guardian__has_parental_responsibility=True) | Q(guardian__relation="child_welfare")
        )
    return Family.objects.filter(municipality_id=user.municipality_id).filter(Exists(accounts))


def own_children(user: User, *, for_write: bool = False) -> QuerySet[Child]:
    """A guardian sees every child of the family; a young person signed in sees only themselves."""
    if user.municipality_id is None:
        return Child.objects.none()
    families = own_families(user, for_write=for_write)
    children = Child.objects.filter(municipality_id=user.municipality_id, family__in=families.values("pk"))
    young_person = _family_accounts(user).filter(child__isnull=False).values("child_id")
    return children.filter(Q(pk__in=young_person) | ~Exists(young_person))
