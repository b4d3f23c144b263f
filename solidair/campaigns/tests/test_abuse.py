import pytest
from django.urls import reverse

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator
from solidair.campaigns import selectors, services
from solidair.campaigns.models import Signature, SignatureStatus
from solidair.campaigns.tests.factories import make_gent, make_signature
from solidair.places.models import MunicipalityStatus

pytestmark = pytest.mark.django_db


def test_a_burst_of_confirmations_from_one_source_is_held(settings):
    settings.CAMPAIGNS_BURST_LIMIT = (3, 600)
    gent = make_gent()
    pending = [make_signature(gent, email=f"p{i}@example.org", status=SignatureStatus.PENDING)
               for i in range(5)]
    statuses = [services.signature_confirm(token=s.raw_token, source_ip="203.0.113.9").status
                for s in pending]
    assert statuses == ["confirmed"] * 3 + ["held"] * 2
    assert selectors.confirmed_count(gent) == 3
    other = make_signature(gent, email="other@example.org", status=SignatureStatus.PENDING)
    assert services.signature_confirm(token=other.raw_token,
                                      source_ip="198.51.100.1").status == "confirmed"


def test_coordinator_releases_and_rejects_held_signatures(client):
    gent = make_gent()
    first = make_signature(gent, email="a@example.org", status=SignatureStatus.HELD)
    second = make_signature(gent, email="b@example.org", status=SignatureStatus.HELD)
    login(client, make_coordinator())
    page = client.get(reverse("campaigns:held"))
    assert page.status_code == 200 and b"example.org" in page.content
    assert b"Anna" not in page.content and b"a@example.org" not in page.content

    client.post(reverse("campaigns:review", args=[first.pk]), {"decision": "release"})
    client.post(reverse("campaigns:review", args=[second.pk]), {"decision": "reject"})
    assert Signature.objects.get(pk=first.pk).status == SignatureStatus.CONFIRMED
    assert Signature.objects.get(pk=second.pk).status == SignatureStatus.REJECTED
    assert AuditEntry.objects.filter(action__startswith="campaigns.signature_").count() == 2
    gent.refresh_from_db()
    assert gent.status == MunicipalityStatus.RESIDENTS_ASKING
    assert client.post(reverse("campaigns:review", args=[first.pk]),
                       {"decision": "release"}).status_code == 404


def test_a_long_held_list_comes_in_pages_with_the_patterns_over_all(client):
    from solidair.campaigns import views

    gent = make_gent()
    for number in range(views.HELD_PER_PAGE + 3):
        make_signature(gent, email=f"held{number}@example.org", status=SignatureStatus.HELD)
    login(client, make_coordinator())
    first = client.get(reverse("campaigns:held")).content.decode()
    assert first.count('value="release"') == views.HELD_PER_PAGE
    assert "Pagina 1 van 2" in first and "?page=2" in first
    # The pattern tables count every held signature, not only the page's.
    assert f"<td>example.org</td><td>{views.HELD_PER_PAGE + 3}</td>" in first
    second = client.get(reverse("campaigns:held") + "?page=2").content.decode()
    assert second.count('value="release"') == 3


def test_review_needs_a_decision(client):
    held = make_signature(make_gent(), status=SignatureStatus.HELD)
    login(client, make_coordinator())
    assert client.post(reverse("campaigns:review", args=[held.pk])).status_code == 400
    assert Signature.objects.get().status == SignatureStatus.HELD


def test_coordinators_judge_held_signatures_by_pattern_never_by_person(client, settings):
    """Times, e-mail domains and the /24 or /64 network: no name, address, paragraph or IP."""
    settings.CAMPAIGNS_BURST_LIMIT = (1, 600)
    gent = make_gent()
    signers = [("Zoë Verhaegen", "zoe.verhaegen@telenet.be", "203.0.113.9"),
               ("Quentin Dubois", "quentin.dubois@skynet.be", "203.0.113.77"),
               ("Xavier Wouters", "xavier@gmail.com", "2001:db8:1:2:3:4:5:6"),
               ("Yasmina El Idrissi", "yasmina@gmail.com", "2001:db8:1:2::99")]
    held = []
    for index, (name, email, ip) in enumerate(signers):
        first = make_signature(gent, email=f"first{index}@example.org",
                               status=SignatureStatus.PENDING)
        services.signature_confirm(token=first.raw_token, source_ip=ip)  # within the limit
        pending = make_signature(gent, name=name, email=email, message="Mijn eigen woorden",
                                 phone="0470 12 34 56", status=SignatureStatus.PENDING)
        held.append(services.signature_confirm(token=pending.raw_token, source_ip=ip))
    assert {signature.status for signature in held} == {SignatureStatus.HELD}

    login(client, make_coordinator())
    page = client.get(reverse("campaigns:held")).content.decode()
    for name, email, ip in signers:
        first_name = name.split()[0]
        assert first_name not in page and email not in page and ip not in page
        assert email.split("@")[0] not in page
    assert "Mijn eigen woorden" not in page and "0470" not in page
    assert "203.0.113.0/24" in page and "2001:db8:1:2::/64" in page
    assert "telenet.be" in page and "gmail.com" in page
    # The two IPv6 signers share a network: the pattern shows it.
    assert selectors.held_patterns(selectors.held_signatures())["networks"][0] == {
        "network": "2001:db8:1:2::/64", "count": 2, "municipalities": 1,
        "first": held[2].confirmed_at, "last": held[3].confirmed_at}

    # Deciding still works from this page; the network is forgotten once judged.
    response = client.post(reverse("campaigns:review", args=[held[0].pk]),
                           {"decision": "release"})
    assert response.status_code == 302
    released = Signature.objects.get(pk=held[0].pk)
    assert released.status == SignatureStatus.CONFIRMED and released.source_network == ""
