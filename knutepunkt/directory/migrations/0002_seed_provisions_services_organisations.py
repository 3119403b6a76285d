"""Seed the directory: the provisions that give services a duty to cooperate, the service types
they cover, and the patient and user organisations families are guided to.

Norway: DOMAIN.md, "Services with a duty to cooperate" (seed 001), one row per section.
Iceland: the Prosperity Act (Act 86/2021) as DOMAIN.md gives it. Where DOMAIN.md names no
article, the reference is "Act 86/2021" with no article and ``verified`` is false, rather than a
guessed article number.

Contact details of the organisations are invented (valid-format phone numbers, addresses under
the reserved .invalid domain); only the names are real. Uses ``apps.get_model`` only, so later
changes to the models cannot break this migration.
"""

from django.db import migrations

NO_TABLE = "DOMAIN.md table, seed 001"
IS_DOMAIN = "DOMAIN.md, Iceland (Act 86/2021)"

COOPERATE = "Cooperate with other services when that is needed to give the child a comprehensive offer."
COOPERATE_AND_COORDINATE = (
    "Cooperate with other services when that is needed to give the child a comprehensive offer, "
    "and coordinate its own services with theirs."
)

# code, law, section, obliges, coordinates, verified, source
PROVISIONS = {
    "NO": [
        (
            "no-hol-3-4",
            "hol",
            "§ 3-4",
            "Municipal health and care services cooperate with each other and with other services so "
            "that the child gets a comprehensive and coordinated offer.",
            True,
            True,
            NO_TABLE,
        ),
        (
            "no-hol-7-2a",
            "hol",
            "§ 7-2a",
            "The municipality offers a barnekoordinator to a family expecting or having a child with a "
            "serious illness, injury or disability who will need long-term, complex or coordinated health "
            "and care services and other welfare services.",
            True,
            True,
            NO_TABLE,
        ),
        ("no-sphl-2-1e", "sphl", "§ 2-1e", COOPERATE, False, True, NO_TABLE),
        (
            "no-sphl-2-5a",
            "sphl",
            "§ 2-5a",
            "The hospital appoints a coordinator for a patient who needs complex or long-term coordinated "
            "specialist health services, and cooperates with the municipality's coordinator.",
            False,
            True,
            NO_TABLE,
        ),
        ("no-tannhelsetjenesteloven-1-4a", "tannhelsetjenesteloven", "§ 1-4a", COOPERATE, False, True, NO_TABLE),
        ("no-barnevernsloven-15-8", "barnevernsloven", "§ 15-8", COOPERATE_AND_COORDINATE, True, True, NO_TABLE),
        ("no-barnehageloven-2b", "barnehageloven", "§ 2b", COOPERATE_AND_COORDINATE, True, True, NO_TABLE),
        ("no-opplaeringsloven-15-8", "opplæringsloven", "§ 15-8", COOPERATE_AND_COORDINATE, True, True, NO_TABLE),
        ("no-opplaeringsloven-4a-14", "opplæringsloven", "§ 4A-14", COOPERATE_AND_COORDINATE, True, True, NO_TABLE),
        ("no-privatskolelova-3-6a", "privatskolelova", "§ 3-6a", COOPERATE_AND_COORDINATE, True, True, NO_TABLE),
        ("no-nav-loven-15a", "NAV-loven", "§ 15a", COOPERATE, False, True, NO_TABLE),
        ("no-sosialtjenesteloven-13", "sosialtjenesteloven", "§ 13", COOPERATE_AND_COORDINATE, True, True, NO_TABLE),
        ("no-krisesenterloven-4", "krisesenterloven", "§ 4", COOPERATE_AND_COORDINATE, True, True, NO_TABLE),
        (
            "no-familievernkontorloven-1a",
            "familievernkontorloven",
            "§ 1a",
            COOPERATE_AND_COORDINATE,
            True,
            True,
            NO_TABLE,
        ),
        ("no-integreringsloven-50", "integreringsloven", "§ 50", COOPERATE_AND_COORDINATE, True, True, NO_TABLE),
    ],
    "IS": [
        (
            "is-86-2021-art-15",
            "Act 86/2021",
            "art. 15",
            "A service provider who sees that a child's needs are not met guides the family about "
            "integration of services; only at the family's request may it gather information for the "
            "service contact.",
            False,
            True,
            IS_DOMAIN,
        ),
        (
            "is-86-2021-art-17",
            "Act 86/2021",
            "art. 17",
            "The service contact (tengiliður): from pregnancy until preschool the health centre; in "
            "preschool, primary or secondary school that school; otherwise the social services of the "
            "municipality of legal domicile. Informs, secures an initial assessment, plans and follows up "
            "level-1 integration, and hands over at a change of stage.",
            True,
            True,
            IS_DOMAIN,
        ),
        (
            "is-86-2021-art-20",
            "Act 86/2021",
            "art. 20",
            "The municipality of legal domicile appoints a case manager (málstjóri) when a request exists "
            "and the child likely needs multi-faceted level 2 or 3 services over a longer time.",
            True,
            True,
            IS_DOMAIN,
        ),
        (
            "is-86-2021-support-team",
            "Act 86/2021 (Prosperity Act)",
            "",
            "Service providers take part in the support team (stuðningsteymi) the case manager forms, and "
            "each has its role in the support plan.",
            False,
            False,
            "DOMAIN.md, Iceland, names no article for the support team (jurisdictions/legal.py cites art. "
            "21); not confirmed",
        ),
        (
            "is-86-2021-integration",
            "Act 86/2021 (Prosperity Act)",
            "",
            "Service providers integrate their services in the interest of the child's prosperity, at the "
            "level of service the child needs.",
            False,
            False,
            "Issue 4 brief (cites art. 5); not in DOMAIN.md, article not confirmed",
        ),
        (
            "is-child-protection-act",
            "Child Protection Act",
            "",
            "When child protection has opened a case, the Child Protection Act governs it instead of the "
            "Prosperity Act's case manager.",
            False,
            True,
            IS_DOMAIN,
        ),
    ],
}

HOL = ["no-hol-3-4", "no-hol-7-2a"]
OPPL = ["no-opplaeringsloven-15-8"]
IS_ALL = ["is-86-2021-art-15", "is-86-2021-support-team", "is-86-2021-integration"]
IS_CONTACT = [*IS_ALL, "is-86-2021-art-17"]

# code, name in the country's language, English name, provision codes
SERVICE_TYPES = {
    "NO": [
        ("kindergarten", "Barnehage", "Kindergarten", ["no-barnehageloven-2b"]),
        ("school", "Skole", "School", OPPL),
        ("sfo", "Skolefritidsordning (SFO)", "After-school programme (SFO)", OPPL),
        ("ppt", "Pedagogisk-psykologisk tjeneste (PPT)", "Educational-psychological service (PPT)", OPPL),
        ("adult_education", "Voksenopplæring", "Adult education", ["no-opplaeringsloven-4a-14"]),
        ("private_school", "Privatskole", "Private school", ["no-privatskolelova-3-6a"]),
        ("nav", "NAV", "NAV (labour and welfare)", ["no-nav-loven-15a"]),
        ("social_services_nav", "Sosiale tjenester i NAV", "Social services in NAV", ["no-sosialtjenesteloven-13"]),
        ("child_welfare", "Barnevern", "Child welfare", ["no-barnevernsloven-15-8"]),
        ("municipal_health_care", "Kommunale helse- og omsorgstjenester", "Municipal health and care services", HOL),
        ("gp", "Fastlege", "GP", HOL),
        ("health_station", "Helsestasjon og skolehelsetjeneste", "Health station and school health service", HOL),
        ("home_services", "Hjemmetjenester", "Home services", HOL),
        ("respite_care", "Avlastning", "Respite care", HOL),
        (
            "specialist_health",
            "Spesialisthelsetjenesten",
            "Specialist health service",
            ["no-sphl-2-1e", "no-sphl-2-5a"],
        ),
        ("public_dental", "Den offentlige tannhelsetjenesten", "Public dental service", ["no-tannhelsetjenesteloven-1-4a"]),
        ("crisis_centre", "Krisesenter", "Crisis centre", ["no-krisesenterloven-4"]),
        ("family_counselling", "Familievernkontor", "Family counselling", ["no-familievernkontorloven-1a"]),
        ("introduction_programme", "Introduksjonsprogram", "Introduction programme", ["no-integreringsloven-50"]),
    ],
    "IS": [
        ("health_centre", "Heilsugæsla", "Health centre", IS_CONTACT),
        ("preschool", "Leikskóli", "Preschool", IS_CONTACT),
        ("primary_school", "Grunnskóli", "Primary school", IS_CONTACT),
        ("secondary_school", "Framhaldsskóli", "Upper secondary school", IS_CONTACT),
        ("school_services", "Skólaþjónusta", "School support services", IS_ALL),
        ("social_services", "Félagsþjónusta", "Social services", [*IS_CONTACT, "is-86-2021-art-20"]),
        ("child_protection", "Barnavernd", "Child protection", [*IS_ALL, "is-child-protection-act"]),
        ("specialist_health", "Sérhæfð heilbrigðisþjónusta", "Specialist health service", IS_ALL),
        ("home_services", "Heimaþjónusta", "Home services", IS_ALL),
        ("respite_care", "Skammtímadvöl", "Respite care", IS_ALL),
    ],
}

# name, what they help with, public body, slug for the invented contact details, phone
ORGANISATIONS = {
    "NO": [
        (
            "Unge funksjonshemmede",
            "Umbrella organisation of youth organisations for young people with disabilities and chronic "
            "illness: rights, participation and a voice for young people.",
            False,
            "ungefunksjonshemmede",
            "+47 21 00 00 01",
        ),
        (
            "Funksjonshemmedes Fellesorganisasjon (FFO)",
            "Umbrella organisation for organisations of people with disabilities and chronic illness; "
            "advice on rights.",
            False,
            "ffo",
            "+47 21 00 00 02",
        ),
        (
            "Norges Handikapforbund",
            "For people with physical disabilities: rights, accessibility and peer support.",
            False,
            "handikapforbundet",
            "+47 21 00 00 03",
        ),
        (
            "Autismeforeningen i Norge",
            "For autistic children and adults and their families: guidance, courses and peer support.",
            False,
            "autismeforeningen",
            "+47 21 00 00 04",
        ),
        (
            "Foreningen for hjertesyke barn",
            "For children and young people with heart disease and their families: peer support, guidance "
            "and courses.",
            False,
            "hjertesykebarn",
            "+47 21 00 00 05",
        ),
        (
            "Norsk Epilepsiforbund",
            "For people with epilepsy and their families: information, courses and peer support.",
            False,
            "epilepsiforbundet",
            "+47 21 00 00 06",
        ),
        (
            "Barnekreftforeningen",
            "For children with cancer and their families: support during and after treatment, and "
            "information.",
            False,
            "barnekreftforeningen",
            "+47 21 00 00 07",
        ),
        (
            "Pasient- og brukerombudet",
            "Public ombud in every county: helps patients, users and families free of charge with "
            "questions, rights and complaints about health and care services.",
            True,
            "pasientogbrukerombudet",
            "+47 21 00 00 08",
        ),
    ],
    "IS": [
        (
            "Umhyggja – félag langveikra barna",
            "Association for chronically ill children and their families: support, advice and peer "
            "contact.",
            False,
            "umhyggja",
            "+354 410 0001",
        ),
        (
            "Landssamtökin Þroskahjálp",
            "For the rights of people with intellectual and developmental disabilities and their "
            "families.",
            False,
            "throskahjalp",
            "+354 410 0002",
        ),
        (
            "Einhverfusamtökin",
            "For autistic people and their families: information, advice and peer support.",
            False,
            "einhverfa",
            "+354 410 0003",
        ),
        (
            "Sjónarhóll – ráðgjafarmiðstöð",
            "Counselling centre for families of children with special needs: free advice on rights and "
            "services.",
            False,
            "sjonarholl",
            "+354 410 0004",
        ),
        (
            "Réttindagæsla fatlaðs fólks",
            "Public rights protection for disabled people, children included: helps them claim their "
            "rights and be heard.",
            True,
            "rettindagaesla",
            "+354 410 0005",
        ),
    ],
}


def seed(apps, schema_editor):
    Provision = apps.get_model("directory", "Provision")
    ServiceType = apps.get_model("directory", "ServiceType")
    UserOrganisation = apps.get_model("directory", "UserOrganisation")

    provisions = {}
    for country, rows in PROVISIONS.items():
        for position, (code, law, section, obliges, coordinates, verified, source) in enumerate(rows, 1):
            provisions[code] = Provision.objects.create(
                code=code,
                country=country,
                law=law,
                section=section,
                obliges=obliges,
                coordinates=coordinates,
                verified=verified,
                source=source,
                position=position,
            )
    for country, rows in SERVICE_TYPES.items():
        for position, (code, name, name_en, provision_codes) in enumerate(rows, 1):
            service_type = ServiceType.objects.create(
                country=country, code=code, name=name, name_en=name_en, position=position
            )
            service_type.provisions.set([provisions[c] for c in provision_codes])
    for country, rows in ORGANISATIONS.items():
        for name, helps_with, public, slug, phone in rows:
            UserOrganisation.objects.create(
                country=country,
                name=name,
                helps_with=helps_with,
                is_public_body=public,
                phone=phone,
                email=f"{slug}@eksempel.invalid",
                web=f"https://{slug}.eksempel.invalid/",
            )


def unseed(apps, schema_editor):
    Provision = apps.get_model("directory", "Provision")
    ServiceType = apps.get_model("directory", "ServiceType")
    UserOrganisation = apps.get_model("directory", "UserOrganisation")
    for country, rows in ORGANISATIONS.items():
        UserOrganisation.objects.filter(country=country, name__in=[row[0] for row in rows]).delete()
    for country, rows in SERVICE_TYPES.items():
        ServiceType.objects.filter(country=country, code__in=[row[0] for row in rows]).delete()
    Provision.objects.filter(code__in=[row[0] for rows in PROVISIONS.values() for row in rows]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
