"""Background work for intake: the decision letter is rendered, stored and announced."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from knutepunkt.intake.letters import render_decision_letter
from knutepunkt.intake.models import Decision, DocumentKind


@task()
def send_decision_letter(decision_id: int) -> None:
    """Render the letter, keep it with the case, and tell the family it is there.

    The e-mail says only that a letter is ready and how to read it: a child's health situation
    never travels in an ordinary e-mail. Re-running is safe: a letter already made is reused and
    a family already notified is not notified twice.
    """
    from knutepunkt.intake.services import store_generated_document

    decision = Decision.objects.select_related(
        "case",
        "case__family",
        "case__child",
        "case__municipality",
        "coordinator",
        "coordinator__unit",
        "decided_by",
    ).get(pk=decision_id)
    if decision.letter_id is None:
        pdf = render_decision_letter(decision)
        with translation.override(decision.letter_language):
            title = translation.gettext("Decision letter %(date)s") % {
                "date": decision.decided_on.isoformat()
            }
        with transaction.atomic():
            document = store_generated_document(
                case=decision.case,
                kind=DocumentKind.DECISION_LETTER,
                title=title,
                content=pdf,
                made_by=decision.decided_by,
            )
            decision.letter = document
            decision.save(update_fields=["letter"])
    if decision.family_notified_at is None:
        recipients = [
            g.email for g in decision.case.family.guardians.all() if g.email and g.has_parental_responsibility
        ]
        if recipients:
            with translation.override(decision.letter_language):
                context = {"decision": decision, "municipality": decision.case.municipality}
                subject = render_to_string("intake/email/decision_subject.txt", context).strip()
                body = render_to_string("intake/email/decision_body.txt", context)
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=recipients).send()
        decision.family_notified_at = timezone.now()
        decision.save(update_fields=["family_notified_at"])
