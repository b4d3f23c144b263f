import io
import json
import re
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.models import AuditEntry
from solidair.volunteers import services
from solidair.volunteers.models import NeedResponse, VolunteerOffer
from solidair.volunteers.tests.factories import make_need, make_offer


def manage(offer, name="manage"):
    return reverse(f"volunteers:{name}", args=[services.offer_manage_token(offer)])


def test_volunteer_sees_and_changes_their_offer(client, gent):
    offer = make_offer(gent, name="Els Peeters", email="els@example.org")
    page = client.get(manage(offer))
    assert page.status_code == 200 and "els@example.org" in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    response = client.post(manage(offer), {"name": "Els P.", "roles": ["transport", "other"],
                                           "availability": ["weekends"], "share_contact": "on"})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.name == "Els P." and offer.role_list == ["other", "transport"]
    assert offer.share_contact is True
    entry = AuditEntry.objects.get(action="volunteers.offer_changed_by_volunteer")
    assert "Els" not in json.dumps(entry.after) + entry.object_label


def test_bad_changes_are_refused_and_kept_in_the_form(client, gent):
    offer = make_offer(gent)
    response = client.post(manage(offer), {"name": "Still typed", "roles": []})
    assert response.status_code == 200 and "Still typed" in response.content.decode()
    assert response.context["form"].errors["roles"]


def test_volunteer_pauses_and_resumes(client, gent):
    offer = make_offer(gent)
    client.post(manage(offer, "manage_pause"), {"paused": "1"})
    offer.refresh_from_db()
    assert offer.paused_by_volunteer
    client.post(manage(offer, "manage_pause"), {"paused": "0"})
    offer.refresh_from_db()
    assert not offer.paused_by_volunteer


def test_volunteer_downloads_everything_as_json(client, gent):
    offer = make_offer(gent, name="Els Peeters", phone="0470", message="Hallo")
    need = make_need(gent)
    services.need_answer(need=need, offer=offer)
    response = client.get(manage(offer, "manage_download"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["name"] == "Els Peeters" and data["phone"] == "0470"
    assert data["consent"]["version"] == services.CONSENT_VERSION
    assert data["needs_answered"][0]["need"] == need.title


def test_deletion_is_real_and_leaves_an_audit_entry_without_personal_data(client, gent):
    offer = make_offer(gent, name="Els Peeters", email="els@example.org")
    services.need_answer(need=make_need(gent), offer=offer)
    assert client.get(manage(offer, "manage_delete")).status_code == 200
    response = client.post(manage(offer, "manage_delete"))
    assert response["Location"] == reverse("volunteers:deleted")
    assert not VolunteerOffer.objects.exists() and not NeedResponse.objects.exists()
    entry = AuditEntry.objects.get(action="volunteers.offer_deleted_by_volunteer")
    assert entry.object_id == str(offer.pk) and entry.municipality == gent
    for row in AuditEntry.objects.all():
        text = json.dumps([row.object_label, row.actor_label, row.before, row.after])
        assert "Els" not in text and "els@" not in text
    assert client.get(manage(offer)).status_code == 404


def test_forged_manage_links_do_not_work(client, gent):
    offer = make_offer(gent)
    token = services.offer_manage_token(offer)
    assert client.get(reverse("volunteers:manage", args=[token + "x"])).status_code == 404
    offer.access_key = "rotated"
    offer.save()
    assert client.get(reverse("volunteers:manage", args=[token])).status_code == 404
    assert client.post(reverse("volunteers:manage_delete", args=[token])).status_code == 404
    assert VolunteerOffer.objects.exists()


# Retention ---------------------------------------------------------------------------------


def test_unconfirmed_offers_expire_after_seven_days(gent):
    now = timezone.now()
    old = make_offer(gent, confirmed=False, at=now - timedelta(days=8))
    fresh = make_offer(gent, confirmed=False, at=now - timedelta(days=6))
    assert services.offers_purge(now=now)["expired"] == 1
    assert list(VolunteerOffer.objects.all()) == [fresh]
    entry = AuditEntry.objects.get(action="volunteers.offer_expired_unconfirmed")
    assert entry.object_id == str(old.pk)


def test_silent_offers_are_asked_once_then_deleted(gent, django_capture_on_commit_callbacks):
    start = timezone.now()
    silent = make_offer(gent, email="silent@example.org", at=start)
    answering = make_offer(gent, email="answering@example.org", at=start)
    asked_at = start + timedelta(days=731)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.offers_purge(now=asked_at)["asked"] == 2
        assert services.offers_purge(now=asked_at + timedelta(days=1))["asked"] == 0  # once
    assert sorted(m.to[0] for m in mail.outbox) == ["answering@example.org",
                                                    "silent@example.org"]
    assert "/volunteer/manage/" in mail.outbox[0].body

    services.offer_keep(offer=answering, now=asked_at + timedelta(days=3))
    result = services.offers_purge(now=asked_at + timedelta(days=31))
    assert result["deleted"] == 1
    assert list(VolunteerOffer.objects.all()) == [answering]
    assert AuditEntry.objects.filter(action="volunteers.offer_deleted_inactive",
                                     object_id=str(silent.pk)).exists()


def test_keep_button_is_shown_and_works_after_the_question(client, gent):
    offer = make_offer(gent, reconfirm_requested_at=timezone.now())
    page = client.get(manage(offer)).content.decode()
    assert "bewaar mijn aanbod" in page
    client.post(manage(offer, "manage_keep"))
    offer.refresh_from_db()
    assert offer.reconfirm_requested_at is None


def test_purge_command_runs(gent):
    make_offer(gent, confirmed=False, at=timezone.now() - timedelta(days=10))
    call_command("purge_volunteer_offers", stdout=io.StringIO())
    assert not VolunteerOffer.objects.exists()


def test_manage_link_in_every_mail_opens_the_offer(client, gent,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_submit(municipality=gent, email="a@example.org", name="A",
                              postal_code="9000", roles=["welcome"])
    path = re.search(r"http://[^/]+(/\S*volunteer/manage/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(path)
    assert page.status_code == 200
    assert "<dd>a@example.org</dd>" in page.content.decode()  # the offer itself
