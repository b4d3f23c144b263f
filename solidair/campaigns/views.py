import csv
import json
import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from solidair.accounts.permissions import (
    can_see_personal_data,
    is_coordinator,
    is_officer_of,
    municipality_for_editor_or_404,
    municipality_for_officer_or_404,
    officer_municipality_list,
    require_coordinator,
)
from solidair.campaigns import conf, limits, selectors, services, tokens
from solidair.campaigns.files import CONTENT_TYPES
from solidair.campaigns.forms import (
    CRITERIA,
    AnswerForm,
    AnswerReportForm,
    BlockedDomainForm,
    CampaignSettingsForm,
    CouncilAddressForm,
    InvalidationConfirmForm,
    InvalidationCriteriaForm,
    PaperBatchForm,
    ReceiptCheckForm,
    SignatoryFilterForm,
    SignatoryWriteForm,
    SignatureForm,
)
from solidair.campaigns.listing import filter_fields, signatory_rows
from solidair.campaigns.models import (
    BlockedEmailDomain,
    CampaignSettings,
    CouncilAnswer,
    PaperBatch,
    Signature,
    SignatureInvalidation,
    SignatureStatus,
    TrendKind,
)
from solidair.core.csvsafe import csv_cell
from solidair.core.handoff import prefilled_url
from solidair.core.numbers import parse_ids, parse_int
from solidair.core.ratelimit import client_ip
from solidair.places.models import Municipality, MunicipalityStatus


def volunteer_url(request, signature: Signature) -> str:
    """The volunteers' form, filled in with what the signer already told us."""
    return prefilled_url(request, "volunteers:offer", {
        "name": signature.name, "email": signature.email, "phone": signature.phone,
        "postal_code": signature.postal_code}, nis=signature.municipality_id)


@require_http_methods(["GET", "POST"])
def sign(request, nis):
    municipality = get_object_or_404(Municipality, nis=nis)
    is_lapsed = selectors.membership_lapsed(municipality)
    if municipality.status == MunicipalityStatus.MEMBER and not is_lapsed:
        # A member is never asked to join: nothing is stored, the page says how to help instead.
        # A lapsed one (its new council did not reconfirm) is asked to reconfirm.
        return render(request, "places/already_member.html", {"municipality": municipality},
                      status=409 if request.method == "POST" else 200)
    form = SignatureForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:  # the honeypot: answer like a success, store nothing
            return redirect("campaigns:sent", nis=nis)
        refused = limits.submission_refused(ip=client_ip(request), email=data["email"])
        if refused is not None:
            return too_many(request, municipality, refused)
        else:
            try:
                services.signature_submit(
                    municipality=municipality, name=data["name"], email=data["email"],
                    postal_code=data["postal_code"], phone=data["phone"],
                    message=data["message"], wants_to_volunteer=data["wants_to_volunteer"],
                    show_name_publicly=data["show_name_publicly"],
                    share_email_with_council=data["share_email_with_council"],
                    consent=data["consent"], language=get_language())
            except services.SignatureInvalid as error:
                for field, texts in error.errors.items():
                    for text in texts:
                        form.add_error(field if field in form.fields else None, text)
                status = 400
            else:
                return redirect("campaigns:sent", nis=nis)
    elif request.method == "POST":
        status = 400
    return render(request, "campaigns/sign.html",
                  {"municipality": municipality, "form": form, "is_lapsed": is_lapsed,
                   "consent_text":
                   services.consent_text(), **selectors.momentum(municipality)}, status=status)


def too_many(request, municipality, window) -> HttpResponse:
    """429: a friendly page saying how long to wait, with `Retry-After` and `RateLimit-*`."""
    response = render(request, "campaigns/too_many.html", {
        "municipality": municipality, "minutes": max(1, math.ceil(window.reset / 60))},
        status=429)
    for name, value in window.headers().items():
        response[name] = value
    response["Retry-After"] = str(window.reset)
    return response


def sent(request, nis):
    municipality = get_object_or_404(Municipality, nis=nis)
    return render(request, "campaigns/sent.html", {"municipality": municipality})


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button and POST confirms, so mail scanners that open links count nothing."""
    if request.method == "POST":
        # The service checks the link itself: no second look-up before it.
        signature = services.signature_confirm(token=token, source_ip=client_ip(request))
        if signature is None:
            return render(request, "campaigns/link_invalid.html", status=404)
        return redirect("campaigns:thanks", token=tokens.management_token(signature))
    signature = services.pending_signature_for_token(token)
    if signature is None:
        return render(request, "campaigns/link_invalid.html", status=404)
    return render(request, "campaigns/confirm.html", {"signature": signature,
                                                      "municipality": signature.municipality})


def _signature_or_404(token) -> Signature:
    signature = selectors.signature_for_management_token(token)
    if signature is None:
        raise Http404
    return signature


def thanks(request, token):
    signature = _signature_or_404(token)
    if signature.status not in (SignatureStatus.CONFIRMED, SignatureStatus.HELD):
        return redirect("campaigns:manage", token=token)
    municipality = signature.municipality
    return render(request, "campaigns/thanks.html", {
        "signature": signature, "municipality": municipality, "token": token,
        "held": signature.status == SignatureStatus.HELD,
        "volunteer_url": volunteer_url(request, signature) if signature.wants_to_volunteer else "",
        "letter_url": selectors.letter_url(municipality), **selectors.momentum(municipality)})


def manage(request, token):
    signature = _signature_or_404(token)
    return render(request, "campaigns/manage.html", {
        "signature": signature, "municipality": signature.municipality, "token": token,
        "answer": selectors.latest_answer(signature.municipality),
        "receipt": selectors.signature_receipt(signature)})


def export(request, token):
    signature = _signature_or_404(token)
    response = HttpResponse(
        json.dumps(selectors.signature_export(signature), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="signature-{signature.pk}.json"'
    return response


@require_http_methods(["GET", "POST"])
def delete(request, token):
    signature = _signature_or_404(token)
    if request.method == "POST":
        municipality = signature.municipality
        services.signature_delete(signature=signature)
        return render(request, "campaigns/deleted.html", {"municipality": municipality})
    return render(request, "campaigns/delete.html", {"signature": signature, "token": token,
                                                     "municipality": signature.municipality})


@require_http_methods(["GET", "POST"])
def report_answer(request, token):
    signature = _signature_or_404(token)
    form = AnswerReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.answer_report_submit(signature=signature, replied=form.cleaned_data["replied"],
                                      details=form.cleaned_data["details"])
        messages.success(request, _("Thank you: the network follows it up."))
        return redirect("campaigns:manage", token=token)
    return render(request, "campaigns/report_answer.html",
                  {"form": form, "signature": signature, "municipality": signature.municipality},
                  status=400 if form.errors else 200)


def _pdf_response(answer: CouncilAnswer) -> FileResponse:
    if not answer.document:
        raise Http404
    return FileResponse(answer.document.open("rb"), content_type="application/pdf",
                        filename=f"answer-{answer.municipality_id}-{answer.answered_on}.pdf")


def signer_answer_document(request, token, pk):
    """Co-signatories read the council's answer through their own link."""
    signature = _signature_or_404(token)
    if signature.status != SignatureStatus.CONFIRMED:
        raise Http404
    answer = get_object_or_404(CouncilAnswer, pk=pk, municipality=signature.municipality)
    return _pdf_response(answer)


@login_required
@require_safe
def answer_document(request, nis, pk):
    municipality = municipality_for_editor_or_404(request.user, nis)
    return _pdf_response(get_object_or_404(CouncilAnswer, pk=pk, municipality=municipality))


@login_required
@require_http_methods(["GET", "POST"])
def answer_record(request, nis):
    municipality = municipality_for_editor_or_404(request.user, nis)
    form = AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_record(municipality=municipality, answered_on=data["answered_on"],
                                   outcome=data["outcome"], text=data["text"],
                                   document=data["document"], by=request.user)
        except ValidationError as error:
            field = "document" if data["document"] else None
            for text in error.messages:
                form.add_error(field, text)
        else:
            messages.success(request, _("The answer is recorded; the co-signatories are told."))
            return redirect("campaigns:answer_record", nis=nis)
    return render(request, "campaigns/answer_record.html", {
        "municipality": municipality, "form": form,
        "answers": CouncilAnswer.objects.filter(municipality=municipality)},
        status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_settings(request, nis):
    """The council's address (its officer: in effect at once; a coordinator: once confirmed
    through the link mailed to it) and, for coordinators, the digest period and threshold."""
    municipality = municipality_for_editor_or_404(request.user, nis)
    officer = is_officer_of(request.user, municipality)
    coordinator = is_coordinator(request.user)
    if request.method == "POST" and "withdraw_pending" in request.POST:
        if services.council_address_withdraw(municipality=municipality, by=request.user):
            messages.success(request, _("The address waiting for confirmation was withdrawn; "
                                        "its link no longer works."))
        return redirect("campaigns:settings", nis=nis)
    form_class = CampaignSettingsForm if coordinator else CouncilAddressForm
    form = form_class(request.POST or None, instance=CampaignSettings.objects.filter(
        pk=nis).first() or CampaignSettings(municipality=municipality))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            outcome = services.council_address_change(
                municipality=municipality, email=data["council_email"], by=request.user)
            if coordinator:
                services.campaign_settings_update(
                    municipality=municipality, by=request.user,
                    **{name: data[name] for name in services.NUMBER_SETTINGS})
        if outcome == services.AddressOutcome.PENDING:
            messages.success(request, _(
                "Saved. We sent a confirmation link to %(email)s: the new address receives "
                "the digests once someone confirms it there.") % {"email": data["council_email"]})
        else:
            messages.success(request, _("Saved."))
        return redirect("campaigns:settings", nis=nis)
    return render(request, "campaigns/settings.html", {
        "municipality": municipality, "form": form, "is_officer": officer,
        "campaign": selectors.campaign_settings_for(municipality), "now": timezone.now(),
        **selectors.momentum(municipality)}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def council_address_confirm(request, token):
    """Opened from the mail sent to a council's new address. GET shows a button, POST confirms,
    so a mail scanner that opens links confirms nothing."""
    if request.method == "POST":
        campaign = services.council_address_confirm(token=token)
        template = "campaigns/council_address_confirmed.html"
    else:
        campaign = services.council_address_for_token(token)
        template = "campaigns/council_address_confirm.html"
    if campaign is None:
        return render(request, "campaigns/council_address_link_invalid.html", {
            "days": conf.get("CAMPAIGNS_ADDRESS_CONFIRMATION_DAYS")}, status=404)
    return render(request, template, {"campaign": campaign,
                                      "municipality": campaign.municipality})


def privacy(request):
    """What a signature keeps, for how long, and who sees it."""
    from django.conf import settings

    return render(request, "campaigns/privacy.html", {
        "confirmation_days": conf.get("CAMPAIGNS_CONFIRMATION_DAYS"),
        "source_days": conf.get("SIGNATURE_SOURCE_RETENTION_DAYS"),
        "outbox_days": settings.OUTBOX_RETENTION_DAYS})


def ranking(request):
    return render(request, "campaigns/ranking.html", {"rows": selectors.ranking()})


@login_required
@require_safe
def waiting(request):
    require_coordinator(request.user)
    return render(request, "campaigns/waiting.html",
                  {"municipalities": selectors.municipalities_waiting_for_address()})


HELD_PER_PAGE = 50


@login_required
@require_safe
def held(request):
    """Held signatures as patterns (times, e-mail domains, networks), never the person."""
    require_coordinator(request.user)
    signatures = selectors.held_signatures()
    page = Paginator(signatures, HELD_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "campaigns/held.html", {"signatures": signatures, "page": page,
                                                   **selectors.held_patterns(signatures)})


TRENDS_HOURS = 24


@login_required
@require_safe
def trends(request):
    """The last hours' confirmations per network, e-mail domain and municipality, against
    their usual rate: counts and times, never a person."""
    require_coordinator(request.user)
    hours = parse_int(request.GET.get("hours"), minimum=1, maximum=selectors.TREND_HOURS_MAX,
                      default=TRENDS_HOURS)
    found = selectors.signature_trends(hours=hours)
    return render(request, "campaigns/trends.html", {
        "hours": hours, "choices": sorted({1, 6, 24, 72, 168, hours}),
        "days": conf.get("CAMPAIGNS_USUAL_RATE_DAYS"),
        "tables": [(kind, label, found[kind]) for kind, label in TrendKind.choices],
        "crossed": sum(row.crossed for rows in found.values() for row in rows)})


@login_required
@require_POST
def review(request, pk):
    require_coordinator(request.user)
    signature = get_object_or_404(Signature, pk=pk, status=SignatureStatus.HELD)
    decision = request.POST.get("decision")
    if decision not in ("release", "reject"):
        return HttpResponse(_("Choose release or reject."), status=400)
    release = decision == "release"
    services.signature_review(signature=signature, release=release, by=request.user)
    messages.success(request, _("Released: the signature counts.") if release
                     else _("Rejected: the signature does not count."))
    return redirect("campaigns:held")


@login_required
@require_http_methods(["GET", "POST"])
def blocked_domains(request):
    """Coordinators refuse signatures from mail domains beside the list of disposable ones."""
    require_coordinator(request.user)
    form = BlockedDomainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            blocked = services.blocked_domain_add(domain=form.cleaned_data["domain"],
                                                  reason=form.cleaned_data["reason"],
                                                  by=request.user)
        except ValidationError as error:
            form.add_error("domain", error)
        else:
            messages.success(request, _("Signatures from %(domain)s are now refused.")
                             % {"domain": blocked.domain})
            return redirect("campaigns:blocked_domains")
    return render(request, "campaigns/blocked_domains.html",
                  {"form": form, "blocked": BlockedEmailDomain.objects.all()},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def blocked_domain_remove(request, pk):
    require_coordinator(request.user)
    blocked = get_object_or_404(BlockedEmailDomain, pk=pk)
    services.blocked_domain_remove(blocked=blocked, by=request.user)
    messages.success(request, _("Signatures from %(domain)s are accepted again.")
                     % {"domain": blocked.domain})
    return redirect("campaigns:blocked_domains")


# The municipality's officer: the residents who asked --------------------------------------

SIGNATORIES_PER_PAGE = 25


def _filtered_signatories(request, municipality):
    form = SignatoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, selectors.officer_signatories(municipality, **filters)


@login_required
@require_safe
def officer_signatories(request, nis):
    """The officer sees each co-signatory; a coordinator sees the numbers only."""
    # The officer's own municipalities in one query (it also answers the rights checks later).
    municipality = next((m for m in officer_municipality_list(request.user) if m.nis == nis),
                        None)
    if municipality is None:
        municipality = get_object_or_404(Municipality, nis=nis)
        if not is_coordinator(request.user):
            raise Http404
        return render(request, "campaigns/officer_signatories_counts.html",
                      {"municipality": municipality,
                       "counts": selectors.signatory_counts(municipality)})
    form, signatures = _filtered_signatories(request, municipality)
    page = Paginator(signatures, SIGNATORIES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "campaigns/officer_signatories.html",
                  {"municipality": municipality, "filter_fields": filter_fields(form),
                   "page": page, "rows": signatory_rows(page.object_list),
                   "query": query.urlencode()})


@login_required
@require_safe
def officer_signatories_export(request, nis):
    municipality = municipality_for_officer_or_404(request.user, nis)
    signatures = _filtered_signatories(request, municipality)[1]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="co-signatories-{nis}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("Postal code"), _("Confirmed on"), _("E-mail address"),
                     _("Personal paragraph")])
    count = 0
    for signature in signatures.iterator(chunk_size=2000):
        writer.writerow([csv_cell(value) for value in (
            signature.name, signature.postal_code,
            timezone.localtime(signature.confirmed_at).date().isoformat(),
            signature.email if signature.share_email_with_council else "", signature.message)])
        count += 1
    services.signatories_exported(municipality=municipality, count=count, by=request.user)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def officer_write(request, nis):
    municipality = municipality_for_officer_or_404(request.user, nis)
    source = request.POST if request.method == "POST" else request.GET
    selected = parse_ids(source.getlist("signatures"), limit=1000)
    candidates = list(selectors.writable_signatories(municipality, selected))
    if request.method == "POST":
        form = SignatoryWriteForm(request.POST, signatures=candidates)
        if form.is_valid():
            chosen = set(form.cleaned_data["signatures"])
            sent = services.signatories_write(
                municipality=municipality, signatures=[s for s in candidates if s.pk in chosen],
                subject=form.cleaned_data["subject"], body=form.cleaned_data["body"],
                by=request.user)
            messages.success(request, _("Your message is on its way to %(count)d "
                                        "co-signatories.") % {"count": sent})
            return redirect("campaigns:officer_signatories", nis)
    else:
        form = SignatoryWriteForm(signatures=candidates,
                                  initial={"signatures": [s.pk for s in candidates]})
    return render(request, "campaigns/officer_write.html",
                  {"municipality": municipality, "form": form, "candidates": candidates})


@require_safe
def digests_verify(request, nis):
    """Public: the council's digests, and whether a receipt code is in one of them. Answers
    only for the code asked about, never about other signers."""
    municipality = get_object_or_404(Municipality, nis=nis)
    form = ReceiptCheckForm(request.GET or None)
    checked = found = None
    if form.is_bound and form.is_valid():
        checked = True
        found = selectors.digest_for_code(municipality, form.cleaned_data["code"])
    return render(request, "campaigns/digests_verify.html", {
        "municipality": municipality, "form": form, "checked": checked, "found": found,
        "digests": selectors.digests(municipality)})


# Paper signatures (the municipality's officers and the coordinators) -------------------------


@login_required
@require_http_methods(["GET", "POST"])
def paper_batches(request, nis):
    municipality = municipality_for_editor_or_404(request.user, nis)
    form = PaperBatchForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.paper_batch_record(
                municipality=municipality, count=data["count"],
                collected_on=data["collected_on"], collected_by=data["collected_by"],
                scan=data["scan"], by=request.user)
        except ValidationError as error:
            for text in error.messages:
                form.add_error("scan" if data["scan"] else None, text)
        else:
            messages.success(request, _("The paper signatures are recorded: they count now and "
                                        "go in the next digest to the council."))
            return redirect("campaigns:paper_batches", nis=nis)
    return render(request, "campaigns/paper_batches.html", {
        "municipality": municipality, "form": form,
        "batches": selectors.paper_batches(municipality),
        "counts": selectors.signature_counts(municipality),
        "may_open_scans": can_see_personal_data(request.user, municipality)},
        status=400 if form.errors else 200)


def _paper_batch_or_404(user, nis, pk) -> PaperBatch:
    # No login_required: whoever may not edit this municipality (anonymous too) gets 404,
    # so a scan's address tells nothing.
    municipality = municipality_for_editor_or_404(user, nis)
    return get_object_or_404(PaperBatch, pk=pk, municipality=municipality)


@require_safe
def paper_batch_scan(request, nis, pk):
    """The scanned sheets hold residents' names: only the municipality's officers see them
    (a coordinator who recorded the batch sees its count, as with online signatures)."""
    municipality = municipality_for_officer_or_404(request.user, nis)
    batch = get_object_or_404(PaperBatch, pk=pk, municipality=municipality)
    if not batch.scan:
        raise Http404
    kind = batch.scan.name.rsplit(".", 1)[-1]
    response = FileResponse(batch.scan.open("rb"),
                            content_type=CONTENT_TYPES.get(kind, "application/octet-stream"))
    response["Content-Disposition"] = f'inline; filename="paper-{nis}-{batch.pk}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def paper_batch_delete(request, nis, pk):
    batch = _paper_batch_or_404(request.user, nis, pk)
    services.paper_batch_delete(batch=batch, by=request.user)
    messages.success(request, _("The paper signatures are deleted."))
    return redirect("campaigns:paper_batches", nis=nis)


# Bulk invalidation (coordinators) ------------------------------------------------------------


def _criteria(data) -> dict:
    return {name: data.get(name) or None for name in CRITERIA} | {
        "network": data.get("network") or "", "email_domain": data.get("email_domain") or ""}


@login_required
@require_http_methods(["GET", "POST"])
def invalidations(request):
    """Choose criteria, preview how many signatures match (per municipality, no person), give a
    reason and start; the list of earlier invalidations below."""
    require_coordinator(request.user)
    preview, status = None, 200
    if request.method == "POST":
        form = InvalidationConfirmForm(request.POST)
        if form.is_valid():
            try:
                row = services.invalidation_start(by=request.user,
                                                  reason=form.cleaned_data["reason"],
                                                  **_criteria(form.cleaned_data))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The invalidation has started."))
                return redirect("campaigns:invalidation", pk=row.pk)
        status = 400
    elif request.GET:
        form = InvalidationCriteriaForm(request.GET)
        if form.is_valid():
            preview = selectors.invalidation_preview(**_criteria(form.cleaned_data))
            form = InvalidationConfirmForm(initial=request.GET.dict())
        else:
            status = 400
    else:
        form = InvalidationCriteriaForm()
    return render(request, "campaigns/invalidations.html", {
        "form": form, "preview": preview, "invalidations": selectors.invalidations()},
        status=status)


@login_required
@require_safe
def invalidation(request, pk):
    require_coordinator(request.user)
    row = get_object_or_404(SignatureInvalidation.objects.select_related(
        "municipality", "created_by", "undone_by"), pk=pk)
    return render(request, "campaigns/invalidation.html", {"invalidation": row})


@login_required
@require_POST
def invalidation_cancel(request, pk):
    require_coordinator(request.user)
    row = get_object_or_404(SignatureInvalidation, pk=pk)
    if services.invalidation_cancel(invalidation=row, by=request.user):
        messages.success(request, _("The invalidation is cancelled: it stops before its next "
                                    "chunk."))
    return redirect("campaigns:invalidation", pk=pk)


@login_required
@require_POST
def invalidation_undo(request, pk):
    require_coordinator(request.user)
    row = get_object_or_404(SignatureInvalidation, pk=pk)
    try:
        restored = services.invalidation_undo(invalidation=row, by=request.user)
    except ValueError:
        return HttpResponse(_("Only a finished or cancelled invalidation can be undone."),
                            status=409)
    messages.success(request, ngettext(
        "Undone: %(count)d signature has its previous status again.",
        "Undone: %(count)d signatures have their previous status again.", restored)
        % {"count": restored})
    return redirect("campaigns:invalidation", pk=pk)
