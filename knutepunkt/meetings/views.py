"""The meeting pages. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_child_for
from knutepunkt.intake.forms import IntakeForm
from knutepunkt.meetings import selectors, services
from knutepunkt.meetings.forms import (
    ActionItemForm,
    DecisionForm,
    InviteForm,
    MinutesForm,
    MoveMeetingForm,
    ScheduleMeetingForm,
    VersionedForm,
)
from knutepunkt.meetings.ics import build_calendar
from knutepunkt.meetings.models import Meeting, MeetingKind
from knutepunkt.people.models import Child, Role, User
from knutepunkt.plans.flow import attempt, versioned_edit
from knutepunkt.plans.models import Measure


def _staff(municipality_id: int) -> list[User]:
    return list(
        User.objects.filter(municipality_id=municipality_id, is_active=True)
        .exclude(role__in=["", Role.ADMINISTRATOR])
        .select_related("unit")
        .order_by("last_name", "first_name", "pk")
    )


def _form_page(
    request: HttpRequest,
    form: IntakeForm,
    *,
    title: Any,
    child: Child,
    meeting: Meeting | None = None,
    status: int = 200,
    intro: Any = "",
    submit: Any = None,
) -> HttpResponse:
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "title": title,
            "child": child,
            "meeting": meeting,
            "intro": intro,
            "submit": submit or _("Save"),
        },
        status=status,
    )


def _versioned(
    request: HttpRequest,
    meeting_id: int,
    make: Callable[[Meeting, QueryDict | None], VersionedForm],
    call: Callable[[Actor, Any], object],
    *,
    title: Any,
    done: Any,
    intro: Any = "",
    submit: Any = None,
) -> HttpResponse:
    actor = Actor.from_request(request)
    return versioned_edit(
        request,
        load=lambda: selectors.meeting_for_editing(actor=actor, meeting_id=meeting_id),
        make=make,
        call=lambda form: call(actor, form),
        render=lambda meeting, form, status, _read_at: _form_page(
            request,
            form,
            title=title,
            child=meeting.child,
            meeting=meeting,
            status=status,
            intro=intro,
            submit=submit,
        ),
        done_url=reverse("meetings:detail", args=[meeting_id]),
        done=done,
    )


@login_required
@require_GET
def for_child(request: HttpRequest, child_id: int) -> HttpResponse:
    found = selectors.meetings_for_child(actor=Actor.from_request(request), child_id=child_id)
    return render(request, "meetings/child.html", {"found": found, "child": found.child})


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    child = get_child_for(actor.user, child_id, for_write=True)
    staff = _staff(child.municipality_id)
    guardians = list(child.family.guardians.order_by("given_name"))
    kind = MeetingKind.SUPPORT_TEAM if child.municipality.is_icelandic else MeetingKind.RESPONSIBILITY_GROUP
    title = gettext("Schedule a meeting about %(child)s") % {"child": child.display_name}
    if request.method == "GET":
        form = ScheduleMeetingForm(
            initial={"kind": kind, "staff": [actor.user.pk]}, staff=staff, guardians=guardians
        )
        return _form_page(request, form, title=title, child=child, submit=_("Schedule and send invitations"))
    form = ScheduleMeetingForm(request.POST, staff=staff, guardians=guardians)
    if not form.is_valid():
        return _form_page(
            request, form, title=title, child=child, status=400, submit=_("Schedule and send invitations")
        )
    d = form.cleaned_data
    made: dict[str, Meeting] = {}

    def call() -> object:
        made["meeting"] = services.schedule_meeting(
            actor=actor,
            child_id=child.pk,
            kind=d["kind"],
            title=d["title"],
            starts_at=form.starts_at(),
            ends_at=form.ends_at(),
            location=d["location"],
            agenda=d["agenda"],
            staff_ids=d["staff"],
            guardian_ids=d["guardians"],
            outside=d["outside"],
        )
        return made["meeting"]

    status = attempt(call, form)
    if status != 200:
        return _form_page(
            request, form, title=title, child=child, status=status, submit=_("Schedule and send invitations")
        )
    messages.success(request, gettext("The meeting is scheduled and the invitations are on their way."))
    return redirect("meetings:detail", meeting_id=made["meeting"].pk)


@login_required
@require_GET
def detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    page = selectors.meeting_page(actor=Actor.from_request(request), meeting_id=meeting_id)
    return render(
        request,
        "meetings/meeting.html",
        {"page": page, "meeting": page.meeting, "child": page.meeting.child, "version": page.meeting.version},
    )


@login_required
@require_GET
def calendar_file(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    meeting, participants = selectors.meeting_for_calendar(actor=actor, meeting_id=meeting_id)
    language = request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else meeting.municipality.language
    response = HttpResponse(
        build_calendar(meeting, participants, language=language), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def make(meeting: Meeting, data: QueryDict | None) -> VersionedForm:
        from django.utils import timezone

        starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        initial = {
            "version": meeting.version,
            "date": starts.date(),
            "start_time": starts.time(),
            "end_time": ends.time(),
            "location": meeting.location,
        }
        return MoveMeetingForm(data, initial=initial)

    def call(actor: Actor, form: MoveMeetingForm) -> object:
        return services.move_meeting(
            actor=actor,
            meeting_id=meeting_id,
            expected_version=form.cleaned_data["version"],
            starts_at=form.starts_at(),
            ends_at=form.ends_at(),
            location=form.cleaned_data["location"],
        )

    return _versioned(
        request,
        meeting_id,
        make,
        call,
        title=_("Move the meeting"),
        done=_("The meeting is moved. Everyone invited gets an updated calendar invitation."),
        submit=_("Move and send the update"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def make(meeting: Meeting, data: QueryDict | None) -> VersionedForm:
        return VersionedForm(data, initial={"version": meeting.version})

    def call(actor: Actor, form: VersionedForm) -> object:
        return services.cancel_meeting(
            actor=actor, meeting_id=meeting_id, expected_version=form.cleaned_data["version"]
        )

    return _versioned(
        request,
        meeting_id,
        make,
        call,
        title=_("Cancel the meeting"),
        done=_("The meeting is cancelled. Everyone invited is told."),
        intro=_("Everyone invited gets a cancellation that removes the meeting from their calendar."),
        submit=_("Cancel the meeting"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def make(meeting: Meeting, data: QueryDict | None) -> VersionedForm:
        return InviteForm(
            data,
            initial={"version": meeting.version},
            staff=_staff(meeting.municipality_id),
            guardians=list(meeting.family.guardians.order_by("given_name")),
        )

    def call(actor: Actor, form: InviteForm) -> object:
        d = form.cleaned_data
        return services.invite(
            actor=actor,
            meeting_id=meeting_id,
            expected_version=d["version"],
            staff_ids=d["staff"],
            guardian_ids=d["guardians"],
            outside=d["outside"],
        )

    return _versioned(
        request,
        meeting_id,
        make,
        call,
        title=_("Invite more people"),
        done=_("The invitations are on their way."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def make(meeting: Meeting, data: QueryDict | None) -> VersionedForm:
        return MinutesForm(
            data, initial={"version": meeting.version, "minutes": meeting.minutes or meeting.agenda}
        )

    def call(actor: Actor, form: MinutesForm) -> object:
        return services.record_minutes(
            actor=actor,
            meeting_id=meeting_id,
            expected_version=form.cleaned_data["version"],
            minutes=form.cleaned_data["minutes"],
        )

    return _versioned(
        request, meeting_id, make, call, title=_("Write the minutes"), done=_("The minutes are saved.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def make(meeting: Meeting, data: QueryDict | None) -> VersionedForm:
        return DecisionForm(data, initial={"version": meeting.version})

    def call(actor: Actor, form: DecisionForm) -> object:
        d = form.cleaned_data
        return services.add_decision(
            actor=actor,
            meeting_id=meeting_id,
            expected_version=d["version"],
            text=d["text"],
            category=d["category"],
        )

    return _versioned(
        request, meeting_id, make, call, title=_("Add a decision"), done=_("The decision is saved.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_item(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def make(meeting: Meeting, data: QueryDict | None) -> VersionedForm:
        measures = list(Measure.objects.filter(plan__child_id=meeting.child_id).order_by("starts_on", "pk"))
        return ActionItemForm(
            data,
            initial={"version": meeting.version},
            staff=_staff(meeting.municipality_id),
            measures=measures,
        )

    def call(actor: Actor, form: ActionItemForm) -> object:
        d = form.cleaned_data
        return services.add_action_item(
            actor=actor,
            meeting_id=meeting_id,
            expected_version=d["version"],
            text=d["text"],
            due_on=d["due_on"],
            owner_id=d["owner"],
            owner_name=d["owner_name"],
            measure_id=d["measure"],
            category=d["category"],
        )

    return _versioned(
        request, meeting_id, make, call, title=_("Add an action item"), done=_("The action item is saved.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_done(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    def make(meeting: Meeting, data: QueryDict | None) -> VersionedForm:
        return VersionedForm(data, initial={"version": meeting.version})

    def call(actor: Actor, form: VersionedForm) -> object:
        return services.complete_action_item(
            actor=actor, meeting_id=meeting_id, expected_version=form.cleaned_data["version"], item_id=item_id
        )

    return _versioned(
        request,
        meeting_id,
        make,
        call,
        title=_("Mark the action item done"),
        done=_("The action item is marked done."),
        submit=_("Mark done"),
    )
