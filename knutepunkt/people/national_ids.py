"""National identity numbers: fødselsnummer and D-nummer (Norway), kennitala (Iceland).

Validation is python-stdnum's; this module only turns its verdicts into translated
messages and knows which kinds belong to which country. A national ID is stored, never
put in a URL or a log line, and shown only masked.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.is_ import kennitala
from stdnum.no import fodselsnummer


class NationalIdKind(models.TextChoices):
    FODSELSNUMMER = "fnr", _("Norwegian national identity number (fødselsnummer)")
    D_NUMMER = "dnr", _("Norwegian D number")
    KENNITALA = "kt", _("Icelandic kennitala")


@dataclass(frozen=True)
class NationalId:
    kind: NationalIdKind
    number: str
    birth_date: datetime.date


def parse_national_id(raw: str, *, country: str) -> NationalId:
    """Validate ``raw`` as a personal ID of ``country`` ("NO" or "IS").

    Raises a ValidationError with a message a caseworker can act on.
    """
    if country == "NO":
        return _parse_norwegian(raw)
    if country == "IS":
        return _parse_icelandic(raw)
    raise ValueError(f"unknown country {country!r}")


def _parse_norwegian(raw: str) -> NationalId:
    try:
        number = fodselsnummer.validate(raw)
        birth_date = fodselsnummer.get_birth_date(number)
    except StdnumError as error:
        raise ValidationError(
            _("This is not a valid Norwegian national identity number or D number: %(reason)s"),
            code="invalid_national_id",
            params={"reason": _reason(error)},
        ) from error
    # H-numbers and FH-numbers are the health service's stand-ins, not a person's own ID.
    if int(number[2]) >= 4:
        raise ValidationError(
            _("This is a help number (H number), not a person's own national ID."),
            code="help_number",
        )
    kind = NationalIdKind.D_NUMMER if int(number[0]) >= 4 else NationalIdKind.FODSELSNUMMER
    return NationalId(kind=kind, number=number, birth_date=birth_date)


def _parse_icelandic(raw: str) -> NationalId:
    try:
        number = kennitala.validate(raw)
    except StdnumError as error:
        raise ValidationError(
            _("This is not a valid Icelandic kennitala: %(reason)s"),
            code="invalid_national_id",
            params={"reason": _reason(error)},
        ) from error
    day = int(number[0:2])
    if day > 31:
        raise ValidationError(
            _("This kennitala belongs to an organisation, not a person."), code="organisation_id"
        )
    century = 1900 if number[9] == "9" else 2000
    birth_date = datetime.date(century + int(number[4:6]), int(number[2:4]), day)
    return NationalId(kind=NationalIdKind.KENNITALA, number=number, birth_date=birth_date)


def _reason(error: StdnumError) -> str:
    # stdnum's own messages are English only; name the failure in the user's language instead.
    from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

    if isinstance(error, InvalidLength):
        return str(_("wrong number of digits"))
    if isinstance(error, InvalidChecksum):
        return str(_("the check digits do not match"))
    if isinstance(error, InvalidComponent):
        return str(_("the date part is not a real date"))
    if isinstance(error, InvalidFormat):
        return str(_("only digits are allowed"))
    return str(_("the number is not valid"))


def mask_national_id(number: str) -> str:
    """Show the date part only, as caseworkers are used to: ``150765 *****``."""
    if not number:
        return ""
    return f"{number[:6]} {'*' * (len(number) - 6)}"
