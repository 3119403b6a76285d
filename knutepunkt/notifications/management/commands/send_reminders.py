"""Run the daily reminder scan: from cron or a systemd timer once a day (README, Production)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from knutepunkt.notifications.reminders import run_daily
from knutepunkt.notifications.tasks import run_reminder_scan


class Command(BaseCommand):
    help = "Give the reminders that are due (never the same one twice), send digests and waiting e-mail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, help="Scan as of this day (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the scan to the task worker instead of running it here.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today: datetime.date | None = options["today"]
        if options["enqueue"]:
            run_reminder_scan.enqueue(today.isoformat() if today else None)
            self.stdout.write("The reminder scan is queued for the task worker.")
            return
        from django.utils import timezone

        counts = run_daily(today=today or timezone.localdate())
        self.stdout.write(
            f"reminders given: {counts['reminders']}, digests: {counts['digests']}, "
            f"e-mails sent: {counts['emails']}"
        )
