"""How the campaign shows on shared pages: counts, progress, the answer, the ranking link."""

from datetime import date, timedelta

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Schema

from solidair.accounts.permissions import can_edit, can_see_personal_data, is_coordinator
from solidair.campaigns import selectors
from solidair.campaigns.models import Signature, SignatureStatus
from solidair.campaigns.services import municipality_residents_asking, normalize_email
from solidair.campaigns.tokens import new_management_key


class AnswerOut(Schema):
    date: date
    outcome: str


class MunicipalityApiFields(Schema):
    confirmed_signatures: int
    signature_threshold: int
    answer: AnswerOut | None = None


def municipality_api_fields(municipality) -> dict:
    answer = selectors.latest_answer(municipality)
    return {
        "confirmed_signatures": selectors.confirmed_count(municipality),
        "signature_threshold": selectors.threshold_for(municipality),
        "answer": {"date": answer.answered_on, "outcome": answer.outcome} if answer else None,
    }


def municipality_profile_sections(request, municipality) -> list[str]:
    user = getattr(request, "user", None)
    context = {"municipality": municipality, "names": selectors.public_names(municipality),
               "can_record_answer": can_edit(user, municipality),
               "can_change_settings": is_coordinator(user),
               "answer": selectors.latest_answer(municipality),
               "letter_url": selectors.letter_url(municipality),
               **selectors.momentum(municipality)}
    return [render_to_string("campaigns/profile_section.html", context, request=request)]


def nav_items(request) -> list[tuple[str, str]]:
    items = [(_("Residents asking"), reverse("campaigns:ranking"))]
    if is_coordinator(getattr(request, "user", None)):
        items += [(_("Held signatures"), reverse("campaigns:held")),
                  (_("Waiting for an address"), reverse("campaigns:waiting"))]
    return items


def account_links(request, municipality) -> list[tuple[str, str]]:
    """On the officer's account page: the residents of their municipality who asked."""
    if not can_see_personal_data(getattr(request, "user", None), municipality):
        return []
    return [(_("Residents who asked to join"),
             reverse("campaigns:officer_signatories", args=[municipality.nis]))]


DEMO_SIGNERS = {
    "44021": [("An De Smet", "Gent toont elke dag dat solidariteit werkt."), ("Jonas Peeters", ""),
              ("Fatima El Amrani", "Ik werk als vrijwilliger en zie hoe nodig opvang is."),
              ("Lotte Maes", "")],
    "24062": [("Pieter Claes", "Leuven kan nog meer opvangplaatsen maken."),
              ("Sara Janssens", "")],
    "44088": [("Wim Van Damme", ""), ("Ellen Wouters", "Merelbeke-Melle, doe mee!"),
              ("Koen Hermans", "")],
}


def seed_demo(*, stdout) -> None:
    """A few confirmed demo co-signatures (idempotent: keyed by municipality and address)."""
    from solidair.places.models import Municipality

    created = 0
    for nis, signers in DEMO_SIGNERS.items():
        municipality = Municipality.objects.filter(nis=nis).first()
        postal_code = municipality and municipality.postal_codes.first()
        if municipality is None or postal_code is None:
            continue
        for index, (name, message) in enumerate(signers):
            email = f"demo.{nis}.{index}@example.org"
            _signature, was_created = Signature.objects.get_or_create(
                municipality=municipality, email_normalized=normalize_email(email),
                defaults={
                    "name": name, "email": email, "postal_code": postal_code.code,
                    "message": message, "show_name_publicly": index % 2 == 0,
                    "consent_text": "Demo", "consent_version": "demo", "language": "nl",
                    "status": SignatureStatus.CONFIRMED,
                    "confirmed_at": timezone.now() - timedelta(days=index),
                    "management_key": new_management_key(), "is_demo": True})
            created += was_created
        municipality_residents_asking(municipality=municipality)
    stdout.write(f"campaigns: {created} demo co-signatures added\n")


BENCH_MESSAGES = ["", "Solidariteit begint in onze eigen gemeente.", "",
                  "Notre commune peut accueillir davantage, et mieux."]


def seed_bench(*, sizes: dict, stdout) -> None:
    """Tops the confirmed benchmark co-signatures up to `sizes["confirmed_signatures"]`,
    spread unevenly over the municipalities. Marked `consent_version="bench"`, `is_demo`."""
    from bench.seed import bench_municipalities, bulk_insert, spread

    target = sizes["confirmed_signatures"]
    have = Signature.objects.filter(consent_version="bench").count()
    municipalities = bench_municipalities()
    if have >= target or not municipalities:
        stdout.write(f"campaigns: {have} bench co-signatures already\n")
        return
    now = timezone.now()
    fields = ["municipality_id", "name", "email", "email_normalized", "postal_code", "phone",
              "message", "wants_to_volunteer", "show_name_publicly", "share_email_with_council",
              "consent_text", "consent_version", "language", "status", "management_key",
              "source_hash", "created_at", "confirmed_at", "is_demo"]

    def rows():
        for n in range(have, target):
            nis, postal_code = municipalities[spread(n, len(municipalities))]
            email = f"bench-{n}@bench.invalid"
            signed_at = now - timedelta(minutes=n % 500_000)
            yield (nis, f"Bench Signer {n}", email, email, postal_code, "",
                   BENCH_MESSAGES[n % len(BENCH_MESSAGES)], n % 7 == 0, n % 3 == 0, n % 5 == 0,
                   "bench", "bench", "fr" if n % 3 == 2 else "nl", SignatureStatus.CONFIRMED.value,
                   "bench", "", signed_at, signed_at, True)

    written = bulk_insert(Signature, fields, rows())
    stdout.write(f"campaigns: {written} bench co-signatures added ({target} in all)\n")
