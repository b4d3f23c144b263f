"""Whoever a coordinator invites as officer of a municipality will see its residents' names:
the municipality's current officers are told, so that nobody gains that access unnoticed."""

import pytest
from django.core import mail

from solidair.accounts.services import invitation_create
from solidair.accounts.testing import make_coordinator, make_officer
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def test_the_municipalitys_officers_are_told_of_a_new_officer_invitation(
        django_capture_on_commit_callbacks):
    gent = make_municipality("44021", "Gent", "Gand")
    leuven = make_municipality("24062", "Leuven", "Louvain")
    officer = make_officer(gent, preferred_language="fr")
    make_officer(leuven)
    coordinator = make_coordinator(first_name="Cor", last_name="Dinator")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(email="someone@elsewhere.example", role="officer", municipality=gent,
                          by=coordinator)
    notices = [m for m in mail.outbox if m.to != ["someone@elsewhere.example"]]
    assert [m.to for m in notices] == [[officer.email]]  # not Leuven's officer
    [notice] = notices
    assert "Gand" in notice.subject
    assert "Cor Dinator" in notice.body and "someone@elsewhere.example" in notice.body
    assert "agent communal" in notice.body  # in the officer's language


def test_no_notice_for_a_coordinator_invitation(django_capture_on_commit_callbacks):
    make_officer(make_municipality("44021", "Gent", "Gand"))
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(email="new@network.example", role="coordinator", by=make_coordinator())
    assert [m.to for m in mail.outbox] == [["new@network.example"]]
