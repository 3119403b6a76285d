"""The access log: one row per read or change of a child's or family's data.

Rows form one hash chain per municipality (the tenant, so chains shard with the data):
each row stores the hash of the previous row's hash plus its own canonical content, and
the chain head remembers the last sequence number and hash. Editing, removing or inserting
a row breaks the chain, which ``manage.py verify_audit_chain`` reports.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from knutepunkt.people.models import Child, Family
from knutepunkt.tenancy.models import Municipality

GENESIS_HASH = "0" * 64


class AccessAction(models.TextChoices):
    LIST = "list", _("Saw in a list")
    VIEW = "view", _("Viewed")
    PRINT = "print", _("Printed")
    EXPORT = "export", _("Exported")
    CHANGE = "change", _("Changed")
    DENIED = "denied", _("Tried to open, and was refused")


class Purpose(models.TextChoices):
    """Why the data was read: the legal basis the family is shown."""

    CASE_PROCESSING = "case_processing", _("Handling a request for a coordinator (hol § 7-3)")
    COORDINATION = "coordination", _("Coordinating the family's services (hol § 7-2a)")
    SERVICE_DELIVERY = "service_delivery", _("Giving a service the family consented to share with")
    LEADERSHIP = "leadership", _("Following up the unit's cases as leader")
    FAMILY = "family", _("The family looking at its own data")
    SUPPORT = "support", _("Prosperity Act case work (Act 86/2021)")


class AccessEvent(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    seq = models.PositiveBigIntegerField(_("sequence number"))
    occurred_at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # Snapshots, so the family still reads who it was after a name, role or unit changes.
    actor_name = models.CharField(_("name"), max_length=200)
    actor_role = models.CharField(_("role"), max_length=32, blank=True)
    actor_unit = models.CharField(_("unit"), max_length=150, blank=True)
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="access_events", verbose_name=_("family")
    )
    child = models.ForeignKey(
        Child,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_events",
        verbose_name=_("child"),
    )
    object_type = models.CharField(_("what"), max_length=64)
    object_id = models.CharField(_("object"), max_length=64)
    action = models.CharField(_("action"), max_length=16, choices=AccessAction.choices)
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("access event")
        verbose_name_plural = _("access events")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "seq"], name="access_event_unique_seq"),
        ]
        indexes = [
            models.Index(fields=["family", "occurred_at"]),
            models.Index(fields=["municipality", "occurred_at"]),
            models.Index(fields=["actor", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}"


# An access-log row's stored columns but its id, in one order: for the writers that insert rows
# with plain SQL or COPY (the live log, the data generator).
ACCESS_EVENT_COLUMNS = (
    "municipality_id",
    "seq",
    "occurred_at",
    "actor_id",
    "actor_name",
    "actor_role",
    "actor_unit",
    "family_id",
    "child_id",
    "object_type",
    "object_id",
    "action",
    "purpose",
    "client_address",
    "prev_hash",
    "hash",
)


class AuditChainHead(models.Model):
    """The last link of a municipality's chain; locked while a row is appended."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.PROTECT, primary_key=True, related_name="+"
    )
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.seq}"
