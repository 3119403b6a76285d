"""``manage.py demo_logins``: the demo sign-ins, one row per demo staff user.

Every demo user has the same demo-only password. Refused outside the demo and test
environments, so it never prints anything about a real site.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from knutepunkt.core.demo import DEMO_PASSWORD, MUNICIPALITIES, demo_municipalities
from knutepunkt.people.models import Role, User

ROLE_ORDER = [Role.OFFICER, Role.COORDINATOR, Role.SERVICE_CONTACT, Role.LEADER, Role.ADMINISTRATOR]


def _family_role(user: User) -> str:
    """A family member signs in to the family's pages (knutepunkt.portal), not the staff pages."""
    account = getattr(user, "family_account", None)
    return (
        "Young person (family pages)"
        if account is not None and account.child_id
        else "Guardian (family pages)"
    )


class Command(BaseCommand):
    help = "Print the demo sign-ins (demo and test environments only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.ENVIRONMENT not in {"demo", "test"}:
            raise CommandError("demo_logins runs only when KNUTEPUNKT_ENVIRONMENT is demo or test.")
        municipalities = list(demo_municipalities())
        if not municipalities:
            raise CommandError("The demo data is not loaded: run manage.py load_demo first.")
        spec_order = {(str(spec.country), spec.number): index for index, spec in enumerate(MUNICIPALITIES)}
        users = sorted(
            User.objects.filter(municipality__in=municipalities).select_related("family_account"),
            key=lambda user: (
                spec_order[(user.municipality.country, user.municipality.number)] if user.municipality else 0,
                ROLE_ORDER.index(Role(user.role)) if user.role else len(ROLE_ORDER),
                user.username,
            ),
        )
        header = ("Municipality", "Role", "Name", "Username", "Password")
        rows = [
            (
                str(user.municipality),
                str(Role(user.role).label) if user.role else _family_role(user),
                user.get_full_name(),
                user.username,
                DEMO_PASSWORD,
            )
            for user in users
        ]
        widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

        self.stdout.write(line(header))
        self.stdout.write(line(tuple("-" * width for width in widths)))
        for row in rows:
            self.stdout.write(line(row))
        self.stdout.write("")
        self.stdout.write(
            f"Demo only: every demo user has the password {DEMO_PASSWORD!r}; the people are invented. "
            "Never use these sign-ins or this password on a real site."
        )
