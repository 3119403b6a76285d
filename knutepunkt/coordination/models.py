"""Who coordinates a family's services, and from when to when."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knutepunkt.directory.models import ServiceType, UserOrganisation
from knutepunkt.people.models import Family
from knutepunkt.tenancy.models import Municipality


class CoordinatorKind(models.TextChoices):
    BARNEKOORDINATOR = "barnekoordinator", _("Child coordinator (barnekoordinator)")
    KOORDINATOR = "koordinator", _("Coordinator (koordinator)")
    SERVICE_CONTACT = "service_contact", _("Service contact (tengiliður)")
    CASE_MANAGER = "case_manager", _("Case manager (málstjóri)")


class CoordinatorAssignmentQuerySet(models.QuerySet["CoordinatorAssignment"]):
    def active_on(self, day: datetime.date) -> CoordinatorAssignmentQuerySet:
        # A handover ends the old assignment on its date: from that day the old coordinator
        # no longer sees the family (ends_on is exclusive).
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day), starts_on__lte=day)


class CoordinatorAssignment(models.Model):
    """A coordinator appointed for a family. A family has one at a time (DOMAIN.md)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    family = models.ForeignKey(
        Family,
        on_delete=models.PROTECT,
        related_name="coordinator_assignments",
        verbose_name=_("family"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinator_assignments",
        verbose_name=_("coordinator"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CoordinatorKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    # The family's and the child's wishes count when the coordinator is chosen (DOMAIN.md, How
    # it goes 4): what they wished for is kept with the appointment it shaped.
    family_wishes = models.TextField(_("the family's wishes"), blank=True)
    child_wishes = models.TextField(_("the child's wishes"), blank=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appointed by"),
    )

    objects = CoordinatorAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coordinator assignment")
        verbose_name_plural = _("coordinator assignments")
        indexes = [
            models.Index(fields=["coordinator", "ends_on"]),
            models.Index(fields=["family", "ends_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="assignment_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.coordinator}"


class HandoverReason(models.TextChoices):
    STAGE_CHANGE = "stage_change", _("The child moves to a new stage (kindergarten, school, adulthood)")
    COORDINATOR_LEAVING = "coordinator_leaving", _("The coordinator leaves or changes job")
    FAMILY_WISH = "family_wish", _("The family or the child asks for another coordinator")
    OTHER = "other", _("Other reason")


class HandoverItem(models.TextChoices):
    """What a good handover covers. The new coordinator must have the history and the family must
    know who to call; Iceland art. 17: the previous contact hands over the information needed."""

    HISTORY_READ = (
        "history_read",
        _("The new coordinator has read the history: contacts, services and consents"),
    )
    FAMILY_TOLD = "family_told", _("The family and the child know who the new coordinator is")
    MEETING_HELD = "meeting_held", _("A handover meeting with the family was held or offered")
    SERVICES_TOLD = "services_told", _("The services around the child are told who to contact")
    CONSENTS_CHECKED = (
        "consents_checked",
        _("Consents to share are checked: a new school or unit needs its own"),
    )
    OPEN_TASKS = "open_tasks", _("Open tasks and deadlines are handed over")


class Handover(models.Model):
    """One coordinator hands a family over to another on a date. The old assignment ends on that
    date (exclusive), the new one starts on it, so access moves over that very day."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="handovers", verbose_name=_("family")
    )
    from_assignment = models.ForeignKey(
        CoordinatorAssignment, on_delete=models.PROTECT, related_name="handed_over", verbose_name=_("from")
    )
    to_assignment = models.OneToOneField(
        CoordinatorAssignment, on_delete=models.PROTECT, related_name="taken_over", verbose_name=_("to")
    )
    handover_on = models.DateField(_("handover date"))
    reason = models.CharField(_("reason"), max_length=24, choices=HandoverReason.choices)
    checklist = models.JSONField(_("checklist"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["-handover_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.family_id} {self.handover_on}"

    def checklist_rows(self) -> list[tuple[str, bool]]:
        return [(str(item.label), item.value in self.checklist) for item in HandoverItem]

    @property
    def checklist_complete(self) -> bool:
        return set(HandoverItem.values) <= set(self.checklist)


class OutsideCoordinator(models.Model):
    """A coordinator outside the municipality linked to the family: the specialist health
    service's coordinator (sphl § 2-5a), who must be health personnel and works with ours."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="outside_coordinators", verbose_name=_("family")
    )
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("profession"), max_length=120, help_text=_("E.g. nurse, physiotherapist."))
    organisation = models.CharField(_("hospital or ward"), max_length=200)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("specialist-health coordinator")
        verbose_name_plural = _("specialist-health coordinators")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.name


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    OFFICE = "office", _("Office appointment")
    HOME_VISIT = "home_visit", _("Home visit")
    VIDEO = "video", _("Video meeting")
    MESSAGE = "message", _("Message")


class Right(models.TextChoices):
    """Rights a family can be guided about; the coordinator ticks those explained."""

    COORDINATOR = "coordinator", _("The right to a coordinator")
    INDIVIDUAL_PLAN = "individual_plan", _("The right to an individual plan or support plan")
    CONSENT = "consent", _("Consent, and what is shared with whom")
    ACCESS_LOG = "access_log", _("Seeing who has looked at the family's information")
    COMPLAINT = "complaint", _("How to complain, and the deadline")
    BENEFITS = "benefits", _("Welfare benefits and allowances")
    CHILD_VOICE = "child_voice", _("The child's right to be heard")


class Contact(models.Model):
    """One contact with the family or about them, and the guidance given in it (hol § 7-2a:
    the coordinator sees that the family gets information and guidance)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("family")
    )
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("kind of contact"), max_length=16, choices=ContactKind.choices)
    people = models.CharField(_("who took part"), max_length=300)
    summary = models.TextField(_("summary"))
    # Which consent category the note belongs to: a service contact sees it only if shared.
    category = models.CharField(_("kind of information"), max_length=16, default="coordinator")
    rights = models.JSONField(_("rights explained"), default=list, blank=True)
    services: models.ManyToManyField[ServiceType, ContactService] = models.ManyToManyField(
        "directory.ServiceType",
        blank=True,
        through="ContactService",
        related_name="+",
        verbose_name=_("services explained"),
    )
    organisations: models.ManyToManyField[UserOrganisation, ContactOrganisation] = models.ManyToManyField(
        "directory.UserOrganisation",
        blank=True,
        through="ContactOrganisation",
        related_name="+",
        verbose_name=_("user organisations suggested"),
    )
    follow_up_on = models.DateField(_("follow up by"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-occurred_on", "-pk"]
        indexes = [
            models.Index(fields=["family", "occurred_on"]),
            models.Index(fields=["recorded_by", "occurred_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"

    def right_labels(self) -> list[str]:
        return [str(Right(code).label) for code in self.rights if code in Right.values]


class ContactService(models.Model):
    """A service explained in a contact; carries the municipality like every row of a family's."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    service_type = models.ForeignKey("directory.ServiceType", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "service_type"], name="contactservice_unique")
        ]

    def __str__(self) -> str:
        return f"{self.contact_id}: {self.service_type_id}"


class ContactOrganisation(models.Model):
    """A user organisation suggested in a contact."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("directory.UserOrganisation", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "organisation"], name="contactorganisation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.contact_id}: {self.organisation_id}"


class TeamStatus(models.TextChoices):
    OPEN = "open", _("Working")
    CLOSED_WITH_PLAN = "closed_with_plan", _("Closed with a support plan")
    CLOSED_WITHOUT_PLAN = "closed_without_plan", _("Closed without a support plan")


class SupportTeam(models.Model):
    """Iceland's support team (stuðningsteymi, Act 86/2021 art. 21-22), formed by the case manager
    with the providers; parents and child take part."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="support_teams", verbose_name=_("family")
    )
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("case manager")
    )
    formed_on = models.DateField(_("formed on"))
    status = models.CharField(_("status"), max_length=24, choices=TeamStatus.choices, default=TeamStatus.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_reasons = models.TextField(_("why the team closes without a plan"), blank=True)
    reasons_sent_at = models.DateTimeField(_("reasons sent"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support team")
        verbose_name_plural = _("support teams")
        ordering = ["-formed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.family_id} {self.formed_on}"


class MemberRole(models.TextChoices):
    PROVIDER = "provider", _("Service provider's representative")
    PARENT = "parent", _("Parent")
    CHILD = "child", _("The child")
    SERVICE_CONTACT = "service_contact", _("Service contact")


class SupportTeamMember(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(SupportTeam, on_delete=models.PROTECT, related_name="members")
    role = models.CharField(_("role in the team"), max_length=20, choices=MemberRole.choices)
    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(_("service or agency"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("support team member")
        verbose_name_plural = _("support team members")
        ordering = ["role", "name", "pk"]

    def __str__(self) -> str:
        return self.name
