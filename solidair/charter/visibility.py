"""What a member shows elsewhere: the badge, the share image and the embed snippet."""

import json
import threading
from pathlib import Path

import typst
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from solidair.core.links import absolute_url

BADGE_LANGUAGES = ("nl", "fr", "en")
SHARE_TEMPLATE = Path(__file__).resolve().parent / "typst" / "share.typ"
COMMITMENT_SHARE_TEMPLATE = Path(__file__).resolve().parent / "typst" / "commitment_share.typ"
_local = threading.local()


def badge_language(requested: str | None) -> str:
    return requested if requested in BADGE_LANGUAGES else "nl"


def member_label(municipality, language: str, *, lapsed: bool = False) -> str:
    """'Solidaire Gemeente sinds 2023' in `language`; for a member whose new council did not
    reconfirm it in time, that the membership lapsed."""
    year = municipality.member_since.year if municipality.member_since else ""
    with translation.override(language):
        if lapsed:
            return _("Solidarity membership lapsed")
        if municipality.is_city:
            return _("Solidarity city since %(year)s") % {"year": year}
        return _("Solidarity municipality since %(year)s") % {"year": year}


def badge_context(municipality, language: str, *, lapsed: bool = False) -> dict:
    label = member_label(municipality, language, lapsed=lapsed)
    name = municipality.names.get(language) or municipality.name_nl
    # A rough width: system fonts differ, so leave room rather than measure.
    width = max(len(label), len(name)) * 8 + 40
    return {"label": label, "name": name, "width": width, "language": language,
            "lapsed": lapsed}


def embed_snippet(municipality) -> str:
    """The HTML an officer copies into the municipality's website."""
    url = absolute_url("charter:widget", args=[municipality.nis])
    return format_html(
        '<iframe src="{}" title="{}" width="320" height="420" loading="lazy"></iframe>',
        url, _("Our commitments as a solidarity municipality"))


def _share_compiler(template: Path = SHARE_TEMPLATE) -> typst.Compiler:
    """One compiler per template and thread; only Typst's own embedded fonts (no system fonts,
    nothing from the network), so the image is the same on every server."""
    compilers = getattr(_local, "compilers", None)
    if compilers is None:
        compilers = _local.compilers = {}
    if template not in compilers:
        compilers[template] = typst.Compiler(str(template), ignore_system_fonts=True)
    return compilers[template]


def share_image_png(municipality, *, commitment_count: int, language: str = "nl") -> bytes:
    """A 1200 x 630 PNG for Open Graph (most sites that read og:image do not accept SVG)."""
    with translation.override(language):
        data = {
            "lang": language,
            "network": _("Network of Solidarity Cities and Municipalities"),
            "name": municipality.names.get(language) or municipality.name_nl,
            "since": member_label(municipality, language),
            "commitments": ngettext("%(count)d commitment", "%(count)d commitments",
                                    commitment_count) % {"count": commitment_count},
            "site": settings.SITE_URL.split("://", 1)[-1].rstrip("/"),
        }
    return _share_compiler().compile(format="png", ppi=144,
                                     sys_inputs={"data": json.dumps(data, ensure_ascii=False)})


def commitment_share_data(story, *, state: str, language: str) -> dict:
    """What the share image of one commitment shows (`story`: selectors.CommitmentStory), in
    `language`; also the key its PNG is kept under."""
    municipality = story.municipality
    with translation.override(language):
        data = {
            "lang": language,
            "network": _("Network of Solidarity Cities and Municipalities"),
            "name": municipality.name_in(language),
            "activity": story.commitment.activity_title,
            "state": _("State: %(state)s") % {"state": state},
            "note": (_("Dropped by the council") if story.is_dropped
                     else _("Former member") if story.is_former_member else ""),
            "site": settings.SITE_URL.split("://", 1)[-1].rstrip("/"),
        }
    return data


def commitment_share_png(data: dict) -> bytes:
    """A 1200 x 630 PNG for Open Graph of one commitment: the municipality, the activity and
    its state (`data` from `commitment_share_data`)."""
    return _share_compiler(COMMITMENT_SHARE_TEMPLATE).compile(
        format="png", ppi=144, sys_inputs={"data": json.dumps(data, ensure_ascii=False)})
