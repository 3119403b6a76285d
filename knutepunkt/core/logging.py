"""Keep national IDs out of log files, whatever a library chooses to log."""

from __future__ import annotations

import logging
import re

# Eleven digits (fødselsnummer, D-nummer) or ten (kennitala), optionally with a dash or space
# after the date part, not inside a longer number.
NATIONAL_ID_PATTERN = re.compile(r"(?<!\d)\d{6}[- ]?\d{4,5}(?!\d)")


class RedactNationalIdsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = NATIONAL_ID_PATTERN.sub("[national-id]", message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True
