"""Actions that change families, children and guardians: one function per thing done."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import record_access
from knutepunkt.people.models import Child, Family, Guardian, GuardianRelation, Role
from knutepunkt.people.selectors import purpose_for


@dataclass(frozen=True)
class GuardianInput:
    given_name: str
    family_name: str
    relation: GuardianRelation
    has_parental_responsibility: bool = True
    national_id: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class ChildInput:
    family_name: str
    given_name: str = ""
    birth_date: datetime.date | None = None
    expected_date: datetime.date | None = None
    national_id: str = ""


def register_family(
    *,
    actor: Actor,
    family_name: str,
    language: str,
    child: ChildInput,
    guardians: list[GuardianInput],
    street_address: str = "",
    postal_code: str = "",
    postal_town: str = "",
) -> Child:
    """Register a family with its child and guardians, all or nothing.

    Every row is validated before any is saved, so a bad national ID on the second guardian
    leaves no half-registered family behind.
    """
    user = actor.user
    if user.role != Role.OFFICER or user.municipality is None:
        raise PermissionDenied
    municipality = user.municipality
    family = Family(
        municipality=municipality,
        name=family_name.strip(),
        language=language,
        street_address=street_address.strip(),
        postal_code=postal_code.strip(),
        postal_town=postal_town.strip(),
    )
    new_child = Child(
        municipality=municipality,
        family=family,
        given_name=child.given_name.strip(),
        family_name=child.family_name.strip(),
        birth_date=child.birth_date,
        expected_date=child.expected_date,
        national_id=child.national_id.strip(),
    )
    new_guardians = [
        Guardian(
            municipality=municipality,
            family=family,
            given_name=g.given_name.strip(),
            family_name=g.family_name.strip(),
            relation=g.relation,
            has_parental_responsibility=g.has_parental_responsibility,
            national_id=g.national_id.strip(),
            email=g.email.strip(),
            phone=g.phone.strip(),
        )
        for g in guardians
    ]
    errors: dict[str, list[ValidationError]] = {}
    family.full_clean()
    try:
        new_child.full_clean(exclude=["family"])
    except ValidationError as error:
        errors.update({f"child_{k}": v for k, v in error.error_dict.items()})
    for index, guardian in enumerate(new_guardians):
        try:
            guardian.full_clean(exclude=["family"])
        except ValidationError as error:
            errors.update({f"guardian{index}_{k}": v for k, v in error.error_dict.items()})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        family.save()
        new_child.family = family
        new_child.save()
        for guardian in new_guardians:
            guardian.family = family
            guardian.save()
        record_access(
            actor=actor,
            family=family,
            obj=new_child,
            child=new_child,
            action=AccessAction.CHANGE,
            purpose=purpose_for(user),
        )
    return new_child
