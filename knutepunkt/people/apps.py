from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "knutepunkt.people"
    verbose_name = _("People")

    def ready(self) -> None:
        from knutepunkt.people import lookups  # noqa: F401  (registers the name lookups)
