import io
import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.charter import selectors
from solidair.charter.extensions import municipality_profile_sections
from solidair.charter.founding import record_founding_members
from solidair.charter.models import Membership, TermConfirmation
from solidair.charter.tests.factories import member
from solidair.places.models import LegacyMunicipality, MunicipalityStatus
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def legacy(nis, name, successor):
    return LegacyMunicipality.objects.create(nis=nis, name_nl=name, name_fr=name,
                                             successor=successor)


@pytest.fixture
def merged():
    """Merelbeke and Melle became Merelbeke-Melle on 1 January 2025."""
    merelbeke_melle = make_municipality("44088", "Merelbeke-Melle", "Merelbeke-Melle",
                                        postal_codes=("9820",))
    return {"new": merelbeke_melle, "merelbeke": legacy("44043", "Merelbeke", merelbeke_melle),
            "melle": legacy("44040", "Melle", merelbeke_melle)}


def test_merged_municipality_inherits_the_membership_under_its_old_name(merged, client):
    from solidair.charter.services import membership_record

    membership_record(legacy=merged["merelbeke"], since=date(2022, 11, 15), is_founding=True)
    municipality = merged["new"]
    municipality.refresh_from_db()
    assert municipality.status == MunicipalityStatus.MEMBER
    assert municipality.member_since == date(2022, 11, 15)
    assert municipality.joined_as == "Merelbeke"
    membership = Membership.objects.get(municipality=municipality)
    assert membership.legacy_id == "44043"
    # The page tells it once, in its status line (the charter's section has the commitments).
    html = client.get(municipality.get_absolute_url()).content.decode()
    assert "Lid sinds 15 november 2022." in html
    assert "Trad toe als Merelbeke, vóór de fusie van 2025." in html


def test_recording_a_membership_of_a_member_writes_no_history_line(merged):
    """A second old municipality's membership (or a founding member's date, recorded later)
    changes the facts, not the status: no 'member -> member' line."""
    from solidair.charter.services import membership_record

    membership_record(legacy=merged["melle"], since=date(2023, 5, 1))
    membership_record(legacy=merged["merelbeke"], since=date(2022, 11, 15))
    municipality = merged["new"]
    assert [(change.from_status, change.to_status)
            for change in municipality.status_changes.all()] == [("not_engaged", "member")]
    html = municipality_profile_sections(None, municipality)[0]
    assert "Melle" in html and "Merelbeke" in html  # two memberships: both listed


def test_two_merged_members_keep_both_names_and_the_earliest_date(merged):
    from solidair.charter.services import membership_record

    membership_record(legacy=merged["melle"], since=date(2023, 5, 1))
    membership_record(legacy=merged["merelbeke"], since=date(2022, 11, 15))
    municipality = merged["new"]
    municipality.refresh_from_db()
    assert municipality.member_since == date(2022, 11, 15)
    assert municipality.joined_as == "Merelbeke"
    assert sorted(Membership.objects.values_list("joined_as", flat=True)) == ["Melle",
                                                                              "Merelbeke"]


def test_founding_members_are_recorded_once_with_mergers():
    gent = make_municipality("44021", "Gent", "Gand")
    bkz = make_municipality("46030", "Beveren-Kruibeke-Zwijndrecht",
                            "Beveren-Kruibeke-Zwijndrecht", postal_codes=("9120",))
    legacy("44021", "Gent", gent)
    legacy("11056", "Zwijndrecht", bkz)
    legacy("46003", "Beveren (Sint-Niklaas)", bkz)
    missing = record_founding_members(since=date(2023, 3, 1))
    assert "Gent" not in missing and "Zwijndrecht" not in missing
    assert len(missing) == 13
    record_founding_members(since=date(2023, 3, 1))  # idempotent
    assert Membership.objects.count() == 2
    gent.refresh_from_db()
    bkz.refresh_from_db()
    assert gent.joined_as == "Gent" and gent.status == MunicipalityStatus.MEMBER
    assert bkz.joined_as == "Zwijndrecht"
    assert Membership.objects.get(municipality=gent).legacy is None


def test_founding_member_without_commitments_is_invited_to_complete_them(client):
    gent = make_municipality("44021", "Gent", "Gand")
    legacy("44021", "Gent", gent)
    record_founding_members(since=date(2023, 3, 1))
    gent.refresh_from_db()
    html = municipality_profile_sections(None, gent)[0]
    assert "/accounts/login/?next=/charter/44021/application/" in html
    officer = make_officer(gent)
    login(client, officer)
    response = client.get(reverse("charter:application", args=[gent.nis]))
    assert response.status_code == 200
    assert 'name="start"' in response.content.decode()


def test_start_council_term_asks_every_member_and_flags_the_silent(
        client, django_capture_on_commit_callbacks):
    gent = make_municipality("44021", "Gent", "Gand")
    leuven = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    make_municipality("11002", "Antwerpen", "Anvers", postal_codes=("2000",))  # not a member
    member(gent)
    member(leuven)
    officer = make_officer(gent)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("start_council_term", "--days", "30", stdout=io.StringIO())
        call_command("start_council_term", "--days", "30", stdout=io.StringIO())
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == ["an@example.org", officer.email]  # Leuven has no officer: its contact
    assert TermConfirmation.objects.count() == 2

    confirmation = TermConfirmation.objects.get(municipality=gent)
    [to_officer] = [m for m in mail.outbox if m.to == [officer.email]]
    link = re.search(r"https?://\S+/charter/reconfirm/(\S+)/", to_officer.body)
    path = reverse("charter:reconfirm", args=[link.group(1)])
    assert link.group(1) not in str(vars(confirmation))  # only its hash is kept
    assert client.get(path).status_code == 302  # signing in comes first
    login(client, officer)
    page = client.get(path)
    assert page.status_code == 200 and "2025-2030" in page.content.decode()
    form = client.get(reverse("charter:term_confirm", args=[gent.nis, confirmation.pk]))
    assert form.status_code == 200
    data = {"decision_date": "2025-02-01", "decision_url": "https://example.org/besluit-2025"}
    for commitment in selectors.current_commitments(gent):
        data[f"c{commitment.pk}-outcome"] = "kept"
    response = client.post(reverse("charter:term_confirm", args=[gent.nis, confirmation.pk]),
                           data)
    assert response.status_code == 302
    confirmation.refresh_from_db()
    assert confirmation.confirmed_at is not None and confirmation.confirmed_by == officer
    assert client.get(path).status_code == 404  # used once
    client.logout()
    gent.refresh_from_db()
    assert "bestuursperiode 2025-2030" in municipality_profile_sections(None, gent)[0]

    assert list(selectors.overdue_confirmations()) == []
    later = timezone.localdate() + timedelta(days=31)
    overdue = list(selectors.overdue_confirmations(today=later))
    assert [c.municipality for c in overdue] == [leuven]
    leuven.refresh_from_db()
    assert leuven.status == MunicipalityStatus.MEMBER  # flagged, not dropped
    TermConfirmation.objects.filter(municipality=leuven).update(due_on=date(2020, 1, 1))
    login(client, make_coordinator())
    page = client.get(reverse("charter:review_list")).content.decode()
    assert "Leuven" in page


def test_unknown_or_expired_reconfirmation_link_is_404(client, django_capture_on_commit_callbacks):
    gent = make_municipality("44021", "Gent", "Gand")
    member(gent)
    officer = make_officer(gent)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("start_council_term", "--days", "30", stdout=io.StringIO())
    token = re.search(r"/charter/reconfirm/(\S+)/", mail.outbox[-1].body).group(1)
    login(client, officer)
    assert client.get(reverse("charter:reconfirm", args=["nope"])).status_code == 404
    question = client.get(reverse("charter:reconfirm", args=[token]))
    assert question.status_code == 200 and "Gent" in question.content.decode()
    TermConfirmation.objects.update(token_expires_at=timezone.now())
    assert client.get(reverse("charter:reconfirm", args=[token])).status_code == 404
