"""The in-app inbox, each person's e-mail choice, and the e-mail outbox.

A notice is stored as a kind and its parameters, not as finished text: the inbox shows it in the
reader's language of the day. An e-mail is stored whole in the outbox before it is sent, so a
failed send is retried from the row and nothing is lost while the mail server is down.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.people.models import Family
from knutepunkt.tenancy.models import Municipality


class NotificationKind(models.TextChoices):
    MESSAGE = "message", _("New message")
    REVIEW_DUE = "review_due", _("Plan review due")
    MEASURE_LATE = "measure_late", _("Measure late")
    CONSENT_EXPIRING = "consent_expiring", _("Consent expiring")
    COMPLAINT_DEADLINE = "complaint_deadline", _("Complaint deadline near")
    MEETING_TOMORROW = "meeting_tomorrow", _("Meeting tomorrow")
    MEETING_INVITATION = "meeting_invitation", _("Meeting invitation")
    MEETING_MOVED = "meeting_moved", _("Meeting moved")
    MINUTES_READY = "minutes_ready", _("Minutes ready")
    ACTION_ASSIGNED = "action_assigned", _("Action item for you")
    PLAN_SIGNED = "plan_signed", _("Plan signed")
    GENERAL = "general", _("Notice")


class Notification(models.Model):
    """One notice in one person's inbox."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=300, blank=True)
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, null=True, blank=True, related_name="notifications"
    )
    # The same reminder is never sent twice: the scan gives each one a key, unique per person.
    dedupe_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # When it went out by e-mail (at once or in a digest); empty while it waits for a digest.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_unique_dedupe_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailChoice(models.TextChoices):
    IMMEDIATELY = "immediately", _("An e-mail for each notice")
    DAILY_DIGEST = "daily_digest", _("One e-mail a day with all new notices")
    NONE = "none", _("No e-mail: only in Knutepunkt")


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.CharField(
        _("E-mail about notices"),
        max_length=20,
        choices=EmailChoice.choices,
        default=EmailChoice.IMMEDIATELY,
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")


class OutboxEmail(models.Model):
    """One e-mail, kept from the moment it is decided on until the mail server has taken it."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to = models.JSONField(_("to"), default=list)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    # [{"filename": ..., "content": ..., "mimetype": ...}]; text attachments only (calendar files).
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"], condition=~Q(dedupe_key=""), name="outbox_unique_dedupe_key"
            )
        ]

    def __str__(self) -> str:
        return self.subject
