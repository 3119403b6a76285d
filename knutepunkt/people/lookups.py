"""Case-insensitive name matching that folds æøå, þ and ð on SQLite as well.

On PostgreSQL these are Django's own ``icontains`` and ``istartswith``:
``UPPER("col"::text) LIKE UPPER(%s)``, the exact expression the trigram indexes of migration
0004 are built on, so the indexes serve them. SQLite's LIKE folds ASCII letters only ("ørjan"
would miss "Ørjan"), so there the same match is made with Django's REGEXP function, which is
Python's ``re`` and folds every letter.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField
from django.db.models.lookups import IContains, IRegex, IStartsWith
from django.db.models.sql.compiler import SQLCompiler


@CharField.register_lookup
class FoldedContains(IContains):
    lookup_name = "folded_contains"

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        return IContains(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        return IRegex(self.lhs, re.escape(str(self.rhs))).as_sql(compiler, connection)


@CharField.register_lookup
class FoldedStartsWith(IStartsWith):
    lookup_name = "folded_startswith"

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        return IStartsWith(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        return IRegex(self.lhs, "^" + re.escape(str(self.rhs))).as_sql(compiler, connection)
