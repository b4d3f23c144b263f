"""Demo content for `make run`: confirmed co-signatures for municipalities that are not members.
Idempotent.
"""

from datetime import timedelta

from django.utils import timezone

from solidair.campaigns.models import Signature, SignatureStatus
from solidair.campaigns.services import municipality_residents_asking, normalize_email
from solidair.campaigns.tokens import new_management_key
from solidair.places.models import MunicipalityStatus

# Residents asking municipalities that are not members (the places demo moves these along;
# a member is never asked to join): (name, personal paragraph, the signer's language).
DEMO_SIGNERS = {
    "11002": [("An De Smet", "Antwerpen kan tonen dat solidariteit werkt.", "nl"),
              ("Jonas Peeters", "", "nl"),
              ("Fatima El Amrani", "Ik werk als vrijwilliger en zie hoe nodig opvang is.", "nl"),
              ("Lotte Maes", "", "nl")],
    "62063": [("Camille Dubois", "Liège a toujours été une ville d’accueil.", "fr"),
              ("Mehdi Lambert", "", "fr"), ("Julie Renard", "", "fr")],
    "92094": [("Sophie Leclercq", "", "fr"),
              ("Thomas Marchal", "Namur, rejoins le réseau !", "fr")],
    "21004": [("Pieter Claes", "Brussel kan nog meer opvangplaatsen maken.", "nl"),
              ("Amira Haddad", "", "fr"), ("Sara Janssens", "", "nl")],
    "73111": [("Wim Van Damme", "", "nl"), ("Ellen Wouters", "Tongeren-Borgloon, doe mee!", "nl")],
    "57081": [("Nathalie Dupont", "", "fr"), ("Koen Hermans", "", "nl")],
}


def seed_demo(*, stdout) -> None:
    """A few confirmed demo co-signatures (idempotent: keyed by municipality and address), for
    municipalities that are not members: the same rules as real signatures."""
    from solidair.places.models import Municipality

    created = 0
    for nis, signers in DEMO_SIGNERS.items():
        municipality = Municipality.objects.filter(nis=nis).first()
        postal_code = municipality and municipality.postal_codes.first()
        if (municipality is None or postal_code is None
                or municipality.status == MunicipalityStatus.MEMBER):
            continue
        for index, (name, message, language) in enumerate(signers):
            email = f"demo.{nis}.{index}@example.org"
            _signature, was_created = Signature.objects.get_or_create(
                municipality=municipality, email_normalized=normalize_email(email),
                defaults={
                    "name": name, "email": email, "postal_code": postal_code.code,
                    "message": message, "show_name_publicly": index % 2 == 0,
                    "consent_text": "Demo", "consent_version": "demo", "language": language,
                    "status": SignatureStatus.CONFIRMED,
                    "confirmed_at": timezone.now() - timedelta(days=index),
                    "management_key": new_management_key(), "is_demo": True})
            created += was_created
        municipality_residents_asking(municipality=municipality)
    stdout.write(f"campaigns: {created} demo co-signatures added\n")
