"""A municipality's timeline (issue 13, item 8): the threshold reached, each digest, the
council's answer and each status change, on its page, in the API and in its Atom feed."""

import re
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from solidair.campaigns import services
from solidair.campaigns.models import AnswerOutcome, CampaignSettings
from solidair.campaigns.tests.factories import make_council_address, make_gent, make_signature
from solidair.places.models import MunicipalityStatus
from solidair.places.services import municipality_set_status

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def gent_story():
    """Gent: residents ask (status change), reach the aim of 2, one digest goes out, the
    council answers, and Gent moves to dialogue."""
    gent = make_gent()
    make_council_address(gent, signature_threshold=2)
    make_signature(gent, email="anna@example.org")
    services.municipality_residents_asking(municipality=gent)
    make_signature(gent, email="bert@example.org")
    call_command("send_digests", stdout=StringIO())
    services.answer_record(municipality=gent, answered_on=timezone.localdate(),
                           outcome=AnswerOutcome.MEETING_PLANNED, text="We praten erover.",
                           by=None)
    municipality_set_status(municipality=gent, status=MunicipalityStatus.IN_DIALOGUE,
                            reason="Gemeenteraad van 3 maart")
    return gent


def test_the_timeline_shows_each_event_on_the_page_in_the_api_and_in_the_feed(
        client, gent_story):
    page = client.get("/municipalities/44021/").content.decode()
    history = page.split('id="history-heading"', 1)[1].split("</section>", 1)[0]
    lines = re.findall(r"<li[^>]*>(.*?)</li>", history, re.S)
    texts = [" ".join(re.sub(r"<[^>]+>", "", line).split()) for line in lines]
    # Newest first: dialogue, answer, digest, aim, residents asking.
    assert "Gemeenteraad van 3 maart" in texts[0] and "in gesprek" in texts[0]
    assert "De gemeenteraad antwoordde: overleg gepland" in texts[1]
    assert "Bundel 1 verstuurd naar de gemeenteraad: 2 medeondertekeningen" in texts[2]
    assert "bereikte zijn doel van 2 medeondertekeningen" in texts[3]
    assert "inwoners vragen" in texts[4].lower()
    assert 'rel="alternate" type="application/atom+xml"' in page

    timeline = client.get("/api/v1/municipalities/44021/").json()["timeline"]
    assert [event["event"] for event in timeline] == [
        "status_changed", "council_answered", "digest_sent", "threshold_reached",
        "status_changed"]
    assert timeline[0]["to_status"] == "in_dialogue" and timeline[0]["date"]
    assert timeline[1]["outcome"] == "meeting_planned"
    digest = timeline[2]
    assert (digest["number"], digest["signature_count"]) == (1, 2)
    assert len(digest["fingerprint"]) == 64
    assert timeline[3]["threshold"] == 2

    feed = client.get("/fr/municipalities/44021/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(feed.content).findall(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert len(titles) == 5
    assert "Le conseil a répondu : rencontre prévue" in titles
    assert "Récapitulatif 1 envoyé au conseil : 2 cosignatures" in titles


def test_the_date_the_aim_was_reached_stays_when_a_signer_withdraws(client, gent_story):
    gent = gent_story
    reached = CampaignSettings.objects.get(pk=gent.pk).threshold_reached_at
    assert reached is not None
    later = make_signature(gent, email="chris@example.org")
    services.signature_delete(signature=gent.signatures.get(email="anna@example.org"))
    services.signature_delete(signature=later)
    timeline = client.get("/api/v1/municipalities/44021/").json()["timeline"]
    [aim] = [event for event in timeline if event["event"] == "threshold_reached"]
    assert aim["date"] == str(timezone.localtime(reached).date())
