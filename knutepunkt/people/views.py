from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from knutepunkt.access.context import Actor
from knutepunkt.people.forms import RegisterFamilyForm
from knutepunkt.people.models import Role, User
from knutepunkt.people.selectors import child_overview
from knutepunkt.people.services import ChildInput, GuardianInput, register_family


@login_required
def child_detail(request: HttpRequest, child_id: int) -> HttpResponse:
    overview = child_overview(actor=Actor.from_request(request), child_id=child_id)
    return render(request, "people/child_detail.html", {"overview": overview, "child": overview.child})


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if user.role != Role.OFFICER:
        raise PermissionDenied
    form = RegisterFamilyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            child = register_family(
                actor=Actor.from_request(request),
                family_name=data["family_name"],
                language=data["language"],
                street_address=data["street_address"],
                postal_code=data["postal_code"],
                postal_town=data["postal_town"],
                child=ChildInput(
                    given_name=data["child_given_name"],
                    family_name=data["child_family_name"],
                    birth_date=data["child_birth_date"],
                    expected_date=data["child_expected_date"],
                    national_id=data["child_national_id"],
                ),
                guardians=[
                    GuardianInput(
                        given_name=data["guardian0_given_name"],
                        family_name=data["guardian0_family_name"],
                        relation=data["guardian0_relation"],
                        has_parental_responsibility=data["guardian0_has_parental_responsibility"],
                        national_id=data["guardian0_national_id"],
                        email=data["guardian0_email"],
                        phone=data["guardian0_phone"],
                    )
                ],
            )
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        else:
            return redirect("people:child_detail", child_id=child.pk)
    return render(request, "people/register.html", {"form": form}, status=400 if form.errors else 200)
