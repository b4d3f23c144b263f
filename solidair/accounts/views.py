from functools import wraps

from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from solidair.accounts import selectors, services
from solidair.accounts.audit import action_labels, readable_entries
from solidair.accounts.forms import (
    AcceptInvitationForm,
    AuditFilterForm,
    InvitationForm,
    StatusChangeForm,
)
from solidair.accounts.models import (
    AuditEntry,
    Invitation,
    InvitationRole,
    InvitationState,
    OfficerAssignment,
    User,
)
from solidair.accounts.permissions import require_coordinator
from solidair.places.models import Municipality, MunicipalityStatus

PAGE_SIZE = 50


@login_required
@require_safe
def home(request):
    return render(request, "accounts/home.html", selectors.account_overview(request))


# --- Invitations: the one-time link -----------------------------------------------------------

@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = services.invitation_for_token(token)
    if invitation is None or not invitation.is_usable():
        # One answer for unknown, used, revoked and expired links: nothing to learn from it.
        return render(request, "accounts/invitation_invalid.html", status=410)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None and existing.has_usable_password():
        return _accept_as_existing_user(request, invitation, existing)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation, password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            auth_login(request, user, backend="solidair.accounts.backends.AuthenticationBackend")
            # They just chose this password: allauth may let them set up two-factor without
            # asking for it again.
            record_authentication(request, user, "password", email=user.email,
                                  reauthenticated=True)
            messages.success(request, _("Your account is ready. Now set up two-factor "
                                        "authentication to protect it."))
            return redirect("mfa_activate_totp")
    return render(request, "accounts/invitation_accept.html",
                  {"invitation": invitation, "form": form})


def _accept_as_existing_user(request, invitation, existing):
    """The address already has an account: its owner signs in and accepts the new role."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.pk != existing.pk:
        return render(request, "accounts/invitation_invalid.html", status=410)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError:
            return render(request, "accounts/invitation_invalid.html", status=410)
        messages.success(request, _("Invitation accepted."))
        return redirect("accounts:home")
    return render(request, "accounts/invitation_confirm.html", {"invitation": invitation})


# --- Back office for coordinators -------------------------------------------------------------

def coordinator_view(view):
    """Signed in (else to sign-in) and coordinator (else 404, like any page one may not see)."""
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        require_coordinator(request.user)
        return view(request, *args, **kwargs)

    return wrapped


@coordinator_view
@require_safe
def municipality_list(request):
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    municipalities = Municipality.objects.annotate(officer_count=Count("officer_assignments"))
    if status in MunicipalityStatus.values:
        municipalities = municipalities.filter(status=status)
    if query:
        municipalities = municipalities.filter(
            Q(search_text__icontains=query.lower()) | Q(nis=query))
    page = Paginator(municipalities.order_by("name_nl"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "accounts/backoffice/municipality_list.html", {
        "page": page, "status": status, "query": query, "statuses": MunicipalityStatus.choices,
    })


@coordinator_view
@require_safe
def municipality_detail(request, nis):
    municipality = get_object_or_404(Municipality, nis=nis)
    return render(request, "accounts/backoffice/municipality_detail.html", {
        "municipality": municipality,
        "assignments": municipality.officer_assignments.select_related("user").order_by(
            "user__last_name", "user__email"),
        "invitations": municipality.invitations.filter(state=InvitationState.PENDING),
        "status_changes": municipality.status_changes.all()[:10],
    })


@coordinator_view
@require_http_methods(["GET", "POST"])
def municipality_status(request, nis):
    municipality = get_object_or_404(Municipality, nis=nis)
    form = StatusChangeForm(request.POST or None, initial={"status": municipality.status})
    if request.method == "POST" and form.is_valid():
        try:
            change = services.municipality_change_status(
                municipality=municipality, status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if change is None:
                messages.info(request, _("The status was already %(status)s.")
                              % {"status": municipality.get_status_display()})
            else:
                messages.success(request, _("Status changed."))
            return redirect("accounts:municipality", nis=municipality.nis)
    return render(request, "accounts/backoffice/municipality_status.html",
                  {"municipality": municipality, "form": form})


@coordinator_view
@require_http_methods(["GET", "POST"])
def officer_revoke(request, nis, pk):
    assignment = get_object_or_404(OfficerAssignment.objects.select_related("user"),
                                   pk=pk, municipality__nis=nis)
    if request.method == "POST":
        services.officer_revoke(assignment=assignment, by=request.user)
        messages.success(request, _("%(person)s no longer acts for %(municipality)s.") % {
            "person": assignment.user, "municipality": assignment.municipality})
        return redirect("accounts:municipality", nis=nis)
    return render(request, "accounts/backoffice/officer_revoke.html", {"assignment": assignment})


@coordinator_view
@require_safe
def invitation_list(request):
    state = request.GET.get("state", InvitationState.PENDING)
    invitations = Invitation.objects.select_related("municipality", "invited_by")
    if state in InvitationState.values:
        invitations = invitations.filter(state=state)
    page = Paginator(invitations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/backoffice/invitation_list.html",
                  {"page": page, "state": state, "states": InvitationState.choices})


@coordinator_view
@require_http_methods(["GET", "POST"])
def invitation_create(request):
    initial = {"language": request.LANGUAGE_CODE, "role": InvitationRole.OFFICER}
    if request.GET.get("municipality"):
        initial["municipality"] = request.GET["municipality"]
    form = InvitationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                email=form.cleaned_data["email"], role=form.cleaned_data["role"],
                municipality=form.cleaned_data["municipality"],
                language=form.cleaned_data["language"], by=request.user)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("The invitation was sent to %(email)s.")
                             % {"email": form.cleaned_data["email"]})
            return redirect("accounts:invitations")
    return render(request, "accounts/backoffice/invitation_form.html", {"form": form})


@coordinator_view
@require_http_methods(["GET", "POST"])
def invitation_revoke(request, pk):
    invitation = get_object_or_404(Invitation.objects.select_related("municipality"), pk=pk)
    if request.method == "POST":
        try:
            services.invitation_revoke(invitation=invitation, by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The invitation was revoked."))
        return redirect("accounts:invitations")
    return render(request, "accounts/backoffice/invitation_revoke.html",
                  {"invitation": invitation})


@coordinator_view
@require_safe
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.select_related("actor", "municipality")
    if form.is_valid():
        if form.cleaned_data["municipality"]:
            entries = entries.filter(municipality=form.cleaned_data["municipality"])
        if form.cleaned_data["action"]:
            entries = entries.filter(action=form.cleaned_data["action"])
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    readable_entries(page.object_list)
    labels = action_labels()
    codes = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    actions = sorted(((code, str(labels.get(code, code))) for code in codes),
                     key=lambda item: item[1])
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "accounts/backoffice/audit_log.html", {
        "form": form, "page": page, "actions": actions, "query": query.urlencode(),
    })


@coordinator_view
@require_safe
def failed_mail_list(request):
    """Mails that could not be sent: what they were about and why, never to whom (the
    recipients are often residents). Site administrators see everything in the admin."""
    page = Paginator(selectors.failed_mails(), PAGE_SIZE).get_page(request.GET.get("page"))
    for mail in page.object_list:
        # The error's kind only: an SMTP error message may quote a resident's address.
        mail.error_kind = mail.last_error.split(":", 1)[0]
    return render(request, "accounts/backoffice/failed_mails.html", {
        "page": page,
        "admin_url": reverse("admin:core_outgoingmail_changelist") if request.user.is_staff
        else ""})


@coordinator_view
@require_http_methods(["POST"])
def failed_mail_retry(request, pk):
    mail = get_object_or_404(selectors.failed_mails(), pk=pk)
    services.mail_retry(mail=mail, by=request.user)
    messages.success(request, _("The e-mail will be sent again in a moment."))
    return redirect("accounts:failed_mails")
