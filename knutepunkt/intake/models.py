"""A case: from the family's request (or a referral, or the municipality's own initiative)
through assessment and consent to a decision, an active coordinator, and closing.

The state of a case changes only through ``intake.services``; every step is a ``CaseEvent``
(the case history) and an access-log entry.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knutepunkt.people.models import Child, Family, Guardian
from knutepunkt.tenancy.models import Municipality


class CaseStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ASSESSING = "assessing", _("Being assessed")
    DECIDED = "decided", _("Decided")
    ACTIVE = "active", _("Coordinator at work")
    CLOSED = "closed", _("Closed")


class Channel(models.TextChoices):
    """How the request came in. No application form is required (DOMAIN.md, How it goes 1)."""

    PHONE = "phone", _("Phone call")
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    REFERRAL = "referral", _("Referral on the family's behalf")
    OWN_INITIATIVE = "own_initiative", _("The municipality's own initiative")
    ELECTRONIC = "electronic", _("The family's electronic request")


class ReferrerKind(models.TextChoices):
    GP = "gp", _("GP")
    HEALTH_NURSE = "health_nurse", _("Public health nurse")
    MIDWIFE = "midwife", _("Midwife")
    HOSPITAL = "hospital", _("Hospital")
    OTHER = "other", _("Other service")


class Case(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="cases", verbose_name=_("family")
    )
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="cases", verbose_name=_("child"))
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.REQUESTED
    )
    channel = models.CharField(_("how the request came in"), max_length=20, choices=Channel.choices)
    received_on = models.DateField(_("received on"))
    requested_by = models.CharField(
        _("asked by"), max_length=200, blank=True, help_text=_("Who asked, e.g. 'the mother, by phone'.")
    )
    summary = models.TextField(_("what the family asks for"), blank=True)
    referrer_kind = models.CharField(
        _("referred by"), max_length=20, choices=ReferrerKind.choices, blank=True
    )
    referrer_name = models.CharField(_("referrer's name"), max_length=200, blank=True)
    referrer_organisation = models.CharField(_("referrer's organisation"), max_length=200, blank=True)
    # Own initiative: the municipality must inform the family and offer an assessment.
    family_informed_on = models.DateField(_("family informed on"), null=True, blank=True)
    inform_family_by = models.DateField(_("inform the family by"), null=True, blank=True)
    child_view = models.TextField(
        _("the child's own view"),
        blank=True,
        help_text=_("Children are heard from age 7 at the latest, with great weight from 12."),
    )
    child_heard_on = models.DateField(_("child heard on"), null=True, blank=True)
    # Facts the rules need that are not yes/no judgements: what the family declines, and in
    # Iceland who asked, the child's life stage, domicile and the service levels needed.
    facts = models.JSONField(_("facts for the assessment"), default=dict, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    # Incremented by every service that changes the case: a stale form is refused, not applied.
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "status", "received_on"]),
            models.Index(fields=["child", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference}"

    @property
    def reference(self) -> str:
        return f"{self.received_on:%Y}-{self.pk:05d}"

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED


class CaseEvent(models.Model):
    """The case history: every step, by whom, with what note."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    occurred_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    kind = models.CharField(max_length=40)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = models.TextField(blank=True)
    # The case's version after this step, so a save can tell which steps came after the version
    # its form was read at (services.save_assessment). Empty for steps that do not move it.
    version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        indexes = [
            models.Index(fields=["case", "occurred_at"]),
            # Statistics: the year's appointments (days from request to coordinator).
            models.Index(fields=["kind", "occurred_at"], name="case_event_kind_time"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class Judgement(models.Model):
    """One professional judgement in the assessment, with its short reason.

    ``value`` None means "not judged yet", which the rules never read as yes.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="judgements")
    key = models.CharField(max_length=48)
    value = models.BooleanField(null=True)
    reason = models.TextField(blank=True)
    judged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    judged_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="judgement_unique_key")]

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class ConsentChannel(models.TextChoices):
    WRITTEN = "written", _("In writing")
    DIGITAL = "digital", _("Signed digitally")
    ORAL = "oral", _("Orally, noted by staff")


class AppointmentConsent(models.Model):
    """Consent to a coordinator, from one guardian with parental responsibility or from
    child welfare where it has taken over care (DOMAIN.md, How it goes 3)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="consents")
    guardian = models.ForeignKey(
        Guardian, on_delete=models.PROTECT, related_name="appointment_consents", verbose_name=_("guardian")
    )
    given_on = models.DateField(_("given on"))
    channel = models.CharField(_("how"), max_length=16, choices=ConsentChannel.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "guardian"],
                condition=Q(withdrawn_on__isnull=True),
                name="one_live_consent_per_guardian",
            )
        ]

    def __str__(self) -> str:
        return f"{self.guardian} {self.given_on}"


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class Arrangement(models.TextChoices):
    BARNEKOORDINATOR = "barnekoordinator", _("Child coordinator (barnekoordinator)")
    KOORDINATOR = "koordinator", _("Coordinator (koordinator)")
    SERVICE_CONTACT = "service_contact", _("Service contact (tengiliður)")
    CASE_MANAGER = "case_manager", _("Case manager (málstjóri)")


class Decision(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    arrangement = models.CharField(_("arrangement"), max_length=20, choices=Arrangement.choices, blank=True)
    individual_plan = models.BooleanField(_("individual plan offered"), default=False)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    reasons = models.TextField(_("reasons"))
    # The rules' result when decided (criteria with their legal basis), kept as it was then.
    criteria = models.JSONField(default=list)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The complaint deadline runs from when the family knew (pbrl § 7-5).
    known_on = models.DateField(_("the family knew of it on"))
    letter_language = models.CharField(max_length=2)
    letter = models.ForeignKey(
        "CaseDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    family_notified_at = models.DateTimeField(null=True, blank=True)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.outcome}"


class DocumentKind(models.TextChoices):
    DOCTOR = "doctor", _("Doctor's documentation")
    SERVICES_OVERVIEW = "services_overview", _("Overview of the services involved")
    DECISION_LETTER = "decision_letter", _("Decision letter")
    COMPLAINT = "complaint", _("Complaint")
    COMPLAINT_BUNDLE = "complaint_bundle", _("Case sent to the appeal body")
    OTHER = "other", _("Other document")


# What a case should hold before it is decided (the checklist on the case page).
CHECKLIST_KINDS = (DocumentKind.DOCTOR, DocumentKind.SERVICES_OVERVIEW)


class CaseDocument(models.Model):
    """A file on the case. Stored outside the web root under a random name; served only by an
    access-checked view, as an attachment."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    stored_name = models.CharField(max_length=80, unique=True, editable=False)
    content_type = models.CharField(max_length=50, editable=False)
    size = models.PositiveIntegerField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title
