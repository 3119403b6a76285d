"""The statistics as figures: a title, a table (rows of cells) and the chart drawn from it.

A leader sees their own municipality's figures; the national supervisor sees the whole country
with small groups suppressed: any count of children or cases from 1 to 4 is shown as "fewer than
5", and a median or percentile over fewer than 5 cases is withheld, so no child can be recognised
(ADR 0006). Everything is counted by ``queries``; this module only arranges the numbers.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from knutepunkt.complaints.models import ComplaintKind, ComplaintStatus
from knutepunkt.coordination.models import CoordinatorKind
from knutepunkt.plans.models import PlanKind
from knutepunkt.reporting import queries
from knutepunkt.reporting.charts import BarChart, bar_chart
from knutepunkt.tenancy.models import Country, Municipality

SMALLEST_SHOWN = 5

NORWEGIAN_KINDS = (CoordinatorKind.BARNEKOORDINATOR, CoordinatorKind.KOORDINATOR)
ICELANDIC_KINDS = (CoordinatorKind.SERVICE_CONTACT, CoordinatorKind.CASE_MANAGER)

# Bands of the municipalities' median days to a decision (upper bounds; the last is open).
MEDIAN_BANDS = (14, 30, 60, 90)


class Suppressed:
    """A small count, withheld in the national view."""

    def __str__(self) -> str:
        return str(_("fewer than %(n)s") % {"n": SMALLEST_SHOWN})


class Withheld:
    """A median or percentile over too few cases to show."""

    def __str__(self) -> str:
        return str(_("too few cases"))


SUPPRESSED = Suppressed()
WITHHELD = Withheld()

Value = int | float | str | Suppressed | Withheld | None


@dataclass(frozen=True)
class Cell:
    value: Value

    @property
    def text(self) -> str:
        if self.value is None:
            return "–"
        if isinstance(self.value, float):
            return formats.number_format(self.value, decimal_pos=1, use_l10n=True)
        if isinstance(self.value, int):
            return formats.number_format(self.value, use_l10n=True, force_grouping=True)
        return str(self.value)

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, int | float)

    @property
    def is_text(self) -> bool:
        return isinstance(self.value, str)

    @property
    def export_value(self) -> int | float | str:
        """What a spreadsheet gets: numbers as numbers, withheld values as their words."""
        if self.value is None:
            return ""
        if isinstance(self.value, int | float):
            return self.value
        return str(self.value)


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]


@dataclass
class Figure:
    key: str
    title: str | Promise
    description: str | Promise
    columns: Sequence[str | Promise]
    rows: list[Row]
    # Which value columns (0 = the first after the label) the chart draws.
    chart_series: Sequence[int] = (0,)
    chart: BarChart | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.chart_series and self.rows:
            self.chart = bar_chart(
                labels=[row.label for row in self.rows],
                series_names=[str(self.columns[index + 1]) for index in self.chart_series],
                values=[
                    [_chart_value(row.cells[index].value) for index in self.chart_series] for row in self.rows
                ],
            )

    @property
    def header(self) -> list[tuple[str, bool]]:
        """The column headings, each with whether its column holds numbers (aligned right)."""
        text_columns = (
            {i for i, cell in enumerate(self.rows[0].cells) if cell.is_text} if self.rows else set()
        )
        return [
            (str(column), index > 0 and index - 1 not in text_columns)
            for index, column in enumerate(self.columns)
        ]


def _chart_value(value: Value) -> float | None:
    return float(value) if isinstance(value, int | float) else None


@dataclass(frozen=True)
class Area:
    """Whose figures: one municipality, or the whole country (``municipality`` None)."""

    municipality: Municipality | None

    @property
    def municipality_id(self) -> int | None:
        return self.municipality.pk if self.municipality else None

    @property
    def suppress(self) -> bool:
        return self.municipality is None


def last_twelve_months(today: datetime.date) -> queries.Period:
    month = today.month - 11
    year = today.year
    if month < 1:
        month += 12
        year -= 1
    return queries.Period(start=datetime.date(year, month, 1), end=today)


def _count(area: Area) -> Callable[[int], Cell]:
    def cell(n: int) -> Cell:
        if area.suppress and 0 < n < SMALLEST_SHOWN:
            return Cell(SUPPRESSED)
        return Cell(n)

    return cell


def _days(area: Area, cases: int, days: float) -> Cell:
    if area.suppress and cases < SMALLEST_SHOWN:
        return Cell(WITHHELD)
    return Cell(round(days, 1))


def requests_figure(area: Area, period: queries.Period) -> Figure:
    counts = queries.requests_per_month(area.municipality_id, period)
    count = _count(area)
    rows = []
    month = period.start
    while month <= period.end:
        label = formats.date_format(month, "YEAR_MONTH_FORMAT")
        rows.append(Row(label, (count(counts.get(month, 0)),)))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return Figure(
        key="requests",
        title=_("Requests per month"),
        description=_("Requests for a coordinator received each month, from every way in."),
        columns=(_("Month"), _("Requests")),
        rows=rows,
    )


STEPS: tuple[tuple[str, Promise], ...] = (
    ("decision", _("Request to decision")),
    ("appointment", _("Request to coordinator appointed")),
)


def waiting_figure(area: Area, period: queries.Period) -> Figure:
    count = _count(area)
    rows = []
    for step, label in STEPS:
        found = queries.waiting_times(step, area.municipality_id, period)
        if found:
            waiting = found[0]
            cells = (
                count(waiting.cases),
                _days(area, waiting.cases, waiting.median),
                _days(area, waiting.cases, waiting.p90),
            )
        else:
            cells = (Cell(0), Cell(None), Cell(None))
        rows.append(Row(str(label), cells))
    return Figure(
        key="waiting",
        title=_("Days of waiting"),
        description=_(
            "For requests received in the period: days from the request to the first decision "
            "and to the coordinator starting. Half waited less than the median; nine in ten "
            "waited less than the 90th percentile."
        ),
        columns=(_("Step"), _("Cases"), _("Median days"), _("90th percentile, days")),
        rows=rows,
        chart_series=(1, 2),
    )


def arrangements_figure(area: Area, today: datetime.date) -> Figure:
    by_kind = queries.active_assignments_by_kind(area.municipality_id, today)
    count = _count(area)
    country = area.municipality.country if area.municipality else None
    kinds: Sequence[CoordinatorKind] = (
        NORWEGIAN_KINDS
        if country == Country.NORWAY
        else ICELANDIC_KINDS
        if country == Country.ICELAND
        else (*NORWEGIAN_KINDS, *ICELANDIC_KINDS)
    )
    rows = [Row(str(kind.label), (count(by_kind.get(kind, 0)),)) for kind in kinds]
    plans = queries.active_plans_by_kind(area.municipality_id, today)
    plan_kinds = (
        (PlanKind.INDIVIDUAL_PLAN,)
        if country == Country.NORWAY
        else (PlanKind.SUPPORT_PLAN,)
        if country == Country.ICELAND
        else (PlanKind.INDIVIDUAL_PLAN, PlanKind.SUPPORT_PLAN)
    )
    rows += [Row(str(kind.label), (count(plans.get(kind, 0)),)) for kind in plan_kinds]
    return Figure(
        key="arrangements",
        title=_("Active coordinators and plans"),
        description=_(
            "Families with a coordinator today, by kind (in Iceland: a service contact, "
            "tengiliður, for level 1 services; a case manager, málstjóri, for levels 2 and 3), and "
            "plans whose period includes today."
        ),
        columns=(_("Arrangement"), _("Active")),
        rows=rows,
    )


def _band_labels(bounds: Sequence[int], *, first: int) -> list[str]:
    labels = []
    low = first
    for high in bounds:
        labels.append(f"{low}–{high}")
        low = high + 1
    labels.append(str(_("more than %(n)s") % {"n": bounds[-1]}))
    return labels


def caseload_figure(area: Area, today: datetime.date) -> Figure:
    bands = queries.caseload_bands(area.municipality_id, today)
    labels = _band_labels(queries.CASELOAD_BANDS, first=1)
    # Coordinators are staff, not children: their numbers need no suppression.
    rows = [Row(label, (Cell(bands.get(index, 0)),)) for index, label in enumerate(labels)]
    return Figure(
        key="caseload",
        title=_("Caseload per coordinator"),
        description=_("How many coordinators have how many families today."),
        columns=(_("Families per coordinator"), _("Coordinators")),
        rows=rows,
    )


def coordinators_figure(municipality: Municipality, today: datetime.date) -> Figure:
    rows = [
        Row(
            f"{person['first_name']} {person['last_name']}".strip() or person["username"],
            (Cell(person["n"]),),
        )
        for person in queries.caseload_per_coordinator(municipality.pk, today)
    ]
    return Figure(
        key="coordinators",
        title=_("Families per coordinator"),
        description=_("Each coordinator's families today, the heaviest caseload first."),
        columns=(_("Coordinator"), _("Families")),
        rows=rows,
        chart_series=(),
    )


def complaints_figure(area: Area, period: queries.Period) -> Figure:
    counts = queries.complaints_by_status(area.municipality_id, period)
    count = _count(area)
    kinds = (ComplaintKind.APPEAL, ComplaintKind.QUALITY)
    rows = [
        Row(str(status.label), tuple(count(counts.get((status, kind), 0)) for kind in kinds))
        for status in ComplaintStatus
    ]
    return Figure(
        key="complaints",
        title=_("Complaints and their outcomes"),
        description=_("Complaints lodged in the period, by where they stand now."),
        columns=(_("Status"), _("About a decision"), _("About the service")),
        rows=rows,
        chart_series=(0, 1),
    )


def reviews_figure(area: Area, today: datetime.date) -> Figure:
    reviews = queries.plan_reviews(area.municipality_id, today)
    count = _count(area)
    return Figure(
        key="reviews",
        title=_("Plan reviews"),
        description=_(
            "Plans in force today whose review date has passed without the review being held, and "
            "those with a review in the next %(days)s days."
        )
        % {"days": queries.REVIEW_SOON},
        columns=(_("Review"), _("Plans")),
        rows=[
            Row(str(_("Overdue")), (count(reviews["overdue"]),)),
            Row(str(_("Coming up")), (count(reviews["due_soon"]),)),
            Row(str(_("All plans in force")), (count(reviews["active"]),)),
        ],
    )


def measures_figure(area: Area, today: datetime.date) -> Figure:
    measures = queries.measures_by_state(area.municipality_id, today)
    count = _count(area)
    return Figure(
        key="measures",
        title=_("Measures in the plans"),
        description=_(
            "Measures of the plans in force: done, stopped, still open past their end date (late), "
            "and open on time."
        ),
        columns=(_("Measures"), _("Number")),
        rows=[
            Row(str(_("Done")), (count(measures["done"]),)),
            Row(str(_("Late")), (count(measures["late"]),)),
            Row(str(_("On time")), (count(measures["on_time"]),)),
            Row(str(_("Stopped")), (count(measures["stopped"]),)),
        ],
    )


def consents_figure(area: Area, today: datetime.date) -> Figure:
    counts = queries.consents_expiring(area.municipality_id, today)
    count = _count(area)
    bounds = (0, *queries.EXPIRY_BANDS)
    rows = [
        Row(
            str(_("in %(low)s–%(high)s days") % {"low": low + 1 if low else 0, "high": high}),
            (count(counts[high]),),
        )
        for low, high in itertools.pairwise(bounds)
    ]
    return Figure(
        key="consents",
        title=_("Consents to share ending soon"),
        description=_("Consents to share information that are valid today and end within 90 days."),
        columns=(_("Ends"), _("Consents")),
        rows=rows,
    )


def municipality_figures(period: queries.Period, today: datetime.date) -> list[Figure]:
    """The national view's comparison of municipalities: a table of each, and how many
    municipalities fall in each band of median days to a decision."""
    area = Area(None)
    count = _count(area)
    requests = queries.requests_per_municipality(period)
    waiting = {
        row.group: row for row in queries.waiting_times("decision", None, period, by_municipality=True)
    }
    coordinators = queries.active_coordinators_per_municipality(today)
    countries = dict(Country.choices)
    rows = []
    band_counts = [0] * (len(MEDIAN_BANDS) + 2)
    for municipality in queries.municipalities():
        found = waiting.get(municipality["id"])
        if found is None or found.cases < SMALLEST_SHOWN:
            median = Cell(WITHHELD if found else None)
            band_counts[-1] += 1
        else:
            median = Cell(round(found.median, 1))
            band = next(
                (i for i, bound in enumerate(MEDIAN_BANDS) if found.median <= bound), len(MEDIAN_BANDS)
            )
            band_counts[band] += 1
        rows.append(
            Row(
                municipality["name"],
                (
                    Cell(str(countries[municipality["country"]])),
                    count(requests.get(municipality["id"], 0)),
                    median,
                    Cell(coordinators.get(municipality["id"], 0)),
                ),
            )
        )
    band_labels = [*_band_labels(MEDIAN_BANDS, first=0), str(_("too few cases"))]
    bands = Figure(
        key="municipality_waiting",
        title=_("Municipalities by median days to a decision"),
        description=_(
            "How many municipalities decide, for half of their requests, within each band of days."
        ),
        columns=(_("Median days to decision"), _("Municipalities")),
        rows=[Row(label, (Cell(n),)) for label, n in zip(band_labels, band_counts, strict=True)],
    )
    table = Figure(
        key="municipalities",
        title=_("Each municipality"),
        description=_("Requests in the period, median days to a decision, and coordinators at work today."),
        columns=(
            _("Municipality"),
            _("Country"),
            _("Requests"),
            _("Median days to decision"),
            _("Coordinators at work"),
        ),
        rows=rows,
        chart_series=(),
    )
    return [bands, table]


def figures_for(area: Area, today: datetime.date) -> tuple[queries.Period, list[Figure]]:
    period = last_twelve_months(today)
    figures = [
        requests_figure(area, period),
        waiting_figure(area, period),
        arrangements_figure(area, today),
        caseload_figure(area, today),
    ]
    if area.municipality is not None:
        figures.append(coordinators_figure(area.municipality, today))
    figures += [
        reviews_figure(area, today),
        measures_figure(area, today),
        complaints_figure(area, period),
        consents_figure(area, today),
    ]
    if area.municipality is None:
        figures += municipality_figures(period, today)
    return period, figures
