"""The coordinator records and withdraws consents to share; a service contact reads what is
shared with it. Thin views: parse, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knutepunkt.access.context import Actor
from knutepunkt.consent import selectors
from knutepunkt.consent.forms import GiveConsentForm
from knutepunkt.consent.models import SharingConsent
from knutepunkt.consent.services import give_sharing_consent, withdraw_sharing_consent
from knutepunkt.core.errors import DomainError
from knutepunkt.people.models import User

EXPIRING_DAYS = 30


@login_required
@require_http_methods(["GET", "POST"])
def family_consents(request: HttpRequest, family_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    page = selectors.family_consents(actor=actor, family_id=family_id)
    form = GiveConsentForm(
        request.POST or None,
        units=[(unit.pk, unit.name) for unit in page.units],
        guardians=[
            (g.pk, str(g))
            for g in page.guardians
            if g.has_parental_responsibility or g.relation == "child_welfare"
        ],
    )
    status = 200
    if request.method == "POST":
        if not page.may_change:
            raise PermissionDenied
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                consent = give_sharing_consent(
                    actor=actor,
                    family_id=family_id,
                    unit_id=data["unit"],
                    categories=data["categories"],
                    given_by_id=data["given_by"],
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                )
            except ValidationError as error:
                form.add_service_errors(error.message_dict)
            else:
                messages.success(
                    request,
                    gettext("The consent to share with %(unit)s is recorded.") % {"unit": consent.unit.name},
                )
                return redirect("consent:family", family_id=family_id)
    return render(request, "consent/family.html", {"page": page, "form": form}, status=status)


@login_required
@require_POST
def withdraw(request: HttpRequest, consent_id: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    family_id = (
        SharingConsent.objects.filter(pk=consent_id, municipality_id=user.municipality_id or 0)
        .values_list("family_id", flat=True)
        .first()
    )
    try:
        consent = withdraw_sharing_consent(actor=Actor.from_request(request), consent_id=consent_id)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            gettext("The consent is withdrawn. %(unit)s no longer sees the family's information.")
            % {"unit": consent.unit.name},
        )
    if family_id is None:
        return redirect("core:home")
    return redirect(reverse("consent:family", args=[family_id]))


@login_required
@require_GET
def shared(request: HttpRequest, child_id: int) -> HttpResponse:
    view = selectors.shared_view(actor=Actor.from_request(request), child_id=child_id)
    return render(request, "consent/shared.html", {"view": view, "child": view.child})


@login_required
@require_GET
def expiring(request: HttpRequest) -> HttpResponse:
    consents = selectors.consents_expiring(Actor.from_request(request), EXPIRING_DAYS)
    return render(request, "consent/expiring.html", {"consents": consents, "days": EXPIRING_DAYS})
