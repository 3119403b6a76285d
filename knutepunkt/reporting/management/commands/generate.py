"""``manage.py generate --scale small|municipality|national``: invented data for statistics and
``make bench``, written in bulk into an empty database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from knutepunkt.reporting.generator import SCALES, generate
from knutepunkt.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Fill an empty database with invented, realistic data at the given scale."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=7, help="The same seed gives the same data.")

    def handle(self, *args: Any, **options: Any) -> None:
        if Municipality.objects.exists():
            raise CommandError(
                "generate fills an empty database; this one already has municipalities. "
                "Use a database of its own (make bench creates one)."
            )
        scale = SCALES[options["scale"]]
        world = generate(scale=scale, seed=options["seed"], out=self.stderr)  # type: ignore[arg-type]
        for name, count in world.counts.items():
            if name != "seconds":
                self.stdout.write(f"{name:>18}: {count:,}")
        self.stdout.write(self.style.SUCCESS(f"Generated scale {scale.name} in {world.counts['seconds']} s."))
