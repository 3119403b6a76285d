"""Reads of cases: the case page, the coordinating unit's worklist, possible duplicates."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case as DbCase
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_case_document_for, get_case_for
from knutepunkt.access.policy import visible_children, visible_families
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import Access, record_access, record_accesses
from knutepunkt.intake.assessment import (
    CONSENT_LABELS,
    JUDGEMENT_LABELS,
    CaseAssessment,
    assess_case,
    judgement_keys,
)
from knutepunkt.intake.documents import read_stored
from knutepunkt.intake.models import (
    CHECKLIST_KINDS,
    AppointmentConsent,
    Case,
    CaseDocument,
    CaseStatus,
    Decision,
    Judgement,
)
from knutepunkt.people.models import Child, Guardian, Role, User
from knutepunkt.people.selectors import purpose_for

# The child's voice (DOMAIN.md, How it goes 4): heard at the latest from age 7, with great weight
# from 12 (pbrl § 4-4, barneloven § 31; Iceland consults children from 12).
CHILD_HEARD_FROM = 7
CHILD_GREAT_WEIGHT_FROM = 12

# No law sets a time limit for appointing; the municipality acts "without undue delay" [U].
# A case waiting longer than this for a decision is flagged as overdue (municipality's practice).
DEFAULT_DAYS_TO_DECISION = 30


@dataclass(frozen=True)
class JudgementRow:
    key: str
    label: str
    value: bool | None
    reason: str


@dataclass(frozen=True)
class ChecklistItem:
    kind: str
    label: str
    documents: list[CaseDocument]


@dataclass(frozen=True)
class CaseView:
    case: Case
    assessment: CaseAssessment
    judgements: list[JudgementRow]
    guardians: list[Guardian]
    consents: list[AppointmentConsent]
    decisions: list[Decision]
    documents: list[CaseDocument]
    checklist: list[ChecklistItem]
    events: list[Any]
    complaints: list[Any]
    coordinators: Sequence[User]  # each annotated with ``caseload``: families coordinated today
    child_age: int | None
    today: datetime.date
    consent_missing: list[str] = field(default_factory=list)

    @property
    def latest_decision(self) -> Decision | None:
        return self.decisions[0] if self.decisions else None

    @property
    def child_should_be_heard(self) -> bool:
        return self.child_age is not None and self.child_age >= CHILD_HEARD_FROM

    @property
    def child_voice(self) -> str:
        """How the child's own view counts at their age: ``expected`` (not born), ``young``
        (heard as they are able), ``heard`` (must be heard), ``great_weight`` (Norway, from 12) or
        ``consulted`` (Iceland, from 12)."""
        if self.child_age is None:
            return "expected"
        if self.case.municipality.is_icelandic:
            return "consulted" if self.child_age >= CHILD_GREAT_WEIGHT_FROM else "young"
        if self.child_age >= CHILD_GREAT_WEIGHT_FROM:
            return "great_weight"
        if self.child_age >= CHILD_HEARD_FROM:
            return "heard"
        return "young"


def case_view(*, actor: Actor, case_id: int) -> CaseView:
    case = get_case_for(actor.user, case_id)
    case = (
        Case.objects.select_related("family", "child", "municipality", "created_by")
        .prefetch_related(
            Prefetch("judgements", queryset=Judgement.objects.order_by("key")),
            Prefetch(
                "consents",
                queryset=AppointmentConsent.objects.select_related("guardian").order_by("given_on"),
            ),
            Prefetch(
                "family__guardians", queryset=Guardian.objects.order_by("-has_parental_responsibility", "pk")
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("coordinator", "decided_by").order_by(
                    "-decided_on", "-pk"
                ),
            ),
            Prefetch("documents", queryset=CaseDocument.objects.order_by("uploaded_at", "pk")),
            "events__actor",
            "complaints",
        )
        .get(pk=case.pk)
    )
    today = timezone.localdate()
    assessment = assess_case(case, today=today)
    judged = {j.key: j for j in case.judgements.all()}
    rows = [
        JudgementRow(
            key=key,
            label=str(JUDGEMENT_LABELS[key]),
            value=judged[key].value if key in judged else None,
            reason=judged[key].reason if key in judged else "",
        )
        for key in judgement_keys(case.municipality.country)
    ]
    documents = list(case.documents.all())
    checklist = [
        ChecklistItem(kind=kind, label=str(kind.label), documents=[d for d in documents if d.kind == kind])
        for kind in CHECKLIST_KINDS
    ]
    # Each coordinator with the number of families they coordinate today, in one query.
    active = Q(coordinator_assignments__starts_on__lte=today) & (
        Q(coordinator_assignments__ends_on__isnull=True) | Q(coordinator_assignments__ends_on__gt=today)
    )
    coordinators = list(
        User.objects.filter(municipality_id=case.municipality_id, role=Role.COORDINATOR, is_active=True)
        .select_related("unit")
        .annotate(caseload=Count("coordinator_assignments", filter=active))
        .order_by("last_name", "first_name")
    )
    record_access(
        actor=actor,
        family=case.family,
        obj=case,
        child=case.child,
        action=AccessAction.VIEW,
        purpose=purpose_for(actor.user),
    )
    return CaseView(
        case=case,
        assessment=assessment,
        judgements=rows,
        guardians=list(case.family.guardians.all()),
        consents=list(case.consents.all()),
        decisions=list(case.decisions.all()),
        documents=documents,
        checklist=checklist,
        events=list(case.events.all()),
        complaints=list(case.complaints.all()),
        coordinators=coordinators,
        child_age=case.child.age_on(today),
        today=today,
        consent_missing=[str(CONSENT_LABELS.get(r, r)) for r in assessment.result["consent_missing"]],
    )


def open_case_document(*, actor: Actor, document_id: int) -> tuple[CaseDocument, bytes]:
    """The document and its bytes, for download; logged as a view of the family's data."""
    document = get_case_document_for(actor.user, document_id)
    content = read_stored(document.stored_name)
    record_access(
        actor=actor,
        family=document.case.family,
        obj=document,
        child=document.case.child,
        action=AccessAction.VIEW,
        purpose=purpose_for(actor.user),
    )
    return document, content


@dataclass(frozen=True)
class WorklistRow:
    case: Case
    days_waiting: int
    overdue: bool
    responsible: int
    consenting: int
    # The latest decision's outcome ("granted"/"refused"), or "" before a decision.
    outcome: str = ""

    @property
    def consent_complete(self) -> bool:
        return self.responsible > 0 and self.consenting >= self.responsible


# Rows shown per section and page. The page logs one access event per child shown (ADR 0002), so
# a bounded page keeps both the queries and the log's inserts the same however many cases are open.
WORKLIST_PAGE_SIZE = 50


@dataclass(frozen=True)
class WorklistPage:
    """Which page of a worklist section is shown: ``rows[start:stop]`` of its sorted rows."""

    page: int
    pages: int
    start: int
    stop: int


def worklist_page(wanted: int, total: int) -> WorklistPage:
    """The page to show of a section of ``total`` rows when page ``wanted`` is asked for: a page
    past the end shows the last one, and an empty section has one, empty, page. Every section of
    the worklist is paged by this, the complaints (``complaints.selectors``) too."""
    pages = max(1, -(-total // WORKLIST_PAGE_SIZE))
    page = min(max(1, wanted), pages)
    start = (page - 1) * WORKLIST_PAGE_SIZE
    return WorklistPage(page=page, pages=pages, start=start, stop=start + WORKLIST_PAGE_SIZE)


# The worklist's sections in the order they are shown; each case is in exactly one.
WORKLIST_SECTIONS = ("new", "inform", "consent", "decision", "start")


@dataclass(frozen=True)
class WorklistSection:
    key: str
    rows: list[WorklistRow]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class Worklist:
    sections: dict[str, WorklistSection]
    today: datetime.date
    days_to_decision: int


def _with_consent_counts(cases: QuerySet[Case]) -> QuerySet[Case]:
    # Consent is complete when every guardian with parental responsibility (or child welfare,
    # where it has care) has a live consent. Counted in the database, one subquery each for the
    # consents needed and given: each correlated subquery weighs on the planner's estimate, and
    # too many make PostgreSQL compile the query (JIT), which costs more than running it.
    child_welfare = Count("pk", filter=Q(relation="child_welfare"))
    responsible = Count("pk", filter=Q(has_parental_responsibility=True) & ~Q(relation="child_welfare"))
    needed = (
        Guardian.objects.filter(family=OuterRef("family"))
        .order_by()
        .values("family")
        .annotate(
            n=DbCase(
                When(GreaterThan(child_welfare, 0), then=child_welfare),
                default=responsible,
                output_field=IntegerField(),
            )
        )
        .values("n")[:1]
    )
    live = (
        AppointmentConsent.objects.filter(case=OuterRef("pk"), withdrawn_on__isnull=True)
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return cases.annotate(
        n_needed=Coalesce(Subquery(needed), Value(0), output_field=IntegerField()),
        n_consenting=Coalesce(Subquery(live), Value(0), output_field=IntegerField()),
    )


# Which section each open case is in. Only the split of the assessed cases needs the consent
# counts; the other sections are plain conditions on the case, which an index answers.
_INFORM = Q(status=CaseStatus.REQUESTED, inform_family_by__isnull=False, family_informed_on__isnull=True)
_CONSENT_COMPLETE = Q(n_needed__gt=0, n_consenting__gte=F("n_needed"))
_SECTION_FILTERS = {
    "new": Q(status=CaseStatus.REQUESTED) & ~_INFORM,
    "inform": _INFORM,
    "consent": Q(status=CaseStatus.ASSESSING) & ~_CONSENT_COMPLETE,
    "decision": Q(status=CaseStatus.ASSESSING) & _CONSENT_COMPLETE,
    "start": Q(status=CaseStatus.DECIDED),
}


def _section_totals(cases: QuerySet[Case]) -> dict[str, int]:
    """The number of cases in each section, in two queries: the plain sections counted together,
    and the assessed cases split by their consent counts, which are computed for those alone."""
    plain = cases.aggregate(
        new=Count("pk", filter=_SECTION_FILTERS["new"]),
        inform=Count("pk", filter=_INFORM),
        assessing=Count("pk", filter=Q(status=CaseStatus.ASSESSING)),
        start=Count("pk", filter=_SECTION_FILTERS["start"]),
    )
    decision = (
        _with_consent_counts(cases.filter(status=CaseStatus.ASSESSING)).filter(_CONSENT_COMPLETE).count()
    )
    return {
        "new": plain["new"],
        "inform": plain["inform"],
        "consent": plain["assessing"] - decision,
        "decision": decision,
        "start": plain["start"],
    }


def worklist(*, actor: Actor, pages: dict[str, int] | None = None) -> Worklist:
    """The coordinating unit's open cases in their sections, each sorted by how long the case has
    waited and shown a page at a time (``pages``: the page wanted per section key, 1 if absent).

    A fixed number of queries whatever the number of open cases: two to count the sections, one
    per section for its page, and one batch for the access log of the cases shown.
    """
    user = actor.user
    today = timezone.localdate()
    wanted = pages or {}
    totals: dict[str, int] = dict.fromkeys(WORKLIST_SECTIONS, 0)
    shown: dict[str, list[Case]] = {key: [] for key in WORKLIST_SECTIONS}
    if user.role in (Role.OFFICER, Role.LEADER) and user.municipality_id is not None:
        cases = Case.objects.filter(
            municipality_id=user.municipality_id,
            family__in=visible_families(user).values("pk"),
            status__in=[CaseStatus.REQUESTED, CaseStatus.ASSESSING, CaseStatus.DECIDED],
        )
        totals = _section_totals(cases)
        for key in WORKLIST_SECTIONS:
            # Queried even when the count says empty, so the number of queries never varies.
            part = worklist_page(wanted.get(key, 1), totals[key])
            shown[key] = list(
                _with_consent_counts(cases)
                .filter(_SECTION_FILTERS[key])
                .annotate(
                    latest_outcome=Subquery(
                        Decision.objects.filter(case=OuterRef("pk")).order_by("-pk").values("outcome")[:1]
                    )
                )
                .select_related("child", "family")
                .order_by("received_on", "pk")[part.start : part.stop]
            )
    sections = {}
    for key in WORKLIST_SECTIONS:
        part = worklist_page(wanted.get(key, 1), totals[key])
        rows = [
            WorklistRow(
                case=case,
                days_waiting=(today - case.received_on).days,
                overdue=(today - case.received_on).days > DEFAULT_DAYS_TO_DECISION
                and case.status != CaseStatus.DECIDED,
                responsible=case.n_needed,  # type: ignore[attr-defined]
                consenting=case.n_consenting,  # type: ignore[attr-defined]
                outcome=case.latest_outcome or "",  # type: ignore[attr-defined]
            )
            for case in shown[key]
        ]
        sections[key] = WorklistSection(
            key=key,
            rows=rows,
            total=totals[key],
            page=part.page,
            pages=part.pages,
        )
    record_accesses(
        actor=actor,
        accesses=[Access(family=c.family, obj=c, child=c.child) for part in shown.values() for c in part],
        action=AccessAction.LIST,
        purpose=purpose_for(user),
    )
    return Worklist(sections=sections, today=today, days_to_decision=DEFAULT_DAYS_TO_DECISION)


def possible_duplicates(
    *,
    actor: Actor,
    family_name: str,
    birth_date: datetime.date | None,
    expected_date: datetime.date | None,
    national_id: str = "",
) -> list[Child]:
    """Children of the municipality that may be the one being registered: same national ID,
    or same family name and the same birth date (or an expected date within four weeks)."""
    children = visible_children(actor.user).select_related("family")
    match = Q(pk__in=[])
    if national_id:
        match |= Q(national_id=national_id.replace(" ", "").replace("-", ""))
    name = family_name.strip()
    if name and birth_date:
        match |= Q(family_name__iexact=name, birth_date=birth_date)
    if name and expected_date:
        window = datetime.timedelta(weeks=4)
        match |= Q(
            family_name__iexact=name,
            expected_date__range=(expected_date - window, expected_date + window),
        )
    found = list(children.filter(match).order_by("pk")[:10])
    record_accesses(
        actor=actor,
        accesses=[Access(family=c.family, obj=c, child=c) for c in found],
        action=AccessAction.LIST,
        purpose=purpose_for(actor.user),
    )
    return found
