"""The complaint forms. They parse what a person typed; the services decide whether it is allowed,
and their per-field errors are put back on the fields (``IntakeForm.add_service_errors``)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.complaints.models import AuthorityOutcome, ComplaintChannel, ComplaintKind
from knutepunkt.complaints.rules import DEFAULT_DAYS_TO_MEND
from knutepunkt.intake.forms import DateInput, IntakeForm, RadioGroup
from knutepunkt.intake.models import Arrangement, ConsentChannel, Decision
from knutepunkt.people.models import Guardian, User


def today() -> datetime.date:
    return timezone.localdate()


def mend_by_suggestion() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=DEFAULT_DAYS_TO_MEND)


def _set_choices(form: forms.Form, name: str, choices: list[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _text(label: Any, *, rows: int = 4, help_text: Any = "", required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


class VersionedForm(IntakeForm):
    """A step on a complaint: carries the version the page was made from, so a save that crosses
    someone else's is refused instead of overwriting it."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def expected_version(self) -> int | None:
        value = self.cleaned_data.get("version")
        return int(value) if value is not None else None


class StepForm(VersionedForm):
    """A step that asks nothing but the press of a button."""


def decision_label(decision: Decision) -> str:
    text = _("%(outcome)s on %(date)s") % {
        "outcome": decision.get_outcome_display(),
        "date": formats.date_format(decision.decided_on, "SHORT_DATE_FORMAT"),
    }
    if decision.arrangement:
        text = f"{text}: {decision.get_arrangement_display()}"
    return str(text)


class RegisterComplaintForm(IntakeForm):
    kind = forms.ChoiceField(
        label=_("What is the complaint about?"), choices=ComplaintKind.choices, widget=RadioGroup
    )
    decision = forms.TypedChoiceField(
        label=_("The decision complained about"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Only for a complaint about a decision."),
    )
    channel = forms.ChoiceField(
        label=_("How did it come in?"), choices=ComplaintChannel.choices, widget=RadioGroup
    )
    lodged_on = forms.DateField(
        label=_("Came in on"),
        initial=today,
        widget=DateInput,
        help_text=_("The date on the letter or e-mail, or when the family said it."),
    )
    complainant = forms.CharField(
        label=_("Who complains"),
        max_length=200,
        help_text=_(
            "For example “the mother, Kari Nordmann”. A representative other than the parents of a child "
            "under 16 needs a written power of attorney."
        ),
    )
    written = forms.BooleanField(label=_("The complaint is in writing"), required=False)
    signed = forms.BooleanField(label=_("It is signed by the family or its representative"), required=False)
    what = _text(_("What the complaint is about"))
    change_wanted = _text(_("The change the complainant wants"))
    known_on = forms.DateField(
        label=_("When the complainant learnt of what the complaint is about"),
        required=False,
        widget=DateInput,
        help_text=_(
            "Only for a complaint without a decision: GEV's year runs from then (from 18 for a child). "
            "Leave it empty to count from the day it came in."
        ),
    )
    late_excuse = _text(
        _("If it is late: why"),
        rows=3,
        help_text=_(
            "A late complaint may still be heard for excusable delay or special reasons (pbrl § 7-7)."
        ),
    )
    mend_by = forms.DateField(
        label=_("Complete it by"),
        required=False,
        initial=mend_by_suggestion,
        widget=DateInput,
        help_text=_(
            "Needed when something is missing. The suggestion is two weeks (the municipality's practice)."
        ),
    )
    help_given = _text(
        _("Help given to the complainant"),
        rows=3,
        help_text=_("Needed when something is missing: what was pointed out, and how the family was helped."),
    )

    def __init__(self, *args: Any, decisions: list[Decision], iceland: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "decision", [(d.pk, decision_label(d)) for d in decisions])
        if decisions:
            self.fields["decision"].initial = decisions[0].pk
            self.fields["kind"].initial = ComplaintKind.APPEAL
        else:
            del self.fields["decision"]
            self.fields["kind"].initial = ComplaintKind.QUALITY
        if iceland:
            del self.fields["late_excuse"]  # GEV refuses a late complaint; there is no § 7-7 here
            self.fields["what"].label = _("Whom the complaint is about, and what happened")
            del self.fields["change_wanted"]
        else:
            del self.fields["known_on"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("kind") == ComplaintKind.APPEAL
            and "decision" in self.fields
            and not data.get("decision")
        ):
            self.add_error("decision", _("Choose the decision complained about."))
        return data


class MendForm(VersionedForm):
    written = forms.BooleanField(label=_("The complaint is in writing"), required=False)
    signed = forms.BooleanField(label=_("It is signed by the family or its representative"), required=False)
    what = _text(_("What the complaint is about"), help_text=_("Leave it empty if it is still missing."))
    change_wanted = _text(
        _("The change the complainant wants"), help_text=_("Leave it empty if it is still missing.")
    )
    mended_on = forms.DateField(label=_("Completed on"), initial=today, widget=DateInput)
    help_given = _text(_("More help given"), rows=2)

    def __init__(self, *args: Any, iceland: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if iceland:
            self.fields["what"].label = _("Whom the complaint is about, and what happened")
            del self.fields["change_wanted"]


class LateExcuseForm(VersionedForm):
    late_excuse = _text(
        _("Why the complaint is late"),
        rows=3,
        required=True,
        help_text=_("Excusable delay or special reasons (pbrl § 7-7)."),
    )


class ReassessmentForm(VersionedForm):
    """One form, two answers: change the decision (a new decision) or keep it and send the case on."""

    service_keys = {"reasons": "reassessment"}

    reassessment = _text(
        _("The municipality's reassessment"),
        rows=6,
        required=True,
        help_text=_(
            "Why the municipality changes or keeps its decision. Kept: this goes to Statsforvalteren in the "
            "cover letter. Changed: these are the new decision's reasons."
        ),
    )
    arrangement = forms.ChoiceField(
        label=_("Arrangement granted"), required=False, help_text=_("Needed to change the decision.")
    )
    coordinator = forms.TypedChoiceField(
        label=_("Coordinator"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Needed to change the decision."),
    )
    individual_plan = forms.BooleanField(label=_("An individual plan is offered too"), required=False)
    decided_on = forms.DateField(label=_("New decision dated"), initial=today, widget=DateInput)

    def __init__(self, *args: Any, coordinators: list[User], arrangements: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(
            self,
            "arrangement",
            [("", _("Choose the arrangement")), *((a, Arrangement(a).label) for a in arrangements)],
        )
        _set_choices(
            self,
            "coordinator",
            [
                ("", _("Choose the coordinator")),
                *((u.pk, u.get_full_name() or u.username) for u in coordinators),
            ],
        )


class JudgementForm(VersionedForm):
    key = forms.ChoiceField(label=_("Criterion"))
    value = forms.TypedChoiceField(
        label=_("Judgement"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=RadioGroup,
    )
    reason = _text(_("Reason"), rows=2, required=True)

    def __init__(self, *args: Any, keys: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "key", keys)


class ConsentForm(VersionedForm):
    guardian = forms.TypedChoiceField(label=_("Guardian"), coerce=int)
    given_on = forms.DateField(label=_("Given on"), initial=today, widget=DateInput)
    channel = forms.ChoiceField(label=_("How"), choices=ConsentChannel.choices, widget=RadioGroup)

    def __init__(self, *args: Any, guardians: list[Guardian], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "guardian", [(g.pk, str(g)) for g in guardians])


class OutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(
        label=_("The appeal body's outcome"), choices=AuthorityOutcome.choices, widget=RadioGroup
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput)


class AnswerForm(VersionedForm):
    answer = _text(_("The answer"), rows=6, required=True)


class WithdrawForm(VersionedForm):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), initial=today, widget=DateInput)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
