"""The outbox in the admin: an administrator can see what is waiting, why, and send it again now.

Only the e-mail envelope is shown in the list; notices themselves stay out of the admin (they are
about families, and the admin bypasses the access policy)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.notifications.models import OutboxEmail, OutboxStatus
from knutepunkt.notifications.tasks import deliver_email


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin[OutboxEmail]):
    list_display = ["created_at", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status"]
    fields = ["status", "attempts", "next_attempt_at", "last_error", "created_at", "sent_at"]
    readonly_fields = ["status", "attempts", "next_attempt_at", "last_error", "created_at", "sent_at"]
    actions = ["send_now"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Try to send the chosen e-mails now"))
    def send_now(self, request: HttpRequest, queryset: QuerySet[OutboxEmail]) -> None:
        pending = list(queryset.filter(status=OutboxStatus.PENDING).values_list("pk", flat=True))
        queryset.filter(pk__in=pending).update(next_attempt_at=timezone.now())
        for pk in pending:
            deliver_email.enqueue(pk)
