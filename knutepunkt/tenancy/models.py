"""The municipality is the tenant: every row of personal data carries one."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Country(models.TextChoices):
    NORWAY = "NO", _("Norway")
    ICELAND = "IS", _("Iceland")


class Language(models.TextChoices):
    BOKMAAL = "nb", _("Norwegian Bokmål")
    NYNORSK = "nn", _("Norwegian Nynorsk")
    ENGLISH = "en", _("English")
    ICELANDIC = "is", _("Icelandic")


class Municipality(models.Model):
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    # Kommunenummer (NO) and sveitarfélagsnúmer (IS) are both four digits.
    number = models.CharField(
        _("official number"),
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", _("The official number has four digits."))],
    )
    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "number"], name="municipality_unique_number"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_icelandic(self) -> bool:
        return self.country == Country.ICELAND


class UnitKind(models.TextChoices):
    COORDINATING_UNIT = "coordinating_unit", _("Coordinating unit")
    ALLOCATION_OFFICE = "allocation_office", _("Allocation office")
    HEALTH_STATION = "health_station", _("Health station")
    HEALTH_CENTRE = "health_centre", _("Health centre")
    GP_OFFICE = "gp_office", _("GP office")
    HOME_SERVICES = "home_services", _("Home services")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    SCHOOL = "school", _("School")
    PPT = "ppt", _("Educational-psychological service (PPT)")
    NAV_OFFICE = "nav_office", _("NAV office")
    SOCIAL_SERVICES = "social_services", _("Social services")
    CHILD_WELFARE = "child_welfare", _("Child welfare")
    HOSPITAL_WARD = "hospital_ward", _("Hospital ward")
    DENTAL = "dental", _("Public dental service")
    RESPITE_CARE = "respite_care", _("Respite care")
    OTHER = "other", _("Other")


class Unit(models.Model):
    """A team or office of the municipality, or an outside service it works with."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="units", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["municipality", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unit_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
