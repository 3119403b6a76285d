from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from knutepunkt.notifications.models import EmailChoice


class EmailChoiceForm(forms.Form):
    use_required_attribute = False
    email = forms.ChoiceField(
        label=_("E-mail about notices"),
        choices=EmailChoice.choices,
        widget=forms.RadioSelect,
        help_text=_("Reminders and notices always wait for you in the inbox as well."),
    )
