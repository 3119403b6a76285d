"""Everything a person does to a case: register a request, assess, record consent, decide,
appoint, close. Each is one transaction that writes the case history and the access log."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_case_for, get_child_for, get_own_case_for, get_own_child_for
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import record_access
from knutepunkt.coordination.models import CoordinatorAssignment, CoordinatorKind
from knutepunkt.core.errors import ConflictError, DomainError
from knutepunkt.intake.assessment import assess_case
from knutepunkt.intake.models import (
    AppointmentConsent,
    Arrangement,
    Case,
    CaseDocument,
    CaseEvent,
    CaseStatus,
    Channel,
    ConsentChannel,
    Decision,
    DocumentKind,
    Judgement,
    Outcome,
)
from knutepunkt.intake.states import check_step
from knutepunkt.people.models import Child, Guardian, Role, User
from knutepunkt.people.selectors import purpose_for
from knutepunkt.people.services import ChildInput, GuardianInput, register_family

# The municipality must tell the family and offer an assessment when it learns they may be
# entitled (DOMAIN.md, How it goes 2). No law sets the time: a municipality setting [U].
DEFAULT_DAYS_TO_INFORM = 14


@dataclass(frozen=True)
class NewFamily:
    """A family not yet known to the municipality, registered with the request."""

    family_name: str
    language: str
    child: ChildInput
    guardians: list[GuardianInput]
    street_address: str = ""
    postal_code: str = ""
    postal_town: str = ""


def _require_officer(user: User) -> None:
    if user.role != Role.OFFICER or user.municipality_id is None:
        raise PermissionDenied


def _log_step(*, actor: Actor, case: Case, kind: str, old: str, new: str, note: str = "") -> None:
    CaseEvent.objects.create(
        municipality_id=case.municipality_id,
        case=case,
        actor=actor.user,
        kind=kind,
        from_status=old,
        to_status=new,
        note=note,
        version=case.version,
    )
    record_access(
        actor=actor,
        family=case.family,
        obj=case,
        child=case.child,
        action=AccessAction.CHANGE,
        purpose=purpose_for(actor.user),
    )


def _move(*, actor: Actor, case: Case, to: CaseStatus, kind: str, note: str = "") -> None:
    old = case.status
    check_step(old, to)
    case.status = to
    case.version += 1
    case.save(update_fields=["status", "version"])
    _log_step(actor=actor, case=case, kind=kind, old=old, new=to, note=note)


def _check_version(case: Case, expected_version: int | None) -> None:
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this case while you were working on it. "
                "Your input is kept below: check the case and save again."
            ),
            code="stale_case",
        )


def _under_reassessment(case: Case) -> bool:
    """A complaint on the case is being reassessed: the municipality may judge again and record
    consent, so that it can reverse a decision it now finds wrong (complaints.services)."""
    return case.complaints.filter(status="reassessing").exists()


def lock_case_for(user: User, case_id: int) -> Case:
    """The case if this user may change it (404 alike otherwise), re-read under a row lock so
    two saves cannot both pass the version check. A family member acting for the family (the
    family's pages: a complaint) reaches only their own family's cases."""
    if user.role:
        get_case_for(user, case_id, for_write=True)
    else:
        get_own_case_for(user, case_id, for_write=True)
    return Case.objects.select_for_update().select_related("family", "child", "municipality").get(pk=case_id)


def register_request(
    *,
    actor: Actor,
    channel: Channel,
    received_on: datetime.date,
    child_id: int | None = None,
    new_family: NewFamily | None = None,
    requested_by: str = "",
    summary: str = "",
    referrer_kind: str = "",
    referrer_name: str = "",
    referrer_organisation: str = "",
    inform_family_by: datetime.date | None = None,
) -> Case:
    """Take in a request however it came: asked by phone, in person, by letter or e-mail; a
    referral from a GP, health nurse, midwife or hospital; the municipality's own initiative; or
    the family's electronic request. Either an existing child or a new family is given."""
    user = actor.user
    if channel != Channel.ELECTRONIC:
        _require_officer(user)
    if (child_id is None) == (new_family is None):
        raise DomainError(_("Choose a known child or register a new family, not both."), code="child_choice")
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if received_on > today:
        errors.setdefault("received_on", []).append(str(_("The date received is in the future.")))
    if channel == Channel.REFERRAL and not referrer_kind:
        errors.setdefault("referrer_kind", []).append(str(_("Say who made the referral.")))
    if channel != Channel.REFERRAL and referrer_kind:
        errors.setdefault("referrer_kind", []).append(str(_("Only a referral has a referrer.")))
    if channel == Channel.OWN_INITIATIVE and inform_family_by is None:
        inform_family_by = received_on + datetime.timedelta(days=DEFAULT_DAYS_TO_INFORM)
    if inform_family_by is not None and inform_family_by < received_on:
        errors.setdefault("inform_family_by", []).append(
            str(_("The date to inform the family by is before the request came in."))
        )
    if errors and new_family is None:
        raise ValidationError(errors)
    with transaction.atomic():
        if new_family is not None:
            # The new family is validated too before anything is refused, so the person sees every
            # error at once; a refusal raised here rolls the family back with the rest.
            try:
                child: Child = register_family(
                    actor=actor,
                    family_name=new_family.family_name,
                    language=new_family.language,
                    child=new_family.child,
                    guardians=new_family.guardians,
                    street_address=new_family.street_address,
                    postal_code=new_family.postal_code,
                    postal_town=new_family.postal_town,
                )
            except ValidationError as error:
                for key, messages in error.message_dict.items():
                    errors.setdefault(key, []).extend(messages)
                raise ValidationError(errors) from error
            if errors:
                raise ValidationError(errors)
        else:
            assert child_id is not None
            # The family's own electronic request reaches only its own children (policy.own_*).
            if channel == Channel.ELECTRONIC and not user.role:
                child = get_own_child_for(user, child_id, for_write=True)
            else:
                child = get_child_for(user, child_id, for_write=True)
        if Case.objects.filter(child=child).exclude(status=CaseStatus.CLOSED).exists():
            raise DomainError(
                _("This child already has an open case. Add to that case instead."), code="open_case_exists"
            )
        case = Case.objects.create(
            municipality_id=child.municipality_id,
            family=child.family,
            child=child,
            channel=channel,
            received_on=received_on,
            requested_by=requested_by.strip(),
            summary=summary.strip(),
            referrer_kind=referrer_kind,
            referrer_name=referrer_name.strip(),
            referrer_organisation=referrer_organisation.strip(),
            inform_family_by=inform_family_by if channel == Channel.OWN_INITIATIVE else None,
            created_by=user,
        )
        _log_step(actor=actor, case=case, kind="registered", old="", new=CaseStatus.REQUESTED, note=channel)
    return case


def record_family_informed(*, actor: Actor, case_id: int, informed_on: datetime.date) -> Case:
    """Own initiative: the family has been told and offered an assessment."""
    _require_officer(actor.user)
    with transaction.atomic():
        case = lock_case_for(actor.user, case_id)
        if informed_on > timezone.localdate():
            raise ValidationError({"informed_on": [str(_("The date is in the future."))]})
        if informed_on < case.received_on:
            raise ValidationError({"informed_on": [str(_("The date is before the case was registered."))]})
        case.family_informed_on = informed_on
        case.version += 1
        case.save(update_fields=["family_informed_on", "version"])
        _log_step(actor=actor, case=case, kind="family_informed", old=case.status, new=case.status)
    return case


def start_assessment(*, actor: Actor, case_id: int) -> Case:
    _require_officer(actor.user)
    with transaction.atomic():
        case = lock_case_for(actor.user, case_id)
        _move(actor=actor, case=case, to=CaseStatus.ASSESSING, kind="assessment_started")
    return case


def record_judgement(
    *,
    actor: Actor,
    case_id: int,
    key: str,
    value: bool | None,
    reason: str,
    expected_version: int | None = None,
) -> Case:
    """Record one professional judgement with its short reason. ``None`` clears it."""
    from knutepunkt.intake.assessment import judgement_keys

    _require_officer(actor.user)
    with transaction.atomic():
        case = lock_case_for(actor.user, case_id)
        _check_version(case, expected_version)
        if key not in judgement_keys(case.municipality.country):
            raise DomainError(_("Unknown judgement."), code="unknown_judgement")
        if case.status != CaseStatus.ASSESSING and not _under_reassessment(case):
            raise DomainError(
                _("Judgements are recorded while the case is being assessed."), code="not_assessing"
            )
        if value is not None and not reason.strip():
            raise ValidationError({"reason": [str(_("Give a short reason for the judgement."))]})
        Judgement.objects.update_or_create(
            case=case,
            key=key,
            defaults={
                "municipality_id": case.municipality_id,
                "value": value,
                "reason": reason.strip(),
                "judged_by": actor.user,
                "judged_at": timezone.now(),
            },
        )
        case.version += 1
        case.save(update_fields=["version"])
        _log_step(actor=actor, case=case, kind="judgement", old=case.status, new=case.status, note=key)
    return case


def record_child_view(*, actor: Actor, case_id: int, view: str, heard_on: datetime.date) -> Case:
    """The child's own view, heard from age 7 at the latest (pbrl § 4-4, barneloven § 31)."""
    _require_officer(actor.user)
    with transaction.atomic():
        case = lock_case_for(actor.user, case_id)
        if heard_on > timezone.localdate():
            raise ValidationError({"heard_on": [str(_("The date is in the future."))]})
        case.child_view = view.strip()
        case.child_heard_on = heard_on
        case.version += 1
        case.save(update_fields=["child_view", "child_heard_on", "version"])
        _log_step(actor=actor, case=case, kind="child_heard", old=case.status, new=case.status)
    return case


def record_appointment_consent(
    *,
    actor: Actor,
    case_id: int,
    guardian_id: int,
    given_on: datetime.date,
    channel: ConsentChannel,
) -> AppointmentConsent:
    _require_officer(actor.user)
    with transaction.atomic():
        case = lock_case_for(actor.user, case_id)
        guardian = Guardian.objects.filter(family_id=case.family_id, pk=guardian_id).first()
        if guardian is None:
            raise DomainError(_("That guardian is not in this family."), code="guardian_not_in_family")
        if not (guardian.has_parental_responsibility or guardian.relation == "child_welfare"):
            raise DomainError(
                _("Only a guardian with parental responsibility, or child welfare, can consent."),
                code="no_responsibility",
            )
        if given_on > timezone.localdate():
            raise ValidationError({"given_on": [str(_("The date is in the future."))]})
        if case.status in (CaseStatus.CLOSED, CaseStatus.ACTIVE) and not _under_reassessment(case):
            raise DomainError(_("Consent to appointment is recorded before the decision."), code="case_state")
        if AppointmentConsent.objects.filter(
            case=case, guardian=guardian, withdrawn_on__isnull=True
        ).exists():
            raise DomainError(_("This guardian's consent is already recorded."), code="consent_exists")
        consent = AppointmentConsent.objects.create(
            municipality_id=case.municipality_id,
            case=case,
            guardian=guardian,
            given_on=given_on,
            channel=channel,
            recorded_by=actor.user,
        )
        case.version += 1
        case.save(update_fields=["version"])
        _log_step(
            actor=actor,
            case=case,
            kind="consent_recorded",
            old=case.status,
            new=case.status,
            note=str(guardian),
        )
    return consent


def withdraw_appointment_consent(*, actor: Actor, case_id: int, consent_id: int) -> None:
    _require_officer(actor.user)
    with transaction.atomic():
        case = lock_case_for(actor.user, case_id)
        consent = AppointmentConsent.objects.filter(
            case=case, pk=consent_id, withdrawn_on__isnull=True
        ).first()
        if consent is None:
            raise DomainError(_("There is no such consent on this case."), code="no_consent")
        consent.withdrawn_on = timezone.localdate()
        consent.save(update_fields=["withdrawn_on"])
        case.version += 1
        case.save(update_fields=["version"])
        _log_step(actor=actor, case=case, kind="consent_withdrawn", old=case.status, new=case.status)


def decide_case(
    *,
    actor: Actor,
    case_id: int,
    outcome: Outcome,
    reasons: str,
    decided_on: datetime.date,
    known_on: datetime.date | None = None,
    arrangement: Arrangement | str = "",
    individual_plan: bool = False,
    coordinator_id: int | None = None,
    expected_version: int | None = None,
    supersedes: Decision | None = None,
) -> Decision:
    """Decide the case. A grant names the arrangement and the coordinator and needs complete
    consent; every decision stores the rules' criteria as they stood, and queues the letter."""
    user = actor.user
    _require_officer(user)
    with transaction.atomic():
        case = lock_case_for(actor.user, case_id)
        _check_version(case, expected_version)
        result = assess_case(case, today=decided_on)
        errors: dict[str, list[str]] = {}
        if decided_on > timezone.localdate():
            errors.setdefault("decided_on", []).append(str(_("The decision date is in the future.")))
        if decided_on < case.received_on:
            errors.setdefault("decided_on", []).append(str(_("The decision date is before the request.")))
        known = known_on or decided_on
        if known < decided_on:
            errors.setdefault("known_on", []).append(
                str(_("The family cannot have known of the decision before it was made."))
            )
        if not reasons.strip():
            errors.setdefault("reasons", []).append(str(_("Give the reasons for the decision.")))
        coordinator: User | None = None
        if outcome == Outcome.GRANTED:
            if not arrangement:
                errors.setdefault("arrangement", []).append(str(_("Choose the arrangement granted.")))
            elif not result.entitled_to(arrangement):
                errors.setdefault("arrangement", []).append(
                    str(_("The assessment does not show the family is entitled to this arrangement."))
                )
            if coordinator_id is None:
                errors.setdefault("coordinator", []).append(str(_("Name the coordinator.")))
            else:
                coordinator = User.objects.filter(
                    pk=coordinator_id,
                    municipality_id=case.municipality_id,
                    role=Role.COORDINATOR,
                    is_active=True,
                ).first()
                if coordinator is None:
                    errors.setdefault("coordinator", []).append(
                        str(_("Choose an active coordinator of this municipality."))
                    )
        if errors:
            raise ValidationError(errors)
        if outcome == Outcome.GRANTED and not result.may_appoint:
            raise DomainError(
                _("A coordinator can only be appointed with consent. Missing: %(missing)s")
                % {"missing": ", ".join(result.consent_missing_labels)},
                code="consent_missing",
            )
        if supersedes is None:
            check_step(case.status, CaseStatus.DECIDED)
        decision = Decision.objects.create(
            municipality_id=case.municipality_id,
            case=case,
            outcome=outcome,
            arrangement=arrangement if outcome == Outcome.GRANTED else "",
            individual_plan=individual_plan and outcome == Outcome.GRANTED,
            coordinator=coordinator,
            reasons=reasons.strip(),
            criteria=result.criteria_for_storage(),
            decided_on=decided_on,
            decided_by=user,
            known_on=known,
            letter_language=case.family.language,
            supersedes=supersedes,
        )
        _move(actor=actor, case=case, to=CaseStatus.DECIDED, kind="decided", note=outcome)
        from knutepunkt.intake.tasks import send_decision_letter

        decision_id = decision.pk
        transaction.on_commit(lambda: send_decision_letter.enqueue(decision_id=decision_id))
    return decision


COORDINATOR_KIND_FOR = {
    Arrangement.BARNEKOORDINATOR: CoordinatorKind.BARNEKOORDINATOR,
    Arrangement.KOORDINATOR: CoordinatorKind.KOORDINATOR,
    Arrangement.SERVICE_CONTACT: CoordinatorKind.SERVICE_CONTACT,
    Arrangement.CASE_MANAGER: CoordinatorKind.CASE_MANAGER,
}


def appoint_coordinator(
    *,
    actor: Actor,
    case_id: int,
    starts_on: datetime.date | None = None,
    coordinator_id: int | None = None,
    family_wishes: str = "",
    child_wishes: str | None = None,
) -> CoordinatorAssignment:
    """Start the coordinator named in the granted decision (or, chosen with the family at the
    start, another one): the case becomes active. The appointment itself is the coordination
    app's (``coordination.services.appoint_coordinator``); this checks decision and consent."""
    from knutepunkt.coordination import services as coordination

    _require_officer(actor.user)
    with transaction.atomic():
        case = lock_case_for(actor.user, case_id)
        decision = case.decisions.order_by("-pk").first()
        if decision is None or decision.outcome != Outcome.GRANTED or decision.coordinator_id is None:
            raise DomainError(
                _("Only a granted decision with a named coordinator can be started."), code="not_granted"
            )
        result = assess_case(case, today=timezone.localdate())
        if not result.consent_complete:
            raise DomainError(
                _("A coordinator can only be appointed with consent. Missing: %(missing)s")
                % {"missing": ", ".join(result.consent_missing_labels)},
                code="consent_missing",
            )
        assignment = coordination.appoint_coordinator(
            actor=actor,
            family_id=case.family_id,
            coordinator_id=coordinator_id or decision.coordinator_id,
            kind=COORDINATOR_KIND_FOR[Arrangement(decision.arrangement)],
            starts_on=starts_on or timezone.localdate(),
            family_wishes=family_wishes,
            child_wishes=case.child_view if child_wishes is None else child_wishes,
        )
        _move(
            actor=actor,
            case=case,
            to=CaseStatus.ACTIVE,
            kind="coordinator_appointed",
            note=str(assignment.coordinator),
        )
    return assignment


def close_case(*, actor: Actor, case_id: int, reason: str) -> Case:
    _require_officer(actor.user)
    if not reason.strip():
        raise ValidationError({"reason": [str(_("Say why the case is closed."))]})
    with transaction.atomic():
        case = lock_case_for(actor.user, case_id)
        _move(actor=actor, case=case, to=CaseStatus.CLOSED, kind="closed", note=reason.strip())
        if case.status == CaseStatus.CLOSED:
            CoordinatorAssignment.objects.active_on(timezone.localdate()).filter(family=case.family).update(
                ends_on=timezone.localdate() + datetime.timedelta(days=1)
            )
    return case


def upload_case_document(
    *, actor: Actor, case_id: int, kind: DocumentKind, title: str, upload: UploadedFile
) -> CaseDocument:
    """Check the file by its content, store it privately under a random name, and list it."""
    from knutepunkt.intake.documents import check_upload, private_path, store_bytes

    user = actor.user
    if user.role not in (Role.OFFICER, Role.COORDINATOR):
        raise PermissionDenied
    case = get_case_for(user, case_id, for_write=True)
    if kind not in (
        DocumentKind.DOCTOR,
        DocumentKind.SERVICES_OVERVIEW,
        DocumentKind.OTHER,
        DocumentKind.COMPLAINT,
    ):
        raise DomainError(
            _("This kind of document is made by Knutepunkt, not uploaded."), code="kind_not_uploadable"
        )
    try:
        checked = check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    title = title.strip() or str(DocumentKind(kind).label)
    stored_name = store_bytes(checked.content, checked.extension)
    try:
        with transaction.atomic():
            document = CaseDocument.objects.create(
                municipality_id=case.municipality_id,
                case=case,
                kind=kind,
                title=str(title)[:200],
                stored_name=stored_name,
                content_type=checked.content_type,
                size=len(checked.content),
                sha256=checked.sha256,
                uploaded_by=user,
            )
            _log_step(
                actor=actor,
                case=case,
                kind="document_added",
                old=case.status,
                new=case.status,
                note=str(title),
            )
    except Exception:
        private_path(stored_name).unlink(missing_ok=True)  # no file without its record
        raise
    return document


def store_generated_document(
    *, case: Case, kind: DocumentKind, title: str, content: bytes, made_by: User
) -> CaseDocument:
    """Keep a PDF that Knutepunkt made (decision letter, appeal bundle) with the case."""
    from knutepunkt.intake.documents import private_path, store_bytes

    stored_name = store_bytes(content, ".pdf")
    try:
        with transaction.atomic():
            return CaseDocument.objects.create(
                municipality_id=case.municipality_id,
                case=case,
                kind=kind,
                title=title[:200],
                stored_name=stored_name,
                content_type="application/pdf",
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                uploaded_by=made_by,
            )
    except Exception:
        private_path(stored_name).unlink(missing_ok=True)
        raise


FACT_CHOICES: dict[str, tuple[object, ...]] = {
    "request_by": ("parents", "child", "both", "none"),
    "stage": ("pregnancy", "infant", "preschool", "primary_school", "secondary_school", "not_in_school"),
}
DECLINABLE = ("barnekoordinator", "koordinator", "individual_plan")


def record_case_facts(
    *,
    actor: Actor,
    case_id: int,
    declines: list[str] | None = None,
    request_by: str | None = None,
    stage: str | None = None,
    service_levels: list[int] | None = None,
    expected_version: int | None = None,
) -> Case:
    """Facts the rules read that are not yes/no judgements: what the family declines (Norway),
    and who asked, the child's life stage and the service levels needed (Iceland)."""
    _require_officer(actor.user)
    errors: dict[str, list[str]] = {}
    if declines is not None and not set(declines) <= set(DECLINABLE):
        errors["declines"] = [str(_("Unknown arrangement declined."))]
    if request_by is not None and request_by not in FACT_CHOICES["request_by"]:
        errors["request_by"] = [str(_("Choose who asked."))]
    if stage is not None and stage not in FACT_CHOICES["stage"]:
        errors["stage"] = [str(_("Choose the child's stage of life."))]
    if service_levels is not None and not set(service_levels) <= {1, 2, 3}:
        errors["service_levels"] = [str(_("Service levels are 1, 2 and 3."))]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = lock_case_for(actor.user, case_id)
        _check_version(case, expected_version)
        facts = dict(case.facts or {})
        for key, value in {
            "declines": sorted(set(declines)) if declines is not None else None,
            "request_by": request_by,
            "stage": stage,
            "service_levels": sorted(set(service_levels)) if service_levels is not None else None,
        }.items():
            if value is not None:
                facts[key] = value
        case.facts = facts
        case.version += 1
        case.save(update_fields=["facts", "version"])
        _log_step(actor=actor, case=case, kind="facts", old=case.status, new=case.status)
    return case


def _version_after_own_autosaves(
    *,
    actor: Actor,
    case: Case,
    expected_version: int | None,
    judgements: Mapping[str, tuple[bool | None, str]],
    stored: Mapping[str, tuple[bool | None, str]],
) -> int | None:
    """The version the assessment page's save may go on from.

    The page saves each judgement as it is made (htmx), and that moves the case's version on. A
    person who types a reason and at once presses "Save the assessment" sends the button's save
    with the version from before that autosave: the version moved, but only by their own hand,
    and the save carries exactly what the autosave stored. That is no conflict. Anything else
    since the form's version (another person, another kind of step, a judgement that now differs
    from what this form says, a step that left no versioned trace) is, and the version is kept.
    """
    if expected_version is None or case.version <= expected_version:
        return expected_version
    steps = list(
        CaseEvent.objects.filter(case=case, version__gt=expected_version).values_list(
            "actor_id", "kind", "note"
        )
    )
    own = len(steps) == case.version - expected_version and all(
        actor_id == actor.user.pk
        and kind == "judgement"
        and key in judgements
        and judgements[key] == stored.get(key, (None, ""))
        for actor_id, kind, key in steps
    )
    return case.version if own else expected_version


def save_assessment(
    *,
    actor: Actor,
    case_id: int,
    judgements: Mapping[str, tuple[bool | None, str]],
    facts: Mapping[str, Any],
    expected_version: int | None,
) -> int:
    """The assessment page's save button: every judgement that differs from what is stored, and
    the facts that changed, all or nothing. Returns how many things changed since the form's
    version, the person's own autosaves of what the form carries included (they saved it).

    The case is locked and re-read first, so a judgement the page's autosave stored a moment
    earlier is seen as stored, not written again; see ``_version_after_own_autosaves``.
    A judgement's reason error names its field, ``reason_<key>``, as the page's form does."""
    _require_officer(actor.user)
    wanted = {key: (value, reason.strip()) for key, (value, reason) in judgements.items()}
    with transaction.atomic():
        case = lock_case_for(actor.user, case_id)
        stored = {j.key: (j.value, j.reason.strip()) for j in Judgement.objects.filter(case=case)}
        version = _version_after_own_autosaves(
            actor=actor, case=case, expected_version=expected_version, judgements=wanted, stored=stored
        )
        changes = version - expected_version if version is not None and expected_version is not None else 0
        for key, (value, reason) in wanted.items():
            if (value, reason) == stored.get(key, (None, "")):
                continue
            try:
                case = record_judgement(
                    actor=actor,
                    case_id=case_id,
                    key=key,
                    value=value,
                    reason=reason,
                    expected_version=version,
                )
            except ValidationError as error:
                raise ValidationError(
                    {(f"reason_{key}" if k == "reason" else k): v for k, v in error.message_dict.items()}
                ) from error
            version = case.version
            changes += 1
        if facts:
            record_case_facts(actor=actor, case_id=case_id, expected_version=version, **facts)
            changes += 1
    return changes
