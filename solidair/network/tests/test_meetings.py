import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from solidair.accounts.testing import login, make_coordinator, make_officer, make_user
from solidair.network import services
from solidair.network.models import Meeting, Registration
from solidair.network.tests.factories import make_meeting
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def register(meeting, user, capture):
    with capture(execute=True):
        return services.meeting_register(meeting=meeting, user=user)


def test_full_meeting_puts_people_on_the_waiting_list(django_capture_on_commit_callbacks):
    meeting = make_meeting(capacity=1)
    first = register(meeting, make_user("a@example.org"), django_capture_on_commit_callbacks)
    second = register(meeting, make_user("b@example.org"), django_capture_on_commit_callbacks)
    assert first.status == Registration.Status.REGISTERED
    assert second.status == Registration.Status.WAITING
    assert [m.to for m in mail.outbox] == [["a@example.org"], ["b@example.org"]]


def test_cancellation_promotes_the_first_waiting_person(django_capture_on_commit_callbacks):
    meeting = make_meeting(capacity=1)
    a, b, c = (make_user(f"{x}@example.org") for x in "abc")
    for user in (a, b, c):
        register(meeting, user, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, user=a)
    statuses = dict(meeting.registrations.values_list("user__email", "status"))
    assert statuses == {"a@example.org": "cancelled", "b@example.org": "registered",
                        "c@example.org": "waiting"}
    assert [m.to for m in mail.outbox] == [["b@example.org"]]


def test_promotion_mail_reaches_a_real_smtp_server(smtp_server,
                                                   django_capture_on_commit_callbacks):
    meeting = make_meeting(capacity=1)
    a, b = make_user("a@example.org"), make_user("b@example.org", preferred_language="fr")
    register(meeting, a, django_capture_on_commit_callbacks)
    register(meeting, b, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, user=a)
    last = smtp_server.messages[-1]
    assert last["to"] == ["b@example.org"]
    assert meeting.theme in last["message"]["Subject"]
    [attachment] = list(last["message"].iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    calendar = Calendar.from_ical(attachment.get_payload(decode=True))
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == meeting.theme


def test_registering_twice_keeps_one_registration(django_capture_on_commit_callbacks):
    meeting = make_meeting()
    user = make_user()
    register(meeting, user, django_capture_on_commit_callbacks)
    register(meeting, user, django_capture_on_commit_callbacks)
    assert meeting.registrations.count() == 1


def test_register_and_cancel_through_the_page(client, django_capture_on_commit_callbacks):
    officer = make_officer(make_municipality())
    meeting = make_meeting()
    login(client, officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:meeting_register", args=[meeting.pk]))
    assert response.status_code == 302
    assert meeting.registrations.get().status == "registered"
    page = client.get(meeting.get_absolute_url())
    assert reverse("network:meeting_cancel", args=[meeting.pk]) in page.content.decode()
    client.post(reverse("network:meeting_cancel", args=[meeting.pk]))
    assert meeting.registrations.get().status == "cancelled"


def test_ics_of_a_meeting_is_valid_icalendar(client):
    meeting = make_meeting(agenda="Onthaal\nWerkgroepen", online_url="https://example.org/x")
    anonymous = client.get(reverse("network:meeting_ics", args=[meeting.pk]))
    assert b"example.org/x" not in anonymous.content
    login(client, make_user())
    response = client.get(reverse("network:meeting_ics", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == meeting.theme
    assert events[0].decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)
    assert "Werkgroepen" in str(events[0]["DESCRIPTION"])
    assert "https://example.org/x" in str(events[0]["DESCRIPTION"])


def test_calendar_feed_lists_every_meeting(client):
    make_meeting(theme="Een")
    make_meeting(days=-30, theme="Twee")
    calendar = Calendar.from_ical(client.get(reverse("network:meetings_ics")).content)
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == ["Een", "Twee"]
    assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == 2


def test_reminders_go_once_a_week_before(django_capture_on_commit_callbacks):
    soon, later = make_meeting(days=5), make_meeting(days=20)
    user = make_user()
    register(soon, user, django_capture_on_commit_callbacks)
    register(later, user, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_meeting_reminders")
        call_command("send_meeting_reminders")
    assert len(mail.outbox) == 1
    assert soon.theme in mail.outbox[0].subject
    assert soon.registrations.get().reminder_sent_at is not None


def test_coordinator_records_attendance(client, django_capture_on_commit_callbacks):
    meeting = make_meeting(capacity=5)
    a, b = make_user("a@example.org"), make_user("b@example.org")
    ra = register(meeting, a, django_capture_on_commit_callbacks)
    register(meeting, b, django_capture_on_commit_callbacks)
    login(client, make_coordinator())
    client.post(reverse("network:meeting_attendance", args=[meeting.pk]),
                {"attended": [str(ra.pk)]})
    assert dict(meeting.registrations.values_list("user__email", "attended")) == {
        "a@example.org": True, "b@example.org": False}


def test_coordinator_plans_a_meeting_and_bad_input_is_kept(client):
    login(client, make_coordinator())
    start = timezone.localtime() + timedelta(days=40)
    data = {"theme": "Scholen", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "capacity": 30}
    response = client.post(reverse("network:meeting_create"), data)
    assert response.status_code == 200
    assert "Scholen" in response.content.decode()
    data.update(ends_at=(start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
                place="Leuven")
    response = client.post(reverse("network:meeting_create"), data)
    assert response.status_code == 302


def test_meeting_form_has_real_date_fields_and_a_host_typed_by_name_or_postal_code(client):
    make_municipality("44021", "Gent", "Gand", postal_codes=("9000", "9030"))
    make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    login(client, make_coordinator())
    url = reverse("network:meeting_create")
    html = client.get(url).content.decode()
    for name in ("starts_at", "ends_at"):
        assert re.search(rf'<input type="datetime-local" name="{name}"', html)
    host = re.search(r'<input[^>]*name="host_municipality"[^>]*>', html).group(0)
    assert 'type="text"' in host and 'list="id_host_municipality_options"' in host
    assert '<select name="host_municipality"' not in html  # no list of 565 options
    assert '<option value="Gent">' in html  # the browser suggests names as you type
    start = timezone.localtime() + timedelta(days=40)
    data = {"theme": "Scholen", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Stadhuis", "capacity": 30}
    response = client.post(url, {**data, "host_municipality": "Atlantis"})
    assert response.status_code == 200
    assert "Atlantis" in response.content.decode()
    assert response.context["form"].errors["host_municipality"]
    assert "error-summary" in response.content.decode()
    for typed, nis in (("gand", "44021"), ("3000", "24062"), ("44021", "44021")):
        assert client.post(url, {**data, "host_municipality": typed}).status_code == 302
        assert Meeting.objects.latest("pk").host_municipality_id == nis
    meeting = Meeting.objects.latest("pk")
    edit = client.get(reverse("network:meeting_edit", args=[meeting.pk])).content.decode()
    assert re.search(r'name="host_municipality" value="Gent"', edit)  # shown by its name


def test_network_page_shows_next_and_past_meetings(client):
    make_meeting(theme="Komend")
    make_meeting(days=-60, theme="Voorbij")
    content = client.get(reverse("network:index")).content.decode()
    assert "Komend" in content and "Voorbij" in content


def test_more_capacity_promotes_the_waiting_list(django_capture_on_commit_callbacks):
    meeting = make_meeting(capacity=1)
    register(meeting, make_user("a@example.org"), django_capture_on_commit_callbacks)
    register(meeting, make_user("b@example.org"), django_capture_on_commit_callbacks)
    meeting.capacity = 2
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_save(meeting=meeting, by=make_coordinator())
    assert meeting.registrations.get(user__email="b@example.org").status == "registered"
    assert mail.outbox[-1].to == ["b@example.org"]
