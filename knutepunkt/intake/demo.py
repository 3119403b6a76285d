"""The coordinating unit's week in the demo: requests at every step, made through the same services
the pages call, so the worklist, the case pages, the letters and the complaints show real history.

Called by ``knutepunkt.core.demo.load_demo`` once per demo municipality, after its families exist.
Only families without a coordinator get a case (a family never has two coordinators).
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from knutepunkt.access.context import Actor
from knutepunkt.complaints.models import ComplaintChannel, ComplaintKind
from knutepunkt.complaints.services import register_complaint
from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.intake import services
from knutepunkt.intake.models import Arrangement, Case, Channel, ConsentChannel, Outcome, ReferrerKind
from knutepunkt.people.models import Child, Role, User
from knutepunkt.tenancy.models import Municipality

NORWEGIAN_REASONS = {
    "serious_condition": (True, "Cerebral parese, bekreftet i epikrise fra Haukeland."),
    "long_term": (True, "Behovet vil vare gjennom hele oppveksten."),
    "complex": (True, "Fysioterapi, habilitering, PPT og avlastning er inne samtidig."),
    "coordinated": (True, "Tjenestene må planlegges sammen; familien bruker mye tid på å samordne."),
    "needs_health_and_care_services": (True, "Fysioterapi og avlastning fra kommunen."),
    "needs_other_welfare_services": (True, "Tilrettelagt barnehage og hjelpestønad fra NAV."),
    "needs_specialist_health_services": (False, "Ingen innleggelse planlagt nå."),
}
ICELANDIC_REASONS = {
    "multi_faceted_long_term": (True, "Þarf fjölþætta þjónustu til lengri tíma: talþjálfun, sjúkraþjálfun."),
    "child_protection_case": (False, "Barnavernd hefur ekki opnað mál."),
    "has_domicile": (True, "Á lögheimili í sveitarfélaginu."),
}


def _days(today: datetime.date, n: int) -> datetime.date:
    return today - datetime.timedelta(days=n)


def _uncovered_children(municipality: Municipality) -> QuerySet[Child]:
    covered = CoordinatorAssignment.objects.filter(municipality=municipality).values("family_id")
    return (
        Child.objects.filter(municipality=municipality, birth_date__isnull=False)
        .exclude(family_id__in=covered)
        .select_related("family")
        .order_by("pk")
    )


def _stage(child: Child, today: datetime.date) -> str:
    assert child.birth_date is not None
    age = (today - child.birth_date).days // 365
    if age < 1:
        return "infant"
    if age < 6:
        return "preschool"
    return "primary_school" if age < 16 else "secondary_school"


def _judge_all(actor: Actor, case: Case, today: datetime.date) -> None:
    if case.municipality.country == "IS":
        services.record_case_facts(
            actor=actor,
            case_id=case.pk,
            request_by="parents",
            stage=_stage(case.child, today),
            service_levels=[2, 3],
        )
        reasons = ICELANDIC_REASONS
    else:
        reasons = NORWEGIAN_REASONS
    for key, (value, reason) in reasons.items():
        services.record_judgement(actor=actor, case_id=case.pk, key=key, value=value, reason=reason)


def _consent(actor: Actor, case: Case, given_on: datetime.date, *, all_of_them: bool) -> None:
    guardians = list(case.family.guardians.filter(has_parental_responsibility=True).order_by("pk"))
    for guardian in guardians if all_of_them else guardians[:1]:
        services.record_appointment_consent(
            actor=actor,
            case_id=case.pk,
            guardian_id=guardian.pk,
            given_on=given_on,
            channel=ConsentChannel.DIGITAL,
        )


def load_intake_demo(*, municipality: Municipality, today: datetime.date) -> None:
    """A case for each family without a coordinator, at different steps: a new referral, one waiting
    for consent (overdue), and in Norway a refusal with a late complaint, in Iceland a grant."""
    officer = User.objects.filter(municipality=municipality, role=Role.OFFICER).order_by("username").first()
    coordinator = (
        User.objects.filter(municipality=municipality, role=Role.COORDINATOR).order_by("username").last()
    )
    # One child per family: a second case for a sibling would be a possible duplicate.
    first_by_family: dict[int, Child] = {}
    for child in _uncovered_children(municipality):
        first_by_family.setdefault(child.family_id, child)
    known = list(first_by_family.values())
    if officer is None or coordinator is None or len(known) < 3:
        return
    actor = Actor(officer)
    norway = municipality.country == "NO"

    def request(child: Child, days_ago: int, channel: Channel, **extra: object) -> Case:
        return services.register_request(
            actor=actor,
            channel=channel,
            received_on=_days(today, days_ago),
            child_id=child.pk,
            requested_by=("moren" if norway else "móðirin") if channel != Channel.REFERRAL else "",
            summary=(
                "Mange tjenester, ingen som har oversikten. Familien ber om én fast kontakt."
                if norway
                else "Margar þjónustur og enginn heldur utan um heildina. Fjölskyldan óskar eftir tengilið."
            ),
            **extra,  # type: ignore[arg-type]
        )

    # New: a GP's referral twelve days ago.
    request(
        known[0],
        12,
        Channel.REFERRAL,
        referrer_kind=ReferrerKind.GP,
        referrer_name="Dr. Lie" if norway else "Dr. Jónsdóttir",
        referrer_organisation="Legesenteret" if norway else "Heilsugæslan",
    )
    # Assessed, one guardian's consent still missing, waiting longer than the practice's 30 days.
    case = request(known[1], 38, Channel.IN_PERSON)
    services.start_assessment(actor=actor, case_id=case.pk)
    _judge_all(actor, case, today)
    _consent(actor, case, _days(today, 25), all_of_them=False)
    if not norway:
        # Granted and named, the case manager not started yet: the letter goes out through the worker.
        case = request(known[2], 45, Channel.LETTER)
        services.start_assessment(actor=actor, case_id=case.pk)
        _judge_all(actor, case, today)
        _consent(actor, case, _days(today, 12), all_of_them=True)
        services.decide_case(
            actor=actor,
            case_id=case.pk,
            outcome=Outcome.GRANTED,
            arrangement=Arrangement.CASE_MANAGER,
            coordinator_id=coordinator.pk,
            reasons="Öll skilyrði eru uppfyllt: þörf fyrir fjölþætta þjónustu til lengri tíma.",
            decided_on=_days(today, 6),
            known_on=_days(today, 4),
        )
        return
    # Refused eight weeks ago; the parents complained after the four weeks, with a reason.
    case = request(known[2], 80, Channel.PHONE)
    services.start_assessment(actor=actor, case_id=case.pk)
    services.record_judgement(
        actor=actor,
        case_id=case.pk,
        key="serious_condition",
        value=False,
        reason="Behovet er kortvarig etter operasjonen.",
    )
    refusal = services.decide_case(
        actor=actor,
        case_id=case.pk,
        outcome=Outcome.REFUSED,
        reasons="Vilkåret om alvorlig sykdom eller skade er ikke oppfylt.",
        decided_on=_days(today, 60),
        known_on=_days(today, 57),
    )
    register_complaint(
        actor=actor,
        case_id=case.pk,
        kind=ComplaintKind.APPEAL,
        channel=ComplaintChannel.LETTER,
        lodged_on=_days(today, 2),
        complainant="Foreldrene",
        written=True,
        signed=True,
        what="Vi mener behovet er langvarig: det kommer flere operasjoner.",
        change_wanted="At barnet får barnekoordinator.",
        late_excuse="Vedtaket kom mens barnet lå på sykehus, og vi fikk ikke åpnet posten.",
        decision_id=refusal.pk,
    )
