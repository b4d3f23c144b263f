"""Build a brochure PDF with Typst: the data (all text as JSON), the map, the page count.

The map of members is the places app's SVG map, embedded as vectors.
"""

import re
from pathlib import Path

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from solidair.core.activities import activity_catalogue
from solidair.documents.pdf import render_pdf
from solidair.network.models import (
    Brochure,
    GoodPractice,
    RecommendationLevel,
)
from solidair.places.map import render_map_svg

TEMPLATE = Path(__file__).resolve().parent / "typst" / "brochure.typ"
PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")

SECTIONS = ["context", "actions", "results", "cost", "partners", "lessons"]


def map_svg() -> str:
    """The SVG map of the network's members, without links (it is printed)."""
    return render_map_svg(status="member", language=translation.get_language() or "nl",
                          links=False)


def has_french(practices) -> bool:
    return any(p.language == "fr" or any(t.language == "fr" for t in p.translations.all())
               for p in practices)


def _practice_entry(practice: GoodPractice, language: str) -> dict:
    texts = practice.texts_in(language)
    shown_language = language if (language == practice.language or any(
        t.language == language for t in practice.translations.all())) else practice.language
    section_labels = {"context": _("Context"), "actions": _("What was done"),
                      "results": _("Results and figures"), "cost": _("Cost and funding"),
                      "partners": _("Partners"), "lessons": _("Lessons")}
    return {
        "title": texts["title"] or practice.title,
        "municipality": practice.municipality.name,
        "year": practice.year,
        "language": shown_language,
        "sections": [{"label": str(section_labels[name]), "text": texts[name]}
                     for name in SECTIONS if texts.get(name)],
    }


def _groups(practices, language: str) -> list[dict]:
    """Practices under each charter activity they serve (a practice may appear under several),
    titled as the charter's activities read today, in `language`."""
    groups = []
    for activity in activity_catalogue():
        members = [p for p in practices if activity.number in p.activity_codes]
        if members:
            groups.append({"label": activity.label,
                           "practices": [_practice_entry(p, language) for p in members]})
    return groups


def _recommendations(brochure: Brochure) -> list[dict]:
    if brochure.meeting is None:
        return []
    levels = []
    recommendations = list(brochure.meeting.recommendations.select_related("addressee"))
    for level in RecommendationLevel:
        items = [{"title": r.title, "text": r.text,
                  "addressee": str(r.addressee) if r.addressee else ""}
                 for r in recommendations if r.level == level.value]
        if items:
            levels.append({"label": str(level.label).capitalize(), "items": items})
    return levels


def brochure_practices(brochure: Brochure) -> list[GoodPractice]:
    return list(GoodPractice.objects.filter(
        pk__in=brochure.practice_ids, status=GoodPractice.Status.PUBLISHED)
        .select_related("municipality").prefetch_related("activities", "translations")
        .order_by("municipality__name_nl", "title"))


def brochure_data(brochure: Brochure, practices: list[GoodPractice], *, language: str,
                  svg: str | None) -> dict:
    with translation.override(language):
        subtitle = ""
        if brochure.meeting:
            start = timezone.localtime(brochure.meeting.starts_at)
            subtitle = f"{brochure.meeting.theme} · {formats.date_format(start, 'j F Y')}"
        return {
            "language": language,
            "title": brochure.title,
            "subtitle": subtitle,
            "version": brochure.version,
            "date": formats.date_format(timezone.localdate(), "j F Y"),
            "introduction": brochure.introduction,
            "map_svg": svg,
            "groups": _groups(practices, language),
            "recommendations": _recommendations(brochure),
            "labels": {
                "network": _("Network of Solidarity Cities and Municipalities"),
                "version": _("Version"),
                "contents": _("Contents"),
                "introduction": _("Introduction"),
                "map": _("The members of the network"),
                "map_alt": _("Map of Belgium with the member municipalities of the network"),
                "map_caption": _("Member municipalities of the network"),
                "recommendations": _("Policy recommendations"),
            },
        }


def render(brochure: Brochure, practices: list[GoodPractice], *, language: str,
           svg: str | None) -> bytes:
    return render_pdf(TEMPLATE, brochure_data(brochure, practices, language=language, svg=svg))


def page_count(pdf: bytes) -> int:
    """Pages in a PDF written by Typst (its page objects are not compressed)."""
    return len(PAGE.findall(pdf))
