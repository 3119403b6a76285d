from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from knutepunkt.people.models import GuardianRelation
from knutepunkt.people.national_ids import parse_national_id
from knutepunkt.tenancy.models import Language


class DateInput(forms.DateInput):
    input_type = "date"


class RegisterFamilyForm(forms.Form):
    """One form for family, child and first guardian; the service validates them together."""

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

    guardian0_given_name = forms.CharField(label=_("Guardian's given name"), max_length=100)
    guardian0_family_name = forms.CharField(label=_("Guardian's family name"), max_length=100)
    guardian0_relation = forms.ChoiceField(label=_("Relation to the child"), choices=GuardianRelation.choices)
    guardian0_has_parental_responsibility = forms.BooleanField(
        label=_("Has parental responsibility"), required=False, initial=True
    )
    guardian0_national_id = forms.CharField(label=_("Guardian's national ID"), max_length=13, required=False)
    guardian0_email = forms.EmailField(label=_("Guardian's e-mail"), required=False)
    guardian0_phone = forms.CharField(label=_("Guardian's phone"), max_length=32, required=False)

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        """Put the service's per-field errors on this form's fields, the rest on the form."""
        for key, messages in errors.items():
            field = key if key in self.fields else None
            for message in messages:
                self.add_error(field, message)


class FindByNationalIdForm(forms.Form):
    """A child looked up by national ID. Sent by POST: an ID never goes into a URL or a log."""

    national_id = forms.CharField(
        label=_("Find a child by national ID"),
        help_text=_("Fødselsnummer or D number (11 digits), or kennitala (10 digits)."),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, country: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.country = country

    def clean_national_id(self) -> str:
        raw = "".join(self.cleaned_data["national_id"].replace("-", "").split())
        return parse_national_id(raw, country=self.country).number
