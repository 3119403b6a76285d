"""Who coordinates a family's services, and from when to when."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knutepunkt.people.models import Family
from knutepunkt.tenancy.models import Municipality


class CoordinatorKind(models.TextChoices):
    BARNEKOORDINATOR = "barnekoordinator", _("Child coordinator (barnekoordinator)")
    KOORDINATOR = "koordinator", _("Coordinator (koordinator)")
    SERVICE_CONTACT = "service_contact", _("Service contact (tengiliður)")
    CASE_MANAGER = "case_manager", _("Case manager (málstjóri)")


class CoordinatorAssignmentQuerySet(models.QuerySet["CoordinatorAssignment"]):
    def active_on(self, day: datetime.date) -> CoordinatorAssignmentQuerySet:
        # A handover ends the old assignment on its date: from that day the old coordinator
        # no longer sees the family (ends_on is exclusive).
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day), starts_on__lte=day)


class CoordinatorAssignment(models.Model):
    """A coordinator appointed for a family. A family has one at a time (DOMAIN.md)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    family = models.ForeignKey(
        Family,
        on_delete=models.PROTECT,
        related_name="coordinator_assignments",
        verbose_name=_("family"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinator_assignments",
        verbose_name=_("coordinator"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CoordinatorKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    objects = CoordinatorAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coordinator assignment")
        verbose_name_plural = _("coordinator assignments")
        indexes = [
            models.Index(fields=["coordinator", "ends_on"]),
            models.Index(fields=["family", "ends_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="assignment_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.coordinator}"
