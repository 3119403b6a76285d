"""Complaints from registration to the end: deadlines, defects, reassessment, forwarding with the
bundle, the appeal body's outcome, quality complaints, Iceland's GEV, and every refusal."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.complaints import services
from knutepunkt.complaints.models import Complaint, ComplaintChannel, ComplaintKind, ComplaintStatus
from knutepunkt.complaints.tests.factories import REFUSAL_REASONS, TODAY, appeal, refusal
from knutepunkt.conftest import Tenant
from knutepunkt.core.errors import ConflictError, DomainError
from knutepunkt.intake import services as intake_services
from knutepunkt.intake.documents import read_stored
from knutepunkt.intake.models import CaseEvent, CaseStatus, DocumentKind, Outcome
from knutepunkt.intake.tests.factories import NORWEGIAN_YES, consent_all
from knutepunkt.tenancy.models import Country

pytestmark = pytest.mark.django_db

S = ComplaintStatus


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


# --- Deadlines --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("known_on", "deadline"),
    [
        (datetime.date(2025, 3, 10), datetime.date(2025, 4, 7)),  # an ordinary four weeks
        (datetime.date(2025, 1, 31), datetime.date(2025, 2, 28)),  # across a month end
        (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),  # ends on a leap day
        (datetime.date(2024, 2, 15), datetime.date(2024, 3, 14)),  # across a leap February
    ],
)
def test_norwegian_appeal_deadline_is_four_weeks_from_when_the_family_knew(
    tenant: Tenant, known_on: datetime.date, deadline: datetime.date
) -> None:
    decision = refusal(tenant, decided_on=known_on - datetime.timedelta(days=2), known_on=known_on)
    in_time = appeal(tenant, decision, lodged_on=deadline)
    assert in_time.deadline == deadline
    assert in_time.in_time is True
    assert in_time.status == S.REGISTERED
    assert in_time.lodge_with == "municipality"
    assert in_time.decided_by_body == "Statsforvalteren"
    assert in_time.known_on == known_on

    late = appeal(tenant, decision, lodged_on=deadline + datetime.timedelta(days=1), late_excuse="")
    assert late.deadline == deadline
    assert late.in_time is False
    assert late.status == S.REGISTERED  # late is still registered; § 7-7 may let it be heard
    assert late.late_excuse == ""


def test_late_excuse_is_kept_at_registration_or_added_later(tenant: Tenant) -> None:
    known = TODAY - datetime.timedelta(days=40)
    decision = refusal(tenant, decided_on=known, known_on=known)
    late = appeal(tenant, decision, lodged_on=TODAY, late_excuse="The mother was in hospital with the child.")
    assert late.in_time is False
    assert late.late_excuse == "The mother was in hospital with the child."

    later = appeal(tenant, decision, lodged_on=TODAY)
    services.record_late_excuse(
        actor=Actor(tenant.officer), complaint_id=later.pk, excuse="The letter came late."
    )
    later.refresh_from_db()
    assert later.late_excuse == "The letter came late."
    assert later.version == 2

    on_time = appeal(tenant, decision, lodged_on=known)
    with pytest.raises(DomainError) as error:
        services.record_late_excuse(actor=Actor(tenant.officer), complaint_id=on_time.pk, excuse="x")
    assert error.value.code == "not_late"


def test_a_complaint_dated_before_its_decision_is_refused_and_nothing_is_saved(tenant: Tenant) -> None:
    decided = TODAY - datetime.timedelta(days=10)
    decision = refusal(tenant, decided_on=decided, known_on=decided + datetime.timedelta(days=3))
    events_before = CaseEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        appeal(tenant, decision, lodged_on=decided - datetime.timedelta(days=1))
    assert "before the decision it is about was made" in error.value.message_dict["lodged_on"][0]
    with pytest.raises(ValidationError) as error:
        appeal(tenant, decision, lodged_on=decided + datetime.timedelta(days=1))
    assert "before the family knew of the decision" in error.value.message_dict["lodged_on"][0]
    with pytest.raises(ValidationError) as error:
        appeal(tenant, decision, lodged_on=TODAY + datetime.timedelta(days=1))
    assert "in the future" in error.value.message_dict["lodged_on"][0]
    assert not Complaint.objects.exists()
    assert CaseEvent.objects.count() == events_before


def test_an_appeal_needs_a_decision(tenant: Tenant) -> None:
    from knutepunkt.intake.tests.factories import open_case

    case = open_case(tenant)
    with pytest.raises(DomainError) as error:
        services.register_complaint(
            actor=Actor(tenant.officer),
            case_id=case.pk,
            kind=ComplaintKind.APPEAL,
            channel=ComplaintChannel.LETTER,
            lodged_on=TODAY,
            complainant="The father",
            written=True,
            signed=True,
            what="Slow",
            change_wanted="Faster",
        )
    assert error.value.code == "no_decision"
    assert not Complaint.objects.exists()


# --- Defects: a complaint that lacks something ------------------------------------------------


def test_unsigned_complaint_waits_for_mending_with_a_date_and_help_recorded(tenant: Tenant) -> None:
    decision = refusal(tenant)
    mend_by = TODAY + datetime.timedelta(days=14)
    with pytest.raises(ValidationError) as error:
        appeal(tenant, decision, signed=False, change_wanted="")
    assert set(error.value.message_dict) == {"mend_by", "help_given"}
    assert not Complaint.objects.exists()

    complaint = appeal(
        tenant,
        decision,
        signed=False,
        change_wanted="",
        mend_by=mend_by,
        help_given="Phoned the mother: she will sign and say what she wants by post.",
    )
    assert complaint.status == S.AWAITING_MENDING
    assert complaint.defects == ["not_signed", "change_wanted_missing"]
    assert complaint.mend_by == mend_by
    assert complaint.help_given.startswith("Phoned the mother")
    assert complaint.in_time is True

    complaint = services.mend_complaint(
        actor=Actor(tenant.officer),
        complaint_id=complaint.pk,
        written=True,
        signed=True,
        what=complaint.what,
        change_wanted="A child coordinator.",
        expected_version=complaint.version,
    )
    assert complaint.status == S.REGISTERED
    assert complaint.defects == []
    assert complaint.mended_on == TODAY
    assert complaint.in_time is True  # completed by the date set: keeps the day it first came in


def test_oral_this_is_wrong_is_not_yet_a_complaint(tenant: Tenant) -> None:
    decision = refusal(tenant)
    complaint = appeal(
        tenant,
        decision,
        channel=ComplaintChannel.ORAL,
        written=False,
        signed=False,
        what="“This is wrong.”",
        change_wanted="",
        mend_by=TODAY + datetime.timedelta(days=7),
        help_given="Explained how to complain; offered to write it down with her on Monday.",
    )
    assert complaint.status == S.AWAITING_MENDING
    assert complaint.defects[0] == "not_written"
    with pytest.raises(DomainError) as error:
        services.start_reassessment(actor=Actor(tenant.officer), complaint_id=complaint.pk)
    assert error.value.code == "illegal_step"


def test_mending_only_part_of_it_keeps_it_waiting(tenant: Tenant) -> None:
    decision = refusal(tenant)
    complaint = appeal(
        tenant,
        decision,
        written=False,
        signed=False,
        change_wanted="",
        mend_by=TODAY + datetime.timedelta(days=7),
        help_given="Explained.",
    )
    complaint = services.mend_complaint(
        actor=Actor(tenant.officer),
        complaint_id=complaint.pk,
        written=True,
        signed=False,
        what=complaint.what,
        change_wanted="A coordinator.",
    )
    assert complaint.status == S.AWAITING_MENDING
    assert complaint.defects == ["not_signed"]


# --- Reassessment: reverse or uphold and forward ----------------------------------------------


def _reassessing(t: Tenant, **kwargs: Any) -> Complaint:
    complaint = appeal(t, refusal(t), **kwargs)
    return services.start_reassessment(actor=Actor(t.officer), complaint_id=complaint.pk)


def test_reverse_makes_a_new_decision_superseding_the_old_and_the_case_is_decided(tenant: Tenant) -> None:
    complaint = _reassessing(tenant)
    old = complaint.decision
    assert old is not None
    actor = Actor(tenant.officer)
    # The refusal rested on the judgements; while reassessing, they are made again and consent given.
    for key, value in NORWEGIAN_YES.items():
        intake_services.record_judgement(
            actor=actor,
            case_id=complaint.case_id,
            key=key,
            value=value,
            reason="Seen again after the complaint",
        )
    with pytest.raises(DomainError) as error:
        services.reverse_decision(
            actor=actor,
            complaint_id=complaint.pk,
            reasons="We agree with the family.",
            arrangement="barnekoordinator",
            coordinator_id=tenant.coordinator.pk,
        )
    assert error.value.code == "consent_missing"
    consent_all(tenant, complaint.case)

    new = services.reverse_decision(
        actor=actor,
        complaint_id=complaint.pk,
        reasons="We agree with the family: the services must be coordinated.",
        arrangement="barnekoordinator",
        coordinator_id=tenant.coordinator.pk,
    )
    assert new.supersedes == old
    assert new.outcome == Outcome.GRANTED
    complaint.refresh_from_db()
    assert complaint.status == S.REVERSED
    assert complaint.new_decision == new
    complaint.case.refresh_from_db()
    assert complaint.case.status == CaseStatus.DECIDED
    kinds = list(CaseEvent.objects.filter(case=complaint.case).values_list("kind", flat=True))
    assert kinds[-2:] == ["decided", "complaint_decision_changed"]


def test_reverse_reopens_a_closed_case(tenant: Tenant) -> None:
    decision = refusal(tenant)
    actor = Actor(tenant.officer)
    intake_services.close_case(actor=actor, case_id=decision.case_id, reason="Refused.")
    complaint = appeal(tenant, decision)
    with pytest.raises(DomainError):  # a closed case takes no judgements until a complaint is reassessed
        intake_services.record_judgement(
            actor=actor, case_id=decision.case_id, key="long_term", value=True, reason="r"
        )
    services.start_reassessment(actor=actor, complaint_id=complaint.pk)
    for key, value in NORWEGIAN_YES.items():
        intake_services.record_judgement(
            actor=actor, case_id=decision.case_id, key=key, value=value, reason="Seen again"
        )
    consent_all(tenant, decision.case)
    new = services.reverse_decision(
        actor=actor,
        complaint_id=complaint.pk,
        reasons="Changed after the complaint.",
        arrangement="barnekoordinator",
        coordinator_id=tenant.coordinator.pk,
    )
    decision.case.refresh_from_db()
    assert decision.case.status == CaseStatus.DECIDED
    assert new.supersedes_id == decision.pk


def test_uphold_forwards_with_a_bundle_and_tells_the_family_without_content(
    tenant: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    tenant.other_family.language = "en"
    tenant.other_family.save()
    complaint = _reassessing(tenant)
    reassessment = "The municipality has looked again and finds the refusal right: the GP coordinates well."
    with django_capture_on_commit_callbacks(execute=True):
        complaint = services.uphold_and_forward(
            actor=Actor(tenant.officer), complaint_id=complaint.pk, reassessment=reassessment
        )
    assert complaint.status == S.FORWARDED
    assert complaint.forwarded_on == TODAY
    assert complaint.bundle is not None
    assert complaint.bundle.kind == DocumentKind.COMPLAINT_BUNDLE
    pdf = read_stored(complaint.bundle.stored_name)
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "the school and the GP do not talk to each other" in text  # the complaint
    assert REFUSAL_REASONS in text  # the decision's reasons
    assert "Statsforvalteren" in text
    assert reassessment in text
    assert "§ 7-2" in text

    # The decision letter (queued by the refusal) and the notice both went out; the notice has
    # no attachment and nothing of the case.
    notices = [m for m in mail.outbox if "sent on" in m.subject]
    assert len(notices) == 1
    assert notices[0].attachments == []
    assert reassessment not in notices[0].body
    assert "Statsforvalteren" in notices[0].body
    assert set(notices[0].to) == {g.email for g in tenant.other_family.guardians.all()}


def test_statsforvalteren_outcome_and_a_case_sent_back_is_reassessed_again(tenant: Tenant) -> None:
    complaint = _reassessing(tenant)
    actor = Actor(tenant.officer)
    complaint = services.uphold_and_forward(actor=actor, complaint_id=complaint.pk, reassessment="Kept.")
    with pytest.raises(ValidationError):
        services.record_authority_outcome(
            actor=actor,
            complaint_id=complaint.pk,
            outcome="returned",
            decided_on=TODAY + datetime.timedelta(days=1),
        )
    complaint = services.record_authority_outcome(
        actor=actor, complaint_id=complaint.pk, outcome="returned", decided_on=TODAY
    )
    assert complaint.status == S.DECIDED_BY_AUTHORITY
    assert complaint.authority_outcome == "returned"
    complaint = services.start_reassessment(actor=actor, complaint_id=complaint.pk)
    assert complaint.status == S.REASSESSING


def test_illegal_steps_are_refused_with_a_clear_message(tenant: Tenant) -> None:
    complaint = appeal(tenant, refusal(tenant))
    actor = Actor(tenant.officer)
    with pytest.raises(DomainError) as error:
        services.uphold_and_forward(actor=actor, complaint_id=complaint.pk, reassessment="Kept.")
    assert error.value.code == "illegal_step"
    assert "“Registered” cannot go to “Upheld and sent to the appeal body”" in str(error.value)
    with pytest.raises(DomainError) as error:
        services.answer_quality_complaint(actor=actor, complaint_id=complaint.pk, answer="Sorry.")
    assert error.value.code == "illegal_step"
    with pytest.raises(DomainError) as error:
        services.record_authority_outcome(
            actor=actor, complaint_id=complaint.pk, outcome="upheld", decided_on=TODAY
        )
    assert error.value.code == "illegal_step"
    services.withdraw_complaint(actor=actor, complaint_id=complaint.pk)
    with pytest.raises(DomainError) as error:
        services.start_reassessment(actor=actor, complaint_id=complaint.pk)
    assert error.value.code == "illegal_step"
    complaint.refresh_from_db()
    assert complaint.status == S.WITHDRAWN
    assert complaint.withdrawn_on == TODAY


def test_a_stale_form_is_refused_as_a_conflict(tenant: Tenant) -> None:
    complaint = appeal(tenant, refusal(tenant))
    services.start_reassessment(actor=Actor(tenant.officer), complaint_id=complaint.pk)
    with pytest.raises(ConflictError):
        services.withdraw_complaint(
            actor=Actor(tenant.officer), complaint_id=complaint.pk, expected_version=complaint.version
        )


# --- Complaints about quality -----------------------------------------------------------------


def test_quality_complaint_needs_no_decision_and_is_answered(
    tenant: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    from knutepunkt.intake.tests.factories import open_case

    case = open_case(tenant)
    actor = Actor(tenant.officer)
    complaint = services.register_complaint(
        actor=actor,
        case_id=case.pk,
        kind=ComplaintKind.QUALITY,
        channel=ComplaintChannel.ORAL,
        lodged_on=TODAY,
        complainant="The father",
        written=False,
        signed=False,
        what="Nobody has called us back for three weeks.",
        change_wanted="",
    )
    assert complaint.status == S.REGISTERED
    assert complaint.decision is None
    assert complaint.deadline is None
    assert complaint.in_time is None
    assert complaint.defects == []
    with django_capture_on_commit_callbacks(execute=True):
        complaint = services.answer_quality_complaint(
            actor=actor,
            complaint_id=complaint.pk,
            answer="We are sorry; your coordinator will call tomorrow.",
        )
    assert complaint.status == S.ANSWERED
    assert complaint.answered_on == TODAY
    assert len(mail.outbox) == 1
    assert "har svart på klagen din" in mail.outbox[0].subject  # the family reads bokmål
    assert "call tomorrow" not in mail.outbox[0].body
    with pytest.raises(DomainError):
        services.start_reassessment(actor=actor, complaint_id=complaint.pk)


def test_quality_complaint_must_say_what_it_is_about(tenant: Tenant) -> None:
    from knutepunkt.intake.tests.factories import open_case

    case = open_case(tenant)
    with pytest.raises(ValidationError) as error:
        services.register_complaint(
            actor=Actor(tenant.officer),
            case_id=case.pk,
            kind=ComplaintKind.QUALITY,
            channel=ComplaintChannel.EMAIL,
            lodged_on=TODAY,
            complainant="",
            written=True,
            signed=True,
            what=" ",
            change_wanted="",
        )
    assert set(error.value.message_dict) == {"complainant"}
    assert not Complaint.objects.exists()


# --- Iceland: complaints go to GEV ------------------------------------------------------------


def _icelandic(t: Tenant) -> None:
    t.municipality.country = Country.ICELAND
    t.municipality.language = "is"
    t.municipality.save()


def test_iceland_complaint_goes_to_gev_with_a_year_from_18(tenant: Tenant) -> None:
    _icelandic(tenant)
    birth = TODAY.replace(year=TODAY.year - 10, day=1)
    tenant.other_child.birth_date = birth
    tenant.other_child.save()
    decision = refusal(tenant)
    complaint = appeal(tenant, decision, signed=False, change_wanted="")
    assert complaint.lodge_with == "GEV"
    assert complaint.decided_by_body == "GEV"
    # The year starts at 18 (later than when the family knew), so the deadline is at 19.
    assert complaint.deadline == birth.replace(year=birth.year + 19)
    assert complaint.in_time is True
    assert complaint.status == S.REGISTERED  # unsigned is fine unless the municipality requires it

    actor = Actor(tenant.officer)
    with pytest.raises(DomainError) as error:
        services.start_reassessment(actor=actor, complaint_id=complaint.pk)
    assert error.value.code == "illegal_step"
    assert "GEV" in str(error.value)
    complaint = services.record_authority_outcome(
        actor=actor, complaint_id=complaint.pk, outcome="dismissed", decided_on=TODAY
    )
    assert complaint.status == S.DECIDED_BY_AUTHORITY


def test_iceland_year_runs_from_knowing_when_that_is_after_18(tenant: Tenant) -> None:
    _icelandic(tenant)
    tenant.other_child.birth_date = datetime.date(TODAY.year - 19, 3, 1)
    tenant.other_child.save()
    from knutepunkt.intake.tests.factories import open_case

    case = open_case(tenant)
    known = TODAY - datetime.timedelta(days=20)
    complaint = services.register_complaint(
        actor=Actor(tenant.officer),
        case_id=case.pk,
        kind=ComplaintKind.QUALITY,
        channel=ComplaintChannel.LETTER,
        lodged_on=TODAY,
        complainant="The young person",
        written=True,
        signed=True,
        what="The support team stopped without a plan.",
        change_wanted="",
        known_on=known,
    )
    assert complaint.lodge_with == "GEV"
    assert complaint.deadline == known.replace(year=known.year + 1)


# --- Who may ----------------------------------------------------------------------------------


def test_another_municipality_or_a_non_officer_cannot_touch_a_complaint(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, there = tenants
    decision = refusal(here)
    complaint = appeal(here, decision)
    stranger = Actor(there.officer)
    with pytest.raises(Http404):
        appeal(here, decision, actor=stranger)
    calls = [
        lambda: services.start_reassessment(actor=stranger, complaint_id=complaint.pk),
        lambda: services.withdraw_complaint(actor=stranger, complaint_id=complaint.pk),
        lambda: services.record_late_excuse(actor=stranger, complaint_id=complaint.pk, excuse="x"),
        lambda: services.answer_quality_complaint(actor=stranger, complaint_id=complaint.pk, answer="x"),
        lambda: services.uphold_and_forward(actor=stranger, complaint_id=complaint.pk, reassessment="x"),
        lambda: services.record_authority_outcome(
            actor=stranger, complaint_id=complaint.pk, outcome="upheld", decided_on=TODAY
        ),
    ]
    for call in calls:
        with pytest.raises(Http404):
            call()
    with pytest.raises(PermissionDenied):
        services.start_reassessment(actor=Actor(here.coordinator), complaint_id=complaint.pk)
    complaint.refresh_from_db()
    assert complaint.status == S.REGISTERED


def test_every_step_is_in_the_case_history_and_the_access_log(tenant: Tenant) -> None:
    complaint = appeal(tenant, refusal(tenant))
    services.start_reassessment(actor=Actor(tenant.officer), complaint_id=complaint.pk)
    kinds = list(
        CaseEvent.objects.filter(case=complaint.case, kind__startswith="complaint_").values_list(
            "kind", flat=True
        )
    )
    assert kinds == ["complaint_registered", "complaint_reassessment_started"]
    logged = AccessEvent.objects.filter(object_type="complaints.complaint", action=AccessAction.CHANGE)
    assert logged.count() == 2
    assert {e.object_id for e in logged} == {str(complaint.pk)}


def test_a_superseded_decision_cannot_be_complained_about(tenant: Tenant) -> None:
    complaint = _reassessing(tenant)
    for key, value in NORWEGIAN_YES.items():
        intake_services.record_judgement(
            actor=Actor(tenant.officer), case_id=complaint.case_id, key=key, value=value, reason="r"
        )
    consent_all(tenant, complaint.case)
    services.reverse_decision(
        actor=Actor(tenant.officer),
        complaint_id=complaint.pk,
        reasons="Changed.",
        arrangement="barnekoordinator",
        coordinator_id=tenant.coordinator.pk,
    )
    old = complaint.decision
    assert old is not None
    with pytest.raises(ValidationError) as error:
        appeal(tenant, old, lodged_on=TODAY)
    assert "replaced by a newer one" in error.value.message_dict["decision"][0]
