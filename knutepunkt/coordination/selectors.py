"""Reads for the coordinator's desk. Each starts from the access policy and logs what it shows."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_family_for
from knutepunkt.access.policy import (
    ALL_CATEGORIES,
    Scope,
    scope_of,
    shared_categories,
    visible_coordinators,
    visible_families,
)
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import Access, record_access, record_accesses, record_refused_attempt
from knutepunkt.consent.models import SharingConsent
from knutepunkt.coordination.models import (
    Contact,
    CoordinatorAssignment,
    CoordinatorKind,
    Handover,
    OutsideCoordinator,
    SupportTeam,
)
from knutepunkt.jurisdictions import Situation, get_jurisdiction
from knutepunkt.jurisdictions.base import IcelandFacts
from knutepunkt.jurisdictions.iceland import Iceland
from knutepunkt.meetings.models import Meeting, MeetingStatus
from knutepunkt.people.models import Child, Family, Role, User
from knutepunkt.people.selectors import purpose_for
from knutepunkt.plans.models import Review
from knutepunkt.tenancy.models import UnitKind

# --- Appointment ----------------------------------------------------------------------------

# Iceland art. 17: which of the municipality's units the service contact comes from.
CONTACT_UNIT_KINDS: dict[str, frozenset[str]] = {
    "health_centre": frozenset({UnitKind.HEALTH_CENTRE, UnitKind.HEALTH_STATION, UnitKind.GP_OFFICE}),
    "school": frozenset({UnitKind.KINDERGARTEN, UnitKind.SCHOOL}),
    "social_services": frozenset({UnitKind.SOCIAL_SERVICES}),
    "municipality_of_stay": frozenset({UnitKind.SOCIAL_SERVICES}),
}
CONTACT_LABELS: dict[str, Promise] = {
    "health_centre": _("the health centre (pregnancy until preschool)"),
    "school": _("the child's preschool or school"),
    "social_services": _("social services of the legal domicile"),
    "municipality_of_stay": _("the municipality where the child stays"),
}


def service_contact_for_stage(stage: str | None, *, has_domicile: bool | None = True) -> str | None:
    """Art. 17 and 25, from the jurisdictions package: where the service contact comes from."""
    iceland = get_jurisdiction("IS")
    assert isinstance(iceland, Iceland)
    situation = Situation(
        jurisdiction="IS",
        today=timezone.localdate(),
        iceland=IcelandFacts(stage=stage, has_domicile=has_domicile),
    )
    return iceland.service_contact_for(situation)


def active_caseload_filter(day: datetime.date) -> Q:
    return Q(coordinator_assignments__starts_on__lte=day) & (
        Q(coordinator_assignments__ends_on__isnull=True) | Q(coordinator_assignments__ends_on__gt=day)
    )


@dataclass(frozen=True)
class Candidate:
    user: User
    caseload: int
    languages: list[str]
    suggested: bool


def appointment_candidates(
    *, actor: Actor, municipality_id: int, suggested_contact: str | None = None
) -> list[Candidate]:
    """Every active coordinator of the municipality with unit, families coordinated today,
    languages and competence; in Iceland those from the suggested kind of unit first."""
    if actor.user.role != Role.OFFICER or actor.user.municipality_id != municipality_id:
        raise PermissionDenied
    today = timezone.localdate()
    users = (
        User.objects.filter(municipality_id=municipality_id, role=Role.COORDINATOR, is_active=True)
        .select_related("unit")
        .annotate(caseload=Count("coordinator_assignments", filter=active_caseload_filter(today)))
        .order_by("last_name", "first_name", "pk")
    )
    kinds = CONTACT_UNIT_KINDS.get(suggested_contact or "", frozenset())
    candidates = [
        Candidate(
            user=user,
            caseload=user.caseload,
            languages=[part.strip() for part in user.languages.split(",") if part.strip()],
            suggested=user.unit is not None and user.unit.kind in kinds,
        )
        for user in users
    ]
    return sorted(candidates, key=lambda c: (not c.suggested, c.caseload))


# --- Caseload -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    day: datetime.date
    what: str


@dataclass
class CaseloadRow:
    assignment: CoordinatorAssignment
    family: Family
    children: list[Child]
    last_contact: datetime.date | None
    deadlines: list[Deadline] = field(default_factory=list)

    @property
    def next_deadline(self) -> Deadline | None:
        return min(self.deadlines, key=lambda d: d.day) if self.deadlines else None


SORTS = ("deadline", "family", "since", "contact")
# A page of families keeps the access log's batch (one row per child shown) in one insert.
CASELOAD_PAGE_SIZE = 25


@dataclass(frozen=True)
class Caseload:
    coordinator: User
    rows: list[CaseloadRow]
    sort: str
    today: datetime.date
    total: int
    page: int
    pages: int


def _with_deadlines(
    assignments: QuerySet[CoordinatorAssignment], today: datetime.date
) -> QuerySet[CoordinatorAssignment]:
    """Each family's nearest dated things in the same query, whatever the number of families."""
    consent_ends = (
        SharingConsent.objects.live_on(today)
        .filter(family=OuterRef("family"), valid_to__isnull=False)
        .order_by("valid_to")
        .values("valid_to")[:1]
    )
    follow_up = (
        Contact.objects.filter(family=OuterRef("family"), follow_up_on__gte=today)
        .order_by("follow_up_on")
        .values("follow_up_on")[:1]
    )
    last_contact = (
        Contact.objects.filter(family=OuterRef("family")).order_by("-occurred_on").values("occurred_on")[:1]
    )
    # A review not yet held counts even when its date has passed: it is then overdue.
    review = (
        Review.objects.filter(plan__family=OuterRef("family"), held_on__isnull=True)
        .order_by("scheduled_on")
        .values("scheduled_on")[:1]
    )
    start_of_today = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    meeting = (
        Meeting.objects.filter(
            family=OuterRef("family"), status=MeetingStatus.SCHEDULED, starts_at__gte=start_of_today
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return assignments.annotate(
        meeting=Subquery(meeting),
        consent_ends=Subquery(consent_ends),
        follow_up=Subquery(follow_up),
        last_contact=Subquery(last_contact),
        review=Subquery(review),
    )


def caseload(
    *, actor: Actor, coordinator_id: int | None = None, sort: str = "deadline", page: int = 1
) -> Caseload:
    """A coordinator's families today with the next deadline per family: a plan review (overdue
    ones too), a meeting, a consent to share running out, an agreed follow-up, a handover already set.
    Sorted over the whole list, shown a page at a time; a fixed number of queries whatever the
    number of families."""
    user = actor.user
    today = timezone.localdate()
    coordinator = (
        visible_coordinators(user).filter(pk=coordinator_id or user.pk).select_related("unit").first()
    )
    if coordinator is None or user.municipality_id is None:
        raise Http404
    assignments = _with_deadlines(
        CoordinatorAssignment.objects.active_on(today).filter(
            coordinator=coordinator,
            municipality_id=user.municipality_id,
            family__in=visible_families(user).values("pk"),
        ),
        today,
    ).select_related("family")
    rows: list[CaseloadRow] = []
    for assignment in assignments:
        row = CaseloadRow(
            assignment=assignment,
            family=assignment.family,
            children=[],
            last_contact=assignment.last_contact,  # type: ignore[attr-defined]
        )
        if assignment.meeting:  # type: ignore[attr-defined]
            day = timezone.localdate(assignment.meeting)  # type: ignore[attr-defined]
            row.deadlines.append(Deadline(day, str(_("Meeting"))))
        if assignment.consent_ends:  # type: ignore[attr-defined]
            row.deadlines.append(Deadline(assignment.consent_ends, str(_("A consent to share runs out"))))  # type: ignore[attr-defined]
        if assignment.follow_up:  # type: ignore[attr-defined]
            row.deadlines.append(Deadline(assignment.follow_up, str(_("Follow-up agreed with the family"))))  # type: ignore[attr-defined]
        if assignment.ends_on:
            row.deadlines.append(Deadline(assignment.ends_on, str(_("Handover to a new coordinator"))))
        if assignment.review:  # type: ignore[attr-defined]
            what = _("Plan review, overdue") if assignment.review < today else _("Plan review")  # type: ignore[attr-defined]
            row.deadlines.append(Deadline(assignment.review, str(what)))  # type: ignore[attr-defined]
        rows.append(row)
    sort = sort if sort in SORTS else "deadline"
    far = datetime.date.max
    keys = {
        "deadline": lambda r: (r.next_deadline.day if r.next_deadline else far, r.family.name),
        "family": lambda r: (r.family.name.lower(), r.family.pk),
        "since": lambda r: (r.assignment.starts_on, r.family.name),
        "contact": lambda r: (r.last_contact or datetime.date.min, r.family.name),
    }
    rows.sort(key=keys[sort])
    total = len(rows)
    pages = max(1, -(-total // CASELOAD_PAGE_SIZE))
    page = min(max(1, page), pages)
    shown = rows[(page - 1) * CASELOAD_PAGE_SIZE : page * CASELOAD_PAGE_SIZE]
    by_family = {row.family.pk: row for row in shown}
    for child in Child.objects.filter(family_id__in=by_family).order_by("birth_date", "expected_date", "pk"):
        by_family[child.family_id].children.append(child)
        child.family = by_family[child.family_id].family
    record_accesses(
        actor=actor,
        accesses=[
            Access(family=row.family, obj=child, child=child) for row in shown for child in row.children
        ],
        action=AccessAction.LIST,
        purpose=purpose_for(user),
    )
    return Caseload(
        coordinator=coordinator, rows=shown, sort=sort, today=today, total=total, page=page, pages=pages
    )


@dataclass(frozen=True)
class CoordinatorLoad:
    coordinator: User
    families: int


def unit_caseloads(*, actor: Actor) -> list[CoordinatorLoad]:
    """The coordinators whose caseloads this user may see, with how many families each has:
    a leader sees the unit's, the coordinating unit everyone's. Counts only, no family named."""
    user = actor.user
    if scope_of(user) not in (Scope.UNIT, Scope.MUNICIPALITY):
        raise PermissionDenied
    today = timezone.localdate()
    coordinators = (
        visible_coordinators(user)
        .select_related("unit")
        .annotate(families=Count("coordinator_assignments", filter=active_caseload_filter(today)))
        .order_by("unit__name", "last_name", "first_name")
    )
    return [CoordinatorLoad(coordinator=c, families=c.families) for c in coordinators]


# --- The family's desk page -----------------------------------------------------------------


@dataclass(frozen=True)
class FamilyDesk:
    family: Family
    children: list[Child]
    current: list[CoordinatorAssignment]
    assignments: list[CoordinatorAssignment]
    handovers: list[Handover]
    outside: list[OutsideCoordinator]
    contacts: list[Contact]
    teams: list[SupportTeam]
    today: datetime.date
    may_change: bool
    may_appoint: bool
    # Decided cases waiting for their coordinator to start: (case id, reference), for officers.
    cases_to_start: list[tuple[int, str]]

    @property
    def is_icelandic(self) -> bool:
        return self.family.municipality.is_icelandic

    @property
    def case_manager(self) -> CoordinatorAssignment | None:
        return next((a for a in self.current if a.kind == CoordinatorKind.CASE_MANAGER), None)


def get_desk_family_for(actor: Actor, family_id: int, *, for_write: bool = False) -> Family:
    """The family, for the case workers who see all of it; a refused attempt is logged."""
    try:
        family = get_family_for(actor.user, family_id, for_write=for_write)
    except Http404:
        record_refused_attempt(
            actor=actor, model=Family, object_id=family_id, purpose=purpose_for(actor.user)
        )
        raise
    if shared_categories(actor.user, family) != ALL_CATEGORIES:
        # A service contact sees only what is shared, on the shared view; never the desk.
        raise PermissionDenied
    return family


def family_desk(*, actor: Actor, family_id: int) -> FamilyDesk:
    """Everything the coordinator keeps for a family, history included: a new coordinator after
    a handover sees what the old one wrote."""
    family = get_desk_family_for(actor, family_id)
    today = timezone.localdate()
    assignments = list(
        CoordinatorAssignment.objects.filter(family=family)
        .select_related("coordinator", "coordinator__unit", "appointed_by")
        .order_by("-starts_on", "-pk")
    )
    current = [a for a in assignments if a.starts_on <= today and (a.ends_on is None or a.ends_on > today)]
    handovers = list(
        Handover.objects.filter(family=family).select_related(
            "from_assignment__coordinator", "to_assignment__coordinator", "recorded_by"
        )
    )
    contacts = list(
        Contact.objects.filter(family=family)
        .select_related("recorded_by")
        .prefetch_related("services", "organisations")
    )
    teams = list(
        SupportTeam.objects.filter(family=family).select_related("case_manager").prefetch_related("members")
    )
    record_access(
        actor=actor, family=family, obj=family, action=AccessAction.VIEW, purpose=purpose_for(actor.user)
    )
    writable = visible_families(actor.user, for_write=True).filter(pk=family.pk).exists()
    may_appoint = writable and actor.user.role == Role.OFFICER
    cases_to_start: list[tuple[int, str]] = []
    if may_appoint:
        from knutepunkt.intake.models import Case, CaseStatus

        cases_to_start = [
            (case.pk, case.reference)
            for case in Case.objects.filter(family=family, status=CaseStatus.DECIDED)
        ]
    return FamilyDesk(
        family=family,
        children=list(family.children.order_by("birth_date", "pk")),
        current=current,
        assignments=assignments,
        handovers=handovers,
        outside=list(OutsideCoordinator.objects.filter(family=family)),
        contacts=contacts,
        teams=teams,
        today=today,
        may_change=writable,
        may_appoint=may_appoint,
        cases_to_start=cases_to_start,
    )


# --- A coordinator's month at a glance ------------------------------------------------------


@dataclass(frozen=True)
class MonthEntry:
    day: datetime.date
    kind: str  # contact, follow_up, consent_ends, handover
    label: str
    family: Family


@dataclass(frozen=True)
class MonthDay:
    day: datetime.date
    in_month: bool
    entries: list[MonthEntry]


@dataclass(frozen=True)
class Month:
    first: datetime.date
    weeks: list[list[MonthDay]]
    entries: list[MonthEntry]
    previous: datetime.date
    next: datetime.date

    @property
    def contact_count(self) -> int:
        return sum(1 for entry in self.entries if entry.kind == "contact")


def month_at_a_glance(*, actor: Actor, year: int, month: int) -> Month:
    """A coordinator's month: contacts held, follow-ups due, consents running out, handovers,
    for the families they coordinate. Fixed number of queries."""
    user = actor.user
    if scope_of(user) is not Scope.OWN_CASES:
        raise PermissionDenied
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    families = visible_families(user).values("pk")
    entries: list[MonthEntry] = []
    for contact in (
        Contact.objects.filter(family__in=families)
        .filter(Q(occurred_on__range=(first, last)) | Q(follow_up_on__range=(first, last)))
        .select_related("family")
    ):
        if first <= contact.occurred_on <= last:
            entries.append(
                MonthEntry(contact.occurred_on, "contact", str(contact.get_kind_display()), contact.family)
            )
        if contact.follow_up_on and first <= contact.follow_up_on <= last:
            entries.append(MonthEntry(contact.follow_up_on, "follow_up", str(_("Follow-up")), contact.family))
    for consent in SharingConsent.objects.filter(
        family__in=families, withdrawn_at__isnull=True, valid_to__range=(first, last)
    ).select_related("family", "unit"):
        assert consent.valid_to is not None
        entries.append(
            MonthEntry(
                consent.valid_to,
                "consent_ends",
                str(_("Consent to %(unit)s runs out") % {"unit": consent.unit.name}),
                consent.family,
            )
        )
    for handover in Handover.objects.filter(
        family__in=families, handover_on__range=(first, last)
    ).select_related("family"):
        entries.append(MonthEntry(handover.handover_on, "handover", str(_("Handover")), handover.family))
    entries.sort(key=lambda e: (e.day, e.family.name))
    by_day: dict[datetime.date, list[MonthEntry]] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(entry)
    weeks = [
        [MonthDay(day=day, in_month=day.month == month, entries=by_day.get(day, [])) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    shown = {entry.family.pk: entry.family for entry in entries}
    record_accesses(
        actor=actor,
        accesses=[Access(family=family, obj=family) for family in shown.values()],
        action=AccessAction.LIST,
        purpose=purpose_for(user),
    )
    return Month(
        first=first,
        weeks=weeks,
        entries=entries,
        previous=(first - datetime.timedelta(days=1)).replace(day=1),
        next=last + datetime.timedelta(days=1),
    )


def life_stage_of(child: Child | None, today: datetime.date) -> str | None:
    """A first guess at the Icelandic life stage from the child's age, for the picker; the
    officer corrects it (the case records the real stage). Municipality's practice [U]."""
    if child is None:
        return None
    if child.birth_date is None:
        return "pregnancy"
    age = child.age_on(today) or 0
    if age < 2:
        return "infant"
    if age < 6:
        return "preschool"
    if age < 16:
        return "primary_school"
    return "secondary_school"


def stage_choices() -> Sequence[tuple[str, Promise]]:
    return (
        ("pregnancy", _("Pregnancy")),
        ("infant", _("Infant, not yet in preschool")),
        ("preschool", _("Preschool")),
        ("primary_school", _("Primary school")),
        ("secondary_school", _("Upper secondary school")),
        ("not_in_school", _("Not in school")),
    )


@dataclass(frozen=True)
class AppointmentPage:
    """The picker for starting the coordinator of a granted case."""

    case_id: int
    case_reference: str
    family: Family
    child: Child
    arrangement: str
    arrangement_label: str
    named_coordinator_id: int | None
    child_view: str
    may_start: bool
    candidates: list[Candidate]
    current: list[CoordinatorAssignment]
    stage: str | None
    suggested_contact: str | None

    @property
    def suggested_label(self) -> str:
        label = CONTACT_LABELS.get(self.suggested_contact or "")
        return str(label) if label else ""


def appointment_page(*, actor: Actor, case_id: int, stage: str | None = None) -> AppointmentPage:
    """The case, its granted decision and every candidate. In Iceland the service contact is
    suggested from the child's life stage (the case's, unless the officer picks another)."""
    from knutepunkt.access.helpers import get_case_for
    from knutepunkt.intake.models import Outcome

    user = actor.user
    if user.role != Role.OFFICER:
        raise PermissionDenied
    case = get_case_for(user, case_id, for_write=True)
    decision = case.decisions.select_related("coordinator").order_by("-pk").first()
    granted = decision is not None and decision.outcome == Outcome.GRANTED
    arrangement = decision.arrangement if decision is not None and granted else ""
    facts = case.facts if isinstance(case.facts, dict) else {}
    suggested: str | None = None
    if case.municipality.is_icelandic and arrangement == CoordinatorKind.SERVICE_CONTACT:
        stage = stage or facts.get("stage") or life_stage_of(case.child, timezone.localdate())
        suggested = service_contact_for_stage(stage, has_domicile=facts.get("has_domicile", True))
    today = timezone.localdate()
    current = list(
        CoordinatorAssignment.objects.active_on(today)
        .filter(family=case.family)
        .select_related("coordinator", "coordinator__unit")
    )
    record_access(
        actor=actor,
        family=case.family,
        obj=case,
        child=case.child,
        action=AccessAction.VIEW,
        purpose=purpose_for(user),
    )
    return AppointmentPage(
        case_id=case.pk,
        case_reference=case.reference,
        family=case.family,
        child=case.child,
        arrangement=arrangement,
        arrangement_label=str(decision.get_arrangement_display()) if decision is not None and granted else "",
        named_coordinator_id=decision.coordinator_id if decision is not None else None,
        child_view=case.child_view,
        may_start=granted and decision is not None and decision.coordinator_id is not None,
        candidates=appointment_candidates(
            actor=actor, municipality_id=case.municipality_id, suggested_contact=suggested
        ),
        current=current,
        stage=stage,
        suggested_contact=suggested,
    )


def handover_candidates(*, actor: Actor, family: Family) -> list[User]:
    """Who a family can be handed over to: the municipality's active coordinators."""
    if actor.user.municipality_id != family.municipality_id:
        raise Http404
    return list(
        User.objects.filter(municipality_id=family.municipality_id, role=Role.COORDINATOR, is_active=True)
        .select_related("unit")
        .order_by("last_name", "first_name", "pk")
    )
