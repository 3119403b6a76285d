"""What a complaint must hold, and the municipality's own time limits for handling one.

The deadlines and where a complaint goes come from ``jurisdictions`` (through
``intake.assessment.complaint_terms``); this module holds the form requirements that the rules'
``valid_form`` does not cover, with their source, and the defaults DOMAIN.md marks [U].

Norway (pbrl § 7-2, DOMAIN.md "How it goes" 6): written and signed by the family or its
representative; names what is complained about and the change wanted. An oral "this is wrong" is
not yet a complaint: the municipality clarifies and helps. A defective complaint gets the defect
pointed out, a deadline to complete it, and help to write it.

Iceland (Act 88/2021 art. 17): the complaint to GEV names whom it is about and describes the
events; whether it must be signed is the municipality's setting (``iceland_complaint_form``).
"""

from __future__ import annotations

from typing import Any, Final

from django.utils.translation import gettext_lazy as _

from knutepunkt.complaints.models import ComplaintKind
from knutepunkt.jurisdictions.legal import (
    ICELAND_COMPLAINT_DECIDED_BY,
    NORWAY_COMPLAINT_DECIDED_BY,
    NORWAY_COMPLAINT_LODGE_WITH,
)

NOT_WRITTEN: Final = "not_written"
NOT_SIGNED: Final = "not_signed"
WHAT_MISSING: Final = "what_missing"
CHANGE_WANTED_MISSING: Final = "change_wanted_missing"

DEFECT_LABELS: Final[dict[str, Any]] = {
    NOT_WRITTEN: _(
        "It is not in writing. An oral “this is wrong” is not yet a complaint: clarify what the family "
        "means and help them put it in writing."
    ),
    NOT_SIGNED: _("It is not signed by the family or its representative."),
    WHAT_MISSING: _("It does not say what the complaint is about."),
    CHANGE_WANTED_MISSING: _("It does not say what change the complainant wants."),
}

# What the officer can do about each defect; shown beside the help-given field.
DEFECT_HELP: Final[dict[str, Any]] = {
    NOT_WRITTEN: _("Write the complaint down with the family, read it back, and have it signed."),
    NOT_SIGNED: _("Ask for a signed copy, or a written power of attorney from a representative."),
    WHAT_MISSING: _("Ask which decision or which part of the service the complaint is about."),
    CHANGE_WANTED_MISSING: _("Ask what the family wants instead."),
}

# [U] DOMAIN.md sets no time to complete a defective complaint: the form suggests this many days
# (the municipality's practice), and the officer sets the date.
DEFAULT_DAYS_TO_MEND: Final = 14

# [U] No law sets a time for the municipality's reassessment or answer; a complaint waiting longer
# than this is marked overdue on the worklist (the municipality's practice; a preliminary answer
# within a month is good administrative practice).
DEFAULT_DAYS_TO_HANDLE: Final = 30

# Who receives and who decides a Norwegian complaint about quality: the unit that decides
# coordinator cases (seed 001); the family may also ask Statsforvalteren (pbrl § 7-4).
QUALITY_LODGE_WITH: Final = NORWAY_COMPLAINT_LODGE_WITH
QUALITY_DECIDED_BY: Final = "municipality"

BODY_LABELS: Final[dict[str, Any]] = {
    "municipality": _("the municipality"),
    NORWAY_COMPLAINT_DECIDED_BY: "Statsforvalteren",
    ICELAND_COMPLAINT_DECIDED_BY: "GEV (Gæða- og eftirlitsstofnun velferðarmála)",
}


def find_defects(
    *,
    country: str,
    kind: str,
    written: bool,
    signed: bool,
    valid_form: bool,
    what: str,
    change_wanted: str,
) -> list[str]:
    """The codes of what the complaint lacks, in the order they are shown.

    A complaint about quality in Norway may be made in any form; it only needs to say what it is
    about (checked as an input error, not a defect to mend).
    """
    if country == "NO" and kind == ComplaintKind.QUALITY:
        return []
    defects: list[str] = []
    if not written:
        defects.append(NOT_WRITTEN)
    elif not valid_form or (country == "NO" and not signed):
        defects.append(NOT_SIGNED)
    if not what.strip():
        defects.append(WHAT_MISSING)
    if country == "NO" and not change_wanted.strip():
        defects.append(CHANGE_WANTED_MISSING)
    return defects
