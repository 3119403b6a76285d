"""The meeting forms: they parse, the services decide."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from email.utils import parseaddr
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.consent.models import Category
from knutepunkt.intake.forms import CheckboxGroup, DateInput, IntakeForm, RadioGroup
from knutepunkt.meetings.models import MeetingKind
from knutepunkt.meetings.services import OutsidePerson
from knutepunkt.people.models import Guardian, User
from knutepunkt.plans.models import Measure


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class VersionedForm(IntakeForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class WhenForm(IntakeForm):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("From"), widget=TimeInput())
    end_time = forms.TimeField(label=_("To"), widget=TimeInput())
    location = forms.CharField(
        label=_("Place"), max_length=200, required=False, help_text=_("Or a video link.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The meeting ends before it starts."))
        return data

    def starts_at(self) -> datetime.datetime:
        d = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(d["date"], d["start_time"]))

    def ends_at(self) -> datetime.datetime:
        d = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(d["date"], d["end_time"]))


def parse_outside(text: str) -> list[OutsidePerson]:
    """One person a line: ``Name <address>`` or just the address."""
    people = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, address = parseaddr(line.strip())
        try:
            validate_email(address)
        except ValidationError as error:
            raise ValidationError(
                _("Line %(line)s: write a name and an e-mail address, like Kari Nordmann <kari@example.no>."),
                params={"line": number},
            ) from error
        people.append(OutsidePerson(name=name or address, email=address))
    return people


class ParticipantsForm(IntakeForm):
    staff = forms.TypedMultipleChoiceField(
        label=_("Staff and service contacts"), coerce=int, required=False, widget=CheckboxGroup
    )
    guardians = forms.TypedMultipleChoiceField(
        label=_("The family"), coerce=int, required=False, widget=CheckboxGroup
    )
    outside = forms.CharField(
        label=_("Other people, by e-mail"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One a line, for example: Kari Nordmann <kari@example.no>. They get the calendar invitation."
        ),
    )

    def __init__(
        self, *args: Any, staff: Sequence[User], guardians: Sequence[Guardian], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [  # type: ignore[attr-defined]
            (
                u.pk,
                ", ".join(
                    part
                    for part in (
                        u.get_full_name() or u.username,
                        u.get_role_display(),
                        u.unit.name if u.unit else "",
                    )
                    if part
                ),
            )
            for u in staff
        ]
        self.fields["guardians"].choices = [(g.pk, f"{g}, {g.get_relation_display()}") for g in guardians]  # type: ignore[attr-defined]

    def clean_outside(self) -> list[OutsidePerson]:
        return parse_outside(self.cleaned_data.get("outside", ""))


class ScheduleMeetingForm(WhenForm, ParticipantsForm):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices, widget=RadioGroup)
    title = forms.CharField(label=_("Title"), max_length=200)
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    field_order = [
        "kind",
        "title",
        "date",
        "start_time",
        "end_time",
        "location",
        "agenda",
        "staff",
        "guardians",
        "outside",
    ]


class InviteForm(VersionedForm, ParticipantsForm):
    pass


class MoveMeetingForm(VersionedForm, WhenForm):
    pass


class MinutesForm(VersionedForm):
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What was said and agreed. Decisions and action items are added on their own below."),
    )


CATEGORY_HELP = _(
    "A service contact sees it only when the family shares this kind of information with their service."
)


class DecisionForm(VersionedForm):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.ChoiceField(
        label=_("Kind of information"),
        choices=Category.choices,
        initial=Category.MEETINGS,
        help_text=CATEGORY_HELP,
    )


class ActionItemForm(VersionedForm):
    text = forms.CharField(label=_("What is to be done"), widget=forms.Textarea(attrs={"rows": 3}))
    measure = forms.TypedChoiceField(
        label=_("Measure in the plan"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Leave empty for an action item on its own."),
    )
    owner = forms.TypedChoiceField(
        label=_("Who does it (staff)"), coerce=int, required=False, empty_value=None
    )
    owner_name = forms.CharField(
        label=_("Or someone else"),
        max_length=200,
        required=False,
        help_text=_("For example: the mother, the GP."),
    )
    due_on = forms.DateField(label=_("By when"), widget=DateInput())
    category = forms.ChoiceField(
        label=_("Kind of information"),
        choices=Category.choices,
        initial=Category.MEETINGS,
        help_text=CATEGORY_HELP,
    )

    def __init__(self, *args: Any, staff: Sequence[User], measures: Sequence[Measure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        none = [("", _("None chosen"))]
        self.fields["measure"].choices = none + [(m.pk, m.title) for m in measures]  # type: ignore[attr-defined]
        self.fields["owner"].choices = none + [(u.pk, u.get_full_name() or u.username) for u in staff]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("owner") and not (data.get("owner_name") or "").strip():
            self.add_error("owner", _("Say who does it."))
        return data
