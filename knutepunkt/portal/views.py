"""The family's pages: thin views over ``portal.selectors`` and ``portal.services``."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction
from knutepunkt.core.errors import DomainError
from knutepunkt.intake.documents import ALLOWED_TYPES
from knutepunkt.people.models import User
from knutepunkt.portal import export, selectors, services
from knutepunkt.portal.access import account_for
from knutepunkt.portal.forms import (
    AcceptInvitationForm,
    AskForm,
    ComplaintForm,
    NewThreadForm,
    ReplyForm,
)
from knutepunkt.portal.models import FamilyAccount
from knutepunkt.portal.rules import may_keep_from_guardians

View = Callable[..., HttpResponseBase]


def family_page(view: View) -> View:
    """Signed in as a family member; staff and strangers get the same 404 as a missing page."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        account_for(_user(request))  # 404 unless a family member
        return view(request, *args, **kwargs)

    return wrapped


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _file(name: str, content: bytes, content_type: str) -> FileResponse:
    response = FileResponse(io.BytesIO(content), as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def _account(request: HttpRequest) -> FamilyAccount:
    return account_for(_user(request))


# --- Sign-in by invitation --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.find_invitation(token)
    if invitation is None:
        return render(request, "portal/invitation_unusable.html", status=404)
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                token=token, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        except DomainError as error:
            messages.error(request, str(error.message))
            return render(request, "portal/invitation_unusable.html", status=400)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome. You are signed in to your family's pages."))
            return redirect("portal:home")
    person = invitation.guardian or invitation.child
    return render(
        request, "portal/accept_invitation.html", {"form": form, "person": person, "invitation": invitation}
    )


# --- Home -------------------------------------------------------------------------------------


@family_page
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    home = selectors.family_home(actor=Actor.from_request(request))
    return render(request, "portal/home.html", {"home": home, "account": home.account})


@family_page
@require_GET
def document(request: HttpRequest, document_id: int) -> FileResponse:
    stored, content = selectors.open_family_document(
        actor=Actor.from_request(request), document_id=document_id
    )
    return _file(
        f"document-{stored.pk}{ALLOWED_TYPES.get(stored.content_type, '.bin')}", content, stored.content_type
    )


# --- Messages ---------------------------------------------------------------------------------


@family_page
@require_GET
def threads(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    found = selectors.list_family_threads(actor=Actor.from_request(request))
    return render(request, "portal/threads.html", {"threads": found, "account": account})


@family_page
@require_http_methods(["GET", "POST"])
def new_thread(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    may_hide = account.child is not None and may_keep_from_guardians(account.child, timezone.localdate())
    form = NewThreadForm(request.POST or None, request.FILES or None, may_hide=may_hide)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.start_thread(
                actor=Actor.from_request(request),
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                uploads=request.FILES.getlist("attachments"),
                hidden_from_guardians=bool(form.cleaned_data.get("hidden_from_guardians")),
            )
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        else:
            messages.success(request, _("Your message is sent. The coordinator has been told."))
            return redirect("portal:thread", thread_id=thread.pk)
    status = 400 if form.errors else 200
    return render(request, "portal/new_thread.html", {"form": form, "account": account}, status=status)


@family_page
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    account = _account(request)
    actor = Actor.from_request(request)
    form = ReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_to_thread(
                actor=actor,
                thread_id=thread_id,
                body=form.cleaned_data["body"],
                uploads=request.FILES.getlist("attachments"),
            )
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        else:
            messages.success(request, _("Your answer is sent."))
            return redirect("portal:thread", thread_id=thread_id)
    found = selectors.read_thread(actor=actor, thread_id=thread_id)
    status = 400 if form.errors else 200
    return render(
        request, "portal/thread.html", {"thread": found, "form": form, "account": account}, status=status
    )


@login_required
@require_GET
def attachment(request: HttpRequest, attachment_id: int) -> FileResponse:
    """For the family and the coordinator alike: ``get_attachment_for`` decides."""
    stored, content = selectors.open_attachment(
        actor=Actor.from_request(request), attachment_id=attachment_id
    )
    return _file(
        f"attachment-{stored.pk}{ALLOWED_TYPES.get(stored.content_type, '.bin')}",
        content,
        stored.content_type,
    )


# --- Consents ---------------------------------------------------------------------------------


@family_page
@require_GET
def consents(request: HttpRequest) -> HttpResponse:
    found = selectors.family_consents(actor=Actor.from_request(request))
    return render(request, "portal/consents.html", {"consents": found, "account": found.account})


@family_page
@require_http_methods(["GET", "POST"])
def withdraw_consent(request: HttpRequest, consent_id: int) -> HttpResponse:
    found = selectors.family_consents(actor=Actor.from_request(request))
    consent = next(
        (
            line.consent
            for line in found.sharing
            if line.consent.pk == consent_id and not line.consent.withdrawn_at
        ),
        None,
    )
    if consent is None or not found.can_withdraw:
        raise Http404
    if request.method == "POST":
        try:
            services.withdraw_consent(actor=Actor.from_request(request), consent_id=consent_id)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("The consent is withdrawn. %(service)s can no longer see your information from now on.")
                % {"service": consent.unit.name},
            )
        return redirect("portal:consents")
    return render(request, "portal/withdraw_consent.html", {"consent": consent, "account": found.account})


# --- Who has looked ---------------------------------------------------------------------------


@family_page
@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    log = selectors.family_access_log(actor=Actor.from_request(request), page=page)
    return render(request, "portal/access_log.html", {"log": log, "account": account})


# --- Ask for a coordinator --------------------------------------------------------------------


@family_page
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    home = selectors.family_home(actor=Actor.from_request(request))
    form = AskForm(request.POST or None, children=home.can_ask)
    if request.method == "POST" and home.can_ask and form.is_valid():
        try:
            services.ask_for_coordinator(
                actor=Actor.from_request(request),
                child_id=form.cleaned_data["child"],
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Your request is sent. We will contact you."))
            return redirect("portal:home")
    status = 400 if form.errors else 200
    return render(request, "portal/ask.html", {"form": form, "home": home, "account": account}, status=status)


# --- Complain ---------------------------------------------------------------------------------


@family_page
@require_http_methods(["GET", "POST"])
def complain(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    home = selectors.family_home(actor=Actor.from_request(request))
    cases = [(c.pk, c.child.display_name) for c in home.cases] if account.acts_for_family else []
    form = ComplaintForm(request.POST or None, cases=cases)
    if request.method == "POST" and cases and form.is_valid():
        try:
            services.complain(
                actor=Actor.from_request(request),
                case_id=form.cleaned_data["case"],
                kind=form.cleaned_data["kind"],
                what=form.cleaned_data["what"],
                change_wanted=form.cleaned_data["change_wanted"],
                late_excuse=form.cleaned_data["late_excuse"],
            )
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Your complaint is sent. You can follow it on your front page."))
            return redirect("portal:home")
    status = 400 if form.errors else 200
    steps = [s for s in home.steps if s.kind == "complain_by"]
    return render(
        request,
        "portal/complain.html",
        {"form": form, "home": home, "account": account, "deadlines": steps},
        status=status,
    )


# --- Our data ---------------------------------------------------------------------------------


@family_page
@require_GET
def our_data(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/our_data.html", {"account": _account(request)})


@family_page
@require_GET
def export_json(request: HttpRequest) -> HttpResponse:
    data = export.family_export(actor=Actor.from_request(request))
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="our-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@family_page
@require_GET
def export_pdf(request: HttpRequest) -> FileResponse:
    data = export.family_export(actor=Actor.from_request(request))
    return _file("our-data.pdf", export.render_pdf(data), "application/pdf")


# --- The plan, meetings and minutes -----------------------------------------------------------


@family_page
@require_GET
def plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    account = _account(request)
    page = selectors.family_plan(actor=Actor.from_request(request), plan_id=plan_id)
    signed = any(s.guardian_id == account.guardian_id for s in page.current_signatures)
    return render(request, "portal/plan.html", {"page": page, "account": account, "signed": signed})


@family_page
@require_POST
def sign_plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    from knutepunkt.plans.services import sign_plan as sign

    account = _account(request)
    selectors.family_plan(actor=Actor.from_request(request), plan_id=plan_id)  # 404 unless ours
    if not account.acts_for_family:
        raise Http404
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        sign(actor=Actor.from_request(request), plan_id=plan_id, version=version)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Thank you. You have signed the plan."))
    return redirect("portal:plan", plan_id=plan_id)


@family_page
@require_GET
def plan_pdf(request: HttpRequest, plan_id: int) -> FileResponse:
    from knutepunkt.plans.documents import render_plan_pdf

    account = _account(request)
    page = selectors.family_plan(
        actor=Actor.from_request(request), plan_id=plan_id, action=AccessAction.PRINT
    )
    kind = "child" if account.is_child else "summary"
    return _file(f"plan-{plan_id}.pdf", render_plan_pdf(page, kind=kind), "application/pdf")


@family_page
@require_GET
def meetings(request: HttpRequest) -> HttpResponse:
    found = selectors.family_meetings(actor=Actor.from_request(request))
    return render(request, "portal/meetings.html", {"meetings": found, "account": _account(request)})
