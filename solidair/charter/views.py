import csv
import hashlib
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy, pgettext, pgettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from solidair.accounts.permissions import (
    municipality_for_editor_or_404,
    municipality_for_officer_or_404,
    require_coordinator,
)
from solidair.charter import selectors, services
from solidair.charter.charts import bar_chart
from solidair.charter.forms import (
    ActivityForm,
    ApplicationForms,
    CharterSettingsForm,
    CommitmentUpdateForm,
    FeedbackForm,
    FeedbackTextForm,
    MembersFilterForm,
    ModerationForm,
    ReconfirmForms,
    ReplyForm,
    ReportForm,
    ReviewForm,
    WithdrawForm,
)
from solidair.charter.models import (
    Activity,
    Application,
    Commitment,
    CommitmentFeedback,
    CommitmentState,
    EvidenceLink,
    FeedbackKind,
    FeedbackStatus,
    TermConfirmation,
)
from solidair.charter.timeline import application_timeline, progress_timeline
from solidair.charter.visibility import (
    badge_context,
    badge_language,
    commitment_share_data,
    commitment_share_png,
    embed_snippet,
    member_label,
    share_image_png,
)
from solidair.core.fragments import cached_for_visitors, municipality_topics
from solidair.core.links import absolute_url, site_url
from solidair.core.ratelimit import client_ip, hit
from solidair.core.security import allow_framing
from solidair.places import selectors as places_selectors
from solidair.places.models import Municipality, MunicipalityStatus, Province


def _errors(error: ValidationError) -> list[str]:
    return list(error.messages)


def activities(request):
    charter = selectors.current_charter()
    return render(request, "charter/activities.html",
                  {"charter": charter, "activities": selectors.charter_activities(charter=charter)})


@login_required
@require_http_methods(["GET", "POST"])
def manage(request):
    """Coordinators revise the charter: its minimum and the texts of its activities."""
    require_coordinator(request.user)
    charter = selectors.current_charter()
    form = CharterSettingsForm(request.POST or None,
                               initial={"minimum_activities": charter.minimum_activities})
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            services.charter_set_minimum(charter=charter, by=request.user,
                                         minimum=form.cleaned_data["minimum_activities"])
            messages.success(request, _("The charter was saved."))
            return redirect("charter:manage")
        except ValidationError as error:
            problems = _errors(error)
    return render(request, "charter/manage.html", {
        "charter": charter, "form": form, "problems": problems,
        "activities": Activity.objects.filter(charter=charter).order_by("number")})


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    require_coordinator(request.user)
    activity = get_object_or_404(Activity, pk=pk)
    form = ActivityForm(request.POST or None, instance=Activity.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        services.activity_update(activity=activity, by=request.user, changes={
            name: form.cleaned_data[name] for name in services.ACTIVITY_TEXT_FIELDS})
        messages.success(request, _("The activity was saved."))
        return redirect("charter:manage")
    return render(request, "charter/activity_edit.html", {
        "activity": activity, "form": form,
        "history": activity.history.select_related("history_user")[:20]})


# ---------------------------------------------------------------------------------------------
# Application (officers of the municipality, coordinators)


def _is_member(municipality) -> bool:
    """A member (a founding one, or approved before) describes or updates its commitments;
    the pages say so instead of speaking of an application to join."""
    return municipality.status == MunicipalityStatus.MEMBER


@login_required
@require_http_methods(["GET", "POST"])
def application(request, nis):
    municipality = municipality_for_editor_or_404(request.user, nis)
    charter = selectors.current_charter()
    current = selectors.open_application(municipality)
    approved = selectors.approved_application(municipality)
    if current is None and request.method == "GET":
        return render(request, "charter/application.html", {
            "municipality": municipality, "application": None, "approved": approved,
            "charter": charter, "is_member": _is_member(municipality)})
    problems = []
    if request.method == "POST":
        try:
            current = current or services.application_start(municipality=municipality,
                                                             by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(_errors(error)))
            return redirect("charter:application", nis=nis)
        if not current.is_editable:
            raise Http404
        if "start" in request.POST:
            return redirect("charter:application", nis=nis)
        submitting = "submit" in request.POST
        forms = ApplicationForms(activities=selectors.charter_activities(charter=charter),
                                 minimum=charter.minimum_activities, data=request.POST,
                                 files=request.FILES, application=current)
        if forms.is_valid(submitting=submitting):
            try:
                services.application_save(
                    application=current, data=forms.to_input(), by=request.user,
                    decision_file=forms.main.cleaned_data.get("council_decision_file"))
                if submitting:
                    services.application_submit(application=current, by=request.user,
                                                reply=forms.main.cleaned_data["reply"])
                    messages.success(request, _("Your application was sent for review."))
                else:
                    messages.success(request, _("Your draft was saved."))
                return redirect("charter:application", nis=nis)
            except ValidationError as error:
                problems = _errors(error)
        problems = forms.errors_for_submit + problems
    else:
        forms = ApplicationForms(activities=selectors.charter_activities(charter=charter),
                                 minimum=charter.minimum_activities, application=current)
    return render(request, "charter/application.html", {
        "municipality": municipality, "application": current, "approved": approved,
        "charter": charter, "is_member": _is_member(municipality), "forms": forms,
        "problems": problems,
        "timeline": application_timeline(current)})


@login_required
@require_safe
def application_file(request, nis, pk):
    municipality = municipality_for_editor_or_404(request.user, nis)
    application = get_object_or_404(Application, pk=pk, municipality=municipality)
    if not application.council_decision_file:
        raise Http404
    response = FileResponse(application.council_decision_file.open("rb"),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="council-decision-{nis}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------------------------------------
# Review (coordinators)


@login_required
@require_safe
def review_list(request):
    require_coordinator(request.user)
    return render(request, "charter/review_list.html", {
        "to_review": selectors.applications_to_review(),
        "returned": Application.objects.filter(status="returned").select_related("municipality"),
        "stale": selectors.stale_members(),
        "overdue": selectors.overdue_confirmations(),
        "reports": selectors.recent_reports()})


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    require_coordinator(request.user)
    application = get_object_or_404(Application.objects.select_related("municipality"), pk=pk)
    form = ReviewForm(request.POST or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.application_approve(application=application, by=request.user,
                                             remarks=data["remarks"],
                                             member_since=data["member_since"])
                messages.success(request, _("Approved: the municipality is now a member."))
            else:
                services.application_return(application=application, by=request.user,
                                            remarks=data["remarks"])
                messages.success(request, _("Returned to the municipality with your remarks."))
            return redirect("charter:review", pk=pk)
        except ValidationError as error:
            problems = _errors(error)
    return render(request, "charter/review.html", {
        "application": application, "municipality": application.municipality,
        "commitments": application.commitments.select_related("activity"),
        "timeline": application_timeline(application), "form": form, "problems": problems,
        "can_decide": application.status == "submitted",
        "open_problems": services.application_problems(application)})


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, nis):
    require_coordinator(request.user)
    municipality = get_object_or_404(Municipality, nis=nis)
    form = WithdrawForm(request.POST or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_withdraw(municipality=municipality, by=request.user,
                                         reason=form.cleaned_data["reason"])
            messages.success(request, _("The membership was ended."))
            return redirect("charter:review_list")
        except ValidationError as error:
            problems = _errors(error)
    return render(request, "charter/withdraw.html",
                  {"municipality": municipality, "form": form, "problems": problems})


# ---------------------------------------------------------------------------------------------
# Progress (officers, coordinators)


@login_required
@require_safe
def progress(request, nis):
    municipality = municipality_for_editor_or_404(request.user, nis)
    commitments = selectors.current_commitments(municipality)
    year = timezone.localdate().year
    return render(request, "charter/progress.html", {
        "municipality": municipality,
        "commitment_forms": [(commitment, CommitmentUpdateForm(
            initial={"status": commitment.status}, prefix=f"c{commitment.pk}"))
            for commitment in commitments],
        "reports": municipality.charter_reports.all(),
        "report_years": [year, year - 1],
        "last_update": selectors.last_update(municipality),
        "is_stale": selectors.is_stale(municipality),
        "timeline": progress_timeline(municipality),
        "snippet": embed_snippet(municipality) if municipality.status == "member" else "",
        "confirmations": municipality.charter_term_confirmations.select_related("term"),
    })


@login_required
@require_POST
def commitment_update(request, nis, pk):
    municipality = municipality_for_editor_or_404(request.user, nis)
    commitment = get_object_or_404(Commitment, pk=pk, application__municipality=municipality)
    form = CommitmentUpdateForm(request.POST, request.FILES, prefix=f"c{commitment.pk}")
    problems = []
    if form.is_valid():
        try:
            services.commitment_update(commitment=commitment, by=request.user,
                                       status=form.cleaned_data["status"],
                                       evidence=form.to_evidence())
            messages.success(request, _("The commitment was updated."))
            return redirect("charter:progress", nis=nis)
        except ValidationError as error:
            problems = _errors(error)
    return render(request, "charter/commitment_update.html",
                  {"municipality": municipality, "commitment": commitment, "form": form,
                   "problems": problems}, status=400)


@require_safe
def evidence_file(request, nis, pk):
    """A PDF added as evidence of a commitment: public, as the evidence is, under a file name
    in the page's language; never sniffed as anything else."""
    link = get_object_or_404(EvidenceLink.objects.select_related("commitment__application"),
                             pk=pk, commitment__application__municipality_id=nis)
    if not link.file or not link.file.name.endswith(".pdf"):
        raise Http404
    try:
        handle = link.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    if handle.read(5) != b"%PDF-":
        handle.close()
        raise Http404
    handle.seek(0)
    response = FileResponse(handle, content_type="application/pdf")
    # A name in the page's language, without the uploaded name (which may say too much).
    name = slugify(pgettext("file name", "evidence")) or "evidence"
    response["Content-Disposition"] = f'inline; filename="{name}-{nis}-{link.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def report(request, nis, year):
    municipality = municipality_for_editor_or_404(request.user, nis)
    if municipality.status != MunicipalityStatus.MEMBER:
        raise Http404
    if not 2015 <= year <= timezone.localdate().year:
        raise Http404
    commitments = list(selectors.current_commitments(municipality))
    existing = municipality.charter_reports.filter(year=year).first()
    initial = {}
    if existing is not None:
        initial = {name: getattr(existing, name) for name in (
            "places_adults", "places_minors", "places_in_loi", "volunteers_active")}
        initial.update({f"figure_{code}": value
                        for code, value in existing.extra_figures.items()})
        by_pk = {commitment.pk: commitment for commitment in commitments}
        for item in existing.narratives.prefetch_related("evidence"):
            if item.commitment_id in by_pk:
                by_pk[item.commitment_id].report_evidence = list(item.evidence.all())
            initial[f"narrative_{item.commitment_id}"] = item.narrative
            initial.update({f"figure_{item.commitment_id}_{code}": value
                            for code, value in item.figures.items()})
    form = ReportForm(request.POST or None, request.FILES or None, commitments=commitments,
                      year=year, initial=initial)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            services.report_submit(municipality=municipality, data=form.to_input(),
                                   by=request.user)
            messages.success(request, _("Thank you: the report was filed."))
            return redirect("charter:progress", nis=nis)
        except ValidationError as error:
            problems = _errors(error)
    return render(request, "charter/report.html", {
        "municipality": municipality, "form": form, "year": year, "existing": existing,
        "problems": problems})


@login_required
@require_safe
def reconfirm(request, token):
    """The link in the reconfirmation e-mail. Confirming commits the municipality for a whole
    council term, so the link only leads a signed-in officer to the question; it works until
    the answer is due and is used up by the answer."""
    confirmation = services.term_confirmation_for_token(token)
    if confirmation is None:
        return render(request, "charter/reconfirm_invalid.html", status=404)
    municipality_for_editor_or_404(request.user, confirmation.municipality_id)
    return render(request, "charter/reconfirm.html", {"confirmation": confirmation})


@login_required
@require_http_methods(["GET", "POST"])
def term_confirm(request, nis, pk):
    """The new council's answer to a council term's reconfirmation (from the e-mailed link, the
    progress page or the officer's home; also after a lapse): each previous commitment kept,
    changed or dropped, with the council decision."""
    municipality = municipality_for_editor_or_404(request.user, nis)
    confirmation = get_object_or_404(TermConfirmation.objects.select_related("term"), pk=pk,
                                     municipality=municipality)
    context = {"confirmation": confirmation, "municipality": municipality}
    if confirmation.confirmed_at is not None:
        return render(request, "charter/term_confirm.html", {
            **context, "renewals": confirmation.renewals.select_related("commitment__activity")})
    charter = selectors.current_charter()
    commitments = list(selectors.current_commitments(municipality))
    forms = ReconfirmForms(commitments=commitments, minimum=charter.minimum_activities,
                           data=request.POST or None, files=request.FILES or None)
    problems = []
    status = 200
    if request.method == "POST":
        if forms.is_valid():
            decision = forms.decision.cleaned_data
            try:
                services.term_reconfirm(
                    confirmation=confirmation, by=request.user, renewals=forms.renewals(),
                    decision_date=decision["decision_date"],
                    decision_url=decision["decision_url"],
                    decision_file=decision.get("decision_file"))
                messages.success(request, _("Thank you: the membership is reconfirmed for this "
                                            "council term."))
                return redirect("charter:progress", nis=nis)
            except ValidationError as error:
                problems = _errors(error)
        problems = forms.problems + problems
        status = 400
    return render(request, "charter/term_confirm.html",
                  {**context, "forms": forms, "problems": problems,
                   "minimum": forms.minimum}, status=status)


# ---------------------------------------------------------------------------------------------
# Local confirmation and contest: anyone (with a confirmed e-mail), coordinators moderate,
# the municipality's officers reply

FEEDBACK_RATE = {"limit": 10, "period": 3600}  # texts per client address and hour
FEEDBACK_EMAIL_RATE = {"limit": 5, "period": 3600}  # texts per e-mail address and hour
FEEDBACK_PER_PAGE = 25


def _current_commitment_or_404(nis, activity_code) -> Commitment:
    """A member's current commitment to the activity with this code."""
    municipality = _member_or_404(nis)
    commitment = (selectors.current_commitments(municipality)
                  .filter(activity__code=activity_code, dropped_at__isnull=True).first())
    if commitment is None:
        raise Http404
    return commitment


def _feedback_rate_ok(request, email: str) -> bool:
    ip_ok = hit("charter-feedback-ip", client_ip(request), **FEEDBACK_RATE)
    email_ok = hit("charter-feedback-email", email.strip().lower(), **FEEDBACK_EMAIL_RATE)
    return ip_ok and email_ok


@never_cache
@require_http_methods(["GET", "POST"])
def commitment_respond(request, nis, activity_code):
    """Confirm or contest one commitment of a member, in a few sentences."""
    commitment = _current_commitment_or_404(nis, activity_code)
    municipality = commitment.application.municipality
    form = FeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.data.get("website"):
            return redirect("charter:feedback_sent")  # a robot: pretend all went well
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            if _feedback_rate_ok(request, data["email"]):
                try:
                    services.feedback_submit(
                        commitment=commitment, kind=data["kind"], text=data["text"],
                        email=data["email"], name=data["name"], show_name=data["show_name"],
                        group_name=data["group_name"], language=get_language())
                    return redirect("charter:feedback_sent")
                except ValidationError as error:
                    form.add_error(None, error)
            else:
                form.add_error(None, _("Too many attempts. Please try again in an hour."))
                status = 429
    response = render(request, "charter/feedback_form.html", {
        "municipality": municipality, "commitment": commitment, "form": form,
        "counts": selectors.feedback_counts([commitment])[commitment.pk],
        "confirm_days": services.FEEDBACK_CONFIRM_DAYS}, status=status)
    if status == 429:
        response["Retry-After"] = str(FEEDBACK_RATE["period"])
    return response


def feedback_sent(request):
    return render(request, "charter/feedback_sent.html",
                  {"confirm_days": services.FEEDBACK_CONFIRM_DAYS})


def _feedback_link_invalid(request):
    return render(request, "charter/feedback_invalid.html",
                  {"confirm_days": services.FEEDBACK_CONFIRM_DAYS}, status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def feedback_manage(request, token):
    """The author's e-mailed link: first a button to confirm (opening the link changes
    nothing, so mail scanners confirm nothing), then their text, its status, the question of a
    coordinator to answer and the reply of the municipality."""
    feedback = services.feedback_for_token(token)
    if feedback is None:
        return _feedback_link_invalid(request)
    if feedback.status == FeedbackStatus.PENDING:
        if request.method == "POST":
            services.feedback_confirm(feedback=feedback)
            messages.success(request, _("Thank you: your e-mail address is confirmed. A "
                                        "coordinator of the network reads your text before "
                                        "it is published."))
            return redirect("charter:feedback_manage", token=token)
        return render(request, "charter/feedback_confirm.html", {"feedback": feedback})
    form = None
    if feedback.status == FeedbackStatus.MORE_ASKED:
        form = FeedbackTextForm(request.POST or None, initial={"text": feedback.text})
        if request.method == "POST" and form.is_valid():
            try:
                services.feedback_resubmit(feedback=feedback, text=form.cleaned_data["text"])
                messages.success(request, _("Thank you: your completed text goes back to the "
                                            "coordinators."))
                return redirect("charter:feedback_manage", token=token)
            except ValidationError as error:
                form.add_error(None, error)
    elif request.method == "POST":
        return redirect("charter:feedback_manage", token=token)
    return render(request, "charter/feedback_manage.html", {
        "feedback": feedback, "form": form, "token": token,
        "municipality": feedback.commitment.application.municipality,
        "reject_reason": feedback.get_reject_reason_display()},
        status=400 if form is not None and form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def feedback_delete(request, token):
    feedback = services.feedback_for_token(token)
    if feedback is None:
        return _feedback_link_invalid(request)
    if request.method == "POST":
        services.feedback_delete(feedback=feedback)
        return render(request, "charter/feedback_deleted.html")
    return render(request, "charter/feedback_delete.html", {"feedback": feedback,
                                                            "token": token})


@login_required
@require_safe
def feedback_queue(request):
    """Coordinators: confirmed texts to moderate, and published contests still open."""
    require_coordinator(request.user)
    page = Paginator(selectors.feedback_to_moderate(), FEEDBACK_PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "charter/feedback_queue.html", {
        "page": page, "counts": selectors.moderation_counts(),
        "open_contests": selectors.open_contests()[:FEEDBACK_PER_PAGE],
        "reply_days": services.CONTEST_REPLY_DAYS})


@login_required
@require_http_methods(["GET", "POST"])
def feedback_moderate(request, pk):
    """One text for a coordinator: its words, kind, group and (only when its author allowed
    it) name; never the e-mail address. Publish, reject with a reason, ask for more, or
    close a published contest."""
    require_coordinator(request.user)
    feedback = get_object_or_404(
        CommitmentFeedback.objects.select_related("commitment__activity",
                                                  "commitment__application__municipality")
        .exclude(status=FeedbackStatus.PENDING), pk=pk)
    can_moderate = feedback.status in (FeedbackStatus.SUBMITTED, FeedbackStatus.MORE_ASKED)
    can_close = (feedback.status == FeedbackStatus.PUBLISHED
                 and feedback.kind == FeedbackKind.CONTEST and feedback.closed_at is None)
    form = ModerationForm(request.POST or None) if can_moderate else None
    problems = []
    if request.method == "POST":
        try:
            if "close" in request.POST:
                services.feedback_close(feedback=feedback, by=request.user)
                messages.success(request, _("The contest is closed."))
                return redirect("charter:feedback_queue")
            if form is not None and form.is_valid():
                data = form.cleaned_data
                if data["decision"] == "publish":
                    services.feedback_publish(feedback=feedback, by=request.user)
                    messages.success(request, _("Published; the author was told."))
                elif data["decision"] == "reject":
                    services.feedback_reject(feedback=feedback, by=request.user,
                                             reason=data["reason"])
                    messages.success(request, _("Rejected; the author was told why."))
                else:
                    services.feedback_ask_more(feedback=feedback, by=request.user,
                                               note=data["note"])
                    messages.success(request, _("Your question was mailed to the author."))
                return redirect("charter:feedback_queue")
            if form is None:
                problems = [_("This text was already moderated.")]
        except ValidationError as error:
            problems = _errors(error)
    return render(request, "charter/feedback_moderate.html", {
        "feedback": feedback, "municipality": feedback.commitment.application.municipality,
        "form": form, "can_close": can_close, "problems": problems},
        status=400 if request.method == "POST" else 200)


@login_required
@require_safe
def officer_feedback(request, nis):
    """The municipality's officers: published confirmations and contests of its commitments,
    each with a form to reply (or to change the reply)."""
    municipality = municipality_for_officer_or_404(request.user, nis)
    items = [(feedback, ReplyForm(initial={"reply": feedback.reply_text},
                                  prefix=f"f{feedback.pk}"))
             for feedback in selectors.municipality_feedback(municipality)]
    return render(request, "charter/officer_feedback.html", {
        "municipality": municipality, "items": items,
        "waiting": sum(1 for feedback, _form in items
                       if feedback.kind == FeedbackKind.CONTEST and not feedback.reply_at
                       and not feedback.closed_at),
        "reply_days": services.CONTEST_REPLY_DAYS})


@login_required
@require_POST
def feedback_reply(request, nis, pk):
    municipality = municipality_for_officer_or_404(request.user, nis)
    feedback = get_object_or_404(
        selectors.municipality_feedback(municipality), pk=pk)
    form = ReplyForm(request.POST, prefix=f"f{feedback.pk}")
    problems = []
    if form.is_valid():
        try:
            services.feedback_reply(feedback=feedback, by=request.user,
                                    text=form.cleaned_data["reply"])
            messages.success(request, _("Your reply is published and was mailed to the "
                                        "author."))
            return redirect("charter:officer_feedback", nis=nis)
        except ValidationError as error:
            problems = _errors(error)
    return render(request, "charter/feedback_reply.html", {
        "municipality": municipality, "feedback": feedback, "form": form,
        "problems": problems}, status=400)


# ---------------------------------------------------------------------------------------------
# Public comparison and figures


def _members_filter(request):
    activities = list(selectors.charter_activities())
    form = MembersFilterForm(request.GET or None, provinces=Province.objects.all(),
                             activities=activities)
    province = activity = ""
    sort = "name"
    if form.is_valid():
        province = form.cleaned_data["province"]
        activity = form.cleaned_data["activity"]
        sort = form.cleaned_data["sort"] or "name"
    chosen = next((a for a in activities if str(a.pk) == activity), None)
    rows = selectors.member_rows(province=province, activity=chosen, sort=sort)
    return form, activities, rows, sort


def members(request):
    form, activities, rows, sort = _members_filter(request)
    query = request.GET.copy()
    sort_links = []
    for value, label in MembersFilterForm.SORTS:
        query["sort"] = value
        sort_links.append({"label": label, "url": f"?{query.urlencode()}",
                           "current": value == sort})
    query.pop("sort", None)
    lapsed = set(selectors.lapsed_confirmations().values_list("municipality_id", flat=True))
    table = [{"municipality": row.municipality,
              "cells": [row.by_activity.get(activity.pk) for activity in activities],
              "count": len(row.by_activity), "lapsed": row.municipality.nis in lapsed}
             for row in rows]
    return render(request, "charter/members.html", {
        "form": form, "activities": activities, "table": table, "sort_links": sort_links,
        "csv_query": request.GET.urlencode()})


def members_csv(request):
    _form, activities, rows, _sort = _members_filter(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="solidarity-members.csv"'
    writer = csv.writer(response)
    # The activities' statuses, then (added later, so appended) their public states.
    writer.writerow(["nis", "name", "province", "member_since",
                     *[activity.code for activity in activities],
                     *[f"{activity.code}_state" for activity in activities]])
    for row in rows:
        municipality = row.municipality
        writer.writerow([
            municipality.nis, municipality.name_nl,
            municipality.province.name_nl if municipality.province else "",
            municipality.member_since.isoformat() if municipality.member_since else "",
            *[row.by_activity[activity.pk].status if activity.pk in row.by_activity else ""
              for activity in activities],
            *[row.by_activity[activity.pk].state if activity.pk in row.by_activity else ""
              for activity in activities]])
    return response


def figures(request):
    data = selectors.network_figures()
    per_activity = [(f"{item['activity'].number}. {item['activity'].title}", item["count"])
                    for item in data["per_activity"]]
    places = [(_("reception places committed"), data["places_committed"]),
              (_("reception places realised (latest reports)"), data["places_realised"])]
    return render(request, "charter/figures.html", {
        "figures": data, "activity_chart": bar_chart(per_activity),
        "places_chart": bar_chart(places)})


# ---------------------------------------------------------------------------------------------
# Visibility: badge, widget, share image


def _member_or_404(nis) -> Municipality:
    return get_object_or_404(Municipality, nis=nis, status=MunicipalityStatus.MEMBER)


def badge(request, nis):
    municipality = _member_or_404(nis)
    context = badge_context(municipality, badge_language(request.GET.get("lang")),
                            lapsed=selectors.is_lapsed(municipality))
    response = render(request, "charter/badge.svg", context,
                      content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@allow_framing
def widget(request, nis):
    municipality = _member_or_404(nis)
    return render(request, "charter/widget.html", {
        "municipality": municipality,
        "label": member_label(municipality, badge_language(request.LANGUAGE_CODE),
                              lapsed=selectors.is_lapsed(municipality)),
        "profile_url": site_url(municipality.get_absolute_url()),
        "commitments": selectors.current_commitments(municipality),
        "last_update": selectors.last_update(municipality),
        "is_stale": selectors.is_stale(municipality)})


def share_image(request, nis):
    municipality = _member_or_404(nis)
    language = badge_language(request.GET.get("lang") or request.LANGUAGE_CODE)
    count = selectors.current_commitments(municipality).count()
    key = (f"charter:share:{nis}:{language}:{count}:"
           f"{municipality.member_since}:{municipality.status_since}")
    png = cache.get(key)
    if png is None:
        png = share_image_png(municipality, commitment_count=count, language=language)
        cache.set(key, png, timeout=24 * 3600)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response



# ---------------------------------------------------------------------------------------------
# One commitment's public page, its feed and its share image


def commitment_story_or_answer(request, nis: str, activity: str, url_name: str):
    """The commitment's story for `/municipalities/<nis>/commitments/<activity>/...`, or the
    answer instead of it: a permanent redirect from an activity's number (or a municipality's
    code before 2025) to the address with the current code and the activity's code, 404 for
    anything unknown. Read once per version of the municipality's public data for visitors."""
    if not (places_selectors.NIS_PATTERN.match(nis)
            and selectors.ACTIVITY_CODE_PATTERN.match(activity)):
        raise Http404

    def build():
        municipality, current_code = places_selectors.municipality_by_code(nis)
        found, by_number = selectors.activity_by_code_or_number(activity)
        story = (selectors.commitment_story(municipality, found)
                 if municipality is not None and found is not None and not by_number else None)
        return current_code, found, by_number, story

    current_code, found, by_number, story = cached_for_visitors(
        request, "charter:commitment", nis, activity, build=build,
        topics=municipality_topics(nis))
    if found is not None and (current_code or by_number):
        return redirect(url_name, current_code or nis, found.code, permanent=True)
    if story is None:
        raise Http404
    return story


STATE_TEXTS = {
    CommitmentState.DECLARED: (
        pgettext_lazy("commitment state", "Declared"),
        gettext_lazy("The municipality says it committed to this; no council decision or report "
                     "with evidence is recorded here yet.")),
    CommitmentState.DOCUMENTED: (
        pgettext_lazy("commitment state", "Documented"),
        gettext_lazy("A council decision or a report with evidence shows it: you can check the "
                     "evidence below.")),
    CommitmentState.CONTESTED: (
        pgettext_lazy("commitment state", "Contested"),
        gettext_lazy("Local people contested it and the municipality has not replied within "
                     "30 days.")),
}


def _state_texts(state: str):
    return STATE_TEXTS.get(state, STATE_TEXTS[CommitmentState.DECLARED])


@require_safe
def commitment(request, nis, activity):
    story = commitment_story_or_answer(request, nis, activity, "charter:commitment")
    if isinstance(story, HttpResponse):
        return story
    municipality, code = story.municipality, story.activity.code
    state_label, state_explanation = _state_texts(story.commitment.state)
    activity_title = story.commitment.activity_title
    title = _("%(activity)s in %(name)s") % {"activity": activity_title,
                                              "name": municipality.name}
    return render(request, "charter/commitment.html", {
        "story": story, "municipality": municipality, "commitment": story.commitment,
        "code": code, "title": title, "activity_title": activity_title,
        "state_label": state_label, "state_explanation": state_explanation,
        "description": f"{state_label}: {state_explanation}",
        # Local people confirm or contest what a member commits to today.
        "respond_url": (reverse("charter:commitment_respond", args=[municipality.nis, code])
                        if story.is_current and not story.is_former_member else None),
        "page_url": site_url(request.path),
        "share_url": absolute_url("charter:commitment_share_image",
                                  args=[municipality.nis, code]),
        "share_alt": f"{title}: {state_label}",
        "contests": sum(1 for item in story.feedback if item.is_contest),
        "confirmations": sum(1 for item in story.feedback if not item.is_contest),
    })


SHARE_LANGUAGES = ("nl", "fr", "en", "de")


@require_safe
def commitment_share_image(request, nis, activity):
    story = commitment_story_or_answer(request, nis, activity, "charter:commitment_share_image")
    if isinstance(story, HttpResponse):
        return story
    requested = request.GET.get("lang") or request.LANGUAGE_CODE
    language = requested if requested in SHARE_LANGUAGES else "nl"
    with translation.override(language):
        state_label, _explanation = _state_texts(story.commitment.state)
        data = commitment_share_data(story, state=str(state_label), language=language)
    key = "charter:commitment-share:" + hashlib.sha256(
        json.dumps(data, sort_keys=True).encode()).hexdigest()
    png = cache.get(key)
    if png is None:
        png = commitment_share_png(data)
        cache.set(key, png, timeout=24 * 3600)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response
