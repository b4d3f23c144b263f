import pytest
from django.urls import reverse

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator
from solidair.campaigns.extensions import municipality_api_fields
from solidair.campaigns.models import CampaignSettings
from solidair.campaigns.tests.factories import make_gent

pytestmark = pytest.mark.django_db


def test_coordinator_sets_period_and_threshold_and_proposes_an_address(client):
    gent = make_gent()
    login(client, make_coordinator())
    url = reverse("campaigns:settings", args=["44021"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"council_email": "college@stad.gent",
                                 "digest_period_days": "7", "signature_threshold": "120"})
    assert response.status_code == 302
    campaign = CampaignSettings.objects.get()
    assert (campaign.period_days, campaign.threshold) == (7, 120)
    # The address waits for the link mailed to it (see test_council_address.py).
    assert (campaign.council_email, campaign.pending_council_email) == ("", "college@stad.gent")
    assert municipality_api_fields(gent)["signature_threshold"] == 120
    assert AuditEntry.objects.filter(action="campaigns.settings_changed").exists()
    assert AuditEntry.objects.filter(action="campaigns.council_address_requested").exists()
    assert campaign.history.count() >= 2


def test_bad_settings_keep_what_was_typed(client):
    make_gent()
    login(client, make_coordinator())
    response = client.post(reverse("campaigns:settings", args=["44021"]),
                           {"council_email": "nope", "digest_period_days": "0"})
    assert response.status_code == 400
    form = response.context["form"]
    assert {"council_email", "digest_period_days"} <= set(form.errors)
    assert form["council_email"].value() == "nope"
