"""Everything a person does with a complaint: register it, have it completed, reassess, change the
decision or forward the case, record the appeal body's outcome, answer, withdraw.

Each is one transaction that writes the case history (an intake ``CaseEvent``) and the access log,
and refuses an illegal step with a clear message (``states.check_step``). Only officers of the
coordinating unit handle complaints (hol § 7-3).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from knutepunkt.access.context import Actor
from knutepunkt.access.policy import is_family_member
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import record_access
from knutepunkt.complaints.access import get_complaint_for
from knutepunkt.complaints.models import (
    AuthorityOutcome,
    Complaint,
    ComplaintChannel,
    ComplaintKind,
    ComplaintStatus,
)
from knutepunkt.complaints.rules import QUALITY_DECIDED_BY, QUALITY_LODGE_WITH, find_defects
from knutepunkt.complaints.states import check_step
from knutepunkt.core.errors import ConflictError, DomainError
from knutepunkt.intake import services as intake_services
from knutepunkt.intake.assessment import ComplaintTerms, complaint_terms
from knutepunkt.intake.models import Arrangement, Case, CaseEvent, Decision, DocumentKind, Outcome
from knutepunkt.people.models import Role, User
from knutepunkt.people.selectors import purpose_for

S = ComplaintStatus

# The case-history kinds written here (``CaseEvent.kind``), for the case page's history.
EVENT_LABELS: dict[str, Any] = {
    "complaint_registered": _("Complaint registered"),
    "complaint_still_defective": _("Complaint partly completed"),
    "complaint_mended": _("Complaint completed"),
    "complaint_late_excuse": _("Reason for a late complaint recorded"),
    "complaint_reassessment_started": _("Complaint reassessment started"),
    "complaint_decision_changed": _("Decision changed after a complaint"),
    "complaint_forwarded": _("Complaint sent to the appeal body"),
    "complaint_authority_outcome": _("Appeal body's outcome recorded"),
    "complaint_answered": _("Complaint answered"),
    "complaint_withdrawn": _("Complaint withdrawn"),
}


def _require_officer(user: User) -> None:
    if user.role != Role.OFFICER or user.municipality_id is None:
        raise PermissionDenied


def _day(value: datetime.date) -> str:
    return date_format(value, "DATE_FORMAT")


def _log(*, actor: Actor, complaint: Complaint, kind: str, note: str = "") -> None:
    """One step in the case history, and one entry in the access log (the complaint changed)."""
    case = complaint.case
    CaseEvent.objects.create(
        municipality_id=case.municipality_id,
        case=case,
        actor=actor.user,
        kind=f"complaint_{kind}",
        from_status=case.status,
        to_status=case.status,
        note=note,
    )
    record_access(
        actor=actor,
        family=case.family,
        obj=complaint,
        child=case.child,
        action=AccessAction.CHANGE,
        purpose=purpose_for(actor.user),
    )


def _lock(actor: Actor, complaint_id: int, expected_version: int | None) -> Complaint:
    """The complaint if this officer may change it (404 alike otherwise), re-read under a row lock;
    a form made from an older version is refused as a conflict."""
    _require_officer(actor.user)
    get_complaint_for(actor.user, complaint_id, for_write=True)
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    if expected_version is not None and complaint.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this complaint while you were working on it. "
                "Your input is kept below: check the complaint and save again."
            ),
            code="stale_complaint",
        )
    return complaint


def _move(
    *, actor: Actor, complaint: Complaint, to: str, kind: str, note: str = "", fields: list[str]
) -> None:
    check_step(complaint, to)
    complaint.status = to
    complaint.version += 1
    complaint.full_clean()
    complaint.save(update_fields=[*fields, "status", "version"])
    _log(actor=actor, complaint=complaint, kind=kind, note=note)


def _check_date(
    errors: dict[str, list[str]], field: str, day: datetime.date, *, complaint: Complaint
) -> None:
    """A date of a step: not in the future, and not before the step it follows."""
    if day > timezone.localdate():
        errors.setdefault(field, []).append(str(_("The date is in the future.")))
    elif complaint.forwarded_on is not None and day < complaint.forwarded_on:
        errors.setdefault(field, []).append(
            str(
                _("The date is before the complaint was sent on (%(date)s).")
                % {"date": _day(complaint.forwarded_on)}
            )
        )
    elif day < complaint.lodged_on:
        errors.setdefault(field, []).append(
            str(
                _("The date is before the complaint came in (%(date)s).")
                % {"date": _day(complaint.lodged_on)}
            )
        )


def _terms(
    case: Case, *, known_on: datetime.date, lodged_on: datetime.date, written: bool, signed: bool
) -> ComplaintTerms:
    return complaint_terms(
        case,
        known_on=known_on,
        today=timezone.localdate(),
        lodged_on=lodged_on,
        written=written,
        signed=signed,
    )


def _current_decision(case: Case, decision_id: int | None) -> Decision:
    decisions = case.decisions.filter(superseded_by__isnull=True)
    if decision_id is None:
        decision = decisions.order_by("-decided_on", "-pk").first()
        if decision is None:
            raise DomainError(
                _(
                    "This case has no decision to complain about. A complaint about how the service "
                    "works is a complaint about quality."
                ),
                code="no_decision",
            )
        return decision
    decision = case.decisions.filter(pk=decision_id).first()
    if decision is None:
        raise ValidationError({"decision": [str(_("Choose a decision on this case."))]})
    if Decision.objects.filter(supersedes=decision).exists():
        raise ValidationError(
            {
                "decision": [
                    str(_("This decision has been replaced by a newer one: complain about the newer one."))
                ]
            }
        )
    return decision


def register_complaint(
    *,
    actor: Actor,
    case_id: int,
    kind: ComplaintKind | str,
    channel: ComplaintChannel | str,
    lodged_on: datetime.date,
    complainant: str,
    written: bool,
    signed: bool,
    what: str,
    change_wanted: str,
    late_excuse: str = "",
    decision_id: int | None = None,
    known_on: datetime.date | None = None,
    mend_by: datetime.date | None = None,
    help_given: str = "",
) -> Complaint:
    """Register a complaint however it came in.

    A complaint about a decision (Norway pbrl § 7-2, Iceland to GEV) is checked against the
    deadline from when the family knew of the decision (the decision's ``known_on``); a late one
    is registered as late, and the reason may be given now or later (pbrl § 7-7). A complaint about
    the quality of the service needs no decision; in Iceland it goes to GEV too, and its year runs
    from ``known_on`` (when the complainant learnt of the events; the lodging date if not given).

    What the law asks of the complaint and is missing (not written, not signed, what or the change
    wanted not said) is recorded as defects: the complaint waits for the complainant, and the
    officer must set a date to complete it by and record the help given.
    """
    user = actor.user
    # A guardian lodges on the family's pages (their own family only: intake's lock_case_for).
    if not (channel == ComplaintChannel.PORTAL and is_family_member(user)):
        _require_officer(user)
    today = timezone.localdate()
    complainant = complainant.strip()
    what = what.strip()
    change_wanted = change_wanted.strip()
    help_given = help_given.strip()
    late_excuse = late_excuse.strip()
    errors: dict[str, list[str]] = {}
    if kind not in ComplaintKind.values:
        errors.setdefault("kind", []).append(str(_("Choose what the complaint is about.")))
    if channel not in ComplaintChannel.values:
        errors.setdefault("channel", []).append(str(_("Choose how the complaint came in.")))
    if not complainant:
        errors.setdefault("complainant", []).append(str(_("Say who complains.")))
    if lodged_on > today:
        errors.setdefault("lodged_on", []).append(str(_("The date the complaint came in is in the future.")))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = intake_services.lock_case_for(user, case_id)
        country = case.municipality.country
        decision: Decision | None = None
        if kind == ComplaintKind.APPEAL:
            decision = _current_decision(case, decision_id)
            if lodged_on < decision.decided_on:
                errors.setdefault("lodged_on", []).append(
                    str(
                        _(
                            "The complaint is dated %(lodged)s, before the decision it is about was made "
                            "(%(decided)s). Check the dates."
                        )
                        % {"lodged": _day(lodged_on), "decided": _day(decision.decided_on)}
                    )
                )
            elif lodged_on < decision.known_on:
                errors.setdefault("lodged_on", []).append(
                    str(
                        _(
                            "The complaint is dated %(lodged)s, before the family knew of the decision "
                            "(%(known)s). Check the dates."
                        )
                        % {"lodged": _day(lodged_on), "known": _day(decision.known_on)}
                    )
                )
            known = decision.known_on
        else:
            known = known_on or lodged_on
            if known > lodged_on:
                errors.setdefault("known_on", []).append(
                    str(_("The complainant cannot have learnt of it after complaining."))
                )
            if not what:
                errors.setdefault("what", []).append(str(_("Say what the complaint is about.")))
        if errors:
            raise ValidationError(errors)
        norwegian_quality = country == "NO" and kind == ComplaintKind.QUALITY
        terms = (
            None
            if norwegian_quality
            else _terms(case, known_on=known, lodged_on=lodged_on, written=written, signed=signed)
        )
        defects = find_defects(
            country=country,
            kind=kind,
            written=written,
            signed=signed,
            valid_form=terms.valid_form if terms else True,
            what=what,
            change_wanted=change_wanted,
        )
        if defects:
            if mend_by is None:
                errors.setdefault("mend_by", []).append(
                    str(_("Something is missing from the complaint: set a date to complete it by."))
                )
            elif mend_by < today:
                errors.setdefault("mend_by", []).append(str(_("The date to complete it by has passed.")))
            if not help_given:
                errors.setdefault("help_given", []).append(
                    str(_("Something is missing from the complaint: record the help given to complete it."))
                )
        if errors:
            raise ValidationError(errors)
        in_time = terms.in_time if terms else None
        complaint = Complaint(
            municipality_id=case.municipality_id,
            case=case,
            decision=decision,
            kind=kind,
            status=S.AWAITING_MENDING if defects else S.REGISTERED,
            channel=channel,
            lodged_on=lodged_on,
            complainant=complainant,
            written=written,
            signed=signed,
            what=what,
            change_wanted=change_wanted,
            known_on=known if terms else None,
            deadline=terms.deadline if terms else None,
            in_time=in_time,
            late_excuse=late_excuse if in_time is False else "",
            defects=defects,
            mend_by=mend_by if defects else None,
            help_given=help_given,
            lodge_with=terms.lodge_with if terms else QUALITY_LODGE_WITH,
            decided_by_body=terms.decided_by if terms else QUALITY_DECIDED_BY,
            registered_by=user,
        )
        complaint.full_clean()
        complaint.save()
        _log(actor=actor, complaint=complaint, kind="registered", note=str(ComplaintKind(kind).label))
    return complaint


def mend_complaint(
    *,
    actor: Actor,
    complaint_id: int,
    written: bool,
    signed: bool,
    what: str,
    change_wanted: str,
    mended_on: datetime.date | None = None,
    help_given: str | None = None,
    expected_version: int | None = None,
) -> Complaint:
    """The complainant delivered what was missing. Whatever is still missing stays a defect.

    [U] Completed by the date set, the complaint keeps the day it first came in (and so its
    in-time answer); completed later, it counts as lodged the day it was completed. This follows
    forvaltningsloven's practice for defective complaints; the municipality's practice, not law here.
    """
    what = what.strip()
    change_wanted = change_wanted.strip()
    with transaction.atomic():
        complaint = _lock(actor, complaint_id, expected_version)
        check_step(complaint, S.REGISTERED)  # only a complaint waiting to be completed
        case = complaint.case
        country = case.municipality.country
        completed_on = mended_on or timezone.localdate()
        errors: dict[str, list[str]] = {}
        _check_date(errors, "mended_on", completed_on, complaint=complaint)
        if errors:
            raise ValidationError(errors)
        counts_from = complaint.lodged_on
        if complaint.mend_by is not None and completed_on > complaint.mend_by:
            counts_from = completed_on
        terms = None
        if complaint.known_on is not None:
            terms = _terms(
                case, known_on=complaint.known_on, lodged_on=counts_from, written=written, signed=signed
            )
        defects = find_defects(
            country=country,
            kind=complaint.kind,
            written=written,
            signed=signed,
            valid_form=terms.valid_form if terms else True,
            what=what,
            change_wanted=change_wanted,
        )
        complaint.written = written
        complaint.signed = signed
        complaint.what = what
        complaint.change_wanted = change_wanted
        complaint.defects = defects
        if help_given and help_given.strip():
            complaint.help_given = "\n".join(filter(None, [complaint.help_given, help_given.strip()]))
        fields = ["written", "signed", "what", "change_wanted", "defects", "help_given"]
        if defects:
            _move(
                actor=actor,
                complaint=complaint,
                to=S.AWAITING_MENDING,
                kind="still_defective",
                note=", ".join(defects),
                fields=fields,
            )
        else:
            complaint.mended_on = completed_on
            if terms is not None:
                complaint.in_time = terms.in_time
            _move(
                actor=actor,
                complaint=complaint,
                to=S.REGISTERED,
                kind="mended",
                fields=[*fields, "mended_on", "in_time"],
            )
    return complaint


def record_late_excuse(
    *, actor: Actor, complaint_id: int, excuse: str, expected_version: int | None = None
) -> Complaint:
    """Why a late complaint should still be heard: excusable delay or special reasons (pbrl § 7-7)."""
    excuse = excuse.strip()
    if not excuse:
        raise ValidationError({"late_excuse": [str(_("Say why the complaint is late."))]})
    with transaction.atomic():
        complaint = _lock(actor, complaint_id, expected_version)
        if complaint.in_time is not False:
            raise DomainError(
                _("The complaint came in time: no reason for lateness is needed."), code="not_late"
            )
        if not complaint.is_open:
            raise DomainError(
                _("The complaint is “%(status)s”: nothing more can be added to it.")
                % {"status": ComplaintStatus(complaint.status).label},
                code="illegal_step",
            )
        complaint.late_excuse = excuse
        complaint.version += 1
        complaint.save(update_fields=["late_excuse", "version"])
        _log(actor=actor, complaint=complaint, kind="late_excuse")
    return complaint


def start_reassessment(*, actor: Actor, complaint_id: int, expected_version: int | None = None) -> Complaint:
    """The municipality looks at its decision again (Norway). While it does, the case's judgements
    can be made again and consent recorded, so that a decision found wrong can be changed."""
    with transaction.atomic():
        complaint = _lock(actor, complaint_id, expected_version)
        _move(actor=actor, complaint=complaint, to=S.REASSESSING, kind="reassessment_started", fields=[])
    return complaint


def reverse_decision(
    *,
    actor: Actor,
    complaint_id: int,
    reasons: str,
    arrangement: Arrangement | str,
    coordinator_id: int | None,
    individual_plan: bool = False,
    decided_on: datetime.date | None = None,
    known_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Decision:
    """The municipality agrees with the complaint (or implements the appeal body's change): a new
    decision granting the family what it complained about, replacing the old one.

    The new decision is made by ``intake.services.decide_case`` with ``supersedes``: it names the
    arrangement and coordinator, needs the assessment to support it and consent on record, stores
    the criteria as they stand now, and queues the decision letter. A closed case reopens as decided.
    """
    reasons = reasons.strip()
    if not reasons:
        raise ValidationError({"reasons": [str(_("Give the reasons for changing the decision."))]})
    with transaction.atomic():
        complaint = _lock(actor, complaint_id, expected_version)
        check_step(complaint, S.REVERSED)
        old = complaint.decision
        if old is None:
            raise DomainError(_("This complaint is not about a decision."), code="no_decision")
        if Decision.objects.filter(supersedes=old).exists():
            raise DomainError(
                _("The decision complained about has already been replaced by a newer one."),
                code="already_changed",
            )
        decision = intake_services.decide_case(
            actor=actor,
            case_id=complaint.case_id,
            outcome=Outcome.GRANTED,
            reasons=reasons,
            decided_on=decided_on or timezone.localdate(),
            known_on=known_on,
            arrangement=arrangement,
            individual_plan=individual_plan,
            coordinator_id=coordinator_id,
            supersedes=old,
        )
        complaint.new_decision = decision
        complaint.reassessment = reasons
        _move(
            actor=actor,
            complaint=complaint,
            to=S.REVERSED,
            kind="decision_changed",
            fields=["new_decision", "reassessment"],
        )
    return decision


def uphold_and_forward(
    *, actor: Actor, complaint_id: int, reassessment: str, expected_version: int | None = None
) -> Complaint:
    """The municipality keeps its decision and sends the case to Statsforvalteren (Norway).

    Makes the bundle — a cover letter with the municipality's reassessment, the complaint, the
    decision, the assessment and the case's documents — keeps it with the case, and tells the
    family by e-mail (a notice only: nothing of the case travels in the e-mail).
    """
    from knutepunkt.complaints.bundle import render_bundle
    from knutepunkt.intake.documents import private_path

    reassessment = reassessment.strip()
    if not reassessment:
        raise ValidationError({"reassessment": [str(_("Write the municipality's reassessment."))]})
    stored_name = ""
    try:
        with transaction.atomic():
            complaint = _lock(actor, complaint_id, expected_version)
            check_step(complaint, S.FORWARDED)
            complaint.reassessment = reassessment
            complaint.forwarded_on = timezone.localdate()
            case = complaint.case
            pdf = render_bundle(complaint)
            with translation.override(case.municipality.language):
                title = translation.gettext("Complaint sent to %(body)s %(date)s") % {
                    "body": complaint.decided_by_body,
                    "date": complaint.forwarded_on.isoformat(),
                }
            document = intake_services.store_generated_document(
                case=case, kind=DocumentKind.COMPLAINT_BUNDLE, title=title, content=pdf, made_by=actor.user
            )
            stored_name = document.stored_name
            complaint.bundle = document
            _move(
                actor=actor,
                complaint=complaint,
                to=S.FORWARDED,
                kind="forwarded",
                note=complaint.decided_by_body,
                fields=["reassessment", "forwarded_on", "bundle"],
            )
            _notify_family(complaint, "forwarded")
    except Exception:
        if stored_name:
            private_path(stored_name).unlink(missing_ok=True)  # no file without its record
        raise
    return complaint


def record_authority_outcome(
    *,
    actor: Actor,
    complaint_id: int,
    outcome: AuthorityOutcome | str,
    decided_on: datetime.date,
    expected_version: int | None = None,
) -> Complaint:
    """Statsforvalteren's (Norway) or GEV's (Iceland) outcome, as the appeal body sent it."""
    if outcome not in AuthorityOutcome.values:
        raise ValidationError({"outcome": [str(_("Choose the appeal body's outcome."))]})
    with transaction.atomic():
        complaint = _lock(actor, complaint_id, expected_version)
        check_step(complaint, S.DECIDED_BY_AUTHORITY)
        errors: dict[str, list[str]] = {}
        _check_date(errors, "decided_on", decided_on, complaint=complaint)
        if errors:
            raise ValidationError(errors)
        complaint.authority_outcome = outcome
        complaint.authority_decided_on = decided_on
        _move(
            actor=actor,
            complaint=complaint,
            to=S.DECIDED_BY_AUTHORITY,
            kind="authority_outcome",
            note=str(AuthorityOutcome(outcome).label),
            fields=["authority_outcome", "authority_decided_on"],
        )
    return complaint


def answer_quality_complaint(
    *, actor: Actor, complaint_id: int, answer: str, expected_version: int | None = None
) -> Complaint:
    """The unit that decides coordinator cases answers a complaint about the service's quality."""
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": [str(_("Write the answer to the complaint."))]})
    with transaction.atomic():
        complaint = _lock(actor, complaint_id, expected_version)
        check_step(complaint, S.ANSWERED)
        complaint.answer = answer
        complaint.answered_on = timezone.localdate()
        _move(
            actor=actor, complaint=complaint, to=S.ANSWERED, kind="answered", fields=["answer", "answered_on"]
        )
        _notify_family(complaint, "answered")
    return complaint


def withdraw_complaint(
    *,
    actor: Actor,
    complaint_id: int,
    withdrawn_on: datetime.date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Complaint:
    """The complainant takes the complaint back."""
    with transaction.atomic():
        complaint = _lock(actor, complaint_id, expected_version)
        check_step(complaint, S.WITHDRAWN)
        day = withdrawn_on or timezone.localdate()
        errors: dict[str, list[str]] = {}
        _check_date(errors, "withdrawn_on", day, complaint=complaint)
        if errors:
            raise ValidationError(errors)
        complaint.withdrawn_on = day
        _move(
            actor=actor,
            complaint=complaint,
            to=S.WITHDRAWN,
            kind="withdrawn",
            note=note.strip(),
            fields=["withdrawn_on"],
        )
    return complaint


def _notify_family(complaint: Complaint, event: str) -> None:
    from knutepunkt.complaints.tasks import notify_family

    complaint_id = complaint.pk
    transaction.on_commit(lambda: notify_family.enqueue(complaint_id=complaint_id, event=event))
