"""Demo directory: a realistic set of agencies for one municipality.

``load_demo_directory(municipality)`` turns each of the municipality's own units that provides a
service (kindergartens, schools, PPT, NAV office, child welfare, health station, GP office, home
services, respite care, the county's dental clinic, the hospital's children's ward) into an agency
of the same name linked to that unit, then adds what a municipality works with but has no unit
for: a crisis centre and family counselling always, and any service of the list above that no unit
provides, under an invented name (linked to a unit of that name if one exists). It creates no
units. It also makes sure the country's shared national demo agencies exist.

Invented contact details only: phone numbers that pass ``phonenumbers`` validation, e-mail under
``eksempel.invalid``. Running it again adds nothing already there.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers
from django.db import transaction

from knutepunkt.directory.models import Agency, Level, ServiceType
from knutepunkt.directory.services import set_agency_services
from knutepunkt.tenancy.models import Country, Municipality, Unit, UnitKind

CHANGE_REASON = "Demo data"
EMAIL_DOMAIN = "eksempel.invalid"


@dataclass(frozen=True)
class _Spec:
    name: str
    level: Level
    services: tuple[str, ...]
    description: str = ""


def _school_services(unit: Unit, country: str) -> tuple[tuple[str, ...], Level]:
    name = unit.name.lower()
    if country == Country.ICELAND:
        if any(word in name for word in ("menntaskól", "framhaldsskól", "fjölbraut")):
            return ("secondary_school",), Level.STATE  # upper secondary schools are the state's
        return ("primary_school",), Level.MUNICIPAL
    if any(word in name for word in ("videregående", "vidaregåande", "vgs")):
        return ("school",), Level.COUNTY  # upper secondary schools are the county's
    return ("school", "sfo"), Level.MUNICIPAL


# Unit kind -> (service codes, level), per country. Kinds not here (the coordinating unit, the
# allocation office, other) are not services a child receives.
_BY_KIND: dict[str, dict[str, tuple[tuple[str, ...], Level]]] = {
    Country.NORWAY: {
        UnitKind.KINDERGARTEN: (("kindergarten",), Level.MUNICIPAL),
        UnitKind.PPT: (("ppt",), Level.MUNICIPAL),
        UnitKind.NAV_OFFICE: (("nav", "social_services_nav"), Level.MUNICIPAL),
        UnitKind.SOCIAL_SERVICES: (("social_services_nav",), Level.MUNICIPAL),
        UnitKind.CHILD_WELFARE: (("child_welfare",), Level.MUNICIPAL),
        UnitKind.HEALTH_STATION: (("health_station",), Level.MUNICIPAL),
        UnitKind.HEALTH_CENTRE: (("municipal_health_care",), Level.MUNICIPAL),
        UnitKind.GP_OFFICE: (("gp",), Level.PRIVATE_ON_PUBLIC_CONTRACT),
        UnitKind.HOME_SERVICES: (("home_services",), Level.MUNICIPAL),
        UnitKind.RESPITE_CARE: (("respite_care",), Level.MUNICIPAL),
        UnitKind.HOSPITAL_WARD: (("specialist_health",), Level.STATE),
        UnitKind.DENTAL: (("public_dental",), Level.COUNTY),
    },
    Country.ICELAND: {
        UnitKind.KINDERGARTEN: (("preschool",), Level.MUNICIPAL),
        UnitKind.PPT: (("school_services",), Level.MUNICIPAL),
        UnitKind.SOCIAL_SERVICES: (("social_services",), Level.MUNICIPAL),
        UnitKind.CHILD_WELFARE: (("child_protection",), Level.MUNICIPAL),
        UnitKind.HEALTH_STATION: (("health_centre",), Level.STATE),
        UnitKind.HEALTH_CENTRE: (("health_centre",), Level.STATE),
        UnitKind.GP_OFFICE: (("health_centre",), Level.STATE),
        UnitKind.HOME_SERVICES: (("home_services",), Level.MUNICIPAL),
        UnitKind.RESPITE_CARE: (("respite_care",), Level.MUNICIPAL),
        UnitKind.HOSPITAL_WARD: (("specialist_health",), Level.STATE),
    },
}


def _fill_ins(municipality: Municipality) -> list[_Spec]:
    """Agencies for the services no unit provides; the first service code is the one checked."""
    name = municipality.name
    if municipality.country == Country.ICELAND:
        return [
            _Spec(f"Heilsugæslan í {name}", Level.STATE, ("health_centre",)),
            _Spec(f"Leikskólinn í {name}", Level.MUNICIPAL, ("preschool",)),
            _Spec(f"Grunnskólinn í {name}", Level.MUNICIPAL, ("primary_school",)),
            _Spec(f"Skólaþjónusta {name}", Level.MUNICIPAL, ("school_services",)),
            _Spec(f"Félagsþjónusta {name}", Level.MUNICIPAL, ("social_services",)),
            _Spec(f"Barnavernd {name}", Level.MUNICIPAL, ("child_protection",)),
            _Spec(f"Heimaþjónusta {name}", Level.MUNICIPAL, ("home_services",)),
            _Spec(f"Skammtímadvöl fyrir börn, {name}", Level.MUNICIPAL, ("respite_care",)),
        ]
    return [
        _Spec(f"{name} barnehage", Level.MUNICIPAL, ("kindergarten",)),
        _Spec(f"{name} skole", Level.MUNICIPAL, ("school", "sfo")),
        _Spec(f"PPT {name}", Level.MUNICIPAL, ("ppt",)),
        _Spec(
            f"NAV {name}",
            Level.MUNICIPAL,
            ("nav", "social_services_nav"),
            "NAV office: the state's labour and welfare services and the municipality's social services.",
        ),
        _Spec(f"Barnevernstjenesten i {name}", Level.MUNICIPAL, ("child_welfare",)),
        _Spec(f"Helsestasjon {name}", Level.MUNICIPAL, ("health_station",)),
        _Spec(f"{name} legesenter", Level.PRIVATE_ON_PUBLIC_CONTRACT, ("gp",)),
        _Spec(f"Hjemmetjenesten i {name}", Level.MUNICIPAL, ("home_services",)),
        _Spec(f"Avlastning for barn og unge, {name}", Level.MUNICIPAL, ("respite_care",)),
        _Spec(f"Den offentlige tannhelsetjenesten, {name} tannklinikk", Level.COUNTY, ("public_dental",)),
        _Spec(f"Barne- og ungdomsavdelingen, {name} sykehus", Level.STATE, ("specialist_health",)),
        _Spec(f"Voksenopplæringen i {name}", Level.MUNICIPAL, ("adult_education", "introduction_programme")),
    ]


def _always(municipality: Municipality) -> list[_Spec]:
    if municipality.country == Country.ICELAND:
        return []
    name = municipality.name
    return [
        _Spec(
            f"Krisesenteret for {name} og omegn",
            Level.MUNICIPAL,
            ("crisis_centre",),
            "Open day and night for anyone, children too, exposed to violence or threats at home.",
        ),
        _Spec(f"Familievernkontoret i {name}", Level.STATE, ("family_counselling",)),
    ]


# Shared by every municipality of the country (no municipality): real names, invented contacts.
_NATIONAL: dict[str, list[tuple[_Spec, str]]] = {
    Country.NORWAY: [
        (
            _Spec(
                "NAV Kontaktsenter",
                Level.STATE,
                ("nav",),
                "NAV's national phone service for questions about benefits and services.",
            ),
            "+47 21 00 09 99",
        ),
    ],
    Country.ICELAND: [
        (
            _Spec(
                "Barna- og fjölskyldustofa (BOFS)",
                Level.STATE,
                ("child_protection",),
                "The national agency for children and families: advises and trains coordinators.",
            ),
            "+354 410 1998",
        ),
        (
            _Spec("Barnaspítali Hringsins, Landspítali", Level.STATE, ("specialist_health",)),
            "+354 410 1999",
        ),
    ],
}

_PHONE_START: dict[str, int] = {Country.NORWAY: 21_50_00_00, Country.ICELAND: 410_2000}


class _Phones:
    """Invented landline numbers, valid for ``phonenumbers``, one after another."""

    def __init__(self, country: str) -> None:
        self.country = country
        self.next = _PHONE_START[country]

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        while True:
            self.next += 1
            number = phonenumbers.parse(str(self.next), self.country)
            if phonenumbers.is_valid_number(number):
                return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.replace("ð", "d").replace("þ", "th").replace("æ", "ae"))
    ascii_text = ascii_text.replace("ø", "o").replace("å", "a").encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def _save(agency: Agency, service_types: list[ServiceType]) -> Agency:
    agency.full_clean()
    agency._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
    agency.save()
    set_agency_services(agency, service_types)
    return agency


def _ensure_national(country: str, types: dict[str, ServiceType]) -> None:
    for spec, phone in _NATIONAL[country]:
        if Agency.objects.filter(municipality__isnull=True, country=country, name=spec.name).exists():
            continue
        _save(
            Agency(
                country=country,
                name=spec.name,
                level=spec.level,
                description=spec.description,
                phone=phone,
                email=f"{_slug(spec.name)}@{EMAIL_DOMAIN}",
                web=f"https://{_slug(spec.name)}.{EMAIL_DOMAIN}/",
            ),
            [types[code] for code in spec.services],
        )


def load_demo_directory(municipality: Municipality) -> list[Agency]:
    """Create the municipality's demo agencies (see the module text); return those created."""
    country = str(municipality.country)
    types = {service_type.code: service_type for service_type in ServiceType.objects.filter(country=country)}
    phones = _Phones(country)
    street = "Dæmigata" if country == Country.ICELAND else "Eksempelgata"
    created: list[Agency] = []
    with transaction.atomic():
        _ensure_national(country, types)
        existing = set(Agency.objects.filter(municipality=municipality).values_list("name", flat=True))
        units = {unit.name: unit for unit in Unit.objects.filter(municipality=municipality).order_by("name")}
        covered: set[str] = set()
        specs: list[tuple[_Spec, Unit | None]] = []
        for unit in units.values():
            if unit.kind == UnitKind.SCHOOL:
                services, level = _school_services(unit, country)
            elif unit.kind in _BY_KIND[country]:
                services, level = _BY_KIND[country][unit.kind]
            else:
                continue
            specs.append((_Spec(unit.name, level, services), unit))
            covered.update(services)
        for spec in _fill_ins(municipality):
            if spec.services[0] not in covered:
                specs.append((spec, units.get(spec.name)))
                covered.update(spec.services)
        specs.extend((spec, units.get(spec.name)) for spec in _always(municipality))

        for number, (spec, linked) in enumerate(specs, 1):
            if spec.name in existing:
                continue
            email = f"{_slug(spec.name)}@{EMAIL_DOMAIN}"
            agency = Agency(
                municipality=municipality,
                country=country,
                name=spec.name,
                level=spec.level,
                unit=linked,
                description=spec.description,
                phone=linked.phone if linked is not None and linked.phone else next(phones),
                email=linked.email if linked is not None and linked.email else email,
                address=f"{street} {number}, {municipality.name}",
            )
            created.append(_save(agency, [types[code] for code in spec.services if code in types]))
            existing.add(spec.name)
    return created
