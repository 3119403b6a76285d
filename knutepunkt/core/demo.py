"""Invented demo data: two Norwegian municipalities and one Icelandic, with their services,
staff, families, children, guardians and coordinators.

Everything here is made up. The national IDs are checksum-valid but invented (they may by
chance equal a real person's: they exist only in the demo database), e-mail addresses use the
reserved ``.invalid`` top-level domain, and every demo user shares one demo-only password.

The people are the same on every run (``random.Random(2026)``); their dates are counted back
from today, so the ages stay right whatever day the demo is built: the expected child is still
expected, the infant still an infant, the 17-year-old still about to turn 18. Every row is
validated with ``full_clean()`` before it is saved, so the demo never holds data the UI would
refuse.
"""

from __future__ import annotations

import calendar
import datetime
import graphlib
import random
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, TypeVar

import phonenumbers
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalChanges
from simple_history.utils import bulk_create_with_history
from stdnum.no import fodselsnummer

from knutepunkt.coordination.models import CoordinatorAssignment, CoordinatorKind
from knutepunkt.people.models import Child, Family, Guardian, GuardianRelation, Role, User
from knutepunkt.people.phones import normalise_phone
from knutepunkt.tenancy.models import Country, Language, Municipality, Unit, UnitKind

SEED = 2026
# Demo only: printed by ``manage.py demo_logins`` and in README.md. Never a real password.
DEMO_PASSWORD = "demo-knutepunkt-2026"  # noqa: S105
GUARDIAN_EMAIL_DOMAIN = "eksempel.invalid"
CHANGE_REASON = "Demo data"

# --- The shape of the data ---------------------------------------------------------------------


@dataclass(frozen=True)
class UnitSpec:
    key: str
    name: str
    kind: UnitKind


@dataclass(frozen=True)
class StaffSpec:
    login: str  # the username is "<municipality slug>.<login>"
    role: Role
    first_name: str
    last_name: str
    title: str
    unit: str  # UnitSpec.key
    languages: str
    competence: str
    # For coordinators: the kind of assignment they are appointed to by default.
    kind: CoordinatorKind | None = None


@dataclass(frozen=True)
class Kid:
    given_name: str
    sex: str  # "f", "m"; "" for a child not yet born
    # "exp70": due in 70 days; "3m", "1y6m", "17y10m": age today; "twin": born with the one before.
    age: str
    family_name: str = ""  # default: the family's name


@dataclass(frozen=True)
class Adult:
    given_name: str
    relation: GuardianRelation
    sex: str
    family_name: str = ""  # default: the family's name
    responsibility: bool = True


@dataclass(frozen=True)
class FamilySpec:
    name: str
    situation: str
    kids: tuple[Kid, ...]
    adults: tuple[Adult, ...]
    coordinator: str | None = None  # StaffSpec.login; None: a new request, nobody appointed yet
    kind: CoordinatorKind | None = None  # default: the coordinator's kind
    previous_coordinator: str | None = None  # a handover: this one's assignment has ended
    language: str = ""  # default: the municipality's
    # Months since the family came to Norway: the adults and the children born abroad have
    # D numbers; 0 means they have ordinary national IDs.
    arrived_months_ago: int = 0
    address: tuple[str, str, str] | None = None  # street and number, postal code, town


@dataclass(frozen=True)
class MunicipalitySpec:
    country: Country
    number: str
    name: str
    slug: str
    language: Language
    email_domain: str
    landline_prefix: str
    places: tuple[tuple[str, str, str], ...]  # street, postal code, postal town
    units: tuple[UnitSpec, ...]
    staff: tuple[StaffSpec, ...]
    families: tuple[FamilySpec, ...]


def _kids(*kids: Kid) -> tuple[Kid, ...]:
    return kids


def girl(given_name: str, age: str, family_name: str = "") -> Kid:
    return Kid(given_name, "f", age, family_name)


def boy(given_name: str, age: str, family_name: str = "") -> Kid:
    return Kid(given_name, "m", age, family_name)


def expected(days: int) -> Kid:
    return Kid("", "", f"exp{days}")


def mother(given_name: str, family_name: str = "", *, responsibility: bool = True) -> Adult:
    return Adult(given_name, GuardianRelation.MOTHER, "f", family_name, responsibility)


def father(given_name: str, family_name: str = "", *, responsibility: bool = True) -> Adult:
    return Adult(given_name, GuardianRelation.FATHER, "m", family_name, responsibility)


def parent(given_name: str, sex: str, family_name: str = "") -> Adult:
    return Adult(given_name, GuardianRelation.PARENT, sex, family_name)


def foster_parent(given_name: str, sex: str, family_name: str = "") -> Adult:
    # Foster parents care for the child day to day; parental responsibility stays elsewhere.
    return Adult(given_name, GuardianRelation.FOSTER_PARENT, sex, family_name, responsibility=False)


def child_welfare(given_name: str, sex: str, family_name: str) -> Adult:
    # The child welfare service that has taken over care, through its caseworker. It consents
    # on the child's behalf (DOMAIN.md, How it goes 3); it has no personal national ID here.
    return Adult(given_name, GuardianRelation.CHILD_WELFARE, sex, family_name, responsibility=False)


BK = CoordinatorKind.BARNEKOORDINATOR
K = CoordinatorKind.KOORDINATOR
TENGILIDUR = CoordinatorKind.SERVICE_CONTACT
MALSTJORI = CoordinatorKind.CASE_MANAGER

# --- Bergen ------------------------------------------------------------------------------------

BERGEN = MunicipalitySpec(
    country=Country.NORWAY,
    number="4601",
    name="Bergen",
    slug="bergen",
    language=Language.BOKMAAL,
    email_domain="bergen.kommune.invalid",
    landline_prefix="55",
    places=(
        ("Kalfarveien", "5018", "Bergen"),
        ("Sandviksveien", "5035", "Bergen"),
        ("Nygårdsgaten", "5015", "Bergen"),
        ("Fjøsangerveien", "5054", "Bergen"),
        ("Landåslien", "5089", "Bergen"),
        ("Storetveitvegen", "5067", "Bergen"),
        ("Fantoftvegen", "5072", "Bergen"),
        ("Inndalsveien", "5063", "Bergen"),
        ("Fyllingsveien", "5145", "Fyllingsdalen"),
        ("Nesttunbrekka", "5221", "Nesttun"),
        ("Ulsmågvegen", "5224", "Nesttun"),
        ("Paradisleitet", "5231", "Paradis"),
        ("Åsamyrane", "5131", "Nyborg"),
        ("Laksevågveien", "5160", "Laksevåg"),
        ("Olsvikåsen", "5183", "Olsvik"),
    ),
    units=(
        UnitSpec("koordinerende-enhet", "Koordinerende enhet for barn og unge", UnitKind.COORDINATING_UNIT),
        UnitSpec("helsestasjon", "Årstad helsestasjon", UnitKind.HEALTH_STATION),
        UnitSpec("legesenter", "Danmarksplass legesenter", UnitKind.GP_OFFICE),
        UnitSpec("mohlenpris-skole", "Møhlenpris skole", UnitKind.SCHOOL),
        UnitSpec("slettebakken-skole", "Slettebakken skole", UnitKind.SCHOOL),
        UnitSpec("arstad-vgs", "Årstad videregående skole", UnitKind.SCHOOL),
        UnitSpec("fantoft-barnehage", "Fantoft barnehage", UnitKind.KINDERGARTEN),
        UnitSpec("sandviken-barnehage", "Sandviken barnehage", UnitKind.KINDERGARTEN),
        UnitSpec("ppt", "PPT Bergen (pedagogisk-psykologisk tjeneste)", UnitKind.PPT),
        UnitSpec("nav", "NAV Årstad", UnitKind.NAV_OFFICE),
        UnitSpec("barnevern", "Barnevernstjenesten Årstad", UnitKind.CHILD_WELFARE),
        UnitSpec("hjemmesykepleie", "Hjemmesykepleien Årstad", UnitKind.HOME_SERVICES),
        UnitSpec("avlastning", "Avlastning for barn og unge, Fana", UnitKind.RESPITE_CARE),
        UnitSpec(
            "barneklinikken",
            "Barne- og ungdomsklinikken, Haukeland universitetssjukehus",
            UnitKind.HOSPITAL_WARD,
        ),
        UnitSpec("tannklinikk", "Tannhelsetenesta Vestland, Årstad tannklinikk", UnitKind.DENTAL),
    ),
    staff=(
        StaffSpec(
            "saksbehandler1",
            Role.OFFICER,
            "Marianne",
            "Storetvedt",
            "Saksbehandler",
            "koordinerende-enhet",
            "norsk, engelsk",
            "Sosionom. Tar imot henvendelser og henvisninger og vurderer retten til barnekoordinator.",
        ),
        StaffSpec(
            "saksbehandler2",
            Role.OFFICER,
            "Kjetil",
            "Hope",
            "Rådgiver",
            "koordinerende-enhet",
            "norsk, engelsk, tysk",
            "Jurist. Vedtaksbrev, klager og oversendelse til Statsforvalteren.",
        ),
        StaffSpec(
            "koordinator1",
            Role.COORDINATOR,
            "Nadia",
            "Haddad",
            "Barnekoordinator",
            "koordinerende-enhet",
            "norsk, engelsk, arabisk",
            "Vernepleier med videreutdanning i koordinering. Lang erfaring med barn med store og "
            "sammensatte behov og med familier som er nye i Norge.",
            BK,
        ),
        StaffSpec(
            "koordinator2",
            Role.COORDINATOR,
            "Hilde",
            "Brekke",
            "Helsesykepleier og barnekoordinator",
            "helsestasjon",
            "norsk, engelsk",
            "Helsesykepleier. Følger opp premature barn og familier som venter barn med kjent diagnose.",
            BK,
        ),
        StaffSpec(
            "koordinator3",
            Role.COORDINATOR,
            "Stian",
            "Vold",
            "Spesialpedagog og barnekoordinator",
            "slettebakken-skole",
            "norsk, engelsk",
            "Spesialpedagog. Tilrettelegging i skole og SFO, ASK (alternativ og supplerende "
            "kommunikasjon), overgang fra barnehage til skole.",
            BK,
        ),
        StaffSpec(
            "koordinator4",
            Role.COORDINATOR,
            "Anne Grete",
            "Lygre",
            "Barnekoordinator",
            "koordinerende-enhet",
            "norsk, engelsk, fransk",
            "Sosionom. Psykisk helse hos ungdom, samarbeid med BUP og barnevernstjenesten.",
            BK,
        ),
        StaffSpec(
            "koordinator5",
            Role.COORDINATOR,
            "Espen",
            "Mjelde",
            "Vernepleier og barnekoordinator",
            "avlastning",
            "norsk, engelsk, norsk tegnspråk",
            "Vernepleier. Autisme, søvnvansker og avlastning.",
            BK,
        ),
        StaffSpec(
            "kontakt1",
            Role.SERVICE_CONTACT,
            "Linn",
            "Kristoffersen",
            "Inspektør",
            "mohlenpris-skole",
            "norsk, engelsk",
            "Skolens kontaktperson for koordinerende enhet; tilrettelegging og spesialundervisning.",
        ),
        StaffSpec(
            "kontakt2",
            Role.SERVICE_CONTACT,
            "Sara",
            "Fjeldstad",
            "Pedagogisk leder",
            "fantoft-barnehage",
            "norsk, engelsk, spansk",
            "Barnehagelærer med videreutdanning i spesialpedagogikk.",
        ),
        StaffSpec(
            "kontakt3",
            Role.SERVICE_CONTACT,
            "Ole Martin",
            "Hatlestad",
            "Veileder",
            "nav",
            "norsk, engelsk",
            "Ytelser når et barn er sykt: pleiepenger, grunnstønad, hjelpestønad og hjelpemidler.",
        ),
        StaffSpec(
            "leder",
            Role.LEADER,
            "Randi",
            "Skeie",
            "Leder, koordinerende enhet",
            "koordinerende-enhet",
            "norsk, engelsk",
            "Leder koordinerende enhet; har ansvar for opplæring og veiledning av koordinatorene.",
        ),
        StaffSpec(
            "admin",
            Role.ADMINISTRATOR,
            "Trond",
            "Aasen",
            "Systemansvarlig",
            "koordinerende-enhet",
            "norsk, engelsk",
            "Brukere, enheter og tilganger i Knutepunkt.",
        ),
    ),
    families=(
        FamilySpec(
            "Haugland",
            "Heart defect (hypoplastic left heart) found at the 20-week scan; surgery planned after birth",
            _kids(expected(70), boy("Jonas", "4y2m")),
            (mother("Silje"), father("Eirik")),
            coordinator="koordinator2",
        ),
        FamilySpec(
            "Nygård",
            "Down syndrome found in prenatal testing; the parents ask for a coordinator before birth",
            _kids(expected(120)),
            (mother("Ida"), father("Magnus")),
        ),
        FamilySpec(
            "Tveit",
            "Premature birth at week 26, oxygen at home, feeding tube",
            _kids(girl("Selma", "3m")),
            (mother("Marte"), father("Anders")),
            coordinator="koordinator2",
        ),
        FamilySpec(
            "Kovalenko",
            "Cerebral palsy; new to Norway from Ukraine, needs a wheelchair, school adaptation and "
            "Norwegian tuition",
            _kids(boy("Artem", "9y4m"), girl("Sofiia", "8m")),
            (mother("Olena"),),
            coordinator="koordinator1",
            language=Language.ENGLISH,
            arrived_months_ago=10,
        ),
        FamilySpec(
            "Olsen",
            "Congenital CMV infection, hearing loss, cochlear implant planned",
            _kids(girl("Ella", "7m")),
            (mother("Camilla"), father("Thomas")),
            coordinator="koordinator2",
        ),
        FamilySpec(
            "Eide",
            "Severe epilepsy (Dravet syndrome); the kindergarten needs adaptation and an assistant",
            _kids(boy("Oskar", "2y5m")),
            (mother("Hanne"), father("Kristian")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Hovland",
            "Autism without speech, sleep problems, respite care every other weekend",
            _kids(boy("Aksel", "4y7m"), girl("Nora", "7y3m"), girl("Iben", "1y2m")),
            (mother("Kristin"), father("Øyvind")),
            coordinator="koordinator5",
        ),
        FamilySpec(
            "Berg",
            "Down syndrome; started school in August, so the health station's coordinator handed "
            "over to one at the school",
            _kids(girl("Leah", "6y4m")),
            (mother("Ingrid"), parent("Tone", "f", "Fosse")),
            coordinator="koordinator3",
            previous_coordinator="koordinator2",
        ),
        FamilySpec(
            "Johansen",
            "Cerebral palsy, wheelchair, school needs adaptation; physiotherapy and aids from NAV",
            _kids(boy("Filip", "8y2m")),
            (mother("Linn"), father("Martin")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Lie",
            "Cancer treatment (acute lymphoblastic leukaemia) at the children's ward; the siblings "
            "need follow-up too",
            _kids(girl("Emma", "11y1m"), boy("Theodor", "8y6m"), boy("Sverre", "14y3m")),
            (mother("Marianne"), father("Henrik")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Al-Hassan",
            "Duchenne muscular dystrophy; the family speaks Arabic at home",
            _kids(boy("Yusuf", "10y5m"), girl("Lina", "6y")),
            (mother("Rania"), father("Omar")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Pedersen",
            "Type 1 diabetes with ADHD; insulin pump, needs trained staff at school",
            _kids(boy("Isak", "13y2m")),
            (mother("Siri"), father("Geir")),
            coordinator="koordinator3",
        ),
        FamilySpec(
            "Nilsen",
            "Mental health — eating disorder, age 15; treatment at BUP, school adaptation; "
            "separated parents with shared parental responsibility",
            _kids(girl("Sofie", "15y4m")),
            (mother("Hilde"), father("Rune", "Kvalheim")),
            coordinator="koordinator4",
        ),
        FamilySpec(
            "Solberg",
            "Cerebral palsy and intellectual disability; turns 18 soon, planning the move to adult services",
            _kids(boy("Johannes", "17y10m")),
            (mother("Anne"), father("Bjørn")),
            coordinator="koordinator1",
            kind=K,
        ),
        FamilySpec(
            "Dahl",
            "Acquired brain injury after a traffic accident; rehabilitation and return to school; "
            "single father",
            _kids(boy("Elias", "16y1m")),
            (father("Trond"),),
            coordinator="koordinator4",
        ),
        FamilySpec(
            "Myklebust",
            "Foster home; fetal alcohol spectrum disorder (FASD) and attachment difficulties; child "
            "welfare has care",
            _kids(boy("Mathias", "9y9m", "Tellefsen")),
            (
                foster_parent("Ragnhild", "f"),
                foster_parent("Vegard", "m"),
                child_welfare("Kari", "f", "Ask"),
            ),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Andersen",
            "Severe autism with self-harm; lives in a children's home; child welfare has care, the "
            "mother keeps parental responsibility",
            _kids(boy("Lucas", "14y2m")),
            (mother("Tina"), child_welfare("Per", "m", "Helle")),
            coordinator="koordinator4",
        ),
        FamilySpec(
            "Halvorsen",
            "Spina bifida; catheterisation during the school day; the father has no parental responsibility",
            _kids(girl("Maja", "7y5m")),
            (mother("Stine"), father("Jon Erik", "Grønås", responsibility=False)),
            coordinator="koordinator3",
        ),
        FamilySpec(
            "Nowak",
            "Hearing loss with cochlear implants; family new to Norway from Poland",
            _kids(girl("Zofia", "5y3m")),
            (mother("Agnieszka"), father("Piotr")),
            coordinator="koordinator2",
            language=Language.ENGLISH,
            arrived_months_ago=16,
        ),
        FamilySpec(
            "Johnsen",
            "Rett syndrome; communication aids (ASK) and tube feeding",
            _kids(girl("Astrid", "3y8m")),
            (mother("Kaja"), father("Sindre")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Larsen",
            "Two siblings with spinal muscular atrophy (SMA) on medication; wheelchairs, home adaptation",
            _kids(boy("Olav", "9y1m"), girl("Frida", "6y2m")),
            (mother("Lene"), father("Stian")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Kristiansen",
            "Severe epilepsy and intellectual disability; weekend respite care",
            _kids(boy("Tobias", "12y6m")),
            (mother("Heidi"), father("Lars")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Hassan",
            "Autism, sleep problems; single mother, the family speaks Somali at home",
            _kids(girl("Amina", "4y2m"), boy("Abdi", "8y")),
            (mother("Hodan"),),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Eriksen",
            "Tracheostomy after a congenital airway malformation; home nursing at night",
            _kids(boy("Liam", "1y6m")),
            (mother("Julie"), father("Ole")),
            coordinator="koordinator2",
        ),
        FamilySpec(
            "Jacobsen",
            "ADHD and Tourette syndrome, periods of school refusal; long-term coordinated services, "
            "so a coordinator (koordinator) rather than a child coordinator",
            _kids(boy("Ludvig", "8y9m")),
            (mother("Monica"), father("Espen")),
            coordinator="koordinator3",
            kind=K,
        ),
        FamilySpec(
            "Pettersen",
            "New request: type 1 diabetes and coeliac disease just diagnosed; the GP asks on the "
            "family's behalf",
            _kids(girl("Hedda", "10y2m")),
            (mother("Vibeke"), father("Kjell")),
        ),
        FamilySpec(
            "Karlsen",
            "New request: anxiety and long school absence, age 14; referred by the school health nurse",
            _kids(boy("Noah", "14y")),
            (mother("Elin"),),
        ),
        FamilySpec(
            "Singh",
            "New request: global developmental delay; family new to Norway (a research post at the "
            "university), prefers English",
            _kids(boy("Aarav", "2y3m")),
            (mother("Priya"), father("Rohan")),
            language=Language.ENGLISH,
            arrived_months_ago=7,
        ),
        FamilySpec(
            "Haugen",
            "Short bowel syndrome, intravenous nutrition at home",
            _kids(boy("Oliver", "3y1m")),
            (mother("Maria"), father("Jørgen")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Vik",
            "Hydrocephalus with a shunt; physiotherapy and follow-up at the children's ward",
            _kids(girl("Tuva", "1y10m")),
            (mother("Ane"), father("Erlend")),
            coordinator="koordinator2",
            language=Language.NYNORSK,
        ),
    ),
)

# --- Sogndal -----------------------------------------------------------------------------------

SOGNDAL = MunicipalitySpec(
    country=Country.NORWAY,
    number="4640",
    name="Sogndal",
    slug="sogndal",
    language=Language.NYNORSK,
    email_domain="sogndal.kommune.invalid",
    landline_prefix="57",
    places=(
        ("Fjørevegen", "6856", "Sogndal"),
        ("Kyrkjevegen", "6856", "Sogndal"),
        ("Stedjevegen", "6856", "Sogndal"),
        ("Gravensteinsgata", "6856", "Sogndal"),
        ("Hovevegen", "6856", "Sogndal"),
        ("Loftesnesvegen", "6856", "Sogndal"),
        ("Kaupangsvegen", "6854", "Kaupanger"),
        ("Amlevegen", "6854", "Kaupanger"),
        ("Leikangervegen", "6863", "Leikanger"),
        ("Sjøvegen", "6899", "Balestrand"),
        ("Fjærlandsvegen", "6848", "Fjærland"),
    ),
    units=(
        UnitSpec("koordinerande-eining", "Koordinerande eining", UnitKind.COORDINATING_UNIT),
        UnitSpec("helsestasjon", "Helsestasjonen i Sogndal", UnitKind.HEALTH_STATION),
        UnitSpec("legekontor", "Sogndal legekontor", UnitKind.GP_OFFICE),
        UnitSpec("trudvang-skule", "Trudvang skule", UnitKind.SCHOOL),
        UnitSpec("kaupanger-skule", "Kaupanger skule", UnitKind.SCHOOL),
        UnitSpec("sogndal-vgs", "Sogndal vidaregåande skule", UnitKind.SCHOOL),
        UnitSpec("fjorevoll-barnehage", "Fjørevoll barnehage", UnitKind.KINDERGARTEN),
        UnitSpec("leikanger-barnehage", "Leikanger barnehage", UnitKind.KINDERGARTEN),
        UnitSpec("ppt", "PPT for Sogn", UnitKind.PPT),
        UnitSpec("nav", "NAV Sogndal", UnitKind.NAV_OFFICE),
        UnitSpec("barnevern", "Barnevernstenesta i Sogn", UnitKind.CHILD_WELFARE),
        UnitSpec("heimesjukepleie", "Heimesjukepleia i Sogndal", UnitKind.HOME_SERVICES),
        UnitSpec("avlasting", "Avlastingstenesta for barn og unge", UnitKind.RESPITE_CARE),
        UnitSpec("barneavdelinga", "Barneavdelinga, Førde sentralsjukehus", UnitKind.HOSPITAL_WARD),
        UnitSpec("tannklinikk", "Tannhelsetenesta Vestland, Sogndal tannklinikk", UnitKind.DENTAL),
    ),
    staff=(
        StaffSpec(
            "saksbehandler1",
            Role.OFFICER,
            "Solveig",
            "Hauge",
            "Sakshandsamar",
            "koordinerande-eining",
            "norsk, engelsk",
            "Sosionom. Tek imot førespurnader og tilvisingar og vurderer retten til barnekoordinator.",
        ),
        StaffSpec(
            "saksbehandler2",
            Role.OFFICER,
            "Arne",
            "Fosse",
            "Rådgjevar",
            "koordinerande-eining",
            "norsk, engelsk",
            "Jurist. Vedtaksbrev, klager og oversending til Statsforvaltaren i Vestland.",
        ),
        StaffSpec(
            "koordinator1",
            Role.COORDINATOR,
            "Gunhild",
            "Hjelmeland",
            "Barnekoordinator",
            "koordinerande-eining",
            "norsk, engelsk",
            "Vernepleiar. Lang erfaring med barn med samansette behov og med overgangen til vaksenlivet.",
            BK,
        ),
        StaffSpec(
            "koordinator2",
            Role.COORDINATOR,
            "Kristine",
            "Njøs",
            "Helsesjukepleiar og barnekoordinator",
            "helsestasjon",
            "norsk, engelsk, tysk",
            "Helsesjukepleiar. Premature barn og familiar som ventar barn med kjend diagnose.",
            BK,
        ),
        StaffSpec(
            "koordinator3",
            Role.COORDINATOR,
            "Øystein",
            "Fardal",
            "Spesialpedagog og barnekoordinator",
            "trudvang-skule",
            "norsk, engelsk, norsk teiknspråk",
            "Spesialpedagog. Tilrettelegging i skule og SFO, hørselshemming, overgang frå barnehage "
            "til skule.",
            BK,
        ),
        StaffSpec(
            "koordinator4",
            Role.COORDINATOR,
            "Mari",
            "Kvåle",
            "Spesialpedagog og barnekoordinator",
            "ppt",
            "norsk, engelsk",
            "PP-rådgjevar. Psykisk helse hos ungdom og skulefråvær; samarbeid med BUP Førde.",
            BK,
        ),
        StaffSpec(
            "koordinator5",
            Role.COORDINATOR,
            "Jon Olav",
            "Systad",
            "Vernepleiar og barnekoordinator",
            "avlasting",
            "norsk, engelsk",
            "Vernepleiar. Autisme, søvnvanskar og avlasting.",
            BK,
        ),
        StaffSpec(
            "kontakt1",
            Role.SERVICE_CONTACT,
            "Ragnhild",
            "Tenden",
            "Inspektør",
            "kaupanger-skule",
            "norsk, engelsk",
            "Skulen sin kontaktperson for koordinerande eining.",
        ),
        StaffSpec(
            "kontakt2",
            Role.SERVICE_CONTACT,
            "Eli",
            "Årdal",
            "Styrar",
            "fjorevoll-barnehage",
            "norsk, engelsk",
            "Barnehagelærar; tilrettelegging for barn med funksjonsnedsetjingar.",
        ),
        StaffSpec(
            "kontakt3",
            Role.SERVICE_CONTACT,
            "Vidar",
            "Leite",
            "Rettleiar",
            "nav",
            "norsk, engelsk, polsk",
            "Pleiepengar, grunnstønad, hjelpestønad og hjelpemiddel.",
        ),
        StaffSpec(
            "leder",
            Role.LEADER,
            "Torunn",
            "Navelsaker",
            "Leiar, koordinerande eining",
            "koordinerande-eining",
            "norsk, engelsk",
            "Leiar koordinerande eining; ansvar for opplæring og rettleiing av koordinatorane.",
        ),
        StaffSpec(
            "admin",
            Role.ADMINISTRATOR,
            "Bjarte",
            "Nornes",
            "Fagsystemansvarleg",
            "koordinerande-eining",
            "norsk, engelsk",
            "Brukarar, einingar og tilgangar i Knutepunkt.",
        ),
    ),
    families=(
        FamilySpec(
            "Hjelle",
            "Gastroschisis found on ultrasound; birth planned at Haukeland, a long hospital stay expected",
            _kids(expected(50)),
            (mother("Eirin"), father("Torbjørn")),
            coordinator="koordinator2",
        ),
        FamilySpec(
            "Bøyum",
            "Premature birth at week 28, oxygen at home; a long way to the hospital in Førde",
            _kids(girl("Signe", "2m")),
            (mother("Marit"), father("Jostein")),
            coordinator="koordinator2",
        ),
        FamilySpec(
            "Kvamme",
            "Autism, sleep problems, respite care",
            _kids(boy("Brage", "3y9m"), girl("Tora", "6y5m")),
            (mother("Kaja"), father("Ola")),
            coordinator="koordinator5",
        ),
        FamilySpec(
            "Slinde",
            "Cerebral palsy, wheelchair; the school needs adaptation and an assistant",
            _kids(boy("Vetle", "7y6m")),
            (mother("Synnøve"), father("Arild")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Hove",
            "Brain tumour, treatment at Haukeland and follow-up in Førde; long absences from school",
            _kids(girl("Live", "12y3m"), boy("Halvard", "9y")),
            (mother("Gro"), father("Knut")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Loftesnes",
            "Down syndrome, upper secondary school; turns 18 soon, planning for adult services",
            _kids(boy("Eskil", "17y9m")),
            (mother("Randi"), father("Leif")),
            coordinator="koordinator1",
            kind=K,
        ),
        FamilySpec(
            "Al-Khalil",
            "Hearing loss with hearing aids; resettled refugees from Syria, Arabic at home; started "
            "school in August, so the health station's coordinator handed over to the school",
            _kids(girl("Mariam", "6y3m"), boy("Karim", "3y")),
            (mother("Fatima"), father("Ahmad")),
            coordinator="koordinator3",
            previous_coordinator="koordinator2",
            language=Language.BOKMAAL,
        ),
        FamilySpec(
            "Fimreite",
            "Severe epilepsy with frequent seizures; needs trained staff at school and SFO",
            _kids(boy("Sindre", "10y2m")),
            (mother("Ingvild"), father("Per Arne")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Husabø",
            "Foster home; FASD and learning difficulties; child welfare has care",
            _kids(girl("Emma", "8y4m", "Sandvik")),
            (foster_parent("Åse", "f"), foster_parent("Nils", "m"), child_welfare("Liv", "f", "Rysstad")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Stedje",
            "Mental health — eating disorder, age 15; treatment at BUP Førde; separated parents with "
            "shared parental responsibility",
            _kids(girl("Ylva", "15y6m")),
            (mother("Tone"), father("Kjetil", "Bjørk")),
            coordinator="koordinator4",
        ),
        FamilySpec(
            "Nes",
            "Developmental coordination disorder and ADHD; long-term coordinated services, so a "
            "coordinator (koordinator); the father has no parental responsibility",
            _kids(boy("Eivind", "9y3m")),
            (mother("Hege"), father("Geir Ove", "Hatlevik", responsibility=False)),
            coordinator="koordinator3",
            kind=K,
        ),
        FamilySpec(
            "Feten",
            "Intellectual disability and severe behaviour problems; lives in a child welfare "
            "institution; child welfare has care",
            _kids(boy("Mats", "13y1m")),
            (mother("Hilde"), child_welfare("Jorunn", "f", "Eide")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Hegg",
            "Down syndrome and a heart defect operated on at three months",
            _kids(girl("Solveig", "11m")),
            (mother("Line"), father("Audun")),
            coordinator="koordinator2",
        ),
        FamilySpec(
            "Skrede",
            "Profound hearing loss, cochlear implants; the kindergarten needs sign language support",
            _kids(boy("Halvor", "4y1m")),
            (mother("Anette"), father("Bård")),
            coordinator="koordinator2",
        ),
        FamilySpec(
            "Amlie",
            "Spina bifida, wheelchair, catheterisation; kindergarten adaptation",
            _kids(girl("Marit", "5y2m")),
            (mother("Silje"), father("Tor")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Vikesland",
            "Twins born at week 25, both with cerebral palsy; physiotherapy and aids",
            _kids(boy("Ola", "2y2m"), Kid("Ragnhild", "f", "twin")),
            (mother("Kristin"), father("Trond")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Lunde",
            "Type 1 diabetes and autism; periods of school refusal",
            _kids(girl("Kaja", "14y3m")),
            (mother("Marianne"), father("Håvard")),
            coordinator="koordinator4",
        ),
        FamilySpec(
            "Tenold",
            "Duchenne muscular dystrophy; home adaptation and wheelchair",
            _kids(boy("Aron", "8y7m")),
            (mother("Guro"), father("Even")),
            coordinator="koordinator1",
            language=Language.BOKMAAL,
        ),
        FamilySpec(
            "Kovalchuk",
            "Cerebral palsy; family new to Norway from Ukraine, in the introduction programme",
            _kids(boy("Maksym", "11y")),
            (mother("Iryna"), father("Andrii")),
            coordinator="koordinator3",
            language=Language.ENGLISH,
            arrived_months_ago=14,
        ),
        FamilySpec(
            "Flatjord",
            "Mental health — depression and self-harm, age 16; BUP Førde and the school health "
            "service; single mother",
            _kids(girl("Synne", "16y5m")),
            (mother("Bente"),),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Grinde",
            "Cleft lip and palate with feeding difficulties; surgery at Haukeland",
            _kids(girl("Tiril", "6m")),
            (mother("Ingunn"), father("Vidar")),
            coordinator="koordinator2",
        ),
        FamilySpec(
            "Bakke",
            "Brain injury after a near-drowning accident; needs care day and night",
            _kids(boy("Torstein", "9y8m")),
            (mother("Lise"), father("Magne")),
            coordinator="koordinator1",
        ),
        FamilySpec(
            "Rysjedal",
            "New request: kidney malformation found on ultrasound; the midwife contacted the "
            "coordinating unit",
            _kids(expected(100)),
            (mother("Hanna"), father("Sigve")),
        ),
        FamilySpec(
            "Ølmheim",
            "New request: anxiety and school absence, age 12",
            _kids(girl("Oda", "12y")),
            (mother("Anne Lise"), father("Steinar")),
        ),
        FamilySpec(
            "Aaberge",
            "New request: delayed speech and motor development; the health station asks on the "
            "family's behalf",
            _kids(boy("Isak", "2y8m")),
            (mother("Ida"), father("Martin")),
        ),
        FamilySpec(
            "Wójcik",
            "New request: autism; family new to Norway from Poland, both parents work in fruit farming",
            _kids(boy("Jakub", "7y")),
            (mother("Magdalena"), father("Tomasz")),
            language=Language.ENGLISH,
            arrived_months_ago=9,
        ),
    ),
)

# --- Akureyrarbær ------------------------------------------------------------------------------
# Icelanders are known by given name and patronymic, so a family is named after its first
# guardian and every child carries a patronymic (or matronymic) of its own.

AKUREYRI = MunicipalitySpec(
    country=Country.ICELAND,
    number="6000",
    name="Akureyrarbær",
    slug="akureyri",
    language=Language.ICELANDIC,
    email_domain="akureyri.invalid",
    landline_prefix="46",
    places=(
        ("Hrísalundur", "600", "Akureyri"),
        ("Furulundur", "600", "Akureyri"),
        ("Tjarnarlundur", "600", "Akureyri"),
        ("Þingvallastræti", "600", "Akureyri"),
        ("Byggðavegur", "600", "Akureyri"),
        ("Mýrarvegur", "600", "Akureyri"),
        ("Brekkugata", "600", "Akureyri"),
        ("Helgamagrastræti", "600", "Akureyri"),
        ("Kjarnagata", "600", "Akureyri"),
        ("Davíðshagi", "600", "Akureyri"),
        ("Skarðshlíð", "603", "Akureyri"),
        ("Vestursíða", "603", "Akureyri"),
        ("Lindasíða", "603", "Akureyri"),
        ("Hlíðarbraut", "603", "Akureyri"),
    ),
    units=(
        UnitSpec("velferdarsvid", "Velferðarsvið, samþætting þjónustu", UnitKind.COORDINATING_UNIT),
        UnitSpec("heilsugaesla", "Heilsugæslustöðin á Akureyri", UnitKind.HEALTH_CENTRE),
        UnitSpec("naustatjorn", "Leikskólinn Naustatjörn", UnitKind.KINDERGARTEN),
        UnitSpec("idavollur", "Leikskólinn Iðavöllur", UnitKind.KINDERGARTEN),
        UnitSpec("brekkuskoli", "Brekkuskóli", UnitKind.SCHOOL),
        UnitSpec("giljaskoli", "Giljaskóli", UnitKind.SCHOOL),
        UnitSpec("vma", "Verkmenntaskólinn á Akureyri", UnitKind.SCHOOL),
        UnitSpec("serfraedithjonusta", "Sérfræðiþjónusta skóla", UnitKind.PPT),
        UnitSpec("felagsthjonusta", "Félagsþjónusta Akureyrarbæjar", UnitKind.SOCIAL_SERVICES),
        UnitSpec("barnavernd", "Barnavernd Akureyrarbæjar", UnitKind.CHILD_WELFARE),
        UnitSpec("heimathjonusta", "Heimaþjónusta Akureyrarbæjar", UnitKind.HOME_SERVICES),
        UnitSpec("skammtimathjonusta", "Skammtímaþjónusta fyrir fötluð börn", UnitKind.RESPITE_CARE),
        UnitSpec("barnadeild", "Barnadeild Sjúkrahússins á Akureyri", UnitKind.HOSPITAL_WARD),
    ),
    staff=(
        StaffSpec(
            "fulltrui1",
            Role.OFFICER,
            "Hrafnhildur",
            "Gunnarsdóttir",
            "Ráðgjafi í farsæld barna",
            "velferdarsvid",
            "íslenska, enska, danska",
            "Félagsráðgjafi. Tekur á móti beiðnum um samþættingu þjónustu og metur þjónustustig.",
        ),
        StaffSpec(
            "fulltrui2",
            Role.OFFICER,
            "Sævar",
            "Þórisson",
            "Félagsráðgjafi",
            "velferdarsvid",
            "íslenska, enska",
            "Skráning beiðna, upplýsingar til foreldra og kvartanir til GEV.",
        ),
        StaffSpec(
            "tengilidur1",
            Role.COORDINATOR,
            "Elín",
            "Baldursdóttir",
            "Hjúkrunarfræðingur, tengiliður farsældar",
            "heilsugaesla",
            "íslenska, enska",
            "Meðgöngu- og ung- og smábarnavernd; fyrirburar og börn með langvinna sjúkdóma.",
            TENGILIDUR,
        ),
        StaffSpec(
            "tengilidur2",
            Role.COORDINATOR,
            "Ásta",
            "Friðriksdóttir",
            "Leikskólakennari, tengiliður farsældar",
            "naustatjorn",
            "íslenska, enska",
            "Snemmtæk íhlutun í leikskóla; málörvun og TEACCH.",
            TENGILIDUR,
        ),
        StaffSpec(
            "tengilidur3",
            Role.COORDINATOR,
            "Jóhann",
            "Ingvarsson",
            "Deildarstjóri stoðþjónustu, tengiliður farsældar",
            "brekkuskoli",
            "íslenska, enska, norska",
            "Sérkennari; stuðningur í grunnskóla og skil milli skólastiga.",
            TENGILIDUR,
        ),
        StaffSpec(
            "malstjori1",
            Role.COORDINATOR,
            "Auður",
            "Kristjánsdóttir",
            "Málstjóri farsældar",
            "velferdarsvid",
            "íslenska, enska",
            "Þroskaþjálfi. Leiðir stuðningsteymi barna sem þurfa þjónustu á 2. og 3. stigi.",
            MALSTJORI,
        ),
        StaffSpec(
            "malstjori2",
            Role.COORDINATOR,
            "Katarzyna",
            "Zielińska",
            "Málstjóri farsældar",
            "velferdarsvid",
            "íslenska, pólska, enska",
            "Félagsráðgjafi. Fjölskyldur af erlendum uppruna.",
            MALSTJORI,
        ),
        StaffSpec(
            "samstarf1",
            Role.SERVICE_CONTACT,
            "Þórdís",
            "Valgeirsdóttir",
            "Umsjónarkennari",
            "giljaskoli",
            "íslenska, enska",
            "Tengiliður skólans við velferðarsvið.",
        ),
        StaffSpec(
            "samstarf2",
            Role.SERVICE_CONTACT,
            "Guðný",
            "Rögnvaldsdóttir",
            "Deildarstjóri",
            "idavollur",
            "íslenska, enska",
            "Leikskólakennari með framhaldsnám í sérkennslu.",
        ),
        StaffSpec(
            "samstarf3",
            Role.SERVICE_CONTACT,
            "Bragi",
            "Helgason",
            "Félagsráðgjafi",
            "felagsthjonusta",
            "íslenska, enska",
            "Fjárhagsaðstoð, stuðningsfjölskyldur og liðveisla.",
        ),
        StaffSpec(
            "stjornandi",
            Role.LEADER,
            "Sigrún",
            "Eyjólfsdóttir",
            "Forstöðumaður farsældarþjónustu",
            "velferdarsvid",
            "íslenska, enska",
            "Ber ábyrgð á samþættingu þjónustu í þágu farsældar barna í sveitarfélaginu.",
        ),
        StaffSpec(
            "admin",
            Role.ADMINISTRATOR,
            "Ívar Már",
            "Jónsson",
            "Kerfisstjóri",
            "velferdarsvid",
            "íslenska, enska",
            "Notendur, einingar og aðgangur í Knutepunkt.",
        ),
    ),
    families=(
        FamilySpec(
            "Sunna Björnsdóttir",
            "Heart defect found at the 20-week scan; delivery and surgery planned at Landspítali "
            "in Reykjavík",
            _kids(expected(60)),
            (mother("Sunna", "Björnsdóttir"), father("Kári", "Helgason")),
            coordinator="tengilidur1",
        ),
        FamilySpec(
            "Hildur Magnúsdóttir",
            "Premature birth at week 27, oxygen at home",
            _kids(girl("Freyja", "4m", "Einarsdóttir")),
            (mother("Hildur", "Magnúsdóttir"), father("Einar", "Þórsson")),
            coordinator="tengilidur1",
        ),
        FamilySpec(
            "Berglind Ólafsdóttir",
            "Down syndrome; early intervention and physiotherapy",
            _kids(boy("Emil", "9m", "Gunnarsson")),
            (mother("Berglind", "Ólafsdóttir"), father("Gunnar", "Haraldsson")),
            coordinator="tengilidur1",
        ),
        FamilySpec(
            "Íris Stefánsdóttir",
            "Severe epilepsy (infantile spasms), frequent hospital stays; level 3 services",
            _kids(girl("Hekla", "2y3m", "Arnarsdóttir")),
            (mother("Íris", "Stefánsdóttir"), father("Arnar", "Sveinsson")),
            coordinator="malstjori1",
        ),
        FamilySpec(
            "Lilja Árnadóttir",
            "Autism, sleep problems; support in preschool (level 2)",
            _kids(boy("Jökull", "3y8m", "Davíðsson")),
            (mother("Lilja", "Árnadóttir"), father("Davíð", "Jóhannsson")),
            coordinator="tengilidur2",
        ),
        FamilySpec(
            "Eva Halldórsdóttir",
            "Hearing loss, cochlear implant; sign language support in preschool",
            _kids(girl("Saga", "4y5m", "Baldursdóttir")),
            (mother("Eva", "Halldórsdóttir"), father("Baldur", "Kristinsson")),
            coordinator="tengilidur2",
        ),
        FamilySpec(
            "Harpa Sigurðardóttir",
            "Down syndrome; started primary school in August, so the preschool's service contact "
            "handed over to the school's",
            _kids(boy("Matthías", "6y3m", "Ragnarsson")),
            (mother("Harpa", "Sigurðardóttir"), father("Ragnar", "Ólafsson")),
            coordinator="tengilidur3",
            previous_coordinator="tengilidur2",
        ),
        FamilySpec(
            "Guðrún Pétursdóttir",
            "Cerebral palsy, wheelchair; the school needs adaptation; level 3 services",
            _kids(boy("Aron", "8y2m", "Jónsson")),
            (mother("Guðrún", "Pétursdóttir"), father("Jón", "Friðriksson")),
            coordinator="malstjori1",
        ),
        FamilySpec(
            "Katrín Jónsdóttir",
            "Cancer treatment at Barnaspítali Hringsins in Reykjavík with follow-up at the children's "
            "ward in Akureyri",
            _kids(girl("Ísabella", "10y4m", "Sindradóttir"), boy("Dagur", "7y", "Sindrason")),
            (mother("Katrín", "Jónsdóttir"), father("Sindri", "Birgisson")),
            coordinator="malstjori1",
        ),
        FamilySpec(
            "Þórunn Einarsdóttir",
            "Autism and anxiety; support at school (level 2)",
            _kids(boy("Hrafn", "12y5m", "Atlason")),
            (mother("Þórunn", "Einarsdóttir"), father("Atli", "Bjarnason")),
            coordinator="tengilidur3",
        ),
        FamilySpec(
            "Sigríður Helgadóttir",
            "Mental health — eating disorder, age 15; treatment at BUGL (Landspítali); separated "
            "parents with joint custody",
            _kids(girl("Embla", "15y2m", "Stefánsdóttir")),
            (mother("Sigríður", "Helgadóttir"), father("Stefán", "Arnarson")),
            coordinator="malstjori1",
        ),
        FamilySpec(
            "Margrét Kristjánsdóttir",
            "Intellectual disability; turns 18 soon, the support plan covers services into adulthood",
            _kids(boy("Baldur", "17y10m", "Halldórsson")),
            (mother("Margrét", "Kristjánsdóttir"), father("Halldór", "Egilsson")),
            coordinator="malstjori1",
        ),
        FamilySpec(
            "Agnieszka Kamińska",
            "Autism and speech delay; family from Poland, Polish at home",
            _kids(girl("Wiktoria", "5y1m", "Kamińska")),
            (mother("Agnieszka", "Kamińska"), father("Marek", "Kamiński")),
            coordinator="malstjori2",
            language=Language.ENGLISH,
        ),
        FamilySpec(
            "Ásdís Guðmundsdóttir",
            "Foster home; FASD and attachment difficulties; child protection has care, so the "
            "Child Protection Act governs case management",
            _kids(boy("Alexander", "9y5m", "Viktorsson")),
            (
                foster_parent("Ásdís", "f", "Guðmundsdóttir"),
                foster_parent("Hörður", "m", "Ingvarsson"),
                child_welfare("Hulda", "f", "Pálsdóttir"),
            ),
            coordinator="tengilidur3",
        ),
        FamilySpec(
            "Anna Bjarnadóttir",
            "Type 1 diabetes and ADHD; support at school",
            _kids(boy("Óliver", "13y1m", "Friðriksson")),
            (mother("Anna", "Bjarnadóttir"), father("Friðrik", "Magnússon")),
            coordinator="tengilidur3",
        ),
        FamilySpec(
            "Helga Sveinsdóttir",
            "Acquired brain injury after a snowboarding accident in Hlíðarfjall; rehabilitation at Grensás",
            _kids(boy("Ari", "16y3m", "Birkisson")),
            (mother("Helga", "Sveinsdóttir"), father("Birkir", "Jóhannsson")),
            coordinator="malstjori1",
        ),
        FamilySpec(
            "Steinunn Haraldsdóttir",
            "Prader-Willi syndrome; lives in Hrísey, services come by ferry",
            _kids(girl("Sóley", "7y6m", "Egilsdóttir")),
            (mother("Steinunn", "Haraldsdóttir"), father("Egill", "Sigurðsson")),
            coordinator="malstjori1",
            address=("Norðurvegur 9", "630", "Hrísey"),
        ),
        FamilySpec(
            "Kristín Ragnarsdóttir",
            "Two siblings with spinal muscular atrophy (SMA); wheelchairs, home adaptation",
            _kids(boy("Viktor", "9y2m", "Guðmundsson"), girl("Elísabet", "5y9m", "Guðmundsdóttir")),
            (mother("Kristín", "Ragnarsdóttir"), father("Guðmundur", "Árnason")),
            coordinator="malstjori1",
        ),
        FamilySpec(
            "Jón Hafsteinsson",
            "Duchenne muscular dystrophy; single father",
            _kids(boy("Sindri", "11y3m", "Jónsson")),
            (father("Jón", "Hafsteinsson"),),
            coordinator="malstjori1",
        ),
        FamilySpec(
            "Ragnheiður Þórðardóttir",
            "Tracheostomy after a congenital airway malformation; night nursing at home; two mothers",
            _kids(girl("Katla", "1y6m", "Ragnheiðardóttir")),
            (mother("Ragnheiður", "Þórðardóttir"), parent("Eydís", "f", "Hauksdóttir")),
            coordinator="tengilidur1",
        ),
        FamilySpec(
            "Brynja Hermannsdóttir",
            "Tourette syndrome and OCD, age 14",
            _kids(boy("Kristófer", "14y4m", "Pálsson")),
            (mother("Brynja", "Hermannsdóttir"), father("Páll", "Ásgeirsson")),
            coordinator="tengilidur3",
        ),
        FamilySpec(
            "Sara Gísladóttir",
            "Spina bifida, catheterisation at school; the father has no custody",
            _kids(girl("Thelma", "9y1m", "Andradóttir")),
            (mother("Sara", "Gísladóttir"), father("Andri", "Hauksson", responsibility=False)),
            coordinator="malstjori1",
        ),
        FamilySpec(
            "Aníta Óskarsdóttir",
            "Hydrocephalus with a shunt; physiotherapy in preschool",
            _kids(boy("Bjarki", "3y1m", "Hlynsson")),
            (mother("Aníta", "Óskarsdóttir"), father("Hlynur", "Tómasson")),
            coordinator="tengilidur2",
        ),
        FamilySpec(
            "Sólveig Karlsdóttir",
            "Cleft palate, speech therapy; preschool support (level 1)",
            _kids(girl("Ylfa", "5y4m", "Orradóttir")),
            (mother("Sólveig", "Karlsdóttir"), father("Orri", "Valsson")),
            coordinator="tengilidur2",
        ),
        FamilySpec(
            "Emily Carter",
            "Type 1 diabetes and coeliac disease; American family, prefers English",
            _kids(boy("Noah", "8y6m", "Carter")),
            (mother("Emily", "Carter"), father("Daniel", "Carter")),
            coordinator="malstjori2",
            language=Language.ENGLISH,
        ),
        FamilySpec(
            "Edda Ingólfsdóttir",
            "Severe epilepsy and intellectual disability; short respite stays",
            _kids(boy("Tómas", "12y2m", "Axelsson")),
            (mother("Edda", "Ingólfsdóttir"), father("Axel", "Gunnarsson")),
            coordinator="malstjori1",
        ),
        FamilySpec(
            "Bryndís Sigmarsdóttir",
            "Rett syndrome; communication aids and tube feeding",
            _kids(girl("Eyrún", "4y2m", "Snorradóttir")),
            (mother("Bryndís", "Sigmarsdóttir"), father("Snorri", "Kjartansson")),
            coordinator="malstjori1",
        ),
        FamilySpec(
            "Rakel Þorsteinsdóttir",
            "Child protection has care (placed with relatives); anxiety and developmental delay — "
            "the Child Protection Act governs, so no case manager under the Prosperity Act",
            _kids(boy("Mikael", "11y7m", "Rúnarsson")),
            (mother("Rakel", "Þorsteinsdóttir"), child_welfare("Gunnhildur", "f", "Sæmundsdóttir")),
        ),
        FamilySpec(
            "Þóra Benediktsdóttir",
            "New request: kidney malformation found at the 20-week scan",
            _kids(expected(110)),
            (mother("Þóra", "Benediktsdóttir"), father("Hjalti", "Sverrisson")),
        ),
        FamilySpec(
            "Ingibjörg Jóhannsdóttir",
            "New request: anxiety and school refusal, age 10; single mother",
            _kids(girl("Salka", "10y3m", "Hjörleifsdóttir")),
            (mother("Ingibjörg", "Jóhannsdóttir"),),
        ),
        FamilySpec(
            "Vala Steinarsdóttir",
            "New request: delayed development; the health centre asks on the family's behalf",
            _kids(boy("Úlfur", "2y", "Ásgeirsson")),
            (mother("Vala", "Steinarsdóttir"), father("Ásgeir", "Þórhallsson")),
        ),
    ),
)

MUNICIPALITIES: tuple[MunicipalitySpec, ...] = (BERGEN, SOGNDAL, AKUREYRI)

# One line per family about its situation. Diagnoses are not stored yet; later features (the
# mapping, the plan) can seed from this.
DEMO_SITUATIONS: dict[str, str] = {
    family.name: family.situation for spec in MUNICIPALITIES for family in spec.families
}
assert len(DEMO_SITUATIONS) == sum(len(spec.families) for spec in MUNICIPALITIES), "family names repeat"


# --- Numbers: national IDs, phones, addresses ----------------------------------------------------


def make_fodselsnummer(
    birth_date: datetime.date, *, rng: random.Random, female: bool, d_number: bool = False
) -> str:
    """A checksum-valid Norwegian fødselsnummer (or D number: day + 40) for ``birth_date``.

    The individual number's range gives the century (000 to 499: 1900s, 500 to 999: 2000s) and
    its last digit the sex (even: female).
    """
    if not 1900 <= birth_date.year <= 2039:
        raise ValueError("only births from 1900 to 2039 are supported")
    day = birth_date.day + (40 if d_number else 0)
    while True:
        individual = rng.randint(0, 499) if birth_date.year < 2000 else rng.randint(500, 999)
        individual = individual - individual % 2 + (0 if female else 1)
        base = f"{day:02d}{birth_date:%m%y}{individual:03d}"
        k1 = fodselsnummer.calc_check_digit1(base)
        if len(k1) != 1:
            continue  # a check digit of 10: this individual number is never issued
        k2 = fodselsnummer.calc_check_digit2(base + k1)
        if len(k2) != 1:
            continue
        return base + k1 + k2


def make_kennitala(birth_date: datetime.date, *, rng: random.Random) -> str:
    """A checksum-valid Icelandic kennitala: DDMMYY, two digits, check digit, century (9 or 0)."""
    if not 1900 <= birth_date.year <= 2099:
        raise ValueError("only births from 1900 to 2099 are supported")
    century = "9" if birth_date.year < 2000 else "0"
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    while True:
        base = f"{birth_date:%d%m%y}{rng.randint(20, 99):02d}"
        check = -sum(w * int(d) for w, d in zip(weights, base, strict=True)) % 11
        if check == 10:
            continue  # no kennitala is issued with these digits
        return f"{base}{check}{century}"


def ascii_slug(text: str, *, separator: str = ".") -> str:
    """``"Þórdís Ásgeirsdóttir"`` → ``"thordis.asgeirsdottir"``: for e-mail addresses."""
    folded = text.lower()
    for letter, replacement in (("æ", "ae"), ("ø", "o"), ("å", "a"), ("þ", "th"), ("ð", "d"), ("ł", "l")):
        folded = folded.replace(letter, replacement)
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", separator, folded).strip(separator)


_AGE = re.compile(r"^(?:(\d+)y)?(?:(\d+)m)?$")


def _months_back(today: datetime.date, months: int) -> datetime.date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def _age_to_birth_date(age: str, today: datetime.date, rng: random.Random) -> datetime.date:
    match = _AGE.match(age)
    if match is None or not age:
        raise ValueError(f"bad age {age!r}")
    years, months = (int(part or 0) for part in match.groups())
    # A few days more, so not every child has its birthday today; never enough to change the age.
    return _months_back(today, years * 12 + months) - datetime.timedelta(days=rng.randint(1, 20))


# --- Building --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSummary:
    municipalities: int
    units: int
    staff: int
    families: int
    children: int
    guardians: int
    assignments: int

    def __str__(self) -> str:
        return (
            f"{self.municipalities} municipalities, {self.units} units, {self.staff} staff, "
            f"{self.families} families, {self.children} children, {self.guardians} guardians, "
            f"{self.assignments} coordinator assignments"
        )


def demo_municipalities() -> models.QuerySet[Municipality]:
    query = Q(pk__in=[])
    for spec in MUNICIPALITIES:
        query |= Q(country=spec.country, number=spec.number)
    return Municipality.objects.filter(query)


def demo_is_loaded() -> bool:
    return demo_municipalities().exists()


def demo_summary() -> DemoSummary:
    ids = list(demo_municipalities().values_list("pk", flat=True))
    return DemoSummary(
        municipalities=len(ids),
        units=Unit.objects.filter(municipality__in=ids).count(),
        staff=User.objects.filter(municipality__in=ids).count(),
        families=Family.objects.filter(municipality__in=ids).count(),
        children=Child.objects.filter(municipality__in=ids).count(),
        guardians=Guardian.objects.filter(municipality__in=ids).count(),
        assignments=CoordinatorAssignment.objects.filter(municipality__in=ids).count(),
    )


def load_demo(*, reset: bool = False, today: datetime.date | None = None) -> DemoSummary | None:
    """Create the demo municipalities and everything in them, in one transaction.

    Returns None, changing nothing, when the demo is already loaded and ``reset`` is false.
    With ``reset``, the demo municipalities and every row that carries them are removed first.
    Ages and dates count back from ``today`` (default: today; the models validate against the
    real today, so another day only works within a few days of it).
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        existing = list(demo_municipalities().select_for_update().values_list("pk", flat=True))
        if existing and not reset:
            return None
        if existing:
            wipe_municipalities(existing)
        rng = random.Random(SEED)  # noqa: S311 - invented people, not secrets
        password = make_password(DEMO_PASSWORD)
        for spec in MUNICIPALITIES:
            _Builder(spec, today=today, rng=rng, password=password).build()
        _national_supervisor(password)
        from knutepunkt.intake.demo import load_intake_demo
        from knutepunkt.reporting.demo import add_request_history

        for municipality in demo_municipalities():
            load_intake_demo(municipality=municipality, today=today)
        add_request_history(municipalities=list(demo_municipalities()), today=today, seed=SEED)
    return demo_summary()


SUPERVISOR_USERNAME = "tilsyn.nasjonalt"


def _national_supervisor(password: str) -> None:
    """The national supervisor (no municipality, ADR 0006), who sees the statistics of all."""
    # Not update_or_create: its SELECT ... FOR UPDATE would take the staff manager's outer joins
    # to municipality and unit, which PostgreSQL refuses to lock.
    supervisor = User.objects.filter(username=SUPERVISOR_USERNAME).first() or User(
        username=SUPERVISOR_USERNAME
    )
    supervisor.password = password
    supervisor.first_name, supervisor.last_name = "Tora", "Tilsyn"
    supervisor.email = f"{SUPERVISOR_USERNAME}@helsetilsynet.invalid"
    supervisor.role = Role.SUPERVISOR
    supervisor.municipality = None
    supervisor.unit = None
    supervisor.title = "Seniorrådgiver, nasjonalt tilsyn"
    supervisor.full_clean()
    supervisor.save()


def wipe_municipalities(municipality_ids: list[int]) -> None:
    """Delete these municipalities and every row that carries one of them.

    The tables are found from the models (every personal-data row carries its municipality,
    DESIGN.md), so the rows of apps added later go too. The access log and its chain heads go
    first. Rows are deleted children-first without Django's cascade collector, which would
    query tables not migrated yet and write a history row for every row deleted; rows
    elsewhere that point at the municipalities' staff (sign-in devices, the admin log) are
    deleted or unlinked as their foreign key says. A row elsewhere that still points at a
    deleted one fails the foreign-key check at commit, and nothing is deleted.
    """
    from knutepunkt.audit.models import AccessEvent, AuditChainHead

    tables = set(connection.introspection.table_names())

    def delete(queryset: models.QuerySet[Any]) -> None:
        if queryset.model._meta.db_table in tables:
            queryset._raw_delete(queryset.db)

    delete(AccessEvent.objects.filter(municipality__in=municipality_ids))
    delete(AuditChainHead.objects.filter(municipality__in=municipality_ids))

    tenant_models = [
        model for model in apps.get_models() if model is not Municipality and _carries_municipality(model)
    ]
    live = [model for model in tenant_models if not issubclass(model, HistoricalChanges)]
    history = [model for model in tenant_models if issubclass(model, HistoricalChanges)]

    staff_ids = list(User.objects.filter(municipality__in=municipality_ids).values_list("pk", flat=True))
    for relation in User._meta.get_fields(include_hidden=True):
        if not isinstance(relation, models.ManyToOneRel) or relation.related_model in live:
            continue
        related: Any = relation.related_model
        name = relation.field.name
        rows = related._base_manager.filter(**{f"{name}__in": staff_ids})
        if relation.on_delete is models.CASCADE:
            delete(rows)
        elif relation.on_delete is models.SET_NULL and related._meta.db_table in tables:
            rows.update(**{name: None})

    for model in _children_first(live):
        delete(model._base_manager.filter(municipality__in=municipality_ids))
    delete(Municipality._base_manager.filter(pk__in=municipality_ids))
    for model in history:
        delete(model._base_manager.filter(municipality__in=municipality_ids))
    delete(Municipality.history.filter(id__in=municipality_ids))


def _carries_municipality(model: type[models.Model]) -> bool:
    return any(
        isinstance(field, models.ForeignKey)
        and field.name == "municipality"
        and field.related_model is Municipality
        for field in model._meta.concrete_fields
    )


def _children_first(model_list: list[type[models.Model]]) -> list[type[models.Model]]:
    """Order models so that one pointing at another comes before it."""
    sorter: graphlib.TopologicalSorter[type[models.Model]] = graphlib.TopologicalSorter()
    for model in model_list:
        sorter.add(model)
        for field in model._meta.concrete_fields:
            target = field.related_model
            if (
                field.is_relation
                and isinstance(target, type)
                and target in model_list
                and target is not model
            ):
                sorter.add(target, model)
    try:
        return list(sorter.static_order())
    except graphlib.CycleError:
        # Foreign keys are checked at commit on SQLite and PostgreSQL, so any order works.
        return model_list


_M = TypeVar("_M", bound=models.Model)

# Subscriber numbers: eight digits in Norway, seven in Iceland; mobiles start with these.
_PHONE_DIGITS = {Country.NORWAY: 8, Country.ICELAND: 7}
_MOBILE_PREFIXES = {Country.NORWAY: "49", Country.ICELAND: "678"}


class _Builder:
    def __init__(
        self, spec: MunicipalitySpec, *, today: datetime.date, rng: random.Random, password: str
    ) -> None:
        self.spec = spec
        self.today = today
        self.rng = rng
        self.password = password
        self.country = str(spec.country)
        self.used_ids: set[str] = set()
        self.used_phones: set[str] = set()
        self.used_emails: set[str] = set()
        self.places = list(spec.places)
        self.rng.shuffle(self.places)
        self.tz = timezone.get_current_timezone()

    def build(self) -> None:
        spec = self.spec
        municipality = Municipality(
            country=spec.country, number=spec.number, name=spec.name, language=spec.language
        )
        municipality.full_clean()
        municipality.save()
        self.municipality = municipality

        units = [
            Unit(
                municipality=municipality,
                name=unit.name,
                kind=unit.kind,
                email=f"{unit.key}@{spec.email_domain}",
                phone=self._phone(landline=True),
            )
            for unit in spec.units
        ]
        self.units = {u.key: unit for u, unit in zip(spec.units, self._create(Unit, units), strict=True)}

        staff = [self._staff(person) for person in spec.staff]
        self.staff = {
            person.login: user for person, user in zip(spec.staff, self._create(User, staff), strict=True)
        }

        families: list[Family] = []
        children: list[Child] = []
        guardians: list[Guardian] = []
        assignments: list[CoordinatorAssignment] = []
        for family_spec in spec.families:
            family = self._family(family_spec)
            family_children = self._children(family_spec, family)
            families.append(family)
            children.extend(family_children)
            guardians.extend(self._guardians(family_spec, family, family_children))
            assignments.extend(self._assignments(family_spec, family, family_children[0]))
        self._create(Family, families)
        # The families have their keys now: point the rows built with them at the saved rows.
        for child in children:
            child.family = child.family
        for guardian in guardians:
            guardian.family = guardian.family
        for assignment in assignments:
            assignment.family = assignment.family
        self._create(Child, children)
        self._create(Guardian, guardians)
        self._create(CoordinatorAssignment, assignments)

    def _create(self, model: type[_M], objs: list[_M]) -> list[_M]:
        for obj in objs:
            obj.full_clean()
        created: list[_M] = bulk_create_with_history(objs, model, default_change_reason=CHANGE_REASON)
        return created

    # People

    def _staff(self, person: StaffSpec) -> User:
        email = f"{ascii_slug(person.first_name)}.{ascii_slug(person.last_name)}@{self.spec.email_domain}"
        return User(
            username=f"{self.spec.slug}.{person.login}",
            password=self.password,
            first_name=person.first_name,
            last_name=person.last_name,
            email=email,
            role=person.role,
            municipality=self.municipality,
            unit=self.units[person.unit],
            title=person.title,
            phone=self._phone(),
            languages=person.languages,
            competence=person.competence,
        )

    def _family(self, spec: FamilySpec) -> Family:
        if spec.address:
            street, postal_code, town = spec.address
        else:
            place, postal_code, town = self.places[self.rng.randrange(len(self.places))]
            street = f"{place} {self.rng.randint(1, 60)}{self.rng.choice(['', '', '', 'A', 'B'])}"
        # A new request came in during the last three weeks; the others are given a date when
        # their coordinator is appointed (``_assignments``).
        registered = self.today - datetime.timedelta(days=self.rng.randint(1, 21))
        return Family(
            municipality=self.municipality,
            name=spec.name,
            language=spec.language or self.spec.language,
            street_address=street,
            postal_code=postal_code,
            postal_town=town,
            created_at=self._moment(registered),
        )

    def _children(self, spec: FamilySpec, family: Family) -> list[Child]:
        children: list[Child] = []
        for kid in spec.kids:
            child = Child(
                municipality=self.municipality,
                family=family,
                given_name=kid.given_name,
                family_name=kid.family_name or spec.name,
            )
            if kid.age.startswith("exp"):
                child.expected_date = self.today + datetime.timedelta(days=int(kid.age[3:]))
            else:
                if kid.age == "twin":
                    child.birth_date = children[-1].birth_date
                else:
                    child.birth_date = _age_to_birth_date(kid.age, self.today, self.rng)
                assert child.birth_date is not None
                born_abroad = child.birth_date < _months_back(self.today, spec.arrived_months_ago)
                child.national_id = self._national_id(
                    child.birth_date,
                    female=kid.sex == "f",
                    d_number=bool(spec.arrived_months_ago) and born_abroad,
                )
            children.append(child)
        return children

    def _guardians(self, spec: FamilySpec, family: Family, children: list[Child]) -> list[Guardian]:
        eldest = min((c.birth_date or self.today) for c in children)
        # Born 1975 to 2000, and 19 to 42 years old when the eldest child was born.
        first_year = max(1975, eldest.year - 42)
        last_year = min(2000, eldest.year - 19)
        first_year = min(first_year, last_year)
        guardians: list[Guardian] = []
        for adult in spec.adults:
            family_name = adult.family_name or spec.name
            guardian = Guardian(
                municipality=self.municipality,
                family=family,
                given_name=adult.given_name,
                family_name=family_name,
                relation=adult.relation,
                has_parental_responsibility=adult.responsibility,
            )
            if adult.relation == GuardianRelation.CHILD_WELFARE:
                unit = next(u for u in self.units.values() if u.kind == UnitKind.CHILD_WELFARE)
                guardian.email = unit.email
                guardian.phone = unit.phone
            else:
                birth_date = datetime.date(
                    self.rng.randint(first_year, last_year), 1, 1
                ) + datetime.timedelta(days=self.rng.randint(0, 364))
                guardian.national_id = self._national_id(
                    birth_date, female=adult.sex == "f", d_number=bool(spec.arrived_months_ago)
                )
                guardian.email = self._email(adult.given_name, family_name)
                guardian.phone = self._phone()
            guardians.append(guardian)
        return guardians

    def _assignments(self, spec: FamilySpec, family: Family, child: Child) -> list[CoordinatorAssignment]:
        if spec.coordinator is None:
            return []
        coordinator = self.staff[spec.coordinator]
        kind = spec.kind or self._kind(spec.coordinator)
        last = self.today - datetime.timedelta(days=7)
        if spec.previous_coordinator is None:
            if child.birth_date is None:
                # A child coordinator can be appointed before birth (pbrl § 2-5c).
                first = self.today - datetime.timedelta(days=28)
            else:
                # Some weeks after birth at the earliest, and within the last three years.
                first = max(
                    child.birth_date + datetime.timedelta(days=21),
                    self.today - datetime.timedelta(days=3 * 365),
                )
            if spec.arrived_months_ago:
                # Not before the family came to Norway.
                arrived = _months_back(self.today, spec.arrived_months_ago)
                first = max(first, arrived + datetime.timedelta(days=30))
            first = min(first, last)
            starts_on = first + datetime.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))
            family.created_at = self._moment(starts_on - datetime.timedelta(days=self.rng.randint(14, 45)))
            return [self._assignment(family, coordinator, kind, starts_on)]
        # A handover when the child started school: the old assignment ends the day the new starts.
        handover = datetime.date(self.today.year, 8, 15)
        if handover > last:
            handover = handover.replace(year=handover.year - 1)
        first = handover - datetime.timedelta(days=self.rng.randint(400, 900))
        family.created_at = self._moment(first - datetime.timedelta(days=self.rng.randint(14, 45)))
        previous = self.staff[spec.previous_coordinator]
        old = self._assignment(family, previous, self._kind(spec.previous_coordinator), first)
        old.ends_on = handover
        return [old, self._assignment(family, coordinator, kind, handover)]

    def _assignment(
        self, family: Family, coordinator: User, kind: CoordinatorKind, starts_on: datetime.date
    ) -> CoordinatorAssignment:
        assert coordinator.role == Role.COORDINATOR
        assert coordinator.municipality_id == family.municipality_id
        return CoordinatorAssignment(
            municipality=self.municipality,
            family=family,
            coordinator=coordinator,
            kind=kind,
            starts_on=starts_on,
        )

    def _kind(self, login: str) -> CoordinatorKind:
        kind = next(person.kind for person in self.spec.staff if person.login == login)
        assert kind is not None, f"{login} is not a coordinator"
        return kind

    # Numbers

    def _national_id(self, birth_date: datetime.date, *, female: bool, d_number: bool = False) -> str:
        while True:
            if self.spec.country == Country.ICELAND:
                number = make_kennitala(birth_date, rng=self.rng)
            else:
                number = make_fodselsnummer(birth_date, rng=self.rng, female=female, d_number=d_number)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def _phone(self, *, landline: bool = False) -> str:
        """A valid number, unique in the municipality: a local landline for units, else a mobile."""
        digits = _PHONE_DIGITS[self.spec.country]
        while True:
            prefix = (
                self.spec.landline_prefix
                if landline
                else self.rng.choice(_MOBILE_PREFIXES[self.spec.country])
            )
            rest = digits - len(prefix)
            raw = f"{prefix}{self.rng.randrange(10**rest):0{rest}d}"
            number = phonenumbers.parse(raw, self.country)
            wanted = (
                phonenumbers.PhoneNumberType.FIXED_LINE if landline else phonenumbers.PhoneNumberType.MOBILE
            )
            if not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) != wanted:
                continue  # Icelandic 80x numbers are toll-free, for one
            phone = normalise_phone(raw, country=self.country)
            if phone not in self.used_phones:
                self.used_phones.add(phone)
                return phone

    def _email(self, given_name: str, family_name: str) -> str:
        local = f"{ascii_slug(given_name)}.{ascii_slug(family_name)}"
        email = f"{local}@{GUARDIAN_EMAIL_DOMAIN}"
        number = 1
        while email in self.used_emails:
            number += 1
            email = f"{local}{number}@{GUARDIAN_EMAIL_DOMAIN}"
        self.used_emails.add(email)
        return email

    def _moment(self, day: datetime.date) -> datetime.datetime:
        time = datetime.time(self.rng.randint(8, 15), self.rng.randint(0, 59))
        return datetime.datetime.combine(day, time, tzinfo=self.tz)
