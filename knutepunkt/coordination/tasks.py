"""Background work for the desk: telling parents and the service contact that a support team
stopped without a plan (Act 86/2021 art. 22)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from knutepunkt.coordination.models import CoordinatorAssignment, CoordinatorKind, SupportTeam


@task()
def send_team_closure_notice(team_id: int) -> None:
    """E-mail the parents and the service contact that the reasons are written down.

    Like every e-mail to a family (ADR 0004) it carries no content: the reasons are read in
    Knutepunkt or told by the case manager. Re-running sends nothing twice.
    """
    team = SupportTeam.objects.select_related("family", "municipality", "case_manager").get(pk=team_id)
    if team.reasons_sent_at is not None or not team.closing_reasons:
        return
    family = team.family
    context = {"team": team, "municipality": team.municipality}
    parents = [g.email for g in family.guardians.all() if g.email and g.has_parental_responsibility]
    if parents:
        with translation.override(family.language):
            subject = render_to_string("coordination/email/team_closed_subject.txt", context).strip()
            body = render_to_string("coordination/email/team_closed_family.txt", context)
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=parents).send()
    contacts = [
        assignment.coordinator.email
        for assignment in CoordinatorAssignment.objects.active_on(timezone.localdate())
        .filter(family=family, kind=CoordinatorKind.SERVICE_CONTACT)
        .select_related("coordinator")
        if assignment.coordinator.email
    ]
    if contacts:
        with translation.override(team.municipality.language):
            subject = render_to_string("coordination/email/team_closed_subject.txt", context).strip()
            body = render_to_string("coordination/email/team_closed_contact.txt", context)
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=contacts).send()
    team.reasons_sent_at = timezone.now()
    team.save(update_fields=["reasons_sent_at"])
