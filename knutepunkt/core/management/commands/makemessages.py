"""``makemessages`` that also collects the legal texts marked ``N_("...")`` in jurisdictions/."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_"]
