"""Exit 0 when the PostgreSQL server of a DATABASE_URL answers, 1 when it does not."""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

import psycopg


def main(url: str) -> int:
    parts = urlsplit(url)
    try:
        # The maintenance database always exists; the project's own may not yet.
        psycopg.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or None,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.OperationalError as error:
        print(f"PostgreSQL not reachable: {error}".strip(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
