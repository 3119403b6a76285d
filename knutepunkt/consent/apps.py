from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "knutepunkt.consent"
    verbose_name = _("Consent to share")
