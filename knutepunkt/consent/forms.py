from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.consent.models import Category
from knutepunkt.coordination.forms import DATE, DeskForm


class GiveConsentForm(DeskForm):
    unit = forms.TypedChoiceField(label=_("Share with"), coerce=int)
    categories = forms.MultipleChoiceField(
        label=_("What may be shared"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of information.")},
    )
    given_by = forms.TypedChoiceField(label=_("Given by"), coerce=int)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_to = forms.DateField(
        label=_("Valid to"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty for a consent that holds until it is withdrawn."),
    )

    def __init__(
        self,
        *args: Any,
        units: Iterable[tuple[int, str]],
        guardians: Iterable[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ChoiceField)
        unit.choices = [("", _("Choose a service")), *units]
        given_by = self.fields["given_by"]
        assert isinstance(given_by, forms.ChoiceField)
        given_by.choices = [("", _("Choose the guardian")), *guardians]
        self.fields["valid_from"].initial = timezone.localdate()
