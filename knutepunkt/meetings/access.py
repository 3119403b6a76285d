"""``get_meeting_for``: the meeting, or 404 alike for "missing", "not yours" and "not shared".

Whoever sees the family through the policy sees its meetings, except a service contact, who sees
them only while the family consents to share the category "meetings" with the contact's service
(and, inside the minutes, only the categories shared: see ``selectors.meeting_page``).
"""

from __future__ import annotations

from django.http import Http404

from knutepunkt.access.policy import shared_categories, visible_families
from knutepunkt.consent.models import Category
from knutepunkt.meetings.models import Meeting
from knutepunkt.people.models import User


def get_meeting_for(user: User, meeting_id: int, *, for_write: bool = False) -> Meeting:
    if user.municipality_id is None:
        raise Http404
    meeting = (
        Meeting.objects.filter(
            municipality_id=user.municipality_id,
            family__in=visible_families(user, for_write=for_write).values("pk"),
        )
        .select_related("family", "child", "municipality", "organiser", "plan")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None or Category.MEETINGS not in shared_categories(user, meeting.family):
        raise Http404
    return meeting
