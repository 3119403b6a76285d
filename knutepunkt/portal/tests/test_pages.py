"""The family's pages: every page for the family's own data, 404 for every other family's page
and file, the child's version, and the coordinator's side of the conversations."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction, AccessEvent, Purpose
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.consent.models import Category, SharingConsent
from knutepunkt.intake.models import CaseDocument, DocumentKind
from knutepunkt.intake.services import store_generated_document
from knutepunkt.people.models import User
from knutepunkt.people.tests.factories import GuardianFactory
from knutepunkt.portal import services
from knutepunkt.portal.models import MessageAttachment, MessageThread
from knutepunkt.portal.tests.factories import guardian_user, png_upload, young_person

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class FamilyData:
    """One family's things the portal shows, each with an id in a URL."""

    user: User
    thread: MessageThread
    attachment: MessageAttachment
    consent: SharingConsent
    document: CaseDocument


def _family_data(t: Tenant, *, other: bool = False) -> FamilyData:
    family = t.other_family if other else t.family
    user = guardian_user(family)
    thread = services.start_thread(
        actor=Actor(user),
        subject="School and the hospital",
        body="Who talks to whom?",
        uploads=[png_upload()],
    )
    attachment = MessageAttachment.objects.get(message__thread=thread)
    guardian = family.guardians.order_by("pk").first()
    assert guardian is not None
    consent = SharingConsent.objects.create(
        municipality=t.municipality,
        family=family,
        unit=t.school,
        categories=[Category.SCHOOL, Category.PLAN],
        given_by=guardian,
        valid_from=timezone.localdate() - datetime.timedelta(days=10),
        recorded_by=t.officer,
    )
    from knutepunkt.intake.tests.factories import open_case

    if other:
        case = open_case(t)
    else:
        from knutepunkt.intake.models import Channel
        from knutepunkt.intake.services import register_request

        case = register_request(
            actor=Actor(t.officer),
            channel=Channel.PHONE,
            received_on=timezone.localdate(),
            child_id=t.child.pk,
        )
    document = store_generated_document(
        case=case, kind=DocumentKind.DECISION_LETTER, title="Decision letter", content=PDF, made_by=t.officer
    )
    return FamilyData(user=user, thread=thread, attachment=attachment, consent=consent, document=document)


def _urls_with_ids(data: FamilyData) -> list[str]:
    return [
        reverse("portal:thread", args=[data.thread.pk]),
        reverse("portal:attachment", args=[data.attachment.pk]),
        reverse("portal:document", args=[data.document.pk]),
        reverse("portal:withdraw_consent", args=[data.consent.pk]),
    ]


PAGES = [
    "portal:home",
    "portal:threads",
    "portal:new_thread",
    "portal:consents",
    "portal:access_log",
    "portal:ask",
    "portal:complain",
    "portal:our_data",
    "portal:export_json",
    "portal:export_pdf",
]


@pytest.fixture
def two_families(tenants: tuple[Tenant, Tenant]) -> tuple[FamilyData, FamilyData]:
    t, _other = tenants
    return _family_data(t), _family_data(t, other=True)


def test_every_page_answers_the_family(two_families: tuple[FamilyData, FamilyData]) -> None:
    mine, _theirs = two_families
    client = client_for(mine.user)
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    for url in _urls_with_ids(mine):
        assert client.get(url).status_code == 200, url


def test_every_page_and_file_of_another_family_is_404(two_families: tuple[FamilyData, FamilyData]) -> None:
    mine, theirs = two_families
    client = client_for(mine.user)
    for url in _urls_with_ids(theirs):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("portal:thread", args=[theirs.thread.pk]),
        reverse("portal:withdraw_consent", args=[theirs.consent.pk]),
    ):
        assert client.post(url, {"body": "hello"}).status_code == 404, url
    assert theirs.thread.messages.count() == 1
    assert SharingConsent.objects.get(pk=theirs.consent.pk).withdrawn_at is None


def test_pages_without_ids_show_only_the_own_family(two_families: tuple[FamilyData, FamilyData]) -> None:
    mine, theirs = two_families
    client = client_for(mine.user)
    for name in PAGES:
        if name == "portal:export_pdf":
            continue
        content = client.get(reverse(name)).content
        assert theirs.thread.family.name.encode() not in content, name


def test_another_municipality_family_member_gets_404(tenants: tuple[Tenant, Tenant]) -> None:
    t, other = tenants
    mine = _family_data(t)
    stranger = guardian_user(other.family)
    client = client_for(stranger)
    for url in _urls_with_ids(mine):
        assert client.get(url).status_code == 404, url


def test_staff_get_404_on_the_family_pages_and_family_on_staff_pages(tenant: Tenant) -> None:
    data = _family_data(tenant)
    staff = client_for(tenant.coordinator)
    for name in PAGES:
        assert staff.get(reverse(name)).status_code == 404, name
    family = client_for(data.user)
    assert family.get(reverse("people:child_detail", args=[tenant.child.pk])).status_code == 404
    assert family.get(reverse("portal_staff:conversations")).status_code == 403


def test_the_home_redirects_a_family_member_to_the_family_pages(tenant: Tenant) -> None:
    user = guardian_user(tenant.family)
    response = client_for(user).get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")


@override_settings(REQUIRE_2FA=True)
def test_the_staff_second_factor_does_not_block_a_family_member(tenant: Tenant) -> None:
    user = guardian_user(tenant.family)
    assert client_for(user).get(reverse("portal:home")).status_code == 200
    assert client_for(tenant.coordinator).get(reverse("core:home")).status_code == 302


def test_home_shows_the_coordinator_and_how_to_reach_them(tenant: Tenant) -> None:
    tenant.coordinator.phone = "+47 55 00 11 22"
    tenant.coordinator.save()
    user = guardian_user(tenant.family)
    content = client_for(user).get(reverse("portal:home")).content.decode()
    assert tenant.coordinator.get_full_name() in content
    assert "+47 55 00 11 22" in content
    assert "Office hours: Monday to Friday, 08:00–15:30" in content
    assert "home visit" in content


def test_home_shows_a_pending_decision_with_its_target_date(tenant: Tenant) -> None:
    from knutepunkt.intake.tests.factories import open_case

    case = open_case(tenant, days_ago=10)
    user = guardian_user(tenant.other_family)
    content = client_for(user).get(reverse("portal:home")).content.decode()
    target = case.received_on + datetime.timedelta(days=30)
    assert "We are looking at your request" in content
    assert target.strftime("%-d") in content
    assert "municipality&#x27;s practice" in content or "municipality's practice" in content


def test_home_shows_the_complaint_deadline_after_a_refusal(tenant: Tenant) -> None:
    from knutepunkt.complaints.tests.factories import refusal

    decision = refusal(tenant)
    user = guardian_user(tenant.other_family)
    content = client_for(user).get(reverse("portal:home")).content.decode()
    assert "Decision for" in content
    assert "Refused" in content
    assert "you can complain until this date" in content
    assert "Statsforvalteren" in content
    assert decision.known_on + datetime.timedelta(weeks=4) >= timezone.localdate()


def test_reading_a_page_is_logged_as_the_family_looking(tenant: Tenant) -> None:
    user = guardian_user(tenant.family)
    client_for(user).get(reverse("portal:home"))
    event = AccessEvent.objects.filter(actor=user).latest("seq")
    assert event.purpose == Purpose.FAMILY
    assert event.family == tenant.family


def test_the_access_log_shows_the_coordinator_reading_the_child_page(tenant: Tenant) -> None:
    client_for(tenant.coordinator).get(reverse("people:child_detail", args=[tenant.child.pk]))
    user = guardian_user(tenant.family)
    content = client_for(user).get(reverse("portal:access_log")).content.decode()
    assert tenant.coordinator.get_full_name() in content
    assert "the child&#x27;s page" in content
    assert "Coordinating the family" in content
    # and the reading of the log is itself logged
    assert AccessEvent.objects.filter(actor=user, action=AccessAction.LIST, purpose=Purpose.FAMILY).exists()


def test_the_family_withdraws_a_consent_and_the_service_loses_access(tenant: Tenant) -> None:
    data = _family_data(tenant)
    contact = client_for(tenant.service_contact)
    assert contact.get(reverse("people:child_detail", args=[tenant.child.pk])).status_code == 200
    client = client_for(data.user)
    confirm = client.get(reverse("portal:withdraw_consent", args=[data.consent.pk])).content.decode()
    assert "can no longer see your information" in confirm
    client.post(reverse("portal:withdraw_consent", args=[data.consent.pk]))
    assert SharingConsent.objects.get(pk=data.consent.pk).withdrawn_by == data.user
    assert contact.get(reverse("people:child_detail", args=[tenant.child.pk])).status_code == 404


def test_a_guardian_without_parental_responsibility_cannot_withdraw(tenant: Tenant) -> None:
    data = _family_data(tenant)
    stepfather = GuardianFactory.create(family=tenant.family, has_parental_responsibility=False)
    user = guardian_user(tenant.family, stepfather)
    client = client_for(user)
    assert client.get(reverse("portal:withdraw_consent", args=[data.consent.pk])).status_code == 404
    assert client.post(reverse("portal:withdraw_consent", args=[data.consent.pk])).status_code == 404
    assert SharingConsent.objects.get(pk=data.consent.pk).withdrawn_at is None


def test_a_message_tells_the_coordinator_without_its_content(
    tenant: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    user = guardian_user(tenant.family)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(
            reverse("portal:new_thread"),
            {"subject": "Respite care", "body": "Our son had a seizure at school."},
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[tenant.coordinator.email]]
    assert "seizure" not in mail.outbox[0].body
    assert "Respite" not in mail.outbox[0].subject


def test_an_attachment_that_is_not_what_it_claims_is_refused(tenant: Tenant) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = guardian_user(tenant.family)
    fake = SimpleUploadedFile(
        "letter.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = client_for(user).post(
        reverse("portal:new_thread"), {"subject": "Letter", "body": "See attached.", "attachments": [fake]}
    )
    assert response.status_code == 400
    assert "Only PDF documents" in response.content.decode()
    assert not MessageThread.objects.exists()


def test_the_coordinator_reads_and_answers(tenant: Tenant, django_capture_on_commit_callbacks: Any) -> None:
    data = _family_data(tenant)
    staff = client_for(tenant.coordinator)
    assert "School and the hospital" in staff.get(reverse("portal_staff:conversations")).content.decode()
    page = staff.get(reverse("portal_staff:conversation", args=[data.thread.pk]))
    assert "Who talks to whom?" in page.content.decode()
    assert staff.get(reverse("portal_staff:attachment", args=[data.attachment.pk])).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("portal_staff:conversation", args=[data.thread.pk]), {"body": "I will call the school."}
        )
    assert [m.to for m in mail.outbox] == [[data.user.email]]
    assert "call the school" not in mail.outbox[0].body
    family = client_for(data.user).get(reverse("portal:thread", args=[data.thread.pk])).content.decode()
    assert "I will call the school." in family


def test_another_coordinator_cannot_read_the_conversation(tenants: tuple[Tenant, Tenant]) -> None:
    t, other = tenants
    data = _family_data(t)
    for coordinator in (t.other_coordinator, other.coordinator):
        client = client_for(coordinator)
        assert client.get(reverse("portal_staff:conversation", args=[data.thread.pk])).status_code == 404
        assert client.get(reverse("portal_staff:attachment", args=[data.attachment.pk])).status_code == 404
    assert client_for(t.service_contact).get(reverse("portal_staff:conversations")).status_code == 403


def test_ask_for_a_coordinator_registers_an_electronic_request(tenant: Tenant) -> None:
    from knutepunkt.coordination.models import CoordinatorAssignment
    from knutepunkt.intake.models import Case, Channel

    CoordinatorAssignment.objects.filter(family=tenant.other_family).delete()
    user = guardian_user(tenant.other_family)
    client = client_for(user)
    page = client.get(reverse("portal:ask")).content.decode()
    assert "A phone call or a letter to the municipality is just as valid" in page
    response = client.post(
        reverse("portal:ask"), {"child": tenant.other_child.pk, "summary": "School is hard."}
    )
    assert response.status_code == 302
    case = Case.objects.get(child=tenant.other_child)
    assert case.channel == Channel.ELECTRONIC
    assert case.summary == "School is hard."


def test_asking_for_another_familys_child_is_refused(tenant: Tenant) -> None:
    from knutepunkt.intake.models import Case

    user = guardian_user(tenant.other_family)
    response = client_for(user).post(reverse("portal:ask"), {"child": tenant.child.pk, "summary": ""})
    assert response.status_code == 400
    assert not Case.objects.filter(child=tenant.child).exists()


def test_a_guardian_complains_about_a_refusal(tenant: Tenant) -> None:
    from knutepunkt.complaints.models import Complaint, ComplaintChannel, ComplaintStatus
    from knutepunkt.complaints.tests.factories import refusal

    decision = refusal(tenant)
    user = guardian_user(tenant.other_family)
    client = client_for(user)
    page = client.get(reverse("portal:complain")).content.decode()
    assert "must be sent by" in page
    assert "Statsforvalteren" in page
    response = client.post(
        reverse("portal:complain"),
        {
            "case": decision.case_id,
            "kind": "appeal",
            "what": "We were refused a coordinator.",
            "change_wanted": "That we get one.",
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get(case_id=decision.case_id)
    assert complaint.channel == ComplaintChannel.PORTAL
    assert complaint.written
    assert complaint.signed
    assert complaint.status == ComplaintStatus.REGISTERED
    assert "Registered" in client.get(reverse("portal:home")).content.decode().replace(
        "registered", "Registered"
    )


def test_a_complaint_without_what_is_wrong_is_refused(tenant: Tenant) -> None:
    from knutepunkt.complaints.models import Complaint
    from knutepunkt.complaints.tests.factories import refusal

    decision = refusal(tenant)
    user = guardian_user(tenant.other_family)
    response = client_for(user).post(
        reverse("portal:complain"),
        {"case": decision.case_id, "kind": "appeal", "what": "", "change_wanted": "x", "confirm": "on"},
    )
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_the_export_holds_the_family_data_and_is_logged(tenant: Tenant) -> None:
    data = _family_data(tenant)
    client = client_for(data.user)
    exported = json.loads(client.get(reverse("portal:export_json")).content)
    assert exported["conversations"][0]["subject"] == "School and the hospital"
    assert exported["consents_to_share"][0]["service"] == tenant.school.name
    assert any(c["name"] == tenant.child.display_name for c in exported["children"])
    pdf = client.get(reverse("portal:export_pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert AccessEvent.objects.filter(actor=data.user, action=AccessAction.EXPORT).count() == 2


# --- The young person's own pages and what they keep from their parents ----------------------


def test_a_young_person_keeps_a_conversation_from_the_parents(tenant: Tenant) -> None:
    child, young = young_person(tenant.family, age=16)
    parent = guardian_user(tenant.family)
    thread = services.start_thread(
        actor=Actor(young), subject="Something private", body="Please don't tell.", hidden_from_guardians=True
    )
    client_for(tenant.coordinator).get(reverse("portal_staff:conversation", args=[thread.pk]))
    parent_client = client_for(parent)
    assert parent_client.get(reverse("portal:thread", args=[thread.pk])).status_code == 404
    assert "Something private" not in parent_client.get(reverse("portal:threads")).content.decode()
    log_lines = parent_client.get(reverse("portal:access_log")).content.decode()
    assert "a conversation with the coordinator" not in log_lines
    exported = json.loads(parent_client.get(reverse("portal:export_json")).content)
    assert all(c["subject"] != "Something private" for c in exported["conversations"])
    young_client = client_for(young)
    assert young_client.get(reverse("portal:thread", args=[thread.pk])).status_code == 200
    assert (
        "a conversation with the coordinator"
        in young_client.get(reverse("portal:access_log")).content.decode()
    )
    assert child.family == tenant.family


def test_a_young_person_sees_only_their_own_part(tenant: Tenant) -> None:
    data = _family_data(tenant)
    _child, young = young_person(tenant.family, age=16)
    client = client_for(young)
    assert client.get(reverse("portal:thread", args=[data.thread.pk])).status_code == 404
    assert client.get(reverse("portal:document", args=[data.document.pk])).status_code == 404
    assert client.get(reverse("portal:withdraw_consent", args=[data.consent.pk])).status_code == 404
    home = client.get(reverse("portal:home")).content.decode()
    assert "These are your own pages" in home
    assert reverse("portal:complain") not in home
    exported = json.loads(client.get(reverse("portal:export_json")).content)
    assert exported["guardians"] == []
    assert exported["complaints"] == []
    assert [c["name"] for c in exported["children"]] == [young.get_full_name()]


def test_under_sixteen_cannot_keep_a_conversation_from_the_parents(tenant: Tenant) -> None:
    from django.core.exceptions import ValidationError

    _child, young = young_person(tenant.family, age=15)
    with pytest.raises(ValidationError):
        services.start_thread(actor=Actor(young), subject="x", body="y", hidden_from_guardians=True)
    assert "hidden_from_guardians" not in client_for(young).get(reverse("portal:new_thread")).content.decode()


def test_a_parent_cannot_hide_a_conversation(tenant: Tenant) -> None:
    from django.core.exceptions import ValidationError

    user = guardian_user(tenant.family)
    with pytest.raises(ValidationError):
        services.start_thread(actor=Actor(user), subject="x", body="y", hidden_from_guardians=True)


# --- Query counts: list pages do not grow with their rows -------------------------------------


def _queries(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["portal:threads", "portal:access_log"])
def test_family_list_pages_take_the_same_queries_at_5_and_80_rows(tenant: Tenant, name: str) -> None:
    user = guardian_user(tenant.family)
    client = client_for(user)

    def grow(to: int) -> None:
        while MessageThread.objects.count() < to:
            services.start_thread(actor=Actor(user), subject="Question", body="Hello")

    grow(5)
    at_5 = _queries(client, reverse(name))
    grow(80)
    assert _queries(client, reverse(name)) == at_5


def test_the_coordinators_conversations_take_the_same_queries_at_5_and_80(tenant: Tenant) -> None:
    user = guardian_user(tenant.family)
    client = client_for(tenant.coordinator)

    def grow(to: int) -> None:
        while MessageThread.objects.count() < to:
            services.start_thread(actor=Actor(user), subject="Question", body="Hello")

    grow(5)
    at_5 = _queries(client, reverse("portal_staff:conversations"))
    grow(80)
    assert _queries(client, reverse("portal_staff:conversations")) == at_5
