"""The coordinator's desk: caseload, a family's page, appointment, handover, contacts, the
specialist-health coordinator, the month at a glance and Iceland's support team. Thin views:
parse, call a selector or service, render."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knutepunkt.access.context import Actor
from knutepunkt.coordination import selectors, services
from knutepunkt.coordination.charts import caseload_bars
from knutepunkt.coordination.forms import (
    AppointForm,
    ChecklistForm,
    CloseTeamForm,
    ContactForm,
    DeskForm,
    HandoverForm,
    MemberForm,
    OutsideCoordinatorForm,
    StageForm,
    TeamForm,
)
from knutepunkt.coordination.models import (
    CoordinatorAssignment,
    Handover,
    HandoverItem,
    MemberRole,
    SupportTeam,
)
from knutepunkt.core.errors import DomainError
from knutepunkt.directory.models import ServiceType, UserOrganisation
from knutepunkt.people.models import Role, User

SORT_LABELS = [
    ("deadline", gettext_lazy("Next deadline")),
    ("family", gettext_lazy("Family")),
    ("since", gettext_lazy("Coordinator since")),
    ("contact", gettext_lazy("Last contact")),
]


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _submit(request: HttpRequest, form: DeskForm, call: Callable[[], Any], success: str) -> tuple[bool, int]:
    """Call the service; put its refusal on the form or the page. (saved, status)."""
    try:
        call()
    except ValidationError as error:
        form.add_service_errors(error.message_dict)
        return False, 400
    except DomainError as error:
        messages.error(request, str(error.message))
        return False, error.status
    messages.success(request, success)
    return True, 200


@login_required
@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    coordinator = request.GET.get("coordinator", "")
    if not coordinator and _user(request).role in (Role.OFFICER, Role.LEADER):
        # Officers and leaders have no caseload of their own: they start from the unit's.
        return redirect("coordination:unit")
    page = request.GET.get("page", "")
    result = selectors.caseload(
        actor=Actor.from_request(request),
        coordinator_id=int(coordinator) if coordinator.isdigit() else None,
        sort=request.GET.get("sort", "deadline"),
        page=int(page) if page.isdigit() else 1,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "coordination/caseload.html",
        {"caseload": result, "sort_labels": SORT_LABELS, "query_string": query.urlencode()},
    )


@login_required
@require_GET
def unit(request: HttpRequest) -> HttpResponse:
    loads = selectors.unit_caseloads(actor=Actor.from_request(request))
    bars, height = caseload_bars(loads)
    return render(
        request,
        "coordination/unit.html",
        {"loads": loads, "total": sum(load.families for load in loads), "bars": bars, "chart_height": height},
    )


@login_required
@require_GET
def month(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        year, number = (int(part) for part in request.GET.get("month", "").split("-"))
        first = datetime.date(year, number, 1)
    except ValueError:
        first = today.replace(day=1)
    result = selectors.month_at_a_glance(
        actor=Actor.from_request(request), year=first.year, month=first.month
    )
    return render(request, "coordination/month.html", {"month": result, "today": today})


@login_required
@require_GET
def family(request: HttpRequest, family_id: int) -> HttpResponse:
    desk = selectors.family_desk(actor=Actor.from_request(request), family_id=family_id)
    return render(
        request,
        "coordination/family.html",
        {"desk": desk, "member_roles": MemberRole.choices, "handover_items": HandoverItem.choices},
    )


def _candidate_choices(page: selectors.AppointmentPage) -> list[tuple[int, str]]:
    return [(c.user.pk, str(c.user)) for c in page.candidates]


@login_required
@require_http_methods(["GET", "POST"])
def appoint(request: HttpRequest, case_id: int) -> HttpResponse:
    from knutepunkt.intake.services import appoint_coordinator

    stage_form = StageForm(request.GET or None)
    stage = stage_form.cleaned_data.get("stage") or None if stage_form.is_valid() else None
    actor = Actor.from_request(request)
    page = selectors.appointment_page(actor=actor, case_id=case_id, stage=stage)
    form = AppointForm(
        request.POST or None,
        coordinators=_candidate_choices(page),
        initial={"coordinator": page.named_coordinator_id, "child_wishes": page.child_view},
    )
    status = 200
    if request.method == "POST":
        if not page.may_start:
            raise PermissionDenied
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            saved, status = _submit(
                request,
                form,
                lambda: appoint_coordinator(
                    actor=actor,
                    case_id=case_id,
                    starts_on=data["starts_on"],
                    coordinator_id=data["coordinator"],
                    family_wishes=data["family_wishes"],
                    child_wishes=data["child_wishes"],
                ),
                gettext("The coordinator is appointed."),
            )
            if saved:
                return redirect("coordination:family", family_id=page.family.pk)
    return render(
        request,
        "coordination/appoint.html",
        {"page": page, "form": form, "stage_form": StageForm(initial={"stage": page.stage})},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest, family_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    desk = selectors.family_desk(actor=actor, family_id=family_id)
    if not desk.may_change:
        raise PermissionDenied
    chosen = request.POST.get("from_assignment") or request.GET.get("from") or ""
    current: CoordinatorAssignment | None = next(
        (a for a in desk.current if str(a.pk) == chosen), desk.current[0] if desk.current else None
    )
    candidates = selectors.handover_candidates(actor=actor, family=desk.family)
    form = HandoverForm(request.POST or None, coordinators=[(c.pk, str(c)) for c in candidates])
    status = 200
    if request.method == "POST" and current is not None:
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            saved, status = _submit(
                request,
                form,
                lambda: services.hand_over(
                    actor=actor,
                    family_id=family_id,
                    from_assignment_id=current.pk,
                    to_coordinator_id=data["to_coordinator"],
                    handover_on=data["handover_on"],
                    reason=data["reason"],
                    checklist=data["checklist"],
                    note=data["note"],
                ),
                gettext("The handover is recorded."),
            )
            if saved:
                return redirect("coordination:family", family_id=family_id)
    return render(
        request,
        "coordination/handover.html",
        {"desk": desk, "form": form, "current": current},
        status=status,
    )


@login_required
@require_POST
def handover_checklist(request: HttpRequest, handover_id: int) -> HttpResponse:
    user = _user(request)
    handover = Handover.objects.filter(pk=handover_id, municipality_id=user.municipality_id or 0).first()
    form = ChecklistForm(request.POST)
    if handover is not None and form.is_valid():
        _submit(
            request,
            form,
            lambda: services.update_handover_checklist(
                actor=Actor.from_request(request),
                handover_id=handover_id,
                checklist=form.cleaned_data["checklist"],
            ),
            gettext("The checklist is saved."),
        )
        return redirect(reverse("coordination:family", args=[handover.family_id]) + "#handovers")
    messages.error(request, gettext("The checklist could not be saved."))
    return redirect("coordination:caseload")


def _family_form_page(
    request: HttpRequest,
    family_id: int,
    *,
    heading: str,
    intro: str,
    form_class: type[DeskForm],
    call: Callable[[Actor, dict[str, Any]], Any],
    success: str,
    anchor: str,
    form_kwargs: dict[str, Any] | None = None,
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    actor = Actor.from_request(request)
    desk = selectors.family_desk(actor=actor, family_id=family_id)
    if not desk.may_change:
        raise PermissionDenied
    form = form_class(request.POST or None, initial=initial, **(form_kwargs or {}))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            saved, status = _submit(request, form, lambda: call(actor, form.cleaned_data), success)
            if saved:
                return redirect(reverse("coordination:family", args=[family_id]) + anchor)
    return render(
        request,
        "coordination/form_page.html",
        {"desk": desk, "form": form, "heading": heading, "intro": intro},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def outside_coordinator(request: HttpRequest, family_id: int) -> HttpResponse:
    return _family_form_page(
        request,
        family_id,
        heading=gettext("Record the specialist-health coordinator"),
        intro=gettext(
            "The hospital's coordinator (sphl § 2-5a) follows up during the stay and plans the discharge "
            "with us. Their appointment needs the family's consent; the hospital tells us."
        ),
        form_class=OutsideCoordinatorForm,
        call=lambda actor, data: services.record_outside_coordinator(
            actor=actor, family_id=family_id, **data
        ),
        success=gettext("The specialist-health coordinator is recorded."),
        anchor="#outside",
        initial={"starts_on": timezone.localdate()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, family_id: int) -> HttpResponse:
    user = _user(request)
    country = user.municipality.country if user.municipality else ""

    def record(actor: Actor, data: dict[str, Any]) -> Any:
        return services.record_contact(
            actor=actor,
            family_id=family_id,
            contact=services.ContactInput(
                occurred_on=data["occurred_on"],
                kind=data["kind"],
                people=data["people"],
                summary=data["summary"],
                category=data["category"],
                rights=tuple(data["rights"]),
                service_type_ids=tuple(s.pk for s in data["services"]),
                organisation_ids=tuple(o.pk for o in data["organisations"]),
                follow_up_on=data["follow_up_on"],
            ),
        )

    return _family_form_page(
        request,
        family_id,
        heading=gettext("Log a contact"),
        intro=gettext(
            "What was talked about, and the guidance given: rights, services and user organisations."
        ),
        form_class=ContactForm,
        call=record,
        success=gettext("The contact is logged."),
        anchor="#contacts",
        form_kwargs={
            "service_types": ServiceType.objects.filter(country=country),
            "organisations": UserOrganisation.objects.filter(country=country, active=True),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, family_id: int) -> HttpResponse:
    return _family_form_page(
        request,
        family_id,
        heading=gettext("Form a support team"),
        intro=gettext(
            "The case manager forms the team with the service providers; the parents and the child take part "
            "(Act 86/2021 art. 21). The team writes the support plan as soon as possible."
        ),
        form_class=TeamForm,
        call=lambda actor, data: services.form_support_team(
            actor=actor, family_id=family_id, formed_on=data["formed_on"]
        ),
        success=gettext("The support team is formed. Add its members."),
        anchor="#team",
        initial={"formed_on": timezone.localdate()},
    )


def _team_of(request: HttpRequest, team_id: int) -> SupportTeam:
    user = _user(request)
    found = SupportTeam.objects.filter(pk=team_id, municipality_id=user.municipality_id or 0).first()
    if found is None:
        raise Http404
    return found


@login_required
@require_POST
def team_member(request: HttpRequest, team_id: int) -> HttpResponse:
    found = _team_of(request, team_id)
    form = MemberForm(request.POST)
    if form.is_valid():
        _submit(
            request,
            form,
            lambda: services.add_team_member(
                actor=Actor.from_request(request),
                team_id=team_id,
                member=services.MemberInput(**form.cleaned_data),
            ),
            gettext("The member is added."),
        )
    # The form sits on the family's page: its errors are shown there as messages.
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))
    return redirect(reverse("coordination:family", args=[found.family_id]) + "#team")


@login_required
@require_http_methods(["GET", "POST"])
def team_close(request: HttpRequest, team_id: int) -> HttpResponse:
    found = _team_of(request, team_id)
    return _family_form_page(
        request,
        found.family_id,
        heading=gettext("Close the support team"),
        intro=gettext(
            "A team that stops without a support plan must say why. The parents and the service contact are "
            "told, and a parent may complain to GEV (Act 86/2021 art. 22)."
        ),
        form_class=CloseTeamForm,
        call=lambda actor, data: services.close_support_team(actor=actor, team_id=team_id, **data),
        success=gettext("The support team is closed."),
        anchor="#team",
        initial={"closed_on": timezone.localdate()},
    )
