"""The officer's page of the residents who asked: who sees what, filter, export, writing."""

import csv
import io

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.campaigns.extensions import account_links
from solidair.campaigns.models import SignatureStatus
from solidair.campaigns.tests.factories import make_gent, make_signature
from solidair.places.testing import make_municipality


@pytest.fixture
def gent():
    return make_gent()


@pytest.fixture
def signers(gent):
    return {
        "open": make_signature(gent, name="Anna Open", email="anna@example.org",
                               message="Solidariteit telt.", share_email_with_council=True),
        "private": make_signature(gent, name="Bert Privé", email="bert@example.org",
                                  message="=HYPERLINK(\"x\")"),
        "pending": make_signature(gent, name="Cas Wacht", email="cas@example.org",
                                  status=SignatureStatus.PENDING, share_email_with_council=True),
    }


def page(client, gent, **params):
    return client.get(reverse("campaigns:officer_signatories", args=[gent.nis]), params)


@pytest.mark.django_db
def test_officer_sees_confirmed_signers_and_only_shared_addresses(client, gent, signers):
    login(client, make_officer(gent))
    html = page(client, gent).content.decode()
    assert "Anna Open" in html and "anna@example.org" in html and "Solidariteit telt." in html
    assert "Bert Priv" in html and "bert@example.org" not in html
    assert "Cas Wacht" not in html  # not confirmed


@pytest.mark.django_db
def test_filter_by_words_and_contact_permission(client, gent, signers):
    login(client, make_officer(gent))
    html = page(client, gent, q="solidariteit").content.decode()
    assert "Anna Open" in html and "Bert Priv" not in html
    html = page(client, gent, contactable="on").content.decode()
    assert "Anna Open" in html and "Bert Priv" not in html
    html = page(client, gent, since="2000-01-01", until="1999-01-01").content.decode()
    assert "Kies een datum na de begindatum." in html


@pytest.mark.django_db
def test_coordinator_sees_counts_only(client, gent, signers):
    login(client, make_coordinator())
    response = page(client, gent)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anna Open" not in html and "anna@example.org" not in html
    assert response.context["counts"] == {"total": 2, "with_message": 2, "contactable": 1,
                                          "delivered": 0}


@pytest.mark.django_db
def test_another_municipalitys_officer_gets_404(client, gent, signers):
    leuven = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    login(client, make_officer(leuven))
    assert page(client, gent).status_code == 404
    url = reverse("campaigns:officer_signatories_export", args=[gent.nis])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_csv_export_hides_unshared_addresses_and_defuses_formulas(client, gent, signers):
    officer = make_officer(gent)
    login(client, officer)
    response = client.get(reverse("campaigns:officer_signatories_export", args=[gent.nis]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Anna Open", "Bert Privé"}
    assert by_name["Anna Open"][3] == "anna@example.org"
    assert by_name["Bert Privé"][3] == ""
    assert by_name["Bert Privé"][4].startswith("'=")
    assert AuditEntry.objects.get(action="campaigns.signatories_exported").after == {"count": 2}


@pytest.mark.django_db
def test_writing_reaches_only_those_who_allowed_it_with_reply_to_the_officer(
        client, gent, signers, smtp_server, django_capture_on_commit_callbacks):
    officer = make_officer(gent)
    login(client, officer)
    url = reverse("campaigns:officer_write", args=[gent.nis])
    chosen = [signers["open"].pk, signers["private"].pk, signers["pending"].pk]
    form = client.get(url, {"signatures": chosen}).content.decode()
    assert "Anna Open" in form and "Bert Priv" not in form and "Cas Wacht" not in form
    data = {"subject": "Dank & tot snel", "body": "Het college ontvangt u graag."}
    with django_capture_on_commit_callbacks(execute=True):
        # An address that did not allow it is refused, even when posted by hand.
        assert client.post(url, {"signatures": chosen, **data}).status_code == 200
        assert smtp_server.messages == []
        response = client.post(url, {"signatures": [signers["open"].pk], **data})
    assert response.status_code == 302
    assert [m["to"] for m in smtp_server.messages] == [["anna@example.org"]]
    message = smtp_server.messages[0]["message"]
    assert message["Subject"] == "Dank & tot snel"
    assert message["Reply-To"] == officer.email
    assert "Het college ontvangt u graag." in message.get_payload(decode=True).decode()


@pytest.mark.django_db
def test_writing_without_a_choice_keeps_the_text(client, gent, signers):
    login(client, make_officer(gent))
    url = reverse("campaigns:officer_write", args=[gent.nis])
    response = client.post(url, {"signatures": [signers["open"].pk], "subject": "",
                                 "body": "Mijn tekst"})
    assert response.status_code == 200 and "Mijn tekst" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_account_link_for_the_officer_only(gent):
    request = RequestFactory().get("/account/")
    request.user = make_officer(gent)
    assert [url for _label, url in account_links(request, gent)] == [
        reverse(f"campaigns:{name}", args=[gent.nis])
        for name in ("officer_signatories", "answer_record", "paper_batches", "settings")]
    request.user = make_coordinator()
    assert account_links(request, gent) == []


@pytest.mark.django_db
def test_officer_page_queries_do_not_grow_with_the_signers(client, gent):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, make_officer(gent))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert page(client, gent).status_code == 200
        return len(captured)

    make_signature(gent, email="one@example.org")
    queries()  # the first request of a session does a little more
    few = queries()
    for number in range(30):
        make_signature(gent, email=f"signer{number}@example.org", share_email_with_council=True)
    assert queries() == few


@pytest.mark.django_db
def test_the_account_page_links_to_the_residents_who_asked(client, gent):
    login(client, make_officer(gent))
    html = client.get(reverse("accounts:home")).content.decode()
    assert reverse("campaigns:officer_signatories", args=[gent.nis]) in html


@pytest.mark.django_db
def test_the_list_pages_by_25_and_keeps_the_filter(client, gent):
    for number in range(30):
        make_signature(gent, email=f"signer{number:02d}@example.org", name=f"Signer {number:02d}",
                       share_email_with_council=True)
    login(client, make_officer(gent))
    first = page(client, gent, contactable="on").content.decode()
    assert first.count('name="signatures"') == 25
    assert "30 bevestigde medeondertekenaars gevonden." in first
    assert 'href="?contactable=on&amp;page=2"' in first
    second = page(client, gent, contactable="on", page="2").content.decode()
    assert second.count('name="signatures"') == 5
    # Every cell says what it is when the table becomes cards on a phone.
    assert 'data-label="E-mailadres"' in second


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["²", "-1", "0", "99999999999999999999", "abc", "1.5"])
def test_odd_page_numbers_show_a_page(client, gent, number):
    make_signature(gent)
    login(client, make_officer(gent))
    response = page(client, gent, page=number)
    assert response.status_code == 200
    assert "Anna De Smet" in response.content.decode()
