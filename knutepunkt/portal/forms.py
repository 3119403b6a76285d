"""The family's forms: plain words, every field explained, errors next to the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from knutepunkt.complaints.models import ComplaintKind
from knutepunkt.intake.forms import IntakeForm, RadioGroup
from knutepunkt.people.models import Child
from knutepunkt.portal.services import MAX_ATTACHMENTS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        # The files are checked by content in the service (intake.documents.check_upload).
        if not data:
            return []
        return list(data) if isinstance(data, list | tuple) else [data]


def _attachments_help() -> str:
    # Formatted when the form is made, in the reader's language (not once at import).
    return gettext("PDF, PNG or JPEG, at most %(count)s files.") % {"count": MAX_ATTACHMENTS}


class AcceptInvitationForm(IntakeForm):
    username = forms.CharField(
        label=_("Choose a username"),
        max_length=150,
        help_text=_("You sign in with this. Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Choose a password"),
        help_text=_("At least 12 characters. A few words you remember are good."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Write the password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", _("The two passwords are not the same."))
        return data


class NewThreadForm(IntakeForm):
    subject = forms.CharField(label=_("What is it about?"), max_length=150)
    body = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 6}))
    attachments = AttachmentsField(label=_("Attach files"), required=False)
    hidden_from_guardians = forms.BooleanField(
        label=_("Keep this conversation from my parents"),
        required=False,
        help_text=_(
            "Only you and the coordinator will see it. Your parents will not see it in their log either."
        ),
    )

    def __init__(self, *args: Any, may_hide: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _attachments_help()
        if not may_hide:
            del self.fields["hidden_from_guardians"]


class ReplyForm(IntakeForm):
    body = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 5}))
    attachments = AttachmentsField(label=_("Attach files"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _attachments_help()


class AskForm(IntakeForm):
    child = forms.TypedChoiceField(label=_("Which child is it about?"), coerce=int, widget=RadioGroup)
    summary = forms.CharField(
        label=_("Tell us briefly about your situation"),
        required=False,
        help_text=_(
            "What is hard right now, and which services you are in touch with. You can leave it empty."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, children: list[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [(c.pk, c.display_name) for c in children]  # type: ignore[attr-defined]
        if len(children) == 1:
            self.fields["child"].initial = children[0].pk


class ComplaintForm(IntakeForm):
    case = forms.TypedChoiceField(label=_("Which child is it about?"), coerce=int, widget=RadioGroup)
    kind = forms.ChoiceField(
        label=_("What do you want to complain about?"),
        choices=[
            (ComplaintKind.APPEAL.value, _("The decision we got")),
            (ComplaintKind.QUALITY.value, _("How the service works for us")),
        ],
        widget=RadioGroup,
    )
    what = forms.CharField(
        label=_("What is wrong?"),
        help_text=_("Write it in your own words. You do not need to cite any law."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    change_wanted = forms.CharField(
        label=_("What do you want changed?"),
        help_text=_(
            "For example: that we get a coordinator, or that the coordinator calls us back within a week."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    late_excuse = forms.CharField(
        label=_("If the deadline has passed: why are you late?"),
        required=False,
        help_text=_("A late complaint can still be heard if there is a good reason."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("I confirm that this is my complaint, and I sign it by sending it"),
    )

    def __init__(self, *args: Any, cases: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = cases  # type: ignore[attr-defined]
        if len(cases) == 1:
            self.fields["case"].initial = cases[0][0]


class InviteForm(IntakeForm):
    person = forms.ChoiceField(label=_("Who should get a sign-in?"), widget=RadioGroup)

    def __init__(self, *args: Any, people: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = people  # type: ignore[attr-defined]
