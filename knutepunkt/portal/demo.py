"""Demo sign-ins for the family's pages: a guardian in each demo municipality, and a young person
of 16 in Bergen, with a conversation, a consent to share and an article sent by the coordinator.

Called by ``manage.py load_demo`` after the municipalities are built; the accounts are made
directly (no invitation) so the demo can be tried at once. Same demo-only password as the staff.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from knutepunkt.consent.models import Category, SharingConsent
from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.core.demo import DEMO_PASSWORD
from knutepunkt.guidance.articles import articles_for
from knutepunkt.guidance.models import GuidanceSent
from knutepunkt.people.models import Child, Family, Guardian, User
from knutepunkt.portal.models import FamilyAccount, Message, MessageThread
from knutepunkt.portal.rules import HEALTH_MAJORITY_AGE
from knutepunkt.tenancy.models import Municipality, Unit, UnitKind


@dataclass(frozen=True)
class FamilyLogin:
    username: str
    family: str  # the demo family's name; its first guardian (or its child) signs in
    young_person: bool = False


FAMILY_LOGINS: dict[tuple[str, str], tuple[FamilyLogin, ...]] = {
    ("NO", "4601"): (FamilyLogin("bergen.forelder", "Johansen"), FamilyLogin("bergen.ungdom", "Dahl", True)),
    ("NO", "4640"): (FamilyLogin("sogndal.forelder", ""),),
    ("IS", "6000"): (FamilyLogin("akureyri.foreldri", ""),),
}

# What the demo family wrote, and the coordinator's answer, in the municipality's language.
CONVERSATION = {
    "nb": (
        "Møte med skolen",
        "Kan du være med på møtet med skolen neste uke?",
        "Ja, jeg kommer. Jeg tar med PPT også.",
    ),
    "nn": (
        "Møte med skulen",
        "Kan du vere med på møtet med skulen neste veke?",
        "Ja, eg kjem. Eg tek med PPT òg.",
    ),
    "is": (
        "Fundur með skólanum",
        "Getur þú komið á fundinn með skólanum í næstu viku?",
        "Já, ég kem. Ég tek líka með sálfræðing skólans.",
    ),
}
YOUNG_CONVERSATION = {
    "nb": (
        "Bare mellom oss",
        "Kan vi snakke om skolen uten at pappa er med?",
        "Ja, det kan vi. Når passer det for deg?",
    ),
}


def _family(municipality: Municipality, name: str, today: datetime.date) -> Family | None:
    with_coordinator = Family.objects.filter(
        municipality=municipality,
        coordinator_assignments__in=CoordinatorAssignment.objects.active_on(today),
    ).order_by("name", "pk")
    if name:
        with_coordinator = with_coordinator.filter(name=name)
    return with_coordinator.first()


def _user(municipality: Municipality, username: str, person: Guardian | Child, password: str) -> User:
    user = User(
        username=username,
        first_name=person.given_name,
        last_name=person.family_name,
        email=person.email if isinstance(person, Guardian) else "",
        municipality=municipality,
        role="",
        password=password,
    )
    user.full_clean()
    user.save()
    return user


def _conversation(
    family: Family, user: User, coordinator: User, texts: tuple[str, str, str], *, child: Child | None = None
) -> None:
    now = timezone.now()
    subject, question, answer = texts
    thread = MessageThread.objects.create(
        municipality=family.municipality,
        family=family,
        child=child,
        subject=subject,
        started_by=user,
        started_at=now - datetime.timedelta(days=2),
        last_message_at=now - datetime.timedelta(days=1),
        hidden_from_guardians=child is not None,
    )
    Message.objects.create(
        municipality=family.municipality, thread=thread, author=user, body=question, sent_at=thread.started_at
    )
    Message.objects.create(
        municipality=family.municipality,
        thread=thread,
        author=coordinator,
        body=answer,
        sent_at=thread.last_message_at,
    )


def load_portal_demo(municipality: Municipality) -> list[str]:
    """The family sign-ins of one demo municipality; returns their usernames. Re-running skips
    the sign-ins that exist."""
    today = timezone.localdate()
    password = make_password(DEMO_PASSWORD)
    made = []
    with transaction.atomic():
        for login in FAMILY_LOGINS.get((municipality.country, municipality.number), ()):
            if User.objects.filter(username=login.username).exists():
                continue
            family = _family(municipality, login.family, today)
            if family is None:
                continue
            assignment = CoordinatorAssignment.objects.active_on(today).filter(family=family).first()
            assert assignment is not None
            coordinator = assignment.coordinator
            if login.young_person:
                child = next(
                    (
                        c
                        for c in family.children.order_by("pk")
                        if (c.age_on(today) or 0) >= HEALTH_MAJORITY_AGE
                    ),
                    None,
                )
                if child is None:
                    continue
                user = _user(municipality, login.username, child, password)
                FamilyAccount.objects.create(municipality=municipality, user=user, family=family, child=child)
                texts = YOUNG_CONVERSATION.get(municipality.language)
                if texts:
                    _conversation(family, user, coordinator, texts, child=child)
            else:
                guardian = family.guardians.filter(has_parental_responsibility=True).order_by("pk").first()
                if guardian is None:
                    continue
                user = _user(municipality, login.username, guardian, password)
                FamilyAccount.objects.create(
                    municipality=municipality,
                    user=user,
                    family=family,
                    guardian=guardian,
                    national_id=guardian.national_id,
                )
                guardian.user = user
                guardian.save(update_fields=["user"])
                _conversation(family, user, coordinator, CONVERSATION[municipality.language])
                school = (
                    Unit.objects.filter(
                        municipality=municipality, kind__in=[UnitKind.SCHOOL, UnitKind.KINDERGARTEN]
                    )
                    .order_by("pk")
                    .first()
                )
                if school is not None:
                    SharingConsent.objects.create(
                        municipality=municipality,
                        family=family,
                        unit=school,
                        categories=[Category.BASICS, Category.SCHOOL, Category.PLAN],
                        given_by=guardian,
                        valid_from=today - datetime.timedelta(days=60),
                        recorded_by=coordinator,
                    )
                article = articles_for(municipality.country)[0]
                GuidanceSent.objects.create(
                    municipality=municipality, family=family, article=article.slug, sent_by=coordinator
                )
            made.append(login.username)
    return made
