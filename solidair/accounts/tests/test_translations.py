import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from solidair.accounts.services import invitation_create
from solidair.accounts.testing import login, make_coordinator, make_user
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "greeting", "subject_word"), [
    ("nl", "Goeiedag,", "uitnodiging"), ("fr", "Bonjour,", "invitation"),
    ("en", "Hello,", "invitation"), ("de", "Guten Tag,", "einladung")])
def test_invitation_mail_in_the_invitees_language(language, greeting, subject_word,
                                                  django_capture_on_commit_callbacks):
    gent = make_municipality("44021", "Gent", "Gand")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(email="an@example.org", role="officer", municipality=gent,
                          language=language, by=make_coordinator())
    [message] = mail.outbox
    assert message.body.startswith(greeting)
    assert subject_word in message.subject.lower()


def test_pages_show_in_french_including_allauths_own_texts(client):
    login(client, make_user())
    with translation.override("fr"):
        home_url, login_url = reverse("accounts:home"), reverse("account_login")
    assert "Mon tableau de bord" in client.get(home_url).content.decode()
    client.post(reverse("account_logout"))
    page = client.get(login_url).content.decode()
    assert "Se connecter" in page and "Mot de passe" in page
