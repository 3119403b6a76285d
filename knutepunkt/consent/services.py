"""Giving and withdrawing consent to share information with a service."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_family_for, get_own_family_for
from knutepunkt.access.policy import is_family_member
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import record_access
from knutepunkt.consent.models import Category, SharingConsent
from knutepunkt.core.errors import DomainError
from knutepunkt.people.models import Guardian, Role
from knutepunkt.people.selectors import purpose_for
from knutepunkt.tenancy.models import Unit

ROLES_THAT_RECORD_CONSENT = frozenset({Role.OFFICER, Role.COORDINATOR})


def give_sharing_consent(
    *,
    actor: Actor,
    family_id: int,
    unit_id: int,
    categories: list[str],
    given_by_id: int,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
) -> SharingConsent:
    """Record that a guardian consents to share the named categories with one service."""
    user = actor.user
    if user.role not in ROLES_THAT_RECORD_CONSENT:
        raise PermissionDenied
    family = get_family_for(user, family_id, for_write=True)
    errors: dict[str, list[str]] = {}
    unit = Unit.objects.filter(pk=unit_id, municipality_id=family.municipality_id).first()
    if unit is None:
        errors["unit"] = [str(_("Choose a service of this municipality."))]
    guardian = Guardian.objects.filter(pk=given_by_id, family=family).first()
    if guardian is None:
        errors["given_by"] = [str(_("Choose a guardian of this family."))]
    elif not (guardian.has_parental_responsibility or guardian.relation == "child_welfare"):
        errors["given_by"] = [str(_("Only a guardian with parental responsibility can consent."))]
    chosen = set(categories)
    if not chosen:
        errors["categories"] = [str(_("Choose at least one kind of information."))]
    elif not chosen <= set(Category.values):
        errors["categories"] = [str(_("Unknown kind of information."))]
    if valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = [str(_("The consent cannot end before it starts."))]
    if valid_to is not None and valid_to < timezone.localdate():
        errors["valid_to"] = [str(_("The end date has already passed."))]
    if errors:
        raise ValidationError(errors)
    assert unit is not None
    assert guardian is not None
    with transaction.atomic():
        consent = SharingConsent.objects.create(
            municipality_id=family.municipality_id,
            family=family,
            unit=unit,
            categories=sorted(chosen, key=Category.values.index),
            given_by=guardian,
            valid_from=valid_from,
            valid_to=valid_to,
            recorded_by=user,
        )
        record_access(
            actor=actor, family=family, obj=consent, action=AccessAction.CHANGE, purpose=purpose_for(user)
        )
    return consent


def withdraw_sharing_consent(*, actor: Actor, consent_id: int) -> SharingConsent:
    """Withdraw at once: the service loses access on its very next request."""
    user = actor.user
    # The family withdraws on its own pages too: only a guardian acting for it (policy.own_*).
    family_member = is_family_member(user)
    if (user.role not in ROLES_THAT_RECORD_CONSENT and not family_member) or user.municipality_id is None:
        raise PermissionDenied
    with transaction.atomic():
        consent = (
            SharingConsent.objects.select_for_update()
            .filter(pk=consent_id, municipality_id=user.municipality_id)
            .first()
        )
        if consent is None:
            raise DomainError(_("There is no such consent."), code="no_consent")
        if family_member:
            family = get_own_family_for(user, consent.family_id, for_write=True)
        else:
            family = get_family_for(user, consent.family_id, for_write=True)
        if consent.withdrawn_at is not None:
            raise DomainError(_("This consent is already withdrawn."), code="already_withdrawn")
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = user
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        record_access(
            actor=actor, family=family, obj=consent, action=AccessAction.CHANGE, purpose=purpose_for(user)
        )
    return consent
