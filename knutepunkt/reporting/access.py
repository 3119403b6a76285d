"""Who sees which statistics: a leader their own municipality's, the national supervisor the
whole country's (small groups suppressed). Nobody else sees statistics."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from knutepunkt.people.models import Role, User
from knutepunkt.reporting.figures import Area


def statistics_area_for(user: User) -> Area:
    if not user.is_active:
        raise PermissionDenied
    if user.role == Role.LEADER and user.municipality is not None:
        return Area(user.municipality)
    if user.role == Role.SUPERVISOR:
        return Area(None)
    raise PermissionDenied
