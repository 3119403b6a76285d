"""The coordinator's side: the families' conversations, answering them, and inviting a family
member to the family's pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from knutepunkt.access.context import Actor
from knutepunkt.core.errors import DomainError
from knutepunkt.people.models import User
from knutepunkt.portal import selectors, services
from knutepunkt.portal.access import CONVERSATION_ROLES
from knutepunkt.portal.forms import InviteForm, ReplyForm
from knutepunkt.portal.models import settings_for


def _staff(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    if user.role not in CONVERSATION_ROLES:
        raise PermissionDenied
    return user


@login_required
@require_GET
def conversations(request: HttpRequest) -> HttpResponse:
    _staff(request)
    found = selectors.list_staff_threads(actor=Actor.from_request(request))
    return render(request, "portal/staff/conversations.html", {"threads": found})


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request: HttpRequest, thread_id: int) -> HttpResponse:
    _staff(request)
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
            messages.success(
                request, _("Your answer is sent. The family is told by e-mail, without the content.")
            )
            return redirect("portal_staff:conversation", thread_id=thread_id)
    thread = selectors.read_thread(actor=actor, thread_id=thread_id)
    status = 400 if form.errors else 200
    return render(request, "portal/staff/conversation.html", {"thread": thread, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, family_id: int) -> HttpResponse:
    _staff(request)
    invitation = selectors.invitation_page(actor=Actor.from_request(request), family_id=family_id)
    family, people = invitation.family, invitation.people
    office = settings_for(family.municipality_id)
    form = InviteForm(request.POST or None, people=people)
    link = ""
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        kind, pk = person[0], int(person[1:])
        try:
            issued = services.issue_invitation(
                actor=Actor.from_request(request),
                family_id=family.pk,
                guardian_id=pk if kind == "g" else None,
                child_id=pk if kind == "c" else None,
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            link = request.build_absolute_uri(reverse("portal:accept_invitation", args=[issued.token]))
    return render(
        request,
        "portal/staff/invite.html",
        {"family": family, "form": form, "link": link, "office": office, "people": people},
    )
