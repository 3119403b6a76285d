"""Handover at a change of life stage: access moves on the handover date, in both directions,
and the new coordinator sees the history the old one wrote."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.access.policy import visible_families
from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.coordination import services
from knutepunkt.coordination.models import ContactKind, CoordinatorAssignment, HandoverItem, HandoverReason

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def log_contact(t: Tenant, summary: str) -> None:
    services.record_contact(
        actor=Actor(t.coordinator),
        family_id=t.family.pk,
        contact=services.ContactInput(
            occurred_on=TODAY, kind=ContactKind.HOME_VISIT, people="Mother, child", summary=summary
        ),
    )


def stage_change(t: Tenant, on: datetime.date, *, by: Actor | None = None) -> None:
    services.hand_over(
        actor=by or Actor(t.coordinator),
        family_id=t.family.pk,
        from_assignment_id=t.assignment.pk,
        to_coordinator_id=t.other_coordinator.pk,
        handover_on=on,
        reason=HandoverReason.STAGE_CHANGE,
        checklist=[HandoverItem.HISTORY_READ, HandoverItem.FAMILY_TOLD],
        note="Starts school in August",
    )


def test_handover_today_moves_access_both_ways_and_the_new_coordinator_sees_the_history(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, _ = tenants
    log_contact(here, "Talked about the move to first grade")
    old, new = client_for(here.coordinator), client_for(here.other_coordinator)
    child_page = reverse("people:child_detail", args=[here.child.pk])
    desk_page = reverse("coordination:family", args=[here.family.pk])
    # Before: the old coordinator sees the family, the new one does not.
    assert old.get(child_page).status_code == 200
    assert new.get(desk_page).status_code == 404

    stage_change(here, TODAY)

    # After: the old coordinator gets 404 from the handover date, the new one sees it all.
    assert old.get(child_page).status_code == 404
    assert old.get(desk_page).status_code == 404
    assert here.family not in visible_families(here.coordinator)
    page = new.get(desk_page)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Talked about the move to first grade" in text  # written by the old coordinator
    assert "Starts school in August" in text
    assert new.get(child_page).status_code == 200
    # The refused attempt by the old coordinator is in the family's access log.
    assert AccessEvent.objects.filter(
        actor=here.coordinator, family=here.family, action=AccessAction.DENIED
    ).exists()


def test_handover_set_for_tomorrow_keeps_todays_access_as_it_is(tenant: Tenant) -> None:
    stage_change(tenant, TODAY + datetime.timedelta(days=1))
    assert tenant.family in visible_families(tenant.coordinator)
    assert tenant.family not in visible_families(tenant.other_coordinator)
    tomorrow = TODAY + datetime.timedelta(days=1)
    active_then = CoordinatorAssignment.objects.active_on(tomorrow).get(family=tenant.family)
    assert active_then.coordinator == tenant.other_coordinator
    assert active_then.kind == tenant.assignment.kind


def test_only_the_current_coordinator_or_the_unit_hands_over(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    with pytest.raises(PermissionDenied):
        stage_change(here, TODAY, by=Actor(here.leader))
    with pytest.raises(PermissionDenied):
        stage_change(here, TODAY, by=Actor(here.service_contact))
    from django.http import Http404

    with pytest.raises(Http404):
        stage_change(here, TODAY, by=Actor(there.officer))
    stage_change(here, TODAY, by=Actor(here.officer))
    assert (
        CoordinatorAssignment.objects.active_on(TODAY).get(family=here.family).coordinator
        == here.other_coordinator
    )


def test_handover_to_the_same_coordinator_or_before_the_start_is_refused(tenant: Tenant) -> None:
    with pytest.raises(ValidationError) as error:
        services.hand_over(
            actor=Actor(tenant.coordinator),
            family_id=tenant.family.pk,
            from_assignment_id=tenant.assignment.pk,
            to_coordinator_id=tenant.coordinator.pk,
            handover_on=tenant.assignment.starts_on,
            reason=HandoverReason.COORDINATOR_LEAVING,
        )
    assert set(error.value.message_dict) == {"to_coordinator", "handover_on"}
    tenant.assignment.refresh_from_db()
    assert tenant.assignment.ends_on is None


def test_the_checklist_is_ticked_off_on_the_family_page(tenant: Tenant) -> None:
    stage_change(tenant, TODAY + datetime.timedelta(days=3))
    handover = tenant.family.handovers.get()
    client = client_for(tenant.coordinator)
    response = client.post(
        reverse("coordination:handover_checklist", args=[handover.pk]), {"checklist": HandoverItem.values}
    )
    assert response.status_code == 302
    handover.refresh_from_db()
    assert handover.checklist_complete


def test_handover_page_records_the_handover(tenant: Tenant) -> None:
    client = client_for(tenant.coordinator)
    url = reverse("coordination:handover", args=[tenant.family.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"from_assignment": tenant.assignment.pk, "reason": "stage_change"})
    assert bad.status_code == 400
    assert tenant.family.handovers.count() == 0
    response = client.post(
        url,
        {
            "from_assignment": tenant.assignment.pk,
            "to_coordinator": tenant.other_coordinator.pk,
            "handover_on": (TODAY + datetime.timedelta(days=7)).isoformat(),
            "reason": "coordinator_leaving",
            "checklist": ["history_read"],
        },
    )
    assert response.status_code == 302
    assert tenant.family.handovers.get().checklist == ["history_read"]
