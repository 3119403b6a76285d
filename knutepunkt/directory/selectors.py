"""Reads of the directory. It holds no personal data about children, so reading it writes no
access-log entry; what a user sees is still limited to their municipality.

The rule, in one place (``_visible_to``): a municipality sees its own agencies and the national
agencies of its own country (those with no municipality) — never another municipality's own
agencies, never another country's national ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Replace
from django.http import Http404

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_child_for
from knutepunkt.access.policy import ALL_CATEGORIES, shared_categories, visible_children
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import record_access, record_refused_attempt
from knutepunkt.directory.models import (
    Agency,
    AgencyService,
    ChildService,
    Level,
    ServiceStatus,
    ServiceType,
    UserOrganisation,
)
from knutepunkt.people.models import Child, User
from knutepunkt.people.selectors import purpose_for
from knutepunkt.tenancy.models import Municipality


def can_read_directory(user: User) -> bool:
    """Any signed-in staff member of a municipality may read the directory."""
    return bool(user.is_authenticated and user.role and user.municipality_id is not None)


def _visible_to(municipality: Municipality) -> QuerySet[Agency]:
    return Agency.objects.filter(
        Q(municipality_id=municipality.pk) | Q(municipality__isnull=True, country=municipality.country)
    )


def _with_services(agencies: QuerySet[Agency]) -> QuerySet[Agency]:
    """Service types and their provisions in two queries, whatever the number of agencies."""
    return agencies.prefetch_related(
        Prefetch("service_types", queryset=ServiceType.objects.prefetch_related("provisions"))
    )


def visible_agencies(user: User) -> QuerySet[Agency]:
    if not can_read_directory(user):
        return Agency.objects.none()
    assert user.municipality is not None
    return _visible_to(user.municipality)


def directory_for_municipality(municipality: Municipality) -> QuerySet[Agency]:
    """The active agencies a municipality's staff see, with their services (for the demo loader
    and other code that acts for the municipality rather than for a user)."""
    return _with_services(_visible_to(municipality).filter(active=True)).select_related("unit")


def service_types_for(user: User) -> QuerySet[ServiceType]:
    if not can_read_directory(user):
        return ServiceType.objects.none()
    assert user.municipality is not None
    return ServiceType.objects.filter(country=user.municipality.country)


def _variants(term: str) -> set[str]:
    """SQLite's LIKE folds case for ASCII letters only, so "årstad" would miss "Årstad": also try
    the term lower-cased, capitalised and upper-cased (PostgreSQL's ILIKE needs none of this)."""
    return {term, term.lower(), term.capitalize(), term.upper()}


def _term_matches(term: str) -> Q:
    match = Q()
    for variant in _variants(term):
        match |= (
            Q(name__icontains=variant)
            | Q(description__icontains=variant)
            | Q(email__icontains=variant)
            | Q(address__icontains=variant)
            | Q(web__icontains=variant)
        )
        services = AgencyService.objects.filter(agency=OuterRef("pk")).filter(
            Q(service_type__name__icontains=variant)
            | Q(service_type__name_en__icontains=variant)
            | Q(service_type__code__iexact=variant)
        )
        match |= Q(Exists(services))
    digits = term.replace(" ", "")
    if any(c.isdigit() for c in digits):
        match |= Q(phone_compact__contains=digits)
    return match


def search_directory(
    user: User,
    query: str = "",
    service_type: str | None = None,
    level: str | None = None,
    *,
    include_inactive: bool = False,
) -> QuerySet[Agency]:
    """The agencies this user may see that match every word of ``query`` (in the name, a service
    type, the description or the contact details), of ``service_type`` (a code) and ``level``.

    Fixed query count: the agencies, then their service types and provisions (prefetched).
    """
    agencies = visible_agencies(user).annotate(phone_compact=Replace("phone", Value(" "), Value("")))
    if not include_inactive:
        agencies = agencies.filter(active=True)
    for term in query.split():
        agencies = agencies.filter(_term_matches(term))
    if service_type:
        agencies = agencies.filter(
            Exists(AgencyService.objects.filter(agency=OuterRef("pk"), service_type__code=service_type))
        )
    if level:
        if level not in Level.values:
            return Agency.objects.none()
        agencies = agencies.filter(level=level)
    return _with_services(agencies).order_by("name", "pk")


def agency_with_services(agencies: QuerySet[Agency], agency_id: int) -> Agency | None:
    return _with_services(agencies).select_related("unit", "municipality").filter(pk=agency_id).first()


@dataclass(frozen=True)
class OrganisationSearch:
    query: str
    organisations: list[UserOrganisation]


def search_organisations(user: User, query: str = "") -> OrganisationSearch:
    """Active patient and user organisations of the user's country, matching every word."""
    if not can_read_directory(user):
        return OrganisationSearch(query=query, organisations=[])
    assert user.municipality is not None
    organisations = UserOrganisation.objects.filter(country=user.municipality.country, active=True)
    for term in query.split():
        match = Q()
        for variant in _variants(term):
            match |= Q(name__icontains=variant) | Q(helps_with__icontains=variant)
        organisations = organisations.filter(match)
    organisations = organisations.order_by("is_public_body", "name")
    return OrganisationSearch(query=query, organisations=list(organisations))


# --- A child's service map ------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceMap:
    child: Child
    services: list[ChildService]
    categories: frozenset[str]
    may_change: bool

    @property
    def gaps(self) -> list[ChildService]:
        return [service for service in self.services if service.is_gap]

    @property
    def is_limited(self) -> bool:
        return self.categories != ALL_CATEGORIES

    def by_status(self, status: str) -> list[ChildService]:
        return [service for service in self.services if service.status == status]


STATUS_ORDER = {
    ServiceStatus.NEEDED: 0,
    ServiceStatus.WAITING: 1,
    ServiceStatus.RECEIVED: 2,
    ServiceStatus.ENDED: 3,
}


def service_map(*, actor: Actor, child_id: int) -> ServiceMap:
    """The services around a child, gaps first. A service contact sees only the services of the
    categories shared with its unit. Fixed number of queries, whatever the number of services."""
    try:
        child = get_child_for(actor.user, child_id)
    except Http404:
        record_refused_attempt(actor=actor, model=Child, object_id=child_id, purpose=purpose_for(actor.user))
        raise
    categories = shared_categories(actor.user, child.family)
    services = [
        service
        for service in ChildService.objects.filter(child=child).select_related("service_type", "agency")
        if service.category in categories
    ]
    services.sort(key=lambda s: (STATUS_ORDER.get(ServiceStatus(s.status), 9), s.service_type.position, s.pk))
    may_change = visible_children(actor.user, for_write=True).filter(pk=child.pk).exists()
    record_access(
        actor=actor,
        family=child.family,
        obj=child,
        child=child,
        action=AccessAction.VIEW,
        purpose=purpose_for(actor.user),
    )
    return ServiceMap(child=child, services=services, categories=categories, may_change=may_change)


def get_child_service_for(user: User, service_id: int) -> ChildService:
    """A service on the map of a child this user may change; 404 alike for missing and not yours."""
    if user.municipality_id is None:
        raise Http404
    service = (
        ChildService.objects.filter(
            municipality_id=user.municipality_id,
            child__in=visible_children(user, for_write=True).values("pk"),
        )
        .select_related("child", "child__family", "service_type", "agency")
        .filter(pk=service_id)
        .first()
    )
    if service is None:
        raise Http404
    return service
