"""Complaints: appeals against a decision (pbrl § 7-2; Iceland: to GEV) and complaints about
the quality of the service (to the unit that decides coordinator cases)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knutepunkt.intake.models import Case, CaseDocument, Decision
from knutepunkt.tenancy.models import Municipality


class ComplaintKind(models.TextChoices):
    APPEAL = "appeal", _("Complaint about a decision")
    QUALITY = "quality", _("Complaint about the quality of the service")


class ComplaintChannel(models.TextChoices):
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    PORTAL = "portal", _("The family's pages")
    ORAL = "oral", _("Orally (to be written down with the family)")


class ComplaintStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    AWAITING_MENDING = "awaiting_mending", _("Waiting for the complainant to complete it")
    REASSESSING = "reassessing", _("Being reassessed")
    REVERSED = "reversed", _("Decision changed")
    FORWARDED = "forwarded", _("Upheld and sent to the appeal body")
    DECIDED_BY_AUTHORITY = "decided_by_authority", _("Decided by the appeal body")
    ANSWERED = "answered", _("Answered")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The complaint still needs something done by the municipality, the complainant or the appeal body.
OPEN_STATUSES = (
    ComplaintStatus.REGISTERED,
    ComplaintStatus.AWAITING_MENDING,
    ComplaintStatus.REASSESSING,
    ComplaintStatus.FORWARDED,
)


class AuthorityOutcome(models.TextChoices):
    UPHELD = "upheld", _("The municipality's decision stands")
    REVERSED = "reversed", _("The decision is changed")
    RETURNED = "returned", _("Sent back to the municipality")
    DISMISSED = "dismissed", _("Dismissed")


class Complaint(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="complaints")
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ComplaintKind.choices)
    status = models.CharField(
        _("status"), max_length=24, choices=ComplaintStatus.choices, default=ComplaintStatus.REGISTERED
    )
    channel = models.CharField(_("how it came in"), max_length=10, choices=ComplaintChannel.choices)
    lodged_on = models.DateField(_("lodged on"))
    complainant = models.CharField(_("complainant"), max_length=200)
    written = models.BooleanField(_("written"), default=False)
    signed = models.BooleanField(_("signed"), default=False)
    what = models.TextField(_("what the complaint is about"), blank=True)
    change_wanted = models.TextField(_("the change wanted"), blank=True)
    # Set from the rules when registered, kept as they were then.
    # The deadline runs from when the complainant knew (pbrl § 7-5; for GEV, the events).
    known_on = models.DateField(_("the complainant knew of it on"), null=True, blank=True)
    deadline = models.DateField(_("complaint deadline"), null=True, blank=True)
    in_time = models.BooleanField(_("in time"), null=True, blank=True)
    late_excuse = models.TextField(
        _("why it is late"),
        blank=True,
        help_text=_(
            "A late complaint may still be heard for excusable delay or special reasons (pbrl § 7-7)."
        ),
    )
    defects = models.JSONField(_("defects"), default=list, blank=True)
    mend_by = models.DateField(_("complete it by"), null=True, blank=True)
    help_given = models.TextField(_("help given to the complainant"), blank=True)
    mended_on = models.DateField(_("completed on"), null=True, blank=True)
    lodge_with = models.CharField(max_length=40, blank=True)
    decided_by_body = models.CharField(_("appeal body"), max_length=60, blank=True)
    reassessment = models.TextField(_("the municipality's reassessment"), blank=True)
    forwarded_on = models.DateField(_("sent to the appeal body on"), null=True, blank=True)
    bundle = models.ForeignKey(
        CaseDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The municipality's new decision when it agreed with the complaint (or implemented the
    # appeal body's change).
    new_decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authority_outcome = models.CharField(
        _("appeal body's outcome"), max_length=12, choices=AuthorityOutcome.choices, blank=True
    )
    authority_decided_on = models.DateField(_("appeal body decided on"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-lodged_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "status"])]
        constraints = [
            # An appeal is about a decision; a complaint about quality needs none.
            models.CheckConstraint(
                condition=~Q(kind="appeal") | Q(decision__isnull=False), name="complaint_appeal_has_decision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.lodged_on}"

    def clean(self) -> None:
        if self.kind == ComplaintKind.APPEAL and self.decision_id is None:
            raise ValidationError({"decision": [_("A complaint about a decision names the decision.")]})
        if (
            self.decision_id is not None
            and self.decision is not None
            and self.decision.case_id != self.case_id
        ):
            raise ValidationError({"decision": [_("The decision is not on this case.")]})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_late(self) -> bool:
        return self.in_time is False
