"""Recording an export of statistics (ADR 0007)."""

from __future__ import annotations

from knutepunkt.access.context import Actor
from knutepunkt.reporting.figures import Area
from knutepunkt.reporting.models import ExportFormat, StatisticsExport
from knutepunkt.reporting.queries import Period


def record_export(
    *, actor: Actor, area: Area, figure: str, export_format: ExportFormat, period: Period
) -> StatisticsExport:
    user = actor.user
    export = StatisticsExport(
        user=user,
        user_name=user.get_full_name() or user.username,
        user_role=user.role,
        municipality=area.municipality,
        figure=figure,
        export_format=export_format,
        period_start=period.start,
        period_end=period.end,
    )
    export.full_clean()
    export.save()
    return export
