"""French before a place's name: "Commune d’Anderlues", "Ville du Roeulx", not "de Anderlues".

French elides "de", "le" and "la" before a vowel and contracts "de" with a name's article ("de
Le Roeulx" is "du Roeulx"). `join_name` does it where code puts a name after words (titles,
letters). Translations put names into sentences ("Engagements de %(name)s"): known only once
the sentence is filled. So French text is also corrected on its way out (pages and feeds by
`FrenchElisionMiddleware`, mail by `core.mail`) with `elide`, only before the names the site
knows (`set_name_source`: places plugs in its municipalities' names at start-up), so that Dutch
quoted on a French page keeps its "de" ("de Antwerpse haven" is no name).
"""

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from django.utils.translation import get_language

VOWELS = "AEIOUYÀÂÄÉÈÊËÎÏÔÖÛÜŒaeiouyàâäéèêëîïôöûüœ"
_DE_OR_LE = re.compile(r"\b([dDlL])[ea] $")
_DE = re.compile(r"\b([dD])e $")
_ARTICLE = re.compile(r"(Le|Les) (?=\S)")
# "de", "le" or "la" before a capital that may start a name the rule changes (the cheap test).
_CANDIDATE = re.compile(r"\b[DdLl][ea] (?=[AEIOUYÀÂÄÉÈÊËÎÏÔÖÛÜŒL])")
ELIDED_TYPES = ("text/html", "application/atom+xml", "text/plain")


def join_name(before: str, name: str, language: str) -> str:
    """`before` followed by a place name, as the language writes it. In French, 'de' and 'le'
    elide before a vowel ('Commune d’Anderlues') and 'de' contracts with the article of the
    name ('Ville du Roeulx', 'Commune des Bons Villers'). Other languages just join."""
    if not language.startswith("fr") or not name:
        return before + name
    article = _ARTICLE.match(name)
    if article and _DE.search(before):
        contracted = "u " if article.group(1) == "Le" else "es "
        return _DE.sub(lambda m: m.group(1) + contracted, before) + name[article.end():]
    if name[:1] in VOWELS:
        before = _DE_OR_LE.sub(lambda m: f"{m.group(1)}’", before)
    return before + name


_source: Callable[[], Iterable[str]] | None = None


def set_name_source(source: Callable[[], Iterable[str]]) -> None:
    """Where the names come from (called once at start-up, by places)."""
    global _source
    _source = source
    forget_names()


def forget_names() -> None:
    """The names changed: read them again on next use."""
    _names_by_first_letter.cache_clear()


@lru_cache(maxsize=1)
def _names_by_first_letter() -> dict[str, tuple[str, ...]]:
    """The names `join_name` changes something before (a vowel, an article), by first letter,
    the longest first ("Ottignies-Louvain-la-Neuve" before a shorter name it starts with)."""
    found: dict[str, set[str]] = {}
    for name in (_source() if _source else ()):
        if name and (name[0] in VOWELS or _ARTICLE.match(name)):
            found.setdefault(name[0], set()).add(name)
    return {letter: tuple(sorted(names, key=len, reverse=True))
            for letter, names in found.items()}


def _name_at(text: str, start: int) -> str | None:
    for name in _names_by_first_letter().get(text[start], ()):
        end = start + len(name)
        if text.startswith(name, start) and (end == len(text) or not (
                text[end].isalnum() or text[end] in "-_")):
            return name
    return None


def elide(text: str) -> str:
    """`text` (French) as `join_name` writes the names of places in it."""
    if not _CANDIDATE.search(text):
        return text
    parts, position = [], 0
    for match in _CANDIDATE.finditer(text):
        name = _name_at(text, match.end()) if match.start() >= position else None
        if name is None:
            continue
        parts += [text[position:match.start()], join_name(match.group(0), name, "fr")]
        position = match.end() + len(name)
    if not parts:
        return text
    return "".join(parts) + text[position:]


def is_french(language: str | None = None) -> bool:
    return (language or get_language() or "").split("-")[0] == "fr"


class FrenchElisionMiddleware:
    """Elides in French pages and feeds. Placed after the page cache in MIDDLEWARE, so what
    the cache keeps is already corrected (a hit costs nothing more)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if (response.streaming or response.has_header("Content-Encoding")
                or response.get("X-Page-Cache") in ("hit", "stale")  # kept elided
                or not content_type.startswith(ELIDED_TYPES)
                or not is_french(getattr(request, "LANGUAGE_CODE", None))):
            return response
        charset = response.charset or "utf-8"
        text = response.content.decode(charset)
        elided = elide(text)
        if elided is not text:
            response.content = elided.encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
