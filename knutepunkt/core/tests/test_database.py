"""How the application talks to its database."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_database_is_set_up_for_short_page_queries() -> None:
    """JIT compilation took longer than the queries it compiled (bench/README.md)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW jit")
            assert cursor.fetchone() == ("off",)
        else:
            # SQLite (the demo): a writer waits up to 20 s for another instead of failing at once.
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone() == (20_000,)
