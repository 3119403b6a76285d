"""Who may read and change the directory.

Reading: any signed-in staff member (the directory holds no personal data about children); an
agency another municipality owns, or another country's, is answered with 404 like a missing one.
Changing in the app: administrators, and only their own municipality's agencies. National
agencies are shared by every municipality of a country, so they are maintained centrally in the
Django admin, not by one municipality's administrator.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from knutepunkt.directory.models import Agency
from knutepunkt.directory.selectors import agency_with_services, can_read_directory, visible_agencies
from knutepunkt.people.models import Role, User


def require_reader(user: User) -> None:
    if not can_read_directory(user):
        raise PermissionDenied


def can_edit_agency(user: User, agency: Agency) -> bool:
    return (
        can_read_directory(user)
        and user.role == Role.ADMINISTRATOR
        and agency.municipality_id is not None
        and agency.municipality_id == user.municipality_id
    )


def get_agency_for(user: User, agency_id: int, *, for_write: bool = False) -> Agency:
    """The agency with its services, if this user may see it (and change it, with ``for_write``).

    404 alike for "missing" and "not visible to you"; 403 for a visible agency the user may not
    change.
    """
    require_reader(user)
    agency = agency_with_services(visible_agencies(user), agency_id)
    if agency is None:
        raise Http404
    if for_write and not can_edit_agency(user, agency):
        raise PermissionDenied
    return agency
