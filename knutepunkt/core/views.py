"""Sign-in, the second factor and the staff home page."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from knutepunkt.access.context import Actor
from knutepunkt.access.policy import is_family_member
from knutepunkt.core.forms import TokenForm
from knutepunkt.people.forms import FindByNationalIdForm
from knutepunkt.people.models import User
from knutepunkt.people.selectors import find_child_by_national_id, list_children


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if not user.is_staff_member:
        if is_family_member(user):
            return redirect("portal:home")
        return render(request, "core/no_role.html")
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    return _home_page(request, query=request.GET.get("q", ""), page=page, id_form=_id_form(user))


def _id_form(user: User, data: QueryDict | None = None) -> FindByNationalIdForm | None:
    # The national supervisor belongs to no municipality and sees no child.
    if user.municipality is None:
        return None
    return FindByNationalIdForm(data, country=user.municipality.country)


def _home_page(
    request: HttpRequest, *, query: str, page: int, id_form: FindByNationalIdForm | None
) -> HttpResponse:
    children = list_children(actor=Actor.from_request(request), query=query, page=page)
    return render(request, "core/home.html", {"result": children, "id_form": id_form})


@login_required
@require_POST
def find_child(request: HttpRequest) -> HttpResponse:
    """Open a child's page from a national ID typed on the home page."""
    user = request.user
    assert isinstance(user, User)
    form = _id_form(user, request.POST)
    if not user.is_staff_member or form is None:
        raise Http404
    if form.is_valid():
        child = find_child_by_national_id(
            actor=Actor.from_request(request), national_id=form.cleaned_data["national_id"]
        )
        if child is not None:
            return redirect("people:child_detail", child.pk)
        form.add_error("national_id", _("None of the children you can see has this national ID."))
    return _home_page(request, query="", page=1, id_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: shown once, confirmed by a first code."""
    user = request.user
    assert isinstance(user, User)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("core:otp_verify")
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Your authenticator app is set up."))
            return redirect("core:home")
        form.add_error("token", _("That code is wrong or has expired. Try the newest code."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR code"))
    return render(request, "core/otp_setup.html", {"form": form, "qr_svg": qr_svg, "device": device})


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return redirect("core:otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(request.GET.get("next") or "core:home")
        form.add_error("token", _("That code is wrong or has expired. Try the newest code."))
    return render(request, "core/otp_verify.html", {"form": form})
