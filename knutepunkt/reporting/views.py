"""Statistics pages: a leader's municipality, or the national view for the supervisor.

Aggregated figures hold no child's data: reading them writes nothing to the access log;
exports are recorded apart (ADR 0007).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from knutepunkt.access.context import Actor
from knutepunkt.people.models import User
from knutepunkt.reporting.access import statistics_area_for
from knutepunkt.reporting.exports import figure_csv, figures_xlsx
from knutepunkt.reporting.figures import Area, Figure, figures_for
from knutepunkt.reporting.models import ExportFormat
from knutepunkt.reporting.queries import Period
from knutepunkt.reporting.services import record_export

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _figures(request: HttpRequest) -> tuple[Area, Period, list[Figure]]:
    user = request.user
    assert isinstance(user, User)
    area = statistics_area_for(user)
    period, figures = figures_for(area, timezone.localdate())
    return area, period, figures


def _area_name(area: Area) -> str:
    return area.municipality.name if area.municipality else _("All municipalities")


def _period_text(period: Period) -> str:
    return _("%(start)s to %(end)s") % {
        "start": formats.date_format(period.start, "DATE_FORMAT"),
        "end": formats.date_format(period.end, "DATE_FORMAT"),
    }


@login_required
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    area, period, figures = _figures(request)
    return render(
        request,
        "reporting/statistics.html",
        {
            "area": area,
            "area_name": _area_name(area),
            "period_text": _period_text(period),
            "figures": figures,
        },
    )


def _filename(area: Area, period: Period, name: str, extension: str) -> str:
    where = slugify(area.municipality.name) if area.municipality else "national"
    return f"knutepunkt-{where}-{name}-{period.start:%Y-%m}-{period.end:%Y-%m}.{extension}"


@login_required
@require_GET
def export_csv(request: HttpRequest, figure: str) -> HttpResponse:
    area, period, figures = _figures(request)
    chosen = next((f for f in figures if f.key == figure), None)
    if chosen is None:
        raise Http404
    record_export(
        actor=Actor.from_request(request),
        area=area,
        figure=figure,
        export_format=ExportFormat.CSV,
        period=period,
    )
    response = HttpResponse(figure_csv(chosen), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(area, period, figure, "csv")}"'
    return response


@login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    area, period, figures = _figures(request)
    record_export(
        actor=Actor.from_request(request),
        area=area,
        figure="all",
        export_format=ExportFormat.XLSX,
        period=period,
    )
    content = figures_xlsx(figures, heading=f"{_area_name(area)}, {_period_text(period)}")
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(area, period, "statistics", "xlsx")}"'
    )
    return response
