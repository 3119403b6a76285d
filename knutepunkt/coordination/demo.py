"""Demo data for the coordinator's desk, on top of the demo families and the demo directory.

``load_demo_desk(municipality)`` gives every coordinated family a service map (services from the
municipality's directory, one need still open in some), a few logged contacts with the guidance
given, consents to share with the child's kindergarten or school (some running out soon), the
handover records of families handed over at school start, a hospital coordinator for a few, and
in Iceland a support team for the families with a case manager. Invented text only; running it
again adds nothing (it does nothing for a municipality that already has desk data).
"""

from __future__ import annotations

import datetime
import itertools
import random

from django.db import transaction
from django.utils import timezone

from knutepunkt.consent.models import Category, SharingConsent
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
)
from knutepunkt.directory.models import Agency, ChildService, ServiceStatus, ServiceType, UserOrganisation
from knutepunkt.people.models import Child, Family, Guardian, User
from knutepunkt.tenancy.models import Country, Municipality, Unit, UnitKind

SEED = 4242

_SUMMARIES: dict[str, list[tuple[str, str]]] = {
    Country.NORWAY: [
        ("Gikk gjennom retten til individuell plan og hvem som bør delta.", Category.PLAN),
        ("Mor forteller at anfallene er hyppigere; ny time på barneavdelingen avtalt.", Category.HEALTH),
        ("Snakket med kontaktlærer om tilrettelegging og stille rom ved prøver.", Category.SCHOOL),
        ("Søknad om pleiepenger: hjalp far med skjemaet til NAV.", Category.WELFARE),
        ("Kort oppfølging: familien har fått avlastning to helger i måneden.", Category.COORDINATOR),
    ],
    Country.ICELAND: [
        ("Fórum yfir rétt til stuðningsáætlunar og hverjir sitja í teyminu.", Category.PLAN),
        ("Móðir segir að flogum hafi fjölgað; tími á Barnaspítalanum bókaður.", Category.HEALTH),
        ("Rætt við umsjónarkennara um aðlögun og rólegt rými í prófum.", Category.SCHOOL),
        ("Aðstoðaði föður við umsókn um umönnunargreiðslur.", Category.WELFARE),
        ("Stutt eftirfylgni: fjölskyldan fær skammtímadvöl tvær helgar í mánuði.", Category.COORDINATOR),
    ],
}
_KINDS = list(ContactKind.values)
_RIGHTS = [
    [Right.INDIVIDUAL_PLAN],
    [Right.CONSENT, Right.ACCESS_LOG],
    [Right.BENEFITS],
    [Right.COMPLAINT],
    [],
]
_CONTACT_PEOPLE: dict[str, str] = {Country.NORWAY: "Mor og far", Country.ICELAND: "Móðir og faðir"}


def _service_codes(child: Child, country: str, today: datetime.date) -> list[str]:
    age = child.age_on(today)
    if country == Country.ICELAND:
        place = "health_centre" if age is None or age < 2 else "preschool" if age < 6 else "primary_school"
        return [place, "health_centre", "specialist_health", "respite_care", "social_services"]
    place = "health_station" if age is None or age < 1 else "kindergarten" if age < 6 else "school"
    return [place, "gp", "specialist_health", "respite_care", "nav", "ppt"]


def _agencies_by_code(municipality: Municipality) -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    visible = Agency.objects.filter(active=True, country=municipality.country).filter(
        municipality__in=[municipality.pk, None]
    )
    for agency in visible.prefetch_related("service_types").order_by("municipality", "name"):
        for service_type in agency.service_types.all():
            agencies.setdefault(service_type.code, agency)
    return agencies


def load_demo_desk(municipality: Municipality, *, today: datetime.date | None = None) -> int:
    """Create the municipality's desk data; return how many families got some (0 if loaded)."""
    today = today or timezone.localdate()
    if ChildService.objects.filter(municipality=municipality).exists():
        return 0
    rng = random.Random(SEED + int(municipality.number))  # noqa: S311 - invented demo data
    country = str(municipality.country)
    types = {t.code: t for t in ServiceType.objects.filter(country=country)}
    agencies = _agencies_by_code(municipality)
    organisations = list(UserOrganisation.objects.filter(country=country, active=True)[:6])
    place_units = {
        unit_kind: agency.unit
        for agency in Agency.objects.filter(municipality=municipality, unit__isnull=False).select_related(
            "unit"
        )
        for unit_kind in [agency.unit.kind]  # type: ignore[union-attr]
        if agency.unit is not None
    }
    assignments = list(
        CoordinatorAssignment.objects.filter(municipality=municipality)
        .select_related("family", "coordinator")
        .order_by("family_id", "starts_on")
    )
    by_family: dict[int, list[CoordinatorAssignment]] = {}
    for assignment in assignments:
        by_family.setdefault(assignment.family_id, []).append(assignment)
    families = Family.objects.filter(pk__in=by_family).prefetch_related("children", "guardians")
    done = 0
    with transaction.atomic():
        for number, family in enumerate(families):
            history = by_family[family.pk]
            current = history[-1]
            children = list(family.children.all())
            guardians = [g for g in family.guardians.all() if g.has_parental_responsibility]
            coordinator: User = current.coordinator
            _services(family, children, country, types, agencies, coordinator, rng, today)
            _contacts(family, country, coordinator, current.starts_on, organisations, rng, today)
            if guardians:
                _consent(family, children, guardians[0], place_units, coordinator, number, today)
            for old, new in itertools.pairwise(history):
                if old.ends_on == new.starts_on:
                    _save(
                        Handover(
                            municipality=municipality,
                            family=family,
                            from_assignment=old,
                            to_assignment=new,
                            handover_on=new.starts_on,
                            reason=HandoverReason.STAGE_CHANGE,
                            checklist=list(HandoverItem.values),
                            note="",
                            recorded_by=old.coordinator,
                        )
                    )
            if number % 7 == 3 and country == Country.NORWAY:
                _save(
                    OutsideCoordinator(
                        municipality=municipality,
                        family=family,
                        name=rng.choice(["Siri Haugen", "Mona Lie", "Per Vik"]),
                        title="Sykepleier",
                        organisation="Barne- og ungdomsavdelingen",
                        phone="+47 55 97 50 00",
                        starts_on=max(current.starts_on, today - datetime.timedelta(days=60)),
                        recorded_by=coordinator,
                    )
                )
            if current.kind == CoordinatorKind.CASE_MANAGER and children:
                _team(family, current, children[0], guardians, today)
            done += 1
    return done


def _save(obj: object) -> None:
    obj.full_clean()  # type: ignore[attr-defined]
    obj.save()  # type: ignore[attr-defined]


def _services(
    family: Family,
    children: list[Child],
    country: str,
    types: dict[str, ServiceType],
    agencies: dict[str, Agency],
    coordinator: User,
    rng: random.Random,
    today: datetime.date,
) -> None:
    for child in children[:2]:
        codes = [code for code in _service_codes(child, country, today) if code in types]
        for index, code in enumerate(codes[: rng.randint(3, len(codes))]):
            agency = agencies.get(code)
            status = ServiceStatus.RECEIVED
            if index >= 3 or agency is None:
                status = rng.choice([ServiceStatus.NEEDED, ServiceStatus.WAITING])
            starts = today - datetime.timedelta(days=rng.randint(30, 600))
            _save(
                ChildService(
                    municipality=family.municipality,
                    child=child,
                    service_type=types[code],
                    agency=agency if status == ServiceStatus.RECEIVED else None,
                    status=status,
                    contact_person=rng.choice(["Kari Nilsen", "Ola Berg", "Guðrún Jóns", ""]),
                    starts_on=starts if status == ServiceStatus.RECEIVED else None,
                    recorded_by=coordinator,
                )
            )


def _contacts(
    family: Family,
    country: str,
    coordinator: User,
    since: datetime.date,
    organisations: list[UserOrganisation],
    rng: random.Random,
    today: datetime.date,
) -> None:
    for index in range(rng.randint(1, 4)):
        summary, category = _SUMMARIES[country][(family.pk + index) % len(_SUMMARIES[country])]
        occurred = max(since, today - datetime.timedelta(days=rng.randint(0, 50)))
        contact = Contact(
            municipality=family.municipality,
            family=family,
            occurred_on=occurred,
            kind=rng.choice(_KINDS),
            people=_CONTACT_PEOPLE[country],
            summary=summary,
            category=category,
            rights=_RIGHTS[index % len(_RIGHTS)],
            follow_up_on=today + datetime.timedelta(days=rng.randint(2, 40)) if index == 0 else None,
            recorded_by=coordinator,
        )
        _save(contact)
        if organisations and index == 1:
            contact.organisations.set(
                [rng.choice(organisations)], through_defaults={"municipality_id": family.municipality_id}
            )


def _consent(
    family: Family,
    children: list[Child],
    guardian: Guardian,
    place_units: dict[str, Unit],
    coordinator: User,
    number: int,
    today: datetime.date,
) -> None:
    unit = place_units.get(UnitKind.SCHOOL) or place_units.get(UnitKind.KINDERGARTEN)
    if unit is None:
        return
    # Every third consent runs out within the month: the reminder has something to show.
    valid_to = today + datetime.timedelta(days=5 + number % 20) if number % 3 == 0 else None
    _save(
        SharingConsent(
            municipality=family.municipality,
            family=family,
            unit=unit,
            categories=[Category.BASICS, Category.SCHOOL],
            given_by=guardian,
            valid_from=today - datetime.timedelta(days=90),
            valid_to=valid_to,
            recorded_by=coordinator,
        )
    )


def _team(
    family: Family,
    manager: CoordinatorAssignment,
    child: Child,
    guardians: list[Guardian],
    today: datetime.date,
) -> None:
    team = SupportTeam(
        municipality=family.municipality,
        family=family,
        case_manager=manager.coordinator,
        formed_on=max(manager.starts_on, today - datetime.timedelta(days=30)),
    )
    _save(team)
    members = [
        SupportTeamMember(
            municipality=family.municipality, team=team, role=MemberRole.PARENT, name=str(guardian)
        )
        for guardian in guardians
    ]
    members.append(
        SupportTeamMember(
            municipality=family.municipality, team=team, role=MemberRole.CHILD, name=child.display_name
        )
    )
    members.append(
        SupportTeamMember(
            municipality=family.municipality,
            team=team,
            role=MemberRole.PROVIDER,
            name="Fulltrúi skólaþjónustu",
            organisation="Skólaþjónusta",
        )
    )
    for member in members:
        _save(member)
