from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, npgettext
from django.views.decorators.http import require_safe

from solidair.core.extensions import PROFILE_PLACES, ProfileSection, hooks
from solidair.core.fragments import cached_for_visitors, cached_fragment
from solidair.core.pagecache import topics_for_url
from solidair.places import selectors
from solidair.places.forms import DirectoryForm, MapFilterForm
from solidair.places.listing import directory_parts, municipality_items, sorted_by_name
from solidair.places.map import render_map_svg
from solidair.places.models import MunicipalityStatus
from solidair.places.text import MAX_QUERY_LENGTH


def _language() -> str:
    return (get_language() or "nl")[:2]


def _filters(form) -> dict:
    """The valid filters of a bound filter form; invalid values are dropped (the form shows
    their error next to the field)."""
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    return {name: data.get(name) or "" for name in ("province", "status")
            if name not in form.errors}


def status_count_label(status: str, count: int) -> str:
    """The words after a count of municipalities with `status`, in the plural the count needs:
    "15 leden", "1 kandidaat" ("15 membres", "1 candidate")."""
    if status == MunicipalityStatus.MEMBER:
        return npgettext("municipalities count", "member", "members", count)
    if status == MunicipalityStatus.CANDIDATE:
        return npgettext("municipalities count", "candidate", "candidates", count)
    if status == MunicipalityStatus.IN_DIALOGUE:
        return npgettext("municipalities count", "municipality in dialogue",
                         "municipalities in dialogue", count)
    if status == MunicipalityStatus.RESIDENTS_ASKING:
        return npgettext("municipalities count", "municipality where residents are asking",
                         "municipalities where residents are asking", count)
    if status == MunicipalityStatus.FORMER_MEMBER:
        return npgettext("municipalities count", "former member", "former members", count)
    return npgettext("municipalities count", "municipality not engaged yet",
                     "municipalities not engaged yet", count)


@require_safe
def home(request):
    """The start page: residents ask their council (search right there), municipalities and
    volunteers find where to start, then where the municipalities stand and the map."""
    def body(request=None) -> str:
        counts, version = selectors.status_summary()
        return render_to_string("places/includes/home_body.html", {
            "form": DirectoryForm(),
            "counts": [(status_count_label(value, count), value, count)
                       for value, count in counts.items()],
            "member_count": counts[MunicipalityStatus.MEMBER],
            "map_svg": render_map_svg(language=_language(), version=version),
            "statuses": MunicipalityStatus.choices,
        }, request=request)

    # Everything below the header is the same for every visitor: built once per version of
    # the municipalities' data (at most SUMMARY_SECONDS, as its counts). Signed-in people and
    # addresses with a query get it rendered for them.
    if request.user.is_authenticated or request.GET:
        html = body(request)
    else:
        html = cached_fragment("places:home", get_language(), build=body,
                               topics=("public", "municipalities"),
                               seconds=selectors.SUMMARY_SECONDS)
    return render(request, "places/home.html", {"body": mark_safe(html)})  # noqa: S308


@require_safe
def directory(request):
    query = request.GET.get("q", "")
    if len(query) > MAX_QUERY_LENGTH:
        # Continue on a clean address with the shortened search, so that the page and its
        # links (language switch) do not carry 10,000 characters.
        messages.warning(request, gettext(
            "Your search was very long: only its first %(count)d characters were used.")
            % {"count": MAX_QUERY_LENGTH})
        data = request.GET.copy()
        data["q"] = query[:MAX_QUERY_LENGTH]
        return redirect(f"{request.path}?{data.urlencode()}")
    form = DirectoryForm(request.GET or None)
    filters = _filters(form) if form.is_bound else {}
    search = selectors.municipality_search(query, **filters) if form.is_bound else None
    if search and search.exact and not any(filters.values()):
        return redirect(search.exact)
    fields = {"form": form, "filter_fields": [form["province"], form["status"]]}
    if search:
        found = sorted_by_name(search.results)
        return render(request, "places/directory.html", {
            **fields, "search": search, "municipalities": found,
            "municipality_items": municipality_items(found)})
    # Without a search the list and the form are the same for everyone: built once per
    # version of the data (the form's selects were most of the page's time).
    parts = directory_parts(lambda: render_to_string("places/includes/directory_fields.html",
                                                     fields))
    return render(request, "places/directory.html", {
        "form_html": mark_safe(parts["form"]),  # noqa: S308 - the form's own rendering
        "municipality_items": mark_safe(parts["items"])})  # noqa: S308 - escaped when built


def _page_topics(nis: str) -> tuple[str, ...]:
    """What a municipality's page depends on, as the page cache has it (its own data, the
    public data, the meetings its officers attended)."""
    return tuple(topics_for_url(settings.PAGE_CACHE_PUBLIC_PAGES["places:municipality"],
                                {"nis": nis}))


def _page_parts(request, nis: str) -> dict:
    """Everything a municipality's page shows below the header, in the active language: the
    municipality (or the current code of an older one), its reference facts, its timeline, and
    the apps' sections and head tags.

    The page is ordered by purpose: what the visitor came to do for a municipality in this
    status first (the apps decide: the residents' ask, a member's commitments), then how to
    help, the rest, the history, and the reference facts last."""
    municipality, current_code = selectors.municipality_by_code(nis)
    if municipality is None:
        return {"municipality": None, "current_code": current_code}
    sections = {place: [] for place in PROFILE_PLACES}
    for hook in hooks("municipality_profile_sections"):
        for section in hook(request, municipality):
            if not isinstance(section, ProfileSection):
                section = ProfileSection(str(section))
            sections[section.place].append(section.html)
    return {
        "municipality": municipality,
        "story": selectors.membership_story(municipality),
        "postal_codes": [postal.code for postal in municipality.postal_codes.all()],
        "merged_from": selectors.merged_from(municipality),
        # Public events only.
        "timeline": selectors.municipality_timeline(municipality),
        "head_tags": [tag for hook in hooks("municipality_head_tags")
                      for tag in hook(request, municipality)],
        "lead_sections": sections["lead"],
        "help_sections": sections["help"],
        "more_sections": sections["more"],
    }


@require_safe
def municipality_detail(request, nis):
    # For visitors, everything below the header is read in one cache roundtrip, kept per
    # version of the page's topics (a change empties it as it empties the page cache) and at
    # most PAGE_CACHE_SECONDS: the counts and the newest names follow co-signatures and
    # offers, which do not invalidate the page, and may lag as long as the page cache lets
    # them. The apps keep their own sections as well, so a rebuild reads mostly their parts.
    # Signed-in people get it built for them. Only a well-formed code is kept: any other path
    # is not found without a cache entry.
    if not selectors.NIS_PATTERN.match(nis):
        return render(request, "places/not_found.html", {"code": nis}, status=404)
    parts = cached_for_visitors(request, "places:page", nis, get_language(),
                                build=lambda: _page_parts(request, nis),
                                topics=_page_topics(nis), seconds=settings.PAGE_CACHE_SECONDS)
    municipality = parts["municipality"]
    if municipality is None and parts["current_code"]:
        return redirect("places:municipality", parts["current_code"], permanent=True)
    if municipality is None:
        return render(request, "places/not_found.html", {"code": nis}, status=404)
    language = _language()
    names = [(code, name) for code, name in (("nl", municipality.name_nl),
                                             ("fr", municipality.name_fr),
                                             ("de", municipality.name_de)) if name]
    names.sort(key=lambda item: item[0] != language)  # the page's language first
    seen = set()
    names = [(code, name) for code, name in names if not (name in seen or seen.add(name))]
    return render(request, "places/municipality_detail.html", {
        **parts, "title": municipality.title, "names": names})


@require_safe
def map_page(request):
    form = MapFilterForm(request.GET or None)
    filters = _filters(form) if form.is_bound else {}
    return render(request, "places/map.html", {
        "form": form,
        "map_svg": render_map_svg(language=_language(), status=filters.get("status"),
                                  province=filters.get("province")),
        "statuses": MunicipalityStatus.choices,
    })


@require_safe
def map_svg(request):
    form = MapFilterForm(request.GET or None)
    filters = _filters(form) if form.is_bound else {}
    links = request.GET.get("links") != "0"
    svg = render_map_svg(language=_language(), status=filters.get("status"),
                         province=filters.get("province"), links=links)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def credits(request):
    return render(request, "places/credits.html")


