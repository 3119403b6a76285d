"""The individual plan (Norway, IP regulation) and the support plan (Iceland, Act 86/2021 art. 21).

One plan per child. It holds what DOMAIN.md lists: goals, resources and needs (with the child's own
words), who takes part and what each contributes, the coordinator, measures with their scope, how
they are carried out, who is responsible, start and end, the plan period and review dates, and the
consents. Every save makes a ``PlanVersion`` that is never changed afterwards, and the plan's
``version`` is the number the next save must name: a save that names an older one is refused.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knutepunkt.people.models import Child, Family, Guardian
from knutepunkt.tenancy.models import Municipality, Unit

# [U] A measure ending within this many days shows as "due" in the progress view (practice).
DUE_SOON = datetime.timedelta(days=14)


class PlanKind(models.TextChoices):
    INDIVIDUAL_PLAN = "individual_plan", _("Individual plan (individuell plan)")
    SUPPORT_PLAN = "support_plan", _("Support plan (stuðningsáætlun)")


class Plan(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="plans")
    child = models.OneToOneField(Child, on_delete=models.PROTECT, related_name="plan")
    kind = models.CharField(_("kind of plan"), max_length=20, choices=PlanKind.choices)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    period_start = models.DateField(_("plan period from"))
    period_end = models.DateField(_("plan period to"))
    needs_assessment = models.TextField(
        _("needs"), blank=True, help_text=_("What the child and family need, as mapped together.")
    )
    resources = models.TextField(
        _("resources"), blank=True, help_text=_("What the child and family are good at and can lean on.")
    )
    child_own_words = models.TextField(
        _("in the child's own words"),
        blank=True,
        help_text=_("What the child says matters, written the way the child said it."),
    )
    family_contribution = models.TextField(_("what the child and family contribute"), blank=True)
    cooperation = models.TextField(_("cooperation needed with other services"), blank=True)
    evaluation_method = models.TextField(_("how results are evaluated"), blank=True)
    consent_to_plan_on = models.DateField(_("consent to the plan given on"), null=True, blank=True)
    consent_to_plan_by = models.CharField(_("consent to the plan given by"), max_length=200, blank=True)
    consent_to_share_note = models.TextField(
        _("consent for participants to see confidential information"),
        blank=True,
        help_text=_("Who may see what; the consents to share per service are listed with the plan."),
    )
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        indexes = [models.Index(fields=["municipality", "family"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="plan_period_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The plan period ends before it starts.")})


class Goal(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("goal"))
    child_words = models.TextField(_("the goal in the child's own words"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    DONE = "done", _("Done")
    STOPPED = "stopped", _("Stopped")


class Measure(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("goal"),
    )
    title = models.CharField(_("measure"), max_length=200)
    scope = models.CharField(
        _("scope"), max_length=200, blank=True, help_text=_("For example: 2 hours a week.")
    )
    how = models.TextField(_("how it is carried out"), blank=True)
    responsible_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible service"),
    )
    responsible_agency = models.CharField(
        _("responsible agency"), max_length=200, blank=True, help_text=_("When it is not one of our units.")
    )
    responsible_person = models.CharField(_("responsible person"), max_length=200, blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["status", "ends_on"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The measure ends before it starts.")})
        if self.goal_id and self.plan_id and self.goal is not None and self.goal.plan_id != self.plan_id:
            raise ValidationError({"goal": _("The goal belongs to another plan.")})

    @property
    def is_open(self) -> bool:
        return self.status in (MeasureStatus.PLANNED, MeasureStatus.UNDER_WAY)

    def is_late(self, today: datetime.date) -> bool:
        return self.is_open and self.ends_on is not None and self.ends_on < today

    def is_due(self, today: datetime.date) -> bool:
        return self.is_open and self.ends_on is not None and today <= self.ends_on <= today + DUE_SOON

    @property
    def responsible(self) -> str:
        who = self.responsible_unit.name if self.responsible_unit else self.responsible_agency
        return ", ".join(part for part in (who, self.responsible_person) if part)


class Participant(models.Model):
    """Someone who takes part in planning: the family, a service, another person."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("For example: mother, teacher.")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("service")
    )
    contributes = models.TextField(_("what they contribute"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class PlanVersion(models.Model):
    """What the plan said after one save, kept unchanged: the record of what was agreed."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField()
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_by_name = models.CharField(max_length=200)
    saved_at = models.DateTimeField(default=timezone.now)
    change = models.CharField(_("what changed"), max_length=200)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number}"


class Review(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    scheduled_on = models.DateField(_("review date"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["scheduled_on", "pk"]
        indexes = [models.Index(fields=["held_on", "scheduled_on"])]

    def __str__(self) -> str:
        return str(self.scheduled_on)


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    SOME = "some", _("Some progress")
    REACHED = "reached", _("Reached")
    CHANGED = "changed", _("Goal changed")


class GoalEvaluation(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="evaluations")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="evaluations")
    progress = models.CharField(_("progress"), max_length=12, choices=Progress.choices)
    note = models.TextField(_("evaluation"), blank=True)

    class Meta:
        verbose_name = _("goal evaluation")
        verbose_name_plural = _("goal evaluations")
        constraints = [models.UniqueConstraint(fields=["review", "goal"], name="one_evaluation_per_goal")]

    def __str__(self) -> str:
        return self.progress


class SignatureMethod(models.TextChoices):
    PORTAL = "portal", _("Signed in the family pages")
    PAPER = "paper", _("Signed on paper")


class Signature(models.Model):
    """A guardian's sign-off of one version of the plan."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="signatures")
    version = models.PositiveIntegerField(_("version signed"))
    guardian = models.ForeignKey(
        Guardian, on_delete=models.PROTECT, related_name="+", verbose_name=_("signed by")
    )
    method = models.CharField(_("how"), max_length=10, choices=SignatureMethod.choices)
    signed_on = models.DateField(_("signed on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["-version", "signed_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "version", "guardian"], name="one_signature_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.guardian_id} v{self.version}"
