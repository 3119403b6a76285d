"""Sending an article to a family: guidance given (hol § 7-2a: the coordinator guides the family
through the support system). Kept here for the family's library, and recorded as a contact with
the right explained in the coordinator's contact log (``coordination.record_contact``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_family_for
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import record_access
from knutepunkt.coordination.models import ContactKind
from knutepunkt.coordination.services import ContactInput, record_contact
from knutepunkt.guidance.models import GuidanceSent
from knutepunkt.guidance.selectors import article_for
from knutepunkt.people.models import Role
from knutepunkt.people.selectors import purpose_for

ROLES_THAT_GUIDE = frozenset({Role.COORDINATOR, Role.OFFICER})


def send_article(*, actor: Actor, family_id: int, slug: str, note: str = "") -> GuidanceSent:
    user = actor.user
    if user.role not in ROLES_THAT_GUIDE:
        raise PermissionDenied
    article = article_for(user, slug)
    family = get_family_for(user, family_id, for_write=True)
    sent = GuidanceSent(
        municipality_id=family.municipality_id,
        family=family,
        article=article.slug,
        note=note.strip(),
        sent_by=user,
    )
    sent.full_clean()
    title, _summary, _body = article.in_language(family.municipality.language)
    with transaction.atomic():
        sent.save()
        record_access(
            actor=actor, family=family, obj=sent, action=AccessAction.CHANGE, purpose=purpose_for(user)
        )
        # Counted as guidance given in the coordinator's contact log.
        record_contact(
            actor=actor,
            family_id=family.pk,
            contact=ContactInput(
                occurred_on=timezone.localdate(),
                kind=ContactKind.MESSAGE,
                people=str(family),
                summary=" ".join(filter(None, [title, sent.note])),
                rights=(article.right,),
            ),
        )
    return sent
