"""The complaint pages: registering a complaint on a case, and the complaint with its next steps.

Thin views: parse the form, call one service (or read through a selector, which checks access and
writes the access log), render. A refusal re-renders the page with status 400 (409 for a
conflict), the person's input kept and the reasons in the error summary; nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knutepunkt.access.context import Actor
from knutepunkt.complaints import selectors, services
from knutepunkt.complaints.forms import (
    AnswerForm,
    ConsentForm,
    JudgementForm,
    LateExcuseForm,
    MendForm,
    OutcomeForm,
    ReassessmentForm,
    RegisterComplaintForm,
    StepForm,
    VersionedForm,
    WithdrawForm,
)
from knutepunkt.complaints.models import ComplaintKind, ComplaintStatus
from knutepunkt.complaints.rules import DEFAULT_DAYS_TO_MEND
from knutepunkt.complaints.selectors import ComplaintView
from knutepunkt.core.errors import DomainError
from knutepunkt.intake import services as intake_services
from knutepunkt.intake.forms import ARRANGEMENTS_FOR, IntakeForm
from knutepunkt.people.models import Role, User

S = ComplaintStatus


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _attempt(call: Callable[[], object], form: IntakeForm) -> int:
    """Call one service; 200 when it went through, else the status of its refusal, with the reason
    on the form: on its fields, or (a rule said no) on the form as a whole. Either way it is shown in
    the error summary at the top of the page."""
    try:
        call()
    except DomainError as error:
        form.add_error(None, str(error.message))
        return error.status
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
        form.add_service_errors(errors)
        return 400
    return 200


# --- Registering a complaint ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    found = selectors.case_for_complaint(actor=actor, case_id=case_id)
    iceland = found.case.municipality.is_icelandic
    form = RegisterComplaintForm(request.POST or None, decisions=found.decisions, iceland=iceland)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            result: dict[str, Any] = {}

            def call() -> object:
                result["complaint"] = services.register_complaint(
                    actor=actor,
                    case_id=found.case.pk,
                    kind=data["kind"],
                    channel=data["channel"],
                    lodged_on=data["lodged_on"],
                    complainant=data["complainant"],
                    written=data["written"],
                    signed=data["signed"],
                    what=data["what"],
                    change_wanted=data.get("change_wanted", ""),
                    late_excuse=data.get("late_excuse", ""),
                    decision_id=data.get("decision") if data["kind"] == ComplaintKind.APPEAL else None,
                    known_on=data.get("known_on"),
                    mend_by=data["mend_by"],
                    help_given=data["help_given"],
                )
                return result["complaint"]

            status = _attempt(call, form)
            if status == 200:
                complaint = result["complaint"]
                if complaint.status == S.AWAITING_MENDING:
                    messages.warning(
                        request, gettext("The complaint is registered, but something is missing from it.")
                    )
                else:
                    messages.success(request, gettext("The complaint is registered."))
                return redirect("complaints:detail", complaint_id=complaint.pk)
    return render(
        request,
        "complaints/new.html",
        {
            "found": found,
            "case": found.case,
            "form": form,
            "iceland": iceland,
            "days_to_mend": DEFAULT_DAYS_TO_MEND,
        },
        status=status,
    )


# --- The complaint page -----------------------------------------------------------------------


def _arrangements(view: ComplaintView) -> list[str]:
    country = view.case.municipality.country
    return [str(a) for a in ARRANGEMENTS_FOR.get(country, ())]


def _forms(view: ComplaintView, bound: Mapping[str, IntakeForm]) -> dict[str, IntakeForm]:
    complaint = view.complaint
    iceland = view.case.municipality.is_icelandic
    initial = {"version": complaint.version}
    made: dict[str, IntakeForm] = {
        "mend": MendForm(
            prefix="mend",
            iceland=iceland,
            initial={
                **initial,
                "written": complaint.written,
                "signed": complaint.signed,
                "what": complaint.what,
                "change_wanted": complaint.change_wanted,
            },
        ),
        "late": LateExcuseForm(prefix="late", initial={**initial, "late_excuse": complaint.late_excuse}),
        "reassessment": ReassessmentForm(
            prefix="reassessment",
            coordinators=view.coordinators,
            arrangements=_arrangements(view),
            initial={**initial, "reassessment": complaint.reassessment},
        ),
        "judgement": JudgementForm(
            prefix="judgement", keys=[(row.key, row.label) for row in view.judgements], initial=initial
        ),
        "consent": ConsentForm(prefix="consent", guardians=view.guardians_to_consent, initial=initial),
        "outcome": OutcomeForm(prefix="outcome", initial=initial),
        "answer": AnswerForm(prefix="answer", initial=initial),
        "withdraw": WithdrawForm(prefix="withdraw", initial=initial),
        "start": StepForm(prefix="start", initial=initial),
    }
    made.update(bound)
    return made


def _page(
    request: HttpRequest,
    complaint_id: int,
    *,
    bound: Mapping[str, IntakeForm] | None = None,
    status: int = 200,
    view: ComplaintView | None = None,
) -> HttpResponse:
    view = view or selectors.complaint_view(actor=Actor.from_request(request), complaint_id=complaint_id)
    bound = bound or {}
    officer = _user(request).role == Role.OFFICER
    complaint = view.complaint
    error_form = next((form for form in bound.values() if form.errors), None)
    return render(
        request,
        "complaints/complaint.html",
        {
            "view": view,
            "complaint": complaint,
            "case": view.case,
            "forms": _forms(view, bound),
            "error_form": error_form,
            "officer": officer,
            "iceland": view.case.municipality.is_icelandic,
            "can": {
                "mend": officer and complaint.status == S.AWAITING_MENDING,
                "late_excuse": officer
                and complaint.is_open
                and complaint.in_time is False
                and not view.case.municipality.is_icelandic,
                "start_reassessment": officer and view.may(S.REASSESSING),
                "reassess": officer and view.reassessing,
                "reverse": officer and view.may(S.REVERSED),
                "forward": officer and view.may(S.FORWARDED),
                "outcome": officer and view.may(S.DECIDED_BY_AUTHORITY),
                "answer": officer and view.may(S.ANSWERED),
                "withdraw": officer and view.may(S.WITHDRAWN),
            },
        },
        status=status,
    )


@login_required
@require_GET
def detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _page(request, complaint_id)


def _step(
    request: HttpRequest,
    complaint_id: int,
    *,
    name: str,
    form: IntakeForm,
    call: Callable[[dict[str, Any]], object],
    success: str,
) -> HttpResponse:
    """A step posted from the complaint page: on success back to the complaint with a message; on a
    refusal the page again with the person's input, the reason and status 400 (409 on a conflict)."""
    if _user(request).role != Role.OFFICER:
        raise PermissionDenied
    status = 400
    if form.is_valid():
        status = _attempt(lambda: call(form.cleaned_data), form)
        if status == 200:
            messages.success(request, success)
            return redirect(reverse("complaints:detail", args=[complaint_id]))
    view = selectors.complaint_view(actor=Actor.from_request(request), complaint_id=complaint_id)
    if status == 409 and isinstance(form, VersionedForm):
        # The input is kept, with the complaint's current version: after checking the page, the
        # next save must not conflict again.
        data = request.POST.copy()
        data[form.add_prefix("version")] = str(view.complaint.version)
        form.data = data
    return _page(request, complaint_id, bound={name: form}, status=status, view=view)


def _version(form: IntakeForm) -> int | None:
    return form.expected_version() if isinstance(form, VersionedForm) else None


@login_required
@require_POST
def mend(request: HttpRequest, complaint_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    municipality = _user(request).municipality
    iceland = municipality is not None and municipality.is_icelandic
    form = MendForm(request.POST, prefix="mend", iceland=iceland)
    return _step(
        request,
        complaint_id,
        name="mend",
        form=form,
        call=lambda d: services.mend_complaint(
            actor=actor,
            complaint_id=complaint_id,
            written=d["written"],
            signed=d["signed"],
            what=d["what"],
            change_wanted=d.get("change_wanted", ""),
            mended_on=d["mended_on"],
            help_given=d["help_given"],
            expected_version=_version(form),
        ),
        success=gettext("The complaint is updated."),
    )


@login_required
@require_POST
def late_excuse(request: HttpRequest, complaint_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    form = LateExcuseForm(request.POST, prefix="late")
    return _step(
        request,
        complaint_id,
        name="late",
        form=form,
        call=lambda d: services.record_late_excuse(
            actor=actor, complaint_id=complaint_id, excuse=d["late_excuse"], expected_version=_version(form)
        ),
        success=gettext("The reason for lateness is recorded."),
    )


@login_required
@require_POST
def start_reassessment(request: HttpRequest, complaint_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    form = StepForm(request.POST, prefix="start")
    return _step(
        request,
        complaint_id,
        name="start",
        form=form,
        call=lambda d: services.start_reassessment(
            actor=actor, complaint_id=complaint_id, expected_version=_version(form)
        ),
        success=gettext("The reassessment has started."),
    )


@login_required
@require_POST
def reassessment(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """The two answers to a reassessment: ``action=reverse`` (a new decision) or ``action=uphold``
    (keep the decision, send the case to Statsforvalteren)."""
    actor = Actor.from_request(request)
    view = selectors.complaint_view(actor=actor, complaint_id=complaint_id)
    form = ReassessmentForm(
        request.POST, prefix="reassessment", coordinators=view.coordinators, arrangements=_arrangements(view)
    )
    action = request.POST.get("action")
    if action == "reverse":

        def call(d: dict[str, Any]) -> object:
            return services.reverse_decision(
                actor=actor,
                complaint_id=complaint_id,
                reasons=d["reassessment"],
                arrangement=d["arrangement"],
                coordinator_id=d["coordinator"],
                individual_plan=d["individual_plan"],
                decided_on=d["decided_on"],
                expected_version=_version(form),
            )

        success = gettext("The decision is changed. The new decision letter is being made.")
    elif action == "uphold":

        def call(d: dict[str, Any]) -> object:
            return services.uphold_and_forward(
                actor=actor,
                complaint_id=complaint_id,
                reassessment=d["reassessment"],
                expected_version=_version(form),
            )

        success = gettext(
            "The decision is kept. The case is ready to send to the appeal body, and the family is told."
        )
    else:
        form.is_valid()
        form.add_error(None, gettext("Choose whether to change the decision or keep it."))
        return _page(request, complaint_id, bound={"reassessment": form}, status=400)
    return _step(request, complaint_id, name="reassessment", form=form, call=call, success=success)


@login_required
@require_POST
def judgement(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """Judge one criterion again while the complaint is reassessed (an intake service)."""
    actor = Actor.from_request(request)
    view = selectors.complaint_view(actor=actor, complaint_id=complaint_id)
    form = JudgementForm(
        request.POST, prefix="judgement", keys=[(row.key, row.label) for row in view.judgements]
    )
    return _step(
        request,
        complaint_id,
        name="judgement",
        form=form,
        call=lambda d: intake_services.record_judgement(
            actor=actor, case_id=view.case.pk, key=d["key"], value=d["value"], reason=d["reason"]
        ),
        success=gettext("The judgement is recorded."),
    )


@login_required
@require_POST
def consent(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """Record a guardian's consent to a coordinator while the complaint is reassessed."""
    actor = Actor.from_request(request)
    view = selectors.complaint_view(actor=actor, complaint_id=complaint_id)
    form = ConsentForm(request.POST, prefix="consent", guardians=view.guardians_to_consent)
    return _step(
        request,
        complaint_id,
        name="consent",
        form=form,
        call=lambda d: intake_services.record_appointment_consent(
            actor=actor,
            case_id=view.case.pk,
            guardian_id=d["guardian"],
            given_on=d["given_on"],
            channel=d["channel"],
        ),
        success=gettext("The consent is recorded."),
    )


@login_required
@require_POST
def outcome(request: HttpRequest, complaint_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    form = OutcomeForm(request.POST, prefix="outcome")
    return _step(
        request,
        complaint_id,
        name="outcome",
        form=form,
        call=lambda d: services.record_authority_outcome(
            actor=actor,
            complaint_id=complaint_id,
            outcome=d["outcome"],
            decided_on=d["decided_on"],
            expected_version=_version(form),
        ),
        success=gettext("The appeal body's outcome is recorded."),
    )


@login_required
@require_POST
def answer(request: HttpRequest, complaint_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    form = AnswerForm(request.POST, prefix="answer")
    return _step(
        request,
        complaint_id,
        name="answer",
        form=form,
        call=lambda d: services.answer_quality_complaint(
            actor=actor, complaint_id=complaint_id, answer=d["answer"], expected_version=_version(form)
        ),
        success=gettext("The answer is recorded, and the family is told."),
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, complaint_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    form = WithdrawForm(request.POST, prefix="withdraw")
    return _step(
        request,
        complaint_id,
        name="withdraw",
        form=form,
        call=lambda d: services.withdraw_complaint(
            actor=actor,
            complaint_id=complaint_id,
            withdrawn_on=d["withdrawn_on"],
            note=d["note"],
            expected_version=_version(form),
        ),
        success=gettext("The complaint is recorded as withdrawn."),
    )
