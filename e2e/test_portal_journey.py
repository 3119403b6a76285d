"""The family's window, in a browser on a phone: a guardian signs in by invitation, sees the
coordinator and the next step, writes to the coordinator, withdraws a consent, finds the
coordinator's reading of the child's page in the log and downloads the family's data.

Every family page is also opened in all four languages, screenshotted, checked with axe, and
compared with the English rendering: a line that reads the same as in English and is not a name,
a number or an allowed proper noun is an untranslated string.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import PHONE, PageOpener, allow_console_error, axe_check, login, screenshot, switch_language
from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant
from knutepunkt.consent.models import Category, SharingConsent
from knutepunkt.directory.models import Agency, UserOrganisation
from knutepunkt.intake.models import Channel, DocumentKind
from knutepunkt.intake.services import register_request, store_generated_document
from knutepunkt.plans.models import Goal, Measure, Plan
from knutepunkt.plans.tests.factories import make_plan
from knutepunkt.portal import services
from knutepunkt.portal.models import FamilyAccount, Message, MessageThread
from knutepunkt.portal.tests.factories import young_person

pytestmark = pytest.mark.browser

LANGUAGES = ("en", "nb", "nn", "is")
PASSWORD = "blue kayak under the old bridge"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Words that read the same in English and in the other language, and rightly so.
SAME_IN_ENGLISH = {
    "nb": {"Send", "PDF", "Knutepunkt"},
    "nn": {"Send", "PDF", "Knutepunkt"},
    "is": {"PDF", "Knutepunkt"},
}
PROPER_NOUNS = {"Knutepunkt", "Statsforvalteren", "Pasient- og brukerombudet", "NAV", "GEV", "JSON", "PDF"}


@dataclass(frozen=True)
class Words:
    coordinator_heading: str
    next_heading: str
    write: str
    send: str
    withdraw_yes: str
    childs_page: str
    download_pdf: str
    download_json: str


WORDS = {
    "en": Words(
        coordinator_heading="Your coordinator",
        next_heading="What happens next, and by when",
        write="Write to the coordinator",
        send="Send",
        withdraw_yes="Yes, withdraw the consent",
        childs_page="the child's page",
        download_pdf="Download as PDF (to read or print)",
        download_json="Download as JSON (for other programs)",
    ),
    "nb": Words(
        coordinator_heading="Koordinatoren din",
        next_heading="Hva skjer nå, og når",
        write="Skriv til koordinatoren",
        send="Send",
        withdraw_yes="Ja, trekk tilbake samtykket",
        childs_page="barnets side",
        download_pdf="Last ned som PDF (for å lese eller skrive ut)",
        download_json="Last ned som JSON (for andre programmer)",
    ),
}


def _family_with_a_case(t: Tenant) -> SharingConsent:
    """The family waits for a decision on a request, has a letter, and consents to share with the
    school; the coordinator has a phone number."""
    t.coordinator.phone = "+47 55 00 11 22"
    t.coordinator.save(update_fields=["phone"])
    if t.child.birth_date is None or t.child.birth_date > datetime.date.today() - datetime.timedelta(
        days=400
    ):
        t.child.birth_date = datetime.date.today() - datetime.timedelta(days=7 * 365)
        t.child.save(update_fields=["birth_date"])
    case = register_request(
        actor=Actor(t.officer), channel=Channel.PHONE, received_on=datetime.date.today(), child_id=t.child.pk
    )
    store_generated_document(
        case=case, kind=DocumentKind.DECISION_LETTER, title="Letter", content=PDF, made_by=t.officer
    )
    make_plan(t)
    guardian = t.family.guardians.order_by("pk").first()
    assert guardian is not None
    return SharingConsent.objects.create(
        municipality=t.municipality,
        family=t.family,
        unit=t.school,
        categories=[Category.SCHOOL, Category.PLAN],
        given_by=guardian,
        valid_from=datetime.date.today() - datetime.timedelta(days=30),
        recorded_by=t.officer,
    )


def _invitation_link(page: Page, t: Tenant) -> str:
    """The coordinator makes the link on the staff page, as they would for a parent."""
    login(page, t.coordinator)
    page.goto(f"/conversations/invite/{t.family.pk}/")
    guardian = t.family.guardians.order_by("pk").first()
    assert guardian is not None
    page.get_by_label(str(guardian), exact=True).check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    link = page.locator("code.kp-link").inner_text().strip()
    assert "/family/welcome/" in link
    screenshot(page, "portal-staff-invite-en")
    return link


def test_a_guardian_on_a_phone_goes_through_the_family_pages(
    open_page: PageOpener, tenant: Tenant, other_tenant: Tenant, tmp_path: Path
) -> None:
    consent = _family_with_a_case(tenant)
    staff = open_page()
    staff.goto("/sign-in/")
    switch_language(staff, "en")
    link = _invitation_link(staff, tenant)

    page = open_page(viewport=PHONE)
    words = WORDS["nb"]
    # --- sign in by invitation
    page.goto(link)
    expect(page.locator("main h1")).to_have_text("Lag innloggingen din")
    axe_check(page)
    screenshot(page, "portal-journey-1-invitation-nb")
    page.get_by_label("Velg et brukernavn").fill("kari.hansen")
    page.get_by_label("Velg et passord").fill(PASSWORD)
    page.get_by_label("Skriv passordet en gang til").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre og logg inn").click()
    expect(page).to_have_url(re.compile(r"/family/$"))
    assert FamilyAccount.objects.filter(user__username="kari.hansen", family=tenant.family).exists()

    # --- the coordinator and the next step
    coordinator = page.get_by_role("region", name=words.coordinator_heading)
    expect(coordinator).to_contain_text(tenant.coordinator.get_full_name())
    expect(coordinator.get_by_role("link", name="+47 55 00 11 22")).to_have_attribute(
        "href", "tel:+47 55 00 11 22"
    )
    expect(coordinator).to_contain_text("hjemmebesøk")
    next_steps = page.get_by_role("region", name=words.next_heading)
    expect(next_steps).to_contain_text("Vi ser på henvendelsen deres")
    axe_check(page)
    screenshot(page, "portal-journey-2-home-nb")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]

    # --- read the plan
    plan = Plan.objects.get(child=tenant.child)
    with page.expect_navigation():
        page.get_by_role("link", name=f"Planen for {tenant.child.given_name}").click()
    expect(page.get_by_role("region", name="Det vi jobber mot")).to_contain_text("Goal number 1")
    expect(page.locator("main")).to_contain_text("Measure number 1")
    axe_check(page)
    screenshot(page, "portal-journey-2b-plan-nb")
    with page.expect_navigation():
        page.get_by_role("button", name="Jeg har lest planen og signerer den").click()
    expect(page.locator("main")).to_contain_text("Du har signert denne versjonen av planen.")
    assert plan.signatures.count() == 1
    page.goto("/family/")
    coordinator = page.get_by_role("region", name=words.coordinator_heading)

    # --- send a message
    with page.expect_navigation():
        coordinator.get_by_role("link", name=words.write).click()
    page.get_by_label("Hva gjelder det?").fill("Skolen og sykehuset")
    page.get_by_label("Meldingen din").fill("Hvem snakker med hvem før utskrivingen?")
    with page.expect_navigation():
        page.get_by_role("button", name=words.send).click()
    expect(page.locator("main h1")).to_have_text("Skolen og sykehuset")
    expect(page.locator(".kp-messages-list")).to_contain_text("Hvem snakker med hvem før utskrivingen?")
    axe_check(page)
    screenshot(page, "portal-journey-3-message-nb")

    # --- withdraw a consent
    page.goto("/family/consents/")
    with page.expect_navigation():
        page.get_by_role("link", name=f"Trekk tilbake samtykket for {tenant.school.name}").click()
    expect(page.locator("main")).to_contain_text("ikke lenger se opplysningene deres")
    axe_check(page)
    screenshot(page, "portal-journey-4-withdraw-nb")
    with page.expect_navigation():
        page.get_by_role("button", name=words.withdraw_yes).click()
    expect(page.get_by_role("status").first).to_contain_text("Samtykket er trukket tilbake")
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None

    # --- the coordinator reads the child's page; the family finds it in the log
    staff.goto(f"/children/{tenant.child.pk}/")
    page.goto("/family/who-has-looked/")
    entry = (
        page.locator(".kp-log__entry")
        .filter(has_text=tenant.coordinator.get_full_name())
        .filter(has_text=words.childs_page)
    )
    expect(entry.first).to_contain_text("Koordinering av familiens tjenester")
    axe_check(page)
    screenshot(page, "portal-journey-5-access-log-nb")

    # --- download the data export
    page.goto("/family/our-data/")
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name=words.download_pdf).click()
    pdf_path = tmp_path / "our-data.pdf"
    pdf_download.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    with page.expect_download() as json_download:
        page.get_by_role("link", name=words.download_json).click()
    json_path = tmp_path / "our-data.json"
    json_download.value.save_as(json_path)
    exported = json.loads(json_path.read_text(encoding="utf-8"))
    assert exported["conversations"][0]["subject"] == "Skolen og sykehuset"
    assert exported["consents_to_share"][0]["withdrawn_at"] is not None
    assert all(child["name"] != other_tenant.child.display_name for child in exported["children"])
    axe_check(page)
    screenshot(page, "portal-journey-6-our-data-nb")

    # --- and the coordinator reads the message on their side
    staff.goto("/conversations/")
    with staff.expect_navigation():
        staff.get_by_role("link", name="Skolen og sykehuset").click()
    expect(staff.locator(".kp-messages-list")).to_contain_text("Hvem snakker med hvem")
    axe_check(staff)
    screenshot(staff, "portal-staff-conversation-en")


def test_another_familys_pages_are_not_found_in_the_browser(
    phone_page: Page, tenant: Tenant, other_tenant: Tenant
) -> None:
    from knutepunkt.portal.tests.factories import guardian_user

    mine = guardian_user(tenant.family)
    theirs = guardian_user(other_tenant.family)
    thread = services.start_thread(actor=Actor(theirs), subject="Private", body="Not for others")
    login(phone_page, mine)
    allow_console_error(phone_page, r"status of 404 \(Not Found\)")
    response = phone_page.goto(f"/family/messages/{thread.pk}/")
    assert response is not None
    assert response.status == 404
    expect(phone_page.locator("main")).not_to_contain_text("Not for others")
    axe_check(phone_page)


def test_the_young_persons_version_hides_what_the_age_rules_hide(
    open_page: PageOpener, tenant: Tenant
) -> None:
    from knutepunkt.portal.tests.factories import guardian_user

    _family_with_a_case(tenant)
    _child, young = young_person(tenant.family, age=16)
    parent = guardian_user(tenant.family)
    services.start_thread(actor=Actor(parent), subject="Parents' question", body="About the school")
    page = open_page(viewport=PHONE, javascript=False)
    login(page, young)
    page.goto("/family/")
    expect(page.locator("main")).to_contain_text("Dette er dine egne sider")
    expect(page.locator("main nav")).not_to_contain_text("Klage")
    page.goto("/family/messages/new/")
    page.get_by_label("Hva gjelder det?").fill("Bare mellom oss")
    page.get_by_label("Meldingen din").fill("Kan vi snakke uten foreldrene mine?")
    page.get_by_label("Hold denne samtalen skjult for foreldrene mine").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send").click()
    # (axe needs scripts to run; this page is checked with scripts on below.)
    screenshot(page, "portal-young-person-thread-nb")
    page.goto("/family/messages/")
    expect(page.locator("main")).not_to_contain_text("Parents' question")
    screenshot(page, "portal-young-person-messages-nb")

    checked = open_page(viewport=PHONE)
    login(checked, young)
    checked.goto("/family/messages/")
    expect(checked.locator("main")).to_contain_text("Bare mellom oss")
    axe_check(checked)

    parent_page = open_page(viewport=PHONE)
    login(parent_page, parent)
    parent_page.goto("/family/messages/")
    expect(parent_page.locator("main")).to_contain_text("Parents' question")
    expect(parent_page.locator("main")).not_to_contain_text("Bare mellom oss")
    assert MessageThread.objects.filter(hidden_from_guardians=True).count() == 1


# --- Every page in every language, with no untranslated string --------------------------------


def _lines(page: Page) -> list[str]:
    text = page.locator("main").inner_text()
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


_DATA_PATTERN = re.compile(r"[\d.:/+–\-–,()@ ]+|[\w.+-]+@[\w.-]+")


def _untranslated(english: list[str], other: list[str], language: str, names: set[str]) -> list[str]:
    """Lines of ``other`` that read exactly as a line of the English page and hold words that are
    neither data (names, numbers, dates, addresses) nor allowed proper nouns."""
    same = set(english) & set(other)
    found = []
    for line in sorted(same):
        rest = line
        for name in sorted(names | PROPER_NOUNS | SAME_IN_ENGLISH[language], key=len, reverse=True):
            rest = rest.replace(name, " ")
        rest = _DATA_PATTERN.sub(" ", rest)
        rest = re.sub(r"[^\w]+", " ", rest).strip()
        if re.search(r"[^\W\d_]{2,}", rest):
            found.append(line)
    return found


def _data_names(t: Tenant) -> set[str]:
    """The names on the pages: people, family, units, the municipality, message text typed in."""
    names = {
        t.municipality.name,
        t.family.name,
        t.school.name,
        t.coordinating_unit.name,
        t.coordinator.get_full_name(),
        t.coordinator.email,
        *(str(g) for g in t.family.guardians.all()),
        *(c.display_name for c in t.family.children.all()),
        *(c.given_name for c in t.family.children.all()),
        *(u.name for u in t.municipality.units.all()),
        *Agency.objects.values_list("name", flat=True),
        *UserOrganisation.objects.values_list("name", flat=True),
        *MessageThread.objects.values_list("subject", flat=True),
        *Message.objects.values_list("body", flat=True),
        *Goal.objects.values_list("text", flat=True),
        *Measure.objects.values_list("title", flat=True),
        *(m.responsible for m in Measure.objects.select_related("responsible_unit")),
        *Plan.objects.values_list("child_own_words", flat=True),
    }
    if t.coordinator.unit:
        names.add(t.coordinator.unit.name)
    return {n for n in names if n}


def test_every_family_page_in_every_language(open_page: PageOpener, tenant: Tenant) -> None:
    from knutepunkt.portal.tests.factories import guardian_user

    consent = _family_with_a_case(tenant)
    user = guardian_user(tenant.family)
    thread = services.start_thread(actor=Actor(user), subject="Skole", body="Hei!")
    token = services.issue_invitation(
        actor=Actor(tenant.coordinator),
        family_id=tenant.family.pk,
        guardian_id=tenant.family.guardians.order_by("-pk").first().pk,  # type: ignore[union-attr]
    ).token
    pages = {
        "home": "/family/",
        "messages": "/family/messages/",
        "new-message": "/family/messages/new/",
        "thread": f"/family/messages/{thread.pk}/",
        "consents": "/family/consents/",
        "withdraw": f"/family/consents/{consent.pk}/withdraw/",
        "access-log": "/family/who-has-looked/",
        "ask": "/family/ask-for-a-coordinator/",
        "complain": "/family/complain/",
        "our-data": "/family/our-data/",
        "plan": f"/family/plan/{Plan.objects.get(child=tenant.child).pk}/",
        "meetings": "/family/meetings/",
        "guidance": "/guidance/",
        "article": "/guidance/barnekoordinator/",
    }
    names = _data_names(tenant) | {str(user), user.get_full_name(), user.first_name}
    failures: dict[str, list[str]] = {}
    english: dict[str, list[str]] = {}
    invitation = open_page(viewport=PHONE)
    family = open_page(viewport=PHONE)
    login(family, user)
    for language in LANGUAGES:
        invitation.goto(f"/family/welcome/{token}/")
        switch_language(invitation, language)
        family.goto("/family/")
        switch_language(family, language)
        visits = [(invitation, "invitation", f"/family/welcome/{token}/")]
        visits += [(family, name, path) for name, path in pages.items()]
        for page, name, path in visits:
            page.goto(path)
            expect(page.locator("html")).to_have_attribute("lang", language)
            axe_check(page)
            screenshot(page, f"portal-{name}-{language}")
            lines = _lines(page)
            if language == "en":
                english[name] = lines
            else:
                missing = _untranslated(english[name], lines, language, names)
                if missing:
                    failures[f"{name} ({language})"] = missing
    assert not failures, "untranslated text on the family pages:\n" + json.dumps(
        failures, indent=2, ensure_ascii=False
    )
