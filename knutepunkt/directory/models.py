"""The directory: the services a child may receive, the law that makes each one cooperate, the
agencies that provide them, and the patient and user organisations families can be guided to.

Who sees a row: an agency either belongs to one municipality (``municipality`` set: its own
kindergartens, schools, NAV office, the county's dental clinic it works with, …) or is shared by
every municipality of a country (``municipality`` empty, ``country`` set: a national agency such
as Statped). A municipality sees its own rows and the shared rows of its own country, never
another municipality's rows or another country's (``selectors.visible_agencies``).

The directory holds no personal data about children, so reading it writes no access-log entry;
changes to agencies are kept by django-simple-history.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knutepunkt.people.phones import normalise_phone
from knutepunkt.tenancy.models import Country, Municipality, Unit


class Provision(models.Model):
    """A legal provision that gives a service the duty to cooperate (and perhaps to coordinate).

    One row per section, so "hol § 3-4, § 7-2a" is two rows. ``verified`` is false where the
    reference is not confirmed by DOMAIN.md; such references are shown with a note. A provision
    whose article is not known has an empty ``section`` rather than a guessed one.
    """

    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("A stable key, e.g. no-barnehageloven-2b.")
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    law = models.CharField(_("law"), max_length=120, help_text=_("E.g. barnehageloven, Act 86/2021."))
    section = models.CharField(
        _("section"),
        max_length=40,
        blank=True,
        help_text=_("E.g. § 2b or art. 17. Leave empty when the article is not known."),
    )
    obliges = models.TextField(_("what it obliges"))
    coordinates = models.BooleanField(
        _("also coordinates"),
        default=False,
        help_text=_("The service also carries the duty to coordinate, not only to cooperate."),
    )
    verified = models.BooleanField(
        _("reference verified"),
        default=True,
        help_text=_("Untick when the legal reference has not been checked against the law."),
    )
    source = models.CharField(_("source"), max_length=200, help_text=_("Where this row comes from."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["country", "position", "code"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.law} {self.section}".strip()


class ServiceType(models.Model):
    """A kind of service a child may receive: kindergarten, school, PPT, NAV, child welfare, …

    The name is kept in the country's own language (``name``: barnehage, leikskóli) and in
    English (``name_en``); ``label`` picks the one for the page's language.
    """

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    code = models.SlugField(_("code"), max_length=40, help_text=_("E.g. kindergarten, ppt, health_centre."))
    name = models.CharField(_("name"), max_length=120, help_text=_("In the country's language."))
    name_en = models.CharField(_("name in English"), max_length=120)
    provisions = models.ManyToManyField(
        Provision, blank=True, related_name="service_types", verbose_name=_("provisions")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        ordering = ["country", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="servicetype_unique_code"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name


@dataclass(frozen=True)
class Reference:
    text: str
    coordinates: bool
    verified: bool


class Level(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal")
    COUNTY = "county", _("County")
    STATE = "state", _("State")
    PRIVATE_ON_PUBLIC_CONTRACT = "private_on_public_contract", _("Private, on public contract")


class Agency(models.Model):
    """A kindergarten, school, office, clinic or ward that provides services to children."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("municipality"),
        help_text=_("Empty for a national agency that every municipality of the country sees."),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    name = models.CharField(_("name"), max_length=150)
    level = models.CharField(_("level"), max_length=32, choices=Level.choices)
    service_types: models.ManyToManyField[ServiceType, AgencyService] = models.ManyToManyField(
        ServiceType,
        through="AgencyService",
        related_name="agencies",
        verbose_name=_("services"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("the municipality's unit"),
        help_text=_("When the agency is one of the municipality's own units in Knutepunkt."),
    )
    description = models.TextField(_("description"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    web = models.URLField(_("web address"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    # Raised by every in-app save, so a form based on an older version is refused (rule 4).
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                condition=Q(municipality__isnull=False),
                name="agency_unique_name_in_municipality",
            ),
            models.UniqueConstraint(
                fields=["country", "name"],
                condition=Q(municipality__isnull=True),
                name="agency_unique_national_name",
            ),
            models.CheckConstraint(
                condition=~Q(level="municipal") | Q(municipality__isnull=False),
                name="agency_municipal_level_has_municipality",
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=True) | Q(municipality__isnull=False),
                name="agency_unit_has_municipality",
            ),
        ]
        indexes = [models.Index(fields=["country", "municipality", "active"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_national(self) -> bool:
        return self.municipality_id is None

    @property
    def provisions(self) -> list[Provision]:
        """The provisions behind this agency's services, each once, in table order.

        Reads the prefetched ``service_types`` and their ``provisions`` (see the selectors), so a
        list of agencies costs no query per row.
        """
        seen: dict[int, Provision] = {}
        for service_type in self.service_types.all():
            for provision in service_type.provisions.all():
                seen.setdefault(provision.pk, provision)
        return sorted(seen.values(), key=lambda p: (p.position, p.code))

    @property
    def references(self) -> list[Reference]:
        """The provisions for a list: one line per reference (two provisions of Act 86/2021 with
        no article are one line), marked if any of them also coordinates."""
        lines: dict[str, Reference] = {}
        for provision in self.provisions:
            line = lines.get(provision.reference)
            lines[provision.reference] = Reference(
                text=provision.reference,
                coordinates=provision.coordinates or (line is not None and line.coordinates),
                verified=provision.verified and (line is None or line.verified),
            )
        return list(lines.values())

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        municipality = self.municipality if self.municipality_id else None
        if municipality is not None and self.country and self.country != municipality.country:
            errors.setdefault("country", []).append(
                ValidationError(_("The agency's country is not its municipality's."), code="country")
            )
        if municipality is None and self.level == Level.MUNICIPAL:
            errors.setdefault("municipality", []).append(
                ValidationError(_("A municipal agency belongs to a municipality."), code="municipal_level")
            )
        if self.unit_id is not None:
            if municipality is None:
                errors.setdefault("unit", []).append(
                    ValidationError(_("Only a municipality's agency can be one of its units."), code="unit")
                )
            elif self.unit is not None and self.unit.municipality_id != municipality.pk:
                errors.setdefault("unit", []).append(
                    ValidationError(_("The unit belongs to another municipality."), code="tenant")
                )
        if self.phone and self.country:
            try:
                self.phone = normalise_phone(self.phone, country=self.country)
            except ValidationError as error:
                error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class AgencyService(models.Model):
    """That an agency provides a service type. Carries the agency's municipality (empty for a
    national agency) like every other row of a municipality's data, so the demo's wipe and a
    tenant-sharded database find it with its agency."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="service_links", verbose_name=_("agency")
    )
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.PROTECT, related_name="agency_links", verbose_name=_("service type")
    )

    class Meta:
        verbose_name = _("service of an agency")
        verbose_name_plural = _("services of agencies")
        constraints = [
            models.UniqueConstraint(fields=["agency", "service_type"], name="agencyservice_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.service_type_id}"


class UserOrganisation(models.Model):
    """A patient or user organisation, or a public help body, that families can be guided to
    (hol § 7-2a: the BK sees that the family gets guidance on patient and user organisations)."""

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    name = models.CharField(_("name"), max_length=150)
    helps_with = models.TextField(_("what they help with"))
    is_public_body = models.BooleanField(
        _("public help body"),
        default=False,
        help_text=_("A public body (such as an ombud), not a members' organisation."),
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    web = models.URLField(_("web address"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("patient or user organisation")
        verbose_name_plural = _("patient and user organisations")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="userorganisation_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.phone and self.country:
            self.phone = normalise_phone(self.phone, country=self.country)


class ServiceStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    NEEDED = "needed", _("Needed, not applied for")
    WAITING = "waiting", _("Waiting")
    ENDED = "ended", _("Ended")


# Which consent category a service on a child's map belongs to: a service contact sees the
# services of the categories the family shares with it (health services are health information).
SERVICE_CATEGORY: dict[str, str] = {
    "kindergarten": "school",
    "school": "school",
    "sfo": "school",
    "ppt": "school",
    "adult_education": "school",
    "private_school": "school",
    "preschool": "school",
    "primary_school": "school",
    "secondary_school": "school",
    "school_services": "school",
    "nav": "welfare",
    "social_services_nav": "welfare",
    "social_services": "welfare",
}


class ChildService(models.Model):
    """One service on a child's service map: received, needed, waiting or ended, from whom.

    A need not yet met (needed or waiting) is a gap the coordinator works to close.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, related_name="services", verbose_name=_("child")
    )
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_services",
        verbose_name=_("provider"),
    )
    status = models.CharField(_("status"), max_length=12, choices=ServiceStatus.choices)
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_details = models.CharField(_("contact person's phone or e-mail"), max_length=150, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey("people.User", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service on a child's map")
        verbose_name_plural = _("services on children's maps")
        ordering = ["status", "pk"]
        indexes = [models.Index(fields=["child", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="childservice_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child_id}: {self.service_type_id} ({self.status})"

    @property
    def category(self) -> str:
        return category_of_service(self.service_type.code)

    @property
    def is_gap(self) -> bool:
        return self.status in (ServiceStatus.NEEDED, ServiceStatus.WAITING)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors.setdefault("ends_on", []).append(
                ValidationError(_("The service cannot end before it starts."), code="dates")
            )
        if self.status == ServiceStatus.ENDED and not self.ends_on:
            errors.setdefault("ends_on", []).append(
                ValidationError(_("Give the date the service ended."), code="ended_without_date")
            )
        if self.status == ServiceStatus.RECEIVED and self.agency_id is None:
            errors.setdefault("agency", []).append(
                ValidationError(_("Name the provider of a service the child receives."), code="no_provider")
            )
        if self.agency_id is not None and self.municipality_id:
            agency = self.agency
            assert agency is not None
            if (
                agency.municipality_id not in (None, self.municipality_id)
                or agency.country != self.municipality.country
            ):
                errors.setdefault("agency", []).append(
                    ValidationError(_("Choose a provider from your municipality's directory."), code="tenant")
                )
        if (
            self.service_type_id
            and self.municipality_id
            and self.service_type.country != self.municipality.country
        ):
            errors.setdefault("service_type", []).append(
                ValidationError(_("Choose a service of your country."), code="country")
            )
        if errors:
            raise ValidationError(errors)


def category_of_service(code: str) -> str:
    """School, welfare and health services show under those categories; the rest (child welfare,
    crisis centre, family counselling, …) only under the plan, which a family shares deliberately."""
    if code in HEALTH_SERVICES:
        return "health"
    return SERVICE_CATEGORY.get(code, "plan")


HEALTH_SERVICES = frozenset(
    {
        "municipal_health_care",
        "gp",
        "health_station",
        "home_services",
        "respite_care",
        "specialist_health",
        "public_dental",
        "health_centre",
    }
)
