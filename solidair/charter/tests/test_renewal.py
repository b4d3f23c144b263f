"""Renewal with each council: a new term asks every member to reconfirm within six months; the
officer answers per commitment with the council decision; silence lapses the membership and
invites the past co-signatories, once."""

import html
import io
import re
from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.campaigns.models import Signature, SignatureStatus
from solidair.campaigns.services import signature_delete
from solidair.campaigns.tests.factories import make_signature
from solidair.charter import selectors, services
from solidair.charter.extensions import municipality_profile_sections
from solidair.charter.models import (
    Commitment,
    CommitmentRenewal,
    CouncilTerm,
    EvidenceKind,
    EvidenceLink,
    TermConfirmation,
)
from solidair.charter.tests.factories import member, pdf_upload
from solidair.places.selectors import municipality_timeline
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

CODES = ("reception", "housing", "network", "volunteering")


@pytest.fixture
def gent(django_capture_on_commit_callbacks):
    """A member since the 2019-2024 term, with four commitments and an officer, asked to
    reconfirm for 2025-2030 (from today)."""
    CouncilTerm.objects.create(name="2019-2024", starts_on=date(2019, 1, 1),
                               ends_on=date(2024, 12, 31))
    municipality = make_municipality("44021", "Gent", "Gand")
    member(municipality, codes=CODES)
    municipality.refresh_from_db()
    municipality.officer = make_officer(municipality)
    make_coordinator()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):  # asking twice sends nothing new
            call_command("start_council_term", "--name", "2025-2030", "--starts",
                         timezone.localdate().isoformat(), stdout=io.StringIO())
    return municipality


def _page(municipality) -> str:
    municipality.refresh_from_db()
    with translation.override("en"):
        return municipality_profile_sections(None, municipality)[0]


def _renewal(client, municipality) -> dict:
    return client.get(f"/api/v1/municipalities/{municipality.nis}/").json()["renewal"]


def _answer(confirmation, outcomes: dict, **extra) -> dict:
    data = {"decision_date": "2025-02-01", **extra}
    for commitment in selectors.current_commitments(confirmation.municipality):
        outcome = outcomes.get(commitment.activity.code, "kept")
        data[f"c{commitment.pk}-outcome"] = outcome
        data[f"c{commitment.pk}-action"] = commitment.action
    return data


def test_a_new_term_asks_to_reconfirm_within_six_months(client, gent):
    assert set(Commitment.objects.values_list("term__name", flat=True)) == {"2019-2024"}
    [asked] = mail.outbox
    assert asked.to == [gent.officer.email]
    assert asked.reply_to == ["coordinator@example.org"]  # an answer reaches the network
    assert re.search(r"https?://\S+/charter/reconfirm/\S+/", asked.body)
    confirmation = TermConfirmation.objects.get()
    assert confirmation.due_on == services.add_months(timezone.localdate(), 6)
    assert services.add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)

    due = confirmation.due_on.strftime("%-d %B %Y")
    assert f"To be reconfirmed by the new council (by {due})" in _page(gent)
    # Each commitment's own page says it too.
    commitment_page = client.get(reverse("charter:commitment", args=[gent.nis, "reception"]))
    assert "Moet opnieuw bevestigd worden door de nieuwe gemeenteraad" in \
        commitment_page.content.decode()
    assert _renewal(client, gent) == {"term": "2025-2030", "due_on": str(confirmation.due_on),
                                      "state": "to_reconfirm", "reconfirmed_on": None}


def test_the_officer_reconfirms_commitment_by_commitment_with_the_decision(
        client, gent, django_capture_on_commit_callbacks):
    confirmation = TermConfirmation.objects.get()
    url = reverse("charter:term_confirm", args=[gent.nis, confirmation.pk])
    login(client, gent.officer)
    form = client.get(url).content.decode()
    assert all(f"Action {code}" in form for code in CODES)

    # Only two kept of the charter's three: refused, nothing stored.
    refused = client.post(url, _answer(confirmation, {"network": "dropped",
                                                      "volunteering": "dropped"},
                                       decision_url="https://gent.be/besluit"))
    assert refused.status_code == 400
    assert "behoud of wijzig er minstens 3" in refused.content.decode()
    # Said in the first round, together with a missing decision.
    both = client.post(url, _answer(confirmation, {"network": "dropped",
                                                   "volunteering": "dropped"}))
    assert "behoud of wijzig er minstens 3" in both.content.decode()
    not_a_pdf = client.post(url, {**_answer(confirmation, {}),
                                  "decision_file": pdf_upload(b"MZ not a pdf")})
    assert not_a_pdf.status_code == 400
    no_evidence = client.post(url, _answer(confirmation, {}))
    assert no_evidence.status_code == 400
    assert not CommitmentRenewal.objects.exists()

    housing = Commitment.objects.get(activity__code="housing")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {
            **_answer(confirmation, {"housing": "changed", "network": "dropped"}),
            f"c{housing.pk}-action": "Twenty homes for refugees", f"c{housing.pk}-target_number":
            "20", f"c{housing.pk}-target_unit": "homes", "decision_file": pdf_upload()})
    assert response.status_code == 302

    outcomes = dict(CommitmentRenewal.objects.values_list("commitment__activity__code",
                                                          "outcome"))
    assert outcomes == {"reception": "kept", "housing": "changed", "network": "dropped",
                        "volunteering": "kept"}
    changed = CommitmentRenewal.objects.get(outcome="changed")
    assert changed.before == {"action": "Action housing", "target_number": None,
                              "target_unit": "", "planned_date": None}
    housing.refresh_from_db()
    assert (housing.action, housing.target) == ("Twenty homes for refugees", "20 homes")
    current = list(selectors.current_commitments(gent))
    assert sorted(c.activity.code for c in current) == ["housing", "reception", "volunteering"]
    assert {c.term.name for c in current} == {"2025-2030"}
    network = Commitment.objects.get(activity__code="network")
    assert network.dropped_at is not None and network.status == "stopped"
    # The decision is the evidence of each outcome, the drop included.
    evidence = EvidenceLink.objects.filter(kind=EvidenceKind.DECISION, confirmation=confirmation)
    assert evidence.count() == 4 and evidence.filter(commitment=network).exists()
    assert len({link.file.name for link in evidence}) == 1  # one upload, shared
    assert {c.state for c in current} == {"documented"}

    confirmation.refresh_from_db()
    assert confirmation.decision_date == date(2025, 2, 1)
    assert confirmation.confirmed_by == gent.officer
    assert any("opnieuw voor de bestuursperiode 2025-2030" in m.subject
               for m in mail.outbox)  # coordinators told
    assert "Action network" not in _page(gent)
    assert _renewal(client, gent)["state"] == "reconfirmed"
    with translation.override("en"):
        events = {e.event: e for e in municipality_timeline(gent)}
    assert events["reconfirmed"].label == "Reconfirmed for the council term 2025-2030"
    assert client.get(url).status_code == 200  # shows the answer, asks nothing more


@pytest.mark.parametrize(("language", "message", "generic"), [
    ("nl", "Geef de datum van het gemeenteraadsbesluit.", "Dit veld is verplicht."),
    ("fr", "Indiquez la date de la décision du conseil communal.",
     "Ce champ est obligatoire."),
])
def test_a_reconfirmation_without_the_decision_date_says_so_and_keeps_the_answer(
        client, gent, language, message, generic):
    confirmation = TermConfirmation.objects.get()
    login(client, gent.officer)
    with translation.override(language):
        page_url = reverse("charter:term_confirm", args=[gent.nis, confirmation.pk])
    answer = _answer(confirmation, {"housing": "changed"}, decision_date="",
                     decision_url="https://gent.be/besluit-2025")
    housing = selectors.current_commitments(gent).get(activity__code="housing")
    answer[f"c{housing.pk}-action"] = "Twintig woningen voor erkende vluchtelingen"
    response = client.post(page_url, answer)
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert page.count(message) == 2  # in the summary at the top and at the date
    assert generic not in page
    assert 'value="https://gent.be/besluit-2025"' in page
    assert "Twintig woningen voor erkende vluchtelingen</textarea>" in page
    confirmation.refresh_from_db()
    assert confirmation.confirmed_at is None


def test_silence_lapses_the_membership_and_invites_past_signers_once(
        client, gent, django_capture_on_commit_callbacks):
    anna = make_signature(gent, email="anna@example.org")
    make_signature(gent, email="marie@example.org", name="Marie Dubois", language="fr")
    signature_delete(signature=make_signature(gent, email="gone@example.org"))
    make_signature(gent, email="void@example.org", status=SignatureStatus.INVALIDATED)
    make_signature(gent, email="wait@example.org", status=SignatureStatus.PENDING)
    confirmation = TermConfirmation.objects.get()
    mail.outbox.clear()

    before_due = timezone.now() + timedelta(days=30)
    assert services.lapse_memberships(now=before_due) == (0, 0)
    later = timezone.make_aware(datetime.combine(confirmation.due_on + timedelta(days=1),
                                                 datetime.min.time()))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.lapse_memberships(now=later) == (1, 2)
        assert services.lapse_memberships(now=later + timedelta(days=1)) == (0, 0)
    officer = gent.officer.email
    assert sorted(address for m in mail.outbox for address in m.to if address != officer) == [
        "anna@example.org", "marie@example.org"]
    [to_officer] = [m for m in mail.outbox if m.to == [officer]]  # once, with the way back
    assert "is vervallen" in to_officer.subject
    assert reverse("charter:term_confirm", args=[gent.nis, confirmation.pk]) in to_officer.body
    assert "2 inwoners die eerder mee ondertekenden, worden uitgenodigd" in to_officer.body
    [to_marie] = [m for m in mail.outbox if m.to == ["marie@example.org"]]
    assert "/fr/" in to_marie.body and "2025-2030" in to_marie.body

    assert "Lapsed" in _page(gent) and "2025-2030 did not reconfirm" in _page(gent)
    badge = reverse("charter:badge", args=[gent.nis])
    assert "Lidmaatschap vervallen" in client.get(badge).content.decode()  # on its own site
    assert "Vervallen" in client.get(reverse("charter:members")).content.decode()
    assert _renewal(client, gent)["state"] == "lapsed"
    assert selectors.coordinator_dashboard()["lapsed"] == 1
    with translation.override("en"):
        assert "membership_lapsed" in {e.event for e in municipality_timeline(gent)}

    # Residents may ask again: the new council, to reconfirm.
    sign = reverse("campaigns:sign", args=[gent.nis])
    page = client.get(sign)
    assert page.status_code == 200
    assert "om het lidmaatschap opnieuw te bevestigen" in page.content.decode()
    response = client.post(sign, {"name": "Piet Peeters", "email": "piet@example.org",
                                  "postal_code": "9000", "consent": "on", "website": ""})
    assert response.status_code == 302
    assert Signature.objects.filter(email="piet@example.org").exists()
    assert anna.pk  # her signature stays as it was
    letter = client.get(reverse("documents:letter", args=[gent.nis]))
    assert letter.status_code == 200
    assert "bevestigde het lidmaatschap niet op tijd opnieuw" in letter.content.decode()

    # A reconfirmation after the lapse ends it.
    login(client, gent.officer)
    client.post(reverse("charter:term_confirm", args=[gent.nis, confirmation.pk]),
                _answer(confirmation, {}, decision_url="https://gent.be/besluit"))
    assert _renewal(client, gent)["state"] == "reconfirmed"
    assert "vervallen" not in client.get(badge).content.decode()
    assert client.post(sign, {"name": "Jan", "email": "jan@example.org", "postal_code": "9000",
                              "consent": "on", "website": ""}).status_code == 409


def test_the_lapse_mail_claims_no_invitation_when_nobody_co_signed(
        gent, django_capture_on_commit_callbacks):
    make_signature(gent, email="wait@example.org", status=SignatureStatus.PENDING)
    confirmation = TermConfirmation.objects.get()
    mail.outbox.clear()
    later = timezone.make_aware(datetime.combine(confirmation.due_on + timedelta(days=1),
                                                 datetime.min.time()))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.lapse_memberships(now=later) == (1, 0)
    [to_officer] = mail.outbox
    assert to_officer.to == [gent.officer.email] and "is vervallen" in to_officer.subject
    assert "toont het lidmaatschap nu als vervallen." in to_officer.body
    assert "uitgenodigd" not in to_officer.body and "inwoner" not in to_officer.body


def test_existing_commitments_get_the_term_they_were_decided_in():
    from importlib import import_module

    from django.apps import apps

    CouncilTerm.objects.create(name="2019-2024", starts_on=date(2019, 1, 1),
                               ends_on=date(2024, 12, 31))
    gent = make_municipality("44021", "Gent", "Gand")
    application = member(gent)
    Commitment.objects.update(term=None)
    import_module("solidair.charter.migrations.0007_renewal").assign_terms(apps, None)
    assert {c.term.name for c in application.commitments.all()} == {"2019-2024"}
