"""What a coordinating unit and a coordinator do at the desk: appoint, hand over, record a
specialist-health coordinator, log contacts and guidance, and (Iceland) run the support team.

Each function is one transaction that checks the policy, validates everything before saving
anything, and writes the access log.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_family_for
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import record_access
from knutepunkt.consent.models import Category
from knutepunkt.coordination.models import (
    Contact,
    ContactKind,
    CoordinatorAssignment,
    CoordinatorKind,
    Handover,
    HandoverItem,
    HandoverReason,
    MemberRole,
    OutsideCoordinator,
    Right,
    SupportTeam,
    SupportTeamMember,
    TeamStatus,
)
from knutepunkt.core.errors import DomainError
from knutepunkt.directory.models import ServiceType, UserOrganisation
from knutepunkt.people.models import Family, Role, User
from knutepunkt.people.phones import normalise_phone
from knutepunkt.people.selectors import purpose_for
from knutepunkt.tenancy.models import Country

# Norway's kinds are one coordinator per family (a BK or a K, never both: DOMAIN.md). Iceland's
# service contact and case manager work side by side, so each is one per family on its own.
KINDS_BY_COUNTRY: dict[str, frozenset[str]] = {
    Country.NORWAY: frozenset({CoordinatorKind.BARNEKOORDINATOR, CoordinatorKind.KOORDINATOR}),
    Country.ICELAND: frozenset({CoordinatorKind.SERVICE_CONTACT, CoordinatorKind.CASE_MANAGER}),
}


def _kinds_that_exclude(kind: str, country: str) -> frozenset[str]:
    """The assignments a new one of ``kind`` replaces: any in Norway, the same kind in Iceland."""
    if country == Country.ICELAND:
        return frozenset({kind})
    return KINDS_BY_COUNTRY[Country.NORWAY]


def _log_change(actor: Actor, family: Family, obj: object) -> None:
    record_access(
        actor=actor,
        family=family,
        obj=obj,  # type: ignore[arg-type]
        action=AccessAction.CHANGE,
        purpose=purpose_for(actor.user),
    )


def _coordinator_of(municipality_id: int, coordinator_id: int | None) -> User | None:
    if coordinator_id is None:
        return None
    return User.objects.filter(
        pk=coordinator_id, municipality_id=municipality_id, role=Role.COORDINATOR, is_active=True
    ).first()


def appoint_coordinator(
    *,
    actor: Actor,
    family_id: int,
    coordinator_id: int,
    kind: str,
    starts_on: datetime.date,
    family_wishes: str = "",
    child_wishes: str = "",
) -> CoordinatorAssignment:
    """Appoint a coordinator for a family; an earlier one of the same role ends when this starts.

    Only the coordinating unit appoints (hol § 7-3; Act 86/2021 art. 17, 20). Consent and the
    decision are the intake's to check: ``intake.services.appoint_coordinator`` calls this.
    """
    user = actor.user
    if user.role != Role.OFFICER:
        raise PermissionDenied
    with transaction.atomic():
        family = get_family_for(user, family_id, for_write=True)
        Family.objects.select_for_update().filter(pk=family.pk).first()  # one appointment at a time
        country = family.municipality.country
        errors: dict[str, list[str]] = {}
        coordinator = _coordinator_of(family.municipality_id, coordinator_id)
        if coordinator is None:
            errors["coordinator"] = [str(_("Choose an active coordinator of this municipality."))]
        if kind not in KINDS_BY_COUNTRY[country]:
            errors["kind"] = [str(_("Choose a kind of coordinator used in this country."))]
        if errors:
            raise ValidationError(errors)
        assert coordinator is not None
        replaced = list(
            CoordinatorAssignment.objects.active_on(starts_on)
            .filter(family=family, kind__in=_kinds_that_exclude(kind, country))
            .select_for_update()
        )
        for earlier in replaced:
            if earlier.coordinator_id == coordinator.pk and earlier.kind == kind:
                # Already the family's coordinator (a decision confirming the one they have):
                # keep the assignment and its history, record what was wished this time.
                earlier.family_wishes = family_wishes.strip() or earlier.family_wishes
                earlier.child_wishes = child_wishes.strip() or earlier.child_wishes
                earlier.save(update_fields=["family_wishes", "child_wishes"])
                _log_change(actor, family, earlier)
                return earlier
        for earlier in replaced:
            if earlier.starts_on >= starts_on:
                raise DomainError(
                    _("The current coordinator only starts on %(date)s: appoint from a later date.")
                    % {"date": earlier.starts_on.isoformat()},
                    code="starts_too_early",
                )
        assignment = CoordinatorAssignment(
            municipality_id=family.municipality_id,
            family=family,
            coordinator=coordinator,
            kind=kind,
            starts_on=starts_on,
            family_wishes=family_wishes.strip(),
            child_wishes=child_wishes.strip(),
            appointed_by=user,
        )
        assignment.full_clean()
        for earlier in replaced:
            earlier.ends_on = starts_on
            earlier.save(update_fields=["ends_on"])
        assignment.save()
        _log_change(actor, family, assignment)
    return assignment


def hand_over(
    *,
    actor: Actor,
    family_id: int,
    from_assignment_id: int,
    to_coordinator_id: int,
    handover_on: datetime.date,
    reason: str,
    checklist: Iterable[str] = (),
    note: str = "",
) -> Handover:
    """Hand a family over to another coordinator on ``handover_on``.

    The old coordinator sees the family up to the day before, the new one from that day (the
    assignment's ``ends_on`` is exclusive); the new one sees the whole history, since what a
    coordinator sees follows the family, not who wrote it. The coordinating unit or the family's
    current coordinator records it.
    """
    user = actor.user
    if user.role not in (Role.OFFICER, Role.COORDINATOR):
        raise PermissionDenied
    with transaction.atomic():
        family = get_family_for(user, family_id, for_write=True)
        current = (
            CoordinatorAssignment.objects.select_for_update()
            .filter(pk=from_assignment_id, family=family)
            .active_on(timezone.localdate())
            .first()
        )
        if current is None:
            raise DomainError(_("This coordinator no longer has the family."), code="not_current")
        if user.role == Role.COORDINATOR and current.coordinator_id != user.pk:
            raise PermissionDenied
        errors: dict[str, list[str]] = {}
        new = _coordinator_of(family.municipality_id, to_coordinator_id)
        if new is None:
            errors["to_coordinator"] = [str(_("Choose an active coordinator of this municipality."))]
        elif new.pk == current.coordinator_id:
            errors["to_coordinator"] = [str(_("Choose someone other than the current coordinator."))]
        if handover_on <= current.starts_on:
            errors["handover_on"] = [str(_("The handover must come after the current coordinator started."))]
        if reason not in HandoverReason.values:
            errors["reason"] = [str(_("Choose why the family is handed over."))]
        done = set(checklist)
        if not done <= set(HandoverItem.values):
            errors["checklist"] = [str(_("Unknown checklist item."))]
        if errors:
            raise ValidationError(errors)
        assert new is not None
        current.ends_on = handover_on
        current.full_clean()
        current.save(update_fields=["ends_on"])
        successor = CoordinatorAssignment(
            municipality_id=family.municipality_id,
            family=family,
            coordinator=new,
            kind=current.kind,
            starts_on=handover_on,
            appointed_by=user,
        )
        successor.full_clean()
        successor.save()
        handover = Handover.objects.create(
            municipality_id=family.municipality_id,
            family=family,
            from_assignment=current,
            to_assignment=successor,
            handover_on=handover_on,
            reason=reason,
            checklist=[item for item in HandoverItem.values if item in done],
            note=note.strip(),
            recorded_by=user,
        )
        _log_change(actor, family, handover)
    return handover


def update_handover_checklist(*, actor: Actor, handover_id: int, checklist: Iterable[str]) -> Handover:
    """Tick off what is done; either coordinator or the coordinating unit may."""
    user = actor.user
    if user.role not in (Role.OFFICER, Role.COORDINATOR) or user.municipality_id is None:
        raise PermissionDenied
    done = set(checklist)
    if not done <= set(HandoverItem.values):
        raise ValidationError({"checklist": [str(_("Unknown checklist item."))]})
    with transaction.atomic():
        handover = (
            Handover.objects.select_for_update()
            .filter(pk=handover_id, municipality_id=user.municipality_id)
            .first()
        )
        if handover is None:
            raise DomainError(_("There is no such handover."), code="no_handover")
        family = get_family_for(user, handover.family_id, for_write=True)
        handover.checklist = [item for item in HandoverItem.values if item in done]
        handover.save(update_fields=["checklist"])
        _log_change(actor, family, handover)
    return handover


def record_outside_coordinator(
    *,
    actor: Actor,
    family_id: int,
    name: str,
    title: str,
    organisation: str,
    starts_on: datetime.date,
    phone: str = "",
    email: str = "",
) -> OutsideCoordinator:
    """Record the specialist health service's coordinator (sphl § 2-5a) as a linked outside party."""
    user = actor.user
    if user.role not in (Role.OFFICER, Role.COORDINATOR):
        raise PermissionDenied
    with transaction.atomic():
        family = get_family_for(user, family_id, for_write=True)
        outside = OutsideCoordinator(
            municipality_id=family.municipality_id,
            family=family,
            name=name.strip(),
            title=title.strip(),
            organisation=organisation.strip(),
            phone=phone.strip(),
            email=email.strip(),
            starts_on=starts_on,
            recorded_by=user,
        )
        errors: dict[str, list[str]] = {}
        if outside.phone:
            try:
                outside.phone = normalise_phone(outside.phone, country=family.municipality.country)
            except ValidationError as error:
                errors["phone"] = error.messages
        if not outside.phone and not outside.email:
            errors["phone"] = [
                str(_("Give a phone number or an e-mail address, so the family and we can reach them."))
            ]
        try:
            outside.full_clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)
        outside.save()
        _log_change(actor, family, outside)
    return outside


@dataclass(frozen=True)
class ContactInput:
    occurred_on: datetime.date
    kind: str
    people: str
    summary: str
    category: str = Category.COORDINATOR
    rights: tuple[str, ...] = ()
    service_type_ids: tuple[int, ...] = ()
    organisation_ids: tuple[int, ...] = ()
    follow_up_on: datetime.date | None = None


def record_contact(*, actor: Actor, family_id: int, contact: ContactInput) -> Contact:
    """Log a contact with the family and the guidance given in it."""
    user = actor.user
    if user.role not in (Role.OFFICER, Role.COORDINATOR):
        raise PermissionDenied
    with transaction.atomic():
        family = get_family_for(user, family_id, for_write=True)
        country = family.municipality.country
        errors: dict[str, list[str]] = {}
        if contact.occurred_on > timezone.localdate():
            errors["occurred_on"] = [str(_("The contact cannot be in the future."))]
        if contact.kind not in ContactKind.values:
            errors["kind"] = [str(_("Choose how the contact took place."))]
        if contact.category not in Category.values:
            errors["category"] = [str(_("Unknown kind of information."))]
        if not set(contact.rights) <= set(Right.values):
            errors["rights"] = [str(_("Unknown right."))]
        if contact.follow_up_on is not None and contact.follow_up_on < contact.occurred_on:
            errors["follow_up_on"] = [str(_("The follow-up cannot come before the contact."))]
        services = list(ServiceType.objects.filter(pk__in=contact.service_type_ids, country=country))
        if len(services) != len(set(contact.service_type_ids)):
            errors["services"] = [str(_("Choose services of your country."))]
        organisations = list(
            UserOrganisation.objects.filter(pk__in=contact.organisation_ids, country=country, active=True)
        )
        if len(organisations) != len(set(contact.organisation_ids)):
            errors["organisations"] = [str(_("Choose organisations of your country."))]
        row = Contact(
            municipality_id=family.municipality_id,
            family=family,
            occurred_on=contact.occurred_on,
            kind=contact.kind,
            people=contact.people.strip(),
            summary=contact.summary.strip(),
            category=contact.category,
            rights=[code for code in Right.values if code in contact.rights],
            follow_up_on=contact.follow_up_on,
            recorded_by=user,
        )
        try:
            row.full_clean(exclude=["services", "organisations"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)
        row.save()
        row.services.set(services, through_defaults={"municipality_id": family.municipality_id})
        row.organisations.set(organisations, through_defaults={"municipality_id": family.municipality_id})
        _log_change(actor, family, row)
    return row


# --- Iceland's support team (Act 86/2021 art. 21-22) ----------------------------------------


def _require_team_lead(actor: Actor, family: Family) -> None:
    """The case manager forms and runs the team; the coordinating unit may step in."""
    if family.municipality.country != Country.ICELAND:
        raise DomainError(_("Support teams belong to the Icelandic Prosperity Act."), code="not_iceland")
    user = actor.user
    if user.role == Role.OFFICER:
        return
    is_case_manager = (
        CoordinatorAssignment.objects.active_on(timezone.localdate())
        .filter(family=family, coordinator=user, kind=CoordinatorKind.CASE_MANAGER)
        .exists()
    )
    if not is_case_manager:
        raise DomainError(
            _("Only the family's case manager forms and runs the support team."), code="not_case_manager"
        )


@dataclass(frozen=True)
class MemberInput:
    role: str
    name: str
    organisation: str = ""


def _member(team: SupportTeam, member: MemberInput) -> SupportTeamMember:
    row = SupportTeamMember(
        municipality_id=team.municipality_id,
        team=team,
        role=member.role,
        name=member.name.strip(),
        organisation=member.organisation.strip(),
    )
    row.full_clean(exclude=["team"])
    if row.role == MemberRole.PROVIDER and not row.organisation:
        raise ValidationError({"organisation": [str(_("Name the service the representative comes from."))]})
    return row


def form_support_team(
    *, actor: Actor, family_id: int, formed_on: datetime.date, members: Iterable[MemberInput] = ()
) -> SupportTeam:
    """The case manager forms the team with the providers; parents and child take part."""
    with transaction.atomic():
        family = get_family_for(actor.user, family_id, for_write=True)
        _require_team_lead(actor, family)
        if SupportTeam.objects.filter(family=family, status=TeamStatus.OPEN).exists():
            raise DomainError(_("The family already has a working support team."), code="team_exists")
        if formed_on > timezone.localdate():
            raise ValidationError({"formed_on": [str(_("The team cannot be formed in the future."))]})
        case_manager = (
            CoordinatorAssignment.objects.active_on(timezone.localdate())
            .filter(family=family, kind=CoordinatorKind.CASE_MANAGER)
            .select_related("coordinator")
            .first()
        )
        if case_manager is None:
            raise DomainError(_("Appoint a case manager before forming the team."), code="no_case_manager")
        team = SupportTeam(
            municipality_id=family.municipality_id,
            family=family,
            case_manager=case_manager.coordinator,
            formed_on=formed_on,
        )
        team.full_clean()
        rows = [_member(team, member) for member in members]
        team.save()
        for row in rows:
            row.team = team
            row.save()
        _log_change(actor, family, team)
    return team


def _lock_open_team(actor: Actor, team_id: int) -> tuple[SupportTeam, Family]:
    """The open team, locked for the rest of the transaction, and its family, for its lead."""
    user = actor.user
    if user.municipality_id is None:
        raise PermissionDenied
    team = (
        SupportTeam.objects.select_for_update()
        .filter(pk=team_id, municipality_id=user.municipality_id)
        .first()
    )
    if team is None:
        raise DomainError(_("There is no such support team."), code="no_team")
    family = get_family_for(user, team.family_id, for_write=True)
    _require_team_lead(actor, family)
    if team.status != TeamStatus.OPEN:
        raise DomainError(_("The support team is closed."), code="team_closed")
    return team, family


def add_team_member(*, actor: Actor, team_id: int, member: MemberInput) -> SupportTeamMember:
    user = actor.user
    if user.municipality_id is None:
        raise PermissionDenied
    with transaction.atomic():
        team, family = _lock_open_team(actor, team_id)
        row = _member(team, member)
        row.save()
        _log_change(actor, family, team)
    return row


def close_support_team(
    *, actor: Actor, team_id: int, closed_on: datetime.date, with_plan: bool, reasons: str = ""
) -> SupportTeam:
    """Close the team. Without a support plan, the reasons are required and go to the parents
    and the service contact (art. 22), who may complain to GEV."""
    user = actor.user
    if user.municipality_id is None:
        raise PermissionDenied
    with transaction.atomic():
        team, family = _lock_open_team(actor, team_id)
        errors: dict[str, list[str]] = {}
        if closed_on < team.formed_on:
            errors["closed_on"] = [str(_("The team cannot close before it was formed."))]
        if closed_on > timezone.localdate():
            errors["closed_on"] = [str(_("The closing date is in the future."))]
        if not with_plan and not reasons.strip():
            errors["reasons"] = [
                str(
                    _(
                        "A team that stops without a support plan must say why: "
                        "the parents and the service contact are told."
                    )
                )
            ]
        if errors:
            raise ValidationError(errors)
        team.closed_on = closed_on
        team.status = TeamStatus.CLOSED_WITH_PLAN if with_plan else TeamStatus.CLOSED_WITHOUT_PLAN
        team.closing_reasons = "" if with_plan else reasons.strip()
        team.save(update_fields=["closed_on", "status", "closing_reasons"])
        _log_change(actor, family, team)
        if not with_plan:
            from knutepunkt.coordination.tasks import send_team_closure_notice

            team_id_ = team.pk
            transaction.on_commit(lambda: send_team_closure_notice.enqueue(team_id=team_id_))
    return team
