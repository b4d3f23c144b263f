import csv
import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from solidair.accounts.permissions import municipality_for_officer_or_404, require_coordinator
from solidair.core.csvsafe import csv_cell
from solidair.core.handoff import handoff_get
from solidair.core.numbers import parse_ids
from solidair.core.ratelimit import client_ip
from solidair.volunteers import selectors, services
from solidair.volunteers.forms import (
    NeedForm,
    OfferDetailsForm,
    OfferForm,
    OfferStatusForm,
    OfficerFilterForm,
    WriteForm,
)
from solidair.volunteers.limits import offer_rate_ok
from solidair.volunteers.models import OFFICIAL_PROCEDURES, Role, VolunteerNeed, VolunteerOffer


def _procedures():
    return [{"role": Role(role).label, **procedure}
            for role, procedure in OFFICIAL_PROCEDURES.items()]


@never_cache
def offer(request):
    nis = request.GET.get("nis", "").strip()[:5]
    status = 200
    if request.method == "POST":
        form = OfferForm(request.POST, nis=nis)
        if form.data.get("website"):
            return redirect("volunteers:offer_sent")  # a robot: pretend all went well
        if form.is_valid():
            if offer_rate_ok(ip=client_ip(request), email=form.cleaned_data["email"]):
                services.offer_submit(language=get_language(), **form.submission())
                return redirect("volunteers:offer_sent")
            form.add_error(None, _("Too many attempts. Please try again in an hour."))
            status = 429
    else:
        initial = services.prefill_initial(handoff_get(request, request.GET.get("prefill", "")))
        postal_code = request.GET.get("postal_code", "").strip()[:4]
        if postal_code or nis:
            initial.setdefault("postal_code", postal_code or selectors.only_postal_code(nis))
        form = OfferForm(initial=initial, nis=nis)
    return render(request, "volunteers/offer_form.html",
                  {"form": form, "municipality": form.from_municipality,
                   "procedures": _procedures(),
                   "consent_text": services.consent_text()}, status=status)


def offer_sent(request):
    return render(request, "volunteers/offer_sent.html")


def _invalid_link(request):
    return render(request, "volunteers/link_invalid.html", status=404)


@never_cache
def confirm(request, token):
    if request.method == "POST":
        confirmed = services.offer_confirm(token=token)
        if confirmed is None:
            return _invalid_link(request)
        return render(request, "volunteers/confirmed.html",
                      {"offer": confirmed, "manage_url": _manage_path(confirmed)})
    if not services.offer_confirmation_pending(token=token):
        return _invalid_link(request)
    return render(request, "volunteers/confirm.html")


def _with_offer(view):
    """Give the view the offer of its self-service token; an unknown, deleted or tampered
    token gets the same friendly "this link does not work" page as the main link."""
    @wraps(view)
    def wrapper(request, token):
        found = services.offer_from_manage_token(token)
        if found is None:
            return _invalid_link(request)
        return view(request, token, found)
    return wrapper


def _manage_path(offer: VolunteerOffer) -> str:
    """The self-service page on this site, in the page's language (e-mails use SITE_URL)."""
    return reverse("volunteers:manage", args=[services.offer_manage_token(offer)])


def _details_initial(found: VolunteerOffer) -> dict:
    return {"name": found.name, "phone": found.phone, "roles": found.role_list,
            "interpreting_languages": found.interpreting_language_list,
            "availability": found.availability_list, "languages": found.language_list,
            "message": found.message, "share_contact": found.share_contact}


@never_cache
def manage(request, token):
    found = services.offer_from_manage_token(token)
    if found is None:
        return _invalid_link(request)
    if request.method == "POST":
        form = OfferDetailsForm(request.POST)
        if form.is_valid():
            services.offer_update(offer=found, data=form.cleaned_data)
            messages.success(request, _("Your offer has been saved."))
            return redirect("volunteers:manage", token)
    else:
        form = OfferDetailsForm(initial=_details_initial(found))
    return render(request, "volunteers/manage.html",
                  {"offer": found, "form": form, "token": token, "procedures": _procedures()})


@never_cache
@_with_offer
def manage_download(request, token, found):
    response = HttpResponse(
        json.dumps(services.offer_export(found), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-volunteer-offer.json"'
    return response


@require_POST
@_with_offer
def manage_pause(request, token, found):
    paused = request.POST.get("paused") == "1"
    services.offer_set_paused(offer=found, paused=paused)
    messages.success(request, _("Your offer is paused.") if paused
                     else _("Your offer is active again."))
    return redirect("volunteers:manage", token)


@require_POST
@_with_offer
def manage_keep(request, token, found):
    services.offer_keep(offer=found)
    messages.success(request, _("Thank you: we keep your offer."))
    return redirect("volunteers:manage", token)


@never_cache
@_with_offer
def manage_delete(request, token, found):
    if request.method == "POST":
        services.offer_delete(offer=found)
        return redirect("volunteers:deleted")
    return render(request, "volunteers/manage_delete.html", {"offer": found, "token": token})


def deleted(request):
    return render(request, "volunteers/deleted.html")


@never_cache
def need_answer(request, token):
    found = services.need_answer_read(token)
    if found is None:
        return _invalid_link(request)
    need, volunteer = found
    is_open = need.is_open_on(timezone.localdate())
    answered = need.responses.filter(offer=volunteer).exists()
    if request.method == "POST" and is_open:
        services.need_answer(need=need, offer=volunteer)
        answered = True
    return render(request, "volunteers/need_answer.html",
                  {"need": need, "is_open": is_open, "answered": answered,
                   "manage_url": _manage_path(volunteer)})


# The municipality's officer -----------------------------------------------------------------


def _filtered(request, municipality):
    form = OfficerFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, selectors.officer_offers(municipality, **filters)


OFFERS_PER_PAGE = 25


@login_required
@require_safe
def officer_list(request, nis):
    municipality = municipality_for_officer_or_404(request.user, nis)
    form, offers = _filtered(request, municipality)
    page = Paginator(offers, OFFERS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "volunteers/officer_list.html",
                  {"municipality": municipality, "filter_form": form, "page": page,
                   "offers": page.object_list, "query": query.urlencode()})


@login_required
@require_safe
def officer_export(request, nis):
    municipality = municipality_for_officer_or_404(request.user, nis)
    offers = _filtered(request, municipality)[1]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="volunteers-{nis}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("E-mail address"), _("Phone"), _("Postal code"), _("Roles"),
                     _("Languages you can interpret"), _("Availability"), _("Languages"),
                     _("Status"), _("Paused by the volunteer"), _("Confirmed on"),
                     _("Message")])
    count = 0
    for item in offers:
        shared = item.share_contact
        writer.writerow([csv_cell(value) for value in (
            item.name, item.email if shared else "", item.phone if shared else "",
            item.postal_code, ", ".join(item.role_labels()),
            ", ".join(item.interpreting_language_labels()),
            ", ".join(item.availability_labels()), ", ".join(item.language_labels()),
            item.get_status_display(), _("yes") if item.paused_by_volunteer else _("no"),
            timezone.localtime(item.confirmed_at).date().isoformat(), item.message)])
        count += 1
    services.offers_exported(municipality=municipality, count=count, by=request.user)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def officer_offer(request, nis, pk):
    municipality = municipality_for_officer_or_404(request.user, nis)
    found = get_object_or_404(selectors.officer_offers(municipality), pk=pk)
    form = OfferStatusForm(request.POST or None, initial={"status": found.status})
    if request.method == "POST" and form.is_valid():
        services.offer_set_status(offer=found, status=form.cleaned_data["status"],
                                  by=request.user)
        messages.success(request, _("The status has been saved."))
        return redirect("volunteers:officer_offer", nis, pk)
    return render(request, "volunteers/officer_offer.html",
                  {"municipality": municipality, "offer": found, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def officer_write(request, nis):
    municipality = municipality_for_officer_or_404(request.user, nis)
    source = request.POST if request.method == "POST" else request.GET
    selected = parse_ids(source.getlist("offers"))
    candidates = list(selectors.writable_offers(municipality, selected))
    if request.method == "POST":
        form = WriteForm(request.POST, offers=candidates)
        if form.is_valid():
            chosen = [o for o in candidates if o.pk in set(form.cleaned_data["offers"])]
            sent = services.offers_write(
                municipality=municipality, offers=chosen, subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"], by=request.user)
            messages.success(request, _("Your message is on its way to %(count)d volunteers.")
                             % {"count": sent})
            return redirect("volunteers:officer_list", nis)
    else:
        form = WriteForm(offers=candidates, initial={"offers": [o.pk for o in candidates]})
    return render(request, "volunteers/officer_write.html",
                  {"municipality": municipality, "form": form, "candidates": candidates})


@login_required
@require_safe
def need_list(request, nis):
    municipality = municipality_for_officer_or_404(request.user, nis)
    return render(request, "volunteers/need_list.html",
                  {"municipality": municipality,
                   "needs": selectors.municipality_needs(municipality),
                   "today": timezone.localdate()})


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request, nis):
    municipality = municipality_for_officer_or_404(request.user, nis)
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        need = services.need_create(municipality=municipality, by=request.user,
                                    **form.cleaned_data)
        messages.success(request, _("The need has been posted."))
        return redirect("volunteers:need_detail", nis, need.pk)
    return render(request, "volunteers/need_form.html",
                  {"municipality": municipality, "form": form})


@login_required
@require_safe
def need_detail(request, nis, pk):
    municipality = municipality_for_officer_or_404(request.user, nis)
    need = get_object_or_404(VolunteerNeed, pk=pk, municipality=municipality)
    return render(request, "volunteers/need_detail.html",
                  {"municipality": municipality, "need": need,
                   "responses": selectors.need_responses(need),
                   "notified": need.notifications.count(),
                   "is_open": need.is_open_on(timezone.localdate())})


@login_required
@require_POST
def need_close(request, nis, pk):
    municipality = municipality_for_officer_or_404(request.user, nis)
    need = get_object_or_404(VolunteerNeed, pk=pk, municipality=municipality)
    services.need_close(need=need, by=request.user)
    messages.success(request, _("The need is closed."))
    return redirect("volunteers:need_detail", nis, pk)


# Coordinators: counts only ------------------------------------------------------------------


@login_required
@require_safe
def coordinator_overview(request):
    require_coordinator(request.user)
    return render(request, "volunteers/coordinator_overview.html",
                  {"rows": selectors.counts_per_municipality_and_role(),
                   "roles": [role.label for role in Role]})
