"""Search over published practices, on the database.

Every practice stores `search_text`: all its languages' text in lower case without accents. On
PostgreSQL a generated `search_vector` column (to_tsvector with the `simple` configuration, GIN
indexed; added in migration 0002, PostgreSQL only) answers a plain full-text query, so
"Enfants", "enfants" and "énfants" all match in Dutch, French or English. On SQLite each word
must occur in the normalised text.
"""

import re
import unicodedata

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lower case, accents removed ("Één" -> "een"), words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(WORD.findall(stripped.casefold()))


def filter_text(queryset, query: str):
    words = normalise(query).split()
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        # plainto_tsquery reads the words as plain text: nothing typed becomes an operator.
        return queryset.filter(RawSQL(
            "network_goodpractice.search_vector @@ plainto_tsquery('simple'::regconfig, %s)",
            [" ".join(words)], output_field=BooleanField()))
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset
