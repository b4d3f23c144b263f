from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe

from solidair.core.extensions import hooks
from solidair.places import selectors
from solidair.places.forms import DirectoryForm, MapFilterForm
from solidair.places.map import render_map_svg
from solidair.places.models import MunicipalityStatus
from solidair.places.text import MAX_QUERY_LENGTH, normalize


def _language() -> str:
    return (get_language() or "nl")[:2]


def _filters(form) -> dict:
    """The valid filters of a bound filter form; invalid values are dropped (the form shows
    their error next to the field)."""
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    return {name: data.get(name) or "" for name in ("province", "status")
            if name not in form.errors}


@require_safe
def home(request):
    counts = selectors.status_counts()
    return render(request, "places/home.html", {
        "form": DirectoryForm(),
        "counts": [(MunicipalityStatus(value).label, value, count)
                   for value, count in counts.items()],
        "map_svg": render_map_svg(language=_language()),
        "statuses": MunicipalityStatus.choices,
    })


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
    municipalities = search.results if search else selectors.municipalities_for_list()
    # Sorted by the name shown: Anvers among the A in French.
    municipalities = sorted(municipalities, key=lambda municipality: normalize(municipality.name))
    return render(request, "places/directory.html", {
        "form": form, "filter_fields": [form["province"], form["status"]], "search": search,
        "municipalities": municipalities})


@require_safe
def municipality_detail(request, nis):
    municipality, current_code = selectors.municipality_by_code(nis)
    if municipality is None and current_code:
        return redirect("places:municipality", current_code, permanent=True)
    if municipality is None:
        return render(request, "places/not_found.html", {"code": nis}, status=404)
    sections = [section for hook in hooks("municipality_profile_sections")
                for section in hook(request, municipality)]
    head_tags = [tag for hook in hooks("municipality_head_tags")
                 for tag in hook(request, municipality)]
    return render(request, "places/municipality_detail.html", {
        "municipality": municipality,
        "head_tags": head_tags,
        "postal_codes": [postal.code for postal in municipality.postal_codes.all()],
        "merged_from": selectors.merged_from(municipality),
        "history": municipality.status_changes.all(),
        "sections": sections,
    })


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


