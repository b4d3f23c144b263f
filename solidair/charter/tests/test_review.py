from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.charter import services
from solidair.charter.models import ApplicationStatus, Membership, ReviewEvent
from solidair.charter.tests.factories import member, submitted_application
from solidair.places.models import MunicipalityStatus, StatusChange
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def leuven():
    return make_municipality("24062", "Leuven", "Louvain", is_city=True)


def test_round_trip_return_answer_resubmit_approve(client, leuven,
                                                   django_capture_on_commit_callbacks):
    officer = make_officer(leuven)
    coordinator = make_coordinator()
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted_application(leuven, by=officer)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]

    login(client, coordinator)
    review_url = reverse("charter:review", args=[application.pk])
    response = client.post(review_url, {"decision": "return", "remarks": ""})
    assert response.status_code == 200  # remarks are required to return
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url, {"decision": "return",
                                            "remarks": "Welke datum voor het LOI?"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED
    assert mail.outbox[-1].to == [officer.email]
    assert "Welke datum voor het LOI?" in mail.outbox[-1].body

    with pytest.raises(ValidationError):  # resubmitting needs an answer
        services.application_submit(application=application, by=officer)
    services.application_submit(application=application, by=officer, reply="In september.")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url, {"decision": "approve", "remarks": "Welkom!",
                                            "member_since": "2025-06-01"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    leuven.refresh_from_db()
    assert leuven.status == MunicipalityStatus.MEMBER
    assert leuven.member_since == date(2025, 6, 1)
    assert leuven.joined_as == "Leuven"
    assert mail.outbox[-1].to == [officer.email]

    kinds = list(application.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "returned", "replied", "submitted", "approved"]
    timeline = client.get(review_url).content.decode()
    assert timeline.index("Welke datum voor het LOI?") < timeline.index("In september.")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"charter.application.submit", "charter.application.return",
            "charter.application.approve"} <= actions


def test_a_review_without_a_decision_says_what_to_choose_and_keeps_the_remarks(client, leuven):
    application = submitted_application(leuven, by=make_officer(leuven))
    login(client, make_coordinator())
    response = client.post(reverse("charter:review", args=[application.pk]),
                           {"remarks": "Welke datum voor het LOI?"})
    page = response.content.decode()
    assert "Kies of je de aanvraag goedkeurt of terugstuurt met opmerkingen." in page
    assert "Dit veld is verplicht." not in page
    assert "Welke datum voor het LOI?</textarea>" in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_officer_sees_the_exchange_on_the_application_page(client, leuven):
    officer = make_officer(leuven)
    application = submitted_application(leuven, by=officer)
    services.application_return(application=application, by=make_coordinator(),
                                remarks="Meer uitleg <graag>")
    login(client, officer)
    page = client.get(reverse("charter:application", args=[leuven.nis])).content.decode()
    assert "Meer uitleg &lt;graag&gt;" in page
    assert 'name="reply"' in page


def test_only_submitted_applications_are_decided(leuven):
    application = services.application_start(municipality=leuven, by=None)
    with pytest.raises(ValidationError):
        services.application_approve(application=application, by=None)
    with pytest.raises(ValidationError):
        services.application_return(application=application, by=None, remarks="x")


def test_approval_mail_goes_out_over_smtp(leuven, smtp_server,
                                          django_capture_on_commit_callbacks):
    officer = make_officer(leuven)
    application = submitted_application(leuven, by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(application=application, by=make_coordinator())
    assert [m["to"] for m in smtp_server.messages] == [[officer.email]]
    assert "Leuven" in smtp_server.messages[0]["message"]["Subject"]


def test_withdrawal_makes_a_former_member_and_keeps_history(client, leuven):
    officer = make_officer(leuven)
    member(leuven, by=officer, since=date(2023, 1, 10))
    coordinator = make_coordinator()
    login(client, coordinator)
    response = client.post(reverse("charter:withdraw", args=[leuven.nis]),
                           {"reason": "Gemeenteraadsbesluit van 2026"})
    assert response.status_code == 302
    leuven.refresh_from_db()
    assert leuven.status == MunicipalityStatus.FORMER_MEMBER
    assert leuven.member_since == date(2023, 1, 10)
    membership = Membership.objects.get(municipality=leuven)
    assert membership.ended_on is not None
    assert ReviewEvent.objects.filter(kind="withdrawn").exists()
    statuses = list(StatusChange.objects.filter(municipality=leuven)
                    .order_by("changed_at", "id").values_list("to_status", flat=True))
    assert statuses == ["candidate", "member", "former_member"]
    with pytest.raises(ValidationError):
        services.membership_withdraw(municipality=leuven, by=coordinator, reason="again")


def test_a_member_amends_its_commitments_and_keeps_progress(client, leuven):
    officer = make_officer(leuven)
    first = member(leuven, by=officer, since=date(2023, 1, 10))
    reception = first.commitments.get(activity__code="reception")
    services.commitment_update(commitment=reception, by=officer, status="done",
                               evidence_url="https://leuven.be/loi", evidence_label="LOI open")
    login(client, officer)
    url = reverse("charter:application", args=[leuven.nis])
    assert client.post(url, {"start": "1"}).status_code == 302
    draft = services.application_start(municipality=leuven, by=officer)
    assert draft.pk != first.pk
    assert sorted(draft.commitments.values_list("activity__code", flat=True)) == [
        "housing", "network", "reception"]
    assert 'value="Action housing"' not in client.get(url).content.decode()  # a textarea
    assert "Action housing" in client.get(url).content.decode()
    # The current commitments stay public until the change is approved.
    from solidair.charter import selectors

    assert selectors.approved_application(leuven) == first
    services.application_submit(application=draft, by=officer)
    services.application_approve(application=draft, by=make_coordinator())
    leuven.refresh_from_db()
    assert leuven.member_since == date(2023, 1, 10)
    assert Membership.objects.filter(municipality=leuven).count() == 1
    current = selectors.current_commitments(leuven).get(activity__code="reception")
    assert current.status == "done"
    assert current.evidence.get().label == "LOI open"
