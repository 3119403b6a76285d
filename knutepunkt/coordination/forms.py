from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.consent.models import Category
from knutepunkt.coordination.models import ContactKind, HandoverItem, HandoverReason, MemberRole, Right
from knutepunkt.coordination.selectors import stage_choices
from knutepunkt.directory.models import ServiceType, UserOrganisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class DeskForm(forms.Form):
    """A form whose service may refuse values: the service's errors land on the fields."""

    def add_service_errors(self, errors: Mapping[str, Iterable[str]]) -> None:
        for key, messages in errors.items():
            field = key if key in self.fields else None
            for message in messages:
                self.add_error(field, message)


class AppointForm(DeskForm):
    coordinator = forms.TypedChoiceField(
        label=_("Coordinator"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the coordinator.")},
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    family_wishes = forms.CharField(
        label=_("The family's wishes"),
        required=False,
        widget=TEXT,
        help_text=_("E.g. someone who speaks Arabic, someone they already know, a man or a woman."),
    )
    child_wishes = forms.CharField(
        label=_("The child's wishes"),
        required=False,
        widget=TEXT,
        help_text=_("The child is heard from age 7 at the latest, with great weight from 12."),
    )

    def __init__(self, *args: Any, coordinators: Iterable[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["coordinator"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(coordinators)
        self.fields["starts_on"].initial = timezone.localdate()


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("The child's life stage"), choices=stage_choices(), required=False)


class HandoverForm(DeskForm):
    to_coordinator = forms.TypedChoiceField(label=_("New coordinator"), coerce=int)
    handover_on = forms.DateField(
        label=_("Handover date"),
        widget=DATE,
        help_text=_("The new coordinator has access from this day; the current one until the day before."),
    )
    reason = forms.ChoiceField(label=_("Why"), choices=HandoverReason.choices, widget=forms.RadioSelect)
    checklist = forms.MultipleChoiceField(
        label=_("Checklist"),
        choices=HandoverItem.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick what is done; the rest can be ticked later."),
    )
    note = forms.CharField(label=_("Note to the new coordinator"), required=False, widget=TEXT)

    def __init__(self, *args: Any, coordinators: Iterable[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_coordinator"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose the new coordinator")), *coordinators]


class ChecklistForm(DeskForm):
    checklist = forms.MultipleChoiceField(
        label=_("Checklist"),
        choices=HandoverItem.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class OutsideCoordinatorForm(DeskForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    title = forms.CharField(
        label=_("Profession"), max_length=120, help_text=_("Must be health personnel, e.g. a nurse.")
    )
    organisation = forms.CharField(label=_("Hospital or ward"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    starts_on = forms.DateField(label=_("Coordinator from"), widget=DATE)


class ServiceTypesField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, ServiceType)
        return obj.label


class ContactForm(DeskForm):
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(label=_("How"), choices=ContactKind.choices, widget=forms.RadioSelect)
    people = forms.CharField(
        label=_("Who took part"), max_length=300, help_text=_("E.g. the mother, the child, the school nurse.")
    )
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.ChoiceField(
        label=_("Kind of information"),
        choices=Category.choices,
        initial=Category.COORDINATOR,
        help_text=_("A service sees this note only if the family shares this kind of information with it."),
    )
    rights = forms.MultipleChoiceField(
        label=_("Rights explained"),
        choices=Right.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    services = ServiceTypesField(
        label=_("Services explained"),
        queryset=ServiceType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("User organisations suggested"),
        queryset=UserOrganisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    follow_up_on = forms.DateField(label=_("Follow up by"), required=False, widget=DATE)

    def __init__(
        self,
        *args: Any,
        service_types: QuerySet[ServiceType],
        organisations: QuerySet[UserOrganisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        services = self.fields["services"]
        assert isinstance(services, forms.ModelMultipleChoiceField)
        services.queryset = service_types
        orgs = self.fields["organisations"]
        assert isinstance(orgs, forms.ModelMultipleChoiceField)
        orgs.queryset = organisations
        self.fields["occurred_on"].initial = timezone.localdate()


class TeamForm(DeskForm):
    formed_on = forms.DateField(label=_("Formed on"), widget=DATE)


class MemberForm(DeskForm):
    role = forms.ChoiceField(label=_("Role in the team"), choices=MemberRole.choices)
    name = forms.CharField(label=_("Name"), max_length=150)
    organisation = forms.CharField(label=_("Service or agency"), max_length=200, required=False)


class CloseTeamForm(DeskForm):
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE)
    with_plan = forms.TypedChoiceField(
        label=_("Did the team make a support plan?"),
        choices=[("yes", _("Yes, the support plan is made")), ("no", _("No, the team stops without a plan"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Why the team stops without a plan"),
        required=False,
        widget=TEXT,
        help_text=_("The parents and the service contact are told; a parent may complain to GEV."),
    )
