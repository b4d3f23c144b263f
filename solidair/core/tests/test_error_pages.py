import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.utils import translation
from django.views import defaults

from solidair.core.views import csrf_failure


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    return settings


@pytest.mark.django_db
def test_unknown_url_gives_the_friendly_404_in_dutch(client, production):
    response = client.get("/x")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="nl">' in page
    assert "Pagina niet gevonden" in page
    assert 'class="site-header"' in page  # the site's own layout, with its header
    assert 'href="/"' in page


@pytest.mark.django_db
def test_unknown_url_gives_the_friendly_404_in_french(client, production):
    response = client.get("/fr/x")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "Page introuvable" in page
    assert 'href="/fr/"' in page
    # The other languages cannot translate an unknown address: they lead to their home pages.
    switch = page.split('class="languages"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="([^"]*)"', switch) == ["/", "/fr/x", "/en/", "/de/"]


@pytest.mark.django_db
def test_unknown_url_in_german(client, production):
    response = client.get("/de/nicht-da/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_500_renders_without_request_context_or_database():
    """No django_db mark: any database query would fail this test."""
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis" in page
    assert 'href="/static/css/site.css"' in page
    with translation.override("fr"):
        assert "Une erreur s’est produite" in defaults.server_error(
            RequestFactory().get("/")).content.decode()


@pytest.mark.urls("solidair.core.tests.error_urls")
def test_a_failing_view_shows_the_friendly_500_in_the_visitors_language(production):
    client = Client(raise_request_exception=False)
    response = client.get("/fail", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "Une erreur s’est produite" in page
    assert "a bug in a view" not in page


def test_400_renders_without_request_context():
    response = defaults.bad_request(RequestFactory().get("/"), Exception("secret detail"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ongeldige aanvraag" in page
    assert "secret detail" not in page


@pytest.mark.django_db
def test_a_forbidden_host_gives_the_friendly_400(client, production):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Ongeldige aanvraag" in response.content.decode()


@pytest.mark.django_db
def test_403_in_the_site_layout(production):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with translation.override("fr"):
        response = defaults.permission_denied(request, PermissionDenied("internal reason"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Accès refusé" in page
    assert "internal reason" not in page
    assert 'class="site-header"' in page


@pytest.mark.django_db
def test_csrf_failure_gives_a_friendly_page(production):
    production.CSRF_FAILURE_VIEW = "solidair.core.views.csrf_failure"
    client = Client(enforce_csrf_checks=True)
    response = client.post("/fr/", {"q": "gent"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Le formulaire n’a pas pu être envoyé" in page
    assert 'class="site-header"' in page


@pytest.mark.django_db
def test_csrf_failure_view_in_dutch():
    request = RequestFactory().post("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = csrf_failure(request, reason="CSRF cookie not set.")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Het formulier kon niet verstuurd worden" in page
    assert "CSRF cookie not set" not in page
