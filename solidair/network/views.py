from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from solidair.accounts.permissions import (
    can_edit,
    is_coordinator,
    municipality_for_editor_or_404,
    officer_municipalities,
    require_coordinator,
)
from solidair.core.activities import activity_catalogue
from solidair.core.fragments import cached_fragment
from solidair.core.numbers import parse_ids, parse_int
from solidair.network import forms, ics, selectors, services
from solidair.network.models import (
    CONTENT_LANGUAGES,
    Addressee,
    Brochure,
    GoodPractice,
    Meeting,
    Partner,
    PracticePhoto,
    PracticeTranslation,
    Recommendation,
    RecommendationLevel,
    Registration,
)


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


# ---------------------------------------------------------------------------------- meetings


def index(request):
    upcoming = list(selectors.upcoming_meetings()[:5])
    return render(request, "network/index.html", {
        "next_meeting": upcoming[0] if upcoming else None,
        "later_meetings": upcoming[1:],
        "past_meetings": selectors.past_meetings()[:12],
        "is_coordinator": is_coordinator(request.user),
    })


def meeting_detail(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("host_municipality"), pk=pk)
    registration = None
    if request.user.is_authenticated:
        registration = meeting.registrations.filter(user=request.user).exclude(
            status=Registration.Status.CANCELLED).first()
    coordinator = is_coordinator(request.user)
    return render(request, "network/meeting_detail.html", {
        "meeting": meeting, "seats": selectors.meeting_seats(meeting),
        "registration": registration, "is_coordinator": coordinator,
        "brochure": selectors.latest_published_brochure(meeting),
        "brochures": meeting.brochures.all() if coordinator else [],
        "practices": meeting.practices.filter(status=GoodPractice.Status.PUBLISHED)
        .select_related("municipality").prefetch_related("translations"),
        "recommendations": meeting.recommendations.select_related("addressee"),
    })


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk=None):
    require_coordinator(request.user)
    meeting = get_object_or_404(Meeting, pk=pk) if pk else None
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_save(meeting=form.save(commit=False), by=request.user)
        messages.success(request, _("The meeting is saved."))
        return redirect(meeting)
    return render(request, "network/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
@require_POST
def meeting_register(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        registration = services.meeting_register(meeting=meeting, user=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        if registration.status == Registration.Status.REGISTERED:
            messages.success(request, _("You are registered. We sent you a confirmation."))
        else:
            messages.info(request, _("The meeting is full: you are on the waiting list."))
    return redirect(meeting)


@login_required
@require_POST
def meeting_cancel(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    if services.meeting_cancel(meeting=meeting, user=request.user):
        messages.success(request, _("Your registration is cancelled."))
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_attendance(request, pk):
    require_coordinator(request.user)
    meeting = get_object_or_404(Meeting, pk=pk)
    registrations = list(meeting.registrations.filter(
        status=Registration.Status.REGISTERED).select_related("user"))
    if request.method == "POST":
        form = forms.AttendanceForm(request.POST, meeting=meeting)
        if form.is_valid():
            services.meeting_record_attendance(
                meeting=meeting, attended_ids=set(form.cleaned_data["attended"]),
                by=request.user)
            messages.success(request, _("Attendance is recorded."))
            return redirect("network:meeting_attendance", pk=meeting.pk)
        # Show the boxes as they were ticked, and what was wrong with them.
        ticked = set(parse_ids(request.POST.getlist("attended")))
        for registration in registrations:
            registration.attended = registration.pk in ticked
        for error in form.errors["attended"]:
            messages.error(request, error)
    return render(request, "network/meeting_attendance.html", {
        "meeting": meeting, "registrations": registrations,
        "waiting": meeting.registrations.filter(
            status=Registration.Status.WAITING).select_related("user")})


def meeting_ics(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    content = ics.meeting_ics(meeting, calendar_name=_("Learning network"),
                              with_link=request.user.is_authenticated)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


def meetings_ics(request):
    meetings = Meeting.objects.order_by("starts_at")
    return HttpResponse(ics.meetings_feed(meetings, calendar_name=_("Learning network")),
                        content_type="text/calendar; charset=utf-8")


# ---------------------------------------------------------------------------------- practices


PRACTICES_PER_PAGE = 20


def _practice_search_parts() -> dict:
    """What the practice list needs besides the practices, the same for everyone: the activity
    catalogue, the search form's choices and the empty form's HTML, in the active language,
    and how many practices are published, built once per version of the public data
    (activities' titles, provinces, practices) and read in one cache roundtrip."""
    def build():
        catalogue = activity_catalogue()
        choices = forms.practice_search_choices(catalogue, selectors.practice_years())
        return {"catalogue": catalogue, "choices": choices,
                "form_html": str(forms.PracticeSearchForm(None, choices=choices)),
                "published": selectors.search_practices().count()}

    return cached_fragment("network:practice-list-parts", get_language(),
                           topics=("public", "practices"), build=build)


def practice_list(request):
    parts = _practice_search_parts()
    if request.GET:
        form = forms.PracticeSearchForm(request.GET, choices=parts["choices"])
        filters, form_html = (form.cleaned_data if form.is_valid() else {}), None
    else:
        # The empty search form is the same for everyone: rendered once per version of the
        # public data, not field by field each time.
        form, filters = None, {}
        form_html = mark_safe(parts["form_html"])  # noqa: S308 - the form's own rendering
    practices = selectors.search_practices(
        q=filters.get("q") or "", activity=filters.get("activity"),
        province=filters.get("province") or "", region=filters.get("region") or "",
        year=filters.get("year"))
    paginator = Paginator(selectors.practice_cards(practices), PRACTICES_PER_PAGE)
    if not any(filters.get(name) for name in ("q", "activity", "province", "region", "year")):
        paginator.count = parts["published"]  # every published practice: counted once
    else:
        paginator.count = practices.count()  # without the cards' columns and joins
    # A page number that is not one (or beyond the last page) shows the first (or last) page.
    page = paginator.get_page(parse_int(request.GET.get("page"), minimum=1, default=1))
    query = request.GET.copy()
    query.pop("page", None)

    def results() -> str:
        page.object_list = selectors.cards_of(page.object_list, catalogue=parts["catalogue"])
        return render_to_string("network/includes/practice_results.html",
                                {"page": page, "query": query.urlencode()})

    # The pages of the whole list are the same for everyone: each kept per version of the
    # practices (at most PAGE_CACHE_SECONDS); a search is built for its request.
    html = (cached_fragment("network:practice-results", get_language(), page.number,
                            build=results, topics=("public", "practices"),
                            seconds=settings.PAGE_CACHE_SECONDS)
            if set(request.GET) <= {"page"} else results())
    return render(request, "network/practice_list.html", {
        "form": form, "form_html": form_html,
        "results": mark_safe(html)})  # noqa: S308 - rendered from the template above


def _practice_for_viewer(request, pk) -> GoodPractice:
    """Published practices are public; others only for their municipality and coordinators."""
    practice = get_object_or_404(GoodPractice.objects.select_related(
        "municipality", "meeting"), pk=pk)
    if practice.status != GoodPractice.Status.PUBLISHED and not can_edit(
            request.user, practice.municipality):
        raise Http404
    return practice


def _practice_for_editor(request, pk) -> GoodPractice:
    practice = get_object_or_404(GoodPractice.objects.select_related("municipality"), pk=pk)
    if not can_edit(request.user, practice.municipality):
        raise Http404
    return practice


def practice_detail(request, pk):
    practice = _practice_for_viewer(request, pk)
    selectors.with_charter_activities([practice])
    language = request.GET.get("language", "")
    languages = [practice.language, *practice.translations.values_list("language", flat=True)]
    if language not in languages:
        # The page's language when the practice has it, else the language it was written in
        # (the page then says so).
        page_language = (get_language() or "nl")[:2]
        language = page_language if page_language in languages else practice.language
    return render(request, "network/practice_detail.html", {
        "practice": practice, "texts": practice.texts_in(language), "text_language": language,
        "languages": [(code, label) for code, label in CONTENT_LANGUAGES if code in languages],
        "editable": can_edit(request.user, practice.municipality),
        "is_coordinator": is_coordinator(request.user),
        "review_form": forms.ReviewForm(initial={"meeting": practice.meeting_id}),
        "link_form": forms.LinkMeetingForm(initial={"meeting": practice.meeting_id}),
    })


def practice_photo(request, pk, photo_pk):
    practice = _practice_for_viewer(request, pk)
    photo = get_object_or_404(PracticePhoto, pk=photo_pk, practice=practice)
    if not default_storage.exists(photo.image.name):
        raise Http404
    response = FileResponse(default_storage.open(photo.image.name, "rb"),
                            content_type=photo.content_type)
    response["Content-Disposition"] = "inline"
    return response


@login_required
@require_safe
def municipality_practices(request, nis):
    municipality = municipality_for_editor_or_404(request.user, nis)
    return render(request, "network/municipality_practices.html", {
        "municipality": municipality,
        "practices": municipality.good_practices.order_by("-updated_at")})


@login_required
@require_safe
def my_practices(request):
    municipalities = list(officer_municipalities(request.user))
    if len(municipalities) == 1:
        return redirect("network:municipality_practices", nis=municipalities[0].nis)
    return render(request, "network/my_practices.html", {"municipalities": municipalities})


def _save_practice(request, form):
    try:
        practice = services.practice_save(practice=form.save(commit=False),
                                          activities=form.cleaned_data["activities"],
                                          by=request.user)
    except ValidationError as error:
        form.add_error(None, error)
        return None
    return practice


@login_required
@require_http_methods(["GET", "POST"])
def practice_create(request, nis):
    municipality = municipality_for_editor_or_404(request.user, nis)
    language = (request.LANGUAGE_CODE or "nl")[:2]
    form = forms.PracticeForm(request.POST or None, initial={
        "language": language if language in dict(CONTENT_LANGUAGES) else "nl"})
    form.instance.municipality = municipality
    if request.method == "POST" and form.is_valid():
        practice = _save_practice(request, form)
        if practice:
            messages.success(request, _("The practice is saved as a draft."))
            return redirect(practice)
    return render(request, "network/practice_form.html", {
        "form": form, "municipality": municipality, "practice": None})


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request, pk):
    practice = _practice_for_editor(request, pk)
    if practice.status not in (GoodPractice.Status.DRAFT,
                               GoodPractice.Status.CHANGES_REQUESTED):
        messages.error(request, _("This practice can no longer be changed."))
        return redirect(practice)
    form = forms.PracticeForm(request.POST or None, instance=practice,
                              initial={"activities": practice.activity_codes})
    if request.method == "POST" and form.is_valid() and _save_practice(request, form):
        messages.success(request, _("The practice is saved."))
        return redirect(practice)
    return render(request, "network/practice_form.html", {
        "form": form, "municipality": practice.municipality, "practice": practice})


@login_required
@require_http_methods(["GET", "POST"])
def practice_translation(request, pk, language):
    practice = _practice_for_editor(request, pk)
    if language not in dict(CONTENT_LANGUAGES) or language == practice.language:
        raise Http404
    translation = PracticeTranslation.objects.filter(practice=practice, language=language).first()
    form = forms.TranslationForm(request.POST or None, instance=translation)
    form.instance.language = language
    if request.method == "POST" and form.is_valid():
        services.practice_save_translation(practice=practice,
                                           translation=form.save(commit=False), by=request.user)
        messages.success(request, _("The translation is saved."))
        return redirect(practice)
    return render(request, "network/practice_translation_form.html", {
        "form": form, "practice": practice, "language": language,
        "language_name": dict(CONTENT_LANGUAGES)[language]})


@login_required
@require_http_methods(["GET", "POST"])
def practice_photo_add(request, pk):
    practice = _practice_for_editor(request, pk)
    form = forms.PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.practice_add_photo(practice=practice, upload=form.cleaned_data["image"],
                                    content_type=form.content_type,
                                    alt_text=form.cleaned_data["alt_text"], by=request.user)
        messages.success(request, _("The photo is added."))
        return redirect(practice)
    return render(request, "network/practice_photo_form.html", {
        "form": form, "practice": practice})


@login_required
@require_POST
def practice_submit(request, pk):
    practice = _practice_for_editor(request, pk)
    try:
        services.practice_submit(practice=practice, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The practice is sent to the coordinators for review."))
    return redirect(practice)


REVIEW_PER_PAGE = 50


@login_required
@require_safe
def review_queue(request):
    require_coordinator(request.user)
    page = Paginator(GoodPractice.objects.filter(status=GoodPractice.Status.SUBMITTED)
                     .select_related("municipality").order_by("updated_at", "pk"),
                     REVIEW_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "network/review_queue.html",
                  {"page": page, "practices": page.object_list})


@login_required
@require_POST
def practice_review(request, pk):
    require_coordinator(request.user)
    practice = get_object_or_404(GoodPractice, pk=pk)
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        return render(request, "network/practice_detail.html", {
            "practice": practice, "texts": practice.texts(), "text_language": practice.language,
            "languages": [], "editable": True, "is_coordinator": True, "review_form": form,
        }, status=400)
    try:
        if form.cleaned_data["decision"] == "publish":
            services.practice_publish(practice=practice, by=request.user,
                                      meeting=form.cleaned_data["meeting"])
            messages.success(request, _("The practice is published."))
        else:
            services.practice_request_changes(practice=practice,
                                              remarks=form.cleaned_data["remarks"],
                                              by=request.user)
            messages.success(request, _("The municipality is asked for changes."))
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect(practice)


@login_required
@require_POST
def practice_link(request, pk):
    """A coordinator links a practice to the meeting where it was presented (or unlinks it)."""
    require_coordinator(request.user)
    practice = get_object_or_404(GoodPractice, pk=pk)
    form = forms.LinkMeetingForm(request.POST)
    if form.is_valid():
        services.practice_link_meeting(practice=practice, meeting=form.cleaned_data["meeting"],
                                       by=request.user)
        messages.success(request, _("The practice is linked to the meeting."))
    return redirect(practice)


# ---------------------------------------------------------------------------------- brochures


@login_required
@require_http_methods(["GET", "POST"])
def brochure_for_meeting(request, pk):
    require_coordinator(request.user)
    meeting = get_object_or_404(Meeting, pk=pk)
    last = meeting.brochures.order_by("-version").first()
    form = forms.BrochureForm(request.POST or None, initial={
        "title": last.title if last else _("Good practices: %(theme)s") % {
            "theme": meeting.theme},
        "introduction": last.introduction if last else ""})
    if request.method == "POST" and form.is_valid():
        brochure = services.brochure_request(meeting=meeting, by=request.user,
                                             **form.cleaned_data)
        return redirect(brochure)
    return render(request, "network/brochure_form.html", {
        "form": form, "meeting": meeting,
        "practice_count": meeting.practices.filter(
            status=GoodPractice.Status.PUBLISHED).count()})


@login_required
@require_http_methods(["GET", "POST"])
def brochure_from_selection(request):
    require_coordinator(request.user)
    form = forms.SelectionBrochureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            brochure = services.brochure_request(
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
                practices=form.cleaned_data["practices"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(brochure)
    return render(request, "network/brochure_form.html", {"form": form, "meeting": None})


def _brochure_for_viewer(request, pk) -> Brochure:
    brochure = get_object_or_404(Brochure.objects.select_related("meeting"), pk=pk)
    if not brochure.is_published and not is_coordinator(request.user):
        raise Http404
    return brochure


def brochure_detail(request, pk):
    brochure = _brochure_for_viewer(request, pk)
    return render(request, "network/brochure_detail.html", {
        "brochure": brochure, "is_coordinator": is_coordinator(request.user),
        "other_versions": Brochure.objects.filter(meeting=brochure.meeting).exclude(
            pk=brochure.pk).order_by("-version") if brochure.meeting else []})


def brochure_pdf(request, pk, language="nl"):
    brochure = _brochure_for_viewer(request, pk)
    if language not in ("nl", "fr"):
        raise Http404
    file = brochure.pdf_fr if language == "fr" else brochure.pdf
    if brochure.state != Brochure.State.READY or not file:
        raise Http404
    return FileResponse(default_storage.open(file.name, "rb"), content_type="application/pdf",
                        filename=f"brochure-v{brochure.version}-{language}.pdf")


@login_required
@require_POST
def brochure_publish(request, pk):
    require_coordinator(request.user)
    brochure = get_object_or_404(Brochure, pk=pk)
    try:
        services.brochure_publish(brochure=brochure, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The brochure is public."))
    return redirect(brochure)


# ---------------------------------------------------------------------------------- recommendations


def recommendation_list(request, level=""):
    if level and level not in RecommendationLevel.values:
        raise Http404
    return render(request, "network/recommendation_list.html", {
        "recommendations": selectors.recommendations(level=level),
        "level": RecommendationLevel(level) if level else None,
        "levels": RecommendationLevel.choices,
        "addressees": Addressee.objects.all(),
        "is_coordinator": is_coordinator(request.user)})


def addressee_detail(request, pk):
    addressee = get_object_or_404(Addressee, pk=pk)
    return render(request, "network/addressee_detail.html", {
        "addressee": addressee,
        "recommendations": selectors.recommendations(addressee=addressee.pk),
        "is_coordinator": is_coordinator(request.user)})


def recommendation_detail(request, pk):
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("addressee", "meeting"), pk=pk)
    coordinator = is_coordinator(request.user)
    return render(request, "network/recommendation_detail.html", {
        "recommendation": recommendation, "events": recommendation.events.all(),
        "is_coordinator": coordinator,
        "step_form": forms.RecommendationStepForm(initial={"on": timezone.localdate()})
        if coordinator else None})


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request, pk):
    require_coordinator(request.user)
    meeting = get_object_or_404(Meeting, pk=pk)
    form = forms.RecommendationForm(request.POST or None,
                                    initial={"drafted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        recommendation = form.save(commit=False)
        recommendation.meeting = meeting
        services.recommendation_create(recommendation=recommendation,
                                       drafted_on=form.cleaned_data["drafted_on"],
                                       by=request.user)
        messages.success(request, _("The recommendation is saved."))
        return redirect(recommendation)
    return render(request, "network/recommendation_form.html", {"form": form,
                                                                 "meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_step(request, pk):
    require_coordinator(request.user)
    recommendation = get_object_or_404(Recommendation, pk=pk)
    form = forms.RecommendationStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_add_step(recommendation=recommendation,
                                             by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect(recommendation)
    return render(request, "network/recommendation_step_form.html", {
        "form": form, "recommendation": recommendation}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def addressee_edit(request, pk=None):
    require_coordinator(request.user)
    addressee = get_object_or_404(Addressee, pk=pk) if pk else None
    form = forms.AddresseeForm(request.POST or None, instance=addressee)
    if request.method == "POST" and form.is_valid():
        addressee = services.addressee_save(addressee=form.save(commit=False), by=request.user)
        messages.success(request, _("The addressee is saved."))
        return redirect(addressee)
    return render(request, "network/simple_form.html", {
        "form": form, "title": _("Addressee")})


# ---------------------------------------------------------------------------------- partners


def about(request):
    return render(request, "network/about.html", {
        "carriers": Partner.objects.filter(role=Partner.Role.CARRIER),
        "participants": Partner.objects.filter(role=Partner.Role.PARTICIPANT),
        "is_coordinator": is_coordinator(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request, pk=None):
    require_coordinator(request.user)
    partner = get_object_or_404(Partner, pk=pk) if pk else None
    form = forms.PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        services.partner_save(partner=form.save(commit=False), by=request.user)
        messages.success(request, _("The partner is saved."))
        return redirect("network:about")
    return render(request, "network/simple_form.html", {
        "form": form, "title": _("Partner organisation")})
