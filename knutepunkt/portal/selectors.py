"""Reads for the family's pages and the coordinator's conversations.

Each starts from the family scope (``access.policy.own_*`` through ``portal.access``) or, for
staff, from ``visible_families``, and writes the access log: a family member reading their own
data is logged with the purpose "The family looking at its own data", so the family's log shows
that too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_family_for
from knutepunkt.access.policy import own_children
from knutepunkt.audit.models import AccessAction, AccessEvent, Purpose
from knutepunkt.audit.services import Access, record_access, record_accesses
from knutepunkt.complaints.models import OPEN_STATUSES, Complaint
from knutepunkt.complaints.rules import BODY_LABELS
from knutepunkt.consent.models import Category, SharingConsent
from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.intake.assessment import complaint_terms
from knutepunkt.intake.documents import read_stored
from knutepunkt.intake.models import AppointmentConsent, Case, CaseDocument, CaseStatus, Decision
from knutepunkt.people.models import Child, Family, Role, User
from knutepunkt.people.selectors import purpose_for
from knutepunkt.portal.access import (
    account_for,
    family_documents,
    get_attachment_for,
    get_family_document_for,
    get_thread_for,
    visible_threads,
)
from knutepunkt.portal.models import (
    FamilyAccount,
    Message,
    MessageAttachment,
    MessageThread,
    PortalSettings,
    settings_for,
)

ACCESS_LOG_PAGE_SIZE = 50
THREADS_PAGE_SIZE = 50

# What the family reads in its access log for each kind of object (object_type is app.model).
OBJECT_LABELS: dict[str, Any] = {
    "people.child": _("the child's page"),
    "people.family": _("the family's details"),
    "people.guardian": _("a guardian's details"),
    "intake.case": _("the request for a coordinator"),
    "intake.casedocument": _("a document"),
    "intake.decision": _("a decision"),
    "consent.sharingconsent": _("a consent to share"),
    "complaints.complaint": _("a complaint"),
    "portal.messagethread": _("a conversation with the coordinator"),
    "portal.familyaccount": _("the family's sign-in"),
    "portal.invitation": _("an invitation to the family's pages"),
    "guidance.guidancesent": _("guidance sent to the family"),
}
OTHER_OBJECT = _("other information about the family")

# What was done, in the family's words.
ACTION_LABELS: dict[str, Any] = {
    AccessAction.LIST: _("Saw it in a list"),
    AccessAction.VIEW: _("Opened"),
    AccessAction.PRINT: _("Printed"),
    AccessAction.EXPORT: _("Downloaded"),
    AccessAction.CHANGE: _("Changed"),
    AccessAction.DENIED: _("Tried to open, and was refused"),
}

# What a service may see under each consent category, in the family's words.
CATEGORY_LABELS: dict[str, Any] = {
    Category.BASICS: _("Name, age and how to reach you"),
    Category.COORDINATOR: _("Who your coordinator is"),
    Category.PLAN: _("The plan: goals and what is done"),
    Category.MEETINGS: _("Meetings and minutes"),
    Category.HEALTH: _("Health information"),
    Category.SCHOOL: _("Kindergarten and school matters"),
    Category.WELFARE: _("NAV and welfare benefits"),
}

# Open cases the family waits on, in the order they come.
WAITING = (CaseStatus.REQUESTED, CaseStatus.ASSESSING)


def _tenant(user: User) -> int:
    if user.municipality_id is None:
        raise Http404
    return user.municipality_id


def _log_page(
    actor: Actor, account: FamilyAccount, obj: Any, action: AccessAction = AccessAction.VIEW
) -> None:
    record_access(
        actor=actor,
        family=account.family,
        obj=obj,
        child=account.child,
        action=action,
        purpose=Purpose.FAMILY,
    )


# --- Home -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NextStep:
    """One thing that happens next: ``kind`` picks the sentence, ``on`` its date."""

    kind: str
    on: datetime.date | None
    child: Child
    case: Case | None = None
    decision: Decision | None = None
    complaint: Complaint | None = None
    body: str = ""  # the appeal body, for complaints
    meeting: Any = None


@dataclass(frozen=True)
class FamilyHome:
    account: FamilyAccount
    family: Family
    children: list[Child]
    assignments: list[CoordinatorAssignment]
    office: PortalSettings
    steps: list[NextStep]
    cases: list[Case]
    documents: list[CaseDocument]
    can_ask: list[Child] = field(default_factory=list)
    plans: list[PlanSummary] = field(default_factory=list)


def _steps(
    account: FamilyAccount, cases: list[Case], office: PortalSettings, today: datetime.date
) -> list[NextStep]:
    steps: list[NextStep] = []
    for case in cases:
        decisions = sorted(case.decisions.all(), key=lambda d: (d.decided_on, d.pk), reverse=True)
        live = [d for d in decisions if not any(o.supersedes_id == d.pk for o in decisions)]
        current = live[0] if live else None
        complaints = list(case.complaints.all())
        open_complaints = [c for c in complaints if c.status in OPEN_STATUSES]
        if case.status in WAITING:
            steps.append(
                NextStep(
                    kind="decision_pending",
                    on=case.received_on + datetime.timedelta(days=office.decision_target_days),
                    child=case.child,
                    case=case,
                )
            )
        for complaint in open_complaints:
            steps.append(
                NextStep(
                    kind="complaint",
                    on=complaint.lodged_on,
                    child=case.child,
                    case=case,
                    complaint=complaint,
                    body=str(BODY_LABELS.get(complaint.decided_by_body, complaint.decided_by_body)),
                )
            )
        if current is not None and case.status != CaseStatus.CLOSED:
            steps.append(
                NextStep(kind="decided", on=current.decided_on, child=case.child, case=case, decision=current)
            )
            if account.acts_for_family and not open_complaints:
                terms = complaint_terms(case, known_on=current.known_on, today=today)
                if terms.deadline >= today:
                    steps.append(
                        NextStep(
                            kind="complain_by",
                            on=terms.deadline,
                            child=case.child,
                            case=case,
                            decision=current,
                            body=str(BODY_LABELS.get(terms.decided_by, terms.decided_by)),
                        )
                    )
    return sorted(steps, key=lambda s: (s.on is None, s.on or today))


def _plan_and_meeting_steps(actor: Actor, plans: list[PlanSummary]) -> list[NextStep]:
    from knutepunkt.meetings.models import Meeting, MeetingStatus

    steps = [
        NextStep(kind="review", on=p.next_review, child=p.plan.child)
        for p in plans
        if p.next_review is not None
    ]
    user = actor.user
    meeting = (
        Meeting.objects.filter(
            municipality_id=_tenant(user),
            child__in=own_children(user).values("pk"),
            status=MeetingStatus.SCHEDULED,
            starts_at__gte=timezone.now(),
        )
        .select_related("child")
        .order_by("starts_at", "pk")
        .first()
    )
    if meeting is not None:
        steps.append(
            NextStep(
                kind="meeting",
                on=timezone.localtime(meeting.starts_at).date(),
                child=meeting.child,
                meeting=meeting,
            )
        )
    return steps


def family_home(*, actor: Actor) -> FamilyHome:
    account = account_for(actor.user)
    today = timezone.localdate()
    children = list(own_children(actor.user).order_by("birth_date", "pk"))
    cases = list(
        Case.objects.filter(child__in=[c.pk for c in children])
        .exclude(status=CaseStatus.CLOSED)
        .select_related("child", "municipality", "family")
        .prefetch_related("decisions", "complaints")
        .order_by("received_on", "pk")
    )
    assignments = list(
        CoordinatorAssignment.objects.active_on(today)
        .filter(family_id=account.family_id, municipality_id=account.municipality_id)
        .select_related("coordinator", "coordinator__unit")
        .order_by("starts_on", "pk")
    )
    office = settings_for(account.municipality_id)
    with_open_case = {c.child_id for c in cases}
    plans = plan_summaries(actor=actor)
    steps = _steps(account, cases, office, today) + _plan_and_meeting_steps(actor, plans)
    _log_page(actor, account, account.family)
    return FamilyHome(
        account=account,
        family=account.family,
        children=children,
        assignments=assignments,
        office=office,
        steps=sorted(steps, key=lambda s: (s.on is None, s.on or today)),
        cases=cases,
        documents=list(
            family_documents(actor.user).select_related("case__child").order_by("-uploaded_at", "-pk")
        ),
        can_ask=[c for c in children if c.pk not in with_open_case] if account.acts_for_family else [],
        plans=plans,
    )


def open_family_document(*, actor: Actor, document_id: int) -> tuple[CaseDocument, bytes]:
    document = get_family_document_for(actor.user, document_id)
    account = account_for(actor.user)
    record_access(
        actor=actor,
        family=account.family,
        obj=document,
        child=document.case.child,
        action=AccessAction.VIEW,
        purpose=Purpose.FAMILY,
    )
    return document, read_stored(document.stored_name)


# --- Messages ---------------------------------------------------------------------------------


def _threads_with_messages() -> Any:
    return Prefetch(
        "messages", queryset=Message.objects.select_related("author").prefetch_related("attachments")
    )


def list_family_threads(*, actor: Actor) -> list[MessageThread]:
    account = account_for(actor.user)
    threads = list(
        visible_threads(actor.user)
        .select_related("child")
        .order_by("-last_message_at", "-pk")[:THREADS_PAGE_SIZE]
    )
    _log_page(actor, account, account.family, AccessAction.LIST)
    return threads


def read_thread(*, actor: Actor, thread_id: int) -> MessageThread:
    """One conversation with its messages, for the family or the coordinator."""
    thread = get_thread_for(actor.user, thread_id)
    thread = (
        MessageThread.objects.select_related("family", "child", "started_by")
        .prefetch_related(_threads_with_messages())
        .get(pk=thread.pk)
    )
    purpose = purpose_for(actor.user)
    record_access(
        actor=actor,
        family=thread.family,
        obj=thread,
        child=thread.child,
        action=AccessAction.VIEW,
        purpose=purpose,
    )
    return thread


def open_attachment(*, actor: Actor, attachment_id: int) -> tuple[MessageAttachment, bytes]:
    attachment = get_attachment_for(actor.user, attachment_id)
    thread = attachment.message.thread
    # Logged as reading the conversation, so a conversation kept from the parents keeps its
    # attachments' reads out of their log too.
    record_access(
        actor=actor,
        family=thread.family,
        obj=thread,
        child=thread.child,
        action=AccessAction.VIEW,
        purpose=purpose_for(actor.user),
    )
    return attachment, read_stored(attachment.stored_name)


def list_staff_threads(*, actor: Actor) -> list[MessageThread]:
    """The coordinator's conversations with the families they may see, newest first."""
    threads = list(
        visible_threads(actor.user)
        .select_related("family", "child", "family__municipality")
        .order_by("-last_message_at", "-pk")[:THREADS_PAGE_SIZE]
    )
    record_accesses(
        actor=actor,
        accesses=[Access(t.family, t, t.child) for t in threads],
        action=AccessAction.LIST,
        purpose=purpose_for(actor.user),
    )
    return threads


# --- Consents ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentLine:
    consent: SharingConsent
    what: list[str]


@dataclass(frozen=True)
class FamilyConsents:
    account: FamilyAccount
    sharing: list[ConsentLine]
    appointment: list[AppointmentConsent]
    today: datetime.date

    @property
    def can_withdraw(self) -> bool:
        return self.account.acts_for_family


def family_consents(*, actor: Actor) -> FamilyConsents:
    account = account_for(actor.user)
    sharing = list(
        SharingConsent.objects.filter(family_id=account.family_id, municipality_id=account.municipality_id)
        .select_related("unit", "given_by")
        .order_by("withdrawn_at", "-valid_from", "-pk")
    )
    appointment = list(
        AppointmentConsent.objects.filter(
            municipality_id=account.municipality_id, case__child__in=own_children(actor.user).values("pk")
        )
        .select_related("guardian", "case__child")
        .order_by("-given_on", "-pk")
    )
    _log_page(actor, account, account.family, AccessAction.LIST)
    lines = [
        ConsentLine(consent=c, what=[str(CATEGORY_LABELS[k]) for k in c.categories if k in CATEGORY_LABELS])
        for c in sharing
    ]
    return FamilyConsents(account=account, sharing=lines, appointment=appointment, today=timezone.localdate())


# --- Who has looked ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LogLine:
    event: AccessEvent
    what: str
    done: str
    role: str


@dataclass(frozen=True)
class AccessLogPage:
    lines: list[LogLine]
    page: int
    pages: int
    total: int


def family_events(account: FamilyAccount) -> Any:
    events = AccessEvent.objects.filter(municipality_id=account.municipality_id, family_id=account.family_id)
    if account.child_id is not None:
        return events.filter(child_id=account.child_id)
    # What a young person keeps from their parents stays out of the parents' log as well.
    hidden = [
        str(pk)
        for pk in MessageThread.objects.filter(
            family_id=account.family_id, hidden_from_guardians=True
        ).values_list("pk", flat=True)
    ]
    return events.exclude(Q(object_type="portal.messagethread") & Q(object_id__in=hidden))


def family_access_log(*, actor: Actor, page: int = 1) -> AccessLogPage:
    account = account_for(actor.user)
    # Logged first, so the family sees its own reading at the top: reading the log is a read too.
    _log_page(actor, account, account.family, AccessAction.LIST)
    events = family_events(account)
    total = events.count()
    pages = max(1, -(-total // ACCESS_LOG_PAGE_SIZE))
    page = min(max(1, page), pages)
    start = (page - 1) * ACCESS_LOG_PAGE_SIZE
    shown = list(events.order_by("-occurred_at", "-seq")[start : start + ACCESS_LOG_PAGE_SIZE])
    lines = [
        LogLine(
            event=e,
            what=str(OBJECT_LABELS.get(e.object_type, OTHER_OBJECT)),
            done=str(ACTION_LABELS.get(e.action, e.action)),
            role=str(Role(e.actor_role).label) if e.actor_role in Role.values else "",
        )
        for e in shown
    ]
    return AccessLogPage(lines=lines, page=page, pages=pages, total=total)


# --- The plan, meetings and minutes -----------------------------------------------------------


def _own_plans(actor: Actor) -> Any:
    from knutepunkt.plans.models import Plan

    user = actor.user
    return Plan.objects.filter(
        municipality_id=_tenant(user), child__in=own_children(user).values("pk")
    ).select_related("family", "family__municipality", "child", "municipality", "coordinator")


def family_plan(*, actor: Actor, plan_id: int, action: AccessAction = AccessAction.VIEW) -> Any:
    """The plan as the family reads it: the same ``PlanPage`` the plans app builds, reached through
    the family scope (a young person only their own plan), never editable here."""
    from knutepunkt.plans.models import GoalEvaluation
    from knutepunkt.plans.selectors import PlanPage, _progress

    account = account_for(actor.user)
    plan = _own_plans(actor).filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    today = timezone.localdate()
    measures = list(plan.measures.select_related("responsible_unit", "goal"))
    page = PlanPage(
        plan=plan,
        goals=list(plan.goals.all()),
        measures=measures,
        participants=list(plan.participants.select_related("unit")),
        reviews=list(
            plan.reviews.prefetch_related(
                Prefetch(
                    "evaluations",
                    queryset=GoalEvaluation.objects.select_related("goal").order_by("goal__position"),
                )
            )
        ),
        signatures=list(plan.signatures.select_related("guardian")),
        versions=[],
        consents=[],
        today=today,
        can_edit=False,
        progress=_progress(measures, today),
    )
    record_access(
        actor=actor, family=account.family, obj=plan, child=plan.child, action=action, purpose=Purpose.FAMILY
    )
    return page


@dataclass(frozen=True)
class PlanSummary:
    plan: Any
    goals: list[str]
    done: int
    total: int
    next_review: datetime.date | None


def plan_summaries(*, actor: Actor) -> list[PlanSummary]:
    """Each of the family's plans in a line or two, for the front page (logged with the home)."""
    from knutepunkt.plans.models import MeasureStatus

    plans = list(
        _own_plans(actor).prefetch_related("goals", "measures", "reviews").order_by("child__birth_date", "pk")
    )
    summaries = []
    for plan in plans:
        measures = [m for m in plan.measures.all() if m.status != MeasureStatus.STOPPED]
        reviews = sorted(r.scheduled_on for r in plan.reviews.all() if r.held_on is None)
        summaries.append(
            PlanSummary(
                plan=plan,
                goals=[g.child_words or g.text for g in plan.goals.all()],
                done=sum(1 for m in measures if m.status == MeasureStatus.DONE),
                total=len(measures),
                next_review=reviews[0] if reviews else None,
            )
        )
    return summaries


@dataclass(frozen=True)
class FamilyMeetings:
    upcoming: list[Any]
    held: list[Any]


def family_meetings(*, actor: Actor) -> FamilyMeetings:
    from knutepunkt.meetings.models import Meeting, MeetingStatus

    account = account_for(actor.user)
    user = actor.user
    meetings = list(
        Meeting.objects.filter(municipality_id=_tenant(user), child__in=own_children(user).values("pk"))
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("child", "organiser")
        .order_by("starts_at", "pk")
    )
    now = timezone.now()
    _log_page(actor, account, account.family, AccessAction.LIST)
    return FamilyMeetings(
        upcoming=[m for m in meetings if m.starts_at >= now and m.status == MeetingStatus.SCHEDULED],
        held=[m for m in meetings if m.starts_at < now][::-1],
    )


@dataclass(frozen=True)
class InvitationPage:
    family: Family
    people: list[tuple[str, str]]  # ("g<id>" or "c<id>", name): who may still be invited


def invitation_page(*, actor: Actor, family_id: int) -> InvitationPage:
    """Who in the family may be invited to their own pages: guardians, and children from the
    municipality's sign-in age, who have no account yet. Reading the names is logged."""
    family = get_family_for(actor.user, family_id, for_write=True)
    record_access(
        actor=actor, family=family, obj=family, action=AccessAction.VIEW, purpose=purpose_for(actor.user)
    )
    office = settings_for(family.municipality_id)
    today = timezone.localdate()
    accounts = set(FamilyAccount.objects.filter(family=family).values_list("guardian_id", "child_id"))
    taken_guardians = {g for g, _c in accounts if g}
    taken_children = {c for _g, c in accounts if c}
    people = [(f"g{g.pk}", str(g)) for g in family.guardians.all() if g.pk not in taken_guardians]
    people += [
        (f"c{c.pk}", c.display_name)
        for c in family.children.all()
        if c.pk not in taken_children and (c.age_on(today) or 0) >= office.child_sign_in_age
    ]
    return InvitationPage(family=family, people=people)
