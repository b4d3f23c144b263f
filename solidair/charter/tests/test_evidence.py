"""Evidence makes a commitment checkable: declared, then documented by a council decision or a
report with evidence; the state shows on every page, in the API, the CSVs and the figures."""

import csv
import io
from datetime import date, datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from solidair.accounts.testing import login, make_officer
from solidair.charter import selectors, services
from solidair.charter.models import (
    Application,
    Commitment,
    EvidenceKind,
    EvidenceLink,
    Membership,
    YearlyReport,
)
from solidair.charter.tests.factories import member, pdf_upload
from solidair.core.links import site_url
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
NOT_PDF = "This is not a PDF file. Upload the council decision as PDF."


def _declared_member(municipality, *, since=date(2024, 5, 1), codes=("reception", "housing",
                                                                      "network")):
    """A member whose commitments were recorded without a council decision attached (as
    founding members' were): declared until evidence comes."""
    application = member(municipality, since=since, codes=codes)
    Application.objects.filter(pk=application.pk).update(council_decision_url="")
    for commitment in application.commitments.all():
        services.commitment_refresh_state(commitment=commitment)
    municipality.refresh_from_db()
    return application


@pytest.fixture
def gent():
    gent = make_municipality("44021", "Gent", "Gand", province_code="40000")
    _declared_member(gent)
    return gent


def _reception(municipality):
    return selectors.current_commitments(municipality).get(activity__code="reception")


def _update(client, municipality, commitment, **fields):
    prefix = f"c{commitment.pk}"
    data = {f"{prefix}-status": commitment.status}
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return client.post(reverse("charter:commitment_update",
                               args=[municipality.nis, commitment.pk]), data)


def _nl(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


def test_a_council_decision_with_its_date_documents_a_commitment(client, gent):
    login(client, make_officer(gent))
    commitment = _reception(gent)
    assert commitment.state == "declared"
    # A decision without its date is refused; nothing changes.
    response = _update(client, gent, commitment, evidence_kind="decision",
                       evidence_url="https://gent.be/besluit",
                       evidence_label="Gemeenteraadsbesluit LOI")
    assert response.status_code == 400
    assert _nl("Give the date of the council decision.") in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.state == "declared" and not commitment.evidence.exists()

    response = _update(client, gent, commitment, evidence_kind="decision",
                       evidence_url="https://gent.be/besluit",
                       evidence_label="Gemeenteraadsbesluit LOI",
                       evidence_decided_on="2025-02-24")
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.state == "documented"
    link = commitment.evidence.get()
    assert (link.kind, link.decided_on, link.url) == ("decision", date(2025, 2, 24),
                                                     "https://gent.be/besluit")
    assert commitment.history.filter(state="declared").exists()  # the change is in its history

    # The public page: the state in words and the evidence with its date, not endorsed.
    page = client.get(gent.get_absolute_url()).content.decode()
    assert "charter-state--documented" in page and _nl("documented") in page
    assert 'href="https://gent.be/besluit" rel="nofollow noopener noreferrer external"' in page
    with translation.override("nl"):
        assert "24 februari 2025" in page


def test_the_older_form_still_adds_a_link_of_another_kind(client, gent):
    login(client, make_officer(gent))
    commitment = _reception(gent)
    response = _update(client, gent, commitment, status="in_progress",
                       evidence_url="https://gent.be/pers", evidence_label="Persbericht")
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.evidence.get().kind == "other"
    assert commitment.state == "declared"  # an article is no decision nor report


def test_a_pdf_decision_documents_it_and_is_served_as_public_evidence(client, gent):
    login(client, make_officer(gent))
    commitment = _reception(gent)
    renamed = SimpleUploadedFile("besluit.pdf", b"PK\x03\x04 a Word file, renamed",
                                 content_type="application/pdf")
    response = _update(client, gent, commitment, evidence_kind="decision",
                       evidence_file=renamed, evidence_label="Besluit",
                       evidence_decided_on="2025-02-24")
    assert response.status_code == 400
    assert _nl(NOT_PDF) in response.content.decode()
    assert not EvidenceLink.objects.exists()

    response = _update(client, gent, commitment, evidence_kind="decision",
                       evidence_file=pdf_upload(), evidence_label="Besluit",
                       evidence_decided_on="2025-02-24")
    assert response.status_code == 302
    commitment.refresh_from_db()
    link = commitment.evidence.get()
    assert commitment.state == "documented" and link.file.name.endswith(".pdf")
    assert "besluit" not in link.file.name  # a random name: the uploaded one may say too much

    client.logout()  # public evidence
    url = reverse("charter:evidence_file", args=[gent.nis, link.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert f'filename="bewijsstuk-44021-{link.pk}.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    with translation.override("fr"):
        french = client.get(reverse("charter:evidence_file", args=[gent.nis, link.pk]))
    assert f'filename="preuve-44021-{link.pk}.pdf"' in french["Content-Disposition"]
    # Linked from the public page.
    assert url in client.get(gent.get_absolute_url()).content.decode()


def test_the_evidence_file_view_answers_404_for_anything_but_a_pdf_of_that_member(client, gent):
    leuven = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    commitment = _reception(gent)
    pdf = EvidenceLink(commitment=commitment, label="Besluit", kind="report")
    pdf.file.save("x.pdf", ContentFile(pdf_upload().read()), save=False)
    pdf.save()
    fake = EvidenceLink(commitment=commitment, label="Geen PDF", kind="report")
    fake.file.save("y.pdf", ContentFile(b"<html>not a pdf</html>"), save=False)
    fake.save()
    link = EvidenceLink.objects.create(commitment=commitment, label="Link", kind="other",
                                       url="https://gent.be/")
    gone = EvidenceLink(commitment=commitment, label="Weg", kind="report")
    gone.file.save("z.pdf", ContentFile(pdf_upload().read()), save=False)
    gone.save()
    gone.file.storage.delete(gone.file.name)

    def status(nis, pk):
        return client.get(reverse("charter:evidence_file", args=[nis, pk])).status_code

    assert status(gent.nis, pdf.pk) == 200
    assert status(leuven.nis, pdf.pk) == 404  # not that municipality's commitment
    assert status(gent.nis, fake.pk) == 404  # not a PDF, whatever its name
    assert status(gent.nis, link.pk) == 404  # a link has no file
    assert status(gent.nis, gone.pk) == 404  # the file is absent
    assert status(gent.nis, 999_999) == 404


def test_the_state_in_the_table_the_api_and_both_csvs(client, gent):
    commitment = _reception(gent)
    services.commitment_update(commitment=commitment, by=None, status="decided",
                               evidence=services.EvidenceInput(
                                   kind=EvidenceKind.DECISION, url="https://gent.be/besluit",
                                   label="Besluit", decided_on=date(2025, 2, 24)))
    table = client.get(reverse("charter:members")).content.decode()
    assert table.count("charter-state--documented") == 1
    assert table.count("charter-state--declared") == 2
    assert _nl("declared") in table  # in words, not colour alone

    detail = client.get(f"/api/v1/municipalities/{gent.nis}/").json()
    states = {c["activity"]: c["state"] for c in detail["commitments"]}
    assert states == {"reception": "documented", "housing": "declared", "network": "declared"}
    reception = next(c for c in detail["commitments"] if c["activity"] == "reception")
    assert reception["evidence"] == [{
        "kind": "decision", "label": "Besluit", "url": "https://gent.be/besluit",
        "decided_on": "2025-02-24", "added_at": reception["evidence"][0]["added_at"]}]
    assert reception["status"] == "decided" and "target" in reception  # fields kept

    rows = list(csv.DictReader(io.StringIO(client.get(reverse("charter:members_csv"))
                                           .content.decode())))
    assert (rows[0]["reception"], rows[0]["reception_state"]) == ("decided", "documented")
    assert rows[0]["housing_state"] == "declared" and rows[0]["schools_state"] == ""
    api_rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/members.csv")
                                               .content.decode())))
    assert {row["activity"]: row["state"] for row in api_rows} == states


def test_the_commitments_export_its_shape_pages_and_etag(client, gent):
    leuven = make_municipality("24062", "Leuven", "Louvain", province_code="20001",
                               postal_codes=("3000",))
    member(leuven, since=date(2024, 6, 1), codes=("reception", "volunteering", "network"))
    commitment = _reception(gent)
    services.commitment_update(commitment=commitment, by=None, status="in_progress",
                               evidence=services.EvidenceInput(
                                   kind=EvidenceKind.DECISION, file=pdf_upload(),
                                   label="Besluit", decided_on=date(2025, 2, 24)))
    services.report_submit(municipality=gent, by=None, data=services.ReportInput(
        year=THIS_YEAR, narratives={commitment.pk: "Het LOI opende."},
        entry_figures={commitment.pk: {"reception_places": 12}}))

    response = client.get("/api/v1/commitments/")
    assert response.status_code == 200
    data = response.json()
    assert response["X-Total-Count"] == "6"
    # By municipality name, then activity number.
    assert [item["nis"] for item in data] == ["44021"] * 3 + ["24062"] * 3
    assert [item["activity"] for item in data[:3]] == ["reception", "housing", "network"]
    assert data[0]["activity_number"] < data[1]["activity_number"] < data[2]["activity_number"]
    first = data[0]
    assert set(first) == {"nis", "name", "activity", "activity_number", "status", "state",
                          "target", "planned_date", "decided_on", "term", "evidence",
                          "figures", "confirmations", "contests", "last_updated"}
    link = commitment.evidence.get()
    assert first["name"]["nl"] == "Gent" and first["activity"] == "reception"
    assert (first["status"], first["state"], first["decided_on"]) == (
        "in_progress", "documented", "2025-02-24")
    assert first["evidence"][0]["url"] == site_url(f"/charter/44021/evidence/{link.pk}.pdf")
    assert first["figures"] == {"year": THIS_YEAR, "figures": {"reception_places": 12}}
    assert (first["confirmations"], first["contests"], first["term"]) == (0, 0, None)
    assert data[1]["state"] == "declared" and data[1]["decided_on"] is None
    # Leuven's commitments are documented by its application's council decision.
    assert data[3]["state"] == "documented" and data[3]["decided_on"] == "2025-03-01"

    page = client.get("/api/v1/commitments/?page=2&page_size=2")
    assert [item["activity"] for item in page.json()] == ["network", "reception"]
    assert 'rel="next"' in page["Link"] and page["X-Total-Count"] == "6"
    assert client.get("/api/v1/commitments/?page=9&page_size=2").status_code == 404
    assert client.get("/api/v1/commitments/?page_size=²").status_code == 400
    # Conditional requests: 304 until the data changes.
    again = client.get("/api/v1/commitments/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    services.commitment_update(commitment=_reception(leuven), by=None, status="done",
                               evidence=services.EvidenceInput(
                                   kind=EvidenceKind.REPORT, url="https://leuven.be/verslag",
                                   label="Verslag"))
    assert client.get("/api/v1/commitments/",
                      HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200


def test_the_figures_page_counts_states_per_activity_and_per_year(client, gent):
    leuven = make_municipality("24062", "Leuven", "Louvain", province_code="20001",
                               postal_codes=("3000",))
    member(leuven, since=date(2024, 6, 1), codes=("reception", "volunteering", "network"))
    # Both joined in 2024 (Leuven documented from the start, Gent declared); Gent documents
    # its reception this year.
    moment = timezone.make_aware(datetime(2024, 6, 1))
    Application.objects.update(decided_at=moment)
    Membership.objects.update(since=date(2024, 6, 1))
    Commitment.history.update(history_date=moment)
    services.commitment_update(commitment=_reception(gent), by=None, status="decided",
                               evidence=services.EvidenceInput(
                                   kind=EvidenceKind.DECISION, url="https://gent.be/besluit",
                                   label="Besluit", decided_on=date(2025, 2, 24)))

    figures = selectors.network_figures()
    years = [period["year"] for period in figures["states_per_year"]]
    assert years == list(range(THIS_YEAR, 2023, -1))

    def counts(year, code):
        period = next(p for p in figures["states_per_year"] if p["year"] == year)
        row = next(r for r in period["rows"] if r["activity"].code == code)
        return row["declared"], row["documented"], row["contested"]

    assert counts(THIS_YEAR, "reception") == (0, 2, 0)
    assert counts(THIS_YEAR, "housing") == (1, 0, 0)
    assert counts(THIS_YEAR, "volunteering") == (0, 1, 0)
    assert counts(2024, "reception") == (1, 1, 0)
    assert counts(2024, "schools") == (0, 0, 0)

    # On the page, this year shows; each earlier year is folded under its own summary (a
    # <details>, no script needed), its table labelled by a caption.
    page = client.get(reverse("charter:figures")).content.decode()
    main = page.split("<main", 1)[1]
    now = main.index(f"<h3 id=\"states-now\">{THIS_YEAR}, vandaag</h3>")
    assert now < main.index(f'aria-labelledby="states-{THIS_YEAR}-caption"') < main.index(
        "<details")
    assert main.count('<details class="charter-states-year">') == len(years) - 1
    for year in years[1:]:
        assert f"<summary>Einde {year}</summary>" in main
        assert (f'<caption id="states-{year}-caption" class="visually-hidden">Leden per '
                f"activiteit en stand van hun engagement op het einde van {year}</caption>") in main
    assert main.count('<table class="charter-states">') == len(years)
    assert "<strong>2</strong>" in page  # the existing figures stay


def test_figures_per_year_take_a_constant_number_of_queries(django_assert_num_queries, gent):
    activities = list(selectors.charter_activities())
    rows = selectors.member_rows()
    with django_assert_num_queries(3):
        selectors.states_per_year(activities, rows=rows)
    for nis in ("24062", "11002"):
        municipality = make_municipality(nis, f"M{nis}", f"M{nis}", postal_codes=(nis[:4],))
        _declared_member(municipality, since=date(2020, 1, 1))
    rows = selectors.member_rows()
    with django_assert_num_queries(3):
        selectors.states_per_year(activities, rows=rows)


@pytest.mark.parametrize(("value", "message"), [
    ("99999999999", "Zorg ervoor dat deze waarde hoogstens 1000000 is."),
    ("-3", "Zorg ervoor dat deze waarde minstens 0 is."),
    ("²", "Enter a whole number, with the digits 0 to 9.")])
def test_report_figures_refuse_odd_numbers_and_keep_what_was_typed(client, gent, value,
                                                                    message):
    login(client, make_officer(gent))
    commitment = _reception(gent)
    url = reverse("charter:report", args=[gent.nis, THIS_YEAR])
    data = {"places_adults": "10", "places_minors": "5", "places_in_loi": "0",
            "volunteers_active": "4", f"narrative_{commitment.pk}": "Het LOI opende in mei.",
            f"figure_{commitment.pk}_reception_places": value}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in page and _nl(message) in page
    assert _nl("reception places").capitalize() in page  # the figure, named in the summary
    assert "Het LOI opende in mei." in page and f'value="{value}"' in page
    assert not YearlyReport.objects.exists()


def test_report_entries_carry_figures_and_evidence(client, gent):
    login(client, make_officer(gent))
    commitment = _reception(gent)
    housing = selectors.current_commitments(gent).get(activity__code="housing")
    url = reverse("charter:report", args=[gent.nis, THIS_YEAR])
    page = client.get(url).content.decode()
    assert f'name="figure_{commitment.pk}_reception_places"' in page
    assert f'name="figure_{housing.pk}_people_housed"' in page
    assert 'enctype="multipart/form-data"' in page
    base = {"places_adults": "10", "places_minors": "5", "places_in_loi": "0",
            "volunteers_active": "4"}
    # Figures without a narrative: said so, nothing lost.
    response = client.post(url, {**base, f"figure_{housing.pk}_people_housed": "7"})
    assert response.status_code == 200
    assert _nl("Write what happened: the figures and evidence go with it.") in (
        response.content.decode())
    response = client.post(url, {
        **base, f"narrative_{commitment.pk}": "Het LOI opende in mei.",
        f"figure_{commitment.pk}_reception_places": "12",
        f"evidence_file_{commitment.pk}": pdf_upload(),
        f"evidence_label_{commitment.pk}": "Jaarverslag van het LOI",
        f"narrative_{housing.pk}": "Drie gezinnen vonden een woning.",
        f"figure_{housing.pk}_people_housed": "11"})
    assert response.status_code == 302
    entry = commitment.narratives.get()
    assert entry.figures == {"reception_places": 12}
    assert housing.narratives.get().figures == {"people_housed": 11}
    link = entry.evidence.get()
    assert (link.kind, link.commitment_id) == ("report", commitment.pk)
    commitment.refresh_from_db()
    housing.refresh_from_db()
    assert (commitment.state, housing.state) == ("documented", "declared")
    # Corrected later, the figures come back in the form.
    page = client.get(url).content.decode()
    assert 'value="12"' in page and "Jaarverslag van het LOI" in page
    # Emptying the entry takes its evidence with it: declared again.
    client.post(url, {**base, f"narrative_{housing.pk}": "Drie gezinnen."})
    commitment.refresh_from_db()
    assert commitment.state == "declared" and not EvidenceLink.objects.exists()


def test_approval_documents_the_commitments_of_an_application_with_a_decision():
    gent = make_municipality("44021", "Gent", "Gand")
    application = member(gent)
    assert set(application.commitments.values_list("state", flat=True)) == {"documented"}


def test_an_amended_application_keeps_pdf_evidence():
    gent = make_municipality("44021", "Gent", "Gand")
    member(gent)
    services.commitment_update(commitment=_reception(gent), by=None, status="decided",
                               evidence=services.EvidenceInput(
                                   kind=EvidenceKind.DECISION, file=pdf_upload(),
                                   label="Besluit", decided_on=date(2025, 2, 24)))
    amended = services.application_start(municipality=gent, by=None)
    services.application_submit(application=amended, by=None)
    services.application_approve(application=amended, by=None)
    link = _reception(gent).evidence.get()
    assert link.file and (link.kind, link.decided_on) == ("decision", date(2025, 2, 24))


def test_the_migration_gives_existing_commitments_their_state_and_history():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("solidair.charter.migrations.0008_commitment_states")
    gent = make_municipality("44021", "Gent", "Gand")
    member(gent)  # its application carries the council decision
    leuven = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    _declared_member(leuven)
    # As before the migration: every commitment and every history row declared.
    Commitment.objects.update(state="declared")
    Commitment.history.update(state="declared")
    migration.compute_states(apps, None)
    assert set(Commitment.objects.values_list("application__municipality_id", "state")) == {
        ("44021", "documented"), ("24062", "declared")}
    assert set(Commitment.history.filter(application__municipality_id="44021")
               .values_list("state", flat=True)) == {"documented"}
