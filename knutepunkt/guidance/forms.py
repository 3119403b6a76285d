from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from knutepunkt.intake.forms import IntakeForm
from knutepunkt.people.models import Family


class SendArticleForm(IntakeForm):
    family = forms.TypedChoiceField(label=_("Send to which family?"), coerce=int)
    note = forms.CharField(
        label=_("A note to the family"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, families: list[Family], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["family"].choices = [(f.pk, f.name) for f in families]  # type: ignore[attr-defined]
