"""The directory's pages: search, an agency, the edit form (administrators), and the patient and
user organisations. Thin: parse, call a selector or service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_child_for
from knutepunkt.core.errors import ConflictError, DomainError
from knutepunkt.directory import selectors
from knutepunkt.directory.access import can_edit_agency, get_agency_for, require_reader
from knutepunkt.directory.forms import AgencyForm, ChildServiceForm, DirectorySearchForm
from knutepunkt.directory.maps import layout
from knutepunkt.directory.models import Agency, ServiceStatus
from knutepunkt.directory.services import (
    ChildServiceInput,
    add_child_service,
    create_agency,
    update_agency,
    update_child_service,
)
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
@require_http_methods(["GET", "POST"])
def agency_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.role != Role.ADMINISTRATOR or user.municipality is None:
        raise PermissionDenied
    blank = Agency(municipality=user.municipality, country=user.municipality.country)
    form = AgencyForm(request.POST or None, agency=blank, initial={"version": 0, "active": True})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = create_agency(
                    actor=Actor.from_request(request),
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
            except ValidationError as error:
                form.add_service_errors(error.message_dict)
            else:
                messages.success(request, gettext("The agency %(name)s is saved.") % {"name": saved.name})
                return redirect("directory:agency", agency_id=saved.pk)
    return render(request, "directory/agency_form.html", {"form": form, "agency": None}, status=status)


@login_required
@require_GET
def organisations(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    query = request.GET.get("q", "")[:100]
    result = selectors.search_organisations(user, query)
    return render(request, "directory/organisations.html", {"result": result})


def _service_form(request: HttpRequest, user: User, data: Any = None, **kwargs: Any) -> ChildServiceForm:
    query = request.GET.get("q", "")[:100]
    return ChildServiceForm(
        data,
        service_types=selectors.service_types_for(user),
        agencies=selectors.search_directory(user, query),
        **kwargs,
    )


def _service_input(data: dict[str, Any]) -> ChildServiceInput:
    return ChildServiceInput(
        service_type_id=data["service_type"].pk,
        agency_id=data["agency"].pk if data["agency"] else None,
        status=data["status"],
        contact_person=data["contact_person"],
        contact_details=data["contact_details"],
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        note=data["note"],
    )


@login_required
@require_GET
def child_services(request: HttpRequest, child_id: int) -> HttpResponse:
    result = selectors.service_map(actor=Actor.from_request(request), child_id=child_id)
    return render(
        request,
        "directory/service_map.html",
        {"map": result, "child": result.child, "picture": layout(result.services), "statuses": ServiceStatus},
    )


@login_required
@require_http_methods(["GET", "POST"])
def child_service_add(request: HttpRequest, child_id: int) -> HttpResponse:
    user = _user(request)
    actor = Actor.from_request(request)
    child = get_child_for(user, child_id, for_write=True)
    form = _service_form(request, user, request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                add_child_service(actor=actor, child_id=child.pk, data=_service_input(form.cleaned_data))
            except ValidationError as error:
                form.add_service_errors(error.message_dict)
            else:
                messages.success(request, gettext("The service is on the map."))
                return redirect("directory:child_services", child_id=child.pk)
    return render(
        request,
        "directory/child_service_form.html",
        {"form": form, "child": child, "query": request.GET.get("q", "")[:100], "service": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def child_service_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    user = _user(request)
    service = selectors.get_child_service_for(user, service_id)
    initial = {
        "service_type": service.service_type_id,
        "agency": service.agency_id,
        "status": service.status,
        "contact_person": service.contact_person,
        "contact_details": service.contact_details,
        "starts_on": service.starts_on,
        "ends_on": service.ends_on,
        "note": service.note,
        "version": service.version,
    }
    form = _service_form(request, user, request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                update_child_service(
                    actor=Actor.from_request(request),
                    service_id=service.pk,
                    expected_version=form.cleaned_data["version"] or 0,
                    data=_service_input(form.cleaned_data),
                )
            except ValidationError as error:
                form.add_service_errors(error.message_dict)
            except DomainError as error:
                messages.error(request, str(error.message))
                status = error.status
            else:
                messages.success(request, gettext("The service is updated."))
                return redirect("directory:child_services", child_id=service.child_id)
    return render(
        request,
        "directory/child_service_form.html",
        {"form": form, "child": service.child, "query": request.GET.get("q", "")[:100], "service": service},
        status=status,
    )
