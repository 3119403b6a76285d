"""Trigram indexes for the name search (people.selectors.name_search), on PostgreSQL only.

Django's icontains and istartswith on PostgreSQL compare ``UPPER("col"::text) LIKE UPPER(%s)``;
a GIN index with pg_trgm's operator class on exactly that expression serves both, for a term
anywhere in a name (three letters or more) and at its start. SQLite has no such index and
compares every row, which is fine at the sizes it runs; there the migration does nothing.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

INDEXES = {
    "people_child_given_name_trgm": ("people_child", "given_name"),
    "people_child_family_name_trgm": ("people_child", "family_name"),
    "people_family_name_trgm": ("people_family", "name"),
}


def create_indexes(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_indexes(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: other schemas may use it, and it costs nothing unused.
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("people", "0003_supervisor_role")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
