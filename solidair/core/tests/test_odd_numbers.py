"""Odd numbers in every form field and URL parameter that takes a number: never a server error.

Huge values overflow the database's integer columns (2^31-1 on PostgreSQL, 2^63-1 for keys and
on SQLite), "-1" is below every limit, and non-ASCII digits trip `int()`: a superscript two
passes `str.isdigit()` but `int("²")` fails, while `int("٣")` reads an Arabic-Indic three. A
form answers with its page again, what was typed kept and a message beside it; a query
parameter that only narrows or pages a list is ignored.
"""

import re
from datetime import date, timedelta
from html import escape

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from solidair.accounts.testing import login, make_coordinator, make_officer, make_staff
from solidair.campaigns.tests.factories import make_signature
from solidair.charter.models import FigureDefinition
from solidair.charter.tests.factories import activity, member
from solidair.core.numbers import parse_ids, parse_int
from solidair.core.tests.site_map import api_operations, sample_paths
from solidair.network.models import Addressee, GoodPractice, Registration
from solidair.network.tests.factories import make_meeting, make_practice
from solidair.places.testing import make_municipality
from solidair.volunteers.tests.factories import make_offer

pytestmark = pytest.mark.django_db

HUGE = ["99999999999999999999999", "9223372036854775808"]
ODD_NUMBERS = [*HUGE, "-1", "²", "٣"]
# What Django and Solidair say, in Dutch, when a number or a choice is refused.
REFUSALS = re.compile("|".join([
    "Zorg (ervoor )?dat deze waarde",  # at most / at least, too long
    "Voer een geheel getal in",
    "Vul een geheel getal in",
    "Selecteer een geldige keuze",
    "postcode heeft vier cijfers",  # the co-signature
    "Belgische postcode van vier cijfers",  # the volunteer's offer
    "is geen postcode van",  # the letter
]))


def _client(user) -> Client:
    client = Client()
    login(client, user)
    return client


def _gent(**fields):
    return make_municipality("44021", "Gent", "Gand", postal_codes=("9000", "9030"),
                             is_city=True, **fields)


# Each form: who fills it in, where, a valid submission and the fields that take a number.
# The builders seed only what their form needs.
# A list from a select shows the choices again, not what was sent: nothing to see kept there.
CHOSEN_FROM_A_LIST = {"meeting", "addressee"}


def _report():
    gent = _gent()
    member(gent, since=date(2023, 3, 1))
    FigureDefinition.objects.create(code="guardians", label_nl="Voogden", label_fr="Tuteurs",
                                    label_en="Guardians")
    data = {"places_adults": "10", "places_minors": "5", "places_in_loi": "2",
            "volunteers_active": "40", "figure_guardians": "3"}
    url = reverse("charter:report", args=["44021", timezone.localdate().year])
    return make_officer(gent), url, data, list(data)


def _application():
    prefix = f"activity-{activity('reception').pk}"
    data = {"council_decision_url": "https://example.org/besluit",
            "council_decision_date": "2025-03-01", "contact_name": "An Peeters",
            "contact_role": "Schepen", "contact_email": "an@example.org", "save": "1",
            f"{prefix}-chosen": "on", f"{prefix}-action": "Een LOI",
            f"{prefix}-target_number": "20", f"{prefix}-target_unit": "plaatsen"}
    return (make_officer(_gent()), reverse("charter:application", args=["44021"]), data,
            [f"{prefix}-target_number"])


def _charter_minimum():
    return (make_coordinator(), reverse("charter:manage"), {"minimum_activities": "3"},
            ["minimum_activities"])


def _campaign_settings():
    _gent()
    data = {"council_email": "college@gent.be", "digest_period_days": "7",
            "signature_threshold": "100"}
    return (make_coordinator(), reverse("campaigns:settings", args=["44021"]), data,
            ["digest_period_days", "signature_threshold"])


def _write_to_signatories():
    gent = _gent()
    signature = make_signature(gent, share_email_with_council=True)
    data = {"signatures": [str(signature.pk)], "subject": "Dank", "body": "Dank u."}
    return (make_officer(gent), reverse("campaigns:officer_write", args=["44021"]), data,
            ["signatures"])


def _write_to_volunteers():
    gent = _gent()
    offer = make_offer(gent)
    data = {"offers": [str(offer.pk)], "subject": "Dank", "body": "Dank u."}
    return (make_officer(gent), reverse("volunteers:officer_write", args=["44021"]), data,
            ["offers"])


def _volunteer_need():
    gent = _gent()
    data = {"title": "Taalbuddy's", "description": "Vijf taalbuddy's.", "roles": "welcome",
            "wanted": "5", "until": (timezone.localdate() + timedelta(days=30)).isoformat()}
    return make_officer(gent), reverse("volunteers:need_create", args=["44021"]), data, ["wanted"]


def _meeting():
    start = timezone.localtime() + timedelta(days=30)
    data = {"theme": "Wonen", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Stadhuis", "capacity": "40"}
    return make_coordinator(), reverse("network:meeting_create"), data, ["capacity"]


def _attendance():
    meeting = make_meeting()
    coordinator = make_coordinator()
    registration = Registration.objects.create(meeting=meeting, user=coordinator,
                                               status=Registration.Status.REGISTERED)
    return (coordinator, reverse("network:meeting_attendance", args=[meeting.pk]),
            {"attended": [str(registration.pk)]}, ["attended"])


def _partner():
    data = {"name": "Vluchtelingenwerk", "role": "carrier", "website": "", "description": "",
            "order": "1"}
    return make_coordinator(), reverse("network:partner_create"), data, ["order"]


def _practice():
    gent = _gent()
    data = {"language": "nl", "title": "Huurbuddy's", "activities": ["2"], "context": "C",
            "actions": "A", "results": "R", "cost": "", "partners": "", "lessons": "",
            "contact": "welzijn@example.org"}
    return (make_officer(gent), reverse("network:practice_create", args=["44021"]), data,
            ["activities"])


def _brochure():
    practice = make_practice(_gent())
    data = {"title": "Goede praktijken", "introduction": "", "practices": [str(practice.pk)]}
    return make_coordinator(), reverse("network:brochure_create"), data, ["practices"]


def _practice_review():
    practice = make_practice(_gent(), status=GoodPractice.Status.SUBMITTED)
    meeting = make_meeting()
    data = {"decision": "publish", "remarks": "", "meeting": str(meeting.pk)}
    return (make_coordinator(), reverse("network:practice_review", args=[practice.pk]), data,
            ["meeting"])


def _recommendation():
    meeting = make_meeting()
    addressee = Addressee.objects.create(name="Minister", portfolio="Asiel", level="federal")
    data = {"level": "federal", "title": "Meer opvang", "text": "Tekst",
            "addressee": str(addressee.pk), "drafted_on": timezone.localdate().isoformat()}
    return (make_coordinator(), reverse("network:recommendation_create", args=[meeting.pk]),
            data, ["addressee"])


def _signature():
    _gent()
    data = {"name": "Anna De Smet", "email": "anna@example.org", "postal_code": "9000",
            "consent": "on"}
    return None, reverse("campaigns:sign", args=["44021"]), data, ["postal_code"]


def _volunteer_offer():
    _gent()
    data = {"name": "Anna De Smet", "email": "anna@example.org", "postal_code": "9000",
            "roles": "welcome", "consent": "on"}
    return None, reverse("volunteers:offer"), data, ["postal_code"]


def _letter():
    _gent()
    data = {"name": "Anna De Smet", "email": "anna@example.org", "language": "nl",
            "postal_code": "9000"}
    return None, reverse("documents:letter", args=["44021"]), data, ["postal_code"]


FORMS = {"charter report": _report, "charter application": _application,
         "charter minimum": _charter_minimum, "campaign settings": _campaign_settings,
         "write to co-signatories": _write_to_signatories,
         "write to volunteers": _write_to_volunteers, "volunteer need": _volunteer_need,
         "meeting": _meeting, "attendance": _attendance, "partner": _partner,
         "good practice": _practice, "brochure": _brochure, "practice review": _practice_review,
         "recommendation": _recommendation,
         "co-signature": _signature, "volunteer offer": _volunteer_offer, "letter": _letter}


@pytest.mark.parametrize("name", FORMS)
def test_odd_numbers_in_a_form_are_refused_with_a_message(name):
    user, url, valid, fields = FORMS[name]()
    client = _client(user) if user else Client()
    for field in fields:
        for odd in ODD_NUMBERS:
            # A list (checkboxes) keeps its valid choices, so the form is shown again.
            value = [*valid[field], odd] if isinstance(valid[field], list) else odd
            response = client.post(url, {**valid, field: value})
            what = f"{field}={odd!r} to {url}"
            assert response.status_code in (200, 400), f"{response.status_code} for {what}"
            page = response.content.decode()
            assert REFUSALS.search(page), f"no message for {what}"
            if field not in CHOSEN_FROM_A_LIST:
                assert escape(odd) in page, f"what was typed is lost: {what}"


@pytest.mark.parametrize("year", ["0001", "9999"])
def test_a_meeting_in_an_odd_year_is_refused(year):
    """A year is a number too: a date-time in the year 1 cannot even be converted to UTC."""
    user, url, valid, _fields = _meeting()
    response = _client(user).post(url, {**valid, "starts_at": f"{year}-01-01T10:00",
                                        "ends_at": f"{year}-01-01T12:00"})
    assert response.status_code == 200
    assert "Kies een datum van 2000 tot 2100" in response.content.decode()


# Parameters of a URL: a list narrows or pages, an odd number is left out.


def _officer_pages():
    gent = _gent()
    signature = make_signature(gent, share_email_with_council=True)
    offer = make_offer(gent)
    return make_officer(gent), [
        (reverse("campaigns:officer_write", args=["44021"]), "signatures", str(signature.pk)),
        (reverse("volunteers:officer_write", args=["44021"]), "offers", str(offer.pk)),
        (reverse("campaigns:officer_signatories", args=["44021"]), "page", "1"),
        (reverse("volunteers:officer_list", args=["44021"]), "page", "1"),
    ]


def _coordinator_pages():
    _gent()
    meeting = make_meeting()
    return make_coordinator(), [
        (reverse("accounts:municipalities"), "page", "1"),
        (reverse("accounts:invitations"), "page", "1"),
        (reverse("accounts:audit_log"), "page", "1"),
        (reverse("accounts:audit_log"), "municipality", "44021"),
        (reverse("accounts:invitation_create"), "municipality", "44021"),
        (reverse("network:meeting_attendance", args=[meeting.pk]), "attended", "1"),
        (reverse("campaigns:settings", args=["44021"]), "page", "1"),
        (reverse("campaigns:trends"), "hours", "24"),
    ]


def _public_pages():
    gent = _gent()
    make_practice(gent)
    return None, [
        (reverse("network:practices"), name, "1") for name in ("page", "year", "activity")
    ] + [
        (reverse("charter:members"), "activity", "1"),
        (reverse("places:directory"), "q", "9000"),
        (reverse("places:map_svg"), "links", "0"),
        (reverse("volunteers:offer"), "postal_code", "9000"),
        (reverse("volunteers:offer"), "nis", "44021"),
        (reverse("network:recommendations"), "addressee", "1"),
    ]


PAGES = {"officer": _officer_pages, "coordinator": _coordinator_pages, "public": _public_pages}


@pytest.mark.parametrize("role", PAGES)
def test_odd_numbers_in_query_parameters_are_ignored(role):
    user, pages = PAGES[role]()
    client = _client(user) if user else Client()
    for path, name, usual in pages:
        for odd in ODD_NUMBERS:
            # A usual value first: a view reading the list sees both, one reading a value the
            # odd one.
            response = client.get(path, {name: [usual, odd]})
            assert response.status_code < 500, f"{response.status_code} for ?{name}={odd!r}"


def test_a_page_of_the_write_form_leaves_odd_numbers_out():
    gent = _gent()
    signature = make_signature(gent, share_email_with_council=True)
    client = _client(make_officer(gent))
    page = client.get(reverse("campaigns:officer_write", args=["44021"]),
                      {"signatures": [str(signature.pk), "²", HUGE[0]]})
    assert page.status_code == 200
    assert f'value="{signature.pk}"' in page.content.decode()


def test_huge_numbers_in_paths_find_nothing():
    """Every URL with a number in its path (the URL pattern lets only digits through), as a
    coordinator and as the municipality's officer, who between them may open all of them."""
    gent = _gent()
    member(gent, since=date(2023, 3, 1))
    clients = [_client(make_coordinator()), _client(make_officer(gent))]
    huge = HUGE[-1]  # one beyond the largest key
    paths = [path for path in sample_paths({"nis": "44021", "pk": huge, "photo_pk": huge,
                                            "year": huge}) if huge in path]
    assert len(paths) > 20
    for path in paths:
        for client in clients:
            for send in (client.get, client.post):
                response = send(path)
                assert response.status_code < 500, f"{response.status_code} for {path}"


def test_odd_numbers_in_the_api_parameters(client):
    _gent()
    for method, template, operation in api_operations(client):
        if method != "GET" or "{" in template:
            continue
        names = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
                 and "integer" in str(p.get("schema", {}))]
        for name in names:
            for odd in ODD_NUMBERS:
                response = client.get(template, {name: odd})
                assert response.status_code in (200, 400), f"{template}?{name}={odd!r}"


def test_reading_numbers_from_text():
    assert parse_int(" 7 ") == 7
    assert [parse_int(odd) for odd in ODD_NUMBERS] == [None] * len(ODD_NUMBERS)
    assert parse_int("-1", minimum=-5) == -1
    assert parse_int("²", default=1) == 1
    assert parse_ids(["3", "x", "3", "0", "-1", "²", "٣", *HUGE, "9223372036854775807"]) == [
        3, 9223372036854775807]


def test_odd_keys_in_the_admin_history_pages():
    """Their URL patterns take any text up to the next slash, numbers or not."""
    client = _client(make_staff())
    histories = [model for model, model_admin in admin.site._registry.items()
                 if isinstance(model_admin, SimpleHistoryAdmin)]
    assert len(histories) > 10
    for model in histories:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}"
        for odd in ["²", HUGE[-1]]:
            for path in (f"{base}/{odd}/history/", f"{base}/1/history/{odd}/"):
                response = client.get(path)
                assert response.status_code < 500, f"{response.status_code} for {path}"


def test_every_admin_list_answers_a_search():
    """A search over a field the model lacks (allauth's user sessions search a username our
    users do not have) is a server error, found only when an administrator searches."""
    client = _client(make_staff())
    searchable = [model for model, model_admin in admin.site._registry.items()
                  if model_admin.search_fields]
    assert len(searchable) > 5
    for model in searchable:
        path = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for text in ["gent", "²", HUGE[-1]]:
            response = client.get(path, {"q": text})
            assert response.status_code == 200, f"{response.status_code} for {path}?q={text}"
