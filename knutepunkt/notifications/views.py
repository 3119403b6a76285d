"""The inbox: one's own notices, marking them read, and the choice of e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knutepunkt.access.context import Actor
from knutepunkt.notifications import selectors, services
from knutepunkt.notifications.forms import EmailChoiceForm
from knutepunkt.notifications.texts import title_of


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    actor = Actor.from_request(request)
    unread_only = request.GET.get("show") == "unread"
    found = selectors.inbox(actor=actor, page=_int(request.GET.get("page"), 1), unread_only=unread_only)
    rows = [(n, title_of(n.kind, n.params)) for n in found.notifications]
    return render(
        request,
        "notifications/inbox.html",
        {"inbox": found, "rows": rows, "unread_only": unread_only},
    )


@login_required
@require_POST
def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark it read and go where it points (only ever inside this site)."""
    actor = Actor.from_request(request)
    notification = services.mark_read(user=actor.user, notification_id=notification_id)
    target = notification.link if notification is not None else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(user=Actor.from_request(request).user)
    if count:
        messages.success(request, gettext("All notices are marked as read."))
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def settings(request: HttpRequest) -> HttpResponse:
    user = Actor.from_request(request).user
    form = EmailChoiceForm(request.POST or None, initial={"email": services.email_choice_of(user)})
    if request.method == "POST":
        if form.is_valid():
            services.set_email_choice(user=user, choice=form.cleaned_data["email"])
            messages.success(request, gettext("Your e-mail choice is saved."))
            return redirect("notifications:settings")
        return render(request, "notifications/settings.html", {"form": form}, status=400)
    return render(request, "notifications/settings.html", {"form": form})
