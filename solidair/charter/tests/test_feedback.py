"""Local confirmation and contest of a commitment: a resident's text confirmed by e-mail,
moderated by a coordinator, replied to by the officer, and the automatic *contested* state."""

import html
import io
import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.charter import selectors, services
from solidair.charter.demo import seed_demo
from solidair.charter.extensions import coordinator_tasks, officer_tasks
from solidair.charter.models import (
    CommitmentFeedback,
    CouncilTerm,
    FeedbackStatus,
    TermConfirmation,
)
from solidair.charter.tests.factories import member, set_target
from solidair.core.models import OutgoingMail
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

ANNA = "anna.contest@example.org"
TEXT = "Het LOI in de Dampoort heeft maar twaalf plaatsen, geen 24: wij tellen ze elke week."


@pytest.fixture
def gent():
    """Gent, a member with commitments, its officer and a coordinator (one seed per test)."""
    municipality = make_municipality("44021", "Gent", "Gand", is_city=True)
    member(municipality, since=date(2023, 3, 1))
    municipality.refresh_from_db()
    return {"municipality": municipality, "officer": make_officer(municipality),
            "coordinator": make_coordinator(),
            "commitment": selectors.current_commitments(municipality).get(
                activity__code="reception")}


def url(name, *args, language="nl"):
    """The page in `language` (a request leaves its language active in the thread)."""
    with translation.override(language):
        return reverse(name, args=args)


def respond_url(commitment, code="reception", language="nl"):
    return url("charter:commitment_respond", commitment.application.municipality_id, code,
               language=language)


def form_data(**changes):
    return {"kind": "contest", "text": TEXT, "email": ANNA, "name": "Anna Janssens",
            "group_name": "Welkom Gent", "consent": "on", **changes}


def last_mail(address):
    return OutgoingMail.objects.filter(to__icontains=address).latest("id")


def link_path(mail):
    """The path of the author's link in a mail (without the site's address)."""
    return re.search(r"https?://[^/\s]+(/(?:[a-z]{2}/)?charter/feedback/[\w-]+/)",
                     mail.body).group(1)


def submit_and_confirm(client, commitment, *, page=None, **changes):
    response = client.post(page or respond_url(commitment), form_data(**changes))
    assert response.status_code == 302, response.content.decode()
    path = link_path(last_mail(changes.get("email", ANNA)))
    client.post(path)
    return CommitmentFeedback.objects.latest("id")


def published_contest(commitment, *, days_ago, email, show_name=False, name=""):
    feedback = services.feedback_submit(commitment=commitment, kind="contest", text=TEXT,
                                        email=email, name=name, show_name=show_name)
    services.feedback_confirm(feedback=feedback)
    return services.feedback_publish(feedback=feedback, by=None,
                                     now=timezone.now() - timedelta(days=days_ago))


def test_contest_confirmed_by_mail_moderated_and_replied(client, gent):
    commitment, coordinator, officer = gent["commitment"], gent["coordinator"], gent["officer"]
    municipality_page = url("places:municipality", "44021")
    english_page = url("places:municipality", "44021", language="en")
    assert "0 contests" in client.get(english_page).content.decode()  # cached for visitors
    assert respond_url(commitment) in client.get(municipality_page).content.decode()

    form = client.get(respond_url(commitment)).content.decode()
    assert 'name="kind"' in form and "campaign/privacy" in form
    response = client.post(respond_url(commitment), form_data())
    assert response.status_code == 302
    feedback = CommitmentFeedback.objects.get()
    assert feedback.status == FeedbackStatus.PENDING and ANNA not in response["Location"]

    # Opening the mailed link confirms nothing (mail scanners open links); the button does.
    path = link_path(last_mail(ANNA))
    assert "Ja, ik bevestig" in client.get(path).content.decode()
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.PENDING
    client.post(path)
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.SUBMITTED and feedback.confirmed_at

    login(client, coordinator)
    queue = client.get(url("charter:feedback_queue")).content.decode()
    assert "Welkom Gent" in queue
    moderate = url("charter:feedback_moderate", feedback.pk)
    page = client.get(moderate).content.decode()
    assert TEXT in page and ANNA not in page and "Anna Janssens" not in page

    # Ask for more: the author gets the question and a new link; the old one stops working.
    client.post(moderate, {"decision": "ask", "note": "Sinds wanneer telt u twaalf plaatsen?"})
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.MORE_ASKED
    question = last_mail(ANNA)
    assert "Sinds wanneer" in question.body
    client.logout()
    assert client.get(path).status_code == 404
    path = link_path(question)
    assert "Sinds wanneer" in client.get(path).content.decode()
    response = client.post(path, {"text": TEXT + " Sinds januari."})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.SUBMITTED and feedback.text.endswith("januari.")

    login(client, coordinator)
    assert client.post(moderate, {"decision": "publish"}).status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.PUBLISHED and feedback.published_at
    assert "gepubliceerd" in last_mail(ANNA).subject
    officer_mail = last_mail(officer.email)
    assert url("charter:officer_feedback", "44021") in officer_mail.body
    assert TEXT not in officer_mail.body
    client.logout()
    assert "1 contest" in client.get(english_page).content.decode()  # the cache was emptied

    login(client, officer)
    listing_url = url("charter:officer_feedback", "44021")
    translation.activate("nl")
    [task] = [t for t in officer_tasks(officer, gent["municipality"]) if t.url == listing_url]
    assert task.count == 1
    listing = client.get(listing_url).content.decode()
    assert TEXT in listing and ANNA not in listing and "Anna Janssens" not in listing
    reply_url = url("charter:feedback_reply", "44021", feedback.pk)
    assert client.post(reply_url, {f"f{feedback.pk}-reply": ""}).status_code == 400
    response = client.post(reply_url, {f"f{feedback.pk}-reply": "Er komen twaalf plaatsen bij."})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.reply_text == "Er komen twaalf plaatsen bij." and feedback.reply_at
    assert "Er komen twaalf plaatsen bij." in last_mail(ANNA).body
    translation.activate("nl")
    assert not [t for t in officer_tasks(officer, gent["municipality"]) if t.url == listing_url]
    client.logout()
    own_page = client.get(link_path(last_mail(ANNA))).content.decode()
    assert "Er komen twaalf plaatsen bij." in own_page
    assert list(selectors.published_feedback(commitment)) == [feedback]

    # Every step is in the audit log, without the author's words, name or address.
    entries = AuditEntry.objects.filter(action__startswith="charter.feedback.")
    assert {entry.action.rsplit(".", 1)[1] for entry in entries} == {
        "confirm", "ask_more", "resubmit", "publish", "reply"}
    logged = str(list(entries.values("object_label", "before", "after")))
    assert ANNA not in logged and "Anna" not in logged and "Dampoort" not in logged


def test_rejection_tells_the_reason_in_the_authors_language(client, gent):
    french = respond_url(gent["commitment"], language="fr")
    feedback = submit_and_confirm(client, gent["commitment"], page=french,
                                  email="marie@example.org")
    assert feedback.language == "fr"
    login(client, gent["coordinator"])
    [task] = coordinator_tasks(gent["coordinator"])
    assert task.count == 1
    moderate = url("charter:feedback_moderate", feedback.pk)
    response = client.post(moderate, {"decision": "reject"})
    assert response.status_code == 400
    assert "Kies de reden" in response.content.decode()
    client.post(moderate, {"decision": "reject", "reason": "off_topic"})
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.REJECTED and feedback.reject_reason == "off_topic"
    assert "ne porte pas sur cet engagement" in last_mail("marie@example.org").body

    # The author can read the reason for 30 days; then the daily job deletes the text.
    path = link_path(last_mail("marie@example.org"))
    client.logout()
    assert "ne porte pas sur cet engagement" in client.get(path).content.decode()
    CommitmentFeedback.objects.update(token_expires_at=timezone.now())
    assert client.get(path).status_code == 404
    call_command("check_commitment_contests", stdout=io.StringIO())
    assert not CommitmentFeedback.objects.exists()


def test_bad_input_gets_translated_errors_robots_and_floods_get_nothing(client, gent):
    commitment = gent["commitment"]
    french = respond_url(commitment, language="fr")
    response = client.post(french, {"kind": "contest", "text": "Trop court.",
                                 "show_name": "on"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "au moins 20 caractères" in page  # the text is too short
    assert "adresse e-mail" in page  # no address
    assert "Indiquez votre nom" in page  # a name to show, but none given
    assert not CommitmentFeedback.objects.exists()

    client.post(french, form_data(website="https://spam.example"))
    assert not CommitmentFeedback.objects.exists()  # the honeypot: pretends, keeps nothing

    for _ in range(services_rate_limit()):
        client.post(french, form_data())
    response = client.post(french, form_data())
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Trop de tentatives" in response.content.decode()


@pytest.mark.parametrize(("language", "message", "generic"), [
    ("nl", "Kies wat er met deze tekst gebeurt: publiceren, weigeren of de auteur om meer "
           "vragen.", "Dit veld is verplicht."),
    ("fr", "Choisissez ce qu'il advient de ce texte : le publier, le refuser ou demander des "
           "précisions à l'auteur.", "Ce champ est obligatoire."),
])
def test_moderation_without_a_decision_says_what_to_choose_and_keeps_the_question(
        client, gent, language, message, generic):
    feedback = services.feedback_submit(commitment=gent["commitment"], kind="contest",
                                        text=TEXT, email=ANNA)
    services.feedback_confirm(feedback=feedback)
    login(client, gent["coordinator"])
    response = client.post(url("charter:feedback_moderate", feedback.pk, language=language),
                           {"note": "Sinds wanneer telt u twaalf plaatsen?"})
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert page.count(message) == 2  # in the summary at the top and at the choice
    assert generic not in page
    assert "Sinds wanneer telt u twaalf plaatsen?</textarea>" in page
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.SUBMITTED


def test_moderation_shows_the_commitment_as_it_read_when_the_text_was_written(client, gent):
    commitment = gent["commitment"]
    set_target(gent["municipality"], "reception", 24)
    commitment.refresh_from_db()
    said = commitment.action
    feedback = services.feedback_submit(commitment=commitment, kind="contest", text=TEXT,
                                        email=ANNA)
    services.feedback_confirm(feedback=feedback)
    login(client, gent["coordinator"])
    moderate = url("charter:feedback_moderate", feedback.pk, language="en")
    page = client.get(moderate).content.decode()
    assert "The commitment when this text was written" in page
    assert said in page and "24 reception places" in page
    assert "Changed since this text was written" not in page

    # A new council changes the commitment: the contest still answers the old words.
    CouncilTerm.objects.create(name="2019-2024", starts_on=date(2019, 1, 1),
                               ends_on=date(2024, 12, 31))
    services.council_term_start(name="2025-2030", starts_on=date(2025, 1, 1),
                                ends_on=date(2030, 12, 31))
    confirmation = TermConfirmation.objects.get()
    services.term_reconfirm(
        confirmation=confirmation, by=gent["officer"], decision_date=date(2025, 2, 1),
        decision_url="https://gent.be/besluit",
        renewals=[services.RenewalInput(
            commitment=current, outcome="kept" if current.pk != commitment.pk else "changed",
            action="Twaalf plaatsen in een LOI voor minderjarigen", target_number=12,
            target_unit="reception places")
            for current in selectors.current_commitments(gent["municipality"])])
    page = client.get(moderate).content.decode()
    was = page.index("The commitment when this text was written")
    now = page.index("Changed since this text was written:")
    assert was < page.index(said) < page.index("24 reception places") < now
    assert now < page.index("Twaalf plaatsen in een LOI voor minderjarigen")
    assert now < page.index("12 reception places")


def test_existing_texts_get_the_commitment_as_its_history_kept_it():
    from importlib import import_module

    from django.apps import apps

    gent = make_municipality("44021", "Gent", "Gand")
    member(gent)
    commitment = selectors.current_commitments(gent).get(activity__code="reception")
    said = commitment.action
    old = services.feedback_submit(commitment=commitment, kind="contest", text=TEXT, email=ANNA)
    commitment.action = "Twaalf plaatsen"
    commitment.save()
    new = services.feedback_submit(commitment=commitment, kind="confirm", text=TEXT,
                                   email="ben@example.org")
    CommitmentFeedback.objects.update(commitment_action="", commitment_target="")
    import_module("solidair.charter.migrations.0009_feedback_commitment_text") \
        .fill_commitment_text(apps, None)
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.commitment_action, new.commitment_action) == (said, "Twaalf plaatsen")
    assert old.commitment_changed and not new.commitment_changed


def services_rate_limit():
    from solidair.charter.views import FEEDBACK_EMAIL_RATE

    return FEEDBACK_EMAIL_RATE["limit"]


def test_only_current_commitments_of_members_can_be_answered(client, gent):
    assert client.get(respond_url(gent["commitment"], code="schools")).status_code == 404
    make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    assert client.get(url("charter:commitment_respond", "24062", "reception")).status_code == 404


def test_two_unanswered_contests_mark_the_commitment_until_a_reply_or_closing(client, gent):
    commitment, coordinator = gent["commitment"], gent["coordinator"]
    first = published_contest(commitment, days_ago=31, email="one@example.org",
                              name="Piet Peeters", show_name=True)
    second = published_contest(commitment, days_ago=20, email="two@example.org",
                               name="Geheim Persoon")
    assert services.refresh_contested_states() == 0  # the second is only 20 days old
    assert services.refresh_contested_states(now=timezone.now() + timedelta(days=11)) == 1
    commitment.refresh_from_db()
    assert commitment.state == "contested" and commitment.contested_since

    # Names show only where their author allowed it; e-mail addresses never.
    login(client, gent["officer"])
    listing = client.get(url("charter:officer_feedback", "44021")).content.decode()
    assert "Piet Peeters" in listing and "Geheim Persoon" not in listing
    assert "example.org" not in listing
    services.feedback_reply(feedback=first, by=gent["officer"], text="Het LOI opent in mei.")
    commitment.refresh_from_db()
    assert commitment.state != "contested" and commitment.contested_since is None

    # Marked again later; a coordinator closes the unanswered one (outdated).
    third = published_contest(commitment, days_ago=40, email="three@example.org")
    CommitmentFeedback.objects.filter(pk=second.pk).update(
        published_at=timezone.now() - timedelta(days=35))
    out = io.StringIO()
    call_command("check_commitment_contests", stdout=out)
    assert "1 commitments changed state" in out.getvalue()
    commitment.refresh_from_db()
    assert commitment.state == "contested"
    login(client, coordinator)
    page = client.get(url("charter:feedback_moderate", third.pk)).content.decode()
    assert "Close the contest" in page or "Sluit" in page
    assert "three@example.org" not in page
    response = client.post(url("charter:feedback_moderate", third.pk), {"close": "1"})
    assert response.status_code == 302
    third.refresh_from_db()
    assert third.closed_at and third.closed_by == coordinator
    commitment.refresh_from_db()
    assert commitment.state != "contested"


def test_author_deletes_the_text_and_its_mail_everywhere(client, gent):
    feedback = submit_and_confirm(client, gent["commitment"])
    services.feedback_publish(feedback=feedback, by=gent["coordinator"])
    path = link_path(last_mail(ANNA))
    assert "Anna Janssens" not in client.get(path).content.decode()  # the name was not shown
    delete = url("charter:feedback_delete", path.rstrip("/").rsplit("/", 1)[1])
    assert client.get(delete).status_code == 200
    assert CommitmentFeedback.objects.exists()  # opening the link deletes nothing
    assert client.post(delete).status_code == 200
    assert not CommitmentFeedback.objects.exists()
    assert not OutgoingMail.objects.filter(to__icontains=ANNA).exists()
    assert client.get(path).status_code == 404


def test_unknown_and_expired_links_and_the_daily_purge(client, gent):
    assert client.get(url("charter:feedback_manage", "nope")).status_code == 404
    client.post(respond_url(gent["commitment"]), form_data())
    path = link_path(last_mail(ANNA))
    CommitmentFeedback.objects.update(token_expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    call_command("check_commitment_contests", stdout=io.StringIO())
    assert not CommitmentFeedback.objects.exists()


def test_demo_feedback_is_published_once(gent):
    for _ in range(2):
        seed_demo(stdout=io.StringIO())
    demo = CommitmentFeedback.objects.filter(email__endswith="@demo.example.org")
    assert demo.count() == 3
    assert all(feedback.status == FeedbackStatus.PUBLISHED for feedback in demo)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_form_and_its_errors_pass_the_accessibility_check_on_a_phone(live_server, phone_page,
                                                                     axe_check):
    import importlib

    from django.apps import apps

    # A transactional test starts from an empty database: seed the ten activities again.
    importlib.import_module("solidair.charter.migrations.0002_seed_charter").seed_charter(
        apps, None)
    gent = make_municipality("44021", "Gent", "Gand", is_city=True)
    member(gent, since=date(2023, 3, 1))
    commitment = selectors.current_commitments(gent).get(activity__code="reception")
    phone_page.set_viewport_size({"width": 390, "height": 844})
    for language, error in (("nl", "Kies bevestigen of betwisten."),
                            ("fr", "Choisissez confirmer ou contester.")):
        phone_page.goto(live_server.url + respond_url(commitment, language=language))
        axe_check(phone_page)
        phone_page.get_by_role("button", name="Versturen" if language == "nl"
                               else "Envoyer").click()
        assert error in phone_page.content()
        assert phone_page.evaluate("document.documentElement.scrollWidth"
                                   " - document.documentElement.clientWidth") <= 0
        axe_check(phone_page)
