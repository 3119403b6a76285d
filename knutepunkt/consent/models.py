"""Consent to share information with a service, per service and per category.

Information goes to a service only while the family's consent to share with that service
holds (DESIGN.md rule 3; Helsedirektoratet's cooperation guide; Iceland art. 16, 19, 23). A
consent names who gave it, which service (a unit, where that service's staff sign in), which
categories of information, and from when to when; withdrawing it ends it at once.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knutepunkt.people.models import Family, Guardian
from knutepunkt.tenancy.models import Municipality, Unit


class Category(models.TextChoices):
    """What a service may be told. Each page section belongs to one category."""

    BASICS = "basics", _("Name, age and contact details")
    COORDINATOR = "coordinator", _("Who the coordinator is")
    PLAN = "plan", _("The plan: goals and measures")
    MEETINGS = "meetings", _("Meetings and minutes")
    HEALTH = "health", _("Health information")
    SCHOOL = "school", _("Kindergarten and school matters")
    WELFARE = "welfare", _("NAV and welfare benefits")


class SharingConsentQuerySet(models.QuerySet["SharingConsent"]):
    def live_on(self, day: datetime.date) -> SharingConsentQuerySet:
        return self.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
            valid_from__lte=day,
            withdrawn_at__isnull=True,
        )


class SharingConsent(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="sharing_consents", verbose_name=_("family")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="sharing_consents", verbose_name=_("shared with")
    )
    categories = models.JSONField(_("what may be shared"), default=list)
    given_by = models.ForeignKey(
        Guardian, on_delete=models.PROTECT, related_name="sharing_consents", verbose_name=_("given by")
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = SharingConsentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consent to share")
        verbose_name_plural = _("consents to share")
        ordering = ["-valid_from", "-pk"]
        indexes = [
            models.Index(fields=["unit", "family"]),
            models.Index(fields=["family", "withdrawn_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="sharing_consent_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.family} → {self.unit}"

    def category_labels(self) -> list[str]:
        return [str(Category(c).label) for c in self.categories if c in Category.values]
