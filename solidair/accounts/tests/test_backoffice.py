import re

import pytest
from django.core import mail
from django.urls import reverse

from solidair.accounts.models import AuditEntry, Invitation, InvitationState, OfficerAssignment
from solidair.accounts.testing import login, make_coordinator, make_officer, make_user
from solidair.accounts.tests.helpers import invite
from solidair.places.models import MunicipalityStatus, StatusChange
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def gent():
    return make_municipality("44021", "Gent", "Gand")


@pytest.fixture
def coordinator(client):
    user = make_coordinator()
    login(client, user)
    return user


def test_status_change_needs_a_reason_and_keeps_what_was_typed(client, coordinator, gent):
    url = reverse("accounts:municipality_status", args=[gent.nis])
    response = client.post(url, {"status": "member", "reason": "   "})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert b'value="member" selected' in response.content
    gent.refresh_from_db()
    assert gent.status == MunicipalityStatus.NOT_ENGAGED
    assert not AuditEntry.objects.exists()


def test_status_change_goes_through_places_and_is_audited(client, coordinator, gent):
    url = reverse("accounts:municipality_status", args=[gent.nis])
    response = client.post(url, {"status": "member", "reason": "Council vote of 3 March"})
    assert response.status_code == 302
    gent.refresh_from_db()
    assert gent.status == MunicipalityStatus.MEMBER
    change = StatusChange.objects.get(municipality=gent)
    assert change.reason == "Council vote of 3 March" and change.changed_by == coordinator
    # One change, one audit entry (written by places).
    entry = AuditEntry.objects.get()
    assert entry.action == "municipality.set_status"
    assert entry.actor == coordinator and entry.municipality == gent
    assert entry.before == {"status": "not_engaged"}
    assert entry.after["status"] == "member"


def test_an_unknown_status_is_refused(client, coordinator, gent):
    url = reverse("accounts:municipality_status", args=[gent.nis])
    response = client.post(url, {"status": "emperor", "reason": "why not"})
    assert response.status_code == 200
    assert "status" in response.context["form"].errors


def test_inviting_from_the_back_office_mails_and_audits(client, coordinator, gent,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:invitation_create"), {
            "email": "new@example.org", "role": "officer", "municipality": gent.nis,
            "language": "nl"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.invited_by == coordinator and invitation.municipality == gent
    assert mail.outbox[0].to == ["new@example.org"]
    assert AuditEntry.objects.filter(action="invitation.create", municipality=gent).exists()


def test_an_officer_invitation_needs_a_municipality(client, coordinator):
    response = client.post(reverse("accounts:invitation_create"), {
        "email": "new@example.org", "role": "officer", "municipality": "", "language": "nl"})
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert b'value="new@example.org"' in response.content
    assert not Invitation.objects.exists()


def test_a_coordinator_cannot_make_themselves_an_officer(client, coordinator, gent):
    """An officer sees residents' names; a coordinator never does, not even by inviting
    their own address."""
    response = client.post(reverse("accounts:invitation_create"), {
        "email": coordinator.email.upper(), "role": "officer", "municipality": gent.nis,
        "language": "nl"})
    assert response.status_code == 200
    assert "kan niet ook ambtenaar" in " ".join(response.context["form"].errors["email"])
    assert not Invitation.objects.exists()
    # Nor through an invitation made before they became coordinator.
    _invitation, token = invite(email="later@example.org", municipality=gent)
    later = make_coordinator(email="later@example.org")
    login(client, later)
    client.post(reverse("accounts:invitation_accept", args=[token]))
    assert not OfficerAssignment.objects.filter(user=later).exists()


def test_revoking_an_invitation_kills_its_link(client, coordinator, gent):
    invitation, token = invite(municipality=gent)
    client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.REVOKED
    assert AuditEntry.objects.filter(action="invitation.revoke").exists()
    client.post(reverse("account_logout"))
    assert client.get(reverse("accounts:invitation_accept", args=[token])).status_code == 410


def test_revoking_an_officer_removes_the_role_not_the_account(client, coordinator, gent):
    officer = make_officer(gent)
    assignment = OfficerAssignment.objects.get(user=officer)
    response = client.post(reverse("accounts:officer_revoke", args=[gent.nis, assignment.pk]))
    assert response.status_code == 302
    assert not OfficerAssignment.objects.filter(pk=assignment.pk).exists()
    officer.refresh_from_db()
    assert officer.is_active
    entry = AuditEntry.objects.get(action="officer.revoke")
    assert entry.municipality == gent and officer.email not in entry.object_label


def test_an_officer_of_another_municipality_cannot_be_revoked_through_this_one(
        client, coordinator, gent):
    leuven = make_municipality("24062", "Leuven", "Louvain")
    assignment = OfficerAssignment.objects.get(user=make_officer(leuven))
    url = reverse("accounts:officer_revoke", args=[gent.nis, assignment.pk])
    assert client.post(url).status_code == 404


def test_pages_list_municipalities_officers_and_invitations(client, coordinator, gent):
    make_officer(gent, email="officer@gent.be", first_name="Sara", last_name="Janssens")
    invite(email="pending@gent.be", municipality=gent)
    listing = client.get(reverse("accounts:municipalities"), {"q": "gent"})
    assert b"Gent" in listing.content
    detail = client.get(reverse("accounts:municipality", args=[gent.nis])).content.decode()
    assert "Sara Janssens" in detail and "pending@gent.be" in detail
    invitations = client.get(reverse("accounts:invitations")).content.decode()
    assert "pending@gent.be" in invitations


def test_audit_log_filters_by_municipality_and_action_and_pages(client, coordinator, gent):
    from solidair.core.audit import audit_record

    leuven = make_municipality("24062", "Leuven", "Louvain")
    for index in range(55):
        audit_record(actor=coordinator, action="thing.edit", obj=gent, municipality=gent,
                     after={"n": index})
    audit_record(actor=coordinator, action="other.edit", obj=leuven, municipality=leuven)
    page = client.get(reverse("accounts:audit_log"), {"municipality": gent.nis})
    assert len(page.context["page"]) == 50
    assert page.context["page"].paginator.count == 55
    second = client.get(reverse("accounts:audit_log"),
                        {"municipality": gent.nis, "page": 2})
    assert len(second.context["page"]) == 5
    only_other = client.get(reverse("accounts:audit_log"), {"action": "other.edit"})
    assert [entry.municipality for entry in only_other.context["page"]] == [leuven]


def test_audit_log_shows_the_actor_by_name_only(client, coordinator, gent):
    from solidair.core.audit import audit_record

    actor = make_user(email="someone@example.org", first_name="Jo", last_name="Maes")
    audit_record(actor=actor, action="thing.edit", obj=gent, municipality=gent)
    page = client.get(reverse("accounts:audit_log")).content.decode()
    assert "Jo Maes" in page and "someone@example.org" not in page


def test_the_admin_sign_in_goes_through_two_factor(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_coordinators_who_are_not_staff_do_not_get_the_admin(client, coordinator):
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_staff_get_the_admin(client, gent):
    from solidair.accounts.testing import make_staff

    staff = make_staff()
    login(client, staff)
    index = client.get("/admin/").content.decode()
    assert 'href="/admin/accounts/auditentry/"' in index and 'href="/admin/accounts/user/"' in index
    client.post(reverse("accounts:municipality_status", args=[gent.nis]),
                {"status": "candidate", "reason": "Council decision"})
    audit = client.get("/admin/accounts/auditentry/")
    assert audit.status_code == 200 and "Gent" in audit.content.decode()
    users = client.get("/admin/accounts/user/")
    assert users.status_code == 200 and staff.email in users.content.decode()


def test_audit_log_shows_actions_fields_and_values_as_words(client, coordinator, gent):
    """People read the log: no `municipality.set_status`, `status: member` or `state:
    pending` codes, in their language."""
    client.post(reverse("accounts:municipality_status", args=[gent.nis]),
                {"status": "member", "reason": "Gemeenteraad van 3 maart"})
    page = client.get(reverse("accounts:audit_log")).content.decode()
    cells = re.findall(r"<td>(.*?)</td>", page, flags=re.S)
    assert "Status in het netwerk gewijzigd" in cells
    assert "municipality.set_status" not in " ".join(cells)
    assert "status: lid" in page and "status: member" not in page
    assert "reden: Gemeenteraad van 3 maart" in page
    # The filter offers the same words, keeping the code as the value.
    option = '<option value="municipality.set_status">Status in het netwerk gewijzigd</option>'
    assert option in page
    assert ">---------<" not in page


def test_an_unknown_audit_action_is_shown_as_stored(client, coordinator, gent):
    from solidair.core.audit import audit_record

    audit_record(actor=coordinator, action="future.app_thing", obj=gent, municipality=gent,
                 after={"done": True})
    page = client.get(reverse("accounts:audit_log")).content.decode()
    assert "<td>future.app_thing</td>" in page and "done: ja" in page


def test_wide_back_office_tables_can_be_scrolled_with_the_keyboard(client, coordinator, gent):
    html = client.get(reverse("accounts:audit_log")).content.decode()
    scroller = re.search(r'<div class="table-scroll"[^>]*>', html).group(0)
    assert 'tabindex="0"' in scroller and 'role="region"' in scroller and "aria-label=" in scroller


def test_audit_log_names_invitations_in_the_readers_language(client, coordinator, gent):
    client.post(reverse("accounts:invitation_create"),
                {"email": "new@gent.be", "role": "officer", "municipality": gent.nis,
                 "language": "nl"})
    invitation = Invitation.objects.get()
    page = client.get(reverse("accounts:audit_log")).content.decode()
    assert f"<td>uitnodiging #{invitation.pk}</td>" in page
    assert "Uitnodiging verstuurd" in page
