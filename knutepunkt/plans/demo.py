"""Demo plans and meetings: a few families in each demo municipality get a plan with goals,
measures in every status (one of them late), participants, a held review with an evaluation per
goal and one coming up, a paper signature; a past meeting with minutes, decisions and action
items; and a meeting coming up (one of them tomorrow, so the reminder scan has something to say).

Built straight from the models (validated with ``full_clean``), without the services: the demo
sends no invitations and writes no access log. Every plan still gets its versions. Running it
again adds nothing to a family that already has a plan.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from knutepunkt.consent.models import Category
from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.meetings.models import (
    ActionItem,
    Decision,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingStatus,
    ParticipantKind,
)
from knutepunkt.people.models import Child, User
from knutepunkt.plans.models import (
    Goal,
    GoalEvaluation,
    Measure,
    MeasureStatus,
    Participant,
    Plan,
    PlanKind,
    PlanVersion,
    Progress,
    Review,
    Signature,
    SignatureMethod,
)
from knutepunkt.plans.snapshot import snapshot
from knutepunkt.tenancy.models import Municipality, Unit, UnitKind

FAMILIES_WITH_A_PLAN = 4


@dataclass(frozen=True)
class Texts:
    goals: tuple[str, str, str]
    child_words: str
    needs: str
    resources: str
    contribution: str
    cooperation: str
    evaluation: str
    measures: tuple[str, str, str, str, str]
    how: str
    minutes: str
    decisions: tuple[str, str]
    actions: tuple[str, str]
    meeting: str
    agenda: str
    place: str
    review: str
    notes: tuple[str, str, str]
    consent_by: str


NORWEGIAN = Texts(
    goals=(
        "Gå til skolen sammen med venner, uten voksen følge",
        "Sove hele natta flere netter i uka",
        "Delta i fritidsaktivitet en gang i uka",
    ),
    child_words="Jeg vil gå til skolen sammen med Emil og spille fotball på onsdager.",
    needs="Trenger hjelp til å komme seg til og fra skolen og tilrettelegging i friminuttene. "
    "Foreldrene trenger avlastning og én person å forholde seg til.",
    resources="Glad i musikk og fotball. God støtte fra besteforeldre. Trives med faste rutiner.",
    contribution="Foreldrene følger opp søvnrutiner hjemme. Barnet øver på veien til skolen med mor.",
    cooperation="Skolen, PPT og fastlegen deler det familien har samtykket til, og møtes i ansvarsgruppe.",
    evaluation="Vi ser på målene i ansvarsgruppemøte hver tredje måned, med barnet til stede.",
    measures=(
        "Følge til og fra skolen",
        "Søvnkartlegging hos fastlegen",
        "Avlastning én helg i måneden",
        "Fysioterapi",
        "Plass på fotballag med assistent",
    ),
    how="Avtales med foreldrene; koordinator følger opp.",
    minutes="Gjennomgang av planen. Følgingen til skolen fungerer godt. Søvnen er fortsatt vanskelig; "
    "fastlegen henviser videre. Barnet fortalte selv om fotballen.",
    decisions=("Følgingen til skolen fortsetter ut skoleåret.", "Fastlegen henviser til søvnutredning."),
    actions=("Sende søknad om avlastning", "Avtale time for søvnutredning"),
    meeting="Ansvarsgruppemøte",
    agenda="1. Hvordan går det på skolen\n2. Søvn\n3. Avlastning\n4. Neste møte",
    place="Møterom 2, koordinerende enhet",
    review="Evaluering sammen med familien og skolen. Barnet deltok den første halvtimen.",
    notes=("Går nå alene siste del av veien.", "Fortsatt urolige netter.", "Har begynt på fotball."),
    consent_by="Begge foreldrene",
)

ICELANDIC = Texts(
    goals=(
        "Ganga í skólann með vinum án fylgdar fullorðinna",
        "Sofa alla nóttina nokkrar nætur í viku",
        "Taka þátt í tómstundastarfi einu sinni í viku",
    ),
    child_words="Mig langar að ganga í skólann með Jóni og æfa fótbolta á miðvikudögum.",
    needs="Þarf aðstoð við að komast í og úr skóla og stuðning í frímínútum. "
    "Foreldrar þurfa hvíldarþjónustu og einn tengilið.",
    resources="Hefur gaman af tónlist og fótbolta. Góður stuðningur frá afa og ömmu.",
    contribution="Foreldrar fylgja eftir svefnvenjum heima.",
    cooperation="Skólinn, heilsugæslan og félagsþjónustan vinna saman í stuðningsteyminu.",
    evaluation="Stuðningsteymið metur markmiðin á þriggja mánaða fresti með barninu.",
    measures=(
        "Fylgd í og úr skóla",
        "Svefnmat hjá heimilislækni",
        "Skammtímavistun eina helgi í mánuði",
        "Sjúkraþjálfun",
        "Fótboltaæfingar með stuðningsaðila",
    ),
    how="Samið við foreldra; tengiliður fylgir eftir.",
    minutes="Farið yfir áætlunina. Fylgdin í skólann gengur vel. Svefninn er enn erfiður.",
    decisions=("Fylgdin heldur áfram út skólaárið.", "Heimilislæknir vísar í svefnmat."),
    actions=("Sækja um skammtímavistun", "Bóka tíma í svefnmat"),
    meeting="Fundur stuðningsteymis",
    agenda="1. Skólinn\n2. Svefn\n3. Hvíldarþjónusta\n4. Næsti fundur",
    place="Fundarherbergi, félagsþjónustan",
    review="Endurmat með fjölskyldunni og skólanum.",
    notes=("Gengur nú einn síðasta spölinn.", "Enn órólegar nætur.", "Byrjaður í fótbolta."),
    consent_by="Báðir foreldrar",
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _unit(municipality: Municipality, *kinds: UnitKind) -> Unit | None:
    return municipality.units.filter(kind__in=kinds).order_by("pk").first()


def _version(plan: Plan, by: User, change: str, number: int) -> None:
    plan.version = number
    plan.save(update_fields=["version"])
    PlanVersion.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        number=number,
        content=snapshot(plan),
        saved_by=by,
        saved_by_name=by.get_full_name(),
        change=change,
    )


def _save(*rows: object) -> None:
    for row in rows:
        row.full_clean()  # type: ignore[attr-defined]
        row.save()  # type: ignore[attr-defined]


def load_demo_plans(municipality: Municipality, *, today: datetime.date | None = None) -> int:
    """Give the first few coordinated families with a born child a plan and meetings; how many."""
    today = today or timezone.localdate()
    texts = ICELANDIC if municipality.is_icelandic else NORWEGIAN
    assignments = (
        CoordinatorAssignment.objects.active_on(today)
        .filter(municipality=municipality)
        .select_related("family", "coordinator")
        .order_by("family__name", "pk")
    )
    made = 0
    with transaction.atomic():
        for assignment in assignments:
            if made >= FAMILIES_WITH_A_PLAN:
                break
            child = (
                Child.objects.filter(family=assignment.family, birth_date__isnull=False, plan__isnull=True)
                .order_by("birth_date")
                .first()
            )
            if child is None or Plan.objects.filter(family=assignment.family).exists():
                continue
            _plan(child, assignment.coordinator, texts, today=today, tomorrow_meeting=made == 0)
            made += 1
    return made


def _plan(child: Child, coordinator: User, t: Texts, *, today: datetime.date, tomorrow_meeting: bool) -> Plan:
    municipality = child.municipality
    school = _unit(municipality, UnitKind.SCHOOL, UnitKind.KINDERGARTEN)
    gp = _unit(municipality, UnitKind.GP_OFFICE, UnitKind.HEALTH_CENTRE)
    respite = _unit(municipality, UnitKind.RESPITE_CARE, UnitKind.SOCIAL_SERVICES)
    started = today - datetime.timedelta(days=120)
    plan = Plan(
        municipality=municipality,
        family=child.family,
        child=child,
        kind=PlanKind.SUPPORT_PLAN if municipality.is_icelandic else PlanKind.INDIVIDUAL_PLAN,
        coordinator=coordinator,
        period_start=started,
        period_end=started + datetime.timedelta(days=365),
        needs_assessment=t.needs,
        resources=t.resources,
        child_own_words=t.child_words,
        family_contribution=t.contribution,
        cooperation=t.cooperation,
        evaluation_method=t.evaluation,
        consent_to_plan_on=started - datetime.timedelta(days=7),
        consent_to_plan_by=t.consent_by,
    )
    _save(plan)
    _version(plan, coordinator, "Plan created", 1)
    goals = [
        Goal(municipality=municipality, plan=plan, position=n + 1, text=text)
        for n, text in enumerate(t.goals)
    ]
    goals[0].child_words = t.child_words
    _save(*goals)
    # Every status, and one measure under way past its end (late).
    statuses = [
        (MeasureStatus.UNDER_WAY, started, today + datetime.timedelta(days=200), school),
        (MeasureStatus.DONE, started, today - datetime.timedelta(days=30), gp),
        (
            MeasureStatus.PLANNED,
            today + datetime.timedelta(days=10),
            today + datetime.timedelta(days=100),
            respite,
        ),
        (MeasureStatus.STOPPED, started, today - datetime.timedelta(days=60), None),
        (MeasureStatus.UNDER_WAY, started, today - datetime.timedelta(days=5), school),
    ]
    measures = [
        Measure(
            municipality=municipality,
            plan=plan,
            goal=goals[n % len(goals)],
            title=title,
            scope="2 t/uke" if not municipality.is_icelandic else "2 klst./viku",
            how=t.how,
            responsible_unit=unit,
            responsible_agency="" if unit else "Fysioterapeut, privat praksis",
            starts_on=starts,
            ends_on=ends,
            status=status,
        )
        for n, (title, (status, starts, ends, unit)) in enumerate(zip(t.measures, statuses, strict=True))
    ]
    _save(*measures)
    guardians = list(child.family.guardians.filter(has_parental_responsibility=True).order_by("pk"))
    participants = [
        Participant(
            municipality=municipality,
            plan=plan,
            name=str(g),
            role=g.get_relation_display(),
            contributes=t.contribution,
        )
        for g in guardians[:2]
    ]
    if school:
        participants.append(
            Participant(
                municipality=municipality, plan=plan, name=school.name, unit=school, contributes=t.measures[0]
            )
        )
    if gp:
        participants.append(
            Participant(
                municipality=municipality, plan=plan, name=gp.name, unit=gp, contributes=t.measures[1]
            )
        )
    _save(*participants)
    _version(plan, coordinator, "Goals, measures and participants", 2)
    held = Review(
        municipality=municipality,
        plan=plan,
        scheduled_on=today - datetime.timedelta(days=30),
        held_on=today - datetime.timedelta(days=30),
        summary=t.review,
    )
    coming = Review(municipality=municipality, plan=plan, scheduled_on=today + datetime.timedelta(days=10))
    _save(held, coming)
    for goal, progress, note in zip(
        goals, (Progress.SOME, Progress.NOT_STARTED, Progress.REACHED), t.notes, strict=True
    ):
        _save(GoalEvaluation(municipality=municipality, review=held, goal=goal, progress=progress, note=note))
    _version(plan, coordinator, "Review recorded", 3)
    if guardians:
        _save(
            Signature(
                municipality=municipality,
                plan=plan,
                version=plan.version,
                guardian=guardians[0],
                method=SignatureMethod.PAPER,
                signed_on=today - datetime.timedelta(days=28),
                recorded_by=coordinator,
            )
        )
    _meetings(plan, coordinator, t, measures, today=today, tomorrow=tomorrow_meeting)
    return plan


def _meetings(
    plan: Plan, coordinator: User, t: Texts, measures: list[Measure], *, today: datetime.date, tomorrow: bool
) -> None:
    municipality = plan.municipality
    kind = MeetingKind.SUPPORT_TEAM if municipality.is_icelandic else MeetingKind.RESPONSIBILITY_GROUP
    past_day = today - datetime.timedelta(days=30)
    next_day = today + datetime.timedelta(days=1 if tomorrow else 21)
    past = Meeting(
        municipality=municipality,
        family=plan.family,
        child=plan.child,
        plan=plan,
        kind=kind,
        title=t.meeting,
        starts_at=_at(past_day, 9),
        ends_at=_at(past_day, 10),
        location=t.place,
        agenda=t.agenda,
        status=MeetingStatus.HELD,
        minutes=t.minutes,
        minutes_written_at=_at(past_day, 12),
        organiser=coordinator,
    )
    upcoming = Meeting(
        municipality=municipality,
        family=plan.family,
        child=plan.child,
        plan=plan,
        kind=kind,
        title=t.meeting,
        starts_at=_at(next_day, 13),
        ends_at=_at(next_day, 14),
        location=t.place,
        agenda=t.agenda,
        organiser=coordinator,
    )
    _save(past, upcoming)
    for meeting in (past, upcoming):
        people = [
            MeetingParticipant(
                municipality=municipality,
                meeting=meeting,
                kind=ParticipantKind.STAFF,
                user=coordinator,
                name=coordinator.get_full_name(),
                email=coordinator.email,
                role=coordinator.title,
            )
        ]
        for guardian in plan.family.guardians.filter(has_parental_responsibility=True).order_by("pk")[:2]:
            people.append(
                MeetingParticipant(
                    municipality=municipality,
                    meeting=meeting,
                    kind=ParticipantKind.FAMILY,
                    guardian=guardian,
                    name=str(guardian),
                    email=guardian.email,
                    role=guardian.get_relation_display(),
                )
            )
        _save(*people)
    _save(
        Decision(municipality=municipality, meeting=past, text=t.decisions[0], category=Category.SCHOOL),
        Decision(municipality=municipality, meeting=past, text=t.decisions[1], category=Category.HEALTH),
        ActionItem(
            municipality=municipality,
            meeting=past,
            text=t.actions[0],
            measure=measures[2],
            owner=coordinator,
            owner_name=coordinator.get_full_name(),
            due_on=today - datetime.timedelta(days=10),
            done_on=today - datetime.timedelta(days=12),
        ),
        ActionItem(
            municipality=municipality,
            meeting=past,
            text=t.actions[1],
            owner_name=str(plan.family.guardians.order_by("pk").first() or plan.family.name),
            due_on=today + datetime.timedelta(days=7),
            category=Category.HEALTH,
        ),
    )
