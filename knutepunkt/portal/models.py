"""The family's sign-in, the invitations that lead to it, and messages with the coordinator.

A family member signs in as a ``people.User`` with no staff role, linked to one guardian or one
child of one family by a ``FamilyAccount``. Every row carries its municipality (the tenant).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knutepunkt.people.models import Child, Family, Guardian
from knutepunkt.portal.rules import (
    DEFAULT_CHILD_SIGN_IN_AGE,
    DEFAULT_DECISION_TARGET_DAYS,
    DEFAULT_INVITATION_DAYS,
)
from knutepunkt.tenancy.models import Municipality


class PortalSettings(models.Model):
    """The municipality's practice for its family pages ([U] in DOMAIN.md: not law).

    A municipality without a row uses the defaults (``settings_for``)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.PROTECT, primary_key=True, related_name="+"
    )
    child_sign_in_age = models.PositiveSmallIntegerField(
        _("a child may sign in from age"),
        default=DEFAULT_CHILD_SIGN_IN_AGE,
        help_text=_("The municipality's practice, not law."),
    )
    decision_target_days = models.PositiveSmallIntegerField(
        _("days we aim to decide a request in"),
        default=DEFAULT_DECISION_TARGET_DAYS,
        help_text=_("The municipality's practice: the law says only 'without undue delay'."),
    )
    invitation_days = models.PositiveSmallIntegerField(
        _("days an invitation link works"), default=DEFAULT_INVITATION_DAYS
    )
    office_opens = models.TimeField(_("office opens"), default=datetime.time(8, 0))
    office_closes = models.TimeField(_("office closes"), default=datetime.time(15, 30))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("settings for the family's pages")
        verbose_name_plural = _("settings for the family's pages")

    def __str__(self) -> str:
        return str(self.municipality)

    def clean(self) -> None:
        if not 0 < self.child_sign_in_age < 18:
            raise ValidationError({"child_sign_in_age": _("Give an age between 1 and 17.")})
        if self.office_closes <= self.office_opens:
            raise ValidationError({"office_closes": _("The office must close after it opens.")})


def settings_for(municipality_id: int) -> PortalSettings:
    return PortalSettings.objects.filter(municipality_id=municipality_id).first() or PortalSettings(
        municipality_id=municipality_id
    )


class FamilyAccount(models.Model):
    """A sign-in of the family's own: one guardian, or one child from the sign-in age."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="family_account"
    )
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="accounts")
    guardian = models.OneToOneField(
        Guardian, on_delete=models.PROTECT, null=True, blank=True, related_name="family_account"
    )
    child = models.OneToOneField(
        Child, on_delete=models.PROTECT, null=True, blank=True, related_name="family_account"
    )
    national_id = models.CharField(
        max_length=11, blank=True, help_text="Matched against the ID-porten claim; never shown."
    )
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(guardian__isnull=False, child__isnull=True)
                | Q(guardian__isnull=True, child__isnull=False),
                name="family_account_guardian_or_child",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "national_id"])]

    def __str__(self) -> str:
        return str(self.guardian or self.child)

    @property
    def is_child(self) -> bool:
        return self.child_id is not None

    @property
    def acts_for_family(self) -> bool:
        """Gives consent, complains and asks on the family's behalf: a guardian with parental
        responsibility, or child welfare where it has care (DOMAIN.md, How it goes 3)."""
        guardian = self.guardian
        return guardian is not None and (
            guardian.has_parental_responsibility or guardian.relation == "child_welfare"
        )


class Invitation(models.Model):
    """A single-use, expiring link to set up a family account. Only the token's hash is stored."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="invitations")
    guardian = models.ForeignKey(
        Guardian, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    child = models.ForeignKey(
        Child, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(guardian__isnull=False, child__isnull=True)
                | Q(guardian__isnull=True, child__isnull=False),
                name="invitation_guardian_or_child",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guardian or self.child} {self.created_at:%Y-%m-%d}"

    def is_usable(self, now: datetime.datetime) -> bool:
        return self.used_at is None and now < self.expires_at


class MessageThread(models.Model):
    """A conversation between the family (or the young person alone) and the coordinator."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="message_threads")
    # Set when a young person started the thread from their own account: it is theirs.
    child = models.ForeignKey(
        Child, on_delete=models.PROTECT, null=True, blank=True, related_name="message_threads"
    )
    subject = models.CharField(_("subject"), max_length=150)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    # Only a young person of health-majority age sets this on their own thread (portal.rules).
    hidden_from_guardians = models.BooleanField(_("keep this from my parents"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        indexes = [models.Index(fields=["family", "last_message_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_from_guardians=False) | Q(child__isnull=False),
                name="thread_hidden_only_for_young_person",
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class Message(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    thread = models.ForeignKey(MessageThread, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.thread_id} {self.sent_at:%Y-%m-%d %H:%M}"

    @property
    def from_family(self) -> bool:
        return not self.author.role


class MessageAttachment(models.Model):
    """A file sent with a message: checked by content, stored outside the web root under a random
    name, served only by an access-checked view (as ``intake.documents``)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="attachments")
    title = models.CharField(max_length=200)
    stored_name = models.CharField(max_length=80, unique=True, editable=False)
    content_type = models.CharField(max_length=50, editable=False)
    size = models.PositiveIntegerField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title
