"""Reading one's own inbox. A notice about a family shows only while the reader may still see
that family (a coordinator who handed over loses the old family's notices with the case), and
staff reading notices about a family leave a ``list`` entry in that family's access log."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from knutepunkt.access.context import Actor
from knutepunkt.access.policy import visible_families
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import Access, record_accesses
from knutepunkt.notifications.models import Notification
from knutepunkt.people.models import Guardian, User
from knutepunkt.people.selectors import purpose_for

INBOX_PAGE_SIZE = 50


def _own_notifications(user: User) -> QuerySet[Notification]:
    families = (
        visible_families(user).values_list("pk", flat=True)
        if user.role
        else Guardian.objects.filter(user=user).values_list("family_id", flat=True)
    )
    return Notification.objects.filter(recipient=user).filter(Q(family__isnull=True) | Q(family__in=families))


@dataclass(frozen=True)
class Inbox:
    notifications: list[Notification]
    unread: int
    total: int
    page: int
    pages: int


def inbox(*, actor: Actor, page: int = 1, unread_only: bool = False) -> Inbox:
    user = actor.user
    notifications = _own_notifications(user)
    unread = notifications.filter(read_at__isnull=True).count()
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    total = unread if unread_only else notifications.count()
    pages = max(1, -(-total // INBOX_PAGE_SIZE))
    page = min(max(1, page), pages)
    start = (page - 1) * INBOX_PAGE_SIZE
    shown = list(
        notifications.select_related("family", "family__municipality").order_by("-created_at", "-pk")[
            start : start + INBOX_PAGE_SIZE
        ]
    )
    if user.role:
        record_accesses(
            actor=actor,
            accesses=[Access(family=n.family, obj=n) for n in shown if n.family is not None],
            action=AccessAction.LIST,
            purpose=purpose_for(user),
        )
    return Inbox(notifications=shown, unread=unread, total=total, page=page, pages=pages)


def unread_count(user: User) -> int:
    return _own_notifications(user).filter(read_at__isnull=True).count()
