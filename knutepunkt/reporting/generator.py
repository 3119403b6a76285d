"""Invented but realistic data at three scales, for the statistics and for ``make bench``.

Deterministic: the same scale and seed give the same rows. Rows are built in Python with their
primary keys set (the database must be empty of municipalities), then written in bulk: COPY on
PostgreSQL, batched ``executemany`` on SQLite. Historical (simple-history) rows are not
generated: nothing here was ever edited. The access log is one valid hash chain per municipality
(``audit.chain``), so ``verify_audit_chain`` passes on generated data.

Each domain is one step (``_families``, ``_cases``, ``_assignments`` …); a new domain (plans,
meetings, service records) is one more step reading the same ``World``.
"""

from __future__ import annotations

import datetime
import itertools
import math
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from knutepunkt.audit.chain import canonical_content, link_hash
from knutepunkt.audit.models import ACCESS_EVENT_COLUMNS, GENESIS_HASH, AccessEvent, AuditChainHead
from knutepunkt.complaints.models import AuthorityOutcome, Complaint, ComplaintStatus
from knutepunkt.consent.models import Category, SharingConsent
from knutepunkt.coordination.models import Contact, ContactKind, CoordinatorAssignment, Right
from knutepunkt.core.demo import make_fodselsnummer, make_kennitala
from knutepunkt.intake.models import Case, CaseEvent, CaseStatus, Channel, Decision, Outcome
from knutepunkt.meetings.models import (
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingStatus,
    ParticipantKind,
)
from knutepunkt.people.models import Child, Family, Guardian, GuardianRelation, Role, User
from knutepunkt.people.national_ids import NationalIdKind
from knutepunkt.plans.models import Goal, Measure, MeasureStatus, Plan, PlanKind, Review
from knutepunkt.tenancy.models import Country, Language, Municipality, Unit, UnitKind


@dataclass(frozen=True)
class Scale:
    name: str
    norwegian: int
    icelandic: int
    families: int
    # Access-log rows per family (national: 10 million over 100,000 families).
    events_per_family: int
    # Zipf exponent of municipality sizes: a few large cities, many small places.
    skew: float = 1.0


SCALES = {
    # For the test suite only: two municipalities, a handful of families.
    "tiny": Scale("tiny", norwegian=1, icelandic=1, families=24, events_per_family=5),
    "small": Scale("small", norwegian=5, icelandic=1, families=1_000, events_per_family=40),
    # One Oslo-sized municipality.
    "municipality": Scale("municipality", norwegian=1, icelandic=0, families=12_000, events_per_family=100),
    "national": Scale("national", norwegian=357, icelandic=62, families=100_000, events_per_family=100),
}

PASSWORD = "bench-and-demo-only"  # noqa: S105 - invented data in a throwaway database
FAMILIES_PER_COORDINATOR = 18
FAMILIES_PER_OFFICER = 400
FAMILIES_PER_COORDINATING_UNIT = 2_500
SERVICE_UNIT_KINDS = (
    UnitKind.SCHOOL,
    UnitKind.KINDERGARTEN,
    UnitKind.HEALTH_STATION,
    UnitKind.PPT,
    UnitKind.NAV_OFFICE,
    UnitKind.CHILD_WELFARE,
)
HISTORY_DAYS = 3 * 365
BATCH = 5_000

NO_SURNAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
    "Jørgensen",
    "Halvorsen",
    "Henriksen",
    "Lund",
    "Sørensen",
    "Jakobsen",
    "Moen",
    "Gundersen",
    "Iversen",
    "Strand",
    "Solberg",
    "Svendsen",
    "Eide",
    "Knutsen",
    "Martinsen",
    "Paulsen",
    "Bakken",
    "Kristoffersen",
    "Mathisen",
    "Lie",
    "Amundsen",
    "Nguyen",
    "Rasmussen",
    "Ali",
    "Lunde",
    "Solheim",
    "Berntsen",
    "Nygård",
    "Bakke",
    "Kristensen",
    "Ahmed",
    "Fredriksen",
    "Holm",
    "Lien",
    "Hussain",
    "Haugland",
    "Mohamed",
]
NO_GIVEN = [
    "Emma",
    "Nora",
    "Ella",
    "Sofie",
    "Olivia",
    "Ada",
    "Sara",
    "Frida",
    "Ingrid",
    "Leah",
    "Maja",
    "Emilie",
    "Jakob",
    "Noah",
    "Emil",
    "Lucas",
    "Oliver",
    "Filip",
    "William",
    "Aksel",
    "Theodor",
    "Isak",
    "Ludvig",
    "Henrik",
    "Elias",
    "Mohammad",
    "Olav",
    "Sander",
    "Tobias",
    "Amalie",
    "Hedda",
    "Astrid",
    "Selma",
    "Tiril",
    "Live",
    "Iben",
    "Vilde",
    "Mathias",
    "Jonas",
    "Magnus",
    "Kasper",
    "Johannes",
    "Ali",
]
IS_SURNAMES = [
    "Jónsson",
    "Jónsdóttir",
    "Sigurðsson",
    "Sigurðardóttir",
    "Guðmundsson",
    "Guðmundsdóttir",
    "Gunnarsson",
    "Gunnarsdóttir",
    "Ólafsson",
    "Ólafsdóttir",
    "Einarsson",
    "Einarsdóttir",
    "Kristjánsson",
    "Kristjánsdóttir",
    "Magnússon",
    "Magnúsdóttir",
    "Stefánsson",
    "Stefánsdóttir",
    "Jóhannsson",
    "Jóhannsdóttir",
]
IS_GIVEN = [
    "Guðrún",
    "Anna",
    "Kristín",
    "Sigríður",
    "Margrét",
    "Helga",
    "Sara",
    "Emilía",
    "Jón",
    "Sigurður",
    "Guðmundur",
    "Gunnar",
    "Ólafur",
    "Einar",
    "Kristján",
    "Magnús",
    "Aron",
    "Alexander",
    "Embla",
    "Saga",
]
NO_NAME_PARTS = (
    [
        "Nord",
        "Sør",
        "Øst",
        "Vest",
        "Stor",
        "Lille",
        "Ny",
        "Berg",
        "Fjell",
        "Dal",
        "Sand",
        "Strand",
        "Lyng",
        "Bjørk",
        "Eik",
        "Furu",
        "Rygg",
        "Lund",
        "Vik",
        "Hol",
        "Mo",
        "Skog",
        "Elve",
        "Stein",
        "Fager",
    ],
    ["vik", "dal", "fjord", "nes", "ås", "berg", "sund", "øy", "land", "stad", "heim", "bø", "rud"],
)
IS_NAME_PARTS = (
    [
        "Borgar",
        "Hvera",
        "Skaga",
        "Vopna",
        "Stykkis",
        "Grundar",
        "Hafnar",
        "Ísa",
        "Dal",
        "Flóa",
        "Mýr",
        "Hval",
        "Blöndu",
        "Rang",
        "Ása",
        "Reyk",
    ],
    ["fjörður", "byggð", "hreppur", "bær", "vík", "nes", "dalur"],
)


@dataclass
class MunicipalityPlan:
    pk: int
    country: str
    name: str
    number: str
    language: str
    families: int
    coordinating_units: list[int] = field(default_factory=list)
    service_units: list[int] = field(default_factory=list)
    unit_names: dict[int, str] = field(default_factory=dict)
    officers: list[int] = field(default_factory=list)
    coordinators: list[int] = field(default_factory=list)
    leaders: list[int] = field(default_factory=list)
    service_contacts: list[int] = field(default_factory=list)
    # Per family: (family id, [child ids], [guardian ids]).
    family_rows: list[tuple[int, list[int], list[int]]] = field(default_factory=list)
    # family id -> coordinator id, for families with a coordinator today, and since when.
    coordinated: dict[int, int] = field(default_factory=dict)
    since: dict[int, datetime.date] = field(default_factory=dict)
    # (family, child, coordinator, appointed on) of the families who get a plan.
    planned: list[tuple[int, int, int, datetime.date]] = field(default_factory=list)


@dataclass
class World:
    scale: Scale
    today: datetime.date
    rng: random.Random
    municipalities: list[MunicipalityPlan] = field(default_factory=list)
    staff: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # id -> name, role, unit
    next_ids: dict[type[models.Model], int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def ids(self, model: type[models.Model], n: int) -> range:
        start = self.next_ids.get(model, 1)
        self.next_ids[model] = start + n
        return range(start, start + n)

    def next_id(self, model: type[models.Model]) -> int:
        return self.ids(model, 1).start


class Progress:
    """A one-line progress bar on the command's error stream."""

    def __init__(self, out: TextIO, label: str, total: int) -> None:
        self.out, self.label, self.total, self.done = out, label, max(total, 1), 0
        self._shown = -1

    def advance(self, n: int) -> None:
        self.done += n
        percent = min(100, self.done * 100 // self.total)
        if percent != self._shown:
            self._shown = percent
            bar = "#" * (percent // 4)
            self.out.write(f"\r{self.label:<22} [{bar:<25}] {percent:3d}% {self.done:>11,}")
            self.out.flush()

    def finish(self) -> None:
        self.out.write("\n")
        self.out.flush()


class Writer:
    """Bulk insert with the primary keys given: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.postgres = connection.vendor == "postgresql"

    def objects(self, label: str, objs: Sequence[models.Model]) -> None:
        if not objs:
            return
        model = type(objs[0])
        fields = list(model._meta.concrete_fields)
        self.rows(
            label,
            model,
            [f.attname for f in fields],
            ([getattr(obj, f.attname) for f in fields] for obj in objs),
            len(objs),
        )

    def rows(
        self,
        label: str,
        model: type[models.Model],
        attnames: Sequence[str],
        rows: Iterable[Sequence[Any]],
        total: int,
    ) -> None:
        fields = [_concrete(model, name) for name in attnames]
        columns = [f.column for f in fields]
        prepare = [_preparer(f) for f in fields]
        progress = Progress(self.out, label, total)
        table = connection.ops.quote_name(model._meta.db_table)
        column_list = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            if self.postgres:
                raw = cursor.cursor
                with raw.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                    for n, row in enumerate(rows, 1):
                        copy.write_row([p(v) if p else v for p, v in zip(prepare, row, strict=True)])
                        if n % BATCH == 0:
                            progress.advance(BATCH)
            else:
                placeholders = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})"  # noqa: S608
                for batch in _batched(rows, BATCH):
                    cursor.executemany(
                        sql, [[p(v) if p else v for p, v in zip(prepare, row, strict=True)] for row in batch]
                    )
                    progress.advance(len(batch))
        progress.done = total - 1
        progress.advance(1)
        progress.finish()

    def reset_sequences(self, models_: Sequence[type[models.Model]]) -> None:
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(models_)):
                cursor.execute(sql)


def _concrete(model: type[models.Model], attname: str) -> models.Field[Any, Any]:
    return next(f for f in model._meta.concrete_fields if f.attname == attname)


def _preparer(field_: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    if isinstance(field_, models.DateTimeField | models.DateField | models.JSONField | models.UUIDField):

        def prepare(value: Any) -> Any:
            return None if value is None else field_.get_db_prep_save(value, connection)

        return prepare
    return None


def _batched(rows: Iterable[Sequence[Any]], size: int) -> Iterator[list[Sequence[Any]]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def generate(
    *, scale: Scale, seed: int, out: TextIO = sys.stderr, today: datetime.date | None = None
) -> World:
    """Fill an empty database at ``scale``. Returns the plan, with the counts written."""
    started = time.monotonic()
    world = World(scale=scale, today=today or timezone.localdate(), rng=random.Random(seed))  # noqa: S311 - invented data, seeded to be repeatable
    writer = Writer(out)
    with transaction.atomic():
        _municipalities(world, writer)
        _staff(world, writer)
        _families(world, writer)
        _cases(world, writer)
        _plans(world, writer)
        _meetings(world, writer)
        _contacts(world, writer)
        _access_log(world, writer)
        writer.reset_sequences(
            [
                Municipality,
                Unit,
                User,
                Family,
                Child,
                Guardian,
                Case,
                CaseEvent,
                Decision,
                CoordinatorAssignment,
                SharingConsent,
                Complaint,
                Plan,
                Goal,
                Measure,
                Review,
                Contact,
                Meeting,
                MeetingParticipant,
                AccessEvent,
            ]
        )
        # PostgreSQL checks the deferred foreign keys of every row at commit: minutes at national
        # scale with no bar to move, so say what is going on.
        out.write("Checking every reference and committing …\n")
    if connection.vendor == "postgresql":
        # Fresh statistics for the planner: without them it plans for empty tables and the
        # first pages take seconds.
        out.write("Updating the query planner's statistics …\n")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    world.counts["seconds"] = round(time.monotonic() - started)
    return world


def _sizes(scale: Scale) -> list[int]:
    """Families per municipality, largest first: Zipf-like, every place at least 3."""
    count = scale.norwegian + scale.icelandic
    weights = [1 / (rank + 1) ** scale.skew for rank in range(count)]
    total = sum(weights)
    return [max(3, round(scale.families * w / total)) for w in weights]


def _municipalities(world: World, writer: Writer) -> None:
    rng = world.rng
    scale = world.scale
    sizes = _sizes(scale)
    # Iceland's municipalities are mostly small: they take the tail of the distribution.
    norwegian_sizes = sizes[: scale.norwegian]
    icelandic_sizes = sorted(sizes[scale.norwegian :], reverse=True)
    if scale.icelandic and scale.norwegian > 1:
        # Reykjavík is larger than most Norwegian towns: swap it into the head of the list.
        norwegian_sizes[1], icelandic_sizes[0] = icelandic_sizes[0], norwegian_sizes[1]
    names = _names(NO_NAME_PARTS, scale.norwegian, first=("Oslo",), rng=rng)
    names_is = _names(IS_NAME_PARTS, scale.icelandic, first=("Reykjavík",), rng=rng)
    rows: list[Municipality] = []
    for index, (name, size) in enumerate(zip(names, norwegian_sizes, strict=True)):
        language = Language.NYNORSK if index % 4 == 3 else Language.BOKMAAL
        plan = MunicipalityPlan(
            pk=world.next_id(Municipality),
            country=Country.NORWAY,
            name=name,
            number="0301" if index == 0 else f"{1000 + index:04d}",
            language=language,
            families=size,
        )
        world.municipalities.append(plan)
    for index, (name, size) in enumerate(zip(names_is, icelandic_sizes, strict=True)):
        plan = MunicipalityPlan(
            pk=world.next_id(Municipality),
            country=Country.ICELAND,
            name=name,
            number="0000" if index == 0 else f"{1000 + index:04d}",
            language=Language.ICELANDIC,
            families=size,
        )
        world.municipalities.append(plan)
    for plan in world.municipalities:
        rows.append(
            Municipality(
                pk=plan.pk, country=plan.country, number=plan.number, name=plan.name, language=plan.language
            )
        )
    writer.objects("municipalities", rows)
    world.counts["municipalities"] = len(rows)


def _names(
    parts: tuple[list[str], list[str]], count: int, *, first: tuple[str, ...], rng: random.Random
) -> list[str]:
    combos = [a + b for a in parts[0] for b in parts[1]]
    rng.shuffle(combos)
    prefixed = [f"{prefix} {name}" for prefix in ("Indre", "Ytre", "Øvre") for name in combos]
    pool = [*first, *combos, *prefixed]
    if count > len(pool):
        raise ValueError("not enough invented names")
    return pool[:count]


def _staff(world: World, writer: Writer) -> None:
    units: list[Unit] = []
    users: list[User] = []
    password = make_password(PASSWORD)
    joined = timezone.make_aware(
        datetime.datetime.combine(world.today - datetime.timedelta(days=HISTORY_DAYS), datetime.time(8))
    )
    rng = world.rng

    def person(plan: MunicipalityPlan, role: Role, unit_id: int, number: int) -> int:
        pk = world.next_id(User)
        given_pool, surname_pool = (
            (IS_GIVEN, IS_SURNAMES) if plan.country == Country.ICELAND else (NO_GIVEN, NO_SURNAMES)
        )
        first, last = rng.choice(given_pool), rng.choice(surname_pool)
        users.append(
            User(
                pk=pk,
                password=password,
                username=f"{role.value[:5]}-{plan.number}-{plan.pk}-{number}",
                first_name=first,
                last_name=last,
                email="",
                is_active=True,
                date_joined=joined,
                role=role,
                municipality_id=plan.pk,
                unit_id=unit_id,
            )
        )
        world.staff[pk] = (f"{first} {last}", role.value, plan.unit_names[unit_id])
        return pk

    for plan in world.municipalities:
        coordinating = max(1, math.ceil(plan.families / FAMILIES_PER_COORDINATING_UNIT))
        for n in range(coordinating):
            pk = world.next_id(Unit)
            name = f"Koordinerende enhet {plan.name}" + (f" {n + 1}" if coordinating > 1 else "")
            if plan.country == Country.ICELAND:
                name = f"Farsældarteymi {plan.name}" + (f" {n + 1}" if coordinating > 1 else "")
            units.append(Unit(pk=pk, municipality_id=plan.pk, name=name, kind=UnitKind.COORDINATING_UNIT))
            plan.coordinating_units.append(pk)
            plan.unit_names[pk] = name
        for kind in SERVICE_UNIT_KINDS:
            pk = world.next_id(Unit)
            name = f"{UnitKind(kind).label} {plan.name}"
            units.append(Unit(pk=pk, municipality_id=plan.pk, name=name, kind=kind))
            plan.service_units.append(pk)
            plan.unit_names[pk] = name
        for n in range(max(1, math.ceil(plan.families / FAMILIES_PER_COORDINATOR))):
            unit = plan.coordinating_units[n % coordinating]
            plan.coordinators.append(person(plan, Role.COORDINATOR, unit, n))
        for n in range(max(1, math.ceil(plan.families / FAMILIES_PER_OFFICER))):
            plan.officers.append(person(plan, Role.OFFICER, plan.coordinating_units[n % coordinating], n))
        for n, unit in enumerate(plan.coordinating_units):
            plan.leaders.append(person(plan, Role.LEADER, unit, n))
        for n, unit in enumerate(plan.service_units):
            plan.service_contacts.append(person(plan, Role.SERVICE_CONTACT, unit, n))
    # The national supervisor belongs to no municipality (ADR 0006).
    users.append(
        User(
            pk=world.next_id(User),
            password=password,
            username="supervisor",
            first_name="Tilsyn",
            last_name="Nasjonalt",
            is_active=True,
            date_joined=joined,
            role=Role.SUPERVISOR,
        )
    )
    writer.objects("units", units)
    writer.objects("staff", users)
    world.counts["units"] = len(units)
    world.counts["staff"] = len(users)


def _families(world: World, writer: Writer) -> None:
    rng = world.rng
    today = world.today
    families: list[Family] = []
    children: list[Child] = []
    guardians: list[Guardian] = []
    created = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=HISTORY_DAYS), datetime.time(9))
    )
    for plan in world.municipalities:
        icelandic = plan.country == Country.ICELAND
        given_pool, surname_pool = (IS_GIVEN, IS_SURNAMES) if icelandic else (NO_GIVEN, NO_SURNAMES)
        taken: set[str] = set()  # a national ID is unique within the municipality
        for _ in range(plan.families):
            family_id = world.next_id(Family)
            surname = rng.choice(surname_pool)
            language = plan.language if rng.random() > 0.04 else Language.ENGLISH
            families.append(
                Family(
                    pk=family_id,
                    municipality_id=plan.pk,
                    name=surname,
                    language=language,
                    street_address=f"{rng.choice(NO_NAME_PARTS[0])}veien {rng.randint(1, 120)}",
                    postal_code=f"{rng.randint(1, 9999):04d}",
                    postal_town=plan.name,
                    created_at=created,
                )
            )
            child_count = 1 if rng.random() < 0.75 else 2 if rng.random() < 0.8 else 3
            child_ids = []
            for _c in range(child_count):
                child_id = world.next_id(Child)
                expected = rng.random() < 0.01
                born = None if expected else today - datetime.timedelta(days=rng.randint(30, 17 * 365))
                number, kind = _national_id(born, icelandic, taken, rng)
                children.append(
                    Child(
                        pk=child_id,
                        municipality_id=plan.pk,
                        family_id=family_id,
                        given_name="" if expected else rng.choice(given_pool),
                        family_name=surname,
                        birth_date=born,
                        expected_date=today + datetime.timedelta(days=rng.randint(10, 200))
                        if expected
                        else None,
                        national_id=number,
                        national_id_kind=kind,
                    )
                )
                child_ids.append(child_id)
            guardian_ids = []
            for relation in (GuardianRelation.MOTHER, GuardianRelation.FATHER)[
                : 2 if rng.random() < 0.85 else 1
            ]:
                guardian_id = world.next_id(Guardian)
                guardians.append(
                    Guardian(
                        pk=guardian_id,
                        municipality_id=plan.pk,
                        family_id=family_id,
                        given_name=rng.choice(given_pool),
                        family_name=surname,
                        relation=relation,
                        has_parental_responsibility=True,
                        email=f"guardian{guardian_id}@example.invalid",
                    )
                )
                guardian_ids.append(guardian_id)
            plan.family_rows.append((family_id, child_ids, guardian_ids))
    writer.objects("families", families)
    writer.objects("children", children)
    writer.objects("guardians", guardians)
    world.counts.update(families=len(families), children=len(children), guardians=len(guardians))


def _national_id(
    born: datetime.date | None, icelandic: bool, taken: set[str], rng: random.Random
) -> tuple[str, str]:
    """A checksum-valid synthetic fødselsnummer or kennitala, so the ID search has something to
    find; an expected child has none yet."""
    if born is None:
        return "", ""
    while True:
        if icelandic:
            number, kind = make_kennitala(born, rng=rng), NationalIdKind.KENNITALA
        else:
            female = rng.random() < 0.5
            number, kind = make_fodselsnummer(born, rng=rng, female=female), NationalIdKind.FODSELSNUMMER
        if number not in taken:
            taken.add(number)
            return number, kind


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(
            day, datetime.time(rng.randint(8, 15), rng.randint(0, 59), rng.randint(0, 59))
        )
    )


def _cases(world: World, writer: Writer) -> None:
    """A request for one child of every family, at some point in the last three years, and what
    followed: assessment, decision, coordinator, sometimes a complaint, consents to share."""
    rng = world.rng
    today = world.today
    cases: list[Case] = []
    events: list[CaseEvent] = []
    decisions: list[Decision] = []
    assignments: list[CoordinatorAssignment] = []
    consents: list[SharingConsent] = []
    complaints: list[Complaint] = []
    channels = [
        Channel.PHONE,
        Channel.EMAIL,
        Channel.REFERRAL,
        Channel.ELECTRONIC,
        Channel.LETTER,
        Channel.IN_PERSON,
    ]
    channel_weights = [30, 15, 25, 20, 5, 5]

    def event(
        plan: MunicipalityPlan, case_id: int, at: datetime.datetime, kind: str, old: str, new: str
    ) -> None:
        events.append(
            CaseEvent(
                pk=world.next_id(CaseEvent),
                municipality_id=plan.pk,
                case_id=case_id,
                occurred_at=at,
                actor_id=rng.choice(plan.officers),
                kind=kind,
                from_status=old,
                to_status=new,
            )
        )

    for plan in world.municipalities:
        icelandic = plan.country == Country.ICELAND
        # Some coordinators carry far more than others: a skewed pick makes caseloads realistic.
        coordinator_weights = [1 / (i + 3) ** 0.6 for i in range(len(plan.coordinators))]
        for family_id, child_ids, guardian_ids in plan.family_rows:
            case_id = world.next_id(Case)
            received = today - datetime.timedelta(days=int(rng.random() ** 1.3 * HISTORY_DAYS))
            officer = rng.choice(plan.officers)
            channel = rng.choices(channels, channel_weights)[0]
            status = CaseStatus.REQUESTED
            event(plan, case_id, _moment(received, rng), "registered", "", CaseStatus.REQUESTED)
            decision_wait = min(240, int(rng.lognormvariate(math.log(21), 0.6)))
            decided_on = received + datetime.timedelta(days=decision_wait)
            if decided_on > today:
                if rng.random() < 0.6:
                    status = CaseStatus.ASSESSING
                    event(
                        plan,
                        case_id,
                        _moment(received, rng),
                        "assessment_started",
                        CaseStatus.REQUESTED,
                        status,
                    )
            else:
                event(
                    plan,
                    case_id,
                    _moment(received, rng),
                    "assessment_started",
                    CaseStatus.REQUESTED,
                    CaseStatus.ASSESSING,
                )
                granted = rng.random() < 0.85
                if icelandic:
                    arrangement = "case_manager" if rng.random() < 0.3 else "service_contact"
                else:
                    arrangement = "barnekoordinator" if rng.random() < 0.55 else "koordinator"
                coordinator = rng.choices(plan.coordinators, coordinator_weights)[0]
                # Iceland: a case manager (levels 2 and 3) always makes a support plan.
                wants_plan = granted and (rng.random() < 0.78 or arrangement == "case_manager")
                decision_id = world.next_id(Decision)
                decisions.append(
                    Decision(
                        pk=decision_id,
                        municipality_id=plan.pk,
                        case_id=case_id,
                        outcome=Outcome.GRANTED if granted else Outcome.REFUSED,
                        arrangement=arrangement if granted else "",
                        individual_plan=wants_plan and not icelandic,
                        coordinator_id=coordinator if granted else None,
                        reasons="Vilkårene er vurdert." if not icelandic else "Skilyrðin hafa verið metin.",
                        criteria=[],
                        decided_on=decided_on,
                        decided_by_id=officer,
                        known_on=decided_on + datetime.timedelta(days=2),
                        letter_language=plan.language,
                        family_notified_at=_moment(decided_on, rng),
                    )
                )
                status = CaseStatus.DECIDED
                event(plan, case_id, _moment(decided_on, rng), "decided", CaseStatus.ASSESSING, status)
                appointed_on = decided_on + datetime.timedelta(
                    days=min(120, int(rng.lognormvariate(math.log(9), 0.7)))
                )
                if granted and appointed_on <= today:
                    status = CaseStatus.ACTIVE
                    event(
                        plan,
                        case_id,
                        _moment(appointed_on, rng),
                        "coordinator_appointed",
                        CaseStatus.DECIDED,
                        status,
                    )
                    closes_on = appointed_on + datetime.timedelta(days=rng.randint(200, 1400))
                    closed = closes_on <= today
                    # One in ten changes coordinator along the way (a handover).
                    if not closed and rng.random() < 0.1 and (today - appointed_on).days > 60:
                        handover = appointed_on + datetime.timedelta(
                            days=rng.randint(30, (today - appointed_on).days - 1)
                        )
                        assignments.append(
                            CoordinatorAssignment(
                                pk=world.next_id(CoordinatorAssignment),
                                municipality_id=plan.pk,
                                family_id=family_id,
                                coordinator_id=coordinator,
                                kind=arrangement,
                                starts_on=appointed_on,
                                ends_on=handover,
                            )
                        )
                        coordinator = rng.choices(plan.coordinators, coordinator_weights)[0]
                        appointed_on = handover
                    assignments.append(
                        CoordinatorAssignment(
                            pk=world.next_id(CoordinatorAssignment),
                            municipality_id=plan.pk,
                            family_id=family_id,
                            coordinator_id=coordinator,
                            kind=arrangement,
                            starts_on=appointed_on,
                            ends_on=closes_on if closed else None,
                        )
                    )
                    if closed:
                        status = CaseStatus.CLOSED
                        event(plan, case_id, _moment(closes_on, rng), "closed", CaseStatus.ACTIVE, status)
                    else:
                        plan.coordinated[family_id] = coordinator
                        plan.since[family_id] = appointed_on
                        if wants_plan:
                            plan.planned.append((family_id, child_ids[0], coordinator, appointed_on))
                        consents.extend(_consents(world, plan, family_id, guardian_ids[0], appointed_on))
                complaint = _complaint(world, plan, case_id, decision_id, granted, decided_on)
                if complaint is not None:
                    complaints.append(complaint)
            cases.append(
                Case(
                    pk=case_id,
                    municipality_id=plan.pk,
                    family_id=family_id,
                    child_id=child_ids[0],
                    status=status,
                    channel=channel,
                    received_on=received,
                    requested_by="",
                    summary="",
                    referrer_kind="gp" if channel == Channel.REFERRAL else "",
                    facts={"service_levels": [2, 3]} if icelandic and status != CaseStatus.REQUESTED else {},
                    created_at=_moment(received, rng),
                    created_by_id=officer,
                    version=1,
                )
            )
    writer.objects("cases", cases)
    writer.objects("case history", events)
    writer.objects("decisions", decisions)
    writer.objects("coordinators", assignments)
    writer.objects("consents to share", consents)
    writer.objects("complaints", complaints)
    world.counts.update(
        cases=len(cases),
        case_events=len(events),
        decisions=len(decisions),
        assignments=len(assignments),
        sharing_consents=len(consents),
        complaints=len(complaints),
    )


def _consents(
    world: World, plan: MunicipalityPlan, family_id: int, guardian_id: int, start: datetime.date
) -> list[SharingConsent]:
    rng = world.rng
    result = []
    for unit in rng.sample(plan.service_units, rng.randint(1, 3)):
        valid_to = (
            None
            if rng.random() < 0.3
            else max(start, world.today - datetime.timedelta(days=60))
            + datetime.timedelta(days=rng.randint(1, 365))
        )
        withdrawn = rng.random() < 0.05
        result.append(
            SharingConsent(
                pk=world.next_id(SharingConsent),
                municipality_id=plan.pk,
                family_id=family_id,
                unit_id=unit,
                categories=sorted(rng.sample(list(Category.values), rng.randint(2, 5))),
                given_by_id=guardian_id,
                valid_from=start,
                valid_to=max(valid_to, start) if valid_to else None,
                recorded_by_id=rng.choice(plan.officers),
                recorded_at=_moment(start, rng),
                withdrawn_at=_moment(world.today - datetime.timedelta(days=rng.randint(1, 30)), rng)
                if withdrawn
                else None,
                withdrawn_by_id=rng.choice(plan.officers) if withdrawn else None,
            )
        )
    return result


COMPLAINT_OUTCOMES = [
    (ComplaintStatus.REVERSED, ""),
    (ComplaintStatus.FORWARDED, ""),
    (ComplaintStatus.DECIDED_BY_AUTHORITY, AuthorityOutcome.UPHELD),
    (ComplaintStatus.DECIDED_BY_AUTHORITY, AuthorityOutcome.REVERSED),
    (ComplaintStatus.REASSESSING, ""),
    (ComplaintStatus.WITHDRAWN, ""),
]


def _complaint(
    world: World,
    plan: MunicipalityPlan,
    case_id: int,
    decision_id: int,
    granted: bool,
    decided_on: datetime.date,
) -> Complaint | None:
    rng = world.rng
    appeal = not granted and rng.random() < 0.35
    quality = granted and rng.random() < 0.02
    if not (appeal or quality):
        return None
    lodged = min(world.today, decided_on + datetime.timedelta(days=rng.randint(3, 25)))
    if appeal:
        status, outcome = rng.choices(COMPLAINT_OUTCOMES, [15, 20, 30, 10, 15, 10])[0]
    else:
        status, outcome = rng.choices(
            [(ComplaintStatus.ANSWERED, ""), (ComplaintStatus.REGISTERED, "")], [80, 20]
        )[0]
    return Complaint(
        pk=world.next_id(Complaint),
        municipality_id=plan.pk,
        case_id=case_id,
        decision_id=decision_id if appeal else None,
        kind="appeal" if appeal else "quality",
        status=status,
        channel="letter",
        lodged_on=lodged,
        complainant="Foreldrene" if plan.country == Country.NORWAY else "Foreldrarnir",
        written=True,
        signed=True,
        known_on=decided_on + datetime.timedelta(days=2),
        deadline=decided_on + datetime.timedelta(days=23),
        in_time=True,
        authority_outcome=outcome,
        registered_by_id=rng.choice(plan.officers),
        registered_at=_moment(lodged, rng),
    )


GOALS = {
    Country.NORWAY: (
        "Trives og har venner i barnehagen",
        "Går på skolen hver dag",
        "Sover hele natten",
        "Deltar i en fritidsaktivitet",
        "Foreldrene får avlastning",
        "Kommuniserer behov med tegn og ord",
    ),
    Country.ICELAND: (
        "Líður vel í skólanum",
        "Mætir í skólann á hverjum degi",
        "Sefur alla nóttina",
        "Tekur þátt í tómstundastarfi",
        "Foreldrar fá hvíldarinnlögn",
        "Tjáir þarfir sínar með táknum og orðum",
    ),
}
MEASURES = {
    Country.NORWAY: (
        "Spesialpedagog 2 timer i uken",
        "Avlastning én helg i måneden",
        "Fysioterapi",
        "Samtaler med PPT",
    ),
    Country.ICELAND: (
        "Stuðningur í skóla",
        "Skammtímavistun eina helgi í mánuði",
        "Sjúkraþjálfun",
        "Viðtöl við sálfræðing",
    ),
}
GOALS_PER_PLAN = 5
MEASURES_PER_GOAL = 2
REVIEW_EVERY = datetime.timedelta(days=182)


def _plans(world: World, writer: Writer) -> None:
    """Plans for the families who asked for one, with goals, measures and half-yearly reviews:
    most reviews held, some overdue; most measures done by their end date, some late."""
    rng = world.rng
    today = world.today
    plans: list[Plan] = []
    goals: list[Goal] = []
    measures: list[Measure] = []
    reviews: list[Review] = []
    for area in world.municipalities:
        country = Country(area.country)
        kind = PlanKind.SUPPORT_PLAN if country == Country.ICELAND else PlanKind.INDIVIDUAL_PLAN
        for family_id, child_id, coordinator, appointed_on in area.planned:
            start = appointed_on + datetime.timedelta(days=rng.randint(21, 60))
            if start > today:
                continue  # still being made
            if start + datetime.timedelta(days=730) < today:
                start = today - datetime.timedelta(days=rng.randint(0, 700))  # a renewed plan
            end = start + datetime.timedelta(days=730)
            plan_id = world.next_id(Plan)
            made = _moment(start, rng)
            plans.append(
                Plan(
                    pk=plan_id,
                    municipality_id=area.pk,
                    family_id=family_id,
                    child_id=child_id,
                    kind=kind,
                    coordinator_id=coordinator,
                    period_start=start,
                    period_end=end,
                    consent_to_plan_on=start,
                    version=1,
                    created_at=made,
                    updated_at=made,
                )
            )
            for position, text in enumerate(rng.sample(GOALS[country], GOALS_PER_PLAN)):
                goal_id = world.next_id(Goal)
                goals.append(
                    Goal(pk=goal_id, municipality_id=area.pk, plan_id=plan_id, position=position, text=text)
                )
                for _ in range(MEASURES_PER_GOAL):
                    starts = start + datetime.timedelta(days=rng.randint(0, 300))
                    ends = starts + datetime.timedelta(days=rng.randint(60, 365))
                    if ends < today:
                        status = rng.choices(
                            [MeasureStatus.DONE, MeasureStatus.UNDER_WAY, MeasureStatus.STOPPED], [70, 25, 5]
                        )[0]
                    else:
                        status = MeasureStatus.UNDER_WAY if starts <= today else MeasureStatus.PLANNED
                    measures.append(
                        Measure(
                            pk=world.next_id(Measure),
                            municipality_id=area.pk,
                            plan_id=plan_id,
                            goal_id=goal_id,
                            title=rng.choice(MEASURES[country]),
                            responsible_unit_id=rng.choice(area.service_units),
                            starts_on=starts,
                            ends_on=ends,
                            status=status,
                        )
                    )
            scheduled = start + REVIEW_EVERY
            while scheduled <= today + datetime.timedelta(days=60):
                held = scheduled < today and rng.random() < 0.85
                reviews.append(
                    Review(
                        pk=world.next_id(Review),
                        municipality_id=area.pk,
                        plan_id=plan_id,
                        scheduled_on=scheduled,
                        held_on=scheduled + datetime.timedelta(days=rng.randint(0, 10)) if held else None,
                    )
                )
                scheduled += REVIEW_EVERY
    writer.objects("plans", plans)
    writer.objects("goals", goals)
    writer.objects("measures", measures)
    writer.objects("reviews", reviews)
    world.counts.update(plans=len(plans), goals=len(goals), measures=len(measures), reviews=len(reviews))


# A meeting about once a month: every third one the whole responsibility group (support team),
# the two between a follow-up talk with the family.
MEETING_EVERY = datetime.timedelta(days=30)
GROUP_MEETING_EVERY = 3
MEETING_TITLE = {Country.NORWAY: "Ansvarsgruppemøte", Country.ICELAND: "Fundur stuðningsteymis"}
FOLLOW_UP_TITLE = {Country.NORWAY: "Oppfølgingssamtale", Country.ICELAND: "Eftirfylgnisamtal"}
MEETING_MINUTES = {
    Country.NORWAY: "Gikk gjennom tiltakene. Avtalt neste møte.",
    Country.ICELAND: "Farið yfir aðgerðir. Næsti fundur ákveðinn.",
}


def _meetings(world: World, writer: Writer) -> None:
    """A meeting about once a month for each family with a coordinator, from the appointment to
    a month ahead — every third one the responsibility group (support team), the others a
    follow-up talk: held, some cancelled, the next one scheduled. The coordinator organises; a
    guardian takes part."""
    rng = world.rng
    today = world.today
    meetings: list[Meeting] = []
    participants: list[MeetingParticipant] = []
    for area in world.municipalities:
        country = Country(area.country)
        group = MeetingKind.SUPPORT_TEAM if country == Country.ICELAND else MeetingKind.RESPONSIBILITY_GROUP
        families = {
            family_id: (child_ids, guardian_ids) for family_id, child_ids, guardian_ids in area.family_rows
        }
        for family_id, coordinator in area.coordinated.items():
            child_ids, guardian_ids = families[family_id]
            day = area.since[family_id] + datetime.timedelta(days=rng.randint(14, 60))
            number = 0
            while day <= today + datetime.timedelta(days=30):
                is_group = number % GROUP_MEETING_EVERY == 0
                number += 1
                starts = timezone.make_aware(
                    datetime.datetime.combine(day, datetime.time(rng.randint(8, 14)))
                )
                if day >= today:
                    status = MeetingStatus.SCHEDULED
                else:
                    status = MeetingStatus.CANCELLED if rng.random() < 0.08 else MeetingStatus.HELD
                held = status == MeetingStatus.HELD
                meeting_id = world.next_id(Meeting)
                meetings.append(
                    Meeting(
                        pk=meeting_id,
                        municipality_id=area.pk,
                        family_id=family_id,
                        child_id=child_ids[0],
                        kind=group if is_group else MeetingKind.OTHER,
                        title=(MEETING_TITLE if is_group else FOLLOW_UP_TITLE)[country],
                        starts_at=starts,
                        ends_at=starts + datetime.timedelta(hours=1),
                        location=area.unit_names[area.coordinating_units[0]],
                        status=status,
                        minutes=MEETING_MINUTES[country] if held else "",
                        minutes_written_at=starts + datetime.timedelta(days=1) if held else None,
                        organiser_id=coordinator,
                        uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                        created_at=starts - datetime.timedelta(days=21),
                    )
                )
                name, _role, _unit = world.staff[coordinator]
                participants.append(
                    MeetingParticipant(
                        pk=world.next_id(MeetingParticipant),
                        municipality_id=area.pk,
                        meeting_id=meeting_id,
                        kind=ParticipantKind.STAFF,
                        user_id=coordinator,
                        name=name,
                        role="Koordinator" if country == Country.NORWAY else "Málstjóri",
                    )
                )
                participants.append(
                    MeetingParticipant(
                        pk=world.next_id(MeetingParticipant),
                        municipality_id=area.pk,
                        meeting_id=meeting_id,
                        kind=ParticipantKind.FAMILY,
                        guardian_id=guardian_ids[0],
                        name="Foresatt" if country == Country.NORWAY else "Forráðamaður",
                    )
                )
                day += MEETING_EVERY + datetime.timedelta(days=rng.randint(-7, 7))
    writer.objects("meetings", meetings)
    writer.objects("meeting participants", participants)
    world.counts.update(meetings=len(meetings), meeting_participants=len(participants))


CONTACT_SUMMARY = {
    Country.NORWAY: "Snakket om hvordan det går, og hva som skal skje fram til neste gang.",
    Country.ICELAND: "Rætt um hvernig gengur og hvað gerist fram að næsta fundi.",
}


def _contacts(world: World, writer: Writer) -> None:
    """The coordinator's contact log (service records): a few contacts a year per family."""
    rng = world.rng
    contacts: list[Contact] = []
    kinds = list(ContactKind.values)
    rights = list(Right.values)
    for area in world.municipalities:
        summary = CONTACT_SUMMARY[Country(area.country)]
        for family_id, coordinator in area.coordinated.items():
            since = area.since[family_id]
            span = max(1, (world.today - since).days)
            for _ in range(rng.randint(3, 13)):
                day = since + datetime.timedelta(days=rng.randint(0, span))
                contacts.append(
                    Contact(
                        pk=world.next_id(Contact),
                        municipality_id=area.pk,
                        family_id=family_id,
                        occurred_on=day,
                        kind=rng.choice(kinds),
                        people="Foreldrene" if area.country == Country.NORWAY else "Foreldrarnir",
                        summary=summary,
                        category="coordinator",
                        rights=rng.sample(rights, rng.randint(0, 2)),
                        recorded_by_id=coordinator,
                        recorded_at=_moment(day, rng),
                    )
                )
    writer.objects("contact log", contacts)
    world.counts["contacts"] = len(contacts)


ACCESS_COLUMNS = ("id", *ACCESS_EVENT_COLUMNS)
CHUNK = 50_000
PURPOSE_OF_ROLE = {
    Role.COORDINATOR.value: "coordination",
    Role.OFFICER.value: "case_processing",
    Role.LEADER.value: "leadership",
    Role.SERVICE_CONTACT.value: "service_delivery",
}


def _access_log(world: World, writer: Writer) -> None:
    """Reads over the last year, in time order per municipality, each linked to the one before
    (hashes computed here in batches; the same functions as the live writer)."""
    total = sum(plan.families * world.scale.events_per_family for plan in world.municipalities)
    heads: list[AuditChainHead] = []

    def rows() -> Iterator[tuple[Any, ...]]:
        rng = world.rng
        next_pk = 1
        window_end = timezone.make_aware(datetime.datetime.combine(world.today, datetime.time(7)))
        window = datetime.timedelta(days=365)
        for plan in world.municipalities:
            count = plan.families * world.scale.events_per_family
            prev = GENESIS_HASH
            seq = 0
            step = window / max(count, 1)
            moment = window_end - window
            address_prefix = f"10.{plan.pk % 250}."
            for _ in range(count):
                moment += step * (0.5 + rng.random())
                family_id, child_ids, _guardians = rng.choice(plan.family_rows)
                child_id = rng.choice(child_ids)
                coordinator = plan.coordinated.get(family_id)
                pick = rng.random()
                if coordinator and pick < 0.6:
                    actor = coordinator
                elif pick < 0.85:
                    actor = rng.choice(plan.officers)
                elif pick < 0.95:
                    actor = rng.choice(plan.service_contacts)
                else:
                    actor = rng.choice(plan.leaders)
                name, role, unit = world.staff[actor]
                action = "view" if rng.random() < 0.55 else "list"
                purpose = PURPOSE_OF_ROLE[role]
                address = f"{address_prefix}{rng.randint(0, 255)}.{rng.randint(1, 254)}"
                seq += 1
                occurred = moment
                content = canonical_content(
                    municipality_id=plan.pk,
                    seq=seq,
                    occurred_at=occurred,
                    actor_id=actor,
                    actor_name=name,
                    actor_role=role,
                    actor_unit=unit,
                    family_id=family_id,
                    child_id=child_id,
                    object_type="people.child",
                    object_id=str(child_id),
                    action=action,
                    purpose=purpose,
                    client_address=address,
                )
                digest = link_hash(prev, content)
                yield (
                    next_pk,
                    plan.pk,
                    seq,
                    occurred,
                    actor,
                    name,
                    role,
                    unit,
                    family_id,
                    child_id,
                    "people.child",
                    str(child_id),
                    action,
                    purpose,
                    address,
                    prev,
                    digest,
                )
                prev = digest
                next_pk += 1
            heads.append(AuditChainHead(municipality_id=plan.pk, seq=seq, hash=prev))

    writer.rows("access log", AccessEvent, ACCESS_COLUMNS, rows(), total)
    AuditChainHead.objects.bulk_create(heads, batch_size=BATCH)
    world.counts["access_events"] = total
