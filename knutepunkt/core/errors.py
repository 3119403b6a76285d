"""The one application error type: a refusal a person can read and act on.

Services raise ``DomainError`` with a translated message; views show it (a message on the page,
status 400 or 409) and the API maps it to a problem response. Nothing is saved when one is raised.
"""

from __future__ import annotations

from django.utils.functional import Promise


class DomainError(Exception):
    """A rule refused the action. ``code`` is stable for tests and the API."""

    status = 400

    def __init__(self, message: str | Promise, *, code: str) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


class ConflictError(DomainError):
    """Someone else changed the same thing first; the person's input must be kept for them."""

    status = 409
