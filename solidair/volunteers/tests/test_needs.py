import io
import re
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from solidair.accounts.testing import login, make_officer
from solidair.volunteers import services
from solidair.volunteers.models import NeedNotification, NeedResponse, NeedStatus, VolunteerNeed
from solidair.volunteers.tests.factories import make_need, make_offer


def answer_path(body):
    return re.search(r"http://[^/]+(/\S*volunteer/answer/\S+/)", body).group(1)


def need_form(**overrides):
    data = {"title": "Vijf taalbuddy's voor het nieuwe LOI", "description": "'s Avonds",
            "roles": ["language_buddy"], "wanted": "5", "availability": ["evenings"],
            "until": (timezone.localdate() + timedelta(days=14)).isoformat()}
    data.update(overrides)
    return data


def test_posting_a_need_tells_matching_volunteers_once(client, gent, melle,
                                                        django_capture_on_commit_callbacks):
    buddy = make_offer(gent, email="buddy@example.org", roles=["language_buddy", "welcome"])
    make_offer(gent, email="driver@example.org", roles=["transport"])
    make_offer(gent, email="paused@example.org", roles=["language_buddy"],
               paused_by_volunteer=True)
    make_offer(gent, email="unconfirmed@example.org", roles=["language_buddy"], confirmed=False)
    make_offer(gent, email="officer-paused@example.org", roles=["language_buddy"],
               status="paused")
    make_offer(melle, email="elsewhere@example.org", roles=["language_buddy"])
    login(client, make_officer(gent))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("volunteers:need_create", args=["44021"]), need_form())
    need = VolunteerNeed.objects.get()
    assert response["Location"] == reverse("volunteers:need_detail", args=["44021", need.pk])
    assert [m.to for m in mail.outbox] == [["buddy@example.org"]]
    assert "Vijf taalbuddy" in mail.outbox[0].subject
    assert "/volunteer/manage/" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        assert services.need_notify_matches(need=need) == 0  # once only
    assert len(mail.outbox) == 1
    assert NeedNotification.objects.get().offer == buddy


def test_volunteer_confirming_later_hears_about_open_needs(gent,
                                                           django_capture_on_commit_callbacks):
    make_need(gent, roles=["transport"])
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_submit(municipality=gent, email="new@example.org", name="New",
                              postal_code="9000", roles=["transport"])
    token = re.search(r"/volunteer/confirm/(\S+)/", mail.outbox[0].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_confirm(token=token)
    assert len(mail.outbox) == 2 and "/volunteer/answer/" in mail.outbox[1].body


def test_volunteer_answers_with_one_click_and_the_officer_sees_it(
        client, gent, django_capture_on_commit_callbacks):
    make_offer(gent, name="Anna Buddy", roles=["language_buddy"])
    need = make_need(gent)
    with django_capture_on_commit_callbacks(execute=True):
        services.need_notify_matches(need=need)
    path = answer_path(mail.outbox[0].body)
    page = client.get(path)
    assert page.status_code == 200 and "Ik kan helpen" in page.content.decode()
    assert not NeedResponse.objects.exists()  # opening the link changes nothing
    assert "Bedankt!" in client.post(path).content.decode()
    client.post(path)  # twice: still one answer
    assert NeedResponse.objects.count() == 1

    login(client, make_officer(gent))
    detail = client.get(reverse("volunteers:need_detail", args=["44021", need.pk]))
    assert "Anna Buddy" in detail.content.decode()


def test_forged_or_foreign_answer_links_do_not_work(client, gent, melle):
    need = make_need(gent)
    stranger = make_offer(melle)
    token = services.need_answer_token(need=need, offer=stranger)
    assert client.get(reverse("volunteers:need_answer", args=[token])).status_code == 404
    assert client.get(reverse("volunteers:need_answer", args=["forged"])).status_code == 404


def test_closed_needs_take_no_answers_and_tell_nobody(client, gent,
                                                      django_capture_on_commit_callbacks):
    volunteer = make_offer(gent, roles=["language_buddy"])
    need = make_need(gent)
    services.need_close(need=need)
    token = services.need_answer_token(need=need, offer=volunteer)
    page = client.post(reverse("volunteers:need_answer", args=[token]))
    assert "Deze vraag is afgesloten" in page.content.decode()
    assert not NeedResponse.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.need_notify_matches(need=need) == 0


def test_needs_close_on_their_date(gent):
    today = timezone.localdate()
    past = make_need(gent, until=today - timedelta(days=1))
    current = make_need(gent, until=today)
    assert VolunteerNeed.objects.open_on(today).get() == current  # the date filter alone
    call_command("close_expired_needs", stdout=io.StringIO())
    past.refresh_from_db()
    current.refresh_from_db()
    assert past.status == NeedStatus.CLOSED and current.status == NeedStatus.OPEN


def test_need_form_refuses_a_date_in_the_past(client, gent):
    login(client, make_officer(gent))
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(reverse("volunteers:need_create", args=["44021"]),
                           need_form(until=yesterday, wanted="0"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"until", "wanted"}
    assert "Vijf taalbuddy" in response.content.decode()


def test_officer_closes_a_need(client, gent):
    need = make_need(gent)
    login(client, make_officer(gent))
    client.post(reverse("volunteers:need_close", args=["44021", need.pk]))
    need.refresh_from_db()
    assert need.status == NeedStatus.CLOSED
    listing = client.get(reverse("volunteers:need_list", args=["44021"]))
    assert escape(need.title) in listing.content.decode()
