import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from solidair.accounts import demo, extensions
from solidair.accounts.models import OfficerAssignment, User
from solidair.accounts.testing import make_user
from solidair.core.models import OutgoingMail
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def test_nav_items_offer_sign_in_or_my_account():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    [(_label, url)] = extensions.nav_items(request)
    assert url == reverse("account_login")
    request.user = make_user()
    [(_label, url)] = extensions.nav_items(request)
    assert url == reverse("accounts:home")


def test_seed_demo_waits_for_merelbeke_melle():
    out = io.StringIO()
    demo.seed_demo(stdout=out)
    assert "44088" in out.getvalue()
    assert not User.objects.exists()


def test_seed_demo_makes_two_accounts_once_and_prints_them(settings, client):
    settings.DEMO_MODE = True
    merelbeke = make_municipality("44088", "Merelbeke-Melle", "Merelbeke-Melle")
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=out)
    assert User.objects.count() == 2
    coordinator = User.objects.get(email=demo.DEMO_COORDINATOR_EMAIL)
    assert coordinator.is_coordinator and coordinator.demo_without_two_factor
    assert OfficerAssignment.objects.filter(
        user__email=demo.DEMO_OFFICER_EMAIL, municipality=merelbeke).count() == 1
    assert demo.DEMO_PASSWORD in out.getvalue()
    # In demo mode the demo officer signs in with the password alone.
    client.post(reverse("account_login"), {"login": demo.DEMO_OFFICER_EMAIL,
                                           "password": demo.DEMO_PASSWORD})
    assert client.get(reverse("accounts:home")).status_code == 200


def test_allauth_mail_goes_through_the_outbox(client, django_capture_on_commit_callbacks):
    from django.core import mail

    make_user(email="known@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "known@example.org"})
    assert OutgoingMail.objects.filter(to=["known@example.org"]).exists()
    assert mail.outbox[0].to == ["known@example.org"]
