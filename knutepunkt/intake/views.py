"""The coordinating unit's pages: the worklist, registering a request, the case, the assessment,
the decision and the small steps between them.

Thin views: parse the form, call one service (or read through a selector, which checks access and
writes the access log), render. A service's refusal is turned into what the person sees in one
place, ``attempt``: a ``DomainError`` becomes a message and status 400 (a ``ConflictError`` 409),
a ``ValidationError`` goes onto the form's fields; ``Http404`` and ``PermissionDenied`` pass
through untouched. Every page works as plain form posts; htmx only saves a judgement as it is made.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import OperationalError
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_case_for
from knutepunkt.audit.services import access_log_batch
from knutepunkt.complaints.selectors import open_complaints
from knutepunkt.complaints.services import EVENT_LABELS as COMPLAINT_EVENT_LABELS
from knutepunkt.core.errors import DomainError
from knutepunkt.intake import selectors, services
from knutepunkt.intake.assessment import JUDGEMENT_LABELS, CaseAssessment
from knutepunkt.intake.documents import ALLOWED_TYPES
from knutepunkt.intake.forms import (
    ARRANGEMENTS_FOR,
    AppointForm,
    AssessmentForm,
    ChildViewForm,
    CloseForm,
    ConsentForm,
    DecisionForm,
    FamilyInformedForm,
    IntakeForm,
    RegisterRequestForm,
    UploadForm,
    assessment_initial,
    judgement_raw,
    judgement_value,
)
from knutepunkt.intake.models import (
    Arrangement,
    CaseStatus,
    Channel,
    ConsentChannel,
    DocumentKind,
    Outcome,
)
from knutepunkt.intake.selectors import CaseView
from knutepunkt.jurisdictions.legal import (
    CRITERION_EXPLANATIONS,
    ENTITLEMENT_DESCRIPTIONS,
    ICELAND_DUTY_BASIS,
    NORWAY_DUTY_BASIS,
    OTHER_ACTS,
    SERVICE_CONTACTS,
    UNVERIFIED_RULES,
)
from knutepunkt.people.models import Child, Role, User
from knutepunkt.people.selectors import list_children
from knutepunkt.people.services import ChildInput, GuardianInput

T = TypeVar("T")
DASH = "\N{EN DASH}"


# --- Refusals, in one place -------------------------------------------------------------------

BUSY = _("Knutepunkt was busy with another save and could not save this one. Please save again.")


def _locked(error: OperationalError) -> bool:
    """SQLite refuses a write while another one holds the database ("database is locked",
    "database table is locked"): the settings wait for it, but an in-memory or shared-cache
    database cannot wait."""
    return "locked" in str(error)


def when_busy(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page that meets a locked SQLite database anywhere (the access log it writes too, not only
    the service ``attempt`` calls) says so and asks to save again, never a 500. Each write is its
    own transaction, so nothing is half-saved, and saving again is safe: the same person's same
    text is no conflict (``services.save_assessment``). htmx gets the judgement's status line
    (200, so htmx swaps it in), a page gets 503."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except OperationalError as error:
            if not _locked(error):
                raise
            if getattr(request, "htmx", False):
                return HttpResponse(format_html('<span class="kp-error-text">{}</span>', BUSY))
            return render(request, "intake/busy.html", {"case_id": kwargs["case_id"]}, status=503)

    return wrapped


@dataclass(frozen=True)
class Attempt(Generic[T]):
    """What came of calling a service: its result, or the status and message of its refusal."""

    result: T | None
    status: int = 200
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status < 400


def attempt(
    request: HttpRequest,
    call: Callable[[], T],
    *,
    form: IntakeForm | None = None,
    announce: bool = True,
) -> Attempt[T]:
    """Call one service and turn its refusal into what the person sees.

    ``DomainError`` (a rule said no): a message on the page, status 400; ``ConflictError``
    (someone else saved first): the same with 409. ``ValidationError``: onto ``form``'s fields
    (or a message without a form), status 400. SQLite's "locked": a message to save again, 503.
    ``Http404`` and ``PermissionDenied`` are not caught: "not yours" looks like "missing". With
    ``announce=False`` no message is queued and the caller shows ``Attempt.message`` itself (the
    htmx partial does).
    """
    try:
        return Attempt(call())
    except DomainError as error:
        message = str(error.message)
        if announce:
            messages.error(request, message)
        return Attempt(None, error.status, message)
    except OperationalError as error:
        # Nothing was saved, and the page keeps the person's input to save again.
        if not _locked(error):
            raise
        message = str(BUSY)
        if announce:
            messages.error(request, message)
        return Attempt(None, 503, message)
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
        message = " ".join(text for texts in errors.values() for text in texts)
        if form is not None:
            form.add_service_errors(errors)
        elif announce:
            messages.error(request, message)
        return Attempt(None, 400, message)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _require_role(request: HttpRequest, *roles: Role) -> User:
    user = _user(request)
    if user.role not in roles:
        raise PermissionDenied
    return user


def _with_version(data: QueryDict, version: int) -> QueryDict:
    """The person's input as they sent it, but carrying the case's current version: after a
    conflict they check the case and save again, and that save must not conflict once more."""
    data = data.copy()
    data["version"] = str(version)
    return data


# --- Texts for what the rules and the history say ---------------------------------------------

EVENT_LABELS: dict[str, Any] = {
    **COMPLAINT_EVENT_LABELS,
    "registered": _("Request registered"),
    "family_informed": _("The family was informed"),
    "assessment_started": _("Assessment started"),
    "judgement": _("Judgement recorded"),
    "facts": _("Facts for the assessment recorded"),
    "child_heard": _("The child's view recorded"),
    "consent_recorded": _("Consent recorded"),
    "consent_withdrawn": _("Consent withdrawn"),
    "decided": _("Decided"),
    "coordinator_appointed": _("Coordinator appointed"),
    "closed": _("Case closed"),
    "document_added": _("Document added"),
}

PROGRESS = (
    CaseStatus.REQUESTED,
    CaseStatus.ASSESSING,
    CaseStatus.DECIDED,
    CaseStatus.ACTIVE,
    CaseStatus.CLOSED,
)


@dataclass(frozen=True)
class HistoryRow:
    when: Any
    who: str
    what: str
    note: str
    status: str


def _history(view: CaseView) -> list[HistoryRow]:
    rows = []
    for event in view.events:
        note = event.note
        if event.kind == "judgement":
            note = str(JUDGEMENT_LABELS.get(note, note))
        elif event.kind == "registered" and note in Channel.values:
            note = str(Channel(note).label)
        elif event.kind == "decided" and note in Outcome.values:
            note = str(Outcome(note).label)
        status = ""
        if event.to_status and event.to_status != event.from_status and event.to_status in CaseStatus.values:
            status = str(CaseStatus(event.to_status).label)
        rows.append(
            HistoryRow(
                when=event.occurred_at,
                who=str(event.actor) if event.actor else gettext("Knutepunkt"),
                what=str(EVENT_LABELS.get(event.kind, event.kind)),
                note=note,
                status=status,
            )
        )
    return rows


@dataclass(frozen=True)
class Entitlement:
    key: str
    granted: bool
    description: str
    basis: str


@dataclass(frozen=True)
class CriterionRow:
    explanation: str
    met: bool | None
    basis: str


def outcome_context(assessment: CaseAssessment) -> dict[str, Any]:
    """The rules' answer as the pages show it: entitlements, criteria with their legal basis, and
    the municipality's practice where the law is not confirmed (DOMAIN.md [U])."""
    result = assessment.result
    duty_basis = NORWAY_DUTY_BASIS if result["jurisdiction"] == "NO" else ICELAND_DUTY_BASIS
    return {
        "entitlements": [
            Entitlement(
                key=key,
                granted=bool(granted),
                description=gettext(ENTITLEMENT_DESCRIPTIONS.get(key, key)),
                basis=duty_basis.get(key, ""),
            )
            for key, granted in result["entitlements"].items()
        ],
        "offer": [gettext(ENTITLEMENT_DESCRIPTIONS.get(key, key)) for key in result["offer"]],
        "criteria": [
            CriterionRow(
                explanation=gettext(CRITERION_EXPLANATIONS.get(c["id"], c["id"])),
                met=c.get("met"),
                basis=c.get("basis", ""),
            )
            for c in result["criteria"]
        ],
        "practice": [
            gettext(UNVERIFIED_RULES[name][0]) for name in result["unverified"] if name in UNVERIFIED_RULES
        ],
        "service_contact": gettext(SERVICE_CONTACTS[result["service_contact"]])
        if result.get("service_contact") in SERVICE_CONTACTS
        else "",
        "other_act": gettext(OTHER_ACTS[result["governed_by_other_act"]])
        if result.get("governed_by_other_act") in OTHER_ACTS
        else "",
        "consent_missing": assessment.consent_missing_labels,
    }


def _reasons_suggestion(assessment: CaseAssessment) -> str:
    """A first draft of the reasons: each criterion and how it was judged."""
    marks = {True: gettext("met"), False: gettext("not met"), None: gettext("not judged")}
    lines = [gettext("How each criterion was judged:")]
    for row in outcome_context(assessment)["criteria"]:
        lines.append(f"{DASH} {row.explanation} ({row.basis}): {marks[row.met]}")
    return "\n".join(lines)


# --- The worklist -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pager:
    """The links to the previous and next page of one section of the worklist, as query strings
    that keep the other sections' pages."""

    key: str
    page: int
    pages: int
    previous_query: str = ""
    next_query: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    part: selectors.WorklistSection
    empty: str
    pager: Pager

    @property
    def rows(self) -> Sequence[selectors.WorklistRow]:
        return self.part.rows


def _page_param(key: str) -> str:
    return f"{key}_page"


def _wanted_page(request: HttpRequest, key: str) -> int:
    value = request.GET.get(_page_param(key), "")
    return int(value) if value.isdigit() else 1


def _pager(request: HttpRequest, key: str, page: int, pages: int) -> Pager:
    def query(to: int) -> str:
        query = request.GET.copy()
        query[_page_param(key)] = str(to)
        return query.urlencode()

    return Pager(
        key,
        page,
        pages,
        previous_query=query(page - 1) if page > 1 else "",
        next_query=query(page + 1) if page < pages else "",
    )


# The complaints' section of the worklist (complaints/worklist_section.html), paged alike.
COMPLAINTS = "complaints"


@login_required
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    _require_role(request, Role.OFFICER, Role.LEADER)
    wanted = {key: _wanted_page(request, key) for key in selectors.WORKLIST_SECTIONS}
    actor = Actor.from_request(request)
    # One access-log write for the cases and the complaints shown: a flat query count.
    with access_log_batch():
        work = selectors.worklist(actor=actor, pages=wanted)
        complaints = open_complaints(actor=actor, page=_wanted_page(request, COMPLAINTS))
    labels = {
        "new": (gettext("New requests"), gettext("No new requests.")),
        "inform": (gettext("Inform the family"), gettext("No family is waiting to be informed.")),
        "consent": (gettext("Awaiting consent"), gettext("No case awaits consent.")),
        "decision": (gettext("Awaiting decision"), gettext("No case awaits a decision.")),
        "start": (gettext("Decided – coordinator not started"), gettext("No decided case is waiting.")),
    }
    sections = []
    for key in selectors.WORKLIST_SECTIONS:
        part = work.sections[key]
        title, empty = labels[key]
        sections.append(Section(key, title, part, empty, pager=_pager(request, key, part.page, part.pages)))
    return render(
        request,
        "intake/worklist.html",
        {
            "worklist": work,
            "sections": sections,
            "complaints": complaints,
            "complaints_pager": _pager(request, COMPLAINTS, complaints.page, complaints.pages),
        },
    )


# --- Registering a request --------------------------------------------------------------------


def _child_label(child: Child) -> str:
    if child.birth_date:
        born = gettext("born %(date)s") % {"date": formats.date_format(child.birth_date, "SHORT_DATE_FORMAT")}
    else:
        born = gettext("expected %(date)s") % {
            "date": formats.date_format(child.expected_date, "SHORT_DATE_FORMAT")
            if child.expected_date
            else ""
        }
    return f"{child.display_name} ({born}) {DASH} {gettext('family')} {child.family.name}"


def _search_children(actor: Actor, query: str) -> list[Child]:
    query = query.strip()
    if not query:
        return []
    return list_children(actor=actor, query=query).children


def _register_page(
    request: HttpRequest,
    form: RegisterRequestForm,
    *,
    found: list[Child],
    searched: bool = False,
    duplicates: Sequence[Child] = (),
    status: int = 200,
) -> HttpResponse:
    form.set_child_choices([(child.pk, _child_label(child)) for child in found])
    return render(
        request,
        "intake/register.html",
        {
            "form": form,
            "found": found,
            "searched": searched,
            "duplicates": duplicates,
            "days_to_inform": services.DEFAULT_DAYS_TO_INFORM,
        },
        status=status,
    )


def _new_family(data: Mapping[str, Any], *, second_guardian: bool) -> services.NewFamily:
    guardians = [
        GuardianInput(
            given_name=data[f"guardian{i}_given_name"],
            family_name=data[f"guardian{i}_family_name"],
            relation=data[f"guardian{i}_relation"],
            has_parental_responsibility=data[f"guardian{i}_has_parental_responsibility"],
            national_id=data[f"guardian{i}_national_id"],
            email=data[f"guardian{i}_email"],
            phone=data[f"guardian{i}_phone"],
        )
        for i in ((0, 1) if second_guardian else (0,))
    ]
    return services.NewFamily(
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
        guardians=guardians,
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """One form for every way in. Searching re-shows the form with the person's input kept; a new
    family that looks like a known child is shown for a second look before anything is saved."""
    user = _require_role(request, Role.OFFICER)
    actor = Actor.from_request(request)
    if request.method == "GET":
        language = user.municipality.language if user.municipality else ""
        form = RegisterRequestForm(initial={"language": language})
        return _register_page(request, form, found=[])
    data = request.POST.copy()
    use_child = data.get("use_child", "")
    if use_child:  # "Register the request for this child", from the possible duplicates
        data["child_source"] = "existing"
        data["child"] = use_child
        data["confirm_new_family"] = ""
    form = RegisterRequestForm(data)
    found = _search_children(actor, data.get("child_query", ""))
    if data.get("action") == "search":
        # Only a search: show the input as it was, without errors for what is not filled in yet.
        kept = RegisterRequestForm(initial={name: form[name].data for name in form.fields})
        if found and not data.get("child_source"):
            kept.initial["child_source"] = "existing"  # they searched: it is a known child
        if found:
            messages.info(
                request,
                ngettext("%(count)d child found.", "%(count)d children found.", len(found))
                % {"count": len(found)},
            )
        return _register_page(request, kept, found=found, searched=True)
    if not form.is_valid():
        return _register_page(request, form, found=found, searched=bool(found), status=400)
    d = form.cleaned_data
    new_family: services.NewFamily | None = None
    child_id: int | None = None
    if d["child_source"] == "new":
        new_family = _new_family(d, second_guardian=form.second_guardian_given)
        if not d["confirm_new_family"]:
            duplicates = selectors.possible_duplicates(
                actor=actor,
                family_name=d["child_family_name"] or d["family_name"],
                birth_date=d["child_birth_date"],
                expected_date=d["child_expected_date"],
                national_id=d["child_national_id"],
            )
            if duplicates:
                return _register_page(request, form, found=found, duplicates=duplicates)
    else:
        child_id = d["child"]
    result = attempt(
        request,
        lambda: services.register_request(
            actor=actor,
            channel=Channel(d["channel"]),
            received_on=d["received_on"],
            child_id=child_id,
            new_family=new_family,
            requested_by=d["requested_by"],
            summary=d["summary"],
            referrer_kind=d["referrer_kind"],
            referrer_name=d["referrer_name"],
            referrer_organisation=d["referrer_organisation"],
            inform_family_by=d["inform_family_by"],
        ),
        form=form,
    )
    if result.ok and result.result is not None:
        messages.success(request, gettext("The request is registered."))
        return redirect("intake:case", case_id=result.result.pk)
    return _register_page(request, form, found=found, searched=bool(found), status=result.status)


# --- The case page ----------------------------------------------------------------------------

CASE_FORMS: dict[str, type[IntakeForm]] = {
    "consent": ConsentForm,
    "child_view": ChildViewForm,
    "informed": FamilyInformedForm,
    "close": CloseForm,
    "appoint": AppointForm,
    "upload": UploadForm,
}


def _case_page(
    request: HttpRequest,
    case_id: int,
    *,
    bound: Mapping[str, IntakeForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    view = selectors.case_view(actor=Actor.from_request(request), case_id=case_id)
    case = view.case
    user = _user(request)
    forms = {name: form_class(prefix=name) for name, form_class in CASE_FORMS.items()}
    forms.update(bound or {})
    live = {c.guardian_id: c for c in view.consents if c.withdrawn_on is None}
    may_consent = [
        g for g in view.guardians if g.has_parental_responsibility or g.relation == "child_welfare"
    ]
    consent_form = forms["consent"]
    assert isinstance(consent_form, ConsentForm)
    consent_form.set_guardian_choices(
        [(g.pk, f"{g} ({g.get_relation_display()})") for g in may_consent if g.pk not in live]
    )
    latest = view.latest_decision
    officer = user.role == Role.OFFICER
    steps = [
        {
            "label": status_.label,
            "state": "done"
            if PROGRESS.index(status_) < PROGRESS.index(CaseStatus(case.status))
            else ("current" if status_ == case.status else "todo"),
        }
        for status_ in PROGRESS
    ]
    error_form = next((form for form in (bound or {}).values() if form.errors), None)
    return render(
        request,
        "intake/case.html",
        {
            "view": view,
            "case": case,
            "steps": steps,
            "forms": forms,
            "error_form": error_form,
            "history": _history(view),
            "outcome": outcome_context(view.assessment),
            "consent_rows": [(g, live.get(g.pk)) for g in may_consent],
            "withdrawn": [c for c in view.consents if c.withdrawn_on is not None],
            "officer": officer,
            "may_upload": user.role in (Role.OFFICER, Role.COORDINATOR),
            "can": {
                "start_assessment": officer and case.status == CaseStatus.REQUESTED,
                "assess": officer and case.status == CaseStatus.ASSESSING,
                "decide": officer and case.status == CaseStatus.ASSESSING,
                "appoint": officer
                and case.status == CaseStatus.DECIDED
                and latest is not None
                and latest.outcome == Outcome.GRANTED
                and latest.coordinator_id is not None,
                "close": officer and case.status != CaseStatus.CLOSED,
                "inform": officer
                and case.channel == Channel.OWN_INITIATIVE
                and case.family_informed_on is None
                and case.status != CaseStatus.CLOSED,
                "consent": officer
                and case.status in (CaseStatus.REQUESTED, CaseStatus.ASSESSING, CaseStatus.DECIDED),
                "child_view": officer and case.status != CaseStatus.CLOSED,
            },
            "inform_overdue": case.inform_family_by is not None
            and case.family_informed_on is None
            and case.inform_family_by < view.today,
        },
        status=status,
    )


@login_required
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_page(request, case_id)


def _case_step(
    request: HttpRequest,
    case_id: int,
    *,
    name: str,
    call: Callable[[IntakeForm], object],
    success: str,
    anchor: str = "",
) -> HttpResponse:
    """A small step posted from the case page: on success back to the case with a message; on a
    refusal the case page again, with the person's input, the reason and status 400 (or 409)."""
    form = CASE_FORMS[name](request.POST, request.FILES, prefix=name)
    status = 400
    if form.is_valid():
        result = attempt(request, lambda: call(form), form=form)
        if result.ok:
            messages.success(request, success)
            return redirect(reverse("intake:case", args=[case_id]) + (f"#{anchor}" if anchor else ""))
        status = result.status
    return _case_page(request, case_id, bound={name: form}, status=status)


@login_required
@require_POST
def start_assessment(request: HttpRequest, case_id: int) -> HttpResponse:
    result = attempt(
        request, lambda: services.start_assessment(actor=Actor.from_request(request), case_id=case_id)
    )
    if not result.ok:
        return _case_page(request, case_id, status=result.status)
    messages.success(request, gettext("The assessment has started."))
    return redirect("intake:assess", case_id=case_id)


@login_required
@require_POST
def family_informed(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_step(
        request,
        case_id,
        name="informed",
        call=lambda form: services.record_family_informed(
            actor=Actor.from_request(request), case_id=case_id, informed_on=form.cleaned_data["informed_on"]
        ),
        success=gettext("It is recorded that the family was informed."),
        anchor="request",
    )


@login_required
@require_POST
def consent(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_step(
        request,
        case_id,
        name="consent",
        call=lambda form: services.record_appointment_consent(
            actor=Actor.from_request(request),
            case_id=case_id,
            guardian_id=form.cleaned_data["guardian"],
            given_on=form.cleaned_data["given_on"],
            channel=ConsentChannel(form.cleaned_data["channel"]),
        ),
        success=gettext("The consent is recorded."),
        anchor="consent",
    )


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    result = attempt(
        request,
        lambda: services.withdraw_appointment_consent(
            actor=Actor.from_request(request), case_id=case_id, consent_id=consent_id
        ),
    )
    if not result.ok:
        return _case_page(request, case_id, status=result.status)
    messages.success(
        request, gettext("The consent is withdrawn. The coordinator cannot be appointed without it.")
    )
    return redirect(reverse("intake:case", args=[case_id]) + "#consent")


@login_required
@require_POST
def child_view(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_step(
        request,
        case_id,
        name="child_view",
        call=lambda form: services.record_child_view(
            actor=Actor.from_request(request),
            case_id=case_id,
            view=form.cleaned_data["child_view"],
            heard_on=form.cleaned_data["heard_on"],
        ),
        success=gettext("The child's view is recorded."),
        anchor="child-view",
    )


@login_required
@require_POST
def appoint(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_step(
        request,
        case_id,
        name="appoint",
        call=lambda form: services.appoint_coordinator(
            actor=Actor.from_request(request), case_id=case_id, starts_on=form.cleaned_data["starts_on"]
        ),
        success=gettext("The coordinator is appointed and can start."),
    )


@login_required
@require_POST
def close(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_step(
        request,
        case_id,
        name="close",
        call=lambda form: services.close_case(
            actor=Actor.from_request(request), case_id=case_id, reason=form.cleaned_data["reason"]
        ),
        success=gettext("The case is closed."),
    )


@login_required
@require_POST
def upload(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_step(
        request,
        case_id,
        name="upload",
        call=lambda form: services.upload_case_document(
            actor=Actor.from_request(request),
            case_id=case_id,
            kind=DocumentKind(form.cleaned_data["kind"]),
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        ),
        success=gettext("The document is added to the case."),
        anchor="documents",
    )


@login_required
@require_GET
def document(request: HttpRequest, document_id: int) -> FileResponse:
    """The file, as an attachment under a made-up ASCII name: never shown inline, never cached,
    never sniffed into something else by the browser."""
    stored, content = selectors.open_case_document(actor=Actor.from_request(request), document_id=document_id)
    extension = ALLOWED_TYPES.get(stored.content_type, ".bin")
    response = FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=f"document-{stored.pk}{extension}",
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


# --- The assessment ---------------------------------------------------------------------------


def _assessment_form(view: CaseView, data: QueryDict | None = None) -> AssessmentForm:
    country = view.case.municipality.country
    return AssessmentForm(
        data,
        keys=[row.key for row in view.judgements],
        country=country,
        initial=assessment_initial(
            judgements=view.judgements,
            facts=view.case.facts or {},
            version=view.case.version,
            country=country,
        ),
    )


def _assess_page(
    request: HttpRequest, view: CaseView, form: AssessmentForm, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "intake/assess.html",
        {"view": view, "case": view.case, "form": form, "outcome": outcome_context(view.assessment)},
        status=status,
    )


def _facts_changed(form: AssessmentForm, facts: Mapping[str, Any]) -> dict[str, Any]:
    d = form.cleaned_data
    if form.country == "IS":
        changed: dict[str, Any] = {}
        if d["request_by"] != facts.get("request_by", "parents"):
            changed["request_by"] = d["request_by"]
        if d["stage"] and d["stage"] != facts.get("stage"):
            changed["stage"] = d["stage"]
        levels = sorted(int(level) for level in d["service_levels"])
        if levels != sorted(facts.get("service_levels", [])):
            changed["service_levels"] = levels
        return changed
    declines = sorted(d["declines"])
    return {"declines": declines} if declines != sorted(facts.get("declines", [])) else {}


def _save_assessment(actor: Actor, view: CaseView, form: AssessmentForm) -> int:
    """The form's judgements and changed facts, saved in one go; returns how many things changed."""
    d = form.cleaned_data
    return services.save_assessment(
        actor=actor,
        case_id=view.case.pk,
        judgements={
            row.key: (judgement_value(d[f"value_{row.key}"]), d[f"reason_{row.key}"])
            for row in view.judgements
        },
        facts=_facts_changed(form, view.case.facts or {}),
        expected_version=d["version"],
    )


@login_required
@require_http_methods(["GET", "POST"])
@when_busy
def assess(request: HttpRequest, case_id: int) -> HttpResponse:
    _require_role(request, Role.OFFICER)
    actor = Actor.from_request(request)
    view = selectors.case_view(actor=actor, case_id=case_id)
    if request.method == "GET":
        return _assess_page(request, view, _assessment_form(view))
    form = _assessment_form(view, request.POST)
    if not form.is_valid():
        return _assess_page(request, view, form, status=400)
    result = attempt(request, lambda: _save_assessment(actor, view, form), form=form)
    if result.ok:
        if result.result:
            messages.success(request, gettext("The assessment is saved. The outcome below is updated."))
        else:
            messages.info(request, gettext("Nothing was changed."))
        return redirect("intake:assess", case_id=case_id)
    if result.status == 409:
        # Show the case as it is now, with the person's input kept to check and save again.
        view = selectors.case_view(actor=actor, case_id=case_id)
        form = _assessment_form(view, _with_version(request.POST, view.case.version))
    return _assess_page(request, view, form, status=result.status)


@login_required
@require_POST
@when_busy
def assess_judgement(request: HttpRequest, case_id: int, key: str) -> HttpResponse:
    """Save one judgement as it is made. With htmx: the judgement's status line, and the outcome
    and the form's version swapped in place. Without: back to the assessment page."""
    actor = Actor.from_request(request)
    htmx = bool(getattr(request, "htmx", False))
    raw = request.POST.get(f"value_{key}", "")
    reason = request.POST.get(f"reason_{key}", "")
    try:
        version: int | None = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    if htmx and judgement_value(raw) is not None and not reason.strip():
        # A Yes or No is chosen before its reason is typed: wait for the reason, don't scold.
        get_case_for(actor.user, case_id, for_write=True)  # 404 alike for "not yours"
        return HttpResponse(gettext("Not saved yet: give a short reason for the judgement."))
    result = attempt(
        request,
        lambda: services.record_judgement(
            actor=actor,
            case_id=case_id,
            key=key,
            value=judgement_value(raw),
            reason=reason,
            expected_version=version,
        ),
        announce=not htmx,
    )
    if not htmx:
        if result.ok:
            messages.success(request, gettext("The judgement is saved."))
        return redirect("intake:assess", case_id=case_id)
    view = selectors.case_view(actor=actor, case_id=case_id)
    return render(
        request,
        "intake/_judgement_saved.html",
        {
            "view": view,
            "case": view.case,
            "key": key,
            "saved": result.ok,
            "message": result.message,
            "value": judgement_raw(judgement_value(raw)),
            "outcome": outcome_context(view.assessment),
        },
    )


# --- The decision -----------------------------------------------------------------------------


def _decision_form(view: CaseView, data: QueryDict | None = None) -> DecisionForm:
    assessment = view.assessment
    country = view.case.municipality.country
    arrangements = sorted(ARRANGEMENTS_FOR[country], key=lambda a: not assessment.entitled_to(a))
    supported = gettext("the assessment supports this")
    unsupported = gettext("the assessment does not show the family is entitled to this")
    choices = [
        (a.value, f"{a.label} ({supported if assessment.entitled_to(a) else unsupported})")
        for a in arrangements
    ]
    coordinators = [
        (
            u.pk,
            f" {DASH} ".join(
                part
                for part in (
                    u.get_full_name() or u.username,
                    u.unit.name if u.unit else "",
                    ngettext("%(count)d family today", "%(count)d families today", u.caseload)  # type: ignore[attr-defined]
                    % {"count": u.caseload},  # type: ignore[attr-defined]
                )
                if part
            ),
        )
        for u in view.coordinators
    ]
    offered = [a for a in arrangements if assessment.entitled_to(a)]
    return DecisionForm(
        data,
        arrangements=choices,
        coordinators=coordinators,
        initial={
            "version": view.case.version,
            "arrangement": offered[0].value if offered else "",
            "individual_plan": "individual_plan" in assessment.offer,
            "reasons": _reasons_suggestion(assessment),
        },
    )


def _decide_page(
    request: HttpRequest, view: CaseView, form: DecisionForm, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "intake/decide.html",
        {
            "view": view,
            "case": view.case,
            "form": form,
            "outcome": outcome_context(view.assessment),
            "is_norway": view.case.municipality.country == "NO",
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, case_id: int) -> HttpResponse:
    """Grant or refuse. Missing consent is shown before, and the service refuses a grant without
    it after: the button is never disabled, the reason is always given."""
    _require_role(request, Role.OFFICER)
    actor = Actor.from_request(request)
    view = selectors.case_view(actor=actor, case_id=case_id)
    if request.method == "GET":
        return _decide_page(request, view, _decision_form(view))
    form = _decision_form(view, request.POST)
    if not form.is_valid():
        return _decide_page(request, view, form, status=400)
    d = form.cleaned_data
    result = attempt(
        request,
        lambda: services.decide_case(
            actor=actor,
            case_id=case_id,
            outcome=Outcome(d["outcome"]),
            arrangement=Arrangement(d["arrangement"]) if d["arrangement"] else "",
            individual_plan=d["individual_plan"],
            coordinator_id=d["coordinator"],
            reasons=d["reasons"],
            decided_on=d["decided_on"],
            known_on=d["known_on"],
            expected_version=d["version"],
        ),
        form=form,
    )
    if result.ok:
        messages.success(
            request, gettext("Decision saved. The letter is being made and the family will be notified.")
        )
        return redirect("intake:case", case_id=case_id)
    if result.status == 409:
        view = selectors.case_view(actor=actor, case_id=case_id)
        form = _decision_form(view, _with_version(request.POST, view.case.version))
    return _decide_page(request, view, form, status=result.status)
