"""Object permissions as ``rules`` predicates, so templates and the API ask one policy."""

from __future__ import annotations

from rules.permissions import add_perm
from rules.predicates import predicate

from knutepunkt.access.policy import ROLES_THAT_CHANGE_CASES, visible_children
from knutepunkt.people.models import Child, User


@predicate
def can_see_child(user: User, child: Child | None) -> bool:
    if child is None:
        return False
    return visible_children(user).filter(pk=child.pk).exists()


@predicate
def can_change_child(user: User, child: Child | None) -> bool:
    if child is None or user.role not in ROLES_THAT_CHANGE_CASES:
        return False
    return visible_children(user, for_write=True).filter(pk=child.pk).exists()


@predicate
def is_officer(user: User) -> bool:
    return user.is_authenticated and user.role == "officer" and user.municipality_id is not None


add_perm("people.view_child", can_see_child)  # type: ignore[no-untyped-call]
add_perm("people.change_child", can_change_child)  # type: ignore[no-untyped-call]
add_perm("people.register_family", is_officer)  # type: ignore[no-untyped-call]
