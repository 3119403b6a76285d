"""Background work for complaints: the family is told that something happened to its complaint."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from knutepunkt.complaints.models import Complaint

EVENTS = ("forwarded", "answered")


@task()
def notify_family(complaint_id: int, event: str) -> None:
    """Tell the guardians with parental responsibility that their complaint was sent on to the
    appeal body (``forwarded``) or answered (``answered``).

    The e-mail is a notice only: it says that something happened and where to read it, never what
    the complaint, the reassessment or the answer says — a child's situation does not travel in an
    ordinary e-mail, and nothing is attached.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown complaint event {event!r}")
    complaint = Complaint.objects.select_related("case", "case__family", "case__municipality").get(
        pk=complaint_id
    )
    family = complaint.case.family
    recipients = [g.email for g in family.guardians.all() if g.email and g.has_parental_responsibility]
    if not recipients:
        return
    with translation.override(family.language):
        context = {
            "complaint": complaint,
            "case": complaint.case,
            "municipality": complaint.case.municipality,
        }
        subject = render_to_string(f"complaints/email/{event}_subject.txt", context).strip()
        body = render_to_string(f"complaints/email/{event}_body.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=recipients).send()
