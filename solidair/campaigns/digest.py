"""The letter attached to a council's digest, built by the mail worker when it sends."""

from solidair.campaigns.models import Delivery


def digest_cosigners(delivery: Delivery) -> list[tuple[str, str]]:
    """(name, personal paragraph) of each co-signatory still in this delivery, in signing order.

    A signer who deleted their signature in the meantime is left out.
    """
    return [(signature.name, signature.message)
            for signature in delivery.signatures.order_by("confirmed_at", "pk")]


def digest_letter_attachment(*, delivery_id: int, language: str) -> tuple[str, bytes, str]:
    from solidair.documents.letter import letter_pdf  # built by the documents app

    delivery = Delivery.objects.select_related("municipality").get(pk=delivery_id)
    pdf = letter_pdf(municipality=delivery.municipality, language=language,
                     cosigners=digest_cosigners(delivery))
    filename = f"letter-{delivery.municipality_id}-{delivery.created_at:%Y-%m-%d}.pdf"
    return filename, pdf, "application/pdf"
