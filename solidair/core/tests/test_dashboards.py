"""The officer's and the coordinator's home tell them what waits, with counts and links, in a
constant number of queries (each app adds its lines through the `officer_tasks` and
`coordinator_tasks` hooks)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from solidair.accounts.testing import login, make_coordinator, make_officer, make_user
from solidair.campaigns.models import Delivery, Signature, SignatureStatus
from solidair.campaigns.tests.factories import make_gent, make_signature
from solidair.charter.tests.factories import member, submitted_application
from solidair.core.models import OutgoingMail
from solidair.network.models import GoodPractice, Registration
from solidair.network.tests.factories import make_meeting, make_practice
from solidair.places.testing import make_municipality
from solidair.volunteers.tests.factories import make_need, make_offer

pytestmark = pytest.mark.django_db


def home(client, language="en") -> str:
    with translation.override(language):
        url = reverse("accounts:home")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        home(client)
    return len(captured)


def link(url: str) -> str:
    return f'href="{url.replace("&", "&amp;")}"'


@pytest.fixture
def gent():
    return make_gent()


def test_an_officer_sees_what_waits_with_counts_and_links(client, gent):
    member(gent, since=date(2024, 5, 1))
    for number in range(3):
        make_signature(gent, email=f"new{number}@example.org")
    old = make_signature(gent, email="old@example.org")
    Signature.objects.filter(pk=old.pk).update(confirmed_at=timezone.now() - timedelta(days=30))
    make_offer(gent)
    make_offer(gent)
    make_offer(gent, status="contacted")  # already followed up
    make_offer(gent, paused_by_volunteer=True)  # the volunteer paused it
    make_need(gent, until=timezone.localdate() + timedelta(days=5))
    make_need(gent, until=timezone.localdate() + timedelta(days=60))  # not closing soon
    Delivery.objects.create(municipality=gent, to="raad@gent.be", signature_count=4)
    login(client, make_officer(gent))

    html = home(client)
    since = (timezone.localdate() - timedelta(days=6)).isoformat()
    last_year = timezone.localdate().year - 1
    with translation.override("en"):
        expected = {
            "3 new co-signatories in the last 7 days":
                reverse("campaigns:officer_signatories", args=[gent.nis]) + f"?since={since}",
            "2 new volunteer offers wait for a first contact":
                reverse("volunteers:officer_list", args=[gent.nis]) + "?status=new",
            f"The yearly report for {last_year} is due":
                reverse("charter:report", args=[gent.nis, last_year]),
            "1 need for volunteers closes within 14 days":
                reverse("volunteers:need_list", args=[gent.nis]),
            "record its answer": reverse("campaigns:answer_record", args=[gent.nis]),
        }
    for text, url in expected.items():
        assert text in html and link(url) in html, text
    # Every page of their work is one click away; the account's settings come after.
    for url in (reverse("campaigns:officer_signatories", args=[gent.nis]),
                reverse("charter:progress", args=[gent.nis]),
                reverse("volunteers:officer_list", args=[gent.nis]),
                reverse("volunteers:need_list", args=[gent.nis]),
                reverse("network:municipality_practices", args=[gent.nis]),
                reverse("network:index")):
        assert link(url) in html, url
    # A member's campaign is over: no council address to set up for digests.
    assert link(reverse("campaigns:settings", args=[gent.nis])) not in html
    assert html.index("What waits for you") < html.index("Account settings")
    assert "Nothing waits for you" not in html

    # Dutch, with its plural forms.
    dutch = home(client, "nl")
    assert "3 nieuwe medeondertekenaars in de laatste 7 dagen" in dutch
    assert "2 nieuwe vrijwilligers wachten op een eerste contact" in dutch


def test_a_member_without_progress_for_eleven_months_is_reminded(client, gent):
    from solidair.charter import services as charter_services
    from solidair.charter.models import Commitment

    member(gent, since=date(2020, 1, 1))
    last_year = timezone.localdate().year - 1
    charter_services.report_submit(municipality=gent, by=None,
                                   data=charter_services.ReportInput(year=last_year))
    moment = timezone.now() - timedelta(days=340)
    Commitment.objects.filter(application__municipality=gent).update(last_updated=moment)
    gent.charter_reports.update(submitted_at=moment - timedelta(days=20))
    login(client, make_officer(gent))
    html = home(client)
    with translation.override("en"):
        shown = date_format(timezone.localtime(moment), "j F Y")
    assert f"No progress shown since {shown}" in html
    assert link(reverse("charter:progress", args=[gent.nis])) in html
    assert f"The yearly report for {last_year} is due" not in html  # filed

    gent.charter_reports.update(submitted_at=timezone.now())  # a report is progress too
    assert "No progress shown since" not in home(client)


def test_a_returned_application_and_practices_to_change_come_first(client, gent):
    from solidair.charter import services

    application = submitted_application(gent)
    services.application_return(application=application, by=make_coordinator(),
                                remarks="Vul het raadsbesluit aan.")
    make_practice(gent, status=GoodPractice.Status.CHANGES_REQUESTED)
    make_signature(gent)
    login(client, make_officer(gent))
    html = home(client)
    returned = html.index("came back with remarks")
    assert returned < html.index("1 new co-signatory in the last 7 days")
    assert "1 good practice came back with changes requested" in html
    assert link(reverse("charter:application", args=[gent.nis])) in html


def test_nothing_waits_says_so(client, gent):
    login(client, make_officer(gent))
    assert "Nothing waits for you right now." in home(client)


def test_a_coordinator_sees_the_network_work_with_counts_and_links(client, gent):
    leuven = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    submitted_application(leuven)
    OutgoingMail.objects.create(to=["x@example.org"], subject="Bevestig", body=".",
                                status=OutgoingMail.Status.FAILED, attempts=8)
    make_practice(gent, status=GoodPractice.Status.SUBMITTED)
    make_signature(gent, status=SignatureStatus.HELD)
    make_signature(leuven)  # confirmed, and Leuven has no council address
    meeting = make_meeting(days=10, theme="Scholen en onthaal", capacity=1)
    Registration.objects.create(meeting=meeting, user=make_user(email="a@example.org"),
                                status=Registration.Status.REGISTERED)
    Registration.objects.create(meeting=meeting, user=make_user(email="b@example.org"),
                                status=Registration.Status.WAITING)
    login(client, make_coordinator())

    html = home(client)
    with translation.override("en"):
        expected = {
            "1 charter application to review": reverse("charter:review_list") + "#to-review",
            "1 e-mail could not be sent": reverse("accounts:failed_mails"),
            "1 good practice to review": reverse("network:review_queue"),
            "1 signature held for review": reverse("campaigns:held"),
            "1 municipality has co-signatures but no council address":
                reverse("campaigns:waiting"),
            "1 registration · 1 on the waiting list":
                reverse("network:meeting_attendance", args=[meeting.pk]),
        }
    for text, url in expected.items():
        assert text in html and link(url) in html, text
    assert "Scholen en onthaal" in html
    assert html.index("could not be sent") < html.index("charter application to review")

    # That count is kept for a minute (it probes every municipality); the list is live.
    make_signature(make_municipality("44083", "Nevele", postal_codes=("9850",)))
    assert "1 municipality has co-signatures but no council address" in home(client)
    waiting = client.get(reverse("campaigns:waiting")).content.decode()
    assert "Leuven" in waiting and "Nevele" in waiting


def test_the_homes_make_the_same_number_of_queries_however_much_waits(client, gent):
    leuven = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    member(gent, since=date(2024, 5, 1))
    officer, coordinator = make_officer(gent), make_coordinator()

    def a_little_of_everything(number):
        make_signature(gent, email=f"signer{number}@example.org")
        make_signature(leuven, email=f"held{number}@example.org", status=SignatureStatus.HELD)
        make_offer(gent)
        make_need(gent, until=timezone.localdate() + timedelta(days=3))
        make_practice(gent, title=f"Praktijk {number}", status=GoodPractice.Status.SUBMITTED)
        make_practice(gent, title=f"Ontwerp {number}", status=GoodPractice.Status.DRAFT)
        OutgoingMail.objects.create(to=["x@example.org"], subject=f"Mail {number}", body=".",
                                    status=OutgoingMail.Status.FAILED, attempts=8)
        meeting = make_meeting(days=10 + number, theme=f"Thema {number}")
        Registration.objects.create(meeting=meeting, user=make_user(email=f"u{number}@x.org"),
                                    status=Registration.Status.REGISTERED)
        other = make_municipality(f"9{number:04d}", f"Gemeente {number}",
                                  postal_codes=(f"{5000 + number}",))
        member(other, since=date(2020, 1, 1))
        submitted_application(make_municipality(f"8{number:04d}", f"Kandidaat {number}",
                                                postal_codes=(f"{6000 + number}",)))

    a_little_of_everything(0)
    counts = {}
    for user in (officer, coordinator):
        login(client, user)
        home(client)  # the first request of a session does a little more
        counts[user.pk] = queries(client)
    for number in range(1, 6):
        a_little_of_everything(number)
    for user in (officer, coordinator):
        login(client, user)
        home(client)
        assert queries(client) == counts[user.pk], user
