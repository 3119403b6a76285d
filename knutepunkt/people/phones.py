"""Phone numbers, parsed and formatted with phonenumbers in the municipality's country."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_phone(raw: str, *, country: str) -> str:
    """Return the number in international format, or raise a translated ValidationError."""
    try:
        number = phonenumbers.parse(raw, country)
    except phonenumbers.NumberParseException as error:
        raise ValidationError({"phone": _("This is not a phone number.")}, code="invalid_phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError({"phone": _("This phone number does not exist.")}, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
