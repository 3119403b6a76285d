"""Reads of children and families. Each takes the acting user and logs what it shows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_child_for
from knutepunkt.access.policy import ALL_CATEGORIES, shared_categories, visible_children
from knutepunkt.audit.models import AccessAction, Purpose
from knutepunkt.audit.services import Access, record_access, record_accesses, record_refused_attempt
from knutepunkt.consent.models import Category
from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.people.models import Child, Family, Guardian, Role, User

HOME_PAGE_SIZE = 25


def purpose_for(user: User) -> Purpose:
    """The legal basis a role reads a child's data under, as the family will see it."""
    if not user.role:  # a family member on the family's pages
        return Purpose.FAMILY
    if user.municipality is not None and user.municipality.is_icelandic:
        return Purpose.SUPPORT
    by_role: dict[str, Purpose] = {
        Role.OFFICER: Purpose.CASE_PROCESSING,
        Role.COORDINATOR: Purpose.COORDINATION,
        Role.LEADER: Purpose.LEADERSHIP,
        Role.SERVICE_CONTACT: Purpose.SERVICE_DELIVERY,
    }
    return by_role.get(user.role, Purpose.CASE_PROCESSING)


@dataclass(frozen=True)
class ChildList:
    children: list[Child]
    total: int
    query: str
    page: int
    pages: int


# Terms this short match the start of a name only. A trigram index finds a term of three
# letters or more anywhere in a name, but "li" holds no whole trigram and would make
# PostgreSQL read the whole index; "li" at the start of a name is the trigrams "  l" and " li",
# which it can look up. Typing two letters is also how one looks for "Lie" or "Liv".
SHORT_TERM = 2


def name_search(children: QuerySet[Child], query: str, *, municipality_id: int) -> QuerySet[Child]:
    """The ``children`` whose given or family name, or whose family's name, holds every word
    of ``query``, case-insensitively (æøå, þ and ð as well). A word of one or two letters
    matches the start of a name, a longer word anywhere in it.

    Each word is one ``pk IN (own names UNION family's name)``, each arm served by the trigram
    indexes of people migration 0004. A single OR across the joined family table could use no
    index, and PostgreSQL compared every child of the municipality (1.3 s p95 under load).
    """
    for term in query.split():
        lookup = "folded_startswith" if len(term) <= SHORT_TERM else "folded_contains"
        own_names = Child.objects.filter(
            Q(**{f"given_name__{lookup}": term}) | Q(**{f"family_name__{lookup}": term}),
            municipality_id=municipality_id,
        )
        families = Family.objects.filter(municipality_id=municipality_id, **{f"name__{lookup}": term})
        family_names = Child.objects.filter(municipality_id=municipality_id, family__in=families.values("pk"))
        # Without order_by() each arm would first sort by the model's default ordering.
        matches = own_names.order_by().values("pk").union(family_names.order_by().values("pk"))
        children = children.filter(pk__in=matches)
    return children


def list_children(*, actor: Actor, query: str = "", page: int = 1) -> ChildList:
    """The children this user may see, optionally searched by name, one page at a time."""
    query = " ".join(query.split())[:100]
    children = visible_children(actor.user).select_related("family")
    if query and actor.user.municipality_id is not None:
        children = name_search(children, query, municipality_id=actor.user.municipality_id)
    total = children.count()
    pages = max(1, -(-total // HOME_PAGE_SIZE))
    page = min(max(1, page), pages)
    start = (page - 1) * HOME_PAGE_SIZE
    shown = list(children.order_by("family_name", "given_name", "pk")[start : start + HOME_PAGE_SIZE])
    record_accesses(
        actor=actor,
        accesses=[Access(family=child.family, obj=child, child=child) for child in shown],
        action=AccessAction.LIST,
        purpose=purpose_for(actor.user),
    )
    return ChildList(children=shown, total=total, query=query, page=page, pages=pages)


def find_child_by_national_id(*, actor: Actor, national_id: str) -> Child | None:
    """The child with this (validated) national ID among those this user may see.

    Another municipality's child, or one the user may not see, is not found, as if it did not
    exist. A child found is logged as seen in a list: the user learnt it is there.
    """
    child = visible_children(actor.user).select_related("family").filter(national_id=national_id).first()
    if child is not None:
        record_accesses(
            actor=actor,
            accesses=[Access(family=child.family, obj=child, child=child)],
            action=AccessAction.LIST,
            purpose=purpose_for(actor.user),
        )
    return child


@dataclass(frozen=True)
class ChildOverview:
    child: Child
    age: int | None
    guardians: list[Guardian]
    siblings: list[Child]
    coordinator: CoordinatorAssignment | None
    today: datetime.date
    # What this reader may see; a service contact sees only what the family consented to.
    categories: frozenset[str]

    @property
    def is_limited(self) -> bool:
        return self.categories != ALL_CATEGORIES


def child_overview(*, actor: Actor, child_id: int) -> ChildOverview:
    try:
        child = get_child_for(actor.user, child_id)
    except Http404:
        record_refused_attempt(actor=actor, model=Child, object_id=child_id, purpose=purpose_for(actor.user))
        raise
    today = timezone.localdate()
    family = child.family
    categories = shared_categories(actor.user, family)
    guardians = (
        list(family.guardians.order_by("-has_parental_responsibility", "given_name"))
        if Category.BASICS in categories
        else []
    )
    # Siblings the user may not see stay hidden; the family's scope equals the child's today,
    # but filtering through the policy keeps that true when scopes grow finer.
    siblings = list(
        visible_children(actor.user).filter(family=family).exclude(pk=child.pk).order_by("birth_date")
    )
    coordinator = (
        CoordinatorAssignment.objects.active_on(today)
        .filter(family=family)
        .select_related("coordinator", "coordinator__unit")
        .order_by("-starts_on")
        .first()
        if Category.COORDINATOR in categories
        else None
    )
    record_access(
        actor=actor,
        family=family,
        obj=child,
        child=child,
        action=AccessAction.VIEW,
        purpose=purpose_for(actor.user),
    )
    return ChildOverview(
        child=child,
        age=child.age_on(today),
        guardians=guardians,
        siblings=siblings,
        coordinator=coordinator,
        today=today,
        categories=categories,
    )
