"""Form handling shared by the plan and meeting pages: call one service, turn its refusal into
what the person sees, and keep their input after a conflict."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect

from knutepunkt.core.errors import ConflictError, DomainError
from knutepunkt.intake.forms import IntakeForm


def attempt(call: Callable[[], object], form: IntakeForm) -> int:
    """200 when the service went through; else the reason on the form and its status (409 for a
    conflict: someone else saved first)."""
    try:
        call()
    except ConflictError as error:
        form.add_error(None, str(error.message))
        return 409
    except DomainError as error:
        form.add_error(None, str(error.message))
        return error.status
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
        form.add_service_errors(errors)
        return 400
    return 200


def with_version(data: QueryDict, version: int) -> QueryDict:
    """The person's input as they sent it, carrying the current version: once they have checked
    what changed, their next save must not conflict again."""
    data = data.copy()
    data["version"] = str(version)
    return data


F = TypeVar("F", bound=IntakeForm)


def remake_after_conflict(form: IntakeForm, remade: F) -> F:
    """``remade`` (bound to the person's input with the current version) carrying ``form``'s refusal."""
    refusals = list(form.non_field_errors())
    remade.is_valid()
    for refusal in refusals:
        remade.add_error(None, refusal)
    return remade


class Versioned(Protocol):
    version: int


V = TypeVar("V", bound=Versioned)


def versioned_edit(
    request: HttpRequest,
    *,
    load: Callable[[], V],
    make: Callable[[V, QueryDict | None], F],
    call: Callable[[F], object],
    render: Callable[[V, F, int, int | None], HttpResponse],
    done_url: str,
    done: Any,
) -> HttpResponse:
    """One form on a versioned thing (a plan, a meeting). GET: the form, filled from ``load()``.
    POST: ``call`` the service, or render why not; after a conflict (409) the form keeps the
    person's input with the current version, and ``render`` gets the version they had read."""
    obj = load()
    if request.method == "GET":
        return render(obj, make(obj, None), 200, None)
    form = make(obj, request.POST)
    if not form.is_valid():
        return render(obj, form, 400, None)
    status = attempt(lambda: call(form), form)
    if status == 200:
        messages.success(request, str(done))
        return redirect(done_url)
    conflict_from = None
    if status == 409:
        read_at = form.cleaned_data["version"]
        obj = load()
        form = remake_after_conflict(form, make(obj, with_version(request.POST, obj.version)))
        conflict_from = read_at if read_at < obj.version else None
    return render(obj, form, status, conflict_from)
