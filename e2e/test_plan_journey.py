"""The plan and meetings in a browser: create a plan -> goals and measures -> a second person edits
the plan at the same time and is refused with their text kept -> the guardian signs off (through
``sign_plan``, the service the family portal calls: the portal's sign-off page is not built yet)
and a second guardian's paper signature is recorded in the browser -> the PDF holds the goals ->
a meeting is scheduled and its .ics parses -> minutes with an action item -> with the clock moved
on, the reminder task runs and the e-mails are in the outbox. axe on every page, a screenshot of
each."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Page, expect

from e2e.conftest import PageOpener, allow_console_error, axe_check, login, screenshot, switch_language
from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant
from knutepunkt.meetings.models import Meeting
from knutepunkt.notifications.models import OutboxEmail, OutboxStatus
from knutepunkt.notifications.tasks import run_reminder_scan
from knutepunkt.people.tests.factories import GuardianFactory, UserFactory
from knutepunkt.plans import services as plan_services
from knutepunkt.plans.models import Plan, Signature, SignatureMethod

pytestmark = pytest.mark.browser
TODAY = timezone.localdate()
GOALS = ["Walk to school with friends", "Sleep through the night"]


def _check(page: Page, name: str) -> None:
    axe_check(page)
    screenshot(page, f"plan-journey-{name}")


def _submit(page: Page, label: str) -> None:
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name=label).click()


def _create_plan(page: Page, t: Tenant) -> Plan:
    page.goto(f"/children/{t.child.pk}/")
    page.get_by_role("link", name="The child's plan").click()
    expect(page.locator("main h1")).to_contain_text("New plan for")
    _check(page, "create")
    page.get_by_label("Individual plan").check()
    page.get_by_label("Plan period from").fill(TODAY.isoformat())
    page.get_by_label("Plan period to").fill((TODAY + datetime.timedelta(days=365)).isoformat())
    page.get_by_label("In the child's own words").fill("I want to walk to school like my friends.")
    page.get_by_label("Consent to the plan given on").fill(TODAY.isoformat())
    page.get_by_label("Consent to the plan given by").fill("Both parents")
    _submit(page, "Save")
    expect(page.locator(".kp-messages")).to_contain_text("The plan is created")
    return Plan.objects.get(child=t.child)


def _add_goals_and_measures(page: Page, t: Tenant, plan: Plan) -> None:
    for n, goal in enumerate(GOALS):
        page.goto(f"/plans/{plan.pk}/")
        page.get_by_role("link", name="Add a goal").click()
        if n == 0:
            _check(page, "goal")
        page.get_by_label("Goal", exact=True).fill(goal)
        _submit(page, "Save")
    page.get_by_role("link", name="Add a measure").click()
    page.get_by_label("Measure", exact=True).fill("Assistant on the way to school")
    page.get_by_label("Goal it serves").select_option(label=GOALS[0])
    page.get_by_label("Scope").fill("Every school day")
    page.get_by_label("How it is carried out").fill("Walks with the child from home and back")
    page.get_by_label("Responsible service").select_option(label=t.school.name)
    page.get_by_label("Responsible person").fill("Teacher Hansen")
    page.get_by_label("Start", exact=True).fill(TODAY.isoformat())
    page.locator("#id_ends_on").fill((TODAY + datetime.timedelta(days=30)).isoformat())
    page.get_by_label("Under way").check()
    _check(page, "measure")
    _submit(page, "Save")
    expect(page.locator("#measures")).to_contain_text("Assistant on the way to school")
    expect(page.locator("#goals")).to_contain_text(GOALS[1])
    _check(page, "plan")


def _conflict(page: Page, other: Page, plan: Plan) -> None:
    """Both open the plan's form; the coordinator saves first; the officer's save is refused and
    the officer's text is still in the form."""
    page.goto(f"/plans/{plan.pk}/edit/")
    other.goto(f"/plans/{plan.pk}/edit/")
    page.get_by_label("Resources").fill("Loves music and swimming")
    _submit(page, "Save")
    theirs = "Grandmother helps every Tuesday"
    allow_console_error(other, r"status of 409 \(Conflict\)")  # the refusal is the point
    other.get_by_label("Resources").fill(theirs)
    with other.expect_navigation():
        other.locator("main form").get_by_role("button", name="Save").click()
    expect(other.locator("#error-summary")).to_contain_text("Someone else saved the plan")
    expect(other.get_by_label("Resources")).to_have_value(theirs)
    _check(other, "conflict")
    other.get_by_role("link", name="See what the other person changed").click()
    expect(other.locator("ins.kp-ins").first).to_contain_text("Loves music")
    _check(other, "compare")
    plan.refresh_from_db()
    assert plan.resources == "Loves music and swimming"


def _sign_off(page: Page, t: Tenant, plan: Plan) -> None:
    plan.refresh_from_db()
    guardian = t.family.guardians.order_by("pk").first()
    assert guardian is not None
    guardian.user = UserFactory.create(municipality=None, unit=None, role="")
    guardian.save()
    assert guardian.user is not None
    # The family portal calls this service when a guardian signs; its page is not on main yet.
    plan_services.sign_plan(actor=Actor(guardian.user), plan_id=plan.pk, version=plan.version)
    paper_signer = t.family.guardians.exclude(pk=guardian.pk).order_by("pk").first()
    assert paper_signer is not None
    page.goto(f"/plans/{plan.pk}/")
    page.get_by_role("link", name="Record a signature given on paper").click()
    page.get_by_label(str(paper_signer)).check()
    page.get_by_label("Date on the signed paper").fill(TODAY.isoformat())
    _check(page, "paper-signature")
    _submit(page, "Save")
    expect(page.locator("main")).to_contain_text("Signed on paper")
    methods = set(Signature.objects.filter(plan=plan, version=plan.version).values_list("method", flat=True))
    assert methods == {SignatureMethod.PORTAL, SignatureMethod.PAPER}


def _pdf_holds_the_goals(page: Page, plan: Plan, tmp_path: Path) -> None:
    response = page.request.get(f"/plans/{plan.pk}/document/full/")
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for goal in GOALS:
        assert goal in text
    assert "Mål" in text  # the family's language (bokmål), whatever the reader's


def _schedule_meeting(page: Page, t: Tenant) -> Meeting:
    page.goto(f"/children/{t.child.pk}/")
    page.locator("main").get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Schedule a meeting").click()
    tomorrow = TODAY + datetime.timedelta(days=1)
    page.get_by_label("Title").fill("Responsibility group, spring")
    page.get_by_label("Date").fill(tomorrow.isoformat())
    page.get_by_label("From").fill("09:00")
    page.get_by_label("To", exact=True).fill("10:30")
    page.get_by_label("Place").fill("Bergen town hall, room 4")
    page.get_by_label("Agenda").fill("1. School\n2. Sleep")
    page.get_by_label("Other people, by e-mail").fill("Dr. Berg <berg@example.invalid>")
    _check(page, "schedule-meeting")
    _submit(page, "Schedule and send invitations")
    expect(page.locator(".kp-messages")).to_contain_text("The meeting is scheduled")
    _check(page, "meeting")
    meeting = Meeting.objects.get(child=t.child)
    ics = page.request.get(f"/meetings/{meeting.pk}/calendar.ics")
    (event,) = Calendar.from_ical(ics.body()).walk("VEVENT")
    assert str(event["uid"]) == f"{meeting.uid}@knutepunkt"
    assert event.decoded("dtstart") == meeting.starts_at
    invitation = next(m for m in mail.outbox if m.to == ["berg@example.invalid"])
    (attachment,) = invitation.attachments
    assert Calendar.from_ical(attachment[1]).walk("VEVENT")
    return meeting


def _minutes_with_an_action_item(page: Page, meeting: Meeting) -> None:
    # The meeting is held: time passes (the services refuse minutes before a meeting starts).
    meeting.starts_at -= datetime.timedelta(days=2)
    meeting.ends_at -= datetime.timedelta(days=2)
    meeting.save(update_fields=["starts_at", "ends_at"])
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Write the minutes").click()
    page.get_by_label("Minutes").fill("The school way works. Sleep is still hard.")
    _check(page, "minutes")
    _submit(page, "Save")
    page.get_by_role("link", name="Add an action item").click()
    page.get_by_label("What is to be done").fill("Ask the GP about a sleep assessment")
    page.get_by_label("Measure in the plan").select_option(label="Assistant on the way to school")
    page.get_by_label("Or someone else").fill("The mother")
    page.get_by_label("By when").fill((TODAY + datetime.timedelta(days=14)).isoformat())
    _check(page, "action-item")
    _submit(page, "Save")
    expect(page.locator("main")).to_contain_text("Ask the GP about a sleep assessment")
    expect(page.locator("#minutes")).to_contain_text("The school way works")
    _check(page, "meeting-held")


def test_plan_and_meetings_journey(open_page: PageOpener, tenant: Tenant, tmp_path: Path) -> None:
    t = tenant
    GuardianFactory.create(family=t.family)  # a second guardian with parental responsibility
    page = open_page()
    login(page, t.coordinator)
    switch_language(page, "en")
    plan = _create_plan(page, t)
    _add_goals_and_measures(page, t, plan)

    other = open_page()
    login(other, t.officer)
    switch_language(other, "en")
    _conflict(page, other, plan)

    _sign_off(page, t, plan)
    _pdf_holds_the_goals(page, plan, tmp_path)
    meeting = _schedule_meeting(page, t)
    _minutes_with_an_action_item(page, meeting)

    # With the clock moved on 40 days the measure (30 days) is late: the reminder task runs.
    mail.outbox.clear()
    later = TODAY + datetime.timedelta(days=40)
    result = run_reminder_scan.enqueue(later.isoformat())
    assert result.return_value is not None
    assert result.return_value["reminders"] >= 1
    late = [m for m in mail.outbox if m.to == [t.coordinator.email]]
    assert late, "the coordinator's reminder e-mail is not in the outbox"
    assert OutboxEmail.objects.filter(to=[t.coordinator.email], status=OutboxStatus.SENT).exists()
    assert run_reminder_scan.enqueue(later.isoformat()).return_value == {
        "reminders": 0,
        "digests": 0,
        "emails": 0,
    }

    page.goto("/inbox/")
    expect(page.locator("main")).to_contain_text("should have ended")
    _check(page, "inbox")


def test_reviews_a_moved_meeting_and_what_a_school_sees(open_page: PageOpener, tenant: Tenant) -> None:
    """In bokmål: a review is scheduled without JavaScript and recorded with an evaluation per
    goal; a meeting is moved (the update goes out with the same UID); the coordinator chooses a
    daily digest; the school's contact, with consent to "meetings" only, sees the minutes but not
    the health decision, and is refused the plan. (axe runs where JavaScript is on: it is a script.)"""
    from knutepunkt.consent.services import give_sharing_consent
    from knutepunkt.meetings import services as meeting_services
    from knutepunkt.meetings.tests.factories import at, hold, make_meeting
    from knutepunkt.plans.tests.factories import make_plan

    t = tenant
    plan = make_plan(t, goals=2, measures=2)
    no_js = open_page(javascript=False)
    login(no_js, t.coordinator)
    no_js.goto(f"/plans/{plan.pk}/")
    no_js.get_by_role("link", name="Sett opp en evaluering").click()
    no_js.get_by_label("Dato for evaluering").fill(TODAY.isoformat())
    _submit(no_js, "Lagre")
    expect(no_js.locator(".kp-messages")).to_contain_text("Evalueringen er satt opp")

    page = open_page()
    login(page, t.coordinator)
    page.goto(f"/plans/{plan.pk}/reviews/new/")
    _check(page, "nb-schedule-review")
    page.goto(f"/plans/{plan.pk}/")
    page.get_by_role("link", name="Registrer evalueringen").click()
    page.get_by_label("Holdt").fill(TODAY.isoformat())
    page.get_by_label("Oppsummering").fill("Godt møte med familien.")
    for goal in plan.goals.all():
        page.get_by_role("group", name=f"Hvor langt har dette målet kommet: {goal.text}").get_by_label(
            "Noe framgang"
        ).check()
    _check(page, "nb-record-review")
    _submit(page, "Lagre")
    expect(page.locator("#reviews")).to_contain_text("Noe framgang")
    _check(page, "nb-plan-with-review")

    meeting = make_meeting(t, days=7)
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Flytt møtet").click()
    page.get_by_label("Dato").fill(at(9).date().isoformat())
    page.get_by_label("Fra").fill("13:00")
    page.get_by_label("Til", exact=True).fill("14:00")
    _check(page, "nb-move-meeting")
    _submit(page, "Flytt og send oppdateringen")
    updates = [e for e in OutboxEmail.objects.order_by("pk") if e.to == ["berg@example.invalid"]]
    first, update = (Calendar.from_ical(e.attachments[0]["content"]).walk("VEVENT")[0] for e in updates)
    assert str(update["uid"]) == str(first["uid"])
    assert int(str(update["sequence"])) == int(str(first["sequence"])) + 1

    page.goto(f"/meetings/child/{t.child.pk}/")
    _check(page, "nb-meetings-list")
    page.goto("/inbox/settings/")
    page.get_by_label("Én e-post om dagen med alle nye varsler").check()
    _check(page, "nb-email-settings")
    _submit(page, "Lagre")
    expect(page.locator(".kp-messages")).to_contain_text("Valget ditt for e-post er lagret")

    held = hold(make_meeting(t, days=3, title="Held meeting"))
    actor = Actor(t.coordinator)
    held = meeting_services.record_minutes(
        actor=actor, meeting_id=held.pk, expected_version=held.version, minutes="Skolen fungerer."
    )
    meeting_services.add_decision(
        actor=actor, meeting_id=held.pk, expected_version=held.version, text="Skoleskyss"
    )
    meeting_services.add_decision(
        actor=actor,
        meeting_id=held.pk,
        expected_version=held.version + 1,
        text="Ny medisin fra mars",
        category="health",
    )
    guardian = t.family.guardians.first()
    assert guardian is not None
    give_sharing_consent(
        actor=actor,
        family_id=t.family.pk,
        unit_id=t.school.pk,
        categories=["basics", "meetings"],
        given_by_id=guardian.pk,
        valid_from=TODAY,
    )
    school = open_page()
    login(school, t.service_contact)
    school.goto(f"/meetings/{held.pk}/")
    expect(school.locator("main")).to_contain_text("Skoleskyss")
    expect(school.locator("main")).not_to_contain_text("Ny medisin")
    expect(school.locator("main")).to_contain_text("ikke delt med deg")
    _check(school, "nb-school-sees-minutes")
    allow_console_error(school, r"status of 404")
    response = school.goto(f"/plans/{plan.pk}/")
    assert response is not None
    assert response.status == 404
