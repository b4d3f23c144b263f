"""Search over published practices, on the database.

Every practice stores `search_text`: all its languages' text in lower case without accents. On
PostgreSQL a full-text query with the `simple` configuration runs against a GIN index on that
text (created in migration 0002, PostgreSQL only), so "Enfants", "enfants" and "énfants" all
match in Dutch, French or English. On SQLite each word must occur in the normalised text.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection

WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lower case, accents removed ("Één" -> "een"), words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(WORD.findall(stripped.casefold()))


def search_vector():
    # The same expression as the GIN index of migration 0002, so PostgreSQL uses the index.
    return SearchVector("search_text", config="simple")


def filter_text(queryset, query: str):
    words = normalise(query).split()
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        # Each word is quoted, so nothing the visitor types is read as a tsquery operator.
        return queryset.annotate(search=search_vector()).filter(
            search=SearchQuery(" ".join(words), config="simple", search_type="plain"))
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset
