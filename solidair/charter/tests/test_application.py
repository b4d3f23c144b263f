import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.charter import selectors, services
from solidair.charter.files import MAX_DECISION_BYTES, check_council_decision_pdf
from solidair.charter.models import Application, ApplicationStatus
from solidair.charter.tests.factories import (
    PDF_BYTES,
    activity,
    application_input,
    member,
    pdf_upload,
)
from solidair.places.models import MunicipalityStatus
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def gent():
    return make_municipality("44021", "Gent", "Gand")


def post_data(chosen, **extra):
    """The application form as a browser posts it: one prefix per activity."""
    data = {"council_decision_url": "https://example.org/besluit",
            "council_decision_date": "2025-03-01", "contact_name": "An Peeters",
            "contact_role": "Schepen", "contact_email": "an@example.org"}
    for code, fields in chosen.items():
        prefix = f"activity-{activity(code).pk}"
        data[f"{prefix}-chosen"] = "on"
        data[f"{prefix}-action"] = fields.get("action", f"We do {code}")
        for name, value in fields.items():
            data[f"{prefix}-{name}"] = value
    data.update(extra)
    return data


def test_the_charter_has_ten_activities_and_a_minimum_of_three(client):
    response = client.get(reverse("charter:activities"))
    assert response.status_code == 200
    assert response.content.decode().count("<li><strong>") == 10
    assert "Andere activiteit" in response.content.decode()


def test_service_refuses_fewer_than_the_minimum(gent):
    application = services.application_start(municipality=gent, by=None)
    services.application_save(application=application, data=application_input(
        ("reception", "housing")), by=None)
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, by=None)
    assert "Kies minstens 3 activiteiten (u koos er 2)" in " ".join(error.value.messages)


def test_service_refuses_another_activity_without_description(gent):
    application = services.application_start(municipality=gent, by=None)
    data = application_input(("reception", "housing", "other"))
    data.commitments[-1].other_description = "  "
    services.application_save(application=application, data=data, by=None)
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, by=None)
    assert "Beschrijf de andere activiteit" in " ".join(error.value.messages)


def test_service_requires_decision_and_contact(gent):
    application = services.application_start(municipality=gent, by=None)
    services.application_save(application=application, by=None, data=application_input(
        council_decision_url="", council_decision_date=None, contact_email=""))
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, by=None)
    messages = " ".join(error.value.messages)
    assert "gemeenteraadsbesluit toe als pdf" in messages
    assert "datum van het gemeenteraadsbesluit" in messages
    assert "publiek aanspreekpunt" in messages


def test_officer_saves_a_draft_and_finds_it_back(client, gent):
    officer = make_officer(gent)
    login(client, officer)
    url = reverse("charter:application", args=[gent.nis])
    response = client.post(url, post_data({"reception": {
        "action": "Een LOI", "target_number": "20",
        "target_unit": "plaatsen voor niet-begeleide minderjarigen"}}, save="1"))
    assert response.status_code == 302
    application = Application.objects.get(municipality=gent)
    assert application.status == ApplicationStatus.DRAFT
    commitment = application.commitments.get()
    assert commitment.target == "20 plaatsen voor niet-begeleide minderjarigen"
    page = client.get(url).content.decode()
    assert "Een LOI" in page
    assert AuditEntry.objects.filter(action="charter.application.save", actor=officer).exists()


def test_form_refuses_fewer_than_minimum_and_keeps_what_was_typed(client, gent):
    login(client, make_officer(gent))
    url = reverse("charter:application", args=[gent.nis])
    response = client.post(url, post_data({"reception": {"action": "Mijn getypte actie"},
                                           "housing": {}}, submit="1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kies minstens 3 activiteiten (u koos er 2)" in page
    assert "Mijn getypte actie" in page
    assert not Application.objects.filter(status=ApplicationStatus.SUBMITTED).exists()


def test_form_refuses_other_activity_without_description(client, gent):
    login(client, make_officer(gent))
    response = client.post(
        reverse("charter:application", args=[gent.nis]),
        post_data({"reception": {}, "housing": {}, "other": {"other_description": ""}},
                  submit="1"))
    assert response.status_code == 200
    assert not Application.objects.filter(status=ApplicationStatus.SUBMITTED).exists()
    assert "Beschrijf de andere activiteit." in response.content.decode()


def test_officer_submits_with_pdf_and_municipality_becomes_candidate(client, gent):
    login(client, make_officer(gent))
    url = reverse("charter:application", args=[gent.nis])
    data = post_data({"reception": {}, "housing": {}, "other": {
        "other_description": "Buddywerking", "planned_date": "2025-09-01"}},
        submit="1", council_decision_url="", council_decision_file=pdf_upload())
    response = client.post(url, data)
    assert response.status_code == 302
    application = Application.objects.get(municipality=gent)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.council_decision_file.name.startswith("private/charter/44021/")
    assert application.commitments.count() == 3
    gent.refresh_from_db()
    assert gent.status == MunicipalityStatus.CANDIDATE
    pdf = client.get(reverse("charter:application_file", args=[gent.nis, application.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == PDF_BYTES


def test_upload_that_is_not_a_pdf_is_refused(client, gent):
    login(client, make_officer(gent))
    response = client.post(
        reverse("charter:application", args=[gent.nis]),
        post_data({"reception": {}}, save="1",
                  council_decision_file=pdf_upload(b"PK\x03\x04 a word file", "besluit.pdf")))
    assert response.status_code == 200
    assert "Dit is geen pdf-bestand" in response.content.decode()
    assert not Application.objects.exclude(council_decision_file="").exists()


@pytest.mark.parametrize("content", [
    b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n",  # truncated: no end marker
    b"%PDF-1.4\n garbage %%EOF",  # no object at all
    b"<html>%PDF-1.4 1 0 obj %%EOF",  # header not at the start
])
def test_pdf_check_refuses_broken_files(content):
    with pytest.raises(ValidationError):
        check_council_decision_pdf(pdf_upload(content))


def test_pdf_check_refuses_large_files():
    big = PDF_BYTES[:-6] + b" " * MAX_DECISION_BYTES + b"%%EOF\n"
    with pytest.raises(ValidationError) as error:
        check_council_decision_pdf(pdf_upload(big))
    assert error.value.code == "too_large"


def test_pdf_check_accepts_a_real_pdf():
    check_council_decision_pdf(pdf_upload())


def test_coordinator_may_fill_in_for_a_municipality(client, gent):
    login(client, make_coordinator())
    response = client.post(reverse("charter:application", args=[gent.nis]),
                           post_data({"reception": {}, "housing": {}, "network": {}},
                                     submit="1"))
    assert response.status_code == 302
    assert Application.objects.get(municipality=gent).status == ApplicationStatus.SUBMITTED


def test_submitted_application_cannot_be_changed(gent):
    application = services.application_start(municipality=gent, by=None)
    services.application_save(application=application, data=application_input(), by=None)
    services.application_submit(application=application, by=None)
    with pytest.raises(ValidationError):
        services.application_save(application=application, data=application_input(), by=None)


def test_one_open_application_per_municipality(gent):
    first = services.application_start(municipality=gent, by=None)
    assert services.application_start(municipality=gent, by=None) == first


def test_planned_date_is_kept(gent):
    application = services.application_start(municipality=gent, by=None)
    data = application_input()
    data.commitments[0].planned_date = date(2026, 1, 1)
    services.application_save(application=application, data=data, by=None)
    assert application.commitments.get(activity__code="reception").planned_date == date(
        2026, 1, 1)


def test_the_minimum_is_a_setting_of_the_charter_with_history(gent):
    charter = selectors.current_charter()
    charter.minimum_activities = 4
    charter.save()
    assert charter.history.count() == 1
    application = services.application_start(municipality=gent, by=None)
    services.application_save(application=application, data=application_input(), by=None)
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, by=None)
    assert "Kies minstens 4 activiteiten (u koos er 3)" in " ".join(error.value.messages)


def test_coordinators_edit_activities_with_history():
    reception = activity("reception")
    reception.title_fr = "Places d'accueil"
    reception.save()
    assert reception.history.first().title_fr == "Places d'accueil"


def test_a_founding_member_describes_its_commitments_it_does_not_apply_to_join(client):
    melle = make_municipality("44088", "Merelbeke-Melle", "Merelbeke-Melle",
                              status=MunicipalityStatus.MEMBER, is_founding_member=True)
    login(client, make_officer(melle))
    url = reverse("charter:application", args=[melle.nis])
    for html in (client.get(url).content.decode(),
                 client.post(url, {"start": "1"}, follow=True).content.decode()):
        title = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
        assert "Beschrijf de engagementen van Merelbeke-Melle" in title
        assert "toetreden" not in title.lower() and "aanvraag" not in title.lower()
        assert "Engagementen van Merelbeke-Melle" in re.search(r"<title>(.*?)</title>", html,
                                                                re.S).group(1)


def test_a_member_with_approved_commitments_updates_them(client, gent):
    member(gent)
    login(client, make_officer(gent))
    html = client.get(reverse("charter:application", args=[gent.nis])).content.decode()
    assert "Werk de engagementen van Gent bij" in re.search(r"<h1>(.*?)</h1>", html).group(1)


def test_a_candidate_still_applies_to_join(client, gent):
    login(client, make_officer(gent))
    html = client.get(reverse("charter:application", args=[gent.nis])).content.decode()
    assert "aanvraag van Gent" in re.search(r"<h1>(.*?)</h1>", html).group(1)


def test_the_ten_activities_fold_and_only_chosen_ones_open(client, gent):
    login(client, make_officer(gent))
    url = reverse("charter:application", args=[gent.nis])
    client.post(url, {"start": "1"})
    html = client.post(url, post_data({"reception": {}, "housing": {"action": ""}},
                                      submit="1")).content.decode()
    activities = re.findall(r'<details class="charter-activity[^"]*"( open)?>', html)
    assert len(activities) == 10
    assert [bool(is_open) for is_open in activities].count(True) == 2
    summary = re.search(r'<div class="error-summary" role="alert">(.*?)</div>', html, re.S)
    # The summary says which activity a field belongs to, and links to it.
    field = f"activity-{activity('housing').pk}-action"
    assert f'href="#id_{field}"' in summary.group(1)
    assert "Erkende vluchtelingen helpen" in summary.group(1)
