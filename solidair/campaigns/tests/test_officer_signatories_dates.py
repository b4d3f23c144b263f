"""The officer's list filtered by the day of confirmation, at the edges of the calendar."""

from datetime import timedelta

from django.utils import timezone

from solidair.accounts.testing import login, make_officer
from solidair.campaigns.tests.factories import make_gent, make_signature


def test_days_filter_by_local_day_and_the_calendar_edges_are_no_error(client, db):
    gent = make_gent()
    login(client, make_officer(gent))
    today = timezone.localdate()
    make_signature(gent, name="Vandaag Getekend")
    url = f"/municipalities/{gent.nis}/co-signatories/"
    assert "Vandaag Getekend" in client.get(url, {"since": today.isoformat()}).text
    assert "Vandaag Getekend" in client.get(url, {"until": today.isoformat()}).text
    yesterday = (today - timedelta(days=1)).isoformat()
    assert "Vandaag Getekend" not in client.get(url, {"until": yesterday}).text
    for since, until in [("0001-01-01", "9999-12-31"), ("0001-01-01", ""), ("", "9999-12-31")]:
        response = client.get(url, {"since": since, "until": until})
        assert response.status_code == 200 and "Vandaag Getekend" in response.text
