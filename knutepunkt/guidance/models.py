"""Guidance given: an article a coordinator sent to a family.

The coordinator's duty includes guiding the family through the support system (hol § 7-2a); a
sent article is kept here for the family's library, and ``guidance.services.send_article`` also
records it in the coordinator's contact log (``coordination.Contact``) as guidance given.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.people.models import Family
from knutepunkt.tenancy.models import Municipality


class GuidanceSent(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="guidance_sent")
    article = models.SlugField(_("article"), max_length=60)
    note = models.TextField(_("a note to the family"), blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["family", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.article} → {self.family_id}"
