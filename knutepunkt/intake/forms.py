"""The intake forms. They parse what a person typed; the services decide whether it is allowed.

Every form maps the service's per-field errors back onto its fields (``add_service_errors``), so a
refusal is shown next to the input it is about and linked from the error summary.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.intake.assessment import ICELANDIC_STAGES, JUDGEMENT_LABELS
from knutepunkt.intake.models import (
    Arrangement,
    Channel,
    ConsentChannel,
    DocumentKind,
    Outcome,
    ReferrerKind,
)
from knutepunkt.people.models import GuardianRelation
from knutepunkt.tenancy.models import Language


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class RadioGroup(forms.RadioSelect):
    """Radios rendered as a fieldset by ``intake/_choices.html``; the error summary links to the
    first option, so the link always lands on an input."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


class CheckboxGroup(forms.CheckboxSelectMultiple):
    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


def today() -> datetime.date:
    return timezone.localdate()


class IntakeForm(forms.Form):
    """Base: no browser-side ``required`` (the error summary explains instead), and the service's
    error keys mapped onto this form's fields."""

    use_required_attribute = False
    # A service's error key -> this form's field, where the names differ.
    service_keys: Mapping[str, str] = {}

    def add_service_errors(self, errors: Mapping[str, Iterable[str]]) -> None:
        """Put the service's per-field errors on this form's fields, the rest on the form."""
        for key, messages in errors.items():
            name = self.service_keys.get(key, key)
            field = name if name in self.fields and name != NON_FIELD_ERRORS else None
            for message in messages:
                self.add_error(field, message)


# --- Registering a request --------------------------------------------------------------------

# The family's own electronic request comes in through the family's pages, not this form.
STAFF_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.ELECTRONIC]

CHILD_SOURCE_CHOICES = [
    ("existing", _("A child already registered")),
    ("new", _("A new family")),
]

NEW_FAMILY_REQUIRED = (
    "family_name",
    "language",
    "child_family_name",
    "guardian0_given_name",
    "guardian0_family_name",
    "guardian0_relation",
)
SECOND_GUARDIAN_FIELDS = (
    "guardian1_given_name",
    "guardian1_family_name",
    "guardian1_relation",
    "guardian1_national_id",
    "guardian1_email",
    "guardian1_phone",
)


class RegisterRequestForm(IntakeForm):
    """One form for every way in: the request, and either a known child or a new family."""

    service_keys = {"name": "family_name", "child_choice": "child_source"}

    channel = forms.ChoiceField(
        label=_("How did the request come in?"), choices=STAFF_CHANNELS, widget=RadioGroup
    )
    received_on = forms.DateField(label=_("Received on"), initial=today, widget=DateInput)
    requested_by = forms.CharField(
        label=_("Who asked"),
        max_length=200,
        required=False,
        help_text=_("For example “the mother, by phone” or “the GP, by letter”."),
    )
    summary = forms.CharField(
        label=_("What the family asks for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    referrer_kind = forms.ChoiceField(
        label=_("Referred by"),
        choices=[("", _("Choose who referred")), *ReferrerKind.choices],
        required=False,
    )
    referrer_name = forms.CharField(label=_("Referrer's name"), max_length=200, required=False)
    referrer_organisation = forms.CharField(
        label=_("Referrer's organisation"),
        max_length=200,
        required=False,
        help_text=_("For example the GP surgery, the health station or the hospital ward."),
    )
    inform_family_by = forms.DateField(
        label=_("Inform the family by"),
        required=False,
        widget=DateInput,
        help_text=_(
            "Only for the municipality's own initiative. Left empty: 14 days after the date received "
            "(the municipality's practice; no law sets the time)."
        ),
    )

    child_source = forms.ChoiceField(
        label=_("Who is the request about?"), choices=CHILD_SOURCE_CHOICES, widget=RadioGroup
    )
    child_query = forms.CharField(label=_("Search by name"), max_length=100, required=False)
    child = forms.IntegerField(label=_("Choose the child"), required=False, widget=RadioGroup)

    family_name = forms.CharField(label=_("Family name"), max_length=150)
    language = forms.ChoiceField(label=_("Preferred language for letters"), choices=Language.choices)
    street_address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    postal_town = forms.CharField(label=_("Postal town"), max_length=100, required=False)

    child_given_name = forms.CharField(
        label=_("Child's given name"),
        max_length=100,
        required=False,
        help_text=_("Leave empty for a child not yet born or not yet named."),
    )
    child_family_name = forms.CharField(label=_("Child's family name"), max_length=100)
    child_birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DateInput)
    child_expected_date = forms.DateField(
        label=_("Expected date of birth"),
        required=False,
        widget=DateInput,
        help_text=_("Only for a child not yet born."),
    )
    child_national_id = forms.CharField(
        label=_("Child's national ID"),
        max_length=13,
        required=False,
        help_text=_("Fødselsnummer, D number or kennitala. Optional."),
    )

    guardian0_given_name = forms.CharField(label=_("Given name"), max_length=100)
    guardian0_family_name = forms.CharField(label=_("Family name"), max_length=100)
    guardian0_relation = forms.ChoiceField(label=_("Relation to the child"), choices=GuardianRelation.choices)
    guardian0_has_parental_responsibility = forms.BooleanField(
        label=_("Has parental responsibility"), required=False, initial=True
    )
    guardian0_national_id = forms.CharField(label=_("National ID"), max_length=13, required=False)
    guardian0_email = forms.EmailField(label=_("E-mail"), required=False)
    guardian0_phone = forms.CharField(label=_("Phone"), max_length=32, required=False)

    guardian1_given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    guardian1_family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    guardian1_relation = forms.ChoiceField(
        label=_("Relation to the child"),
        choices=[("", _("Choose the relation")), *GuardianRelation.choices],
        required=False,
    )
    guardian1_has_parental_responsibility = forms.BooleanField(
        label=_("Has parental responsibility"), required=False, initial=True
    )
    guardian1_national_id = forms.CharField(label=_("National ID"), max_length=13, required=False)
    guardian1_email = forms.EmailField(label=_("E-mail"), required=False)
    guardian1_phone = forms.CharField(label=_("Phone"), max_length=32, required=False)

    confirm_new_family = forms.BooleanField(label=_("None of these — register a new family"), required=False)

    def __init__(self, *args: Any, child_choices: Iterable[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_child_choices(child_choices)
        if self.is_bound and self.data.get(self.add_prefix("child_source")) != "new":
            # Only the chosen way in is required: a known child needs no new family's details.
            for name in NEW_FAMILY_REQUIRED:
                self.fields[name].required = False

    def set_child_choices(self, choices: Iterable[tuple[int, str]]) -> None:
        widget = self.fields["child"].widget
        assert isinstance(widget, forms.RadioSelect)
        widget.choices = list(choices)

    @property
    def second_guardian_given(self) -> bool:
        return any(str(self.data.get(self.add_prefix(name), "")).strip() for name in SECOND_GUARDIAN_FIELDS)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("child_source") == "existing" and not data.get("child"):
            self.add_error("child_query", _("Search for the child and choose them from the list."))
        if data.get("child_source") == "new" and self.second_guardian_given:
            for name in ("guardian1_given_name", "guardian1_family_name", "guardian1_relation"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(
                        name, _("Fill this in for the second guardian, or leave all theirs empty.")
                    )
        if data.get("channel") != Channel.REFERRAL and data.get("referrer_kind"):
            # The fieldset is always visible without JavaScript: ignore a stray choice there.
            data["referrer_kind"] = ""
            data["referrer_name"] = ""
            data["referrer_organisation"] = ""
        if data.get("channel") != Channel.OWN_INITIATIVE:
            data["inform_family_by"] = None
        return data


# --- The case page's small forms --------------------------------------------------------------


class ConsentForm(IntakeForm):
    guardian = forms.IntegerField(label=_("Guardian"), widget=forms.Select)
    given_on = forms.DateField(label=_("Consent given on"), initial=today, widget=DateInput)
    channel = forms.ChoiceField(label=_("How"), choices=ConsentChannel.choices)

    def set_guardian_choices(self, choices: Iterable[tuple[int, str]]) -> None:
        widget = self.fields["guardian"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = [("", _("Choose the guardian")), *choices]


class ChildViewForm(IntakeForm):
    service_keys = {"view": "child_view"}

    child_view = forms.CharField(
        label=_("The child's own view"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In the child's words where possible: what matters to them, and what they want."),
    )
    heard_on = forms.DateField(label=_("Heard on"), initial=today, widget=DateInput)


class FamilyInformedForm(IntakeForm):
    informed_on = forms.DateField(label=_("The family was informed on"), initial=today, widget=DateInput)


class CloseForm(IntakeForm):
    reason = forms.CharField(
        label=_("Why is the case closed?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the family withdrew the request, or the refusal was not appealed."),
    )


class AppointForm(IntakeForm):
    starts_on = forms.DateField(
        label=_("The coordinator starts on"),
        required=False,
        initial=today,
        widget=DateInput,
        help_text=_("Left empty: today."),
    )


UPLOAD_KINDS = [
    (DocumentKind.DOCTOR.value, DocumentKind.DOCTOR.label),
    (DocumentKind.SERVICES_OVERVIEW.value, DocumentKind.SERVICES_OVERVIEW.label),
    (DocumentKind.OTHER.value, DocumentKind.OTHER.label),
]


class UploadForm(IntakeForm):
    kind = forms.ChoiceField(label=_("What is it?"), choices=UPLOAD_KINDS)
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Left empty: the kind of document.")
    )
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG or JPEG."))


# --- The assessment ---------------------------------------------------------------------------

JUDGEMENT_CHOICES = [("yes", _("Yes")), ("no", _("No")), ("", _("Not judged yet"))]
JUDGEMENT_VALUES: dict[str, bool | None] = {"yes": True, "no": False, "": None}

REQUEST_BY_CHOICES = [
    ("parents", _("The parents")),
    ("child", _("The child")),
    ("both", _("The parents and the child")),
    ("none", _("Nobody has asked yet")),
]
STAGE_LABELS: dict[str, Any] = {
    "pregnancy": _("Pregnancy"),
    "infant": _("Infant, not yet in preschool"),
    "preschool": _("Preschool"),
    "primary_school": _("Primary school"),
    "secondary_school": _("Secondary school"),
    "not_in_school": _("Not in school"),
}
SERVICE_LEVEL_CHOICES = [
    ("1", _("Level 1: basic and early support")),
    ("2", _("Level 2: targeted support")),
    ("3", _("Level 3: specialised support")),
]
DECLINE_CHOICES = [
    ("barnekoordinator", _("A child coordinator (barnekoordinator)")),
    ("koordinator", _("A coordinator (koordinator)")),
    ("individual_plan", _("An individual plan")),
]


def judgement_value(raw: str) -> bool | None:
    return JUDGEMENT_VALUES.get(raw)


def judgement_raw(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


class AssessmentForm(IntakeForm):
    """Each judgement as a Yes/No/Not judged radio group with its reason; in Iceland also who
    asked, the stage of life and the service levels; in Norway what the family declines."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, keys: Iterable[str], country: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys = tuple(keys)
        self.country = country
        for key in self.keys:
            self.fields[f"value_{key}"] = forms.ChoiceField(
                label=JUDGEMENT_LABELS[key], choices=JUDGEMENT_CHOICES, required=False, widget=RadioGroup
            )
            # A reason is needed for a Yes or a No, not for "not judged yet".
            self.fields[f"reason_{key}"] = forms.CharField(
                label=_("Reason"),
                required=not self.is_bound or bool(self.data.get(self.add_prefix(f"value_{key}"))),
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": _("Give a short reason for the judgement.")},
            )
        if country == "IS":
            self.fields["request_by"] = forms.ChoiceField(
                label=_("Who asked for integrated services?"), choices=REQUEST_BY_CHOICES, widget=RadioGroup
            )
            self.fields["stage"] = forms.ChoiceField(
                label=_("The child's stage of life"),
                choices=[("", _("Not known yet"))] + [(s, STAGE_LABELS[s]) for s in ICELANDIC_STAGES],
                required=False,
            )
            self.fields["service_levels"] = forms.MultipleChoiceField(
                label=_("Service levels the child needs"),
                choices=SERVICE_LEVEL_CHOICES,
                required=False,
                widget=CheckboxGroup,
            )
        else:
            self.fields["declines"] = forms.MultipleChoiceField(
                label=_("The family declines"),
                choices=DECLINE_CHOICES,
                required=False,
                widget=CheckboxGroup,
                help_text=_("A coordinator is still offered when the family declines an individual plan."),
            )

    def judgement_fields(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(key, self[f"value_{key}"], self[f"reason_{key}"]) for key in self.keys]

    def fact_fields(self) -> list[forms.BoundField]:
        names = ("request_by", "stage", "service_levels") if self.country == "IS" else ("declines",)
        return [self[name] for name in names]


def assessment_initial(
    *, judgements: Iterable[Any], facts: Mapping[str, Any], version: int, country: str
) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": version}
    for row in judgements:
        initial[f"value_{row.key}"] = judgement_raw(row.value)
        initial[f"reason_{row.key}"] = row.reason
    if country == "IS":
        initial["request_by"] = facts.get("request_by", "parents")
        initial["stage"] = facts.get("stage") or ""
        initial["service_levels"] = [str(level) for level in facts.get("service_levels", [])]
    else:
        initial["declines"] = list(facts.get("declines", []))
    return initial


# --- The decision -----------------------------------------------------------------------------

ARRANGEMENTS_FOR = {
    "NO": (Arrangement.BARNEKOORDINATOR, Arrangement.KOORDINATOR),
    "IS": (Arrangement.SERVICE_CONTACT, Arrangement.CASE_MANAGER),
}


class DecisionForm(IntakeForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=RadioGroup)
    # Needed for a grant only: not required once "refused" is chosen (see __init__).
    arrangement = forms.ChoiceField(
        label=_("Arrangement granted"),
        widget=RadioGroup,
        error_messages={"required": _("Choose the arrangement granted.")},
    )
    individual_plan = forms.BooleanField(label=_("An individual plan is offered"), required=False)
    coordinator = forms.IntegerField(
        label=_("Coordinator"),
        widget=forms.Select,
        help_text=_("The family's and the child's wishes count when choosing the coordinator."),
        error_messages={"required": _("Name the coordinator.")},
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("How each criterion was judged. The family reads this in the decision letter."),
    )
    decided_on = forms.DateField(label=_("Decided on"), initial=today, widget=DateInput)
    known_on = forms.DateField(
        label=_("The family knew of the decision on"),
        required=False,
        initial=today,
        widget=DateInput,
        help_text=_("The complaint deadline runs from this day. Left empty: the day decided."),
    )

    def __init__(
        self,
        *args: Any,
        arrangements: Iterable[tuple[str, str]] = (),
        coordinators: Iterable[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["arrangement"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(arrangements)
        widget = self.fields["coordinator"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = [("", _("Choose the coordinator")), *coordinators]
        if self.is_bound and self.data.get(self.add_prefix("outcome")) != Outcome.GRANTED:
            self.fields["arrangement"].required = False
            self.fields["coordinator"].required = False
