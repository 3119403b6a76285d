"""Staff users, families, children and guardians.

Every personal-data row carries its municipality (the tenant), so that a tenant-sharded
PostgreSQL can distribute by it and every query can filter by it first.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knutepunkt.people.national_ids import NationalIdKind, mask_national_id, parse_national_id
from knutepunkt.tenancy.models import Language, Municipality, Unit

# An expected date further ahead than a full pregnancy is a typing error.
MAX_PREGNANCY = datetime.timedelta(weeks=43)
# A due date this far behind us means the child is born: ask for the birth date instead.
MAX_OVERDUE = datetime.timedelta(weeks=6)


class Role(models.TextChoices):
    OFFICER = "officer", _("Coordinating-unit officer")
    COORDINATOR = "coordinator", _("Coordinator")
    SERVICE_CONTACT = "service_contact", _("Service contact")
    LEADER = "leader", _("Leader")
    ADMINISTRATOR = "administrator", _("Administrator")
    # A national supervisory body (Statsforvalteren/Helsedirektoratet; Barna- og
    # fjölskyldustofa): aggregated statistics of every municipality, never a child's data.
    SUPERVISOR = "supervisor", _("National supervisor")


class StaffUserManager(UserManager["User"]):
    def get_queryset(self) -> models.QuerySet[User]:
        # Every page shows the user's municipality and unit, and the access log snapshots the
        # unit: load them with the user (the session middleware's one query) instead of lazily.
        return super().get_queryset().select_related("municipality", "unit")


class User(AbstractUser):
    """A person who signs in. Staff have a role, a municipality and a unit."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("municipality"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("unit"),
    )
    title = models.CharField(_("job title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    languages = models.CharField(
        _("languages spoken"), max_length=100, blank=True, help_text=_("Comma-separated.")
    )
    competence = models.TextField(_("competence"), blank=True)

    objects = StaffUserManager()  # type: ignore[misc]
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # A staff role without a municipality would be a user of no tenant: refuse it. The
            # national supervisor is the one role above the tenants and has none (ADR 0006).
            models.CheckConstraint(
                condition=Q(role="")
                | Q(role="supervisor", municipality__isnull=True, unit__isnull=True)
                | (~Q(role="supervisor") & Q(municipality__isnull=False)),
                name="user_staff_has_municipality",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_staff_member(self) -> bool:
        return bool(self.role)

    def clean(self) -> None:
        super().clean()
        if self.role == Role.SUPERVISOR and (self.municipality_id or self.unit_id):
            raise ValidationError(
                {"municipality": _("A national supervisor belongs to no municipality or unit.")}
            )
        if (
            self.unit is not None
            and self.municipality_id
            and self.unit.municipality_id != self.municipality_id
        ):
            raise ValidationError({"unit": _("The unit belongs to another municipality.")})


class Family(models.Model):
    """The family holds the right to a coordinator (pbrl § 2-5c), so cases hang on it."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="families", verbose_name=_("municipality")
    )
    name = models.CharField(
        _("family name"), max_length=150, help_text=_("How the family is referred to, e.g. 'Hansen'.")
    )
    language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=Language.choices,
        help_text=_("Letters and messages to the family are written in this language."),
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    postal_town = models.CharField(_("postal town"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["municipality", "name"])]

    def __str__(self) -> str:
        return self.name


class Child(models.Model):
    """A child, born or expected. The right can be assessed before birth (pbrl § 2-5c)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="children", verbose_name=_("municipality")
    )
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="children", verbose_name=_("family")
    )
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    expected_date = models.DateField(
        _("expected date of birth"), null=True, blank=True, help_text=_("For a child not yet born.")
    )
    national_id = models.CharField(_("national ID"), max_length=11, blank=True)
    national_id_kind = models.CharField(
        _("kind of national ID"), max_length=3, choices=NationalIdKind.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["family_name", "given_name", "pk"]
        indexes = [
            models.Index(fields=["municipality", "family_name", "given_name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_date__isnull=False, expected_date__isnull=True)
                | Q(birth_date__isnull=True, expected_date__isnull=False),
                name="child_birth_or_expected_date",
            ),
            models.UniqueConstraint(
                fields=["municipality", "national_id"],
                condition=~Q(national_id=""),
                name="child_unique_national_id",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.given_name:
            return f"{self.given_name} {self.family_name}"
        return str(_("Expected child of the %(family)s family") % {"family": self.family_name})

    @property
    def is_expected(self) -> bool:
        return self.birth_date is None

    @property
    def masked_national_id(self) -> str:
        return mask_national_id(self.national_id)

    def age_on(self, day: datetime.date) -> int | None:
        if self.birth_date is None:
            return None
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        today = timezone.localdate()
        if self.birth_date and self.expected_date:
            errors.setdefault("expected_date", []).append(
                ValidationError(
                    _("Give either a birth date or an expected date, not both."), code="both_dates"
                )
            )
        elif not self.birth_date and not self.expected_date:
            errors.setdefault("birth_date", []).append(
                ValidationError(
                    _("Give a birth date, or an expected date for a child not yet born."),
                    code="no_date",
                )
            )
        if self.birth_date and self.birth_date > today:
            errors.setdefault("birth_date", []).append(
                ValidationError(
                    _("The birth date is in the future. For a child not yet born, give the expected date."),
                    code="future_birth_date",
                )
            )
        if self.expected_date and not self.birth_date:
            if self.expected_date > today + MAX_PREGNANCY:
                errors.setdefault("expected_date", []).append(
                    ValidationError(
                        _("The expected date is more than 43 weeks away."), code="expected_too_far"
                    )
                )
            if self.expected_date < today - MAX_OVERDUE:
                errors.setdefault("expected_date", []).append(
                    ValidationError(
                        _("The expected date is long past. If the child is born, give the birth date."),
                        code="expected_past",
                    )
                )
            if self.national_id:
                errors.setdefault("national_id", []).append(
                    ValidationError(_("A child not yet born has no national ID."), code="expected_with_id")
                )
        if self.national_id and self.municipality_id:
            try:
                parsed = parse_national_id(self.national_id, country=self.municipality.country)
            except ValidationError as error:
                errors.setdefault("national_id", []).append(error)
            else:
                self.national_id = parsed.number
                self.national_id_kind = parsed.kind
                if self.birth_date and parsed.birth_date != self.birth_date:
                    errors.setdefault("national_id", []).append(
                        ValidationError(
                            _("The national ID gives another birth date than the one entered."),
                            code="id_birth_date_mismatch",
                        )
                    )
        if self.family_id and self.municipality_id and self.family.municipality_id != self.municipality_id:
            errors.setdefault("family", []).append(
                ValidationError(_("The family belongs to another municipality."), code="tenant")
            )
        if errors:
            raise ValidationError(errors)


class GuardianRelation(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    PARENT = "parent", _("Parent")
    FOSTER_PARENT = "foster_parent", _("Foster parent")
    CHILD_WELFARE = "child_welfare", _("Child welfare service (has care)")
    OTHER = "other", _("Other guardian")


class Guardian(models.Model):
    """A parent or other guardian, with or without parental responsibility.

    Consent to a coordinator is given by those with parental responsibility, or by child
    welfare where it has taken over care (DOMAIN.md, "How it goes" 3).
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="guardians", verbose_name=_("municipality")
    )
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="guardians", verbose_name=_("family")
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    relation = models.CharField(_("relation to the child"), max_length=20, choices=GuardianRelation.choices)
    has_parental_responsibility = models.BooleanField(_("has parental responsibility"), default=True)
    national_id = models.CharField(_("national ID"), max_length=11, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guardianships",
        verbose_name=_("sign-in account"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")
        ordering = ["family_name", "given_name", "pk"]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def masked_national_id(self) -> str:
        return mask_national_id(self.national_id)

    def clean(self) -> None:
        super().clean()
        if self.national_id and self.municipality_id:
            try:
                parsed = parse_national_id(self.national_id, country=self.municipality.country)
            except ValidationError as error:
                raise ValidationError({"national_id": error}) from error
            self.national_id = parsed.number
        if self.phone and self.municipality_id:
            from knutepunkt.people.phones import normalise_phone

            self.phone = normalise_phone(self.phone, country=self.municipality.country)
