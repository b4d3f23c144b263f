import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.campaigns import services
from solidair.campaigns.models import (
    AnswerOutcome,
    AnswerReport,
    CouncilAnswer,
    Delivery,
    SignatureStatus,
)
from solidair.campaigns.tests.factories import make_council_address, make_gent, make_signature
from solidair.campaigns.tokens import management_token, parse_management_token

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(content=PDF, name="antwoord.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_officer_records_the_answer_and_every_confirmed_signer_is_told(
        client, django_capture_on_commit_callbacks):
    gent = make_gent()
    make_signature(gent, email="anna@example.org")
    make_signature(gent, email="luc@example.org", language="fr")
    make_signature(gent, email="pending@example.org", status=SignatureStatus.PENDING)
    officer = make_officer(gent)
    login(client, officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("campaigns:answer_record", args=["44021"]), {
            "answered_on": "2026-11-20", "outcome": AnswerOutcome.MEETING_PLANNED,
            "text": "We nodigen u uit.", "document": pdf_upload()})
    assert response.status_code == 302
    answer = CouncilAnswer.objects.get()
    assert answer.recorded_by == officer and answer.document.name.endswith(".pdf")
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "luc@example.org"]
    assert all("We nodigen u uit." in m.body for m in mail.outbox)
    assert AuditEntry.objects.filter(action="campaigns.answer_recorded").exists()

    document = client.get(reverse("campaigns:answer_document", args=["44021", answer.pk]))
    assert document.status_code == 200 and b"".join(document.streaming_content) == PDF


def test_only_pdf_documents_by_content():
    gent = make_gent()
    fake = pdf_upload(b"<html>not a pdf</html>", name="antwoord.pdf")
    with pytest.raises(ValidationError):
        services.answer_record(municipality=gent, answered_on=date(2026, 11, 20),
                               outcome=AnswerOutcome.REFUSED, document=fake, by=None)
    assert not CouncilAnswer.objects.exists()


def test_document_size_is_limited(client, settings):
    settings.CAMPAIGNS_ANSWER_MAX_BYTES = 100
    gent = make_gent()
    login(client, make_coordinator())
    response = client.post(reverse("campaigns:answer_record", args=["44021"]), {
        "answered_on": "2026-11-20", "outcome": AnswerOutcome.REFUSED, "text": "Nee",
        "document": pdf_upload(PDF + b"0" * 200)})
    assert response.status_code == 400
    assert "document" in response.context["form"].errors
    assert response.context["form"]["text"].value() == "Nee"
    assert not CouncilAnswer.objects.filter(municipality=gent).exists()


def test_an_answer_needs_text_or_a_document():
    with pytest.raises(ValidationError):
        services.answer_record(municipality=make_gent(), answered_on=date(2026, 11, 20),
                               outcome=AnswerOutcome.WILL_APPLY, by=None)


def test_signers_read_the_document_through_their_link(client):
    gent = make_gent()
    anna = make_signature(gent)
    answer = services.answer_record(municipality=gent, answered_on=date(2026, 11, 20),
                                    outcome=AnswerOutcome.WILL_APPLY, document=pdf_upload(),
                                    by=None)
    token = management_token(anna)
    url = reverse("campaigns:signer_answer_document", args=[token, answer.pk])
    assert client.get(url).status_code == 200
    manage = client.get(reverse("campaigns:manage", args=[token]))
    assert url.encode() in manage.content
    # Not for the public, nor for an officer of another municipality.
    assert client.get(reverse("campaigns:answer_document", args=["44021", answer.pk])
                      ).status_code == 302
    from solidair.places.testing import make_municipality

    login(client, make_officer(make_municipality("24062", "Leuven", "Louvain",
                                                 postal_codes=("3000",))))
    assert client.get(reverse("campaigns:answer_document", args=["44021", answer.pk])
                      ).status_code == 404


def test_the_public_profile_and_api_show_the_answer():
    from solidair.campaigns.extensions import municipality_api_fields

    gent = make_gent()
    services.answer_record(municipality=gent, answered_on=date(2026, 11, 20),
                           outcome=AnswerOutcome.MEETING_PLANNED, text="Welkom", by=None)
    assert municipality_api_fields(gent)["answer"] == {"date": date(2026, 11, 20),
                                                       "outcome": "meeting_planned"}


def delivered(gent, *, days_ago):
    delivery = Delivery.objects.create(municipality=gent, to="college@stad.gent",
                                       signature_count=1)
    Delivery.objects.filter(pk=delivery.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago))
    return delivery


def test_signers_are_asked_three_weeks_after_the_first_delivery(
        client, django_capture_on_commit_callbacks):
    gent = make_gent()
    make_council_address(gent)
    anna = make_signature(gent, delivery=delivered(gent, days_ago=31))
    make_signature(gent, email="new@example.org")  # not delivered yet: not asked

    with django_capture_on_commit_callbacks(execute=True):
        call_command("ask_about_answers")
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.answer_questions_send() == 0  # not again before 8 weeks

    # The mailed link is Anna's (a signed token carries its own time: read it from the mail).
    [report_url] = re.findall(r"https?://\S+(/signatures/[^/\s]+/answer/)", message.body)
    token = report_url.split("/")[2]
    assert parse_management_token(token) == (anna.pk, anna.management_key)
    response = client.post(report_url, {"replied": "yes", "details": "Een brief op 3/12"})
    assert response.status_code == 302
    report = AnswerReport.objects.get()
    assert report.municipality == gent and report.details == "Een brief op 3/12"


def test_not_asked_before_three_weeks_nor_after_an_answer():
    gent = make_gent()
    make_signature(gent, delivery=delivered(gent, days_ago=10))
    assert services.answer_questions_send() == 0
    services.answer_record(municipality=gent, answered_on=date(2026, 11, 1),
                           outcome=AnswerOutcome.REFUSED, text="Nee", by=None)
    Delivery.objects.update(created_at=timezone.now() - timedelta(days=40))
    assert services.answer_questions_send() == 0


def test_answer_mail_is_in_each_signers_language(django_capture_on_commit_callbacks):
    gent = make_gent()
    make_signature(gent, email="luc@example.org", language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_record(municipality=gent, answered_on=date(2026, 11, 20),
                               outcome=AnswerOutcome.REFUSED, text="Non", by=None)
    [message] = mail.outbox
    assert "a répondu" in message.subject and "refusé" in message.subject
    assert "/fr/municipalities/44021/" in message.body
