"""Several counts in one query: a dashboard's numbers (rows in different tables) in one
roundtrip to the database instead of one `count()` each."""

from django.core.exceptions import EmptyResultSet
from django.db import connections


def counts(**querysets) -> dict[str, int]:
    """`{name: queryset.count()}` for every queryset, read in one SQL statement (each count is
    a scalar subquery of one SELECT). The querysets must use the same database."""
    found = {}
    parts, params, database = [], [], None
    for name, queryset in querysets.items():
        try:
            sql, query_params = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # `.none()` or a filter on an empty list: nothing to ask
            found[name] = 0
            continue
        database = database or queryset.db
        # The SQL is Django's own, compiled from the queryset; values are parameters
        parts.append((name, f"(SELECT COUNT(*) FROM ({sql}) AS counted_{len(parts)})"))  # noqa: S608
        params.extend(query_params)
    if parts:
        with connections[database].cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(part for _name, part in parts), params)
            row = cursor.fetchone()
        found.update((name, value) for (name, _part), value in zip(parts, row, strict=True))
    return {name: found[name] for name in querysets}
