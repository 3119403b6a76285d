"""``get_<thing>_for(user, id)`` for the family's pages and the coordinator's conversations:
the object, or 404 alike for "missing" and "not yours".

A family member reaches only their own family through ``access.policy.own_*``; staff reach a
family's conversations through ``visible_families``, and only the roles that talk with families.
What a young person keeps from their parents (``MessageThread.hidden_from_guardians``) is left out
for guardians here, so no page can show it by forgetting.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from knutepunkt.access.policy import own_children, own_families, visible_families
from knutepunkt.intake.models import CaseDocument, DocumentKind
from knutepunkt.people.models import Role, User
from knutepunkt.portal.models import FamilyAccount, MessageAttachment, MessageThread

# Staff who talk with families: the coordinator, and the coordinating unit when there is none yet.
CONVERSATION_ROLES = frozenset({Role.COORDINATOR, Role.OFFICER})

# What the family downloads from its pages: letters written to it, not the case workers' papers.
FAMILY_DOCUMENT_KINDS = (DocumentKind.DECISION_LETTER,)


def account_for(user: User) -> FamilyAccount:
    """The signed-in family member's account, or 404 (staff and strangers alike)."""
    if not user.is_authenticated or user.role or user.municipality_id is None:
        raise Http404
    account = (
        FamilyAccount.objects.select_related("family", "family__municipality", "guardian", "child")
        .filter(
            user_id=user.pk, municipality_id=user.municipality_id, family__in=own_families(user).values("pk")
        )
        .first()
    )
    if account is None:
        raise Http404
    return account


def visible_threads(user: User) -> QuerySet[MessageThread]:
    if user.role:
        if user.role not in CONVERSATION_ROLES or user.municipality_id is None:
            return MessageThread.objects.none()
        return MessageThread.objects.filter(
            municipality_id=user.municipality_id, family__in=visible_families(user).values("pk")
        )
    if user.municipality_id is None:
        return MessageThread.objects.none()
    threads = MessageThread.objects.filter(
        municipality_id=user.municipality_id, family__in=own_families(user).values("pk")
    )
    young_person = (
        FamilyAccount.objects.filter(user_id=user.pk, child__isnull=False).values("child_id").first()
    )
    if young_person is not None:
        return threads.filter(child_id=young_person["child_id"])
    return threads.filter(Q(child__isnull=True) | Q(hidden_from_guardians=False))


def get_thread_for(user: User, thread_id: int) -> MessageThread:
    thread = visible_threads(user).select_related("family", "child").filter(pk=thread_id).first()
    if thread is None:
        raise Http404
    return thread


def get_attachment_for(user: User, attachment_id: int) -> MessageAttachment:
    attachment = (
        MessageAttachment.objects.filter(message__thread__in=visible_threads(user).values("pk"))
        .select_related("message__thread__family", "message__thread__child")
        .filter(pk=attachment_id)
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


def family_documents(user: User) -> QuerySet[CaseDocument]:
    if user.municipality_id is None:
        return CaseDocument.objects.none()
    return CaseDocument.objects.filter(
        municipality_id=user.municipality_id,
        case__child__in=own_children(user).values("pk"),
        kind__in=FAMILY_DOCUMENT_KINDS,
    )


def get_family_document_for(user: User, document_id: int) -> CaseDocument:
    document = (
        family_documents(user).select_related("case__family", "case__child").filter(pk=document_id).first()
    )
    if document is None:
        raise Http404
    return document
