"""Everything held about the family, as the family member may see it: JSON and a PDF.

The export reads through the same family scope and hiding rules as the pages (a young person's
kept conversations are not in a parent's export), and is logged as one ``export``.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from weasyprint import HTML

from knutepunkt.access.context import Actor
from knutepunkt.access.policy import own_children
from knutepunkt.audit.models import AccessAction, Purpose
from knutepunkt.audit.services import record_access
from knutepunkt.complaints.models import Complaint
from knutepunkt.consent.models import SharingConsent
from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.guidance.models import GuidanceSent
from knutepunkt.intake.models import AppointmentConsent, Case, Decision
from knutepunkt.meetings.models import Meeting
from knutepunkt.people.models import Role
from knutepunkt.plans.models import Plan
from knutepunkt.portal.access import account_for, family_documents, visible_threads
from knutepunkt.portal.models import Message
from knutepunkt.portal.selectors import (
    ACTION_LABELS,
    CATEGORY_LABELS,
    OBJECT_LABELS,
    OTHER_OBJECT,
    family_events,
)

# The JSON keeps stable English keys for programs; the PDF shows them in the reader's language.
LABELS: dict[str, Any] = {
    "family": _("Family"),
    "children": _("Children"),
    "guardians": _("Guardians"),
    "coordinators": _("Coordinators"),
    "requests": _("Requests for a coordinator"),
    "decisions": _("Decisions"),
    "documents": _("Documents"),
    "complaints": _("Complaints"),
    "consents_to_share": _("Consents to share"),
    "consents_to_a_coordinator": _("Consents to a coordinator"),
    "conversations": _("Conversations with the coordinator"),
    "guidance_sent": _("Guidance sent to you"),
    "plans": _("Plans"),
    "meetings": _("Meetings"),
    "period": _("Period"),
    "child_own_words": _("In the child's own words"),
    "goals": _("Goals"),
    "measures": _("Measures"),
    "starts_at": _("Time"),
    "minutes": _("Minutes"),
    "who_has_looked": _("Who has looked"),
    "name": _("Name"),
    "language": _("Language"),
    "address": _("Address"),
    "birth_date": _("Birth date"),
    "expected_date": _("Expected date of birth"),
    "national_id": _("National ID"),
    "relation": _("Relation"),
    "parental_responsibility": _("Parental responsibility"),
    "email": _("E-mail"),
    "phone": _("Phone"),
    "kind": _("Kind"),
    "starts_on": _("From"),
    "ends_on": _("Until"),
    "reference": _("Reference"),
    "child": _("Child"),
    "status": _("Status"),
    "how": _("How"),
    "received_on": _("Received"),
    "summary": _("What you asked for"),
    "case": _("Reference"),
    "outcome": _("Outcome"),
    "arrangement": _("Arrangement"),
    "decided_on": _("Decided"),
    "reasons": _("Reasons"),
    "title": _("Title"),
    "uploaded_at": _("Date"),
    "lodged_on": _("Sent"),
    "what": _("What"),
    "change_wanted": _("The change wanted"),
    "deadline": _("Deadline"),
    "service": _("Service"),
    "given_by": _("Given by"),
    "valid_from": _("From"),
    "valid_to": _("Until"),
    "withdrawn_at": _("Withdrawn"),
    "guardian": _("Guardian"),
    "given_on": _("Given"),
    "withdrawn_on": _("Withdrawn"),
    "subject": _("Subject"),
    "kept_from_parents": _("Kept from the parents"),
    "messages": _("Messages"),
    "article": _("Article"),
    "sent_at": _("Sent"),
    "note": _("Note"),
    "when": _("When"),
    "who": _("Who"),
    "role": _("Role"),
    "unit": _("Unit"),
    "action": _("What was done"),
    "why": _("Why"),
}


def _label(key: str) -> str:
    return str(LABELS.get(key, key))


def _shown(field: str, content: Any) -> Any:
    if isinstance(content, list) and field != "messages":
        return ", ".join(str(item) for item in content)
    return content


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def family_export(*, actor: Actor) -> dict[str, Any]:
    user = actor.user
    account = account_for(user)
    family = account.family
    children = list(own_children(user).order_by("birth_date", "pk"))
    child_ids = [c.pk for c in children]
    cases = list(
        Case.objects.filter(child_id__in=child_ids).select_related("child").order_by("received_on", "pk")
    )
    case_ids = [c.pk for c in cases]
    threads = list(visible_threads(user).select_related("child").order_by("started_at", "pk"))
    messages = list(
        Message.objects.filter(thread__in=[t.pk for t in threads])
        .select_related("author")
        .prefetch_related("attachments")
        .order_by("sent_at", "pk")
    )
    events = list(family_events(account).order_by("occurred_at", "seq"))
    guardians = list(family.guardians.all()) if not account.is_child else []
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "exported_by": str(account),
        "municipality": family.municipality.name,
        "family": {
            "name": family.name,
            "language": family.language,
            "address": " ".join(
                filter(None, [family.street_address, family.postal_code, family.postal_town])
            ),
        },
        "children": [
            {
                "name": c.display_name,
                "birth_date": _day(c.birth_date),
                "expected_date": _day(c.expected_date),
                "national_id": c.masked_national_id,
            }
            for c in children
        ],
        "guardians": [
            {
                "name": str(g),
                "relation": g.get_relation_display(),
                "parental_responsibility": g.has_parental_responsibility,
                "email": g.email,
                "phone": g.phone,
            }
            for g in guardians
        ],
        "coordinators": [
            {
                "name": str(a.coordinator),
                "kind": a.get_kind_display(),
                "starts_on": _day(a.starts_on),
                "ends_on": _day(a.ends_on),
            }
            for a in CoordinatorAssignment.objects.filter(family=family)
            .select_related("coordinator")
            .order_by("starts_on", "pk")
        ],
        "requests": [
            {
                "reference": c.reference,
                "child": c.child.display_name,
                "status": c.get_status_display(),
                "how": c.get_channel_display(),
                "received_on": _day(c.received_on),
                "summary": c.summary,
            }
            for c in cases
        ],
        "decisions": [
            {
                "case": d.case.reference,
                "outcome": d.get_outcome_display(),
                "arrangement": d.get_arrangement_display(),
                "decided_on": _day(d.decided_on),
                "reasons": d.reasons,
            }
            for d in Decision.objects.filter(case_id__in=case_ids)
            .select_related("case")
            .order_by("decided_on", "pk")
        ],
        "documents": [
            {"title": d.title, "kind": d.get_kind_display(), "uploaded_at": d.uploaded_at.isoformat()}
            for d in family_documents(user).order_by("uploaded_at", "pk")
        ],
        "complaints": (
            []
            if account.is_child
            else [
                {
                    "kind": c.get_kind_display(),
                    "status": c.get_status_display(),
                    "lodged_on": _day(c.lodged_on),
                    "what": c.what,
                    "change_wanted": c.change_wanted,
                    "deadline": _day(c.deadline),
                }
                for c in Complaint.objects.filter(case_id__in=case_ids).order_by("lodged_on", "pk")
            ]
        ),
        "consents_to_share": [
            {
                "service": c.unit.name,
                "what": [str(CATEGORY_LABELS[k]) for k in c.categories if k in CATEGORY_LABELS],
                "given_by": str(c.given_by),
                "valid_from": _day(c.valid_from),
                "valid_to": _day(c.valid_to),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in SharingConsent.objects.filter(family=family)
            .select_related("unit", "given_by")
            .order_by("valid_from", "pk")
        ],
        "consents_to_a_coordinator": [
            {
                "case": c.case.reference,
                "guardian": str(c.guardian),
                "given_on": _day(c.given_on),
                "how": c.get_channel_display(),
                "withdrawn_on": _day(c.withdrawn_on),
            }
            for c in AppointmentConsent.objects.filter(case_id__in=case_ids).select_related(
                "case", "guardian"
            )
        ],
        "conversations": [
            {
                "subject": t.subject,
                "kept_from_parents": t.hidden_from_guardians,
                "messages": [
                    {
                        "from": str(m.author),
                        "sent_at": m.sent_at.isoformat(),
                        "text": m.body,
                        "attachments": [a.title for a in m.attachments.all()],
                    }
                    for m in messages
                    if m.thread_id == t.pk
                ],
            }
            for t in threads
        ],
        "plans": [
            {
                "child": p.child.display_name,
                "kind": p.get_kind_display(),
                "period": f"{p.period_start.isoformat()} – {p.period_end.isoformat()}",
                "child_own_words": p.child_own_words,
                "goals": [g.text for g in p.goals.all()],
                "measures": [f"{m.title} ({m.get_status_display()})" for m in p.measures.all()],
            }
            for p in Plan.objects.filter(child_id__in=child_ids)
            .select_related("child")
            .prefetch_related("goals", "measures")
            .order_by("pk")
        ],
        "meetings": [
            {
                "title": m.title,
                "starts_at": m.starts_at.isoformat(),
                "status": m.get_status_display(),
                "minutes": m.minutes,
            }
            for m in Meeting.objects.filter(child_id__in=child_ids).order_by("starts_at", "pk")
        ],
        "guidance_sent": [
            {"article": g.article, "sent_at": g.sent_at.isoformat(), "note": g.note}
            for g in GuidanceSent.objects.filter(family=family).order_by("sent_at", "pk")
        ],
        "who_has_looked": [
            {
                "when": e.occurred_at.isoformat(),
                "who": e.actor_name,
                "role": str(Role(e.actor_role).label) if e.actor_role in Role.values else "",
                "unit": e.actor_unit,
                "what": str(OBJECT_LABELS.get(e.object_type, OTHER_OBJECT)),
                "action": str(ACTION_LABELS.get(e.action, e.action)),
                "why": e.get_purpose_display(),
            }
            for e in events
        ],
    }
    record_access(
        actor=actor,
        family=family,
        obj=family,
        child=account.child,
        action=AccessAction.EXPORT,
        purpose=Purpose.FAMILY,
    )
    return data


def render_pdf(data: dict[str, Any]) -> bytes:
    """The same data as the JSON, with headings and field names in the reader's language."""
    sections = []
    for key, value in data.items():
        if key in {"exported_at", "exported_by", "municipality"}:
            continue
        rows = [value] if isinstance(value, dict) else value
        sections.append(
            {
                "title": _label(key),
                "rows": [
                    [(_label(field), field, _shown(field, content)) for field, content in row.items()]
                    for row in rows
                ],
            }
        )
    html = render_to_string("portal/export_pdf.html", {"data": data, "sections": sections})
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]
