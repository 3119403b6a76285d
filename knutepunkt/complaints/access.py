"""``get_complaint_for(user, id)``: the complaint, or 404 alike for "missing" and "not yours".

Complaints follow the case: whoever may see the family's case may see its complaints, through the
one policy (``access.policy.visible_families``). A complaint is case work, not one of the
categories a family shares with a service, so service contacts never see complaints.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from knutepunkt.access.policy import visible_families
from knutepunkt.complaints.models import Complaint
from knutepunkt.people.models import Role, User

CASE_WORK_ROLES = frozenset({Role.OFFICER, Role.COORDINATOR, Role.LEADER})


def visible_complaints(user: User, *, for_write: bool = False) -> QuerySet[Complaint]:
    if user.municipality_id is None or user.role not in CASE_WORK_ROLES:
        return Complaint.objects.none()
    return Complaint.objects.filter(
        municipality_id=user.municipality_id,
        case__family__in=visible_families(user, for_write=for_write).values("pk"),
    )


def get_complaint_for(user: User, complaint_id: int, *, for_write: bool = False) -> Complaint:
    complaint = (
        visible_complaints(user, for_write=for_write)
        .select_related("case", "case__family", "case__child", "case__municipality")
        .filter(pk=complaint_id)
        .first()
    )
    if complaint is None:
        raise Http404
    return complaint
