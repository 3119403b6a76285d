"""``manage.py assess FILE|-``: one situation in, one result out, as the contract says
(shared/contracts/assessment.md). A thin wrapper: the logic is ``jurisdictions.cli.run_assess``,
the same code the pages use; no database is touched."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, DjangoHelpFormatter

from knutepunkt.jurisdictions.cli import EXIT_MALFORMED, help_epilog, run_assess


class _HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Django's ordering of options, with the generated epilog's line breaks kept."""


class Command(BaseCommand):
    # Line breaks are kept as written (the formatter is "raw"), so they are placed by hand.
    help = (
        "Assess one situation (JSON, from FILE or - for standard input) under Norway's or\n"
        "Iceland's rules and print the result as JSON (shared/contracts/assessment.md).\n"
        "Touches no database."
    )
    # Pure rules: nothing for system checks or migrations to guard, and auditors may run it
    # without a configured database.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False
    # Lets tests hand in standard input through call_command(..., stdin=io.StringIO(...)).
    stealth_options = ("stdin",)

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs.setdefault("epilog", help_epilog())
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="the situation as JSON, or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        text = self.read_input(options["file"], options.get("stdin") or sys.stdin)
        code, out, err = run_assess(text)
        if code != 0:
            # Django prints "CommandError: <message>", which already says where it came from.
            raise CommandError(err.removeprefix("assess: ").strip(), returncode=code)
        self.stdout.write(out, ending="")

    def read_input(self, name: str, stdin: Any) -> str:
        if name == "-":
            return str(stdin.read())
        try:
            return Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {name}: {error}", returncode=EXIT_MALFORMED) from None
