"""The plan's forms. They parse; the services decide. Each carries the plan version it was read at,
so a save made after someone else's is refused instead of overwriting it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from knutepunkt.intake.forms import DateInput, IntakeForm, RadioGroup
from knutepunkt.people.models import Guardian
from knutepunkt.plans.models import Goal, MeasureStatus, PlanKind, Progress
from knutepunkt.tenancy.models import Unit

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class VersionedForm(IntakeForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def _text(label: Any, help_text: Any = "", *, required: bool = False) -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, required=required, widget=TEXTAREA)


class PlanTextsForm(VersionedForm):
    period_start = forms.DateField(label=_("Plan period from"), widget=DateInput())
    period_end = forms.DateField(label=_("Plan period to"), widget=DateInput())
    needs_assessment = _text(_("Needs"), _("What the child and family need, as mapped together."))
    resources = _text(_("Resources"), _("What the child and family are good at and can lean on."))
    child_own_words = _text(
        _("In the child's own words"), _("What the child says matters, written the way the child said it.")
    )
    family_contribution = _text(_("What the child and family contribute"))
    cooperation = _text(_("Cooperation needed with other services"))
    evaluation_method = _text(_("How results are evaluated"))
    consent_to_plan_on = forms.DateField(label=_("Consent to the plan given on"), widget=DateInput())
    consent_to_plan_by = forms.CharField(
        label=_("Consent to the plan given by"), max_length=200, help_text=_("For example: both parents.")
    )
    consent_to_share_note = _text(
        _("Consent for participants to see confidential information"),
        _("Who may see what; the consents to share per service are listed with the plan."),
    )


class PlanCreateForm(PlanTextsForm):
    kind = forms.ChoiceField(label=_("Kind of plan"), choices=PlanKind.choices, widget=RadioGroup)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ["kind"]


class GoalForm(VersionedForm):
    text = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 3}))
    child_words = _text(_("The goal in the child's own words"))


class MeasureForm(VersionedForm):
    title = forms.CharField(label=_("Measure"), max_length=200)
    goal = forms.TypedChoiceField(label=_("Goal it serves"), coerce=int, required=False, empty_value=None)
    scope = forms.CharField(
        label=_("Scope"), max_length=200, required=False, help_text=_("For example: 2 hours a week.")
    )
    how = _text(_("How it is carried out"))
    responsible_unit = forms.TypedChoiceField(
        label=_("Responsible service"), coerce=int, required=False, empty_value=None
    )
    responsible_agency = forms.CharField(
        label=_("Responsible agency"),
        max_length=200,
        required=False,
        help_text=_("When it is not one of our units."),
    )
    responsible_person = forms.CharField(label=_("Responsible person"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("Start"), widget=DateInput())
    ends_on = forms.DateField(label=_("End"), widget=DateInput(), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices, widget=RadioGroup)

    def __init__(self, *args: Any, goals: Sequence[Goal], units: Sequence[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        none = [("", _("None chosen"))]
        self.fields["goal"].choices = none + [(g.pk, g.text[:80]) for g in goals]  # type: ignore[attr-defined]
        self.fields["responsible_unit"].choices = none + [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]


class MeasureStatusForm(VersionedForm):
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)


class ParticipantForm(VersionedForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(
        label=_("Role"), max_length=200, required=False, help_text=_("For example: mother, teacher.")
    )
    unit = forms.TypedChoiceField(label=_("Service"), coerce=int, required=False, empty_value=None)
    contributes = _text(_("What they contribute"))

    def __init__(self, *args: Any, units: Sequence[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("None chosen"))] + [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]


class ScheduleReviewForm(VersionedForm):
    scheduled_on = forms.DateField(label=_("Review date"), widget=DateInput())


class RecordReviewForm(VersionedForm):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    summary = _text(_("Summary"), required=True)

    def __init__(self, *args: Any, goals: Sequence[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"progress_{goal.pk}"] = forms.ChoiceField(
                label=_("How far has this goal come: %(goal)s") % {"goal": goal.text[:120]},
                choices=Progress.choices,
                widget=RadioGroup,
            )
            self.fields[f"note_{goal.pk}"] = forms.CharField(
                label=_("Evaluation of this goal"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def goal_fields(self) -> list[tuple[Goal, forms.BoundField, forms.BoundField]]:
        return [(g, self[f"progress_{g.pk}"], self[f"note_{g.pk}"]) for g in self.goals]

    def evaluations(self) -> dict[int, tuple[str, str]]:
        d = self.cleaned_data
        return {g.pk: (d[f"progress_{g.pk}"], d.get(f"note_{g.pk}", "")) for g in self.goals}


class PaperSignatureForm(VersionedForm):
    guardian = forms.TypedChoiceField(label=_("Signed by"), coerce=int, widget=RadioGroup)
    signed_on = forms.DateField(label=_("Date on the signed paper"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"), max_length=300, required=False, help_text=_("For example where the paper is filed.")
    )

    def __init__(self, *args: Any, guardians: Sequence[Guardian], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["guardian"].choices = [(g.pk, str(g)) for g in guardians]  # type: ignore[attr-defined]
