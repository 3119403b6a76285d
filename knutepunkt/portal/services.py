"""What the family does on its pages, and what staff do for it: invite a family member, accept
the invitation, write to the coordinator (and answer), withdraw a consent, ask for a coordinator,
complain. The last three call the owning apps' services, so the rules live in one place."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_family_for
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import record_access
from knutepunkt.complaints import services as complaint_services
from knutepunkt.complaints.models import Complaint, ComplaintChannel, ComplaintKind
from knutepunkt.consent import services as consent_services
from knutepunkt.consent.models import SharingConsent
from knutepunkt.core.errors import DomainError
from knutepunkt.intake import services as intake_services
from knutepunkt.intake.documents import check_upload, store_bytes
from knutepunkt.intake.models import Case, Channel
from knutepunkt.people.models import Child, Guardian, Role, User
from knutepunkt.people.selectors import purpose_for
from knutepunkt.portal.access import CONVERSATION_ROLES, account_for, get_thread_for
from knutepunkt.portal.models import (
    FamilyAccount,
    Invitation,
    Message,
    MessageAttachment,
    MessageThread,
    settings_for,
)
from knutepunkt.portal.rules import may_keep_from_guardians

ROLES_THAT_INVITE = frozenset({Role.OFFICER, Role.COORDINATOR})
MAX_ATTACHMENTS = 5


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- Invitations and sign-in ------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    token: str  # shown once to the person who issued it; only its hash is stored


def issue_invitation(
    *, actor: Actor, family_id: int, guardian_id: int | None = None, child_id: int | None = None
) -> IssuedInvitation:
    """A single-use link to the family's pages for one guardian, or for a child from the
    municipality's sign-in age. An earlier unused link for the same person stops working."""
    user = actor.user
    if user.role not in ROLES_THAT_INVITE:
        raise PermissionDenied
    family = get_family_for(user, family_id, for_write=True)
    if (guardian_id is None) == (child_id is None):
        raise DomainError(_("Choose one guardian or one child to invite."), code="invite_whom")
    guardian: Guardian | None = None
    child: Child | None = None
    office = settings_for(family.municipality_id)
    now = timezone.now()
    if guardian_id is not None:
        guardian = Guardian.objects.filter(pk=guardian_id, family=family).first()
        if guardian is None:
            raise DomainError(_("That guardian is not in this family."), code="guardian_not_in_family")
        taken = FamilyAccount.objects.filter(guardian=guardian).exists()
    else:
        assert child_id is not None
        child = Child.objects.filter(pk=child_id, family=family).first()
        if child is None:
            raise DomainError(_("That child is not in this family."), code="child_not_in_family")
        age = child.age_on(timezone.localdate())
        if age is None or age < office.child_sign_in_age:
            raise DomainError(
                _("A child can have their own sign-in from age %(age)s (the municipality's practice).")
                % {"age": office.child_sign_in_age},
                code="child_too_young",
            )
        taken = FamilyAccount.objects.filter(child=child).exists()
    if taken:
        raise DomainError(_("This person already has a sign-in to the family's pages."), code="has_account")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        Invitation.objects.filter(
            family=family, guardian=guardian, child=child, used_at__isnull=True, expires_at__gt=now
        ).update(expires_at=now)
        invitation = Invitation.objects.create(
            municipality_id=family.municipality_id,
            family=family,
            guardian=guardian,
            child=child,
            token_hash=hash_token(token),
            created_by=user,
            expires_at=now + datetime.timedelta(days=office.invitation_days),
        )
        record_access(
            actor=actor,
            family=family,
            obj=invitation,
            child=child,
            action=AccessAction.CHANGE,
            purpose=purpose_for(user),
        )
    return IssuedInvitation(invitation=invitation, token=token)


def find_invitation(token: str) -> Invitation | None:
    """The invitation behind a link, while it can still be used."""
    invitation = (
        Invitation.objects.select_related("guardian", "child", "family", "municipality")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None or not invitation.is_usable(timezone.now()):
        return None
    return invitation


def accept_invitation(*, token: str, username: str, password: str) -> User:
    """Make the family member's own sign-in from an invitation: the link works once."""
    username = username.strip()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("guardian", "child")
            .filter(token_hash=hash_token(token))
            .first()
        )
        if invitation is None or not invitation.is_usable(timezone.now()):
            raise DomainError(
                _("This link has expired or has already been used. Ask your coordinator for a new one."),
                code="invitation_unusable",
            )
        person = invitation.guardian or invitation.child
        assert person is not None
        user = User(
            username=username,
            first_name=person.given_name,
            last_name=person.family_name,
            email=invitation.guardian.email if invitation.guardian else "",
            municipality_id=invitation.municipality_id,
            role="",
        )
        errors: dict[str, list[str]] = {}
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as error:
            errors.update({k: [str(m) for m in v] for k, v in error.message_dict.items()})
        try:
            validate_password(password, user)
        except ValidationError as error:
            errors["password"] = [str(m) for m in error.messages]
        if errors:
            raise ValidationError(errors)
        user.set_password(password)
        user.save()
        FamilyAccount.objects.create(
            municipality_id=invitation.municipality_id,
            user=user,
            family_id=invitation.family_id,
            guardian=invitation.guardian,
            child=invitation.child,
            national_id=person.national_id,
        )
        if invitation.guardian is not None:
            # people's own link from a guardian to their sign-in (plans' sign-off reads it).
            invitation.guardian.user = user
            invitation.guardian.save(update_fields=["user"])
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
    return user


# --- Messages ---------------------------------------------------------------------------------


def _store_attachments(message: Message, uploads: list[UploadedFile]) -> None:
    for upload in uploads:
        checked = check_upload(upload)
        MessageAttachment.objects.create(
            municipality_id=message.municipality_id,
            message=message,
            title=(upload.name or "")[:200] or str(_("Attachment")),
            stored_name=store_bytes(checked.content, checked.extension),
            content_type=checked.content_type,
            size=len(checked.content),
            sha256=checked.sha256,
        )


def _check_message(body: str, uploads: list[UploadedFile]) -> str:
    body = body.strip()
    errors: dict[str, list[str]] = {}
    if not body:
        errors["body"] = [str(_("Write a message."))]
    if len(uploads) > MAX_ATTACHMENTS:
        errors["attachments"] = [str(_("Attach at most %(count)s files.") % {"count": MAX_ATTACHMENTS})]
    for upload in uploads[:MAX_ATTACHMENTS]:
        try:
            check_upload(upload)
        except ValidationError as error:
            errors.setdefault("attachments", []).extend(str(m) for m in error.messages)
        upload.seek(0)
    if errors:
        raise ValidationError(errors)
    return body


def _announce(message: Message) -> None:
    from knutepunkt.portal.notices import announce_message

    announce_message(message)


def start_thread(
    *,
    actor: Actor,
    subject: str,
    body: str,
    uploads: list[UploadedFile] | None = None,
    hidden_from_guardians: bool = False,
) -> MessageThread:
    """A family member writes to the coordinator. A young person's thread is their own, and
    from health-majority age they may keep it from their parents."""
    uploads = uploads or []
    account = account_for(actor.user)
    subject = subject.strip()
    errors: dict[str, list[str]] = {}
    if not subject:
        errors["subject"] = [str(_("Give the message a subject."))]
    try:
        body = _check_message(body, uploads)
    except ValidationError as error:
        errors.update(error.message_dict)
    today = timezone.localdate()
    if hidden_from_guardians and not (account.child and may_keep_from_guardians(account.child, today)):
        errors["hidden_from_guardians"] = [
            str(_("Only a young person from 16 can keep a conversation from their parents."))
        ]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        thread = MessageThread.objects.create(
            municipality_id=account.municipality_id,
            family=account.family,
            child=account.child,
            subject=subject[:150],
            started_by=actor.user,
            started_at=now,
            last_message_at=now,
            hidden_from_guardians=hidden_from_guardians,
        )
        message = Message.objects.create(
            municipality_id=account.municipality_id, thread=thread, author=actor.user, body=body, sent_at=now
        )
        _store_attachments(message, uploads)
        record_access(
            actor=actor,
            family=account.family,
            obj=thread,
            child=account.child,
            action=AccessAction.CHANGE,
            purpose=purpose_for(actor.user),
        )
        _announce(message)
    return thread


def reply_to_thread(
    *, actor: Actor, thread_id: int, body: str, uploads: list[UploadedFile] | None = None
) -> Message:
    """An answer in a conversation, from the family or from the coordinator."""
    uploads = uploads or []
    user = actor.user
    if user.role and user.role not in CONVERSATION_ROLES:
        raise PermissionDenied
    thread = get_thread_for(user, thread_id)
    body = _check_message(body, uploads)
    now = timezone.now()
    with transaction.atomic():
        thread = MessageThread.objects.select_for_update().get(pk=thread.pk)
        message = Message.objects.create(
            municipality_id=thread.municipality_id, thread=thread, author=user, body=body, sent_at=now
        )
        _store_attachments(message, uploads)
        thread.last_message_at = now
        thread.save(update_fields=["last_message_at"])
        record_access(
            actor=actor,
            family=thread.family,
            obj=thread,
            child=thread.child,
            action=AccessAction.CHANGE,
            purpose=purpose_for(user),
        )
        _announce(message)
    return message


# --- What the family does through the owning apps ---------------------------------------------


def withdraw_consent(*, actor: Actor, consent_id: int) -> SharingConsent:
    """The family withdraws a consent to share: the service loses access on its next request."""
    account = account_for(actor.user)
    if not SharingConsent.objects.filter(pk=consent_id, family_id=account.family_id).exists():
        raise DomainError(_("There is no such consent."), code="no_consent")
    return consent_services.withdraw_sharing_consent(actor=actor, consent_id=consent_id)


def ask_for_coordinator(*, actor: Actor, child_id: int, summary: str) -> Case:
    """The family's own electronic request: one way in among equals (a call or a letter counts
    just the same)."""
    account = account_for(actor.user)
    requested_by = str(_("%(name)s, on the family's pages") % {"name": account})
    return intake_services.register_request(
        actor=actor,
        channel=Channel.ELECTRONIC,
        received_on=timezone.localdate(),
        child_id=child_id,
        requested_by=requested_by,
        summary=summary,
    )


def complain(
    *,
    actor: Actor,
    case_id: int,
    kind: str,
    what: str,
    change_wanted: str,
    late_excuse: str = "",
) -> Complaint:
    """A written complaint signed by the signed-in guardian: signing in with a personal account
    and sending the form is the signature."""
    account = account_for(actor.user)
    if not account.acts_for_family:
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if not what.strip():
        errors["what"] = [str(_("Say what you complain about."))]
    if not change_wanted.strip():
        errors["change_wanted"] = [str(_("Say what you want changed."))]
    if errors:
        raise ValidationError(errors)
    return complaint_services.register_complaint(
        actor=actor,
        case_id=case_id,
        kind=kind if kind in ComplaintKind.values else "",
        channel=ComplaintChannel.PORTAL,
        lodged_on=timezone.localdate(),
        complainant=str(account),
        written=True,
        signed=True,
        what=what,
        change_wanted=change_wanted,
        late_excuse=late_excuse,
    )
