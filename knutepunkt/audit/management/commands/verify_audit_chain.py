"""``manage.py verify_audit_chain``: exit 0 when every chain is intact, 1 when not."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from knutepunkt.audit.verification import verify_chains


class Command(BaseCommand):
    help = (
        "Check the access log's hash chains and report every edited, removed or inserted row. "
        "Exits 1 when any problem is found."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--municipality", type=int, default=None, help="Check only this municipality (its id)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chains(municipality_id=options["municipality"])
        for problem in report.problems:
            self.stderr.write(str(problem))
        if report.intact:
            self.stdout.write(f"Access log intact: {report.rows_checked} rows checked.")
            return
        self.stdout.write(
            f"Access log BROKEN: {len(report.problems)} problem(s) in {report.rows_checked} rows."
        )
        sys.exit(1)
