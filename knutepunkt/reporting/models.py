"""What statistics were exported, by whom (ADR 0007).

Aggregated figures hold no child's data, so they never go to the per-family access log; an export
still leaves the system, so each one is recorded here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.tenancy.models import Municipality


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class StatisticsExport(models.Model):
    exported_at = models.DateTimeField(_("exported at"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    # Snapshot, so the record still says who it was after a name or role changes.
    user_name = models.CharField(_("name"), max_length=200)
    user_role = models.CharField(_("role"), max_length=32)
    # None for the national view.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    figure = models.CharField(_("figures"), max_length=40)
    export_format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))

    class Meta:
        verbose_name = _("statistics export")
        verbose_name_plural = _("statistics exports")
        ordering = ["-exported_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "exported_at"])]

    def __str__(self) -> str:
        return f"{self.exported_at:%Y-%m-%d %H:%M} {self.user_name} {self.figure}.{self.export_format}"
