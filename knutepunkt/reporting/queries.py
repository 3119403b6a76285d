"""The aggregations behind the statistics: every figure is computed in the database.

Each function takes the area (one municipality, or ``None`` for the whole country) and returns
counts already grouped by the database; nothing here walks over cases or children in Python.
Medians and 90th percentiles use ``percentile_cont`` on PostgreSQL and the same linear
interpolation built from window-function ranks on SQLite (which has no percentile function).
The raw SQL is assembled only from table names and constants of this module (``noqa: S608``);
every value from outside goes in as a query parameter.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from knutepunkt.complaints.models import Complaint
from knutepunkt.consent.models import SharingConsent
from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.intake.models import Case, CaseEvent, Decision
from knutepunkt.people.models import User
from knutepunkt.plans.models import Measure, MeasureStatus, Plan
from knutepunkt.tenancy.models import Municipality

# The case history event that marks the coordinator starting (intake.services.appoint_coordinator).
APPOINTED_EVENT = "coordinator_appointed"

# Upper bounds of the caseload bands (families per coordinator); the last band is open.
CASELOAD_BANDS = (5, 10, 15, 20, 30)

# A plan review this many days ahead counts as coming up.
REVIEW_SOON = 30

# Consents ending within these many days.
EXPIRY_BANDS = (30, 60, 90)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date


@dataclass(frozen=True)
class Waiting:
    """Days from request to a step, for one group of cases."""

    group: int
    cases: int
    median: float
    p90: float


def _in_area(queryset: QuerySet[Any], municipality_id: int | None) -> QuerySet[Any]:
    return queryset if municipality_id is None else queryset.filter(municipality_id=municipality_id)


def requests_per_month(municipality_id: int | None, period: Period) -> dict[datetime.date, int]:
    rows = (
        _in_area(Case.objects.all(), municipality_id)
        .filter(received_on__range=(period.start, period.end))
        .annotate(month=TruncMonth("received_on"))
        .order_by()
        .values("month")
        .annotate(n=Count("id"))
    )
    return {_as_date(row["month"]): row["n"] for row in rows}


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def requests_per_municipality(period: Period) -> dict[int, int]:
    rows = (
        Case.objects.filter(received_on__range=(period.start, period.end))
        .order_by()
        .values("municipality_id")
        .annotate(n=Count("id"))
    )
    return {row["municipality_id"]: row["n"] for row in rows}


def _durations_sql(
    step: str, municipality_id: int | None, by_municipality: bool, period_start: datetime.date
) -> tuple[str, list[Any]]:
    """One row per case received in the period that reached ``step``: (group, days waited)."""
    case_table = Case._meta.db_table
    postgres = connection.vendor == "postgresql"
    # In the order their placeholders appear: the days expression's, then the subquery's.
    day_params: list[Any] = []
    params: list[Any] = []
    # Nothing happens to a case before it is received, so only steps from the period's first
    # day on can belong to its cases: the subquery reads this year's rows, not every year's.
    if step == "decision":
        first = (
            f"SELECT case_id, MIN(decided_on) AS first_on FROM {Decision._meta.db_table} "  # noqa: S608
            "WHERE decided_on >= %s GROUP BY case_id"
        )
        params.append(period_start)
        days = (
            "(s.first_on - c.received_on)"
            if postgres
            else "(julianday(s.first_on) - julianday(c.received_on))"
        )
    elif step == "appointment":
        first = (
            f"SELECT case_id, MIN(occurred_at) AS first_on FROM {CaseEvent._meta.db_table} "  # noqa: S608
            "WHERE kind = %s AND occurred_at >= %s GROUP BY case_id"
        )
        # Midnight in the municipality's time zone, a day early: the day boundary is all it must keep.
        params += [APPOINTED_EVENT, period_start - datetime.timedelta(days=1)]
        if postgres:
            # The day the coordinator started, as the municipality's calendar has it.
            days = "(CAST(s.first_on AT TIME ZONE %s AS date) - c.received_on)"
            day_params.append(settings.TIME_ZONE)
        else:
            days = "(julianday(date(s.first_on)) - julianday(c.received_on))"
    else:
        raise ValueError(step)
    group = "c.municipality_id" if by_municipality else "0"
    sql = (
        f"SELECT {group} AS grp, {days} AS days FROM {case_table} c "  # noqa: S608
        f"JOIN ({first}) s ON s.case_id = c.id "
        "WHERE c.received_on >= %s AND c.received_on <= %s"
    )
    if municipality_id is not None:
        sql += " AND c.municipality_id = %s"
    return sql, day_params + params


def waiting_times(
    step: str, municipality_id: int | None, period: Period, *, by_municipality: bool = False
) -> list[Waiting]:
    """Median and 90th percentile of days from request to ``step`` ("decision" or
    "appointment"), for cases received in the period; one row per group."""
    durations, params = _durations_sql(step, municipality_id, by_municipality, period.start)
    params += [period.start, period.end]
    if municipality_id is not None:
        params.append(municipality_id)
    if connection.vendor == "postgresql":
        sql = (
            "SELECT grp, COUNT(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY days), "  # noqa: S608
            "percentile_cont(0.9) WITHIN GROUP (ORDER BY days) "
            f"FROM ({durations}) d GROUP BY grp"
        )
    else:
        sql = _ranked_percentiles_sql(durations)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [Waiting(group=row[0], cases=row[1], median=float(row[2]), p90=float(row[3])) for row in rows]


def _ranked_percentiles_sql(durations: str) -> str:
    """percentile_cont's definition from ranks: the value at position p*(n-1) (from 0),
    interpolated linearly between its two neighbours."""

    def at(fraction: float) -> str:
        position = f"(n - 1) * {fraction}"
        whole = f"CAST({position} AS INTEGER)"
        low = f"MAX(CASE WHEN rn = 1 + {whole} THEN days END)"
        high = f"MAX(CASE WHEN rn = 2 + {whole} THEN days END)"
        return f"{low} + ({position} - {whole}) * (COALESCE({high}, {low}) - {low})"

    return (
        "SELECT grp, n, "  # noqa: S608
        f"{at(0.5)}, {at(0.9)} "
        "FROM (SELECT grp, days, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY days) AS rn, "
        f"COUNT(*) OVER (PARTITION BY grp) AS n FROM ({durations}) d) r "
        "GROUP BY grp, n"
    )


def active_assignments_by_kind(municipality_id: int | None, today: datetime.date) -> dict[str, int]:
    rows = (
        _in_area(CoordinatorAssignment.objects.active_on(today), municipality_id)
        .order_by()
        .values("kind")
        .annotate(n=Count("id"))
    )
    return {row["kind"]: row["n"] for row in rows}


def _active_plans(municipality_id: int | None, today: datetime.date) -> QuerySet[Plan]:
    return _in_area(Plan.objects.all(), municipality_id).filter(
        period_start__lte=today, period_end__gte=today
    )


def active_plans_by_kind(municipality_id: int | None, today: datetime.date) -> dict[str, int]:
    rows = _active_plans(municipality_id, today).order_by().values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}


def plan_reviews(municipality_id: int | None, today: datetime.date) -> dict[str, int]:
    """Active plans whose review date has passed without the review being held, and those with
    a review coming up within REVIEW_SOON days."""
    soon = today + datetime.timedelta(days=REVIEW_SOON)
    open_ = Q(reviews__held_on__isnull=True)
    # One join over the reviews, counted per plan: an EXISTS per plan probed every plan twice
    # (67 ms against 11 ms at national scale).
    return _active_plans(municipality_id, today).aggregate(
        overdue=Count("id", distinct=True, filter=open_ & Q(reviews__scheduled_on__lt=today)),
        due_soon=Count(
            "id",
            distinct=True,
            filter=open_ & Q(reviews__scheduled_on__gte=today, reviews__scheduled_on__lte=soon),
        ),
        active=Count("id", distinct=True),
    )


def measures_by_state(municipality_id: int | None, today: datetime.date) -> dict[str, int]:
    """Measures of the active plans: done, stopped, late (open past their end date) and on
    time (open, not yet past it)."""
    open_ = Q(status__in=(MeasureStatus.PLANNED, MeasureStatus.UNDER_WAY))
    late = open_ & Q(ends_on__lt=today)
    return (
        _in_area(Measure.objects.all(), municipality_id)
        .filter(plan__in=_active_plans(municipality_id, today).values("pk"))
        .aggregate(
            done=Count("id", filter=Q(status=MeasureStatus.DONE)),
            stopped=Count("id", filter=Q(status=MeasureStatus.STOPPED)),
            late=Count("id", filter=late),
            on_time=Count("id", filter=open_ & ~Q(ends_on__lt=today)),
        )
    )


def _per_coordinator(municipality_id: int | None, today: datetime.date) -> QuerySet[Any]:
    per_coordinator: QuerySet[Any] = (
        _in_area(CoordinatorAssignment.objects.active_on(today), municipality_id)
        .order_by()
        .values("coordinator_id")
        .annotate(n=Count("id"))
    )
    return per_coordinator


def caseload_bands(municipality_id: int | None, today: datetime.date) -> dict[int, int]:
    """How many coordinators have how many families, by band (index into CASELOAD_BANDS; the
    last index is "more than the last bound")."""
    inner, params = _per_coordinator(municipality_id, today).query.sql_with_params()
    cases = " ".join(f"WHEN n <= {bound} THEN {index}" for index, bound in enumerate(CASELOAD_BANDS))
    sql = (
        f"SELECT CASE {cases} ELSE {len(CASELOAD_BANDS)} END AS band, COUNT(*) "  # noqa: S608
        f"FROM ({inner}) per_coordinator GROUP BY band"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def caseload_per_coordinator(municipality_id: int, today: datetime.date) -> list[dict[str, Any]]:
    """Families per coordinator in one municipality, the heaviest first. Staff names, not
    children's data: a leader follows up their own people."""
    return list(
        User.objects.filter(municipality_id=municipality_id)
        .annotate(
            n=Count(
                "coordinator_assignments",
                filter=Q(coordinator_assignments__in=CoordinatorAssignment.objects.active_on(today)),
            )
        )
        .filter(n__gt=0)
        .order_by("-n", "last_name", "first_name", "pk")
        .values("first_name", "last_name", "username", "n")
    )


def active_coordinators_per_municipality(today: datetime.date) -> dict[int, int]:
    rows = (
        CoordinatorAssignment.objects.active_on(today)
        .order_by()
        .values("municipality_id")
        .annotate(n=Count("coordinator_id", distinct=True))
    )
    return {row["municipality_id"]: row["n"] for row in rows}


def complaints_by_status(municipality_id: int | None, period: Period) -> dict[tuple[str, str], int]:
    rows = (
        _in_area(Complaint.objects.all(), municipality_id)
        .filter(lodged_on__range=(period.start, period.end))
        .order_by()
        .values("status", "kind")
        .annotate(n=Count("id"))
    )
    return {(row["status"], row["kind"]): row["n"] for row in rows}


def consents_expiring(municipality_id: int | None, today: datetime.date) -> dict[int, int]:
    """Live consents to share ending within each band of days (not cumulative)."""
    live = _in_area(SharingConsent.objects.live_on(today), municipality_id)
    bounds: Sequence[int] = (0, *EXPIRY_BANDS)
    counts = live.aggregate(
        **{
            f"within_{high}": Count(
                "id",
                filter=Q(
                    valid_to__gte=today + datetime.timedelta(days=low + 1 if low else 0),
                    valid_to__lte=today + datetime.timedelta(days=high),
                ),
            )
            for low, high in itertools.pairwise(bounds)
        }
    )
    return {high: counts[f"within_{high}"] or 0 for high in EXPIRY_BANDS}


def municipalities() -> list[dict[str, Any]]:
    return [
        dict(row) for row in Municipality.objects.order_by("country", "name").values("id", "name", "country")
    ]
