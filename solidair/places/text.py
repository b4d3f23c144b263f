"""Text normalisation shared by the loader (search_text) and every search (pages and API)."""

import re
import unicodedata

MAX_QUERY_LENGTH = 100
_SEPARATORS = re.compile(r"[\s\-‐–—'’`.,/()]+")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


def normalize(text: str) -> str:
    """Lower case, no accents, hyphens and apostrophes as single spaces: 'Liège' -> 'liege'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    # Drop accents, and control characters (a NUL byte would make PostgreSQL refuse the query).
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char)
                         and not unicodedata.category(char).startswith("C"))
    return _SEPARATORS.sub(" ", ascii_only.casefold()).strip()


def strip_disambiguation(name: str) -> str:
    """Statbel's 'Hove (Antwerpen)' -> 'Hove': the part in brackets only tells namesakes apart."""
    return _PARENTHESES.sub("", name).strip()


def build_search_text(names) -> str:
    """'|gent|gand|' : every distinct name between bars, so that both a substring search
    (contains 'gen') and an exact name match (contains '|gent|') work the same on SQLite and
    PostgreSQL without database-specific functions."""
    seen = []
    for name in names:
        normalized = normalize(strip_disambiguation(name or ""))
        if normalized and normalized not in seen:
            seen.append(normalized)
    return "|" + "|".join(seen) + "|"
