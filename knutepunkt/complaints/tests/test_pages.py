"""The complaint pages: registering, the complaint page with its steps, refusals shown with the
input kept, 404 for other municipalities, and the worklist section's fixed query count."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.template.defaultfilters import date as format_date
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.complaints import selectors, services
from knutepunkt.complaints.models import Complaint, ComplaintStatus
from knutepunkt.complaints.tests.factories import TODAY, appeal, refusal
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.intake import selectors as intake_selectors
from knutepunkt.intake.models import CaseEvent
from knutepunkt.intake.selectors import WORKLIST_PAGE_SIZE

pytestmark = pytest.mark.django_db
S = ComplaintStatus


def register_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "appeal",
        "channel": "letter",
        "lodged_on": TODAY.isoformat(),
        "complainant": "Kari Nordmann, the mother",
        "written": "on",
        "signed": "on",
        "what": "The refusal: nobody coordinates the school and the hospital.",
        "change_wanted": "A child coordinator.",
        "late_excuse": "",
        "mend_by": "",
        "help_given": "",
    }
    data.update(overrides)
    return data


def test_register_page_registers_a_complaint(tenant: Tenant) -> None:
    decision = refusal(tenant)
    client = client_for(tenant.officer)
    url = reverse("complaints:new", args=[decision.case_id])
    page = client.get(url)
    assert page.status_code == 200
    assert b"<legend" in page.content
    response = client.post(url, register_data(decision=str(decision.pk)))
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    assert complaint.decision == decision
    assert complaint.in_time is True


def test_bad_input_is_400_with_the_input_kept_and_nothing_saved(tenant: Tenant) -> None:
    decision = refusal(tenant, decided_on=TODAY - datetime.timedelta(days=3))
    client = client_for(tenant.officer)
    url = reverse("complaints:new", args=[decision.case_id])
    events = CaseEvent.objects.count()
    before = (TODAY - datetime.timedelta(days=10)).isoformat()
    response = client.post(url, register_data(decision=str(decision.pk), lodged_on=before))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="error-summary"' in body
    assert "before the decision it is about was made" in body
    assert "Kari Nordmann, the mother" in body  # the input is kept
    assert f'value="{before}"' in body
    # Something missing, without a date and help: refused, nothing saved.
    response = client.post(url, register_data(decision=str(decision.pk), signed=""))
    assert response.status_code == 400
    assert "set a date to complete it by" in response.content.decode()
    assert not Complaint.objects.exists()
    assert CaseEvent.objects.count() == events


def test_complaint_page_shows_deadline_lateness_excuse_and_defects(tenant: Tenant) -> None:
    known = TODAY - datetime.timedelta(days=40)
    decision = refusal(tenant, decided_on=known, known_on=known)
    mend_by = TODAY + datetime.timedelta(days=10)
    complaint = appeal(
        tenant,
        decision,
        lodged_on=TODAY,
        signed=False,
        mend_by=mend_by,
        help_given="Sent a letter explaining what to sign.",
    )
    page = client_for(tenant.officer).get(reverse("complaints:detail", args=[complaint.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    deadline = known + datetime.timedelta(days=28)
    assert format_date(deadline, "DATE_FORMAT") in body
    assert ">Late<" in body
    assert 'name="late-late_excuse"' in body
    assert "It is not signed by the family or its representative." in body
    assert "Sent a letter explaining what to sign." in body
    assert 'name="mend-signed"' in body
    assert "<script" not in body.split("</head>")[1]  # no inline script on the page
    assert ' style="' not in body


def test_a_registered_appeal_offers_the_reassessment_and_only_to_the_officer(tenant: Tenant) -> None:
    complaint = appeal(tenant, refusal(tenant))
    detail = reverse("complaints:detail", args=[complaint.pk])
    start = reverse("complaints:start_reassessment", args=[complaint.pk])
    assert f'action="{start}"' in client_for(tenant.officer).get(detail).content.decode()
    assert f'action="{start}"' not in client_for(tenant.coordinator).get(detail).content.decode()


def test_reassessment_has_two_buttons_and_forwarding_links_the_bundle(tenant: Tenant) -> None:
    complaint = appeal(tenant, refusal(tenant))
    client = client_for(tenant.officer)
    detail = reverse("complaints:detail", args=[complaint.pk])
    response = client.post(
        reverse("complaints:start_reassessment", args=[complaint.pk]), {"start-version": "1"}
    )
    assert response.status_code == 302
    page = client.get(detail).content.decode()
    assert 'name="action" value="reverse"' in page
    assert 'name="action" value="uphold"' in page

    # Change without naming the new decision: 400, the reassessment kept, nothing changed.
    response = client.post(
        reverse("complaints:reassessment", args=[complaint.pk]),
        {
            "action": "reverse",
            "reassessment-reassessment": "We agree.",
            "reassessment-decided_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 400
    assert "We agree." in response.content.decode()
    assert "Choose the arrangement granted." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == S.REASSESSING

    response = client.post(
        reverse("complaints:reassessment", args=[complaint.pk]),
        {
            "action": "uphold",
            "reassessment-reassessment": "The decision stands.",
            "reassessment-decided_on": TODAY.isoformat(),
            "reassessment-version": str(complaint.version),
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == S.FORWARDED
    page = client.get(detail).content.decode()
    assert reverse("intake:document", args=[complaint.bundle_id]) in page
    assert 'name="outcome-outcome"' in page


def test_a_stale_page_is_a_409_with_the_input_kept(tenant: Tenant) -> None:
    complaint = appeal(tenant, refusal(tenant))
    client = client_for(tenant.officer)
    services.start_reassessment(actor=Actor(tenant.officer), complaint_id=complaint.pk)
    response = client.post(
        reverse("complaints:withdraw", args=[complaint.pk]),
        {"withdraw-version": "1", "withdraw-withdrawn_on": TODAY.isoformat(), "withdraw-note": "By phone"},
    )
    assert response.status_code == 409
    assert "By phone" in response.content.decode()


def test_illegal_step_from_the_page_is_400_with_the_reason(tenant: Tenant) -> None:
    complaint = appeal(tenant, refusal(tenant))
    response = client_for(tenant.officer).post(
        reverse("complaints:answer", args=[complaint.pk]), {"answer-answer": "Sorry."}
    )
    assert response.status_code == 400
    assert "cannot go to" in response.content.decode()


def test_another_municipality_gets_404_everywhere(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    decision = refusal(here)
    complaint = appeal(here, decision)
    client = client_for(there.officer)
    assert client.get(reverse("complaints:new", args=[decision.case_id])).status_code == 404
    assert client.post(reverse("complaints:new", args=[decision.case_id]), register_data()).status_code == 404
    assert client.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 404
    for name in (
        "mend",
        "late_excuse",
        "start_reassessment",
        "reassessment",
        "judgement",
        "consent",
        "outcome",
        "answer",
        "withdraw",
    ):
        response = client.post(reverse(f"complaints:{name}", args=[complaint.pk]), {"action": "uphold"})
        assert response.status_code == 404, name
    complaint.refresh_from_db()
    assert complaint.status == S.REGISTERED
    assert complaint.version == 1


def test_coordinator_of_the_family_may_read_but_not_act(tenant: Tenant) -> None:
    complaint = appeal(tenant, refusal(tenant))
    from knutepunkt.coordination.tests.factories import CoordinatorAssignmentFactory

    CoordinatorAssignmentFactory.create(family=tenant.other_family, coordinator=tenant.coordinator)
    client = client_for(tenant.coordinator)
    page = client.get(reverse("complaints:detail", args=[complaint.pk]))
    assert page.status_code == 200
    assert 'action="' + reverse("complaints:withdraw", args=[complaint.pk]) not in page.content.decode()
    assert client.post(reverse("complaints:withdraw", args=[complaint.pk]), {}).status_code == 403
    assert (
        client_for(tenant.service_contact).get(reverse("complaints:detail", args=[complaint.pk])).status_code
        == 404
    )


def _section_queries(t: Tenant) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        html = render_to_string(
            "complaints/worklist_section.html",
            {"complaints": selectors.open_complaints(actor=Actor(t.officer))},
        )
    return len(queries), html


def test_worklist_section_lists_open_complaints_with_a_flat_query_count(tenant: Tenant) -> None:
    decision = refusal(tenant)
    appeal(tenant, decision)
    few, html = _section_queries(tenant)
    assert html.count("<tr>") == 2  # header and one row
    for _ in range(4):
        appeal(
            tenant,
            decision,
            signed=False,
            mend_by=TODAY + datetime.timedelta(days=3),
            help_given="Explained.",
        )
    closed = appeal(tenant, decision)
    services.withdraw_complaint(actor=Actor(tenant.officer), complaint_id=closed.pk)
    many, html = _section_queries(tenant)
    assert many == few
    assert html.count("<tr>") == 6  # the withdrawn one is not open
    assert '<th scope="col">' in html
    assert format_date(TODAY + datetime.timedelta(days=3), "SHORT_DATE_FORMAT") in html


def test_worklist_marks_overdue(tenant: Tenant) -> None:
    known = TODAY - datetime.timedelta(days=60)
    decision = refusal(tenant, decided_on=known, known_on=known)
    appeal(tenant, decision, lodged_on=known + datetime.timedelta(days=1))
    rows = selectors.open_complaints(actor=Actor(tenant.officer)).rows
    assert rows[0].overdue
    assert (rows[0].days_left or 0) < 0
    assert "Overdue" in _section_queries(tenant)[1]


def complaints_logged() -> int:
    return AccessEvent.objects.filter(object_type="complaints.complaint", action=AccessAction.LIST).count()


def test_the_worklist_shows_complaints_50_a_page_and_logs_only_those_shown(tenant: Tenant) -> None:
    decision = refusal(tenant)
    # Lodged the same day, so equally urgent: they keep the order they came in.
    complaints = [appeal(tenant, decision) for _ in range(WORKLIST_PAGE_SIZE + 1)]
    first, last = (reverse("complaints:detail", args=[c.pk]) for c in (complaints[0], complaints[-1]))
    client = client_for(tenant.officer)
    page_1 = client.get(reverse("intake:worklist")).content.decode()
    assert f'Complaints <span class="kp-count">({WORKLIST_PAGE_SIZE + 1})</span>' in page_1
    assert f'href="{first}"' in page_1
    assert f'href="{last}"' not in page_1
    assert 'href="?complaints_page=2#section-complaints"' in page_1
    assert complaints_logged() == WORKLIST_PAGE_SIZE
    page_2 = client.get(reverse("intake:worklist"), {"complaints_page": "2"}).content.decode()
    assert f'href="{last}"' in page_2
    assert f'href="{first}"' not in page_2
    assert "Page 2 of 2" in page_2
    assert 'href="?complaints_page=1#section-complaints"' in page_2
    assert complaints_logged() == WORKLIST_PAGE_SIZE + 1


def test_the_worklist_does_the_same_work_with_one_page_or_many_of_complaints(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake_selectors, "WORKLIST_PAGE_SIZE", 2)
    decision = refusal(tenant)
    client = client_for(tenant.officer)

    def work() -> tuple[int, int]:
        before = AccessEvent.objects.count()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("intake:worklist")).status_code == 200
        return len(queries), AccessEvent.objects.count() - before

    for _ in range(2):
        appeal(tenant, decision)
    work()  # the municipality's first logged read starts its audit chain
    one_page = work()
    for _ in range(5):
        appeal(tenant, decision)
    four_pages = work()
    assert four_pages == one_page
    assert complaints_logged() == 3 * 2
