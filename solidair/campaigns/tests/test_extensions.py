import io

import pytest
from django.test import RequestFactory
from django.urls import reverse

from solidair.campaigns import demo, extensions
from solidair.campaigns.models import CampaignSettings, Signature, SignatureStatus
from solidair.campaigns.tests.factories import make_gent, make_signature
from solidair.places.models import MunicipalityStatus
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def test_api_fields_match_the_contract(settings):
    settings.CAMPAIGNS_SIGNATURE_THRESHOLD = 40
    gent = make_gent()
    make_signature(gent)
    make_signature(gent, email="p@example.org", status=SignatureStatus.PENDING)
    fields = extensions.municipality_api_fields(gent)
    assert fields == {"confirmed_signatures": 1, "online_signatures": 1, "paper_signatures": 0,
                      "signature_threshold": 40, "answer": None}
    assert set(extensions.MunicipalityApiFields.model_fields) == set(fields)
    extensions.MunicipalityApiFields(**fields)  # validates against the schema

    CampaignSettings.objects.create(municipality=gent, signature_threshold=25)
    assert extensions.municipality_api_fields(gent)["signature_threshold"] == 25


def test_profile_section_shows_counts_names_and_calls_to_action():
    gent = make_gent()
    make_signature(gent, name="Anna De Smet", show_name_publicly=True, phone="0470",
                   message="geheim")
    make_signature(gent, email="bert@example.org", name="Bert Peeters")
    request = RequestFactory().get("/")
    [html] = extensions.municipality_profile_sections(request, gent)
    assert "<progress" in html and 'value="2"' in html
    assert "Anna S." in html
    for private in ("Bert", "Peeters", "De Smet", "anna@example.org", "0470", "geheim"):
        assert private not in html
    assert reverse("campaigns:sign", args=["44021"]) in html


def test_profile_section_escapes_names():
    gent = make_gent()
    make_signature(gent, name="<script>x</script> Y", show_name_publicly=True)
    [html] = extensions.municipality_profile_sections(RequestFactory().get("/"), gent)
    assert "<script>" not in html


def test_nav_links_to_the_ranking_and_coordinators_find_their_lists_at_home():
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.testing import make_coordinator

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert [url for _label, url in extensions.nav_items(request)] == [
        reverse("campaigns:ranking")]
    coordinator = make_coordinator()
    request.user = coordinator
    assert [url for _label, url in extensions.nav_items(request)] == [
        reverse("campaigns:ranking")]
    assert [url for _label, url in extensions.backoffice_links(coordinator)] == [
        reverse("campaigns:held"), reverse("campaigns:trends"), reverse("campaigns:waiting"),
        reverse("campaigns:blocked_domains"), reverse("campaigns:invalidations")]


def test_ranking_orders_by_confirmed_signatures(client):
    gent = make_gent()
    leuven = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    make_municipality("11001", "Aartselaar", "Aartselaar", postal_codes=("2630",))
    make_signature(leuven)
    for index in range(2):
        make_signature(gent, email=f"g{index}@example.org")
    page = client.get(reverse("campaigns:ranking"))
    names = [row["municipality"].name for row in page.context["rows"]]
    assert names == ["Gent", "Leuven"]


def test_seed_demo_is_idempotent_and_never_asks_a_member():
    antwerpen = make_municipality("11002", "Antwerpen", "Anvers", postal_codes=("2000",))
    make_municipality("62063", "Luik", "Liège", postal_codes=("4000",), region_code="03000",
                      province_code="60000")
    make_municipality("92094", "Namen", "Namur", postal_codes=("5000",), region_code="03000",
                      province_code="90000", status=MunicipalityStatus.MEMBER)
    for _ in range(2):
        demo.seed_demo(stdout=io.StringIO())
    assert Signature.objects.filter(is_demo=True).count() == 7
    assert Signature.objects.count() == 7
    assert not Signature.objects.filter(municipality_id="92094").exists()  # a member
    assert set(Signature.objects.filter(municipality_id="62063")
               .values_list("language", flat=True)) == {"fr"}
    antwerpen.refresh_from_db()
    assert antwerpen.status == MunicipalityStatus.RESIDENTS_ASKING


def test_profile_section_links_editors_to_their_pages():
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.testing import make_coordinator, make_officer

    gent = make_gent()
    request = RequestFactory().get("/")
    answer_url = reverse("campaigns:answer_record", args=["44021"])
    settings_url = reverse("campaigns:settings", args=["44021"])
    request.user = AnonymousUser()
    [html] = extensions.municipality_profile_sections(request, gent)
    assert answer_url not in html and settings_url not in html
    leuven = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    request.user = make_officer(leuven)
    [html] = extensions.municipality_profile_sections(request, gent)
    assert answer_url not in html and settings_url not in html
    request.user = make_officer(gent)  # the council's address is also the officer's
    [html] = extensions.municipality_profile_sections(request, gent)
    assert answer_url in html and settings_url in html
    request.user = make_coordinator()
    [html] = extensions.municipality_profile_sections(request, gent)
    assert answer_url in html and settings_url in html


def test_api_figures_in_one_query_equal_the_separate_reads(settings, django_assert_num_queries):
    from datetime import date

    from solidair.campaigns import selectors
    from solidair.campaigns.models import AnswerOutcome, CouncilAnswer, PaperBatch

    settings.CAMPAIGNS_SIGNATURE_THRESHOLD = 40
    gent = make_gent()
    other = make_municipality("11002", name_nl="Antwerpen")

    def separate(municipality):
        answer = selectors.latest_answer(municipality)
        return {**selectors.signature_counts(municipality),
                "threshold": selectors.threshold_for(municipality),
                "answered_on": answer.answered_on if answer else None,
                "outcome": answer.outcome if answer else None}

    with django_assert_num_queries(1):
        figures = selectors.api_figures(gent)
    assert figures == separate(gent) == {"online": 0, "paper": 0, "total": 0, "threshold": 40,
                                         "answered_on": None, "outcome": None}
    make_signature(gent)
    make_signature(gent, email="b@example.org")
    make_signature(gent, email="p@example.org", status=SignatureStatus.PENDING)
    make_signature(other, email="o@example.org")
    PaperBatch.objects.create(municipality=gent, count=7, collected_on=date(2026, 5, 1))
    PaperBatch.objects.create(municipality=gent, count=5, collected_on=date(2026, 6, 1))
    CampaignSettings.objects.create(municipality=gent, signature_threshold=25)
    outcomes = list(AnswerOutcome.values)
    CouncilAnswer.objects.create(municipality=gent, answered_on=date(2026, 3, 1),
                                 outcome=outcomes[0])
    CouncilAnswer.objects.create(municipality=gent, answered_on=date(2026, 4, 2),
                                 outcome=outcomes[-1])
    CouncilAnswer.objects.create(municipality=other, answered_on=date(2026, 9, 9),
                                 outcome=outcomes[0])
    figures = selectors.api_figures(gent)
    assert figures == separate(gent)
    assert figures == {"online": 2, "paper": 12, "total": 14, "threshold": 25,
                       "answered_on": date(2026, 4, 2), "outcome": outcomes[-1]}
    assert selectors.api_figures(other) == separate(other)
    assert extensions.municipality_api_fields(gent)["answer"] == {
        "date": date(2026, 4, 2), "outcome": outcomes[-1]}
