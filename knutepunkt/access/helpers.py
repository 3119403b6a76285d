"""``get_<thing>_for(user, id)``: the object, or 404 alike for "missing" and "not yours"."""

from __future__ import annotations

from django.http import Http404

from knutepunkt.access.policy import visible_children, visible_families
from knutepunkt.people.models import Child, Family, User


def get_child_for(user: User, child_id: int, *, for_write: bool = False) -> Child:
    child = (
        visible_children(user, for_write=for_write)
        .select_related("family", "municipality")
        .filter(pk=child_id)
        .first()
    )
    if child is None:
        raise Http404
    return child


def get_family_for(user: User, family_id: int, *, for_write: bool = False) -> Family:
    family = (
        visible_families(user, for_write=for_write)
        .select_related("municipality")
        .filter(pk=family_id)
        .first()
    )
    if family is None:
        raise Http404
    return family
