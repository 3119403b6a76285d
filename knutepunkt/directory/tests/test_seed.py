"""What migration 0002 loads: DOMAIN.md's table of services with a duty to cooperate, the
Icelandic provisions, the service types and the patient and user organisations."""

from __future__ import annotations

import re
from pathlib import Path

import phonenumbers
import pytest

from knutepunkt.directory.models import Provision, ServiceType, UserOrganisation
from knutepunkt.people.phones import normalise_phone

pytestmark = pytest.mark.django_db

# DOMAIN.md, "Services with a duty to cooperate" (seed 001), row by row: law, sections,
# coordinates, and the service types the row covers.
NORWAY_TABLE = [
    ("hol", ["§ 3-4", "§ 7-2a"], True, {"municipal_health_care", "gp", "health_station", "home_services"}),
    ("sphl", ["§ 2-1e", "§ 2-5a"], False, {"specialist_health"}),
    ("tannhelsetjenesteloven", ["§ 1-4a"], False, {"public_dental"}),
    ("barnevernsloven", ["§ 15-8"], True, {"child_welfare"}),
    ("barnehageloven", ["§ 2b"], True, {"kindergarten"}),
    ("opplæringsloven", ["§ 15-8", "§ 4A-14"], True, {"school", "sfo", "ppt", "adult_education"}),
    ("privatskolelova", ["§ 3-6a"], True, {"private_school"}),
    ("NAV-loven", ["§ 15a"], False, {"nav"}),
    ("sosialtjenesteloven", ["§ 13"], True, {"social_services_nav"}),
    ("krisesenterloven", ["§ 4"], True, {"crisis_centre"}),
    ("familievernkontorloven", ["§ 1a"], True, {"family_counselling"}),
    ("integreringsloven", ["§ 50"], True, {"introduction_programme"}),
]

DOMAIN_MD = Path(__file__).resolve().parents[4] / "shared" / "DOMAIN.md"


def test_every_row_of_the_norwegian_table_is_loaded_with_its_coordinates_flag():
    expected = {
        (law, section): coordinates for law, sections, coordinates, _ in NORWAY_TABLE for section in sections
    }
    loaded = {(p.law, p.section): p.coordinates for p in Provision.objects.filter(country="NO")}
    assert loaded == expected
    for provision in Provision.objects.filter(country="NO"):
        assert provision.verified
        assert provision.source == "DOMAIN.md table, seed 001"


def test_each_row_covers_its_services():
    for law, sections, _, services in NORWAY_TABLE:
        for section in sections:
            provision = Provision.objects.get(country="NO", law=law, section=section)
            codes = set(provision.service_types.values_list("code", flat=True))
            if law == "opplæringsloven":
                # "school, SFO, PPT; adult education": § 15-8 the school's, § 4A-14 adult education's.
                services = {"adult_education"} if section == "§ 4A-14" else {"school", "sfo", "ppt"}
            assert services <= codes, (law, section, codes)


def test_every_norwegian_service_type_has_a_provision_except_none():
    missing = ServiceType.objects.filter(country="NO", provisions__isnull=True)
    assert not missing.exists()


@pytest.mark.skipif(not DOMAIN_MD.exists(), reason="DOMAIN.md is not beside the repository")
def test_the_transcription_above_matches_domain_md():
    text = DOMAIN_MD.read_text(encoding="utf-8")
    table = text.split("### Services with a duty to cooperate", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line][1:]
    parsed = []
    for row in rows:
        provision, _service, coordinates = (cell.strip() for cell in row.strip("|").split("|"))
        law, first = provision.split(" § ", 1)
        sections = ["§ " + s.strip().removeprefix("§ ") for s in first.split(",")]
        parsed.append((law, sections, coordinates == "yes"))
    assert parsed == [(law, sections, coordinates) for law, sections, coordinates, _ in NORWAY_TABLE]


def test_icelandic_provisions_cite_only_articles_domain_md_gives():
    icelandic = Provision.objects.filter(country="IS")
    articles = {p.section for p in icelandic if p.section}
    assert articles == {"art. 15", "art. 17", "art. 20"}
    for provision in icelandic:
        if not provision.verified:
            assert provision.section == "", "an unconfirmed Icelandic reference must not name an article"
            assert provision.law == "Act 86/2021 (Prosperity Act)"
    art17 = icelandic.get(section="art. 17")
    assert art17.coordinates
    assert set(art17.service_types.values_list("code", flat=True)) == {
        "health_centre",
        "preschool",
        "primary_school",
        "secondary_school",
        "social_services",
    }


def test_icelandic_service_types():
    codes = set(ServiceType.objects.filter(country="IS").values_list("code", flat=True))
    assert {
        "health_centre",
        "preschool",
        "primary_school",
        "secondary_school",
        "social_services",
        "child_protection",
        "specialist_health",
    } <= codes
    assert ServiceType.objects.get(country="IS", code="preschool").name == "Leikskóli"


@pytest.mark.parametrize(
    ("country", "names"),
    [
        (
            "NO",
            {
                "Unge funksjonshemmede",
                "Funksjonshemmedes Fellesorganisasjon (FFO)",
                "Norges Handikapforbund",
                "Autismeforeningen i Norge",
                "Foreningen for hjertesyke barn",
                "Norsk Epilepsiforbund",
                "Barnekreftforeningen",
                "Pasient- og brukerombudet",
            },
        ),
        (
            "IS",
            {
                "Umhyggja \N{EN DASH} félag langveikra barna",
                "Landssamtökin Þroskahjálp",
                "Einhverfusamtökin",
                "Sjónarhóll \N{EN DASH} ráðgjafarmiðstöð",
                "Réttindagæsla fatlaðs fólks",
            },
        ),
    ],
)
def test_user_organisations(country, names):
    organisations = UserOrganisation.objects.filter(country=country)
    assert set(organisations.values_list("name", flat=True)) == names
    assert organisations.filter(is_public_body=True).count() == 1


def test_seeded_contact_details_are_invented_and_valid():
    for organisation in UserOrganisation.objects.all():
        # Valid, and already in the form the models store.
        assert normalise_phone(organisation.phone, country=organisation.country) == organisation.phone
        assert phonenumbers.is_valid_number(phonenumbers.parse(organisation.phone))
        assert organisation.email.endswith("@eksempel.invalid")
        assert re.fullmatch(r"https://[a-z]+\.eksempel\.invalid/", organisation.web)
        organisation.full_clean()


def test_counts():
    assert Provision.objects.filter(country="NO").count() == 15
    assert Provision.objects.filter(country="IS").count() == 6
    assert ServiceType.objects.filter(country="NO").count() == 19
    assert ServiceType.objects.filter(country="IS").count() == 10
    assert UserOrganisation.objects.count() == 13
