"""Reads of complaints: the complaint page, a case's data for registering one, and the open
complaints on the coordinating unit's worklist. Each checks the acting user and writes the
access log."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_case_for
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import Access, record_access, record_accesses
from knutepunkt.complaints.access import get_complaint_for, visible_complaints
from knutepunkt.complaints.models import OPEN_STATUSES, Complaint, ComplaintStatus
from knutepunkt.complaints.rules import BODY_LABELS, DEFAULT_DAYS_TO_HANDLE, DEFECT_HELP, DEFECT_LABELS
from knutepunkt.complaints.states import Route, allowed_steps, route_of
from knutepunkt.intake.assessment import CONSENT_LABELS, JUDGEMENT_LABELS, assess_case, judgement_keys
from knutepunkt.intake.models import AppointmentConsent, Case, CaseDocument, Decision, Judgement
from knutepunkt.intake.selectors import worklist_page
from knutepunkt.people.models import Guardian, Role, User
from knutepunkt.people.selectors import purpose_for


@dataclass(frozen=True)
class Due:
    """What the municipality (or the complainant) must do by when: ``kind`` is ``mend`` (the
    complainant completes it by ``mend_by``) or ``handle`` (the municipality reassesses or answers,
    the municipality's practice); ``None`` while the appeal body has it."""

    kind: str
    on: datetime.date
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def due_of(complaint: Complaint, today: datetime.date) -> Due | None:
    if complaint.status == ComplaintStatus.AWAITING_MENDING and complaint.mend_by:
        return Due("mend", complaint.mend_by, (complaint.mend_by - today).days)
    if complaint.status in (ComplaintStatus.REGISTERED, ComplaintStatus.REASSESSING) and (
        route_of(complaint) is not Route.AUTHORITY
    ):
        start = complaint.mended_on or complaint.lodged_on
        on = start + datetime.timedelta(days=DEFAULT_DAYS_TO_HANDLE)
        return Due("handle", on, (on - today).days)
    return None


@dataclass(frozen=True)
class DefectRow:
    code: str
    label: str
    help: str


@dataclass(frozen=True)
class JudgementRow:
    key: str
    label: str
    value: bool | None
    reason: str


@dataclass(frozen=True)
class ComplaintView:
    complaint: Complaint
    case: Case
    route: Route
    steps: frozenset[str]
    today: datetime.date
    due: Due | None
    defects: list[DefectRow]
    body_label: str
    documents: list[CaseDocument]
    # For the reassessment: the case's judgements and consent as they stand, and the coordinators.
    judgements: list[JudgementRow] = field(default_factory=list)
    entitlements: dict[str, bool] = field(default_factory=dict)
    consent_missing: list[str] = field(default_factory=list)
    guardians_to_consent: list[Guardian] = field(default_factory=list)
    coordinators: list[User] = field(default_factory=list)

    @property
    def may_reverse(self) -> bool:
        return ComplaintStatus.REVERSED in self.steps

    @property
    def reassessing(self) -> bool:
        return self.complaint.status == ComplaintStatus.REASSESSING

    def may(self, step: str) -> bool:
        return step in self.steps

    @property
    def days_late(self) -> int:
        complaint = self.complaint
        if complaint.deadline is None or not complaint.is_late:
            return 0
        counts_from = complaint.lodged_on
        if complaint.mended_on and complaint.mend_by and complaint.mended_on > complaint.mend_by:
            counts_from = complaint.mended_on  # completed after the date set (services.mend_complaint)
        return (counts_from - complaint.deadline).days


def complaint_view(*, actor: Actor, complaint_id: int) -> ComplaintView:
    """The complaint page: the complaint, its deadline and defects, the decision it is about, and —
    while it is reassessed — the case's judgements and consent. Logged as a view."""
    found = get_complaint_for(actor.user, complaint_id)
    complaint = (
        Complaint.objects.select_related(
            "case",
            "case__family",
            "case__child",
            "case__municipality",
            "decision",
            "decision__decided_by",
            "new_decision",
            "bundle",
            "registered_by",
        )
        .prefetch_related(
            Prefetch("case__documents", queryset=CaseDocument.objects.order_by("uploaded_at", "pk")),
        )
        .get(pk=found.pk)
    )
    case = complaint.case
    today = timezone.localdate()
    steps = allowed_steps(complaint)
    view_kwargs: dict[str, Any] = {}
    if ComplaintStatus.REVERSED in steps:
        case = (
            Case.objects.select_related("family", "child", "municipality")
            .prefetch_related(
                Prefetch("judgements", queryset=Judgement.objects.order_by("key")),
                Prefetch("consents", queryset=AppointmentConsent.objects.select_related("guardian")),
                Prefetch(
                    "family__guardians",
                    queryset=Guardian.objects.order_by("-has_parental_responsibility", "pk"),
                ),
            )
            .get(pk=case.pk)
        )
        assessment = assess_case(case, today=today)
        judged = {j.key: j for j in case.judgements.all()}
        live = {c.guardian_id for c in case.consents.all() if c.withdrawn_on is None}
        view_kwargs = {
            "judgements": [
                JudgementRow(
                    key=key,
                    label=str(JUDGEMENT_LABELS[key]),
                    value=judged[key].value if key in judged else None,
                    reason=judged[key].reason if key in judged else "",
                )
                for key in judgement_keys(case.municipality.country)
            ],
            "entitlements": dict(assessment.result["entitlements"]),
            "consent_missing": [str(CONSENT_LABELS.get(r, r)) for r in assessment.result["consent_missing"]],
            "guardians_to_consent": [
                g
                for g in case.family.guardians.all()
                if (g.has_parental_responsibility or g.relation == "child_welfare") and g.pk not in live
            ],
            "coordinators": list(
                User.objects.filter(
                    municipality_id=case.municipality_id, role=Role.COORDINATOR, is_active=True
                )
                .select_related("unit")
                .order_by("last_name", "first_name")
            ),
        }
    record_access(
        actor=actor,
        family=case.family,
        obj=complaint,
        child=case.child,
        action=AccessAction.VIEW,
        purpose=purpose_for(actor.user),
    )
    return ComplaintView(
        complaint=complaint,
        case=case,
        route=route_of(complaint),
        steps=steps,
        today=today,
        due=due_of(complaint, today),
        defects=[
            DefectRow(code, str(DEFECT_LABELS.get(code, code)), str(DEFECT_HELP.get(code, "")))
            for code in complaint.defects
        ],
        body_label=str(BODY_LABELS.get(complaint.decided_by_body, complaint.decided_by_body)),
        documents=list(complaint.case.documents.all()),
        **view_kwargs,
    )


@dataclass(frozen=True)
class CaseForComplaint:
    case: Case
    decisions: list[Decision]
    today: datetime.date

    @property
    def current_decision(self) -> Decision | None:
        return self.decisions[0] if self.decisions else None


def case_for_complaint(*, actor: Actor, case_id: int) -> CaseForComplaint:
    """The case a complaint is being registered on, with the decisions that can be complained
    about (those not replaced by a newer one). Officers only; logged as a view of the case."""
    if actor.user.role != Role.OFFICER:
        raise PermissionDenied
    case = get_case_for(actor.user, case_id, for_write=True)
    decisions = list(
        Decision.objects.filter(case=case, superseded_by__isnull=True).order_by("-decided_on", "-pk")
    )
    record_access(
        actor=actor,
        family=case.family,
        obj=case,
        child=case.child,
        action=AccessAction.VIEW,
        purpose=purpose_for(actor.user),
    )
    return CaseForComplaint(case=case, decisions=decisions, today=timezone.localdate())


@dataclass(frozen=True)
class ComplaintRow:
    complaint: Complaint
    due: Due | None

    @property
    def days_left(self) -> int | None:
        return self.due.days_left if self.due else None

    @property
    def overdue(self) -> bool:
        return bool(self.due and self.due.overdue)

    @property
    def mend_by(self) -> datetime.date | None:
        return self.complaint.mend_by if self.complaint.status == ComplaintStatus.AWAITING_MENDING else None


@dataclass(frozen=True)
class OpenComplaints:
    """One page of the open complaints (``rows``), the worklist's pages of 50 like its other
    sections; ``total`` and ``overdue`` count them all."""

    rows: list[ComplaintRow]
    total: int
    overdue: int
    page: int
    pages: int
    today: datetime.date
    days_to_handle: int


def open_complaints(*, actor: Actor, page: int = 1) -> OpenComplaints:
    """The open complaints the coordinating unit (or a leader, for the unit's cases) follows, the
    most urgent first: overdue, then by the date something is due, then those with the appeal body.

    What is due when is worked out in Python (``due_of``), so all open complaints are read and
    sorted (they are few, and one query), and only the page shown is logged (ADR 0002): one query
    and one access-log batch, however many there are."""
    user = actor.user
    today = timezone.localdate()
    if user.role not in (Role.OFFICER, Role.LEADER):
        complaints: list[Complaint] = []
    else:
        complaints = list(
            visible_complaints(user)
            .filter(status__in=OPEN_STATUSES)
            .select_related("case", "case__child", "case__family", "case__municipality")
            .order_by("lodged_on", "pk")
        )
    rows = [ComplaintRow(complaint=c, due=due_of(c, today)) for c in complaints]
    rows.sort(key=lambda row: (row.due is None, row.due.on if row.due else datetime.date.max))
    part = worklist_page(page, len(rows))
    shown = rows[part.start : part.stop]
    record_accesses(
        actor=actor,
        accesses=[
            Access(family=row.complaint.case.family, obj=row.complaint, child=row.complaint.case.child)
            for row in shown
        ],
        action=AccessAction.LIST,
        purpose=purpose_for(user),
    )
    return OpenComplaints(
        rows=shown,
        total=len(rows),
        overdue=sum(1 for row in rows if row.overdue),
        page=part.page,
        pages=part.pages,
        today=today,
        days_to_handle=DEFAULT_DAYS_TO_HANDLE,
    )
