"""``manage.py load_demo``: load the invented demo municipalities, once.

Safe to re-run: when the demo municipalities exist it says so and changes nothing.
``--reset`` removes them (with everything that carries them, the access log first) and loads
them again, all in one transaction. Refused in production: the demo users share a published
password.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from knutepunkt.coordination.demo import load_demo_desk
from knutepunkt.core.demo import demo_municipalities, load_demo
from knutepunkt.directory.demo import load_demo_directory
from knutepunkt.plans.demo import load_demo_plans
from knutepunkt.portal.demo import load_portal_demo


class Command(BaseCommand):
    help = "Load the demo municipalities, staff and families (once; --reset reloads them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo municipalities and everything in them first, then load them again.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.ENVIRONMENT not in {"demo", "test"}:
            raise CommandError(
                "The demo data has a published password and is loaded only when "
                "KNUTEPUNKT_ENVIRONMENT is demo or test."
            )
        started = time.perf_counter()
        summary = load_demo(reset=options["reset"])
        if summary is None:
            self.stdout.write("Demo data already loaded (use --reset to load it again).")
            return
        agencies = sum(len(load_demo_directory(m)) for m in demo_municipalities())
        for municipality in demo_municipalities():
            load_demo_desk(municipality)
        plans = sum(load_demo_plans(m) for m in demo_municipalities())
        families = sum(len(load_portal_demo(m)) for m in demo_municipalities())
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded in {seconds:.1f} s: {summary}, {agencies} directory agencies, "
                f"{plans} plans with meetings, {families} family sign-ins."
            )
        )
