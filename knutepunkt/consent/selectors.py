"""Reads of consents to share, and what a service sees of a child under them.

Consents are read on every request, never cached: a withdrawal takes effect on the next one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_child_for
from knutepunkt.access.policy import ALL_CATEGORIES, shared_categories, visible_families
from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.audit.services import Access, record_access, record_accesses, record_refused_attempt
from knutepunkt.consent.models import Category, SharingConsent
from knutepunkt.consent.services import ROLES_THAT_RECORD_CONSENT
from knutepunkt.coordination.models import Contact, CoordinatorAssignment, OutsideCoordinator
from knutepunkt.coordination.selectors import get_desk_family_for
from knutepunkt.directory.models import ChildService
from knutepunkt.people.models import Child, Family, Guardian
from knutepunkt.people.selectors import purpose_for
from knutepunkt.tenancy.models import Unit

ACCESS_LOG_ROWS = 100


def expiring_consents(*, today: datetime.date, within_days: int) -> QuerySet[SharingConsent]:
    """The one definition of a consent running out: live on ``today`` and ending within
    ``within_days`` of it (today included). Reads for nobody and logs nothing: the daily
    reminder scan (notifications) finds whom to remind with it, as the system; a person's
    reads go through ``consents_expiring``, which narrows it to what they may see and logs."""
    return SharingConsent.objects.live_on(today).filter(
        valid_to__range=(today, today + datetime.timedelta(days=within_days))
    )


def consents_expiring(actor: Actor, within_days: int) -> list[SharingConsent]:
    """Live consents of the families this user may see that run out within ``within_days``
    (today included), soonest first: the reminder the coordinator acts on before a service
    loses what it needs. For reminders and pages alike; the families shown are logged."""
    consents = list(
        expiring_consents(today=timezone.localdate(), within_days=within_days)
        .filter(family__in=visible_families(actor.user).values("pk"))
        .select_related("family", "unit", "given_by")
        .order_by("valid_to", "pk")
    )
    record_accesses(
        actor=actor,
        accesses=[Access(family=consent.family, obj=consent) for consent in consents],
        action=AccessAction.LIST,
        purpose=purpose_for(actor.user),
    )
    return consents


@dataclass(frozen=True)
class FamilyConsents:
    family: Family
    consents: list[SharingConsent]
    guardians: list[Guardian]
    units: QuerySet[Unit]
    access_log: list[AccessEvent]
    today: datetime.date
    may_change: bool

    def state_of(self, consent: SharingConsent) -> str:
        if consent.withdrawn_at is not None:
            return "withdrawn"
        if consent.valid_from > self.today:
            return "future"
        if consent.valid_to is not None and consent.valid_to < self.today:
            return "expired"
        return "live"


def family_consents(*, actor: Actor, family_id: int) -> FamilyConsents:
    """A family's consents to share, the guardians who can give one, and who has read the
    family's information lately (the family may see that too)."""
    family = get_desk_family_for(actor, family_id)
    consents = list(
        SharingConsent.objects.filter(family=family).select_related("unit", "given_by", "withdrawn_by")
    )
    access_log = list(
        AccessEvent.objects.filter(family=family, municipality_id=family.municipality_id).order_by(
            "-occurred_at", "-seq"
        )[:ACCESS_LOG_ROWS]
    )
    record_access(
        actor=actor, family=family, obj=family, action=AccessAction.VIEW, purpose=purpose_for(actor.user)
    )
    return FamilyConsents(
        family=family,
        consents=consents,
        guardians=list(family.guardians.order_by("-has_parental_responsibility", "given_name")),
        units=Unit.objects.filter(municipality_id=family.municipality_id).order_by("name"),
        access_log=access_log,
        today=timezone.localdate(),
        may_change=actor.user.role in ROLES_THAT_RECORD_CONSENT
        and visible_families(actor.user, for_write=True).filter(pk=family.pk).exists(),
    )


@dataclass(frozen=True)
class SharedView:
    """What one reader may see of a child, section by section."""

    child: Child
    categories: frozenset[str]
    guardians: list[Guardian]
    coordinators: list[CoordinatorAssignment]
    outside: list[OutsideCoordinator]
    services: list[ChildService]
    notes: dict[str, list[Contact]]
    consents: list[SharingConsent]
    today: datetime.date

    @property
    def is_limited(self) -> bool:
        return self.categories != ALL_CATEGORIES

    @property
    def category_labels(self) -> list[str]:
        return [str(label) for value, label in Category.choices if value in self.categories]

    @property
    def withheld_labels(self) -> list[str]:
        return [str(label) for value, label in Category.choices if value not in self.categories]

    @property
    def sections(self) -> list[SharedSection]:
        """One section per shared kind of information that has services or notes, in the
        consent form's order. Basics and the coordinator have their own parts of the page."""
        sections = []
        for value, label in Category.choices:
            if value not in self.categories or value in (Category.BASICS, Category.COORDINATOR):
                continue
            services = [service for service in self.services if service.category == value]
            sections.append(
                SharedSection(
                    category=value, label=str(label), services=services, notes=self.notes.get(value, [])
                )
            )
        return sections


@dataclass(frozen=True)
class SharedSection:
    category: str
    label: str
    services: list[ChildService]
    notes: list[Contact]


def shared_view(*, actor: Actor, child_id: int) -> SharedView:
    """A child as this reader may see it: a service contact only the categories a live consent
    to its unit names; a case worker everything. A refused attempt is logged, and answered with
    the same 404 as a child that does not exist."""
    try:
        child = get_child_for(actor.user, child_id)
    except Http404:
        record_refused_attempt(actor=actor, model=Child, object_id=child_id, purpose=purpose_for(actor.user))
        raise
    family = child.family
    today = timezone.localdate()
    categories = shared_categories(actor.user, family)
    guardians = list(family.guardians.order_by("given_name")) if Category.BASICS in categories else []
    coordinators: list[CoordinatorAssignment] = []
    outside: list[OutsideCoordinator] = []
    if Category.COORDINATOR in categories:
        coordinators = list(
            CoordinatorAssignment.objects.active_on(today)
            .filter(family=family)
            .select_related("coordinator", "coordinator__unit")
        )
        outside = list(OutsideCoordinator.objects.filter(family=family))
    services = [
        service
        for service in ChildService.objects.filter(child=child).select_related("service_type", "agency")
        if service.category in categories
    ]
    notes: dict[str, list[Contact]] = {}
    for contact in Contact.objects.filter(family=family, category__in=categories).order_by(
        "-occurred_on", "-pk"
    ):
        notes.setdefault(contact.category, []).append(contact)
    consents = list(
        SharingConsent.objects.live_on(today)
        .filter(family=family, unit_id=actor.user.unit_id or 0)
        .select_related("unit")
    )
    record_access(
        actor=actor,
        family=family,
        obj=child,
        child=child,
        action=AccessAction.VIEW,
        purpose=purpose_for(actor.user),
    )
    return SharedView(
        child=child,
        categories=categories,
        guardians=guardians,
        coordinators=coordinators,
        outside=outside,
        services=services,
        notes=notes,
        consents=consents,
        today=today,
    )
