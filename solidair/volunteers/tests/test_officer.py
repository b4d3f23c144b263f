import csv
import io

from django.core import mail
from django.urls import reverse

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.volunteers.models import OfferStatus
from solidair.volunteers.tests.factories import make_offer


def people(gent, melle):
    return {
        "anna": make_offer(gent, name="Anna Buddy", email="anna@example.org",
                           roles=["language_buddy"], languages=["nl", "ar"],
                           availability=["evenings"], share_contact=True, phone="0471111111"),
        "bert": make_offer(gent, name="Bert Driver", email="bert@example.org",
                           roles=["transport"], languages=["nl"], availability=["weekends"]),
        "unconfirmed": make_offer(gent, name="Carl Unconfirmed", confirmed=False),
        "other": make_offer(melle, name="Dina Elsewhere"),
    }


def test_officer_sees_their_confirmed_volunteers_and_filters_them(client, gent, melle):
    people(gent, melle)
    login(client, make_officer(gent))
    url = reverse("volunteers:officer_list", args=["44021"])
    content = client.get(url).content.decode()
    assert "Anna Buddy" in content and "Bert Driver" in content
    assert "Carl Unconfirmed" not in content and "Dina Elsewhere" not in content
    assert "anna@example.org" not in content  # addresses only on the detail page, if shared

    assert "Bert" not in client.get(url, {"role": "language_buddy"}).content.decode()
    assert "Anna" not in client.get(url, {"language": "fr"}).content.decode()
    filtered = client.get(url, {"availability": "weekends"}).content.decode()
    assert "Bert Driver" in filtered and "Anna Buddy" not in filtered
    assert client.get(url, {"role": "bogus"}).status_code == 200  # bad filter: ignored


def test_contact_details_only_when_the_volunteer_agreed(client, gent, melle):
    found = people(gent, melle)
    login(client, make_officer(gent))
    anna = client.get(reverse("volunteers:officer_offer", args=["44021", found["anna"].pk]))
    bert = client.get(reverse("volunteers:officer_offer", args=["44021", found["bert"].pk]))
    assert "anna@example.org" in anna.content.decode()
    assert "0471111111" in anna.content.decode()
    assert "bert@example.org" not in bert.content.decode()


def test_officer_sets_a_status_and_the_audit_has_no_personal_data(client, gent, melle):
    found = people(gent, melle)
    officer = make_officer(gent)
    login(client, officer)
    url = reverse("volunteers:officer_offer", args=["44021", found["anna"].pk])
    assert client.post(url, {"status": "contacted"}).status_code == 302
    found["anna"].refresh_from_db()
    assert found["anna"].status == OfferStatus.CONTACTED
    entry = AuditEntry.objects.get(action="volunteers.offer_status_changed")
    assert entry.actor == officer and entry.after == {"status": "contacted"}
    assert "Anna" not in str(entry.__dict__) and "anna@" not in str(entry.__dict__)


def test_csv_export_respects_what_volunteers_agreed(client, gent, melle):
    people(gent, melle)
    login(client, make_officer(gent))
    response = client.get(reverse("volunteers:officer_export", args=["44021"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Anna Buddy"][1] == "anna@example.org"
    assert by_name["Bert Driver"][1] == "" and by_name["Bert Driver"][2] == ""
    assert AuditEntry.objects.get(action="volunteers.volunteers_exported").after == {"count": 2}


def test_csv_export_defuses_formulas(client, gent):
    make_offer(gent, name="=HYPERLINK(1)")
    login(client, make_officer(gent))
    content = client.get(reverse("volunteers:officer_export", args=["44021"])).content.decode()
    assert "'=HYPERLINK(1)" in content


def test_officer_writes_to_a_selection_with_replies_to_the_officer(
        client, gent, melle, django_capture_on_commit_callbacks):
    found = people(gent, melle)
    officer = make_officer(gent, email="vrijwilligers@gent.be")
    login(client, officer)
    url = reverse("volunteers:officer_write", args=["44021"])
    selected = [found["anna"].pk, found["bert"].pk, found["other"].pk]
    page = client.get(url, {"offers": selected}).content.decode()
    assert "Anna Buddy" in page and "Dina Elsewhere" not in page  # other municipality dropped
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"offers": selected[:2] + [found["other"].pk],
                                     "subject": "Kennismaking", "body": "Welkom & dank!"})
    assert response.status_code == 200  # the foreign id is not a valid choice
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"offers": selected[:2], "subject": "Kennismaking",
                                     "body": "Welkom & dank!"})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "bert@example.org"]
    message = mail.outbox[0]
    assert message.reply_to == ["vrijwilligers@gent.be"] and len(message.to) == 1
    assert "Welkom & dank!" in message.body and "/volunteer/manage/" in message.body
    entry = AuditEntry.objects.get(action="volunteers.volunteers_written")
    assert entry.after == {"count": 2} and "Anna" not in entry.object_label


def test_paused_volunteers_cannot_be_written_to(client, gent):
    paused = make_offer(gent, paused_by_volunteer=True)
    login(client, make_officer(gent))
    page = client.get(reverse("volunteers:officer_write", args=["44021"]),
                      {"offers": [paused.pk]})
    assert page.context["candidates"] == []


def test_coordinator_sees_counts_per_municipality_and_role_but_no_names(client, gent, melle):
    people(gent, melle)
    login(client, make_coordinator())
    response = client.get(reverse("volunteers:coordinator_overview"))
    content = response.content.decode()
    assert "Gent" in content and "Merelbeke-Melle" in content
    for private in ("Anna", "Bert", "Dina", "@example.org", "0471"):
        assert private not in content
    gent_row = next(row for row in response.context["rows"] if row["nis"] == "44021")
    assert gent_row["total"] == 2
    assert sum(gent_row["roles"]) == 2


def test_coordinator_cannot_open_the_officer_list(client, gent):
    login(client, make_coordinator())
    assert client.get(reverse("volunteers:officer_list", args=["44021"])).status_code == 404


def test_officer_message_reaches_a_real_smtp_server_with_reply_to(
        client, gent, smtp_server, django_capture_on_commit_callbacks):
    volunteer = make_offer(gent, email="anna@example.org", language="fr")
    login(client, make_officer(gent, email="vrijwilligers@gent.be"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("volunteers:officer_write", args=["44021"]),
                    {"offers": [volunteer.pk], "subject": "Rencontre", "body": "Bienvenue"})
    [received] = smtp_server.messages
    assert received["to"] == ["anna@example.org"]
    assert received["message"]["Reply-To"] == "vrijwilligers@gent.be"
    body = received["message"].get_content()
    assert "Bienvenue" in body and "Répondez à cet e-mail" in body


def test_the_volunteers_list_pages_by_25_and_keeps_the_filter(client, gent):
    for number in range(27):
        make_offer(gent, name=f"Person {number:02d}", roles=["welcome"])
    make_offer(gent, name="Someone Driving", roles=["transport"])
    login(client, make_officer(gent))
    url = reverse("volunteers:officer_list", args=["44021"])
    first = client.get(url, {"role": "welcome"}).content.decode()
    assert first.count('name="offers"') == 25 and "Someone Driving" not in first
    assert "27 vrijwilligers gevonden." in first
    assert 'href="?role=welcome&amp;page=2"' in first
    second = client.get(url, {"role": "welcome", "page": "2"}).content.decode()
    assert second.count('name="offers"') == 2
    for odd in ("²", "-1", "99999999999999999999"):
        assert client.get(url, {"page": odd}).status_code == 200
