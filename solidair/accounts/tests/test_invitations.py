import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.models import (
    AuditEntry,
    Invitation,
    InvitationRole,
    InvitationState,
    OfficerAssignment,
    User,
)
from solidair.accounts.services import invitation_create
from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.accounts.tests.helpers import invite
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

GOOD = {"first_name": "An", "last_name": "Peeters", "password1": "Vluchteling-welkom-42",
        "password2": "Vluchteling-welkom-42"}


@pytest.fixture
def gent():
    return make_municipality("44021", "Gent", "Gand")


def accept_url(token):
    return reverse("accounts:invitation_accept", args=[token])


def test_the_invitation_mail_carries_a_one_time_link_in_the_invitees_language(
        gent, django_capture_on_commit_callbacks):
    coordinator = make_coordinator()
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invitation_create(email="An@Example.org", role="officer",
                                              municipality=gent, language="fr", by=coordinator)
    assert invitation.email == "an@example.org"
    assert token not in invitation.token_hash  # only the hash is stored
    assert invitation.expires_at - invitation.created_at >= timedelta(days=6, hours=23)
    [message] = mail.outbox
    assert message.to == ["an@example.org"]
    assert "Gand" in message.subject
    assert f"/fr/account/invitation/{token}/" in message.body
    assert AuditEntry.objects.filter(action="invitation.create").exists()
    assert "an@example.org" not in str(list(AuditEntry.objects.values()))


def test_invitation_mail_goes_out_over_smtp(gent, smtp_server,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(email="an@example.org", role="officer", municipality=gent,
                          by=make_coordinator())
    [received] = smtp_server.messages
    assert received["to"] == ["an@example.org"]
    assert "/account/invitation/" in received["message"].get_content()


def test_accepting_creates_the_account_and_role_then_asks_two_factor(client, gent):
    invitation, token = invite(municipality=gent)
    assert client.get(accept_url(token)).status_code == 200
    response = client.post(accept_url(token), GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    user = User.objects.get(email="new.officer@example.org")
    assert user.check_password(GOOD["password1"])
    assert OfficerAssignment.objects.filter(user=user, municipality=gent).exists()
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.ACCEPTED
    assert invitation.accepted_by == user and invitation.accepted_at
    # Signed in, but nothing else opens before two-factor is set up.
    assert client.get(reverse("accounts:home"))["Location"] == reverse("mfa_activate_totp")
    # The password was just chosen: the setup page does not ask it again.
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_the_link_works_once(client, gent):
    _invitation, token = invite(municipality=gent)
    client.post(accept_url(token), GOOD)
    client.post(reverse("account_logout"))
    assert client.get(accept_url(token)).status_code == 410
    assert client.post(accept_url(token), GOOD).status_code == 410
    assert OfficerAssignment.objects.count() == 1


def test_the_link_expires_after_seven_days(client, gent):
    invitation, token = invite(municipality=gent)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(accept_url(token)).status_code == 410
    assert client.post(accept_url(token), GOOD).status_code == 410
    assert not User.objects.filter(email="new.officer@example.org").exists()


def test_unknown_and_revoked_links_get_the_same_answer(client, gent):
    invitation, token = invite(municipality=gent)
    Invitation.objects.filter(pk=invitation.pk).update(state=InvitationState.REVOKED)
    revoked = client.get(accept_url(token))
    unknown = client.get(accept_url("no-such-token"))
    assert revoked.status_code == unknown.status_code == 410
    # The same page, apart from the link itself (in the language switch).
    assert revoked.content.replace(token.encode(), b"T") == unknown.content.replace(
        b"no-such-token", b"T")


def test_a_common_password_is_refused_and_the_form_keeps_the_name(client, gent):
    _invitation, token = invite(municipality=gent)
    data = {**GOOD, "password1": "password123", "password2": "password123"}
    response = client.post(accept_url(token), data)
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert b'value="Peeters"' in response.content
    assert not User.objects.filter(email="new.officer@example.org").exists()


def test_different_passwords_are_refused(client, gent):
    _invitation, token = invite(municipality=gent)
    response = client.post(accept_url(token), {**GOOD, "password2": "Something-else-99"})
    assert "password2" in response.context["form"].errors


def test_an_existing_officer_signs_in_and_accepts_a_second_municipality(client, gent):
    leuven = make_municipality("24062", "Leuven", "Louvain")
    officer = make_officer(gent, email="an@example.org")
    _invitation, token = invite(email="an@example.org", municipality=leuven)
    response = client.get(accept_url(token))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    login(client, officer)
    assert client.get(accept_url(token)).status_code == 200
    assert client.post(accept_url(token)).status_code == 302
    assert set(officer.officer_assignments.values_list("municipality", flat=True)) == {
        "44021", "24062"}


def test_someone_else_signed_in_cannot_take_an_existing_accounts_invitation(client, gent):
    make_officer(gent, email="an@example.org")
    _invitation, token = invite(email="an@example.org", municipality=gent)
    login(client, make_coordinator())
    assert client.post(accept_url(token)).status_code == 410


def test_a_coordinator_invitation_makes_a_coordinator(client):
    _invitation, token = invite(email="new.coordinator@example.org",
                                role=InvitationRole.COORDINATOR)
    client.post(accept_url(token), GOOD)
    assert User.objects.get(email="new.coordinator@example.org").is_coordinator


def test_create_coordinator_prints_a_one_time_link(client, capsys):
    call_command("create_coordinator", "first@example.org")
    out = capsys.readouterr().out
    link = out.strip().splitlines()[-1]
    assert "/account/invitation/" in link
    path = link.split("127.0.0.1:8000", 1)[-1] if "127.0.0.1:8000" in link else link
    client.post(path, GOOD)
    assert User.objects.get(email="first@example.org").is_coordinator
    assert not mail.outbox


def test_a_new_invitation_replaces_the_pending_one(client, gent):
    first, first_token = invite(municipality=gent)
    _second, second_token = invite(municipality=gent)
    first.refresh_from_db()
    assert first.state == InvitationState.REVOKED
    assert client.get(accept_url(first_token)).status_code == 410
    assert client.get(accept_url(second_token)).status_code == 200


def test_invitation_form_says_what_each_personal_field_is_for():
    """WCAG 1.3.5: browsers and assistive tools can fill in the person's own details."""
    from solidair.accounts.forms import AcceptInvitationForm

    html = str(AcceptInvitationForm(email="new@gent.be"))
    for field, purpose in (("first_name", "given-name"), ("last_name", "family-name"),
                           ("password1", "new-password"), ("password2", "new-password")):
        tag = re.search(rf'<input[^>]*\bname="{field}"[^>]*>', html).group(0)
        assert f'autocomplete="{purpose}"' in tag, field
