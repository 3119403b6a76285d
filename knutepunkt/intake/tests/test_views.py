"""The coordinating unit's pages, as a person using them notices: what is shown, what is saved,
and what is refused with which message."""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.intake import selectors as intake_selectors
from knutepunkt.intake import services
from knutepunkt.intake.models import (
    AppointmentConsent,
    Case,
    CaseDocument,
    CaseStatus,
    Channel,
    ConsentChannel,
    Decision,
    DocumentKind,
    Judgement,
)
from knutepunkt.intake.selectors import WORKLIST_PAGE_SIZE
from knutepunkt.intake.tests.factories import NORWEGIAN_YES, assess_all_yes, consent_all, open_case
from knutepunkt.people.models import Child, Family, Guardian, Role
from knutepunkt.people.tests.factories import ChildFactory, FamilyFactory, GuardianFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def text(response: Any) -> str:
    """The page as a reader sees the words: tags dropped, entities decoded, spaces collapsed."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())


def counts() -> tuple[int, int, int, int]:
    return Case.objects.count(), Family.objects.count(), Child.objects.count(), Guardian.objects.count()


# --- Registering a request --------------------------------------------------------------------


def request_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "action": "save",
        "channel": "phone",
        "received_on": TODAY.isoformat(),
        "requested_by": "The mother, by phone",
        "summary": "Hospital, school and NAV do not talk to each other.",
        "referrer_kind": "",
        "referrer_name": "",
        "referrer_organisation": "",
        "inform_family_by": "",
        "child_source": "existing",
        "child_query": "",
        "child": "",
    }
    data.update(overrides)
    return data


def new_family_data(**overrides: Any) -> dict[str, Any]:
    data = request_data(
        child_source="new",
        family_name="Haugland",
        language="nb",
        child_given_name="Ingrid",
        child_family_name="Haugland",
        child_birth_date=(TODAY - datetime.timedelta(days=365 * 6)).isoformat(),
        guardian0_given_name="Kari",
        guardian0_family_name="Haugland",
        guardian0_relation="mother",
        guardian0_has_parental_responsibility="on",
        guardian0_email="kari@example.invalid",
    )
    data.update(overrides)
    return data


def register(client: Client, data: dict[str, Any]) -> Any:
    return client.post(reverse("intake:register"), data)


def test_a_phone_request_for_a_known_child_creates_the_case_and_shows_it(tenant: Tenant) -> None:
    client = client_for(tenant.officer)
    response = register(client, request_data(child=tenant.other_child.pk))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:case", args=[case.pk])
    assert (case.channel, case.child, case.status) == (
        Channel.PHONE,
        tenant.other_child,
        CaseStatus.REQUESTED,
    )
    page = text(client.get(response["Location"]))
    assert "The request is registered." in page
    assert tenant.other_child.display_name in page
    assert "Phone call" in page
    assert "The mother, by phone" in page


def test_searching_keeps_the_input_and_lists_the_children_to_choose_from(tenant: Tenant) -> None:
    response = register(
        client_for(tenant.officer),
        request_data(action="search", child_query=tenant.other_child.given_name, child_source=""),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'value="{tenant.other_child.pk}"' in page
    assert "Hospital, school and NAV do not talk to each other." in page
    assert "Please correct the following" not in page
    assert not Case.objects.exists()


def test_a_new_family_is_registered_with_the_request_and_a_second_guardian(tenant: Tenant) -> None:
    response = register(
        client_for(tenant.officer),
        new_family_data(
            channel="referral",
            referrer_kind="health_nurse",
            referrer_name="Siri Helsesøster",
            referrer_organisation="Helsestasjonen",
            guardian1_given_name="Ola",
            guardian1_family_name="Haugland",
            guardian1_relation="father",
            guardian1_has_parental_responsibility="on",
        ),
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.referrer_kind, case.referrer_organisation) == ("health_nurse", "Helsestasjonen")
    assert case.child.given_name == "Ingrid"
    assert sorted(g.given_name for g in case.family.guardians.all()) == ["Kari", "Ola"]


def test_a_referral_without_who_referred_is_refused_with_the_message_and_nothing_saved(
    tenant: Tenant,
) -> None:
    before = counts()
    response = register(
        client_for(tenant.officer), new_family_data(channel="referral", summary="Keep this text")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say who made the referral." in page
    assert 'href="#id_referrer_kind"' in page  # linked from the error summary
    assert "Keep this text" in page
    assert 'value="Haugland"' in page
    assert counts() == before


def test_bad_family_input_is_shown_by_its_field_with_the_requests_errors_and_nothing_is_saved(
    tenant: Tenant,
) -> None:
    before = counts()
    response = register(
        client_for(tenant.officer), new_family_data(channel="referral", child_national_id="12345678901")
    )
    assert response.status_code == 400
    page = text(response)
    assert "not a valid Norwegian national identity number" in page
    assert "Say who made the referral." in page  # every error at once, not one round each
    assert 'href="#id_child_national_id"' in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"child_birth_date": "2024-02-30"}, "Enter a valid date."),
        ({"received_on": "2026-13-01"}, "Enter a valid date."),
        (
            {"child_birth_date": (TODAY + datetime.timedelta(days=2)).isoformat()},
            "The birth date is in the future",
        ),
        (
            {"child_expected_date": (TODAY + datetime.timedelta(days=90)).isoformat()},
            "Give either a birth date or an expected date, not both.",
        ),
        ({"guardian0_national_id": "01010112345"}, "not a valid Norwegian national identity number"),
    ],
    ids=[
        "impossible-birth-date",
        "impossible-received-date",
        "future-birth",
        "both-dates",
        "invalid-guardian-id",
    ],
)
def test_a_new_family_with_bad_dates_or_ids_is_refused_by_its_field_and_nothing_is_saved(
    tenant: Tenant, overrides: dict[str, str], message: str
) -> None:
    before = counts()
    response = register(client_for(tenant.officer), new_family_data(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert 'id="error-summary"' in response.content.decode()
    assert "Haugland" in response.content.decode()  # the person's input is kept
    assert counts() == before


def test_own_initiative_sets_the_inform_by_date_to_the_municipality_practice(tenant: Tenant) -> None:
    client = client_for(tenant.officer)
    register(client, request_data(channel="own_initiative", child=tenant.other_child.pk))
    case = Case.objects.get()
    assert case.inform_family_by == TODAY + datetime.timedelta(days=services.DEFAULT_DAYS_TO_INFORM)
    page = text(client.get(reverse("intake:case", args=[case.pk])))
    assert "inform the family and offer an assessment by" in page
    response = client.post(reverse("intake:family_informed", args=[case.pk]), {"informed-informed_on": TODAY})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.family_informed_on == TODAY


def test_possible_duplicates_are_shown_before_saving_and_saving_needs_the_confirmation(
    tenant: Tenant,
) -> None:
    known = tenant.other_child
    assert known.birth_date is not None
    client = client_for(tenant.officer)
    same = new_family_data(child_family_name=known.family_name, child_birth_date=known.birth_date.isoformat())
    before = counts()

    response = register(client, same)
    assert response.status_code == 200
    page = text(response)
    assert "Is it one of these?" in page
    assert known.display_name in page
    assert "None of these — register a new family" in page
    assert counts() == before

    confirmed = register(client, {**same, "confirm_new_family": "on"})
    assert confirmed.status_code == 302
    assert Case.objects.get().child != known
    assert Family.objects.count() == before[1] + 1


def test_choosing_the_known_child_among_the_duplicates_registers_the_request_for_them(tenant: Tenant) -> None:
    known = tenant.other_child
    assert known.birth_date is not None
    data = new_family_data(child_family_name=known.family_name, child_birth_date=known.birth_date.isoformat())
    families = Family.objects.count()
    response = register(client_for(tenant.officer), {**data, "use_child": known.pk})
    assert response.status_code == 302
    assert Case.objects.get().child == known
    # No new family: a name check would fail whenever the factory's random name is the same.
    assert Family.objects.count() == families


def test_only_officers_register_requests(tenant: Tenant) -> None:
    assert client_for(tenant.coordinator).get(reverse("intake:register")).status_code == 403
    assert client_for(tenant.leader).post(reverse("intake:register"), request_data()).status_code == 403


# --- The worklist -----------------------------------------------------------------------------


def make_cases(t: Tenant, n: int) -> None:
    statuses = [CaseStatus.REQUESTED, CaseStatus.ASSESSING, CaseStatus.DECIDED]
    for i in range(n):
        family = FamilyFactory.create(municipality=t.municipality)
        child = ChildFactory.create(family=family)
        GuardianFactory.create(family=family)
        Case.objects.create(
            municipality=t.municipality,
            family=family,
            child=child,
            channel=Channel.OWN_INITIATIVE if i % 4 == 0 else Channel.PHONE,
            inform_family_by=TODAY if i % 4 == 0 else None,
            received_on=TODAY - datetime.timedelta(days=i * 3),
            status=statuses[i % 3],
            created_by=t.officer,
        )


def worklist_work(client: Client, query: str = "") -> tuple[int, int]:
    """The queries one worklist request runs and the access events it writes."""
    before = AccessEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("intake:worklist") + query)
    assert response.status_code == 200
    return len(queries), AccessEvent.objects.count() - before


def test_worklist_does_the_same_work_at_60_and_200_open_cases(
    tenant: Tenant, other_tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pages of 4, so that every section of make_cases' mix is already full at 60 cases; with the
    # real 50 a section would need 250 cases to fill.
    monkeypatch.setattr(intake_selectors, "WORKLIST_PAGE_SIZE", 4)
    client = client_for(tenant.officer)
    make_cases(other_tenant, 5)  # another municipality's cases are neither shown nor logged
    make_cases(tenant, 60)
    worklist_work(client)  # the municipality's first logged read starts its audit chain
    at_60 = worklist_work(client)
    make_cases(tenant, 140)
    at_200 = worklist_work(client)
    assert at_200 == at_60
    assert at_200[1] == 4 * 4  # four sections with cases in this mix, one page of each logged


def new_request(t: Tenant, days_ago: int) -> Case:
    family = FamilyFactory.create(municipality=t.municipality)
    return Case.objects.create(
        municipality=t.municipality,
        family=family,
        child=ChildFactory.create(family=family),
        channel=Channel.PHONE,
        received_on=TODAY - datetime.timedelta(days=days_ago),
        status=CaseStatus.REQUESTED,
        created_by=t.officer,
    )


def test_worklist_pages_each_section_and_counts_all_its_cases(tenant: Tenant, other_tenant: Tenant) -> None:
    client = client_for(tenant.officer)
    new_request(other_tenant, days_ago=3)
    oldest = new_request(tenant, days_ago=90)
    for _ in range(WORKLIST_PAGE_SIZE):
        new_request(tenant, days_ago=3)
    newest = new_request(tenant, days_ago=0)
    first = client.get(reverse("intake:worklist"))
    page = text(first)
    assert f"New requests ({WORKLIST_PAGE_SIZE + 2})" in page
    assert "Page 1 of 2" in page
    assert "Awaiting consent (0)" in page
    # The longest waiting first.
    assert f'href="{reverse("intake:case", args=[oldest.pk])}"' in first.content.decode()
    assert f'href="{reverse("intake:case", args=[newest.pk])}"' not in first.content.decode()
    assert 'href="?new_page=2#section-new"' in first.content.decode()
    second = client.get(reverse("intake:worklist") + "?new_page=2")
    assert "Page 2 of 2" in text(second)
    assert f'href="{reverse("intake:case", args=[newest.pk])}"' in second.content.decode()
    assert f'href="{reverse("intake:case", args=[oldest.pk])}"' not in second.content.decode()
    assert 'href="?new_page=1#section-new"' in second.content.decode()
    # A page past the end shows the last page, and nonsense the first.
    assert "Page 2 of 2" in text(client.get(reverse("intake:worklist") + "?new_page=9"))
    assert "Page 1 of 2" in text(client.get(reverse("intake:worklist") + "?new_page=x"))


def test_worklist_splits_assessed_cases_by_whether_every_responsible_guardian_consented(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    def assessed(t: Tenant, *, consents: int, child_welfare: bool = False) -> Case:
        case = new_request(t, days_ago=5)
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.ASSESSING)
        guardians = [
            GuardianFactory.create(family=case.family, has_parental_responsibility=True) for _ in range(2)
        ]
        if child_welfare:
            guardians = [GuardianFactory.create(family=case.family, relation="child_welfare")]
        for guardian in guardians[:consents]:
            AppointmentConsent.objects.create(
                municipality=t.municipality,
                case=case,
                guardian=guardian,
                given_on=TODAY,
                channel=ConsentChannel.WRITTEN,
                recorded_by=t.officer,
            )
        return case

    assessed(other_tenant, consents=2)
    assessed(tenant, consents=2)
    assessed(tenant, consents=1, child_welfare=True)  # child welfare's consent stands for the parents'
    half = assessed(tenant, consents=1)
    assessed(tenant, consents=0)
    page = text(client_for(tenant.officer).get(reverse("intake:worklist")))
    assert "Awaiting decision (2)" in page
    assert "Awaiting consent (2)" in page
    assert "1 of 2 given" in page
    assert "0 of 2 given" in page
    assert half.child.display_name in page


def test_worklist_shows_each_section_with_counts_and_flags_overdue_in_words(tenant: Tenant) -> None:
    overdue = open_case(tenant, days_ago=45)
    response = client_for(tenant.officer).get(reverse("intake:worklist"))
    page = text(response)
    assert "New requests (1)" in page
    assert "Awaiting consent (0)" in page
    assert "Decided \N{EN DASH} coordinator not started (0)" in page
    assert overdue.child.display_name in page
    assert "Overdue" in page
    assert f'href="{reverse("intake:case", args=[overdue.pk])}"' in response.content.decode()
    assert '<th scope="col">' in response.content.decode()


def test_worklist_is_for_the_coordinating_unit(tenant: Tenant) -> None:
    assert client_for(tenant.coordinator).get(reverse("intake:worklist")).status_code == 403
    assert client_for(tenant.leader).get(reverse("intake:worklist")).status_code == 200


def test_the_menu_marks_the_current_page(tenant: Tenant) -> None:
    page = client_for(tenant.officer).get(reverse("intake:worklist")).content.decode()
    assert f'href="{reverse("intake:worklist")}" aria-current="page"' in page
    assert f'href="{reverse("intake:register")}"' in page
    coordinator_page = client_for(tenant.coordinator).get(reverse("core:home")).content.decode()
    assert reverse("intake:worklist") not in coordinator_page


# --- The case page and its steps --------------------------------------------------------------


def test_case_page_shows_status_request_assessment_consent_and_history(tenant: Tenant) -> None:
    GuardianFactory.create(family=tenant.other_family)  # two guardians: both must consent
    case = assess_all_yes(tenant, open_case(tenant, channel=Channel.REFERRAL))
    first = case.family.guardians.first()
    assert first is not None
    services.record_appointment_consent(
        actor=Actor(tenant.officer),
        case_id=case.pk,
        guardian_id=first.pk,
        given_on=TODAY,
        channel=ConsentChannel.ORAL,
    )
    response = client_for(tenant.officer).get(reverse("intake:case", args=[case.pk]))
    page = text(response)
    assert response.status_code == 200
    assert 'aria-current="step"' in response.content.decode()
    assert "Being assessed now" in page
    assert "Referral on the family's behalf" in page
    assert "GP: Dr. Berg" in page
    assert (
        "The child has a serious illness, injury or reduced functional capacity Yes Seen in the GP's letter"
        in page
    )
    assert "pbrl § 2-5c" in page
    assert "Consent still missing" in page
    assert "consent from the second guardian with parental responsibility".capitalize() in page
    assert "Municipality's practice" in page  # every guardian consenting is not confirmed in law
    assert "Judgement recorded" in page
    assert "Doctor's documentation" in page


def test_reading_the_case_page_is_logged_for_the_family(tenant: Tenant) -> None:
    case = open_case(tenant)
    client_for(tenant.officer).get(reverse("intake:case", args=[case.pk]))
    event = AccessEvent.objects.filter(action=AccessAction.VIEW, object_type="intake.case").get()
    assert (event.actor, event.family_id) == (tenant.officer, case.family_id)


def test_only_the_allowed_next_step_is_offered(tenant: Tenant) -> None:
    case = open_case(tenant)
    client = client_for(tenant.officer)
    page = client.get(reverse("intake:case", args=[case.pk])).content.decode()
    assert reverse("intake:start_assessment", args=[case.pk]) in page
    assert reverse("intake:appoint", args=[case.pk]) not in page
    assert f'href="{reverse("intake:decide", args=[case.pk])}"' not in page
    leader_page = client_for(tenant.leader)  # a leader sees no case of an unassigned family
    assert leader_page.get(reverse("intake:case", args=[case.pk])).status_code == 404


def test_a_step_out_of_order_is_refused_with_a_clear_message_and_nothing_changes(tenant: Tenant) -> None:
    case = open_case(tenant)
    client = client_for(tenant.officer)
    response = client.post(reverse("intake:appoint", args=[case.pk]), {"appoint-starts_on": ""})
    assert response.status_code == 400
    assert "Only a granted decision with a named coordinator can be started." in text(response)
    services.start_assessment(actor=Actor(tenant.officer), case_id=case.pk)
    again = client.post(reverse("intake:start_assessment", args=[case.pk]))
    assert again.status_code == 400
    assert "A case that is “Being assessed” cannot go to “Being assessed”." in text(again)
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSESSING
    assert not CoordinatorAssignment.objects.filter(family=case.family).exists()


def test_closing_needs_a_reason(tenant: Tenant) -> None:
    case = open_case(tenant)
    client = client_for(tenant.officer)
    response = client.post(reverse("intake:close", args=[case.pk]), {"close-reason": " "})
    assert response.status_code == 400
    assert 'href="#id_close-reason"' in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.REQUESTED
    closed = client.post(reverse("intake:close", args=[case.pk]), {"close-reason": "The family withdrew it."})
    assert closed.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_consent_is_recorded_and_withdrawn_from_the_case_page(tenant: Tenant) -> None:
    case = open_case(tenant)
    guardian = case.family.guardians.get()
    client = client_for(tenant.officer)
    response = client.post(
        reverse("intake:consent", args=[case.pk]),
        {"consent-guardian": guardian.pk, "consent-given_on": TODAY, "consent-channel": "written"},
    )
    assert response.status_code == 302
    consent = AppointmentConsent.objects.get(case=case)
    page = text(client.get(reverse("intake:case", args=[case.pk])))
    assert "Consent is complete." in page
    assert client.post(reverse("intake:consent_withdraw", args=[case.pk, consent.pk])).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == TODAY
    twice = client.post(reverse("intake:consent_withdraw", args=[case.pk, consent.pk]))
    assert twice.status_code == 400
    assert "There is no such consent on this case." in text(twice)


def test_a_consent_dated_in_the_future_is_refused_by_its_field(tenant: Tenant) -> None:
    case = open_case(tenant)
    guardian = case.family.guardians.get()
    response = client_for(tenant.officer).post(
        reverse("intake:consent", args=[case.pk]),
        {
            "consent-guardian": guardian.pk,
            "consent-given_on": TODAY + datetime.timedelta(days=2),
            "consent-channel": "written",
        },
    )
    assert response.status_code == 400
    assert "The date is in the future." in text(response)
    assert 'href="#id_consent-given_on"' in response.content.decode()
    assert not AppointmentConsent.objects.exists()


def test_the_child_view_is_recorded_with_the_age_rule_shown(tenant: Tenant) -> None:
    tenant.other_child.birth_date = TODAY.replace(year=TODAY.year - 13) - datetime.timedelta(days=3)
    tenant.other_child.save()
    case = open_case(tenant)
    client = client_for(tenant.officer)
    assert "given great weight (from age 12" in text(client.get(reverse("intake:case", args=[case.pk])))
    response = client.post(
        reverse("intake:child_view", args=[case.pk]),
        {"child_view-child_view": "I want one person to call.", "child_view-heard_on": TODAY},
    )
    assert response.status_code == 302
    assert "I want one person to call." in text(client.get(reverse("intake:case", args=[case.pk])))


# --- Documents --------------------------------------------------------------------------------


def stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_FILES_DIR)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload(client: Client, case: Case, content: bytes, name: str = "legeerklaering.pdf") -> Any:
    return client.post(
        reverse("intake:upload", args=[case.pk]),
        {
            "upload-kind": DocumentKind.DOCTOR,
            "upload-title": "",
            "upload-file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )


def test_a_pdf_is_uploaded_listed_and_downloaded_as_an_attachment(tenant: Tenant) -> None:
    case = open_case(tenant)
    client = client_for(tenant.officer)
    assert upload(client, case, PDF).status_code == 302
    document = CaseDocument.objects.get()
    page = text(client.get(reverse("intake:case", args=[case.pk])))
    assert "Received Doctor's documentation" in page
    response = client.get(reverse("intake:document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="document-{document.pk}.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]


def test_a_pdf_that_is_really_html_is_refused_and_nothing_is_stored(tenant: Tenant) -> None:
    case = open_case(tenant)
    before = stored_files()
    response = upload(client_for(tenant.officer), case, b"<html><script>alert(1)</script></html>")
    assert response.status_code == 400
    assert "Only PDF documents and PNG or JPEG images can be uploaded." in text(response)
    assert 'href="#id_upload-file"' in response.content.decode()
    assert not CaseDocument.objects.exists()
    assert stored_files() == before


def test_an_oversize_upload_is_refused(tenant: Tenant, settings: Any) -> None:
    settings.MAX_UPLOAD_BYTES = 100
    case = open_case(tenant)
    response = upload(client_for(tenant.officer), case, PDF + b"x" * 200 + b"%%EOF")
    assert response.status_code == 400
    assert "The file is too large." in text(response)
    assert not CaseDocument.objects.exists()


# --- Another municipality sees nothing --------------------------------------------------------


def test_another_municipality_gets_404_on_the_case_the_document_and_every_post(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, there = tenants
    case = assess_all_yes(here, open_case(here))
    consent_all(here, case)
    consent = AppointmentConsent.objects.filter(case=case).first()
    assert consent is not None
    document = services.upload_case_document(
        actor=Actor(here.officer),
        case_id=case.pk,
        kind=DocumentKind.DOCTOR,
        title="",
        upload=SimpleUploadedFile("a.pdf", PDF),
    )
    stranger = client_for(there.officer)
    for name in ("intake:case", "intake:assess", "intake:decide"):
        assert stranger.get(reverse(name, args=[case.pk])).status_code == 404, name
    assert stranger.get(reverse("intake:document", args=[document.pk])).status_code == 404
    guardian = case.family.guardians.first()
    assert guardian is not None
    posts: list[tuple[str, list[Any], dict[str, Any]]] = [
        ("intake:start_assessment", [case.pk], {}),
        ("intake:family_informed", [case.pk], {"informed-informed_on": TODAY}),
        ("intake:assess", [case.pk], {"version": case.version, "value_complex": "no", "reason_complex": "x"}),
        ("intake:assess_judgement", [case.pk, "complex"], {"value_complex": "no", "reason_complex": "x"}),
        (
            "intake:consent",
            [case.pk],
            {"consent-guardian": guardian.pk, "consent-given_on": TODAY, "consent-channel": "written"},
        ),
        ("intake:consent_withdraw", [case.pk, consent.pk], {}),
        ("intake:child_view", [case.pk], {"child_view-child_view": "x", "child_view-heard_on": TODAY}),
        (
            "intake:upload",
            [case.pk],
            {"upload-kind": "doctor", "upload-file": SimpleUploadedFile("b.pdf", PDF)},
        ),
        (
            "intake:decide",
            [case.pk],
            {
                "version": case.version,
                "outcome": "refused",
                "reasons": "x",
                "decided_on": TODAY,
                "known_on": TODAY,
            },
        ),
        ("intake:appoint", [case.pk], {}),
        ("intake:close", [case.pk], {"close-reason": "x"}),
    ]
    version = Case.objects.get(pk=case.pk).version
    for name, args, data in posts:
        assert stranger.post(reverse(name, args=args), data).status_code == 404, name
    case.refresh_from_db()
    assert (case.status, case.version) == (CaseStatus.ASSESSING, version)
    assert CaseDocument.objects.count() == 1
    assert not Decision.objects.exists()


# --- The assessment ---------------------------------------------------------------------------


def assessment_data(case: Case, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"version": case.version}
    for key, value in NORWEGIAN_YES.items():
        data[f"value_{key}"] = "yes" if value else "no"
        data[f"reason_{key}"] = "From the GP's letter"
    data.update(overrides)
    return data


def started(t: Tenant) -> Case:
    case = open_case(t)
    services.start_assessment(actor=Actor(t.officer), case_id=case.pk)
    case.refresh_from_db()
    return case


def test_the_whole_assessment_form_saves_and_the_page_shows_the_new_outcome(tenant: Tenant) -> None:
    case = started(tenant)
    client = client_for(tenant.officer)
    before = text(client.get(reverse("intake:assess", args=[case.pk])))
    assert "Not entitled A child coordinator" in before
    response = client.post(
        reverse("intake:assess", args=[case.pk]), assessment_data(case, declines=["individual_plan"])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:assess", args=[case.pk])
    assert Judgement.objects.filter(case=case).count() == len(NORWEGIAN_YES)
    case.refresh_from_db()
    assert case.facts["declines"] == ["individual_plan"]
    after = text(client.get(response["Location"]))
    assert "The assessment is saved." in after
    assert "Entitled A child coordinator for the family" in after


def test_a_judgement_without_a_reason_is_refused_and_nothing_is_saved(tenant: Tenant) -> None:
    case = started(tenant)
    response = client_for(tenant.officer).post(
        reverse("intake:assess", args=[case.pk]), assessment_data(case, reason_complex="")
    )
    assert response.status_code == 400
    assert "Give a short reason for the judgement." in text(response)
    assert not Judgement.objects.exists()


def test_a_stale_version_is_a_conflict_and_the_persons_text_is_kept(tenant: Tenant) -> None:
    case = started(tenant)
    stale = assessment_data(case, reason_serious_condition="My careful reasoning about the illness")
    services.record_judgement(
        actor=Actor(tenant.officer), case_id=case.pk, key="complex", value=False, reason="x"
    )
    response = client_for(tenant.officer).post(reverse("intake:assess", args=[case.pk]), stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this case while you were working on it." in html.unescape(page)
    assert "My careful reasoning about the illness</textarea>" in page
    case.refresh_from_db()
    assert f'name="version" value="{case.version}"' in page  # saving again now is possible
    assert Judgement.objects.get(case=case).value is False  # the other person's work stands


def test_the_save_button_pressed_while_the_reason_autosaves_is_no_conflict(tenant: Tenant) -> None:
    # A reason typed and the button pressed at once: the htmx autosave of that judgement and the
    # button's save leave the page with the same version. The autosave lands first; the button's
    # save carries the same text and must save the rest, not answer "someone else changed it".
    case = started(tenant)
    client = client_for(tenant.officer)
    form = assessment_data(case, reason_complex="Five services, typed just now", declines=["individual_plan"])
    autosave = client.post(
        reverse("intake:assess_judgement", args=[case.pk, "complex"]),
        {key: form[key] for key in ("version", "value_complex", "reason_complex")},
        headers={"HX-Request": "true"},
    )
    assert "Saved" in text(autosave)
    response = client.post(reverse("intake:assess", args=[case.pk]), form)
    assert response.status_code == 302
    assert "The assessment is saved." in text(client.get(response["Location"]))
    saved = {j.key: j.reason for j in Judgement.objects.filter(case=case)}
    assert saved == {key: form[f"reason_{key}"] for key in NORWEGIAN_YES}
    case.refresh_from_db()
    assert case.facts["declines"] == ["individual_plan"]
    # The autosaved judgement was not written a second time.
    assert case.events.filter(kind="judgement", note="complex").count() == 1


def test_the_save_button_after_only_the_autosave_says_the_assessment_is_saved(tenant: Tenant) -> None:
    case = started(tenant)
    client = client_for(tenant.officer)
    form = assessment_data(case)  # the page's version, from before any autosave
    for key in NORWEGIAN_YES:  # every judgement autosaved, each with the version swapped in
        case.refresh_from_db()
        client.post(
            reverse("intake:assess_judgement", args=[case.pk, key]),
            {
                "version": case.version,
                f"value_{key}": form[f"value_{key}"],
                f"reason_{key}": form[f"reason_{key}"],
            },
            headers={"HX-Request": "true"},
        )
    assert Judgement.objects.filter(case=case).count() == len(NORWEGIAN_YES)
    response = client.post(reverse("intake:assess", args=[case.pk]), form)
    assert response.status_code == 302
    assert "The assessment is saved." in text(client.get(response["Location"]))


def test_the_save_button_after_someone_elses_judgement_is_still_a_conflict(tenant: Tenant) -> None:
    case = started(tenant)
    colleague = UserFactory.create(
        municipality=tenant.municipality, unit=tenant.coordinating_unit, role=Role.OFFICER
    )
    form = assessment_data(case, reason_complex="Five services")
    services.record_judgement(
        actor=Actor(colleague), case_id=case.pk, key="complex", value=True, reason="Five services"
    )
    response = client_for(tenant.officer).post(reverse("intake:assess", args=[case.pk]), form)
    assert response.status_code == 409
    assert "Someone else changed this case while you were working on it." in text(response)
    assert list(Judgement.objects.filter(case=case).values_list("key", flat=True)) == ["complex"]


def test_a_locked_sqlite_database_asks_to_save_again_and_keeps_the_text(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = started(tenant)

    def locked(**_: Any) -> int:
        raise OperationalError("database table is locked")

    monkeypatch.setattr(services, "save_assessment", locked)
    form = assessment_data(case, reason_complex="Words not to lose")
    response = client_for(tenant.officer).post(reverse("intake:assess", args=[case.pk]), form)
    assert response.status_code == 503
    assert "Knutepunkt was busy with another save and could not save this one. Please save again." in text(
        response
    )
    assert "Words not to lose</textarea>" in response.content.decode()


def test_a_locked_database_anywhere_on_the_assessment_pages_is_a_message_not_a_500(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = started(tenant)
    client = client_for(tenant.officer)

    def locked(**_: Any) -> None:  # the access log's write meets the lock, after the service
        raise OperationalError("database table is locked: audit_accessevent")

    monkeypatch.setattr(intake_selectors, "case_view", locked)
    busy = "Knutepunkt was busy with another save and could not save this one. Please save again."
    autosave = client.post(
        reverse("intake:assess_judgement", args=[case.pk, "complex"]),
        {"version": case.version, "value_complex": "yes", "reason_complex": "Five services"},
        headers={"HX-Request": "true"},
    )
    assert autosave.status_code == 200  # htmx swaps it into the judgement's status line
    assert busy in text(autosave)
    page = client.get(reverse("intake:assess", args=[case.pk]))
    assert page.status_code == 503
    assert busy in text(page)
    assert reverse("intake:assess", args=[case.pk]) in page.content.decode()


def test_the_htmx_judgement_saves_one_judgement_and_returns_the_updated_outcome(tenant: Tenant) -> None:
    case = assess_all_yes(tenant, open_case(tenant))
    client = client_for(tenant.officer)
    url = reverse("intake:assess_judgement", args=[case.pk, "serious_condition"])
    response = client.post(
        url,
        {"version": case.version, "value_serious_condition": "no", "reason_serious_condition": "Mild only"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page
    assert 'id="outcome" class="kp-outcome"' in page
    assert 'hx-swap-oob="true"' in page
    assert "Not entitled A child coordinator for the family" in text(response)
    case.refresh_from_db()
    assert f'value="{case.version}" id="id_version"' in page
    assert Judgement.objects.get(case=case, key="serious_condition").value is False


def test_the_htmx_judgement_waits_for_its_reason_and_shows_a_refusal_in_its_status_line(
    tenant: Tenant,
) -> None:
    case = started(tenant)
    client = client_for(tenant.officer)
    url = reverse("intake:assess_judgement", args=[case.pk, "complex"])
    response = client.post(
        url,
        {"version": case.version, "value_complex": "yes", "reason_complex": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Not saved yet: give a short reason for the judgement." in text(response)
    assert not Judgement.objects.exists()
    stale = client.post(
        url,
        {"version": case.version - 1, "value_complex": "yes", "reason_complex": "Five services"},
        headers={"HX-Request": "true"},
    )
    assert "Someone else changed this case while you were working on it." in text(stale)
    assert 'id="outcome"' not in stale.content.decode()
    assert not Judgement.objects.exists()


def test_the_judgement_endpoint_without_htmx_saves_and_goes_back_to_the_page(tenant: Tenant) -> None:
    case = started(tenant)
    client = client_for(tenant.officer)
    response = client.post(
        reverse("intake:assess_judgement", args=[case.pk, "complex"]),
        {"version": case.version, "value_complex": "yes", "reason_complex": "Five services"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:assess", args=[case.pk])
    assert Judgement.objects.get(case=case).reason == "Five services"
    assert "The judgement is saved." in text(client.get(response["Location"]))


# --- The decision -----------------------------------------------------------------------------


def decision_data(case: Case, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": case.version,
        "outcome": "granted",
        "arrangement": "barnekoordinator",
        "individual_plan": "on",
        "coordinator": "",
        "reasons": "Every criterion is met, as set out below.",
        "decided_on": TODAY,
        "known_on": TODAY,
    }
    data.update(overrides)
    return data


def test_the_decision_page_offers_the_entitled_arrangement_first_and_coordinators_with_caseload(
    tenant: Tenant,
) -> None:
    case = assess_all_yes(tenant, open_case(tenant))
    response = client_for(tenant.officer).get(reverse("intake:decide", args=[case.pk]))
    page = text(response)
    assert page.index("Child coordinator (barnekoordinator) (the assessment supports this)") < page.index(
        "Coordinator (koordinator)"
    )
    dash = "\N{EN DASH}"
    assert (
        f"{tenant.coordinator.get_full_name()} {dash} {tenant.coordinating_unit.name} {dash} 1 family today"
        in page
    )
    assert "How each criterion was judged:" in page
    assert "Consent is missing" in page


def test_granting_without_complete_consent_shows_the_missing_consent_and_saves_nothing(
    tenant: Tenant,
) -> None:
    GuardianFactory.create(family=tenant.other_family)
    case = assess_all_yes(tenant, open_case(tenant))
    first = case.family.guardians.first()
    assert first is not None
    services.record_appointment_consent(
        actor=Actor(tenant.officer),
        case_id=case.pk,
        guardian_id=first.pk,
        given_on=TODAY,
        channel=ConsentChannel.WRITTEN,
    )
    case.refresh_from_db()
    response = client_for(tenant.officer).post(
        reverse("intake:decide", args=[case.pk]),
        decision_data(case, coordinator=tenant.coordinator.pk, reasons="My own words for the family"),
    )
    assert response.status_code == 400
    page = text(response)
    assert (
        "A coordinator can only be appointed with consent. Missing: "
        "consent from the second guardian with parental responsibility"
    ) in page
    assert "My own words for the family</textarea>" in response.content.decode()
    assert not Decision.objects.exists()
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSESSING


def test_a_grant_with_consent_is_saved_and_the_case_page_says_the_letter_is_coming(tenant: Tenant) -> None:
    case = assess_all_yes(tenant, open_case(tenant))
    consent_all(tenant, case)
    case.refresh_from_db()
    client = client_for(tenant.officer)
    response = client.post(
        reverse("intake:decide", args=[case.pk]), decision_data(case, coordinator=tenant.coordinator.pk)
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:case", args=[case.pk])
    decision = Decision.objects.get()
    assert (decision.arrangement, decision.coordinator, decision.individual_plan) == (
        "barnekoordinator",
        tenant.coordinator,
        True,
    )
    page = text(client.get(response["Location"]))
    assert "Decision saved. The letter is being made and the family will be notified." in page
    assert f"Appoint {tenant.coordinator.get_full_name()} as coordinator" in page
    appointed = client.post(reverse("intake:appoint", args=[case.pk]), {"appoint-starts_on": ""})
    assert appointed.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE


def test_a_grant_without_a_coordinator_is_refused_by_its_field(tenant: Tenant) -> None:
    case = assess_all_yes(tenant, open_case(tenant))
    consent_all(tenant, case)
    case.refresh_from_db()
    response = client_for(tenant.officer).post(reverse("intake:decide", args=[case.pk]), decision_data(case))
    assert response.status_code == 400
    assert 'href="#id_coordinator"' in response.content.decode()
    assert "Name the coordinator." in text(response)
    assert not Decision.objects.exists()


def test_a_stale_decision_form_is_a_conflict_with_the_reasons_kept(tenant: Tenant) -> None:
    case = assess_all_yes(tenant, open_case(tenant))
    consent_all(tenant, case)
    stale_version = case.version  # consent since then moved the version on
    response = client_for(tenant.officer).post(
        reverse("intake:decide", args=[case.pk]),
        decision_data(case, version=stale_version, coordinator=tenant.coordinator.pk, reasons="Kept words"),
    )
    assert response.status_code == 409
    assert "Kept words</textarea>" in response.content.decode()
    assert not Decision.objects.exists()
