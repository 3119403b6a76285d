from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "knutepunkt.portal"
    verbose_name = _("The family's pages")
