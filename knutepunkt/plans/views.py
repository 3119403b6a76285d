"""The plan pages. Thin: parse the form, call one service, render.

A refusal re-renders the form with status 400; a save made after someone else's is refused with
409, the person's text kept in the form (with the plan's current version, so that once they have
checked what changed they can save again) and a link to see what the other person changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_child_for
from knutepunkt.plans import documents, selectors, services
from knutepunkt.plans.flow import attempt, versioned_edit
from knutepunkt.plans.forms import (
    GoalForm,
    MeasureForm,
    MeasureStatusForm,
    PaperSignatureForm,
    ParticipantForm,
    PlanCreateForm,
    PlanTextsForm,
    RecordReviewForm,
    ScheduleReviewForm,
    VersionedForm,
)
from knutepunkt.plans.models import Plan, PlanKind, SignatureMethod
from knutepunkt.plans.snapshot import PLAN_FIELDS


def _form_page(
    request: HttpRequest,
    plan: Plan | None,
    form: VersionedForm,
    *,
    title: Any,
    status: int = 200,
    intro: Any = "",
    conflict_from: int | None = None,
    child: Any = None,
    submit: Any = None,
) -> HttpResponse:
    return render(
        request,
        "plans/form.html",
        {
            "plan": plan,
            "child": child or (plan.child if plan else None),
            "form": form,
            "title": title,
            "intro": intro,
            "conflict_from": conflict_from,
            "submit": submit or _("Save"),
        },
        status=status,
    )


def _versioned_save(
    request: HttpRequest,
    plan_id: int,
    make_form: Callable[[Plan, QueryDict | None], VersionedForm],
    call: Callable[[Actor, VersionedForm], object],
    *,
    title: Any,
    done: Any,
    intro: Any = "",
) -> HttpResponse:
    """GET: the form, filled from the plan. POST: save, or show why not (409 keeps the text)."""
    actor = Actor.from_request(request)
    return versioned_edit(
        request,
        load=lambda: selectors.plan_for_editing(actor=actor, plan_id=plan_id),
        make=make_form,
        call=lambda form: call(actor, form),
        render=lambda plan, form, status, conflict_from: _form_page(
            request, plan, form, title=title, intro=intro, status=status, conflict_from=conflict_from
        ),
        done_url=reverse("plans:detail", args=[plan_id]),
        done=done,
    )


def _units(plan: Plan) -> list[Any]:
    return list(plan.municipality.units.order_by("name"))


# --- The plan ---------------------------------------------------------------------------------


@login_required
@require_GET
def for_child(request: HttpRequest, child_id: int) -> HttpResponse:
    """From the child's page: the plan if there is one, else (for those who may) the form to start it."""
    actor = Actor.from_request(request)
    child = get_child_for(actor.user, child_id)
    plan = Plan.objects.filter(child=child).only("pk").first()
    if plan is not None:
        return redirect("plans:detail", plan_id=plan.pk)
    return redirect("plans:create", child_id=child.pk)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    child = get_child_for(actor.user, child_id, for_write=True)
    if Plan.objects.filter(child=child).exists():
        return redirect("plans:for_child", child_id=child.pk)
    title = gettext("New plan for %(child)s") % {"child": child.display_name}
    intro = _(
        "A plan is made only with the family's consent. Goals, measures and participants are added next."
    )
    kind = services.default_kind(child)
    if request.method == "GET":
        form = PlanCreateForm(initial={"kind": kind})
        return _form_page(request, None, form, title=title, intro=intro, child=child)
    form = PlanCreateForm(request.POST)
    if not form.is_valid():
        return _form_page(request, None, form, title=title, intro=intro, child=child, status=400)
    d = form.cleaned_data
    created: dict[str, Plan] = {}

    def call() -> object:
        created["plan"] = services.create_plan(
            actor=actor,
            child_id=child.pk,
            kind=d["kind"],
            **{name: d[name] for name in PLAN_FIELDS if name != "kind"},
        )
        return created["plan"]

    status = attempt(call, form)
    if status != 200:
        return _form_page(request, None, form, title=title, intro=intro, child=child, status=status)
    messages.success(request, gettext("The plan is created. Add goals and measures."))
    return redirect("plans:detail", plan_id=created["plan"].pk)


@login_required
@require_GET
def detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    page = selectors.plan_page(actor=Actor.from_request(request), plan_id=plan_id)
    status_form = MeasureStatusForm(initial={"version": page.plan.version})
    total = len(page.measures)
    bars = []
    offset = 0.0
    for row in page.progress:
        width = 100.0 * row.count / total if total else 0.0
        bars.append({"row": row, "x": round(offset, 2), "width": round(width, 2)})
        offset += width
    return render(
        request,
        "plans/plan.html",
        {
            "page": page,
            "plan": page.plan,
            "child": page.plan.child,
            "status_form": status_form,
            "bars": bars,
            "total_measures": total,
            "is_support_plan": page.plan.kind == PlanKind.SUPPORT_PLAN,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    fields = [name for name in PLAN_FIELDS if name != "kind"]

    def make(plan: Plan, data: QueryDict | None) -> VersionedForm:
        initial = {name: getattr(plan, name) for name in fields} | {"version": plan.version}
        return PlanTextsForm(data, initial=initial)

    def call(actor: Actor, form: VersionedForm) -> object:
        d = form.cleaned_data
        return services.update_plan(
            actor=actor, plan_id=plan_id, expected_version=d["version"], **{name: d[name] for name in fields}
        )

    return _versioned_save(
        request, plan_id, make, call, title=_("Change the plan"), done=_("The plan is saved.")
    )


# --- Goals, measures, participants ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def goal(request: HttpRequest, plan_id: int, goal_id: int | None = None) -> HttpResponse:
    def make(plan: Plan, data: QueryDict | None) -> VersionedForm:
        initial: dict[str, Any] = {"version": plan.version}
        if goal_id is not None:
            found = plan.goals.filter(pk=goal_id).first()
            if found is None:
                raise Http404
            initial |= {"text": found.text, "child_words": found.child_words}
        return GoalForm(data, initial=initial)

    def call(actor: Actor, form: VersionedForm) -> object:
        d = form.cleaned_data
        return services.save_goal(
            actor=actor,
            plan_id=plan_id,
            expected_version=d["version"],
            goal_id=goal_id,
            text=d["text"],
            child_words=d["child_words"],
        )

    title = _("Add a goal") if goal_id is None else _("Change the goal")
    return _versioned_save(request, plan_id, make, call, title=title, done=_("The goal is saved."))


@login_required
@require_http_methods(["GET", "POST"])
def measure(request: HttpRequest, plan_id: int, measure_id: int | None = None) -> HttpResponse:
    def make(plan: Plan, data: QueryDict | None) -> VersionedForm:
        initial: dict[str, Any] = {"version": plan.version, "status": "planned"}
        if measure_id is not None:
            found = plan.measures.filter(pk=measure_id).first()
            if found is None:
                raise Http404
            initial |= {name: getattr(found, name) for name in services.MEASURE_FIELDS}
            initial |= {"goal": found.goal_id, "responsible_unit": found.responsible_unit_id}
        return MeasureForm(data, initial=initial, goals=list(plan.goals.all()), units=_units(plan))

    def call(actor: Actor, form: VersionedForm) -> object:
        d = form.cleaned_data
        fields = {
            name: d[name] for name in services.MEASURE_FIELDS if name not in ("goal", "responsible_unit")
        }
        return services.save_measure(
            actor=actor,
            plan_id=plan_id,
            expected_version=d["version"],
            measure_id=measure_id,
            goal=_goal_of(plan_id, d["goal"]),
            responsible_unit=_unit_of(actor, d["responsible_unit"]),
            **fields,
        )

    title = _("Add a measure") if measure_id is None else _("Change the measure")
    return _versioned_save(request, plan_id, make, call, title=title, done=_("The measure is saved."))


def _goal_of(plan_id: int, goal_id: int | None) -> Any:
    from knutepunkt.plans.models import Goal

    if goal_id is None:
        return None
    found = Goal.objects.filter(plan_id=plan_id, pk=goal_id).first()
    if found is None:
        raise ValidationError({"goal": gettext("Choose a goal of this plan.")})
    return found


def _unit_of(actor: Actor, unit_id: int | None) -> Any:
    from knutepunkt.tenancy.models import Unit

    if unit_id is None:
        return None
    found = Unit.objects.filter(municipality_id=actor.user.municipality_id or 0, pk=unit_id).first()
    if found is None:
        raise ValidationError({"responsible_unit": gettext("Choose a service from the list.")})
    return found


@login_required
@require_POST
def measure_status(request: HttpRequest, plan_id: int, measure_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    selectors.plan_for_editing(actor=actor, plan_id=plan_id)
    form = MeasureStatusForm(request.POST)
    if form.is_valid():
        status = attempt(
            lambda: services.set_measure_status(
                actor=actor,
                plan_id=plan_id,
                expected_version=form.cleaned_data["version"],
                measure_id=measure_id,
                status=form.cleaned_data["status"],
            ),
            form,
        )
        if status == 200:
            messages.success(request, gettext("The measure's status is saved."))
            return redirect(reverse("plans:detail", args=[plan_id]) + "#measures")
    for error in form.non_field_errors() or [gettext("Choose a status from the list.")]:
        messages.error(request, str(error))
    return redirect(reverse("plans:detail", args=[plan_id]) + "#measures")


@login_required
@require_http_methods(["GET", "POST"])
def participant(request: HttpRequest, plan_id: int, participant_id: int | None = None) -> HttpResponse:
    def make(plan: Plan, data: QueryDict | None) -> VersionedForm:
        initial: dict[str, Any] = {"version": plan.version}
        if participant_id is not None:
            found = plan.participants.filter(pk=participant_id).first()
            if found is None:
                raise Http404
            initial |= {
                "name": found.name,
                "role": found.role,
                "unit": found.unit_id,
                "contributes": found.contributes,
            }
        return ParticipantForm(data, initial=initial, units=_units(plan))

    def call(actor: Actor, form: VersionedForm) -> object:
        d = form.cleaned_data
        return services.save_participant(
            actor=actor,
            plan_id=plan_id,
            expected_version=d["version"],
            participant_id=participant_id,
            name=d["name"],
            role=d["role"],
            unit_id=d["unit"],
            contributes=d["contributes"],
        )

    title = _("Add a participant") if participant_id is None else _("Change the participant")
    return _versioned_save(request, plan_id, make, call, title=title, done=_("The participant is saved."))


@login_required
@require_http_methods(["GET", "POST"])
def remove(request: HttpRequest, plan_id: int, what: str, row_id: int) -> HttpResponse:
    removers: dict[str, tuple[Callable[..., None], str, Any]] = {
        "goal": (services.remove_goal, "goal_id", _("Remove the goal")),
        "measure": (services.remove_measure, "measure_id", _("Remove the measure")),
        "participant": (services.remove_participant, "participant_id", _("Remove the participant")),
    }
    if what not in removers:
        raise Http404
    service, key, title = removers[what]

    def make(plan: Plan, data: QueryDict | None) -> VersionedForm:
        return VersionedForm(data, initial={"version": plan.version})

    def call(actor: Actor, form: VersionedForm) -> object:
        service(actor=actor, plan_id=plan_id, expected_version=form.cleaned_data["version"], **{key: row_id})
        return None

    return _versioned_save(
        request,
        plan_id,
        make,
        call,
        title=title,
        done=_("Removed. The earlier versions of the plan still show it."),
        intro=_("The plan's earlier versions keep it; the plan from now on does not."),
    )


# --- Reviews and sign-off ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def schedule_review(request: HttpRequest, plan_id: int) -> HttpResponse:
    def make(plan: Plan, data: QueryDict | None) -> VersionedForm:
        return ScheduleReviewForm(data, initial={"version": plan.version})

    def call(actor: Actor, form: VersionedForm) -> object:
        d = form.cleaned_data
        return services.schedule_review(
            actor=actor, plan_id=plan_id, expected_version=d["version"], scheduled_on=d["scheduled_on"]
        )

    return _versioned_save(
        request, plan_id, make, call, title=_("Schedule a review"), done=_("The review is scheduled.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_review(request: HttpRequest, plan_id: int, review_id: int) -> HttpResponse:
    def make(plan: Plan, data: QueryDict | None) -> VersionedForm:
        review = plan.reviews.filter(pk=review_id).first()
        if review is None:
            raise Http404
        initial: dict[str, Any] = {
            "version": plan.version,
            "held_on": review.held_on,
            "summary": review.summary,
        }
        for evaluation in review.evaluations.all():
            initial[f"progress_{evaluation.goal_id}"] = evaluation.progress
            initial[f"note_{evaluation.goal_id}"] = evaluation.note
        return RecordReviewForm(data, initial=initial, goals=list(plan.goals.all()))

    def call(actor: Actor, form: VersionedForm) -> object:
        assert isinstance(form, RecordReviewForm)
        d = form.cleaned_data
        return services.record_review(
            actor=actor,
            plan_id=plan_id,
            expected_version=d["version"],
            review_id=review_id,
            held_on=d["held_on"],
            summary=d["summary"],
            evaluations=form.evaluations(),
        )

    return _versioned_save(
        request,
        plan_id,
        make,
        call,
        title=_("Record the review"),
        done=_("The review is recorded."),
        intro=_("How far has each goal come? The family and the child take part in the evaluation."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_signature(request: HttpRequest, plan_id: int) -> HttpResponse:
    def make(plan: Plan, data: QueryDict | None) -> VersionedForm:
        guardians = list(
            plan.family.guardians.filter(has_parental_responsibility=True).order_by("given_name")
        )
        return PaperSignatureForm(data, initial={"version": plan.version}, guardians=guardians)

    def call(actor: Actor, form: VersionedForm) -> object:
        d = form.cleaned_data
        return services.sign_plan(
            actor=actor,
            plan_id=plan_id,
            version=d["version"],
            method=SignatureMethod.PAPER,
            guardian_id=d["guardian"],
            signed_on=d["signed_on"],
            note=d["note"],
        )

    return _versioned_save(
        request,
        plan_id,
        make,
        call,
        title=_("Record a signature given on paper"),
        done=_("The signature is recorded."),
        intro=_("The guardian signed a printed copy of this version of the plan."),
    )


# --- Versions and documents -------------------------------------------------------------------


@login_required
@require_GET
def compare(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    try:
        older = int(request.GET.get("a", ""))
        newer = int(request.GET.get("b", ""))
    except ValueError:
        latest = selectors.plan_page(actor=actor, plan_id=plan_id).plan.version
        return redirect(reverse("plans:compare", args=[plan_id]) + f"?a={max(1, latest - 1)}&b={latest}")
    view = selectors.compare_versions(actor=actor, plan_id=plan_id, older=older, newer=newer)
    return render(request, "plans/compare.html", {"view": view, "plan": view.plan, "child": view.plan.child})


@login_required
@require_GET
def document(request: HttpRequest, plan_id: int, kind: str) -> HttpResponse:
    if kind not in documents.KINDS:
        raise Http404
    page = selectors.plan_for_document(actor=Actor.from_request(request), plan_id=plan_id)
    pdf = documents.render_plan_pdf(page, kind=kind)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{page.plan.pk}-{kind}.pdf"'
    return response
