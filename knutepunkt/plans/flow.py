"""Form handling shared by the plan and meeting pages: call one service, turn its refusal into
what the person sees, and keep their input after a conflict."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import QueryDict

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
