"""The directory's pages: search, an agency, the edit form (administrators), and the patient and
user organisations. Thin: parse, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from knutepunkt.access.context import Actor
from knutepunkt.core.errors import ConflictError, DomainError
from knutepunkt.directory import selectors
from knutepunkt.directory.access import can_edit_agency, get_agency_for, require_reader
from knutepunkt.directory.forms import AgencyForm, DirectorySearchForm
from knutepunkt.directory.services import update_agency
from knutepunkt.people.models import Role, User

PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    require_reader(user)
    return user


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    is_administrator = user.role == Role.ADMINISTRATOR
    form = DirectorySearchForm(
        request.GET, service_types=selectors.service_types_for(user), show_inactive=is_administrator
    )
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    service = data.get("service")
    agencies = selectors.search_directory(
        user,
        data.get("q", ""),
        service_type=service.code if service else None,
        level=data.get("level") or None,
        include_inactive=bool(data.get("inactive")),
    )
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    searched = any(request.GET.get(key) for key in ("q", "service", "level", "inactive"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/search.html",
        {
            "form": form,
            "page": page,
            "agencies": list(page.object_list) if valid else [],
            "searched": searched,
            "query_string": query.urlencode(),
            "is_administrator": is_administrator,
        },
        status=200 if valid else 400,
    )


@login_required
@require_GET
def agency_detail(request: HttpRequest, agency_id: int) -> HttpResponse:
    user = _user(request)
    agency = get_agency_for(user, agency_id)
    return render(
        request,
        "directory/agency_detail.html",
        {"agency": agency, "can_edit": can_edit_agency(user, agency)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, agency_id: int) -> HttpResponse:
    user = _user(request)
    agency = get_agency_for(user, agency_id, for_write=True)
    if request.method != "POST":
        form = AgencyForm(initial=AgencyForm.initial_for(agency), agency=agency)
        return render(request, "directory/agency_form.html", {"form": form, "agency": agency})
    form = AgencyForm(request.POST, agency=agency)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            saved = update_agency(
                actor=Actor.from_request(request),
                agency_id=agency.pk,
                expected_version=data["version"],
                name=data["name"],
                level=data["level"],
                service_types=data["service_types"],
                unit=data["unit"],
                description=data["description"],
                phone=data["phone"],
                email=data["email"],
                address=data["address"],
                web=data["web"],
                active=data["active"],
            )
        except DomainError as error:
            messages.error(request, str(error.message))
            status = error.status
            if isinstance(error, ConflictError):
                # Keep the person's input, but base the next save on the version now stored, so
                # that saving again after checking goes through.
                agency = get_agency_for(user, agency_id, for_write=True)
                data = request.POST.copy()
                data["version"] = str(agency.version)
                form.data = data
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        else:
            messages.success(request, gettext("The agency %(name)s is saved.") % {"name": saved.name})
            return redirect("directory:agency", agency_id=saved.pk)
    return render(request, "directory/agency_form.html", {"form": form, "agency": agency}, status=status)


@login_required
@require_GET
def organisations(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    query = request.GET.get("q", "")[:100]
    result = selectors.search_organisations(user, query)
    return render(request, "directory/organisations.html", {"result": result})
